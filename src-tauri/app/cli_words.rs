//! The CLI's language. Its words are in the window's catalogs (ui/messages/*.js, built into
//! the binary): its own lines under `cli.`, core's messages under `error.` and `field.`. So a
//! translator keeps one catalog a language, and tests/catalogs.rs checks the CLI's keys as it
//! checks the screens'. Numbers take the language's digits and dates its calendar (Farsi: the
//! Solar Hijri date with the Gregorian beside it, by ICU through desk_core::print::words).
//! The language comes from the environment, as for any command-line tool (`lang`).

use std::collections::HashMap;
use std::sync::OnceLock;

use desk_core::messages::Message;
use desk_core::print::words::Words;

/// The languages the CLI speaks, as `--lang` takes them.
pub const LANGUAGES: [&str; 3] = ["en", "fa", "es"];

const CATALOGS: [(&str, &str); 3] = [
    ("en", include_str!("../../ui/messages/en.js")),
    ("fa", include_str!("../../ui/messages/fa.js")),
    ("es", include_str!("../../ui/messages/es.js")),
];

/// A catalog entry: a text, or plural forms by CLDR category ("one", "other", ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Text(String),
    Plural(Vec<(String, String)>),
}

pub struct Language {
    code: &'static str,
    entries: HashMap<String, Entry>,
    english: HashMap<String, Entry>,
}

static CHOSEN: OnceLock<Language> = OnceLock::new();

/// The language of this run: CAMPAIGN_DESK_LANG, else the system's, else English.
pub fn lang() -> &'static Language {
    CHOSEN.get_or_init(|| Language::new(&chosen_language().unwrap_or_else(|| "en".into())))
}

/// The first of CAMPAIGN_DESK_LANG, LANGUAGE (gettext's list, `fa:en`), LC_ALL, LC_MESSAGES and
/// LANG that is set and names a language the CLI speaks (`fa_IR.UTF-8` is Farsi; `C` and
/// `de_DE` are passed over, and English is the last resort).
fn chosen_language() -> Option<String> {
    [
        crate::cli::LANG_ENV,
        "LANGUAGE",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ]
    .iter()
    .filter_map(|v| std::env::var(v).ok())
    .flat_map(|v| {
        v.split(':')
            .map(|l| l.split(['_', '.', '@']).next().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
    })
    .find(|code| LANGUAGES.contains(&code.as_str()))
}

impl Language {
    pub fn new(code: &str) -> Language {
        let code = LANGUAGES.into_iter().find(|l| *l == code).unwrap_or("en");
        let read = |code: &str| {
            let (_, text) = CATALOGS.iter().find(|(c, _)| *c == code).expect("catalog");
            parse(text).unwrap_or_else(|e| panic!("ui/messages/{code}.js: {e}"))
        };
        Language {
            code,
            entries: read(code),
            english: if code == "en" {
                HashMap::new()
            } else {
                read("en")
            },
        }
    }

    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The words of printed documents in this language (dates, times, numbers).
    pub fn words(&self) -> Words {
        Words::new(self.code)
    }

    fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key).or_else(|| self.english.get(key))
    }

    /// The text of `key` with its `{name}` values filled in. A value that is a whole number
    /// is written in the language's digits.
    pub fn text(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let form = match self.entry(key) {
            Some(Entry::Text(t)) => t.as_str(),
            Some(Entry::Plural(forms)) => forms.last().map_or(key, |(_, t)| t.as_str()),
            None => key,
        };
        self.fill(form, args)
    }

    /// The plural form of `key` for `count` (also `{count}` in it), with the other values.
    pub fn count(&self, key: &str, count: u64, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let form = match self.entry(key) {
            Some(Entry::Plural(forms)) => {
                let category = self.plural_category(count);
                forms
                    .iter()
                    .find(|(c, _)| c == category)
                    .or_else(|| forms.iter().find(|(c, _)| c == "other"))
                    .map_or(key, |(_, t)| t.as_str())
            }
            Some(Entry::Text(t)) => t.as_str(),
            None => key,
        };
        let mut all: Vec<(&str, &dyn std::fmt::Display)> = vec![("count", &count)];
        all.extend_from_slice(args);
        self.fill(form, &all)
    }

    /// CLDR's cardinal categories for whole numbers: English and Spanish say "one" of 1 only,
    /// Farsi of 0 and 1 (Spanish "many" is for millions written as words, not used here).
    fn plural_category(&self, n: u64) -> &'static str {
        match (self.code, n) {
            (_, 1) | ("fa", 0) => "one",
            _ => "other",
        }
    }

    /// A core message (an error, a rejected line's reason) in this language.
    pub fn message(&self, m: &Message) -> String {
        m.render(|key| match self.entry(key) {
            Some(Entry::Text(t)) => Some(t.clone()),
            _ => None,
        })
        .unwrap_or_else(|| m.to_string())
    }

    /// A number in this language's digits (Farsi: Persian digits and the Persian decimal
    /// separator, as the window's Intl writes them).
    pub fn number(&self, n: impl std::fmt::Display) -> String {
        let n = n.to_string();
        if self.code == "fa" {
            self.words().number(&n).replace('.', "\u{066b}")
        } else {
            n
        }
    }

    /// A moment the database keeps (`2026-12-05T09:30:00.000Z`) on this computer's clock, in
    /// the language's calendar; a text that is not such a moment is given as it is.
    pub fn moment(&self, stored: &str) -> String {
        match chrono::DateTime::parse_from_rfc3339(stored) {
            Ok(t) => {
                let local = t.with_timezone(&chrono::Local).naive_local();
                self.words().when(local, None)
            }
            Err(_) => stored.to_owned(),
        }
    }

    /// Items of a list, with the language's comma.
    pub fn list(&self, items: &[String]) -> String {
        items.join(if self.code == "fa" { "، " } else { ", " })
    }

    fn fill(&self, form: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut out = form.to_owned();
        for (name, value) in args {
            let value = value.to_string();
            let value = if is_number(&value) {
                self.number(&value)
            } else {
                value
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        out
    }
}

/// A whole number or a decimal amount (`12`, `14860.00`): written in the language's digits.
/// Ids, paths and codes, which hold other characters, stay as they are.
fn is_number(value: &str) -> bool {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// `say!("cli.key", name = value, ...)`: the chosen language's text of a key.
#[macro_export]
macro_rules! say {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::cli_words::lang().text($key, &[$((stringify!($name), &$value as &dyn std::fmt::Display)),*])
    };
}

/// `say_count!("cli.key", n, name = value, ...)`: the plural form for `n`.
#[macro_export]
macro_rules! say_count {
    ($key:literal, $n:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::cli_words::lang().count($key, ($n) as u64, &[$((stringify!($name), &$value as &dyn std::fmt::Display)),*])
    };
}

/// Reads a catalog: `export default { "key": "text", "key": { one: "…", other: "…" }, … };`
/// with `//` comments, as the window's catalogs are written. Strings are JSON strings.
pub fn parse(text: &str) -> Result<HashMap<String, Entry>, String> {
    let start = text
        .find("export default {")
        .ok_or("no `export default {`")?;
    let mut p = Parser {
        s: &text[start + "export default {".len()..],
    };
    let mut out = HashMap::new();
    loop {
        p.skip();
        if p.eat('}') {
            return Ok(out);
        }
        let key = p.string()?;
        p.skip();
        p.expect(':')?;
        p.skip();
        let entry = if p.eat('{') {
            let mut forms = Vec::new();
            loop {
                p.skip();
                if p.eat('}') {
                    break;
                }
                let name = if p.s.starts_with('"') {
                    p.string()?
                } else {
                    p.ident()?
                };
                p.skip();
                p.expect(':')?;
                p.skip();
                forms.push((name, p.string()?));
                p.skip();
                p.eat(',');
            }
            Entry::Plural(forms)
        } else {
            Entry::Text(p.string()?)
        };
        if out.insert(key.clone(), entry).is_some() {
            return Err(format!("{key} twice"));
        }
        p.skip();
        p.eat(',');
    }
}

struct Parser<'a> {
    s: &'a str,
}

impl Parser<'_> {
    /// Skips white space and `//` comments.
    fn skip(&mut self) {
        loop {
            self.s = self.s.trim_start();
            match self.s.strip_prefix("//") {
                Some(rest) => self.s = rest.split_once('\n').map_or("", |(_, r)| r),
                None => return,
            }
        }
    }

    fn eat(&mut self, c: char) -> bool {
        match self.s.strip_prefix(c) {
            Some(rest) => {
                self.s = rest;
                true
            }
            None => false,
        }
    }

    fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(format!("expected `{c}` at «{}»", self.near()))
        }
    }

    fn near(&self) -> String {
        self.s.chars().take(40).collect()
    }

    fn ident(&mut self) -> Result<String, String> {
        let end = self
            .s
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(self.s.len());
        if end == 0 {
            return Err(format!("expected a plural category at «{}»", self.near()));
        }
        let (name, rest) = self.s.split_at(end);
        self.s = rest;
        Ok(name.to_owned())
    }

    /// A double-quoted string with JSON's escapes.
    fn string(&mut self) -> Result<String, String> {
        if !self.s.starts_with('"') {
            return Err(format!("expected a string at «{}»", self.near()));
        }
        let mut escaped = false;
        let end = self.s[1..]
            .char_indices()
            .find(|&(_, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            })
            .map(|(i, _)| i + 2)
            .ok_or("a string that does not end")?;
        let value: String = serde_json::from_str(&self.s[..end])
            .map_err(|e| format!("{e} in {}", &self.s[..end]))?;
        self.s = &self.s[end..];
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_texts_plurals_comments_and_escapes() {
        let read = parse(
            "// a comment\nexport default {\n  \"a.b\": \"x \\\"y\\\" {n}\",\n  // note\n  \"p\": { one: \"one thing\", other: \"{count} things\" },\n  \"q\": {\n    one: \"1\",\n    other: \"n\"\n  },\n};\n",
        )
        .unwrap();
        assert_eq!(read["a.b"], Entry::Text("x \"y\" {n}".into()));
        assert_eq!(
            read["p"],
            Entry::Plural(vec![
                ("one".into(), "one thing".into()),
                ("other".into(), "{count} things".into())
            ])
        );
        assert_eq!(read.len(), 3);
        assert!(parse("export default { \"a\" \"b\" }").is_err());
    }

    #[test]
    fn every_catalog_reads_whole() {
        for (code, text) in CATALOGS {
            let read = parse(text).unwrap();
            // Every line that starts an entry is one entry read.
            let starts = text
                .lines()
                .filter(|l| l.starts_with("  \"") && l.contains("\":"))
                .count();
            assert_eq!(read.len(), starts, "{code}");
        }
    }

    #[test]
    fn digits_plurals_and_core_messages_in_each_language() {
        let fa = Language::new("fa");
        assert_eq!(fa.code(), "fa");
        assert_eq!(fa.count("print.pages", 1, &[]), "یک صفحه");
        assert_eq!(fa.count("print.pages", 12, &[]), "۱۲ صفحه");
        assert_eq!(fa.number("14860.00"), "۱۴۸۶۰٫۰۰");
        assert_eq!(
            fa.text("cli.voided", &[("id", &"01a2-33")]),
            "01a2-33 باطل شد",
            "an id keeps its digits"
        );
        let es = Language::new("es");
        assert_eq!(es.count("print.pages", 12, &[]), "12 páginas");
        let en = Language::new("xx");
        assert_eq!(en.code(), "en");
        assert_eq!(en.count("print.pages", 1, &[]), "One page");
        let at = es.moment("2027-01-09T12:00:00.000Z");
        assert!(at.contains("de enero de 2027"), "{at}");
        assert!(fa.moment("2027-01-09T12:00:00.000Z").contains("۱۴۰۵"));
        assert_eq!(en.moment("soon"), "soon");

        let m = Message::new("required").with("field", "email");
        assert_eq!(en.message(&m), "Email is required");
        assert_eq!(es.message(&m), "Correo electrónico es obligatorio");
        assert!(fa.message(&m).contains("لازم است"), "{}", fa.message(&m));
    }
}
