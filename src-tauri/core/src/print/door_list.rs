//! The door list for an event: who said they are coming, in alphabetical order with each
//! script sorted the way its readers expect, the size of each party, a box to tick and the
//! note; those who said maybe are marked; the waitlist comes after.

use unicode_normalization::UnicodeNormalization;

use super::page::{Composer, Page, Size, Style};
use super::shape::Fonts;
use super::table::{Column, Table};
use super::words::{Label, Words};
use crate::rsvps::{self, Status};
use crate::{events, Id, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// "Family, Given", or the one name given.
    pub name: String,
    /// The person and their guests.
    pub party: i64,
    pub note: String,
    pub maybe: bool,
}

#[derive(Debug, Clone)]
pub struct DoorList {
    pub title: String,
    pub local_starts: Option<String>,
    pub local_ends: Option<String>,
    pub going: Vec<Entry>,
    pub waitlist: Vec<Entry>,
}

pub fn load(store: &Store, event: Id) -> Result<DoorList> {
    let e = events::get(store, event)?;
    let (mut going, mut waitlist) = (Vec::new(), Vec::new());
    let keyed = |line: &rsvps::Line, list: &mut Vec<(SortKey, Entry)>| {
        let (given, family) = (line.given_name.trim(), line.family_name.trim());
        // Persian and Arabic names take their own comma.
        let comma = if script_rank(family) == 3 {
            "\u{060c}"
        } else {
            ","
        };
        let name = match (family.is_empty(), given.is_empty()) {
            (false, false) => format!("{family}{comma} {given}"),
            (false, true) => family.to_owned(),
            _ => given.to_owned(),
        };
        list.push((
            sort_key(if family.is_empty() { given } else { family }, given),
            Entry {
                name,
                party: 1 + line.guests.max(0),
                note: line.note.trim().to_owned(),
                maybe: line.status == Status::Tentative,
            },
        ));
    };
    for line in rsvps::list(store, event)? {
        match line.status {
            Status::Accepted | Status::Tentative => keyed(&line, &mut going),
            Status::Waitlisted => keyed(&line, &mut waitlist),
            _ => {}
        }
    }
    going.sort_by(|a, b| a.0.cmp(&b.0));
    // The waitlist keeps its order: who came first gets in first.
    Ok(DoorList {
        title: e.title,
        local_starts: e.local_starts,
        local_ends: e.local_ends,
        going: going.into_iter().map(|(_, e)| e).collect(),
        waitlist: waitlist.into_iter().map(|(_, e)| e).collect(),
    })
}

/// Sorts names first by script (Latin, Greek, Cyrillic, Arabic and Persian, Hebrew, then the
/// East Asian ones), then within a script: accents and case aside for the alphabets, the Persian
/// alphabet's own order (پ after ب, گ after ک, Arabic ي and ك as ی and ک), code point order for
/// Han (Unicode's radical-and-stroke order), kana and Hangul.
type SortKey = (u8, Vec<u32>, Vec<u32>);

fn sort_key(family: &str, given: &str) -> SortKey {
    (script_rank(family), fold(family), fold(given))
}

fn script_rank(name: &str) -> u8 {
    let Some(c) = name.chars().find(|c| c.is_alphabetic()) else {
        return 9;
    };
    match c as u32 {
        0x0000..=0x024F | 0x1E00..=0x1EFF => 0,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => 1,
        0x0400..=0x052F => 2,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFEFF => 3,
        0x0590..=0x05FF => 4,
        0x3040..=0x30FF => 5,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => 6,
        0xAC00..=0xD7AF => 7,
        _ => 8,
    }
}

const PERSIAN: &str = "آاأإبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی";

fn fold(name: &str) -> Vec<u32> {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .map(|c| {
            let c = match c {
                'ي' | 'ى' => 'ی',
                'ك' => 'ک',
                'ة' => 'ه',
                other => other,
            };
            match PERSIAN.chars().position(|p| p == c) {
                // Persian letters in alphabet order, ahead of other Arabic-script letters.
                Some(i) => 0x0600 + i as u32,
                None if ('\u{0600}'..='\u{06FF}').contains(&c) => 0x0700 + c as u32 - 0x0600,
                None => c as u32,
            }
        })
        .collect()
}

pub fn pages(fonts: &Fonts, list: &DoorList, size: Size, words: Words) -> Vec<Page> {
    let mut c = Composer::new(fonts, size);
    let when = super::flyer::wall_clock(&list.local_starts)
        .map(|s| words.when(s, super::flyer::wall_clock(&list.local_ends)));
    let title = format!("{}: {}", words.label(Label::DoorList), list.title);
    let mut top = |c: &mut Composer| {
        c.paragraph(&title, Style::bold(15.0));
        if let Some(when) = &when {
            c.paragraph(when, Style::body(10.0));
        }
        c.space(6.0);
    };
    top(&mut c);
    let table = Table {
        columns: vec![
            Column::tick(words.label(Label::Arrived), 0.7),
            Column::text(words.label(Label::Name), 4.0),
            Column::text(words.label(Label::Party), 0.9),
            Column::text(words.label(Label::Note), 4.0),
        ],
        rtl: words.rtl(),
        min_row: 18.0,
        grid: false,
        size: 10.0,
    };
    let rows = |entries: &[Entry]| -> Vec<Vec<String>> {
        entries
            .iter()
            .map(|e| {
                let note = if e.maybe {
                    [words.label(Label::Maybe), e.note.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" \u{00b7} ")
                } else {
                    e.note.clone()
                };
                vec![String::new(), e.name.clone(), words.number(e.party), note]
            })
            .collect()
    };
    let expected: i64 = list.going.iter().map(|e| e.party).sum();
    c.paragraph(
        &format!(
            "{}: {} \u{00b7} {} {}",
            words.label(Label::Going),
            words.number(list.going.len()),
            words.number(expected),
            words.label(Label::Expected)
        ),
        Style::body(10.0),
    );
    c.space(4.0);
    table.draw_with(&mut c, &rows(&list.going), &mut top);
    if !list.waitlist.is_empty() {
        c.space(14.0);
        c.need(60.0);
        c.paragraph(
            &format!(
                "{} ({})",
                words.label(Label::Waitlist),
                words.number(list.waitlist.len())
            ),
            Style::bold(12.0),
        );
        c.space(4.0);
        table.draw_with(&mut c, &rows(&list.waitlist), &mut top);
    }
    c.finish(|i, n| words.page_of(i, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_each_script_as_its_readers_do() {
        let mut names = vec![
            "Zoë", "émile", "Adam", "گلی", "کاوه", "بهار", "پری", "Ωmega", "Алла", "Ägir",
        ];
        names.sort_by_key(|n| sort_key(n, ""));
        assert_eq!(
            names,
            [
                "Adam", "Ägir", "émile", "Zoë", "Ωmega", "Алла", "بهار", "پری", "کاوه", "گلی"
            ]
        );
        // Arabic yeh and kaf sort as their Persian forms.
        assert_eq!(fold("علي"), fold("علی"));
        assert_eq!(fold("كاوه"), fold("کاوه"));
    }
}
