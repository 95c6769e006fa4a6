//! Amounts of money: an integer count of the currency's minor unit beside an ISO 4217 code.
//! Never a float, also not on the way to the window: amounts leave core as decimal strings.

use crate::error::Result;

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

#[cfg(test)]
mod tests {
    use super::*;

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
