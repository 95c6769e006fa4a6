//! Checks for text that people type. Every field the UI or the CLI hands to core passes here:
//! trimmed, bounded in length, free of control characters. Zero-width joiners and non-joiners are
//! format characters, not control characters, so Persian names keep them.

use crate::error::{Error, Result};

/// A single-line field (a name, a city, a title). Returns the trimmed text.
pub fn line(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = value.trim();
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(Error::invalid(format!(
            "{field} contains an invisible control character (U+{:04X}); please retype it",
            c as u32
        )));
    }
    check_length(field, value, max_chars)?;
    Ok(value.to_owned())
}

/// A single-line field that must not be empty.
pub fn required_line(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = line(field, value, max_chars)?;
    if value.is_empty() {
        return Err(Error::invalid(format!("{field} is required")));
    }
    Ok(value)
}

/// An optional single-line field: blank becomes `None`.
pub fn optional_line(field: &str, value: Option<&str>, max_chars: usize) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) => Ok(Some(line(field, v, max_chars)?).filter(|v| !v.is_empty())),
    }
}

/// Multi-line text (notes, an appeal's body): line breaks and tabs allowed, other controls not.
pub fn paragraphs(field: &str, value: &str, max_chars: usize) -> Result<String> {
    let value = value.trim().replace("\r\n", "\n");
    if let Some(c) = value
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return Err(Error::invalid(format!(
            "{field} contains an invisible control character (U+{:04X}); please retype it",
            c as u32
        )));
    }
    check_length(field, &value, max_chars)?;
    Ok(value)
}

/// An ISO 3166-1 alpha-2 country code such as `IR` or `DE`, upper-cased.
pub fn country_code(value: &str) -> Result<String> {
    letter_code(value, 2, "a two-letter country code such as DE or IR")
}

/// `value` trimmed and upper-cased if it is exactly `letters` ASCII letters (ISO codes), else an
/// error that shows what was typed and what `expected` is.
pub(crate) fn letter_code(value: &str, letters: usize, expected: &str) -> Result<String> {
    let code = value.trim().to_ascii_uppercase();
    if code.len() == letters && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(Error::invalid(format!(
            "\u{201c}{}\u{201d} is not {expected}",
            value.trim()
        )))
    }
}

fn check_length(field: &str, value: &str, max_chars: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max_chars {
        return Err(Error::invalid(format!(
            "{field} is too long: {n} characters, at most {max_chars} allowed"
        )));
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
            line("Name", name, 50).unwrap(),
            "\u{0645}\u{06cc}\u{200c}\u{0631}\u{0648}"
        );
    }

    #[test]
    fn refuses_control_characters_and_names_the_field() {
        let err = line("City", "Ber\u{0007}lin", 50).unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().starts_with("City contains"), "{err}");
        assert!(paragraphs("Notes", "a\nb\tc", 50).is_ok());
        assert!(paragraphs("Notes", "a\u{001b}[31m", 50).is_err());
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert!(line("Name", "\u{0634}".repeat(10).as_str(), 10).is_ok());
        let err = line("Name", "\u{0634}".repeat(11).as_str(), 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Name is too long: 11 characters, at most 10 allowed"
        );
    }

    #[test]
    fn required_and_optional() {
        assert!(required_line("Campaign name", "   ", 10).is_err());
        assert_eq!(optional_line("City", Some("  "), 10).unwrap(), None);
        assert_eq!(optional_line("City", None, 10).unwrap(), None);
    }

    #[test]
    fn country_codes() {
        assert_eq!(country_code(" ir ").unwrap(), "IR");
        assert!(country_code("Iran").is_err());
        assert!(country_code("I1").is_err());
    }
}
