//! Each report and receipt made from the sample campaign as the window and the CLI make it
//! (document::make, document::record on save), read back with poppler, and its figures held
//! against what the rest of the app says of the same data: `stats --json` (stats::collect),
//! the event page's counts (rsvps::counts), the ledger CSV (money_export::ledger, read with
//! the csv crate) and the receipts still owed (receipts::owed).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use desk_core::ledger::Filter;
use desk_core::print::document::{self, Kind, Request};
use desk_core::print::report_words::Term;
use desk_core::print::words::Words;
use desk_core::{donations, money, money_export, receipts, rsvps, sample, stats, Id, Store};

mod poppler;
use poppler::read_back;

struct Campaign {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    store: Store,
}

fn campaign() -> Campaign {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("c.db")).unwrap();
    sample::load(&mut store).unwrap();
    Campaign {
        dir: dir.path().to_owned(),
        _dir: dir,
        store,
    }
}

fn request(kind: Kind, lang: &str) -> Request {
    Request {
        lang: lang.into(),
        ..Request::new(kind)
    }
}

/// Makes the document as a preview does (nothing recorded) and reads it back: its text in
/// pdftotext's layout mode, so a row's label and figures stay on one line.
fn preview(c: &Campaign, name: &str, r: &Request) -> String {
    let printed = document::make(&c.store, r, None, None, true, &|_| {}).unwrap();
    assert!(printed.missing.is_empty(), "{name}: {:?}", printed.missing);
    layout_text(&c.dir, name, &printed)
}

/// Records then makes the document, as saving it does.
fn save(c: &mut Campaign, name: &str, r: &Request) -> String {
    document::record(&mut c.store, r).unwrap();
    let printed = document::make(&c.store, r, None, None, false, &|_| {}).unwrap();
    layout_text(&c.dir, name, &printed)
}

fn layout_text(dir: &Path, name: &str, printed: &document::Printed) -> String {
    let (file, _) = read_back(dir, name, printed);
    let (text, _) = poppler::run("pdftotext", &["-layout", file.to_str().unwrap(), "-"]);
    text
}

/// The rest of the first line whose text starts with `label`, its spaces squeezed.
fn after(text: &str, label: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no line starting {label:?} in:\n{text}"));
    squeeze(&line[label.len()..])
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn one_id(store: &Store, sql: &str) -> Id {
    store.reader().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn names(store: &Store, sql: &str) -> Vec<String> {
    let mut stmt = store.reader().prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn the_signers_report_counts_what_stats_counts_and_names_only_those_who_chose_to_be_shown() {
    let mut c = campaign();
    let en = Words::new("en");
    let s = stats::collect(&c.store).unwrap();
    let appeal = &s.appeals[0];
    let r = Request {
        appeal: Some(appeal.id),
        ..request(Kind::ReportSigners, "en")
    };
    let text = preview(&c, "signers-appeal", &r);
    assert!(text.contains(&appeal.title[..20]), "{text}");
    assert_eq!(
        after(&text, "Signatures:"),
        en.figure(&appeal.signers.to_string())
    );
    assert_eq!(after(&text, "Countries:"), appeal.countries.to_string());

    // Every appeal: the signatures add up to the appeals' signers in stats.
    let all = preview(&c, "signers-en", &request(Kind::ReportSigners, "en"));
    let total: i64 = s.appeals.iter().map(|a| a.signers).sum();
    assert_eq!(after(&all, "Signatures:"), en.figure(&total.to_string()));
    assert!(all.contains("All appeals"));
    // The per-country chart's bars: the country, then its count, largest first.
    let numbers = desk_core::signer_numbers::collect(&c.store, None).unwrap();
    let lines = raw_lines(&all);
    for country in numbers.by_country.iter().take(15) {
        let name = desk_core::countries::english_name(&country.key).unwrap();
        let bar = format!("{name} {}", country.count);
        assert!(lines.contains(&bar), "{bar} not in:\n{all}");
    }
    let rest = &numbers.by_country[15..];
    let others = format!(
        "{} others {}",
        rest.len(),
        rest.iter().map(|c| c.count).sum::<i64>()
    );
    assert!(lines.contains(&others), "{others}");

    // Hidden signers appear nowhere; a prominent signer appears until they choose "not shown".
    let hidden = names(
        &c.store,
        "SELECT p.given_name || ' ' || p.family_name FROM signatures s
           JOIN people p ON p.id = s.person_id WHERE s.display = 'hidden'",
    );
    assert!(!hidden.is_empty());
    for name in &hidden {
        assert!(!all.contains(name.as_str()), "hidden {name} printed");
    }
    let (signature, prominent): (Id, String) = c
        .store
        .reader()
        .query_row(
            "SELECT s.id, p.given_name || ' ' || p.family_name FROM signatures s
               JOIN people p ON p.id = s.person_id
              WHERE s.prominent = 1 AND s.display = 'full' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(all.contains(&prominent), "{prominent} missing:\n{all}");
    c.store
        .write(|w| {
            w.execute(
                "UPDATE signatures SET display = 'hidden' WHERE id = ?1",
                [signature],
            )?;
            Ok(())
        })
        .unwrap();
    let after_hiding = preview(&c, "signers-hidden", &request(Kind::ReportSigners, "en"));
    assert!(
        !after_hiding.contains(&prominent),
        "{prominent} still printed"
    );

    // In Farsi: the same count in Persian digits, and the page's words in Persian.
    let fa = preview(&c, "signers-fa", &request(Kind::ReportSigners, "fa"));
    let fa_words = Words::new("fa");
    assert!(fa.contains(&fa_words.figure(&total.to_string())), "{fa}");
    assert!(fa.contains(fa_words.term(Term::SignersReport)), "{fa}");
}

/// pdftotext's lines with the layout's spacing squeezed, empty ones left out.
fn raw_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(squeeze)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn the_attendance_report_counts_what_the_event_page_and_the_ledger_count() {
    let c = campaign();
    let event = one_id(&c.store, "SELECT event_id FROM cash_counts LIMIT 1");
    let title: String = c
        .store
        .reader()
        .query_row("SELECT title FROM events WHERE id = ?1", [event], |r| {
            r.get(0)
        })
        .unwrap();
    let r = Request {
        event: Some(event),
        ..request(Kind::ReportAttendance, "en")
    };
    let text = preview(&c, "attendance-en", &r);
    assert!(text.contains(&title));
    let n = rsvps::counts(&c.store, event).unwrap();
    for (label, value) in [
        ("Going", n.accepted),
        ("Maybe", n.tentative),
        ("Not going", n.declined),
        ("Not answered", n.needs_action),
        ("Waitlist", n.waitlisted),
        ("Answers checked in", n.checked_in),
        ("People who came", n.arrived),
        ("Walk-ins", n.walk_ins),
        ("No-shows", n.no_shows),
    ] {
        assert_eq!(after(&text, label), value.to_string(), "{label}");
    }
    let signatures: i64 = c
        .store
        .reader()
        .query_row(
            "SELECT count(*) FROM signatures WHERE event_id = ?1",
            [event],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(after(&text, "Signatures gathered"), signatures.to_string());

    // Money taken at the event: the ledger CSV's rows for it, gifts and sales that count.
    let rows = ledger_csv(
        &c.store,
        &Filter {
            voided: true,
            ..Filter::default()
        },
    );
    let mut taken: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for row in rows
        .iter()
        .filter(|r| r["event"] == title && r["type"] != "expense")
    {
        if row["status"] == "voided" {
            continue;
        }
        let e = taken.entry(row["currency"].clone()).or_default();
        e.0 += 1;
        e.1 += minor(&row["amount"], &row["currency"]) - minor(&row["refunded"], &row["currency"]);
    }
    assert!(!taken.is_empty());
    let en = Words::new("en");
    for (currency, (count, raised)) in &taken {
        let shown = en.amount(&money::format(*raised, currency), currency);
        assert!(
            text.lines()
                .any(|l| squeeze(l) == format!("{currency} {count} {shown}")),
            "{currency} {count} {shown} not in:\n{text}"
        );
    }
    // The cash box as counted at the table.
    let (counted, expected): (i64, i64) = c
        .store
        .reader()
        .query_row(
            "SELECT counted_minor, expected_minor FROM cash_counts
              WHERE event_id = ?1
                AND id NOT IN (SELECT corrects FROM cash_counts WHERE corrects IS NOT NULL)",
            [event],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let usd = |m: i64| en.amount(&money::format(m, "USD"), "USD");
    assert_eq!(after(&text, "Counted "), usd(counted));
    assert_eq!(after(&text, "Expected"), usd(expected));
    assert_eq!(after(&text, "Difference"), usd(counted - expected));

    let fa = preview(
        &c,
        "attendance-fa",
        &Request {
            lang: "fa".into(),
            ..r
        },
    );
    assert!(fa.contains(&Words::new("fa").figure(&n.accepted.to_string())));
}

fn ledger_csv(store: &Store, filter: &Filter) -> Vec<BTreeMap<String, String>> {
    let mut bytes = Vec::new();
    money_export::ledger(store.reader(), filter, &mut bytes).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn minor(decimal: &str, currency: &str) -> i64 {
    if decimal.is_empty() {
        return 0;
    }
    money::parse_decimal(decimal.trim_start_matches('+'), currency).unwrap()
}

#[test]
fn the_fundraising_report_shows_what_stats_shows_per_currency_and_per_fund_and_names_no_donor() {
    let c = campaign();
    let s = stats::collect(&c.store).unwrap();
    let text = preview(
        &c,
        "fundraising-en",
        &request(Kind::ReportFundraising, "en"),
    );
    let en = Words::new("en");
    let per_currency = &text[text.find("Money per currency").expect("per currency")..];
    for t in &s.donations.totals {
        let a = |v: &str| en.amount(v, &t.currency);
        let row = format!(
            "{} {} {} {} {} {}",
            t.currency,
            t.count,
            a(&t.raised),
            a(&t.fees),
            a(&t.spent),
            a(&t.balance)
        );
        assert!(
            per_currency.lines().any(|l| squeeze(l) == row),
            "{row} not in:\n{per_currency}"
        );
    }
    for f in &s.funds {
        let progress = format!(
            "{} of {} ({}%)",
            en.amount(&f.raised, &f.currency),
            en.amount(f.goal.as_deref().unwrap(), &f.currency),
            f.percent.unwrap()
        );
        assert!(
            text.contains(&f.name) && text.contains(&progress),
            "{progress}"
        );
        let section = &text[text.find(&f.name).unwrap()..];
        assert!(
            section.contains(&en.amount(&f.balance, &f.currency)),
            "{}",
            f.name
        );
    }
    // No donor's name, whatever their consent: the report names none.
    for donor in names(
        &c.store,
        "SELECT DISTINCT p.given_name || ' ' || p.family_name FROM donations d
           JOIN people p ON p.id = d.person_id",
    ) {
        assert!(!text.contains(&donor), "{donor} named");
    }
    // A period: only its gifts. The ledger CSV over the same days gives the same raised sum.
    let r = Request {
        from: Some("2024-05-01".into()),
        to: Some("2024-05-31".into()),
        ..request(Kind::ReportFundraising, "en")
    };
    let may = preview(&c, "fundraising-may", &r);
    let rows = ledger_csv(
        &c.store,
        &Filter {
            from: r.from.clone(),
            to: r.to.clone(),
            ..Filter::default()
        },
    );
    let usd_raised: i64 = rows
        .iter()
        .filter(|r| r["currency"] == "USD" && r["type"] != "expense")
        .map(|r| minor(&r["amount"], "USD") - minor(&r["refunded"], "USD"))
        .sum();
    let section = &may[may.find("Money per currency").unwrap()..];
    let usd = section
        .lines()
        .map(squeeze)
        .find(|l| l.starts_with("USD "))
        .unwrap();
    assert!(
        usd.contains(&en.amount(&money::format(usd_raised, "USD"), "USD")),
        "{usd} vs {usd_raised}"
    );
    assert!(after(&may, "Period:").contains("May 1, 2024"), "{may}");

    let fa = preview(
        &c,
        "fundraising-fa",
        &request(Kind::ReportFundraising, "fa"),
    );
    let fa_words = Words::new("fa");
    let usd = s
        .donations
        .totals
        .iter()
        .find(|t| t.currency == "USD")
        .unwrap();
    assert!(fa.contains(&fa_words.figure(&usd.raised)), "{fa}");
}

#[test]
fn the_treasurers_ledger_prints_the_ledger_csvs_balances_and_marks_each_voided_entry() {
    let c = campaign();
    let (from, to) = ("2024-01-01", "2024-12-31");
    let r = Request {
        from: Some(from.into()),
        to: Some(to.into()),
        ..request(Kind::ReportLedger, "en")
    };
    let text = preview(&c, "ledger-en", &r);
    let rows = ledger_csv(
        &c.store,
        &Filter {
            from: Some(from.into()),
            to: Some(to.into()),
            voided: true,
            ..Filter::default()
        },
    );
    assert!(rows.len() > 50);
    let en = Words::new("en");
    let lines = raw_lines(&text);
    // Every standing entry's running balance, on the line of its date, in CSV order per fund.
    for row in rows.iter().filter(|r| r["status"] == "ok") {
        let balance = en.amount(&row["fund_balance"], &row["currency"]);
        let day = en.day(&row["date"]);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&day) && l.ends_with(&balance)),
            "{day} … {balance} not in the ledger"
        );
    }
    let voided = rows.iter().filter(|r| r["status"] == "voided").count();
    assert!(voided > 0);
    let void = format!("{} — ", en.term(Term::Void));
    assert_eq!(text.matches(&void).count(), voided, "{text}");
    // A fund's last balance is the fund's balance for the year in the CSV.
    let fund = "Newspaper ad for the appeal";
    let last = rows
        .iter()
        .rfind(|r| r["fund"] == fund && r["status"] == "ok")
        .unwrap();
    assert!(text.contains(&en.amount(&last["fund_balance"], "USD")));

    // Without its last day the ledger is refused, and a period backwards too.
    for (from, to, key) in [
        (Some("2024-01-01"), None, "required"),
        (Some("2024-12-31"), Some("2024-01-01"), "period_backwards"),
    ] {
        let bad = Request {
            from: from.map(Into::into),
            to: to.map(Into::into),
            ..request(Kind::ReportLedger, "en")
        };
        let err = document::make(&c.store, &bad, None, None, true, &|_| {}).unwrap_err();
        assert_eq!(err.message().key(), key);
    }
    let fa = preview(
        &c,
        "ledger-fa",
        &Request {
            lang: "fa".into(),
            ..r
        },
    );
    assert_eq!(
        fa.matches(Words::new("fa").term(Term::Void)).count(),
        voided
    );
}

#[test]
fn a_gifts_receipt_is_numbered_when_first_saved_then_copied_under_the_same_number_and_marked_void()
{
    let mut c = campaign();
    let en = Words::new("en");
    // The benefit dinner: $120 paid, a ticket worth $45 received.
    let gift = one_id(
        &c.store,
        "SELECT id FROM donations WHERE returned_minor > 0 AND kind = 'gift' LIMIT 1",
    );
    let d = donations::get(c.store.reader(), gift).unwrap();
    let r = Request {
        donation: Some(gift),
        who: Some("Treasurer".into()),
        ..request(Kind::Receipt, "en")
    };
    let looked = preview(&c, "receipt-preview", &r);
    assert_eq!(after(&looked, "Receipt number:"), "(numbered when saved)");
    assert!(receipts::for_donation(c.store.reader(), gift)
        .unwrap()
        .is_none());

    let first = save(&mut c, "receipt-en", &r);
    let issued = receipts::for_donation(c.store.reader(), gift)
        .unwrap()
        .unwrap();
    let number = issued.number.clone();
    assert_eq!(after(&first, "Receipt number:"), number);
    assert!(!first.contains(en.term(Term::Copy)));
    assert!(first.contains(&receipts::donor_name(&d)));
    assert_eq!(after(&first, "Amount"), en.amount(&d.amount, &d.currency));
    assert!(first.contains("benefit dinner ticket"));
    let value = en.amount(&d.returned_value, &d.currency);
    assert_eq!(
        after(&first, "Our good-faith estimate of their value:"),
        value
    );
    let deductible = money::format(d.amount_minor - d.returned_minor, &d.currency);
    assert_eq!(
        after(&first, "The part of your payment that may be deductible:"),
        en.amount(&deductible, &d.currency)
    );

    let copy = save(&mut c, "receipt-copy", &r);
    assert_eq!(after(&copy, "Receipt number:"), number, "same number");
    assert!(copy.contains(en.term(Term::Copy)));
    let again = receipts::for_donation(c.store.reader(), gift)
        .unwrap()
        .unwrap();
    assert_eq!((again.id, again.copies), (issued.id, 1));

    // The gift voided: its receipt prints marked void and nothing more is issued.
    c.store
        .write(|w| donations::void(w, gift, "entered twice", "Treasurer"))
        .unwrap();
    let void = save(&mut c, "receipt-void", &r);
    assert!(void.contains(en.term(Term::VoidReceipt)), "{void}");
    assert_eq!(after(&void, "Receipt number:"), number);

    // A sale gets none; a gift in kind is described, never valued.
    let sale = one_id(
        &c.store,
        "SELECT id FROM donations WHERE kind = 'sale' LIMIT 1",
    );
    let sold = Request {
        donation: Some(sale),
        ..request(Kind::Receipt, "en")
    };
    let err = document::make(&c.store, &sold, None, None, true, &|_| {}).unwrap_err();
    assert_eq!(err.message().key(), "sale_no_receipt");
    assert_eq!(
        document::record(&mut c.store, &sold)
            .unwrap_err()
            .message()
            .key(),
        "sale_no_receipt"
    );
    let in_kind = one_id(
        &c.store,
        "SELECT id FROM donations WHERE in_kind <> '' LIMIT 1",
    );
    let k = donations::get(c.store.reader(), in_kind).unwrap();
    let kind_text = save(
        &mut c,
        "receipt-in-kind",
        &Request {
            donation: Some(in_kind),
            ..request(Kind::Receipt, "en")
        },
    );
    assert!(squeeze(&kind_text).contains(&format!("Gift in kind: {}", squeeze(&k.in_kind))));
    assert!(!kind_text.contains(&format!("{} {}", k.amount, k.currency)));

    // In Farsi, the number stays as issued and the statement is in Persian.
    let fa = save(
        &mut c,
        "receipt-fa",
        &Request {
            lang: "fa".into(),
            donation: Some(in_kind),
            ..r
        },
    );
    let fa_words = Words::new("fa");
    assert!(fa.contains(fa_words.term(Term::Copy)));
    let kind_receipt = receipts::for_donation(c.store.reader(), in_kind)
        .unwrap()
        .unwrap();
    assert!(fa.contains(&kind_receipt.number), "{fa}");
}

#[test]
fn a_donors_annual_summary_lists_the_years_gifts_with_totals_per_currency() {
    let c = campaign();
    let (person, year): (Id, String) = c
        .store
        .reader()
        .query_row(
            "SELECT person_id, substr(received_on, 1, 4) FROM donations
              WHERE person_id IS NOT NULL AND voided_at IS NULL AND kind <> 'sale'
              GROUP BY person_id, substr(received_on, 1, 4) ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let r = Request {
        person: Some(person),
        year: Some(year.parse().unwrap()),
        ..request(Kind::AnnualReceipt, "en")
    };
    let text = preview(&c, "annual-en", &r);
    let en = Words::new("en");
    let mut stmt = c
        .store
        .reader()
        .prepare(
            "SELECT received_on, amount_minor - refunded_minor, currency FROM donations
              WHERE person_id = ?1 AND voided_at IS NULL AND kind <> 'sale'
                AND substr(received_on, 1, 4) = ?2 AND in_kind = ''",
        )
        .unwrap();
    let gifts: Vec<(String, i64, String)> = stmt
        .query_map(rusqlite::params![person, year], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(gifts.len() >= 2, "a donor with several gifts");
    let mut totals: BTreeMap<String, i64> = BTreeMap::new();
    for (day, _, currency) in &gifts {
        assert!(text.contains(&en.day(day)), "{day} missing");
        *totals.entry(currency.clone()).or_default() += 0;
    }
    for (_, amount, currency) in &gifts {
        *totals.get_mut(currency).unwrap() += amount;
    }
    let below = &text[text.find("\nTotal\n").expect("totals")..];
    for (currency, total) in &totals {
        let shown = en.amount(&money::format(*total, currency), currency);
        assert!(
            below
                .lines()
                .map(squeeze)
                .any(|l| l.starts_with(&format!("{currency} {shown}"))),
            "total {shown} not in:\n{below}"
        );
    }
    assert!(text.contains(&format!("Your gifts in {year}")), "{text}");
    let fa = preview(
        &c,
        "annual-fa",
        &Request {
            lang: "fa".into(),
            ..r
        },
    );
    // pdftotext drops the zero-width non-joiner of "کمک‌های" and marks embedded runs.
    let heading = Words::new("fa")
        .term(Term::AnnualSummary)
        .replace('\u{200C}', "");
    let fa: String = fa
        .chars()
        .filter(|c| !('\u{202A}'..='\u{202E}').contains(c))
        .collect();
    assert!(
        fa.contains(&format!("{heading} {}", Words::new("fa").number(&year))),
        "{fa}"
    );
}

#[test]
fn a_batch_issues_every_owed_receipt_in_order_and_splits_into_one_file_per_donor() {
    let mut c = campaign();
    let owed = receipts::owed(c.store.reader()).unwrap();
    assert!(owed.len() >= 5);
    let r = Request {
        donations: owed.iter().map(|o| o.donation).collect(),
        ..request(Kind::Receipts, "en")
    };
    let text = save(&mut c, "receipts-batch", &r);
    assert!(
        receipts::owed(c.store.reader()).unwrap().is_empty(),
        "all issued"
    );
    let mut numbers = Vec::new();
    for o in &owed {
        let issued = receipts::for_donation(c.store.reader(), o.donation)
            .unwrap()
            .unwrap();
        numbers.push(issued.serial);
        assert!(
            text.contains(&format!("Receipt number: {}", issued.number)),
            "{}",
            issued.number
        );
        assert!(text.contains(&o.donor), "{}", o.donor);
    }
    let first = numbers[0];
    assert_eq!(
        numbers,
        (first..first + owed.len() as i64).collect::<Vec<_>>(),
        "consecutive"
    );

    let files = document::per_donor(&c.store, &r).unwrap();
    let donors: HashSet<String> = owed
        .iter()
        .map(|o| {
            o.person
                .map(|p| p.to_string())
                .unwrap_or_else(|| o.donor.clone())
        })
        .collect();
    assert_eq!(files.len(), donors.len());
    let pages: usize = files.iter().map(|(_, p)| p.pages).sum();
    assert_eq!(pages, owed.len(), "a page a receipt");
    let mut seen = HashSet::new();
    for (name, printed) in &files {
        assert!(seen.insert(name.to_lowercase()), "{name} twice");
        assert!(!name.contains('/'));
        let (_, t) = read_back(&c.dir, &format!("donor-{}", seen.len()), printed);
        // Made in the same save as the batch's record: originals, not copies.
        assert!(!t.contains("COPY"), "{name}");
        assert!(t.contains("Receipt number: R-"), "{name}");
    }
}
