//! The words the reports and receipts print around their figures, in English, Farsi and
//! Spanish, and amounts as each language writes them (grouped thousands, the currency's code
//! after). The flyer's and sheets' words are in words.rs.

use super::words::{persian_digits, Words};

/// A word or phrase of a report or receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    SignersReport,
    AllAppeals,
    Signatures,
    People,
    Countries,
    ByAppeal,
    ByCountry,
    ByWeek,
    BySource,
    ByEvent,
    Prominent,
    NoCountry,
    AttendanceReport,
    Answers,
    Places,
    Arrived,
    WalkIns,
    NoShows,
    CheckedIn,
    SignaturesGathered,
    MoneyTaken,
    CashBox,
    Float,
    Expected,
    Counted,
    Difference,
    CountedBy,
    NotCounted,
    FundraisingReport,
    Goal,
    Raised,
    Fees,
    Spent,
    Balance,
    Gifts,
    ByMonth,
    ByMethod,
    Unrestricted,
    PerCurrency,
    Funds,
    NoDonorsNamed,
    Period,
    Ledger,
    Date,
    Party,
    Fund,
    Method,
    Amount,
    Effect,
    FundBalance,
    Void,
    Expense,
    Gift,
    Anonymous,
    NoEntries,
    Receipt,
    ReceiptNumber,
    Copy,
    VoidReceipt,
    Donor,
    Received,
    InKind,
    NoGoods,
    GoodsGiven,
    GoodsValue,
    Deductible,
    NotExempt,
    TaxId,
    AnnualSummary,
    Total,
    NotYetNumbered,
    NoGifts,
    Status,
    Of,
    Sales,
    CashGifts,
    RaisedPerEvent,
    GoodsListed,
    NoGoodsAll,
    Receipts,
    /// A receipt, in a file's name.
    ReceiptFile,
    /// A chart's last bar, after a count: "25 others".
    Others,
}

impl Words {
    pub fn term(&self, t: Term) -> &'static str {
        use Term::*;
        let [en, fa, es] = match t {
            ReceiptFile => ["Receipt", "رسید", "Recibo"],
            Others => ["others", "مورد دیگر", "más"],
            Receipts => ["Receipts", "رسیدها", "Recibos"],
            SignersReport => ["Signers report", "گزارش امضاکنندگان", "Informe de firmantes"],
            AllAppeals => ["All appeals", "همهٔ فراخوان‌ها", "Todos los llamamientos"],
            Signatures => ["Signatures", "امضاها", "Firmas"],
            People => ["People", "نفر", "Personas"],
            Countries => ["Countries", "کشورها", "Países"],
            ByAppeal => ["Signatures per appeal", "امضا در هر فراخوان", "Firmas por llamamiento"],
            ByCountry => ["Signers per country", "امضاکنندگان در هر کشور", "Firmantes por país"],
            ByWeek => ["Signatures per week", "امضا در هر هفته", "Firmas por semana"],
            BySource => ["How they signed", "شیوهٔ امضا", "Cómo firmaron"],
            ByEvent => ["Signed at events", "امضا در رویدادها", "Firmas en eventos"],
            Prominent => ["Prominent signers", "امضاکنندگان سرشناس", "Firmantes destacados"],
            NoCountry => ["(no country given)", "(بدون کشور)", "(sin país)"],
            AttendanceReport => ["Attendance", "گزارش حضور", "Asistencia"],
            Answers => ["Answers", "پاسخ‌ها", "Respuestas"],
            Places => ["Places taken by those going", "جای رزروشده", "Plazas de quienes asisten"],
            Arrived => ["People who came", "نفرات حاضر", "Personas que vinieron"],
            WalkIns => ["Walk-ins", "بدون ثبت‌نام قبلی", "Sin inscripción previa"],
            NoShows => ["No-shows", "نیامدند", "No se presentaron"],
            CheckedIn => ["Answers checked in", "پاسخ‌های ثبت‌ورود", "Respuestas registradas"],
            SignaturesGathered => ["Signatures gathered", "امضاهای جمع‌آوری‌شده", "Firmas recogidas"],
            MoneyTaken => ["Money taken at the event", "پول دریافتی در رویداد", "Dinero recibido en el evento"],
            CashBox => ["Cash box", "صندوق نقدی", "Caja"],
            Float => ["Float", "موجودی اولیه", "Fondo inicial"],
            Expected => ["Expected", "مورد انتظار", "Esperado"],
            Counted => ["Counted", "شمارش‌شده", "Contado"],
            Difference => ["Difference", "اختلاف", "Diferencia"],
            CountedBy => ["Counted by", "شمارش توسط", "Contado por"],
            NotCounted => ["not counted yet", "هنوز شمارش نشده", "aún sin contar"],
            FundraisingReport => [
                "Report on the campaign's fundraising",
                "گزارش جمع‌آوری کمک‌های مالی",
                "Informe de la recaudación de fondos",
            ],
            Goal => ["Goal", "هدف", "Meta"],
            Raised => ["Raised", "جمع‌آوری‌شده", "Recaudado"],
            Fees => ["Fees", "کارمزد", "Comisiones"],
            Spent => ["Spent", "هزینه‌شده", "Gastado"],
            Balance => ["Balance", "مانده", "Saldo"],
            Gifts => ["Gifts", "کمک‌ها", "Donaciones"],
            ByMonth => ["Raised per month", "جمع‌آوری در هر ماه", "Recaudado por mes"],
            ByMethod => ["Raised per method", "جمع‌آوری به تفکیک روش", "Recaudado por medio de pago"],
            Unrestricted => ["Not given to a fund", "بدون صندوق مشخص", "Sin fondo asignado"],
            PerCurrency => ["Money per currency", "پول به تفکیک ارز", "Dinero por moneda"],
            Funds => ["Funds", "صندوق‌ها", "Fondos"],
            NoDonorsNamed => [
                "No donor is named in this report. Amounts in different currencies are never added together.",
                "در این گزارش نام هیچ اهداکننده‌ای نیامده است. مبالغ ارزهای مختلف هرگز با هم جمع نمی‌شوند.",
                "Este informe no nombra a ningún donante. Los montos en monedas distintas nunca se suman.",
            ],
            Period => ["Period", "دوره", "Período"],
            Ledger => ["Treasurer's ledger", "دفتر خزانه‌دار", "Libro del tesorero"],
            Date => ["Date", "تاریخ", "Fecha"],
            Party => ["From / to", "از / به", "De / para"],
            Fund => ["Fund", "صندوق", "Fondo"],
            Method => ["Method", "روش", "Medio"],
            Amount => ["Amount", "مبلغ", "Monto"],
            Effect => ["In / out", "ورود / خروج", "Entrada / salida"],
            FundBalance => ["Fund balance", "ماندهٔ صندوق", "Saldo del fondo"],
            Void => ["VOID", "باطل", "ANULADO"],
            Expense => ["Expense", "هزینه", "Gasto"],
            Gift => ["Gift", "کمک", "Donación"],
            Anonymous => ["Anonymous", "ناشناس", "Anónimo"],
            NoEntries => ["No entries in this period.", "در این دوره موردی نیست.", "No hay movimientos en este período."],
            Receipt => ["Acknowledgement of your gift", "رسید کمک شما", "Acuse de recibo de su donación"],
            ReceiptNumber => ["Receipt number", "شمارهٔ رسید", "Número de recibo"],
            Copy => ["COPY", "رونوشت", "COPIA"],
            VoidReceipt => [
                "VOID: this receipt no longer stands",
                "باطل: این رسید دیگر معتبر نیست",
                "ANULADO: este recibo ya no es válido",
            ],
            Donor => ["Donor", "اهداکننده", "Donante"],
            Received => ["Received on", "تاریخ دریافت", "Recibido el"],
            InKind => ["Gift in kind", "کمک غیرنقدی", "Donación en especie"],
            NoGoods => [
                "No goods or services were provided in return for this gift.",
                "در برابر این کمک هیچ کالا یا خدمتی ارائه نشده است.",
                "No se entregaron bienes ni servicios a cambio de esta donación.",
            ],
            GoodsGiven => [
                "In return for this payment you received",
                "در برابر این پرداخت دریافت کردید",
                "A cambio de este pago usted recibió",
            ],
            GoodsValue => [
                "Our good-faith estimate of their value",
                "برآورد ما از ارزش آن",
                "Nuestra estimación de buena fe de su valor",
            ],
            Deductible => [
                "The part of your payment that may be deductible",
                "بخشی از پرداخت شما که ممکن است قابل کسر باشد",
                "La parte de su pago que puede ser deducible",
            ],
            NotExempt => [
                "Our organization is not tax-exempt: gifts to it are not tax-deductible.",
                "سازمان ما معاف از مالیات نیست: کمک به آن از مالیات کسر نمی‌شود.",
                "Nuestra organización no está exenta de impuestos: las donaciones no son deducibles.",
            ],
            TaxId => ["Tax id", "شناسهٔ مالیاتی", "Identificación fiscal"],
            AnnualSummary => ["Your gifts in", "کمک‌های شما در سال", "Sus donaciones en"],
            Total => ["Total", "جمع", "Total"],
            NotYetNumbered => [
                "numbered when saved",
                "هنگام ذخیره شماره می‌گیرد",
                "se numera al guardar",
            ],
            NoGifts => ["No gifts in this year.", "در این سال کمکی ثبت نشده است.", "No hay donaciones en este año."],
            Status => ["Status", "وضعیت", "Estado"],
            Of => ["of", "از", "de"],
            Sales => ["Cash sales", "فروش نقدی", "Ventas en efectivo"],
            CashGifts => ["Cash gifts", "کمک‌های نقدی", "Donaciones en efectivo"],
            RaisedPerEvent => ["Raised per event", "جمع‌آوری در هر رویداد", "Recaudado por evento"],
            GoodsListed => [
                "Where goods or services were given in return, they are listed with our good-faith estimate of their value; no goods or services were given for the other gifts.",
                "هر جا در برابر پرداخت کالا یا خدمتی داده شده، با برآورد ما از ارزش آن آمده است؛ برای دیگر کمک‌ها هیچ کالا یا خدمتی داده نشده است.",
                "Cuando se entregaron bienes o servicios a cambio, figuran con nuestra estimación de buena fe de su valor; por las demás donaciones no se entregó nada.",
            ],
            NoGoodsAll => [
                "No goods or services were provided in return for these gifts.",
                "در برابر این کمک‌ها هیچ کالا یا خدمتی ارائه نشده است.",
                "No se entregaron bienes ni servicios a cambio de estas donaciones.",
            ],
        };
        match self.lang {
            "fa" => fa,
            "es" => es,
            _ => en,
        }
    }

    /// A way of paying, a source of signatures or an answer's status, as a reader says it.
    pub fn kind_name(&self, key: &str) -> String {
        let [en, fa, es] = match key {
            "cash" => ["Cash", "نقدی", "Efectivo"],
            "check" => ["Check", "چک", "Cheque"],
            "card" => ["Card", "کارت", "Tarjeta"],
            "transfer" => ["Bank transfer", "انتقال بانکی", "Transferencia"],
            "online" => ["Online", "آنلاین", "En línea"],
            "in_kind" => ["In kind", "غیرنقدی", "En especie"],
            "other" => ["Other", "دیگر", "Otro"],
            "table" => ["At a table", "پای میز", "En una mesa"],
            "paper" => ["On paper sheets", "روی برگهٔ کاغذی", "En hojas de papel"],
            "import" => ["Imported", "واردشده", "Importadas"],
            "manual" => ["Typed in", "واردشده با دست", "Escritas a mano"],
            "accepted" => ["Going", "می‌آیند", "Asisten"],
            "tentative" => ["Maybe", "شاید", "Quizás"],
            "declined" => ["Not going", "نمی‌آیند", "No asisten"],
            "needs_action" => ["Not answered", "بی‌پاسخ", "Sin respuesta"],
            "waitlisted" => ["Waitlist", "فهرست انتظار", "Lista de espera"],
            "cancelled" => ["Cancelled", "لغوشده", "Canceladas"],
            other => return other.to_owned(),
        };
        match self.lang {
            "fa" => fa,
            "es" => es,
            _ => en,
        }
        .to_owned()
    }

    /// One of our own lines that may begin with a figure or a currency's code ("1,200.00 USD
    /// of 5,000.00 USD"), set in this language's direction: a right-to-left mark first in
    /// Farsi, so the line is not taken for left-to-right text by its first letters.
    pub fn line(&self, text: &str) -> String {
        if self.rtl() {
            format!("\u{200F}{text}")
        } else {
            text.to_owned()
        }
    }

    /// A person's words inside one of our sentences, isolated (FSI … PDI) so their own
    /// direction holds: "500 flyers" after a Persian label keeps its number in front.
    pub fn isolate(&self, text: &str) -> String {
        format!("\u{2068}{text}\u{2069}")
    }

    /// An amount from money::format ("-1234.50") with grouped thousands, as this language
    /// writes it, and the currency's code: "1,234.50 USD", "1.234,50 USD", "۱٬۲۳۴٫۵۰ USD".
    pub fn amount(&self, decimal: &str, currency: &str) -> String {
        format!("{} {currency}", self.figure(decimal))
    }

    /// A count or a decimal figure with grouped thousands, in this language's digits.
    pub fn figure(&self, decimal: &str) -> String {
        let (sign, digits) = match decimal.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", decimal),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        let (group, point) = match self.lang {
            "fa" => ('\u{066C}', '\u{066B}'),
            "es" => ('.', ','),
            _ => (',', '.'),
        };
        let mut grouped = String::new();
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(ch);
        }
        let mut out = format!("{sign}{grouped}");
        if let Some(f) = fraction {
            out.push(point);
            out.push_str(f);
        }
        if self.lang == "fa" {
            persian_digits(out)
        } else {
            out
        }
    }

    /// A date kept as YYYY-MM-DD (or a longer timestamp), in this language; as given when it
    /// is not one.
    pub fn day(&self, iso: &str) -> String {
        match chrono::NaiveDate::parse_from_str(iso.get(..10).unwrap_or(iso), "%Y-%m-%d") {
            Ok(d) => self.short_date(d),
            Err(_) => iso.to_owned(),
        }
    }

    /// "March 9, 2024", "9 de marzo de 2024", "۱۹ اسفند ۱۴۰۲ (۹ مارس ۲۰۲۴)": a date in a table,
    /// without the weekday.
    pub fn short_date(&self, d: chrono::NaiveDate) -> String {
        let full = self.date(d);
        // The long form starts with the weekday: "Saturday, …", "sábado 9 de …", "شنبه، …".
        let rest = match self.lang {
            "es" => full.split_once(' ').map(|(_, r)| r),
            "fa" => full.split_once("، ").map(|(_, r)| r),
            _ => full.split_once(", ").map(|(_, r)| r),
        };
        rest.map(str::to_owned).unwrap_or(full)
    }

    /// A month kept as YYYY-MM ("2024-03"), for a chart's label: "Mar 2024".
    pub fn month(&self, ym: &str) -> String {
        match chrono::NaiveDate::parse_from_str(&format!("{ym}-01"), "%Y-%m-%d") {
            Ok(d) => {
                let day = self.short_date(d);
                // Drop the day: "March 1, 2024" → "March 2024"; "1 de marzo de 2024" →
                // "marzo de 2024"; "۱ مارس ۲۰۲۴" → "مارس ۲۰۲۴".
                match self.lang {
                    // The books' months are Gregorian months (as in the window): named so.
                    "fa" => {
                        use chrono::Datelike;
                        format!(
                            "{} {}",
                            super::words::FA_MONTHS[d.month0() as usize],
                            persian_digits(d.year())
                        )
                    }
                    "en" => match day.split(' ').collect::<Vec<_>>().as_slice() {
                        [m, _, y] => format!("{m} {y}"),
                        _ => day,
                    },
                    "es" => day
                        .split_once(" de ")
                        .map_or(day.clone(), |(_, r)| r.to_owned()),
                    _ => day
                        .split_once(' ')
                        .map_or(day.clone(), |(_, r)| r.to_owned()),
                }
            }
            Err(_) => ym.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_grouped_as_each_language_writes_them() {
        assert_eq!(Words::new("en").amount("14000.00", "USD"), "14,000.00 USD");
        assert_eq!(Words::new("en").amount("-120.00", "USD"), "-120.00 USD");
        assert_eq!(
            Words::new("es").amount("1234567.5", "COP"),
            "1.234.567,5 COP"
        );
        assert_eq!(Words::new("fa").amount("1234.50", "EUR"), "۱٬۲۳۴٫۵۰ EUR");
        assert_eq!(Words::new("en").figure("999"), "999");
    }

    #[test]
    fn dates_and_months_without_the_weekday() {
        let en = Words::new("en");
        assert_eq!(en.day("2024-03-09"), "March 9, 2024");
        assert_eq!(en.month("2024-03"), "March 2024");
        assert_eq!(Words::new("es").day("2024-03-09"), "9 de marzo de 2024");
        assert_eq!(Words::new("es").month("2024-03"), "marzo de 2024");
        assert_eq!(Words::new("fa").month("2024-03"), "مارس ۲۰۲۴");
        // Nowruz 1403 fell on 20 March 2024; 9 March was still 19 Esfand 1402.
        assert_eq!(
            Words::new("fa").day("2024-03-20"),
            "۱ فروردین ۱۴۰۳ (۲۰ مارس ۲۰۲۴)"
        );
        assert_eq!(
            Words::new("fa").day("2024-03-09"),
            "۱۹ اسفند ۱۴۰۲ (۹ مارس ۲۰۲۴)"
        );
        assert_eq!(
            Words::new("fa").date(chrono::NaiveDate::from_ymd_opt(2027, 1, 9).unwrap()),
            "شنبه، ۱۹ دی ۱۴۰۵ (۹ ژانویه ۲۰۲۷)"
        );
        assert_eq!(en.day("not a date"), "not a date");
    }
}
