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

/// An amount as typed ("12", "12.50", "1,500.00") in minor units of `currency`. Refused, naming
/// the field: a sign, more decimals than the currency has ("1.5 JPY"), an exponent, letters,
/// misplaced group commas, and amounts over a billion. Zero only where `zero_ok`.
pub fn parse_amount(
    field: &'static str,
    typed: &str,
    currency: &str,
    zero_ok: bool,
) -> Result<i64> {
    let refuse = || {
        Error::Invalid(
            Message::new("bad_amount")
                .with("field", field)
                .with("value", typed.trim())
                .with("currency", currency),
        )
    };
    let value = typed.trim();
    let (whole, fraction) = match value.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (value, None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped_well = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let digits: String = groups.concat();
    if digits.is_empty() || !grouped_well || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse());
    }
    let places = decimals(currency) as usize;
    let fraction = fraction.unwrap_or("");
    if fraction.len() > places || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse());
    }
    if value.ends_with('.') && places == 0 {
        return Err(refuse());
    }
    let whole: i64 = digits.parse().map_err(|_| refuse())?;
    if whole > 1_000_000_000 {
        return Err(refuse());
    }
    let scale = 10i64.pow(places as u32);
    let fraction_minor: i64 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<places$}")
            .parse()
            .map_err(|_| refuse())?
    };
    let minor = whole * scale + fraction_minor;
    if minor == 0 && !zero_ok {
        return Err(Error::Invalid(
            Message::new("amount_zero").with("field", field),
        ));
    }
    Ok(minor)
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
        for bad in [
            "",
            "-5",
            "1e3",
            "abc",
            "12.345",
            "1,50",
            ",500",
            "1.2.3",
            "99999999999",
        ] {
            let err = parse_amount("price", bad, "USD", false).unwrap_err();
            assert_eq!(err.message().key(), "bad_amount", "{bad}");
        }
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
