//! Reports and receipts from the sample campaign, read back with pdftotext (first checks; the
//! window, the CLI and the totals against stats and the ledger CSV come next).

use std::process::Command;

use desk_core::ledger::Period;
use desk_core::print::page::LETTER;
use desk_core::print::shape::Fonts;
use desk_core::print::words::Words;
use desk_core::print::{pdf, receipt, report_attendance, report_fundraising, report_ledger, report_signers};
use desk_core::{sample, Id, Store};

fn text(name: &str, fonts: &Fonts, pages: Vec<desk_core::print::page::Page>) -> String {
    let bytes = pdf::write(fonts, pages, name).unwrap();
    let file = std::env::temp_dir().join(format!("report-{name}.pdf"));
    std::fs::write(&file, bytes).unwrap();
    if let Ok(keep) = std::env::var("PRINT_PNG_DIR") {
        let _ = Command::new("pdftoppm").args(["-png", "-r", "60"]).arg(&file).arg(format!("{keep}/{name}")).status();
    }
    let out = Command::new("pdftotext").arg(&file).arg("-").output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn each_report_and_receipt_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("c.db")).unwrap();
    sample::load(&mut store).unwrap();
    for lang in ["en", "fa"] {
        let fonts = Fonts::new();
        let words = Words::new(lang);
        let s = report_signers::load(&store, None).unwrap();
        let t = text(&format!("signers-{lang}"), &fonts, report_signers::pages(&fonts, &s, LETTER, words));
        assert!(!t.is_empty());
        let f = report_fundraising::load(&store, Period::default()).unwrap();
        let t = text(&format!("fundraising-{lang}"), &fonts, report_fundraising::pages(&fonts, &f, LETTER, words));
        assert!(!t.is_empty());
        let l = report_ledger::load(&store, Period::new(Some("2024-01-01"), Some("2024-12-31")).unwrap()).unwrap();
        let t = text(&format!("ledger-{lang}"), &fonts, report_ledger::pages(&fonts, &l, LETTER, words));
        assert!(!t.is_empty());
        let event: Id = store.reader().query_row("SELECT event_id FROM cash_counts LIMIT 1", [], |r| r.get(0)).unwrap();
        let a = report_attendance::load(&store, event).unwrap();
        let t = text(&format!("attendance-{lang}"), &fonts, report_attendance::pages(&fonts, &a, LETTER, words));
        assert!(!t.is_empty());
        let gift: Id = store.reader().query_row("SELECT id FROM donations WHERE returned_minor > 0 LIMIT 1", [], |r| r.get(0)).unwrap();
        let r = receipt::load_single(&store, gift, true).unwrap();
        let t = text(&format!("receipt-{lang}"), &fonts, receipt::pages(&fonts, &r, LETTER, words));
        assert!(!t.is_empty());
        let person: Id = store.reader().query_row("SELECT person_id FROM donations WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC LIMIT 1", [], |r| r.get(0)).unwrap();
        let r = receipt::load_annual(&store, person, 2024).unwrap();
        let t = text(&format!("annual-{lang}"), &fonts, receipt::pages(&fonts, &r, LETTER, words));
        assert!(!t.is_empty());
    }
}
