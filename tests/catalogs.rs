//! The window's message catalogs (ui/messages/*.js): Farsi and Spanish have every key English
//! has and no other, with the same placeholders, and every key is used by some screen or by
//! the scripting CLI, whose words are in the same catalogs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A catalog's entries: key, and the placeholders of each of its forms.
fn entries(file: &str) -> BTreeMap<String, Vec<BTreeSet<String>>> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    // Plural forms written over several lines are joined into one first.
    let mut joined: Vec<String> = Vec::new();
    for line in text.lines() {
        match joined.last_mut() {
            Some(open)
                if open.trim_start().starts_with('"')
                    && open.contains(": {")
                    && !open.contains('}') =>
            {
                open.push(' ');
                open.push_str(line.trim());
            }
            _ => joined.push(line.to_owned()),
        }
    }
    let mut out = BTreeMap::new();
    for line in &joined {
        if line.starts_with("export") || line.starts_with("//") {
            continue;
        }
        let line = line.trim_start();
        let Some(rest) = line.strip_prefix('"') else {
            continue;
        };
        let Some((key, value)) = rest.split_once("\":") else {
            continue;
        };
        // A string ("…") or plural forms ({ one: "…", other: "…" }), each on one line.
        let forms: Vec<BTreeSet<String>> = split_forms(value.trim().trim_end_matches(','))
            .iter()
            .map(|f| placeholders(f))
            .collect();
        assert!(
            out.insert(key.to_owned(), forms).is_none(),
            "{file}: {key} twice"
        );
    }
    out
}

fn split_forms(value: &str) -> Vec<String> {
    if let Some(inner) = value.strip_prefix('{') {
        inner
            .trim_end_matches('}')
            .split("\", ")
            .map(str::to_owned)
            .collect()
    } else {
        vec![value.to_owned()]
    }
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.insert(after[..close].to_owned());
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

#[test]
fn farsi_and_spanish_have_every_english_message_with_its_placeholders() {
    let en = entries("ui/messages/en.js");
    assert!(en.len() > 1400, "en.js read: {}", en.len());
    for file in ["ui/messages/fa.js", "ui/messages/es.js"] {
        let other = entries(file);
        let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "{file} lacks {} keys: {missing:?}",
            missing.len()
        );
        let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            extra.is_empty(),
            "{file} has keys English has not: {extra:?}"
        );
        for (key, forms) in &other {
            let english: BTreeSet<String> = en[key].iter().flatten().cloned().collect();
            for form in forms {
                assert!(
                    form.is_subset(&english),
                    "{file}: {key} uses {form:?}, English only {english:?}"
                );
            }
            let all: BTreeSet<String> = forms.iter().flatten().cloned().collect();
            assert_eq!(all, english, "{file}: {key} drops a placeholder");
        }
    }
}

/// Every `ui/**/*.js` file's text, the catalogs left out.
fn screens_text() -> String {
    fn walk(dir: &Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "messages" && name != "vendor" {
                    walk(&path, out);
                }
            } else if name.ends_with(".js") {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
                out.push('\n');
            }
        }
    }
    let mut out = String::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ui"), &mut out);
    // The CLI takes its words from the same catalogs (src-tauri/app/cli_words.rs).
    for (_, text) in cli_sources() {
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// The files of the binary that print to a terminal, by name: the scripting CLI's
/// (src-tauri/app/cli*.rs) and lib.rs (the window's start, when it cannot open).
fn cli_sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/app");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            (name.starts_with("cli") && name.ends_with(".rs") && name != "cli_words.rs")
                || name == "lib.rs"
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 8, "the CLI's files: {out:?}");
    out
}

/// What the CLI prints is the catalogs' (say!, say_count!, a core message) or data: no line
/// it prints has words written in its code. JSON, ids and paths carry no words of their own.
#[test]
fn the_cli_prints_no_words_of_its_own() {
    let mut own = Vec::new();
    for (name, text) in cli_sources() {
        for mac in ["println!(", "eprintln!(", "print!(", "eprint!("] {
            for (at, _) in text.match_indices(mac) {
                if at > 0 && text.as_bytes()[at - 1].is_ascii_alphanumeric() {
                    continue; // eprintln! when looking for println!
                }
                let args = &text[at + mac.len()..];
                let Some(open) = args.find('"') else { continue };
                let literal: String = args[open + 1..].chars().take_while(|&c| c != '"').collect();
                // Placeholders and the program's name are not words.
                let mut words = literal.replace("campaign-desk:", "");
                while let Some(start) = words.find('{') {
                    let end = words[start..]
                        .find('}')
                        .map_or(words.len(), |e| start + e + 1);
                    words.replace_range(start..end, "");
                }
                if words.chars().any(char::is_alphabetic) {
                    own.push(format!("{name}: {literal:?}"));
                }
            }
        }
    }
    assert!(
        own.is_empty(),
        "the CLI prints words not from the catalogs: {own:?}"
    );
    assert!(cli_sources().iter().any(|(_, t)| t.contains("say!(\"cli.")));
}

#[test]
fn every_english_message_is_used_by_a_screen() {
    let en = entries("ui/messages/en.js");
    let code = screens_text();
    // Keys built at run time: t(`print.kind.${kind}`) uses every "print.kind." key, and
    // text("donation.ack.reason", r) every "donation.ack.reason." key.
    let mut prefixes: Vec<String> = vec!["error.".into(), "field.".into()];
    let word = |c: char| c.is_ascii_lowercase() || c == '.' || c == '_';
    for (at, _) in code.match_indices('`') {
        let head: String = code[at + 1..].chars().take_while(|&c| word(c)).collect();
        if !head.is_empty() && code[at + 1 + head.len()..].starts_with("${") {
            prefixes.push(head);
        }
    }
    for (at, _) in code.match_indices('"') {
        let literal: String = code[at + 1..].chars().take_while(|&c| word(c)).collect();
        let closed = code[at + 1 + literal.len()..].starts_with('"');
        // A Rust key built at run time: "cli.appeals.status.{}" or a stem "cli.x." passed on.
        if (literal.ends_with('.') || code[at + 1 + literal.len()..].starts_with('{'))
            && literal.contains('.')
            && en.keys().any(|k| k.starts_with(literal.as_str()))
        {
            prefixes.push(literal.clone());
        }
        let stem = format!("{literal}.");
        if closed
            && literal.contains('.')
            && !en.contains_key(&literal)
            && en.keys().any(|k| k.starts_with(&stem))
        {
            prefixes.push(stem);
        }
    }
    let unused: Vec<&String> = en
        .keys()
        .filter(|k| {
            !code.contains(&format!("\"{k}\""))
                && !code.contains(&format!("'{k}'"))
                && !prefixes.iter().any(|p| k.starts_with(p.as_str()))
        })
        .collect();
    assert!(unused.is_empty(), "messages no screen uses: {unused:?}");
}
