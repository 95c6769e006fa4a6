//! The layout engine's PDFs read with poppler, as a person's viewer would: the words come back
//! in logical order (Persian too), the fonts are embedded subsets, and every page renders.

use std::process::Command;

use desk_core::print::fonts::Weight;
use desk_core::print::page::{Composer, Style, A4};
use desk_core::print::{pdf, shape};

fn poppler(tool: &str, args: &[&str]) -> (String, String) {
    let out = Command::new(tool)
        .args(args)
        .output()
        .expect("poppler-utils installed");
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const WORDS: &[&str] = &[
    "Nahid Tehrani",
    "José Martínez Núñez",
    "Jürgen Groß",
    "Nguyễn Thị Minh Khai",
    "Αλέξανδρος Παπαδόπουλος",
    "Наталья Горбаневская",
    "李明",
    "ناهید تهرانی",
    "آزادی برای همه زندانیان سیاسی",
];

#[test]
fn many_scripts_come_back_as_written_from_an_embedded_subset() {
    let fonts = shape::Fonts::new();
    let mut c = Composer::new(&fonts, A4);
    c.paragraph("Free them all", Style::bold(24.0).centered());
    c.columns(3);
    for w in WORDS {
        c.paragraph(w, Style::body(11.0));
    }
    let pages = c.finish(|i, n| format!("page {i} of {n}"));
    let bytes = pdf::write(&fonts, pages.clone(), "test").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let f = file.to_str().unwrap();

    let (text, _) = poppler("pdftotext", &[f, "-"]);
    for w in WORDS {
        assert!(text.contains(w), "{w:?} not found in:\n{text}");
    }
    assert!(text.contains("page 1 of 1"));
    let (list, _) = poppler("pdffonts", &[f]);
    for name in ["NotoSans", "NotoNaskhArabic"] {
        let row = list
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in\n{list}"));
        assert!(
            row.contains("yes yes"),
            "{name} is not an embedded subset:\n{list}"
        );
    }
    assert!(
        bytes.len() < 200_000,
        "subset fonts keep the file small: {} bytes",
        bytes.len()
    );
    let png = dir.path().join("p");
    let (_, warnings) = poppler("pdftoppm", &["-png", "-r", "60", f, png.to_str().unwrap()]);
    assert_eq!(warnings, "", "pdftoppm warned");
    if let Ok(keep) = std::env::var("PRINT_PNG_DIR") {
        std::fs::copy(dir.path().join("p-1.png"), format!("{keep}/scripts.png")).unwrap();
        std::fs::copy(&file, format!("{keep}/scripts.pdf")).unwrap();
    }
}

#[test]
fn a_long_paragraph_wraps_inside_its_width_and_persian_is_right_aligned() {
    let fonts = shape::Fonts::new();
    let text = "Amnesty asks the government to release every prisoner of conscience held for peaceful protest.";
    let lines = shape::lines(&fonts, text, Weight::Regular, 12.0, 150.0);
    assert!(lines.len() >= 3, "{} lines", lines.len());
    assert!(lines.iter().all(|l| l.width <= 150.0));
    let joined: String = lines
        .iter()
        .map(|l| {
            l.segments
                .iter()
                .map(|s| s.text.as_str())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(joined, text);
    let fa = shape::lines(&fonts, "ناهید تهرانی", Weight::Regular, 12.0, 300.0);
    assert!(fa[0].rtl);
    let cjk = shape::lines(&fonts, &"李明".repeat(40), Weight::Regular, 12.0, 100.0);
    assert!(cjk.len() > 1, "CJK wraps between letters");
}

#[test]
fn a_letter_no_font_has_is_reported_by_name() {
    let fonts = shape::Fonts::new();
    shape::lines(&fonts, "Tenzin ཀ", Weight::Regular, 12.0, 300.0);
    let missing = fonts.missing.borrow();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0], ('ཀ', "Tenzin ཀ".to_owned()));
}

#[test]
fn the_appeal_ad_prints_shown_signers_as_they_chose_and_never_a_hidden_one() {
    use desk_core::print::{appeal_ad, page, words::Words};
    use desk_core::{appeals, sample, Store};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    sample::load(&mut store).unwrap();
    let appeal = appeals::by_slug(&store, sample::APPEAL_SLUG).unwrap();
    let ad = appeal_ad::load(&store, appeal, "en").unwrap();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let names = |display: &str| -> Vec<(String, String, String)> {
        let mut st = conn
            .prepare(
                "SELECT p.given_name, p.family_name, coalesce(p.city,'') FROM signatures s
                   JOIN people p ON p.id = s.person_id WHERE s.appeal_id = ?1 AND s.display = ?2",
            )
            .unwrap();
        st.query_map(rusqlite::params![appeal, display], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let hidden = names("hidden");
    let full = names("full");
    assert!(
        !hidden.is_empty() && !full.is_empty(),
        "the sample has both"
    );
    assert_eq!(ad.others, hidden.len() as i64);

    let fonts = shape::Fonts::new();
    let pages = appeal_ad::pages(&fonts, &ad, page::LETTER, 3, &Words::new("en"));
    let bytes = pdf::write(&fonts, pages.clone(), &ad.title).unwrap();
    let file = dir.path().join("ad.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let f = file.to_str().unwrap();
    if let Ok(keep) = std::env::var("PRINT_PNG_DIR") {
        std::fs::copy(&file, format!("{keep}/ad.pdf")).unwrap();
    }
    let (text, _) = poppler("pdftotext", &[f, "-"]);
    let flat = text.replace('\n', " ");
    for (g, fam, _) in full.iter().take(20) {
        // pdftotext drops the zero-width non-joiner of "نیک‌نام" (the letters around it are
        // there, unjoined as written); compare the letters.
        let name = format!("{g} {fam}").replace('\u{200c}', "");
        assert!(flat.contains(&name), "{name} missing");
    }
    // The sample draws names from lists, so a hidden signer may share a name with a shown one.
    let full_names: Vec<String> = full.iter().map(|(g, f, _)| format!("{g} {f}")).collect();
    for (g, fam, _) in &hidden {
        let name = format!("{g} {fam}");
        if full_names.contains(&name) {
            continue;
        }
        assert!(
            !flat.contains(&name),
            "{name}, who chose not to be shown, is printed"
        );
        // Not in the file's bytes either (fonts carry glyphs, never the words).
        assert!(!String::from_utf8_lossy(&bytes).contains(&name));
    }
    assert!(
        flat.contains(&format!("and {} others from", hidden.len())),
        "{flat}"
    );
    assert!(flat.contains(&format!("page 1 of {}", pages.len())));
    let (_, warnings) = poppler(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "40",
            f,
            dir.path().join("p").to_str().unwrap(),
        ],
    );
    assert_eq!(warnings, "");
    if let Ok(keep) = std::env::var("PRINT_PNG_DIR") {
        std::fs::copy(
            dir.path().join(if pages.len() > 9 {
                "p-01.png"
            } else {
                "p-1.png"
            }),
            format!("{keep}/ad.png"),
        )
        .unwrap();
    }
}

#[test]
fn names_are_shown_in_the_form_each_signer_chose() {
    use desk_core::print::appeal_ad::shown_name;
    assert_eq!(
        shown_name("full", "Nahid", "Tehrani", "Berlin").as_deref(),
        Some("Nahid Tehrani")
    );
    assert_eq!(
        shown_name("name_city", "Nahid", "Tehrani", "Berlin").as_deref(),
        Some("Nahid T., Berlin")
    );
    assert_eq!(
        shown_name("initials", "Nahid", "Tehrani", "").as_deref(),
        Some("N. T.")
    );
    assert_eq!(shown_name("hidden", "Nahid", "Tehrani", "Berlin"), None);
}
