//! Properties of amounts over many currencies and values: what is formatted parses back to the
//! same minor units, typed with either decimal mark and any grouping; sums never wrap; rates
//! convert as exact integer arithmetic would; and no float sits between the field and the file.

use desk_core::money::{self, DecimalMark, Rate};
use proptest::prelude::*;

const CURRENCIES: &[&str] = &[
    "USD", "EUR", "JPY", "KWD", "BHD", "CLP", "GBP", "IRR", "COP",
];

/// `plain` ("1234567.89") written as a person in a locale would: groups of three with `group`,
/// the decimals after `decimal`.
fn typed_as(plain: &str, group: &str, decimal: &str) -> String {
    let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(group);
        }
        out.push(*c);
    }
    if !fraction.is_empty() {
        out.push_str(decimal);
        out.push_str(fraction);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn formatting_and_parsing_round_trip(minor in 1i64..=100_000_000_000, c in 0..CURRENCIES.len()) {
        let currency = CURRENCIES[c];
        prop_assume!(minor <= money::MAX_MAJOR * 10i64.pow(money::decimals(currency)));
        let plain = money::format(minor, currency);
        prop_assert_eq!(money::parse_typed("amount", &plain, currency, DecimalMark::Point, false).unwrap(), minor);
        prop_assert_eq!(money::parse_decimal(&plain, currency), Some(minor));
        let english = typed_as(&plain, ",", ".");
        prop_assert_eq!(money::parse_typed("amount", &english, currency, DecimalMark::Point, false).unwrap(), minor);
        let german = typed_as(&plain, ".", ",");
        prop_assert_eq!(money::parse_typed("amount", &german, currency, DecimalMark::Comma, false).unwrap(), minor);
        let french = typed_as(&plain, "\u{202f}", ",");
        prop_assert_eq!(money::parse_typed("amount", &french, currency, DecimalMark::Comma, false).unwrap(), minor);
        // One digit more than the currency has is never rounded away.
        let more = format!("{plain}{}1", if money::decimals(currency) == 0 { "." } else { "" });
        prop_assert!(money::parse_typed("amount", &more, currency, DecimalMark::Point, false).is_err());
    }

    #[test]
    fn negative_amounts_format_and_read_back(minor in i64::MIN + 1..0, c in 0..CURRENCIES.len()) {
        let currency = CURRENCIES[c];
        let plain = money::format(minor, currency);
        prop_assert!(plain.starts_with('-'));
        prop_assert!(money::parse_typed("amount", &plain, currency, DecimalMark::Point, false).is_err(), "a sign is refused in a field");
        if minor.unsigned_abs() <= (money::MAX_MAJOR as u64) * 10u64.pow(money::decimals(currency)) {
            prop_assert_eq!(money::parse_decimal(&plain, currency), Some(minor));
        }
    }

    #[test]
    fn sums_are_exact_or_refused(values in proptest::collection::vec(any::<i64>(), 0..50)) {
        let exact: i128 = values.iter().map(|v| i128::from(*v)).sum();
        // What checked_sum does is fold left; it errs exactly when a partial sum leaves i64.
        let mut partial: i128 = 0;
        let mut overflows = false;
        for v in &values {
            partial += i128::from(*v);
            overflows |= i64::try_from(partial).is_err();
        }
        match money::checked_sum(values.iter().copied()) {
            Ok(sum) => {
                prop_assert!(!overflows);
                prop_assert_eq!(i128::from(sum), exact);
            }
            Err(e) => {
                prop_assert!(overflows);
                prop_assert_eq!(e.message().key(), "amount_too_large");
            }
        }
    }

    #[test]
    fn rates_convert_as_exact_integer_arithmetic(minor in -1_000_000_000_000i64..1_000_000_000_000, digits in 1i64..100_000_000, scale in 0u32..8, from in 0..CURRENCIES.len(), to in 0..CURRENCIES.len()) {
        let rate = Rate { digits, scale };
        let typed = rate.text();
        prop_assert_eq!(Rate::parse(&typed).unwrap().text(), typed.clone());
        let (from, to) = (CURRENCIES[from], CURRENCIES[to]);
        let num = i128::from(minor) * i128::from(digits) * 10i128.pow(money::decimals(to));
        let den = 10i128.pow(scale) * 10i128.pow(money::decimals(from));
        let converted = rate.convert(minor, from, to).map(i128::from);
        // Within half a minor unit of the exact quotient, rounded half away from zero.
        if let Some(c) = converted {
            let twice_error = (2 * (c * den - num)).abs();
            prop_assert!(twice_error <= den, "{minor} {from}->{to} at {typed}: {c}");
        }
    }
}

/// Amounts are integers all the way: the money code holds no float type, and the money screens
/// never turn an amount into a JavaScript number. Two kinds of line may, and say so in a
/// comment: a chart's bar length ("bar length only") and a count of notes ("not money").
#[test]
fn no_float_between_the_field_and_the_file() {
    let core = concat!(env!("CARGO_MANIFEST_DIR"), "/src/");
    for file in [
        "money.rs",
        "donations.rs",
        "funds.rs",
        "expenses.rs",
        "cash_box.rs",
        "ledger.rs",
        "receipts.rs",
        "organization.rs",
        "money_export.rs",
        "money_audit.rs",
        "donation_import.rs",
    ] {
        let text = std::fs::read_to_string(format!("{core}{file}")).unwrap();
        for word in ["f64", "f32", "as_f64", "parse::<f"] {
            assert!(!text.contains(word), "{file} mentions {word}");
        }
    }
    let ui = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/");
    for file in [
        "money-parts.js",
        "screens/money.js",
        "screens/donation-form.js",
        "screens/donation.js",
        "screens/fund.js",
        "screens/expense-form.js",
        "screens/expense.js",
        "screens/cashbox.js",
        "screens/donation-import.js",
    ] {
        let text = std::fs::read_to_string(format!("{ui}{file}")).unwrap();
        for line in text
            .lines()
            .filter(|l| !l.contains("bar length only") && !l.contains("not money"))
        {
            for word in ["parseFloat", "Number(", "toFixed", "parseInt("] {
                assert!(!line.contains(word), "{file} uses {word}: {line}");
            }
        }
    }
}
