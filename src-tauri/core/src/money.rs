//! Amounts of money: an integer count of the currency's minor unit beside an ISO 4217 code.
//! Never a float, also not on the way to the window: amounts leave core as decimal strings.

use crate::error::{Error, Result};
use crate::messages::Message;

/// ISO 4217 currencies whose minor unit is not the hundredth. All others have two decimals.
const EXPONENTS: &[(&str, u32)] = &[
    ("BHD", 3),
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("PYG", 0),
    ("RWF", 0),
    ("TND", 3),
    ("UGX", 0),
    ("UYI", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
];

/// How many decimals the currency's minor unit has (2 for USD and EUR, 0 for JPY, 3 for KWD).
pub fn decimals(currency: &str) -> u32 {
    EXPONENTS
        .iter()
        .find(|(code, _)| *code == currency)
        .map_or(2, |(_, d)| *d)
}

/// A currency code as typed, checked and upper-cased: `eur` becomes `EUR`.
pub fn currency_code(value: &str) -> Result<String> {
    crate::text::letter_code(value, 3, "not_currency_code")
}

/// Minor units as a plain decimal string without grouping: `format(1400000, "USD") == "14000.00"`.
/// This is the form amounts take in JSON; the window formats it for the reader's locale.
pub fn format(amount_minor: i64, currency: &str) -> String {
    let digits = decimals(currency);
    let sign = if amount_minor < 0 { "-" } else { "" };
    let magnitude = amount_minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{magnitude}");
    }
    let scale = 10u64.pow(digits);
    format!(
        "{sign}{}.{:0width$}",
        magnitude / scale,
        magnitude % scale,
        width = digits as usize
    )
}

/// The mark a reader's locale puts before the decimals: "1,500.00" in English, "1.500,00" in
/// German or Spanish. The window sends its locale's; scripts and files use the point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
pub enum DecimalMark {
    #[default]
    #[serde(rename = ".")]
    Point,
    #[serde(rename = ",")]
    Comma,
}

impl DecimalMark {
    fn chars(self) -> (char, char) {
        match self {
            DecimalMark::Point => ('.', ','),
            DecimalMark::Comma => (',', '.'),
        }
    }
}

/// The largest single amount an entry takes: a billion in the major unit. Anything bigger is a
/// typing slip, and sums of a few million such entries still fit in an i64.
pub const MAX_MAJOR: i64 = 1_000_000_000;

/// An amount as typed ("12", "12.50", "1,500.00") in minor units of `currency`, decimals after a
/// point. See [`parse_typed`].
pub fn parse_amount(
    field: &'static str,
    typed: &str,
    currency: &str,
    zero_ok: bool,
) -> Result<i64> {
    parse_typed(field, typed, currency, DecimalMark::Point, zero_ok)
}

/// An amount as a person types it in their locale: "1,500.00" or "1.500,00" (`mark`), with
/// spaces or apostrophes as thousands groups too ("1 500,00", "1'500.00"), in minor units of
/// `currency`. Refused, naming the field: a sign, an exponent, letters, misplaced groups
/// (`bad_amount`); more decimals than the currency has, "12.345 USD" or "1.5 JPY"
/// (`too_precise`); over a billion (`amount_absurd`); zero unless `zero_ok`.
pub fn parse_typed(
    field: &'static str,
    typed: &str,
    currency: &str,
    mark: DecimalMark,
    zero_ok: bool,
) -> Result<i64> {
    let value = typed.trim();
    let refuse = |key: &'static str| {
        Error::Invalid(
            Message::new(key)
                .with("field", field)
                .with("value", value)
                .with("currency", currency),
        )
    };
    let (decimal, group) = mark.chars();
    let (whole, fraction) = match value.split_once(decimal) {
        Some((w, f)) => (w, Some(f)),
        None => (value, None),
    };
    // A group mark may be the locale's, a space (also the narrow no-break space French uses)
    // or an apostrophe (Swiss); one kind in one number.
    let group_mark = [group, ' ', '\u{a0}', '\u{202f}', '\'']
        .into_iter()
        .find(|g| whole.contains(*g));
    let groups: Vec<&str> = match group_mark {
        Some(g) => whole.split(g).collect(),
        None => vec![whole],
    };
    let grouped_well = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits: String = groups.concat();
    if digits.is_empty() || !grouped_well || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse("bad_amount"));
    }
    let places = decimals(currency) as usize;
    let fraction = fraction.unwrap_or("");
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || (value.ends_with(decimal) && places == 0) {
        return Err(refuse("bad_amount"));
    }
    // Even "12.500": a treasurer who typed three decimals may have meant another currency,
    // so it is asked again rather than rounded.
    if fraction.len() > places {
        return Err(refuse("too_precise"));
    }
    let digits = digits.trim_start_matches('0');
    if digits.len() > 10 {
        return Err(refuse("amount_absurd"));
    }
    let whole: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| refuse("bad_amount"))?
    };
    if whole > MAX_MAJOR {
        return Err(refuse("amount_absurd"));
    }
    let scale = 10i64.pow(places as u32);
    let fraction_minor: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<places$}")
            .parse()
            .map_err(|_| refuse("bad_amount"))?
    };
    let minor = whole * scale + fraction_minor;
    if minor == 0 && !zero_ok {
        return Err(Error::Invalid(
            Message::new("amount_zero").with("field", field),
        ));
    }
    Ok(minor)
}

/// A stored decimal string back to minor units: what [`format`] wrote ("14000.00", "-0.125").
/// For files and JSON we wrote; people's typing goes through [`parse_typed`].
pub fn parse_decimal(value: &str, currency: &str) -> Option<i64> {
    let (negative, magnitude) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value),
    };
    let minor = parse_typed("amount", magnitude, currency, DecimalMark::Point, true).ok()?;
    Some(if negative { -minor } else { minor })
}

/// A sum of amounts that says so when it would overflow, rather than wrapping.
pub fn checked_sum(amounts: impl IntoIterator<Item = i64>) -> Result<i64> {
    amounts
        .into_iter()
        .try_fold(0i64, |total, a| total.checked_add(a))
        .ok_or_else(|| Error::invalid("amount_too_large"))
}

/// `a + b`, or the message that the total is too large.
pub fn add(a: i64, b: i64) -> Result<i64> {
    a.checked_add(b)
        .ok_or_else(|| Error::invalid("amount_too_large"))
}

/// `a - b`, or the message that the total is too large.
pub fn sub(a: i64, b: i64) -> Result<i64> {
    a.checked_sub(b)
        .ok_or_else(|| Error::invalid("amount_too_large"))
}

/// An exchange rate as typed: what one unit of a currency is worth in the home currency
/// ("1.0825", at most 8 decimals), kept as digits over a power of ten so that estimates stay
/// integer arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub digits: i64,
    pub scale: u32,
}

impl Rate {
    /// A rate as stored or given to a script: decimals after a point.
    pub fn parse(typed: &str) -> Result<Rate> {
        Rate::parse_typed(typed, DecimalMark::Point)
    }

    /// A rate as a person types it in their locale: "4,000.5" or "4.000,5" (`mark`).
    pub fn parse_typed(typed: &str, mark: DecimalMark) -> Result<Rate> {
        let (decimal, group) = mark.chars();
        let trimmed = typed.trim();
        let (whole, fraction) = trimmed.split_once(decimal).unwrap_or((trimmed, ""));
        let groups: Vec<&str> = whole.split(group).collect();
        let grouped_well = groups.len() == 1
            || (!groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3));
        // Anything misplaced becomes a letter, which the check below refuses.
        let value = if grouped_well && !fraction.contains(group) {
            format!("{}.{fraction}", groups.concat())
        } else {
            "x".to_owned()
        };
        let value = value.trim_end_matches('.').to_owned();
        let refuse = || Error::Invalid(Message::new("bad_rate").with("value", typed.trim()));
        let (whole, fraction) = value.split_once('.').unwrap_or((&value, ""));
        if whole.is_empty() && fraction.is_empty()
            || !whole
                .bytes()
                .chain(fraction.bytes())
                .all(|b| b.is_ascii_digit())
            || fraction.len() > 8
            || whole.len() > 9
        {
            return Err(refuse());
        }
        let digits: i64 = format!("{whole}{fraction}").parse().map_err(|_| refuse())?;
        if digits == 0 {
            return Err(refuse());
        }
        Ok(Rate {
            digits,
            scale: fraction.len() as u32,
        })
    }

    /// The rate as a plain decimal string, "1.0825".
    pub fn text(self) -> String {
        if self.scale == 0 {
            return self.digits.to_string();
        }
        let scale = 10i64.pow(self.scale);
        format!(
            "{}.{:0width$}",
            self.digits / scale,
            self.digits % scale,
            width = self.scale as usize
        )
    }

    /// `minor` units of `from` in minor units of `to`, rounded half away from zero. Computed in
    /// i128, so no product overflows; `None` if the result does not fit an i64.
    pub fn convert(self, minor: i64, from: &str, to: &str) -> Option<i64> {
        let from_scale = 10i128.pow(decimals(from));
        let to_scale = 10i128.pow(decimals(to));
        let numerator = i128::from(minor) * i128::from(self.digits) * to_scale;
        let denominator = 10i128.pow(self.scale) * from_scale;
        let half = denominator / 2;
        let rounded = if numerator >= 0 {
            (numerator + half) / denominator
        } else {
            (numerator - half) / denominator
        };
        i64::try_from(rounded).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_typed_amounts_in_minor_units() {
        assert_eq!(parse_amount("price", "12", "USD", false).unwrap(), 1200);
        assert_eq!(
            parse_amount("price", " 1,500.5 ", "USD", false).unwrap(),
            150_050
        );
        assert_eq!(parse_amount("price", "0.10", "USD", false).unwrap(), 10);
        assert_eq!(parse_amount("price", "2500", "JPY", false).unwrap(), 2500);
        assert_eq!(parse_amount("price", "1.234", "KWD", false).unwrap(), 1234);
        assert_eq!(parse_amount("price", "0", "USD", true).unwrap(), 0);
        for bad in ["", "-5", "1e3", "abc", "1,50", ",500", "1.2.3"] {
            let err = parse_amount("price", bad, "USD", false).unwrap_err();
            assert_eq!(err.message().key(), "bad_amount", "{bad}");
        }
        let key = |typed: &str| {
            parse_amount("price", typed, "USD", false)
                .unwrap_err()
                .message()
                .key()
        };
        assert_eq!(key("12.345"), "too_precise");
        assert_eq!(key("99999999999"), "amount_absurd");
        assert!(parse_amount("price", "1.5", "JPY", false).is_err());
        let err = parse_amount("price", "0.00", "USD", false).unwrap_err();
        assert_eq!(err.message().key(), "amount_zero");
    }

    #[test]
    fn formats_by_the_currency_minor_unit() {
        assert_eq!(format(1_400_000, "USD"), "14000.00");
        assert_eq!(format(5, "EUR"), "0.05");
        assert_eq!(format(-1234, "GBP"), "-12.34");
        assert_eq!(format(2500, "JPY"), "2500");
        assert_eq!(format(1_234_567, "KWD"), "1234.567");
        assert_eq!(format(i64::MIN, "USD"), "-92233720368547758.08");
    }

    #[test]
    fn checks_currency_codes() {
        assert_eq!(currency_code(" eur ").unwrap(), "EUR");
        assert!(currency_code("EURO").is_err());
        assert!(currency_code("E1R").is_err());
        assert!(currency_code("€").is_err());
    }
}
