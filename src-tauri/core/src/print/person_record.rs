//! Everything stored about a person (person_rights::export) as a readable PDF: their details,
//! then each kind of record under its heading, one field a line. The same data as the JSON
//! export, for a person who asked and does not read JSON.

use serde_json::{Map, Value};

use super::page::{Composer, Page, Style, A4};
use super::shape::Fonts;
use crate::person_rights::PersonRecord;

/// A field's name as a reader would say it: "given_name" as "Given name".
fn label(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

fn value(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn fields(c: &mut Composer, row: &Map<String, Value>) {
    for (key, v) in row {
        if let Some(v) = value(v) {
            c.paragraph(&format!("{}: {v}", label(key)), Style::body(9.5));
        }
    }
}

pub fn pages(fonts: &Fonts, record: &PersonRecord) -> Vec<Page> {
    let mut c = Composer::new(fonts, A4);
    let name = ["given_name", "family_name"]
        .iter()
        .filter_map(|k| record.person.get(*k).and_then(value))
        .collect::<Vec<_>>()
        .join(" ");
    c.paragraph(
        &format!("Everything Campaign Desk holds about {name}"),
        Style::bold(16.0),
    );
    c.paragraph(
        &format!("Exported {}", record.exported_at),
        Style::body(9.0),
    );
    c.space(8.0);
    c.paragraph("Details", Style::bold(12.0));
    fields(&mut c, &record.person);
    let sections: [(&str, &Vec<Map<String, Value>>); 7] = [
        ("Signatures", &record.signatures),
        ("Consent records", &record.consents),
        ("Answers to events", &record.answers),
        ("Donations", &record.donations),
        ("Receipts", &record.receipts),
        ("Money audit trail", &record.money_audit),
        ("Merges", &record.merges),
    ];
    for (title, rows) in sections {
        c.space(10.0);
        c.need(40.0);
        c.paragraph(&format!("{title} ({})", rows.len()), Style::bold(12.0));
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                c.space(5.0);
            }
            fields(&mut c, row);
        }
    }
    c.finish(|i, n| format!("page {i} of {n}"))
}
