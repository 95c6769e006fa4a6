//! The few words documents print around the data, in the languages organizers print in.
//! (The window's catalogs are in ui/messages; these are the PDFs'.)

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub lang: &'static str,
}

impl Words {
    /// English, Farsi or Spanish; anything else prints in English.
    pub fn new(lang: &str) -> Words {
        Words {
            lang: match lang {
                "fa" => "fa",
                "es" => "es",
                _ => "en",
            },
        }
    }

    pub fn page_of(&self, i: usize, n: usize) -> String {
        match self.lang {
            "fa" => format!("صفحهٔ {} از {}", persian_digits(i), persian_digits(n)),
            "es" => format!("página {i} de {n}"),
            _ => format!("page {i} of {n}"),
        }
    }

    pub fn and_others(&self, others: i64, countries: i64) -> String {
        match self.lang {
            "fa" => format!(
                "و {} نفر دیگر از {} کشور",
                persian_digits(others),
                persian_digits(countries)
            ),
            "es" if countries == 1 => format!("y {others} personas más de 1 país"),
            "es" => format!("y {others} personas más de {countries} países"),
            _ if countries == 1 && others == 1 => "and 1 other from 1 country".to_owned(),
            _ if countries == 1 => format!("and {others} others from 1 country"),
            _ if others == 1 => format!("and 1 other from {countries} countries"),
            _ => format!("and {others} others from {countries} countries"),
        }
    }
}

/// A label a document prints, in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    When,
    Where,
    Online,
    Program,
    Cosponsors,
    Causes,
    Contact,
    ScanForDetails,
    TimeZone,
    Sheet,
    Name,
    Email,
    City,
    Country,
    ShowNameAs,
    FullName,
    NameAndCity,
    Initials,
    NotShown,
    ContactMe,
    RowsFilled,
    CollectedBy,
    Date,
    DoorList,
    Arrived,
    Party,
    Note,
    Going,
    Maybe,
    Waitlist,
    Expected,
}

impl Words {
    pub fn label(&self, l: Label) -> &'static str {
        use Label::*;
        let [en, fa, es] = match l {
            When => ["When", "زمان", "Cuándo"],
            Where => ["Where", "مکان", "Dónde"],
            Online => ["Online", "آنلاین", "En línea"],
            Program => [
                "Program and speakers",
                "برنامه و سخنرانان",
                "Programa y oradores",
            ],
            Cosponsors => ["Co-sponsored by", "با همکاری", "Con el apoyo de"],
            Causes => ["Standing with", "در همبستگی با", "En solidaridad con"],
            Contact => ["Contact", "تماس", "Contacto"],
            ScanForDetails => [
                "Scan for details",
                "برای جزئیات اسکن کنید",
                "Escanee para más información",
            ],
            TimeZone => ["time zone", "منطقهٔ زمانی", "zona horaria"],
            Sheet => ["Sheet", "برگهٔ", "Hoja"],
            Name => ["Name", "نام", "Nombre"],
            Email => ["Email", "ایمیل", "Correo electrónico"],
            City => ["City", "شهر", "Ciudad"],
            Country => ["Country", "کشور", "País"],
            ShowNameAs => [
                "Show my name as",
                "نام من چگونه نمایش داده شود",
                "Mostrar mi nombre como",
            ],
            FullName => ["Full name", "نام کامل", "Nombre completo"],
            NameAndCity => ["Name and city", "نام و شهر", "Nombre y ciudad"],
            Initials => ["Initials", "حروف اول", "Iniciales"],
            NotShown => ["Not shown", "نمایش داده نشود", "No mostrar"],
            ContactMe => ["Contact me", "با من تماس بگیرید", "Contáctenme"],
            RowsFilled => [
                "Rows filled on this sheet:",
                "تعداد ردیف‌های پرشده در این برگه:",
                "Filas llenadas en esta hoja:",
            ],
            CollectedBy => ["Collected by", "جمع‌آوری توسط", "Recogido por"],
            Date => ["Date", "تاریخ", "Fecha"],
            DoorList => ["Door list", "فهرست ورودی", "Lista de entrada"],
            Arrived => ["Here", "آمد", "Llegó"],
            Party => ["Party", "نفرات", "Personas"],
            Note => ["Note", "یادداشت", "Nota"],
            Going => ["Going", "می‌آیند", "Asisten"],
            Maybe => ["Maybe", "شاید", "Quizás"],
            Waitlist => ["Waitlist", "فهرست انتظار", "Lista de espera"],
            Expected => ["people expected", "نفر انتظار می‌رود", "personas esperadas"],
        };
        match self.lang {
            "fa" => fa,
            "es" => es,
            _ => en,
        }
    }

    /// "Europe/Berlin time zone": whose clock the hours are on.
    pub fn zone(&self, tz: &str) -> String {
        match self.lang {
            "fa" | "es" => format!("{} {tz}", self.label(Label::TimeZone)),
            _ => format!("{tz} {}", self.label(Label::TimeZone)),
        }
    }

    /// A number as this language writes it.
    pub fn number(&self, n: impl std::fmt::Display) -> String {
        if self.lang == "fa" {
            persian_digits(n)
        } else {
            n.to_string()
        }
    }

    pub fn rtl(&self) -> bool {
        self.lang == "fa"
    }

    /// "Saturday, January 9, 2027" on the event's own wall clock. In Farsi the Solar Hijri date,
    /// with the Gregorian one beside it: "شنبه، ۱۹ دی ۱۴۰۵ (۹ ژانویه ۲۰۲۷)".
    pub fn date(&self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let wd = d.weekday().num_days_from_monday() as usize;
        let m = d.month0() as usize;
        match self.lang {
            "fa" => format!(
                "{}، {} ({} {} {})",
                FA_DAYS[wd],
                solar_hijri_date(d),
                persian_digits(d.day()),
                FA_MONTHS[m],
                persian_digits(d.year())
            ),
            "es" => format!(
                "{} {} de {} de {}",
                ES_DAYS[wd],
                d.day(),
                ES_MONTHS[m],
                d.year()
            ),
            _ => format!(
                "{}, {} {}, {}",
                EN_DAYS[wd],
                EN_MONTHS[m],
                d.day(),
                d.year()
            ),
        }
    }

    /// "1:00 PM" in English, "13:00" in Spanish and (with Persian digits) in Farsi.
    pub fn time(&self, t: chrono::NaiveTime) -> String {
        use chrono::Timelike;
        match self.lang {
            "fa" => persian_digits(t.format("%H:%M")),
            "es" => t.format("%H:%M").to_string(),
            _ => {
                let (pm, h) = t.hour12();
                format!("{h}:{:02} {}", t.minute(), if pm { "PM" } else { "AM" })
            }
        }
    }

    /// The date and the hours of an event, from its wall-clock start and end.
    pub fn when(&self, start: chrono::NaiveDateTime, end: Option<chrono::NaiveDateTime>) -> String {
        let mut out = format!(
            "{}{} {}",
            self.date(start.date()),
            if self.lang == "fa" {
                "، ساعت"
            } else {
                ","
            },
            self.time(start.time())
        );
        if let Some(end) = end {
            let to = if self.lang == "fa" { " تا " } else { " – " };
            out.push_str(to);
            if end.date() != start.date() {
                out.push_str(&self.date(end.date()));
                out.push_str(", ");
            }
            out.push_str(&self.time(end.time()));
        }
        out
    }
}

const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ES_DAYS: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const FA_DAYS: [&str; 7] = [
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
    "شنبه",
    "یکشنبه",
];
/// "۱۹ دی ۱۴۰۵": a Gregorian date in the Solar Hijri calendar, Iran's and Afghanistan's, by
/// ICU4X's Persian calendar. A date ICU cannot take (out of its range) is given as the
/// Gregorian date in Persian digits.
pub fn solar_hijri_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let Ok(iso) = icu_calendar::Date::try_new_iso(d.year(), d.month() as u8, d.day() as u8) else {
        return persian_digits(d.format("%Y/%m/%d"));
    };
    let solar = iso.to_calendar(icu_calendar::cal::Persian::new());
    let month = usize::from(solar.month().ordinal).clamp(1, 12) - 1;
    format!(
        "{} {} {}",
        persian_digits(solar.day_of_month().0),
        FA_SOLAR_MONTHS[month],
        persian_digits(solar.era_year().year)
    )
}

/// The Solar Hijri months, Farvardin to Esfand.
const FA_SOLAR_MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

// The Gregorian months as Persian speakers abroad write them.
pub(crate) const FA_MONTHS: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// Digits as a Persian reader expects them (۰۱۲۳۴۵۶۷۸۹).
pub fn persian_digits(n: impl std::fmt::Display) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map_or(c, |d| char::from_u32(0x06F0 + d).unwrap_or(c))
        })
        .collect()
}
