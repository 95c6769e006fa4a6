//! The PDF checks every print test shares: poppler's tools as a person's viewer uses them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use desk_core::print::document::Printed;

/// Runs a tool that must succeed; its standard output and error.
pub fn run(tool: &str, args: &[&str]) -> (String, String) {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Writes the PDF, checks fonts and rendering, and returns its text (pages joined).
pub fn read_back(dir: &Path, name: &str, printed: &Printed) -> (PathBuf, String) {
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, &printed.pdf).unwrap();
    let f = file.to_str().unwrap();
    let (fonts, _) = run("pdffonts", &[f]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in {name}");
    for row in &rows {
        assert!(
            row.contains("yes yes"),
            "{name}: a font not an embedded subset:\n{fonts}"
        );
        assert!(
            row.split_whitespace().next().unwrap().contains('+'),
            "{name}: no subset tag:\n{fonts}"
        );
    }
    let png = dir.join(name);
    let (_, warnings) = run("pdftoppm", &["-png", "-r", "50", f, png.to_str().unwrap()]);
    assert_eq!(warnings, "", "{name}: pdftoppm warned");
    if let Ok(keep) = std::env::var("PRINT_PNG_DIR") {
        let _ = run(
            "pdftoppm",
            &["-png", "-r", "70", f, &format!("{keep}/{name}")],
        );
        std::fs::copy(&file, format!("{keep}/{name}.pdf")).unwrap();
    }
    let (text, _) = run("pdftotext", &[f, "-"]);
    (file, text)
}
