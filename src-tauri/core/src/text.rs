//! Checks for text that people type. Every field the UI or the CLI hands to core passes here:
//! trimmed, bounded in length, free of control characters. Zero-width joiners and non-joiners are
//! format characters, not control characters, so Persian names keep them.
//!
//! `field` is always the field's key in the message catalog (`field.<key>`), so that an error
//! names the field in the reader's language.

use crate::error::{Error, Result};
use crate::messages::Message;

/// A single-line field (a name, a city, a title). Returns the trimmed text.
/// Bidi controls and other invisible format characters are removed (a title or a city must
/// not print reversed).
pub fn line(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    refuse_huge(field, value, max_chars)?;
    let value = value.trim();
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(control_character(field, c));
    }
    let kept: String = value.chars().filter(|&c| !is_invisible_format(c)).collect();
    let kept = kept.trim();
    check_length(field, kept, max_chars)?;
    Ok(kept.to_owned())
}

/// Refuses at once a value far beyond any limit (a 10 MB paste), before it is normalized.
fn refuse_huge(field: &'static str, value: &str, max_chars: usize) -> Result<()> {
    // Four bytes a character at most, and room for what normalizing removes.
    if value.len() > max_chars.saturating_mul(4).saturating_add(4096) {
        check_length(field, value, max_chars)?;
    }
    Ok(())
}

/// A name or a city as a person typed it, made safe to store and to print: Unicode NFC (so the
/// same letters are the same bytes), with bidi overrides, isolates and marks, zero-width spaces,
/// byte-order marks and control characters removed, since pasted text carries them and they can
/// reorder a printed list. Zero-width joiners and non-joiners stay: Persian spelling needs them.
pub fn name(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    use unicode_normalization::UnicodeNormalization;
    refuse_huge(field, value, max_chars)?;
    let kept: String = value
        .nfc()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !(c.is_control() || is_invisible_format(c)))
        .collect();
    // Removing a character may leave two spaces side by side, or one at an end.
    let joined = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    check_length(field, &joined, max_chars)?;
    Ok(joined)
}

/// An optional name-like field: blank becomes `None`.
pub fn optional_name(
    field: &'static str,
    value: Option<&str>,
    max_chars: usize,
) -> Result<Option<String>> {
    optional(value, |v| name(field, v, max_chars))
}

/// `check`ed text, where no value and a blank one are both `None`.
fn optional(
    value: Option<&str>,
    check: impl FnOnce(&str) -> Result<String>,
) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) => Ok(Some(check(v)?).filter(|v| !v.is_empty())),
    }
}

/// Format characters that change how text is ordered or joined without showing: bidi controls
/// (LRM, RLM, ALM, embeddings, overrides, isolates), zero-width space, word joiner and the
/// invisible operators, the byte-order mark, soft hyphen and interlinear annotations. ZWJ
/// (U+200D) and ZWNJ (U+200C) are not among them.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// A language code as the appeals store it: two or three lower-case letters (`en`, `fa`, `es`).
pub fn lang_code(value: &str) -> Result<String> {
    let code = value.trim().to_ascii_lowercase();
    if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(code)
    } else {
        Err(Error::Invalid(
            Message::new("not_language_code").with("value", value.trim()),
        ))
    }
}

/// A short name for scripts and file names (`free-them-all`): lower-case ASCII letters, digits
/// and single hyphens, at most 60 characters.
pub fn slug(value: &str) -> Result<String> {
    let s = value.trim();
    let ok = !s.is_empty()
        && s.len() <= 60
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--");
    if ok {
        Ok(s.to_owned())
    } else {
        Err(Error::Invalid(Message::new("bad_slug").with("value", s)))
    }
}

/// A slug made from a title: accents off, other letters dropped; empty when nothing Latin is left.
pub fn slug_from(title: &str) -> String {
    let folded = fold(title);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A single-line field that must not be empty.
pub fn required_line(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    let value = line(field, value, max_chars)?;
    if value.is_empty() {
        return Err(Error::Invalid(
            Message::new("required").with("field", field),
        ));
    }
    Ok(value)
}

/// An optional single-line field: blank becomes `None`.
pub fn optional_line(
    field: &'static str,
    value: Option<&str>,
    max_chars: usize,
) -> Result<Option<String>> {
    optional(value, |v| line(field, v, max_chars))
}

/// Multi-line text (notes, an appeal's body): line breaks and tabs allowed, other controls not.
pub fn paragraphs(field: &'static str, value: &str, max_chars: usize) -> Result<String> {
    let value = value.trim().replace("\r\n", "\n");
    if let Some(c) = value
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return Err(control_character(field, c));
    }
    check_length(field, &value, max_chars)?;
    Ok(value)
}

/// A date as typed, "2026-12-03", between 1900 and 2199: anything else is a slip of the
/// keyboard (year 0, 9999-12-31) and named as such.
pub fn date(field: &'static str, value: &str) -> Result<chrono::NaiveDate> {
    use chrono::Datelike;
    let value = value.trim();
    let parsed = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        Error::Invalid(
            Message::new("bad_date")
                .with("field", field)
                .with("value", value),
        )
    })?;
    if !(1900..=2199).contains(&parsed.year()) {
        return Err(Error::Invalid(
            Message::new("date_out_of_range")
                .with("field", field)
                .with("value", value),
        ));
    }
    Ok(parsed)
}

/// An ISO 3166-1 alpha-2 country code such as `IR` or `DE`, upper-cased.
pub fn country_code(value: &str) -> Result<String> {
    letter_code(value, 2, "not_country_code")
}

/// `value` trimmed and upper-cased if it is exactly `letters` ASCII letters (ISO codes), else the
/// error `message` showing what was typed.
pub(crate) fn letter_code(value: &str, letters: usize, message: &'static str) -> Result<String> {
    let code = value.trim().to_ascii_uppercase();
    if code.len() == letters && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(Error::Invalid(
            Message::new(message).with("value", value.trim()),
        ))
    }
}

/// A name or city folded for comparison: lower case, accents off, the Arabic and Persian
/// spellings of ye and kaf made one, zero-width (non-)joiners and extra spaces dropped. So
/// "José" meets "jose" and "علی" (Persian ye) meets "علي" (Arabic yeh).
pub fn fold(value: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(value.len());
    let mut space = false;
    for c in value.nfd().flat_map(char::to_lowercase) {
        let c = match c {
            '\u{064a}' | '\u{0649}' => '\u{06cc}', // Arabic yeh, alef maksura -> Persian ye
            '\u{0643}' => '\u{06a9}',              // Arabic kaf -> Persian keheh
            _ => c,
        };
        if is_combining_mark(c) || matches!(c, '\u{200c}' | '\u{200d}' | '\u{0640}') {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

fn control_character(field: &'static str, c: char) -> Error {
    Error::Invalid(
        Message::new("control_character")
            .with("field", field)
            .with("code", format!("{:04X}", c as u32)),
    )
}

fn check_length(field: &'static str, value: &str, max_chars: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max_chars {
        return Err(Error::Invalid(
            Message::new("too_long")
                .with("field", field)
                .with("count", n)
                .with("max", max_chars),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_keeps_zero_width_non_joiner() {
        let name = "  \u{0645}\u{06cc}\u{200c}\u{0631}\u{0648}  ";
        assert_eq!(
            line("given_name", name, 50).unwrap(),
            "\u{0645}\u{06cc}\u{200c}\u{0631}\u{0648}"
        );
    }

    #[test]
    fn refuses_control_characters_and_names_the_field() {
        let err = line("city", "Ber\u{0007}lin", 50).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert_eq!(
            err.to_string(),
            "City contains an invisible control character (U+0007); please retype it"
        );
        assert!(paragraphs("notes", "a\nb\tc", 50).is_ok());
        assert!(paragraphs("notes", "a\u{001b}[31m", 50).is_err());
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert!(line("family_name", "\u{0634}".repeat(10).as_str(), 10).is_ok());
        let err = line("family_name", "\u{0634}".repeat(11).as_str(), 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Family name is too long: 11 characters, at most 10 allowed"
        );
    }

    #[test]
    fn required_and_optional() {
        let err = required_line("campaign_name", "   ", 10).unwrap_err();
        assert_eq!(err.to_string(), "Campaign name is required");
        assert_eq!(optional_line("city", Some("  "), 10).unwrap(), None);
        assert_eq!(optional_line("city", None, 10).unwrap(), None);
    }

    #[test]
    fn folding_meets_spellings() {
        assert_eq!(fold("  José  María "), "jose maria");
        assert_eq!(
            fold("\u{0639}\u{0644}\u{06cc}"),
            fold("\u{0639}\u{0644}\u{064a}")
        );
        assert_eq!(
            fold("\u{06a9}\u{0627}\u{0645}"),
            fold("\u{0643}\u{0627}\u{0645}")
        );
        assert_eq!(
            fold("\u{0645}\u{06cc}\u{200c}\u{0631}\u{0648}"),
            "\u{0645}\u{06cc}\u{0631}\u{0648}"
        );
        assert_eq!(fold("MÜLLER"), "muller");
        assert_ne!(fold("Ana"), fold("Ina"));
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_code(" ir ").unwrap(), "IR");
        let err = country_code("Iran").unwrap_err();
        assert_eq!(
            err.to_string(),
            "\u{201c}Iran\u{201d} is not a two-letter country code such as DE or IR"
        );
        assert!(country_code("I1").is_err());
    }

    #[test]
    fn names_are_nfc_without_bidi_overrides_and_keep_joiners() {
        // "é" typed as e + combining acute becomes the one precomposed letter.
        assert_eq!(
            name("given_name", "Jose\u{0301}", 50).unwrap(),
            "Jos\u{00e9}"
        );
        // A right-to-left override pasted into a Latin name, and an isolate around a Persian one.
        assert_eq!(
            name("family_name", "\u{202e}Smith\u{202c}", 50).unwrap(),
            "Smith"
        );
        assert_eq!(
            name(
                "given_name",
                "\u{2067}\u{0645}\u{06cc}\u{200c}\u{0631}\u{0648}\u{2069}",
                50
            )
            .unwrap(),
            "\u{0645}\u{06cc}\u{200c}\u{0631}\u{0648}"
        );
        // Zero-width joiner stays; zero-width space, RLM, BOM and a tab go.
        assert_eq!(
            name("city", "\u{feff}Ba\u{200b}d\u{200d}a\u{200f}\tTown", 50).unwrap(),
            "Bad\u{200d}a Town"
        );
        // Arabic and Persian letters are stored as typed (matching folds them, storing does not).
        assert_eq!(
            name("given_name", "\u{0639}\u{0644}\u{064a}", 50).unwrap(),
            "\u{0639}\u{0644}\u{064a}"
        );
        // Chinese and Japanese pass unchanged; Hangul jamo compose under NFC.
        assert_eq!(name("family_name", " 王 小明 ", 50).unwrap(), "王 小明");
        assert_eq!(
            name("family_name", "\u{1100}\u{1161}", 50).unwrap(),
            "\u{ac00}"
        );
        assert!(name("given_name", &"a".repeat(51), 50).is_err());
    }

    #[test]
    fn language_codes_and_slugs() {
        assert_eq!(lang_code(" FA ").unwrap(), "fa");
        assert!(lang_code("farsi").is_err());
        assert_eq!(slug("free-them-all").unwrap(), "free-them-all");
        assert!(slug("Free Them").is_err());
        assert!(slug("a--b").is_err());
        assert_eq!(
            slug_from("Emergency Appeal: Free Them Now!"),
            "emergency-appeal-free-them-now"
        );
        assert_eq!(slug_from("Declaración de José"), "declaracion-de-jose");
        assert_eq!(slug_from("\u{0646}\u{0627}\u{0645}\u{0647}"), "");
    }
}
