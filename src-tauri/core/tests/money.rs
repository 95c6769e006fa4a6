//! Money on a real database file: gifts, corrections and voids with their audit trail, funds and
//! expenses, the ledger's running balances, the cash box, receipts and their rules, rates, the
//! imports of the platform's and PayPal's files, and the CSV exports read back.

use desk_core::cash_box::{self, Count, Denomination};
use desk_core::donation_import::{self, Options};
use desk_core::donations::{self, DonationInput};
use desk_core::events::{self, EventInput};
use desk_core::expenses::{self, ExpenseInput};
use desk_core::funds::{self, FundInput};
use desk_core::ledger::{self, Filter};
use desk_core::money::{self, DecimalMark};
use desk_core::organization::{self, Organization};
use desk_core::{money_audit, money_export, receipts, Id, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("money.db")).unwrap();
    desk_core::campaign::start(&mut store, "Campaign").unwrap();
    (dir, store)
}

fn fund(store: &mut Store, slug: &str, goal: &str) -> Id {
    store
        .write(|w| {
            funds::save(
                w,
                None,
                &FundInput {
                    name: format!("Fund {slug}"),
                    slug: slug.into(),
                    goal: goal.into(),
                    currency: "USD".into(),
                    deadline: "2027-06-01".into(),
                    ..Default::default()
                },
                "",
            )
        })
        .unwrap()
}

fn event(store: &mut Store) -> Id {
    store
        .write(|w| {
            events::insert(
                w,
                &EventInput {
                    title: "Cultural night".into(),
                    starts: Some("2027-02-24T18:00".into()),
                    time_zone: "America/Los_Angeles".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap()
}

fn gift(amount: &str, on: &str) -> DonationInput {
    DonationInput {
        amount: amount.into(),
        currency: "USD".into(),
        received_on: on.into(),
        method: "cash".into(),
        entered_by: "Maria".into(),
        anonymous: true,
        ..Default::default()
    }
}

fn give(store: &mut Store, d: &DonationInput) -> Id {
    store.write(|w| donations::record(w, d)).unwrap()
}

/// The totals the triggers keep (money_sums) are what adding up every row gives.
fn sums_agree(store: &Store) {
    let q = |sql: &str| -> Vec<(String, i64, i64, i64, i64)> {
        let mut stmt = store.reader().prepare(sql).unwrap();
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    let kept = q("SELECT coalesce(hex(fund_id), '') || currency, sum(raised), sum(fees), sum(gifts), sum(spent)
                    FROM money_sums GROUP BY fund_id, currency HAVING sum(gifts) + sum(expenses) > 0 ORDER BY 1");
    let counted = q("SELECT k, sum(r), sum(f), sum(g), sum(s) FROM (
                       SELECT coalesce(hex(fund_id), '') || currency AS k, amount_minor - refunded_minor AS r,
                              fee_minor AS f, 1 AS g, 0 AS s FROM donations WHERE voided_at IS NULL
                       UNION ALL
                       SELECT coalesce(hex(fund_id), '') || currency, 0, 0, 0, amount_minor FROM expenses
                        WHERE voided_at IS NULL)
                     GROUP BY k ORDER BY 1");
    assert_eq!(kept, counted, "money_sums drifted from the rows");
}

fn key(e: desk_core::Error) -> &'static str {
    e.message().key()
}

#[test]
fn amounts_are_understood_as_typed_and_refused_with_the_field_named() {
    use DecimalMark::{Comma, Point};
    let p = |typed: &str, currency: &str, mark| {
        money::parse_typed("amount", typed, currency, mark, false)
    };
    assert_eq!(p("1,500.00", "USD", Point).unwrap(), 150_000);
    assert_eq!(p("1.500,00", "EUR", Comma).unwrap(), 150_000);
    assert_eq!(p("1 500,5", "EUR", Comma).unwrap(), 150_050);
    assert_eq!(p("1'500.25", "CHF", Point).unwrap(), 150_025);
    assert_eq!(p("2500", "JPY", Point).unwrap(), 2500);
    assert_eq!(p("0.125", "KWD", Point).unwrap(), 125);
    // 0.10 + 0.20 is exactly 0.30.
    let sum = money::checked_sum([
        p("0.10", "USD", Point).unwrap(),
        p("0.20", "USD", Point).unwrap(),
    ])
    .unwrap();
    assert_eq!(money::format(sum, "USD"), "0.30");
    for (typed, currency, mark, expected) in [
        ("-5", "USD", Point, "bad_amount"),
        ("1e3", "USD", Point, "bad_amount"),
        ("abc", "USD", Point, "bad_amount"),
        ("12.345", "USD", Point, "too_precise"),
        ("1.5", "JPY", Point, "too_precise"),
        ("1,5", "JPY", Comma, "too_precise"),
        ("0", "USD", Point, "amount_zero"),
        ("0.00", "USD", Point, "amount_zero"),
        ("99999999999", "USD", Point, "amount_absurd"),
        ("1.500,00", "USD", Point, "bad_amount"),
    ] {
        let err = p(typed, currency, mark).unwrap_err();
        assert_eq!(key(err), expected, "{typed} {currency}");
    }
    let err = p("12.345", "USD", Point).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Amount: 12.345 has more decimals than USD has"
    );
    assert!(
        money::checked_sum([i64::MAX, 1]).is_err(),
        "a sum never wraps"
    );
}

#[test]
fn a_gift_is_corrected_and_voided_never_changed_in_silence() {
    let (_dir, mut store) = store();
    let night = event(&mut store);
    let ad = fund(&mut store, "ad", "14,000.00");
    let id = give(
        &mut store,
        &DonationInput {
            anonymous: false,
            donor_name: "Ana Ruiz".into(),
            donor_email: "ana@example.org".into(),
            fund: Some(ad),
            event: Some(night),
            ..gift("20", "2027-02-24")
        },
    );
    // The same email later is the same person.
    let again = give(
        &mut store,
        &DonationInput {
            anonymous: false,
            donor_email: "ANA@example.org".into(),
            method: "check".into(),
            reference: "1041".into(),
            ..gift("50", "2027-03-01")
        },
    );
    let (a, b) = (
        donations::get(store.reader(), id).unwrap(),
        donations::get(store.reader(), again).unwrap(),
    );
    assert_eq!(a.person.as_ref().unwrap().id, b.person.unwrap().id);
    assert_eq!(a.person.unwrap().name, "Ana Ruiz");
    assert_eq!(a.event.unwrap().id, night);

    // A correction needs a reason and keeps what it changed.
    let mut fixed = donations::input(store.reader(), id).unwrap();
    fixed.amount = "25.00".into();
    let err = store
        .write(|w| donations::correct(w, id, &fixed, " ", "Dana"))
        .unwrap_err();
    assert_eq!(key(err), "reason_required");
    store
        .write(|w| donations::correct(w, id, &fixed, "counted again", "Dana"))
        .unwrap();
    let trail = money_audit::trail(store.reader(), id).unwrap();
    assert_eq!(trail.len(), 2);
    assert_eq!(
        (trail[0].action.as_str(), trail[0].who.as_str()),
        ("created", "Maria")
    );
    let change = &trail[1];
    assert_eq!(
        (
            change.action.as_str(),
            change.who.as_str(),
            change.reason.as_str()
        ),
        ("corrected", "Dana", "counted again")
    );
    let amount = change.changes.iter().find(|c| c.field == "amount").unwrap();
    assert_eq!(
        (amount.before.as_deref(), amount.after.as_deref()),
        (Some("20.00"), Some("25.00"))
    );
    assert_eq!(
        change.changes.len(),
        1,
        "only what changed: {:?}",
        change.changes
    );
    assert_eq!(funds::summary(store.reader(), ad).unwrap().raised, "25.00");

    // Voided: still there, counting nowhere, not correctable, and the trail says why.
    store
        .write(|w| donations::void(w, id, "typed twice", "Dana"))
        .unwrap();
    let voided = donations::get(store.reader(), id).unwrap();
    assert!(voided.voided_at.is_some());
    assert_eq!(voided.void_reason, "typed twice");
    assert_eq!(funds::summary(store.reader(), ad).unwrap().raised, "0.00");
    let err = store
        .write(|w| donations::void(w, id, "again", ""))
        .unwrap_err();
    assert_eq!(key(err), "already_voided");
    let err = store
        .write(|w| donations::correct(w, id, &fixed, "x", ""))
        .unwrap_err();
    assert_eq!(key(err), "already_voided");
    let last = money_audit::trail(store.reader(), id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (last.action.as_str(), last.reason.as_str()),
        ("voided", "typed twice")
    );
    let n: i64 = store
        .reader()
        .query_row("SELECT count(*) FROM donations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2, "nothing was deleted");
    sums_agree(&store);
}

#[test]
fn every_rule_of_a_gift_is_kept_in_core() {
    let (_dir, mut store) = store();
    let cases: Vec<(DonationInput, &str)> = vec![
        (
            DonationInput {
                method: "in_kind".into(),
                in_kind: String::new(),
                ..gift("", "2027-01-01")
            },
            "in_kind_needs_description",
        ),
        (
            DonationInput {
                method: "in_kind".into(),
                in_kind: "flyers".into(),
                ..gift("30", "2027-01-01")
            },
            "in_kind_has_no_value",
        ),
        (
            DonationInput {
                fee: "30".into(),
                ..gift("20", "2027-01-01")
            },
            "fee_too_large",
        ),
        (
            DonationInput {
                returned_value: "45".into(),
                ..gift("20", "2027-01-01")
            },
            "returned_too_large",
        ),
        (
            DonationInput {
                method: "bitcoin".into(),
                ..gift("20", "2027-01-01")
            },
            "bad_method",
        ),
        (gift("20", "0000-01-01"), "date_out_of_range"),
        (gift("20", "2027-13-01"), "bad_date"),
        (gift("20", "9999-12-31"), "date_out_of_range"),
        (gift("20", "2027-02-29"), "bad_date"),
        (
            DonationInput {
                currency: "DOLLARS".into(),
                ..gift("20", "2027-01-01")
            },
            "not_currency_code",
        ),
        (
            DonationInput {
                person: Some(Id::new()),
                anonymous: false,
                donor_name: "X".into(),
                ..gift("20", "2027-01-01")
            },
            "donor_conflict",
        ),
    ];
    for (input, expected) in cases {
        let err = store.write(|w| donations::record(w, &input)).unwrap_err();
        assert_eq!(key(err), expected, "{input:?}");
    }
    // A gift in kind is described, with no value; 29 February of a leap year is a date.
    let kind = give(
        &mut store,
        &DonationInput {
            method: "in_kind".into(),
            in_kind: "500 flyers".into(),
            ..gift("", "2028-02-29")
        },
    );
    assert_eq!(donations::get(store.reader(), kind).unwrap().amount, "0.00");
    // The same transaction id twice is refused.
    give(
        &mut store,
        &DonationInput {
            method: "online".into(),
            transaction_id: "T-1".into(),
            ..gift("20", "2027-01-01")
        },
    );
    let err = store
        .write(|w| {
            donations::record(
                w,
                &DonationInput {
                    method: "online".into(),
                    transaction_id: "T-1".into(),
                    ..gift("20", "2027-01-01")
                },
            )
        })
        .unwrap_err();
    assert_eq!(key(err), "transaction_exists");
}

#[test]
fn funds_ledger_and_totals_never_mix_currencies() {
    let (_dir, mut store) = store();
    let ad = fund(&mut store, "ad", "1000");
    for (amount, on) in [
        ("100", "2027-01-05"),
        ("250.50", "2027-01-20"),
        ("300", "2027-02-02"),
    ] {
        give(
            &mut store,
            &DonationInput {
                fund: Some(ad),
                ..gift(amount, on)
            },
        );
    }
    give(
        &mut store,
        &DonationInput {
            fund: Some(ad),
            method: "online".into(),
            fee: "2.50".into(),
            ..gift("50", "2027-02-03")
        },
    );
    give(
        &mut store,
        &DonationInput {
            fund: Some(ad),
            currency: "EUR".into(),
            ..gift("40", "2027-02-04")
        },
    );
    give(
        &mut store,
        &DonationInput {
            currency: "JPY".into(),
            ..gift("5000", "2027-02-05")
        },
    );
    store
        .write(|w| {
            expenses::record(
                w,
                &ExpenseInput {
                    fund: Some(ad),
                    amount: "120".into(),
                    currency: "USD".into(),
                    paid_on: "2027-01-25".into(),
                    payee: "=HYPERLINK(\"http://x\")".into(),
                    category: "printing".into(),
                    method: "transfer".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let s = funds::summary(store.reader(), ad).unwrap();
    assert_eq!(
        (
            s.raised.as_str(),
            s.fees.as_str(),
            s.spent.as_str(),
            s.balance.as_str()
        ),
        ("700.50", "2.50", "120.00", "578.00")
    );
    assert_eq!(s.percent, Some(70));
    assert_eq!(s.other_currencies.len(), 1);
    assert_eq!(
        (
            s.other_currencies[0].currency.as_str(),
            s.other_currencies[0].raised.as_str()
        ),
        ("EUR", "40.00")
    );

    // Running balances in date order, the expense among the gifts.
    let page = ledger::page(
        store.reader(),
        &Filter {
            currency: Some("USD".into()),
            ..Filter::default()
        },
        None,
        100,
    )
    .unwrap();
    let rows: Vec<(&str, &str, Option<&str>)> = page
        .entries
        .iter()
        .map(|e| (e.date.as_str(), e.signed.as_str(), e.balance.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            ("2027-01-05", "+100.00", Some("100.00")),
            ("2027-01-20", "+250.50", Some("350.50")),
            ("2027-01-25", "-120.00", Some("230.50")),
            ("2027-02-02", "+300.00", Some("530.50")),
            ("2027-02-03", "+47.50", Some("578.00")),
        ]
    );
    // Pages of two cover the ledger exactly once, balances the same as in one page.
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let p = ledger::page(store.reader(), &Filter::default(), after.as_deref(), 2).unwrap();
        all.extend(p.entries);
        after = p.next;
        if after.is_none() {
            break;
        }
    }
    assert_eq!(all.len(), 7);
    let usd: Vec<_> = all
        .iter()
        .filter(|e| e.currency == "USD")
        .map(|e| e.balance.clone())
        .collect();
    assert_eq!(
        usd,
        page.entries
            .iter()
            .map(|e| e.balance.clone())
            .collect::<Vec<_>>()
    );
    // Filters: a method shows only its entries, but balances stay the fund's.
    let online = ledger::page(
        store.reader(),
        &Filter {
            method: Some("online".into()),
            ..Filter::default()
        },
        None,
        100,
    )
    .unwrap();
    assert_eq!(online.entries.len(), 1);
    assert_eq!(online.entries[0].balance.as_deref(), Some("578.00"));
    let unrestricted = ledger::page(
        store.reader(),
        &Filter {
            fund: Some("none".into()),
            ..Filter::default()
        },
        None,
        100,
    )
    .unwrap();
    assert_eq!(
        unrestricted
            .entries
            .iter()
            .map(|e| e.amount.as_str())
            .collect::<Vec<_>>(),
        ["5000"]
    );

    let o = ledger::overview(store.reader()).unwrap();
    let by: Vec<(&str, &str, &str)> = o
        .currencies
        .iter()
        .map(|c| (c.currency.as_str(), c.raised.as_str(), c.balance.as_str()))
        .collect();
    assert_eq!(
        by,
        [
            ("EUR", "40.00", "40.00"),
            ("JPY", "5000", "5000"),
            ("USD", "700.50", "578.00")
        ]
    );
    let months: Vec<(&str, &str, &str)> = o
        .months
        .iter()
        .map(|m| (m.key.as_str(), m.currency.as_str(), m.raised.as_str()))
        .collect();
    assert!(months.contains(&("2027-01", "USD", "350.50")), "{months:?}");
    assert!(months.contains(&("2027-02", "USD", "350.00")), "{months:?}");
    assert!(o.estimate.is_none(), "no home currency, no estimate");

    // With a home currency and one rate: an estimate, with the currency lacking a rate named.
    store
        .write(|w| {
            organization::save(
                w,
                &Organization {
                    home_currency: "USD".into(),
                    ..Organization::default()
                },
            )?;
            organization::set_rate(w, "EUR", "1.08", Default::default())
        })
        .unwrap();
    let e = ledger::overview(store.reader()).unwrap().estimate.unwrap();
    assert_eq!((e.currency.as_str(), e.raised.as_str()), ("USD", "743.70"));
    assert_eq!(e.missing_rates, ["JPY"]);
    let err = store
        .write(|w| organization::set_rate(w, "GBP", "-1", Default::default()))
        .unwrap_err();
    assert_eq!(key(err), "bad_rate");
}

#[test]
fn a_cash_box_is_counted_by_two_closed_once_and_corrected_by_a_new_count() {
    let (_dir, mut store) = store();
    let night = event(&mut store);
    let b = store
        .write(|w| cash_box::open(w, night, "USD", "100", DecimalMark::Point, "Dana"))
        .unwrap();
    let err = store
        .write(|w| cash_box::open(w, night, "USD", "50", DecimalMark::Point, ""))
        .unwrap_err();
    assert_eq!(key(err), "cash_box_open");
    for amount in ["20", "20", "5"] {
        give(
            &mut store,
            &DonationInput {
                event: Some(night),
                ..gift(amount, "2027-02-24")
            },
        );
    }
    give(
        &mut store,
        &DonationInput {
            event: Some(night),
            kind: "sale".into(),
            ..gift("15", "2027-02-24")
        },
    );
    // A check at the table is not cash; a voided cash gift is not expected in the box.
    give(
        &mut store,
        &DonationInput {
            event: Some(night),
            method: "check".into(),
            ..gift("100", "2027-02-24")
        },
    );
    let voided = give(
        &mut store,
        &DonationInput {
            event: Some(night),
            ..gift("50", "2027-02-24")
        },
    );
    store
        .write(|w| donations::void(w, voided, "wrong event", ""))
        .unwrap();
    let open = cash_box::get(store.reader(), b.id).unwrap();
    assert_eq!(
        (
            open.cash_gifts.as_str(),
            open.cash_sales.as_str(),
            open.expected.as_str()
        ),
        ("45.00", "15.00", "160.00")
    );

    let count = Count {
        denominations: vec![
            Denomination {
                value: "100".into(),
                count: 1,
            },
            Denomination {
                value: "20".into(),
                count: 2,
            },
            Denomination {
                value: "10".into(),
                count: 1,
            },
            Denomination {
                value: "0.25".into(),
                count: 4,
            },
            Denomination {
                value: "5".into(),
                count: 0,
            },
        ],
        counted_by: "Dana".into(),
        second_counter: "Reza".into(),
        ..Default::default()
    };
    let err = store
        .write(|w| {
            cash_box::close(
                w,
                b.id,
                &Count {
                    second_counter: " dana ".into(),
                    ..count.clone()
                },
            )
        })
        .unwrap_err();
    assert_eq!(key(err), "same_counter");
    let closed = store.write(|w| cash_box::close(w, b.id, &count)).unwrap();
    assert_eq!(
        (closed.counted.as_deref(), closed.difference.as_deref()),
        (Some("151.00"), Some("-9.00"))
    );
    assert_eq!(
        closed.denominations[0],
        Denomination {
            value: "100.00".into(),
            count: 1
        }
    );
    let err = store
        .write(|w| cash_box::close(w, b.id, &count))
        .unwrap_err();
    assert_eq!(key(err), "cash_box_closed");

    // A later gift does not change what a closed count expected.
    give(
        &mut store,
        &DonationInput {
            event: Some(night),
            ..gift("10", "2027-02-24")
        },
    );
    assert_eq!(
        cash_box::get(store.reader(), b.id).unwrap().expected,
        "160.00"
    );
    // The correction is a new count, linked; the first stays as it was signed.
    let recount = Count {
        counted: "170".into(),
        counted_by: "Reza".into(),
        second_counter: "Lin".into(),
        ..Default::default()
    };
    let err = store
        .write(|w| cash_box::correct(w, b.id, &recount, ""))
        .unwrap_err();
    assert_eq!(key(err), "reason_required");
    let new = store
        .write(|w| cash_box::correct(w, b.id, &recount, "the envelope under the table"))
        .unwrap();
    assert_eq!(new.corrects, Some(b.id));
    assert_eq!(
        (new.expected.as_str(), new.difference.as_deref()),
        ("170.00", Some("0.00"))
    );
    let first = cash_box::get(store.reader(), b.id).unwrap();
    assert_eq!(
        (first.counted.as_deref(), first.corrected_by),
        (Some("151.00"), Some(new.id))
    );
    assert_eq!(cash_box::for_event(store.reader(), night).unwrap().len(), 2);
    let err = store
        .write(|w| cash_box::correct(w, b.id, &recount, "again"))
        .unwrap_err();
    assert_eq!(key(err), "already_corrected");
}

#[test]
fn receipts_follow_the_rules_and_one_unbroken_series() {
    let (_dir, mut store) = store();
    let org = Organization {
        name: "Committee".into(),
        tax_status: "exempt".into(),
        tax_rules: "us_501c3".into(),
        home_currency: "USD".into(),
        receipt_prefix: "R-".into(),
        ..Organization::default()
    };
    store.write(|w| organization::save(w, &org)).unwrap();
    let big = give(&mut store, &gift("250", "2027-01-02"));
    let small = give(&mut store, &gift("249.99", "2027-01-02"));
    let dinner = give(
        &mut store,
        &DonationInput {
            returned_value: "45".into(),
            ..gift("120", "2027-01-03")
        },
    );
    let flyers = give(
        &mut store,
        &DonationInput {
            method: "in_kind".into(),
            in_kind: "flyers".into(),
            ..gift("", "2027-01-04")
        },
    );
    let ack = |store: &Store, id| {
        receipts::donation_page(store.reader(), id)
            .unwrap()
            .acknowledgement
    };
    assert!(ack(&store, big).needed && ack(&store, big).reasons == ["over_250"]);
    assert!(ack(&store, big).statements.contains(&"no_goods"));
    assert!(!ack(&store, small).needed);
    let d = ack(&store, dinner);
    assert!(d.needed && d.reasons == ["quid_pro_quo"]);
    assert_eq!(d.deductible.as_deref(), Some("75.00"));
    assert!(d.statements.contains(&"goods_value") && d.statements.contains(&"deductible_part"));
    let f = ack(&store, flyers);
    assert!(f.reasons.contains(&"in_kind") && f.statements.contains(&"in_kind_no_value"));
    store
        .write(|w| {
            organization::save(
                w,
                &Organization {
                    tax_status: "not_exempt".into(),
                    ..org.clone()
                },
            )
        })
        .unwrap();
    assert!(!ack(&store, big).needed && ack(&store, big).statements.contains(&"not_exempt"));
    store.write(|w| organization::save(w, &org)).unwrap();

    let one = store.write(|w| receipts::issue(w, big, "Maria")).unwrap();
    let two = store
        .write(|w| receipts::issue(w, dinner, "Maria"))
        .unwrap();
    assert_eq!(
        (one.number.as_str(), two.number.as_str()),
        ("R-0001", "R-0002")
    );
    let err = store.write(|w| receipts::issue(w, big, "")).unwrap_err();
    assert_eq!(key(err), "receipt_exists");
    let copy = store.write(|w| receipts::reissue(w, one.id, "")).unwrap();
    assert_eq!((copy.number.as_str(), copy.copies), ("R-0001", 1));
    let void = store
        .write(|w| receipts::void(w, two.id, "wrong donor", ""))
        .unwrap();
    assert_eq!(void.number, "R-0002");
    assert!(void.voided_at.is_some());
    let again = store.write(|w| receipts::issue(w, dinner, "")).unwrap();
    assert_eq!(
        again.number, "R-0003",
        "a voided number is never given again"
    );
    let err = store
        .write(|w| {
            organization::save(
                w,
                &Organization {
                    receipt_prefix: "2027-".into(),
                    ..org.clone()
                },
            )
        })
        .unwrap_err();
    assert_eq!(key(err), "receipt_prefix_fixed");
    let trail = money_audit::trail(store.reader(), dinner).unwrap();
    let actions: Vec<&str> = trail.iter().map(|t| t.action.as_str()).collect();
    assert_eq!(actions, ["created", "issued", "voided", "issued"]);
}

const PLATFORM: &str = "name,email,amount,fees,net,status,recurring,source code,timestamp,transaction id\r\n\
Ana Ruiz,ana@example.org,25.00,1.03,23.97,success,false,newsletter,2027-01-05 10:00:00 UTC,ch_001\r\n\
Reza Karimi,reza@example.org,\"1,000.00\",22.30,977.70,success,monthly,website,2027-01-06 11:00:00 UTC,ch_002\r\n\
Lin Wu,lin@example.org,10.00,0.52,9.48,failed,false,,2027-01-07 12:00:00 UTC,ch_003\r\n\
Maya,maya@example.org,40.00,1.18,38.82,refunded,false,,2027-01-08 12:00:00 UTC,ch_004\r\n\
=cmd,evil@example.org,5.00,0.41,4.59,success,false,,2027-01-09,ch_005\r\n\
No Amount,na@example.org,,,,success,false,,2027-01-09,ch_006\r\n";

const PAYPAL: &str = "\u{feff}\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\",\"Fee\",\"Net\",\"From Email Address\",\"To Email Address\",\"Transaction ID\",\"Item Title\",\"Reference Txn ID\",\"Balance Impact\"\r\n\
\"1/15/2027\",\"09:00:00\",\"PST\",\"Ana Ruiz\",\"Donation Payment\",\"Completed\",\"USD\",\"50.00\",\"-1.75\",\"48.25\",\"ANA@example.org\",\"desk@example.org\",\"5AB01\",\"Appeal\",\"\",\"Credit\"\r\n\
\"1/16/2027\",\"09:00:00\",\"PST\",\"Sam Lee\",\"Subscription Payment\",\"Completed\",\"EUR\",\"1.234,50\",\"-23,00\",\"1.211,50\",\"sam@example.org\",\"desk@example.org\",\"5AB02\",\"\",\"I-XYZ\",\"Credit\"\r\n\
\"1/17/2027\",\"09:00:00\",\"PST\",\"Sam Lee\",\"Payment Refund\",\"Completed\",\"EUR\",\"-200,00\",\"3,00\",\"-197,00\",\"sam@example.org\",\"desk@example.org\",\"5AB03\",\"\",\"5AB02\",\"Debit\"\r\n\
\"1/18/2027\",\"09:00:00\",\"PST\",\"\",\"General Withdrawal\",\"Completed\",\"USD\",\"-48.25\",\"0.00\",\"-48.25\",\"\",\"\",\"5AB04\",\"\",\"\",\"Debit\"\r\n\
\"1/19/2027\",\"09:00:00\",\"PST\",\"Jo Park\",\"Donation Payment\",\"Pending\",\"USD\",\"30.00\",\"-1.17\",\"28.83\",\"jo@example.org\",\"desk@example.org\",\"5AB05\",\"\",\"\",\"Credit\"\r\n\
\"1/20/2027\",\"09:00:00\",\"PST\",\"Kim\",\"Payment Refund\",\"Completed\",\"USD\",\"-5.00\",\"0.00\",\"-5.00\",\"kim@example.org\",\"\",\"5AB06\",\"\",\"9ZZ99\",\"Debit\"\r\n";

#[test]
fn donations_come_in_from_the_platform_and_paypal_once_with_refunds() {
    let (_dir, mut store) = store();
    let ad = fund(&mut store, "ad", "");
    let known = store
        .write(|w| {
            desk_core::people::insert(
                w,
                &desk_core::people::NewPerson {
                    given_name: "Ana".into(),
                    family_name: "Ruiz".into(),
                    email: Some("ana@example.org".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let options = Options {
        fund: Some(ad),
        ..Options::default()
    };
    let p =
        donation_import::preview(&store, "donations.csv", PLATFORM.as_bytes(), &options).unwrap();
    assert_eq!(p.format, Some("platform"));
    assert_eq!((p.rows_read, p.will_add, p.skipped), (6, 4, 1));
    assert_eq!(p.rejected.len(), 1);
    assert_eq!(
        (p.rejected[0].line, p.rejected[0].message.key()),
        (7, "import_no_amount")
    );
    assert_eq!(p.totals, [("USD".to_owned(), "1070.00".to_owned())]);
    let r = donation_import::import(&mut store, PLATFORM.as_bytes(), &options).unwrap();
    assert_eq!((r.added, r.duplicates, r.refunded, r.skipped), (4, 0, 1, 1));
    let again = donation_import::import(&mut store, PLATFORM.as_bytes(), &options).unwrap();
    assert_eq!(
        (again.added, again.duplicates, again.refunded),
        (0, 4, 0),
        "twice adds nothing"
    );
    let s = funds::summary(store.reader(), ad).unwrap();
    // 25 + 1000 + 5 (the refunded 40 counts for nothing); fees 1.03 + 22.30 + 1.18 + 0.41.
    assert_eq!((s.raised.as_str(), s.fees.as_str()), ("1030.00", "24.92"));
    let ana: Id = store
        .reader()
        .query_row(
            "SELECT person_id FROM donations WHERE transaction_id = 'ch_001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ana, known, "a donor joins the person with their email");
    let recurring: bool = store
        .reader()
        .query_row(
            "SELECT recurring FROM donations WHERE transaction_id = 'ch_002'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(recurring);

    let p = donation_import::preview(&store, "paypal.csv", PAYPAL.as_bytes(), &Options::default())
        .unwrap();
    assert_eq!(p.format, Some("paypal"));
    assert_eq!((p.will_add, p.refunds, p.skipped), (2, 1, 2), "{p:?}");
    let r = donation_import::import(&mut store, PAYPAL.as_bytes(), &Options::default()).unwrap();
    assert_eq!((r.added, r.refunded), (2, 1));
    assert!(
        r.warned
            .iter()
            .any(|w| w.message.key() == "import_refund_unknown" && w.line == 7),
        "{:?}",
        r.warned
    );
    let sam = donations::get(store.reader(), donations_by_txn(&store, "5AB02")).unwrap();
    assert_eq!(
        (
            sam.currency.as_str(),
            sam.amount.as_str(),
            sam.fee.as_str(),
            sam.refunded.as_str()
        ),
        ("EUR", "1234.50", "23.00", "200.00")
    );
    assert_eq!(sam.received_on, "2027-01-16");
    assert!(sam.recurring);
    let again =
        donation_import::import(&mut store, PAYPAL.as_bytes(), &Options::default()).unwrap();
    assert_eq!((again.added, again.duplicates, again.refunded), (0, 2, 0));
    assert_eq!(
        donations::get(store.reader(), donations_by_txn(&store, "5AB02"))
            .unwrap()
            .refunded,
        "200.00",
        "a refund counts once"
    );
    let ana_paypal: Id = store
        .reader()
        .query_row(
            "SELECT person_id FROM donations WHERE transaction_id = '5AB01'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ana_paypal, known);
    sums_agree(&store);
}

fn donations_by_txn(store: &Store, txn: &str) -> Id {
    store
        .reader()
        .query_row(
            "SELECT id FROM donations WHERE transaction_id = ?1",
            [txn],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_ledger_and_donations_export_read_back_as_an_accountant_reads_them() {
    let (dir, mut store) = store();
    let ad = fund(&mut store, "ad", "1000");
    give(
        &mut store,
        &DonationInput {
            fund: Some(ad),
            note: "-minus".into(),
            ..gift("1,500.25", "2027-01-05")
        },
    );
    let voided = give(
        &mut store,
        &DonationInput {
            fund: Some(ad),
            ..gift("20", "2027-01-06")
        },
    );
    store
        .write(|w| donations::void(w, voided, "typed twice", ""))
        .unwrap();
    give(
        &mut store,
        &DonationInput {
            currency: "KWD".into(),
            ..gift("0.125", "2027-01-07")
        },
    );
    store
        .write(|w| {
            expenses::record(
                w,
                &ExpenseInput {
                    fund: Some(ad),
                    amount: "100".into(),
                    currency: "USD".into(),
                    paid_on: "2027-01-08".into(),
                    payee: "=HYPERLINK(\"http://evil\")".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let path = dir.path().join("ledger.csv");
    let saved = money_export::ledger_to_file(
        store.reader(),
        &Filter {
            voided: true,
            ..Filter::default()
        },
        &path,
    )
    .unwrap();
    assert_eq!(saved.rows, 4);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        money_export::LEDGER_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (date, amount, currency, balance, status, party, note) = (
        col("date"),
        col("amount"),
        col("currency"),
        col("fund_balance"),
        col("status"),
        col("party"),
        col("note"),
    );
    assert_eq!(&rows[0][date], "2027-01-05");
    assert_eq!(
        (&rows[0][amount], &rows[0][currency], &rows[0][balance]),
        ("1500.25", "USD", "1500.25")
    );
    assert_eq!(
        &rows[0][note], "'-minus",
        "a cell starting with a minus is neutralized"
    );
    assert_eq!((&rows[1][status], &rows[1][balance]), ("voided", ""));
    assert_eq!((&rows[2][amount], &rows[2][currency]), ("0.125", "KWD"));
    assert_eq!(
        (&rows[3][amount], &rows[3][balance]),
        ("-100.00", "1400.25")
    );
    assert!(
        rows[3][party].starts_with("'="),
        "no formula can run: {}",
        &rows[3][party]
    );
    for r in &rows {
        chrono::NaiveDate::parse_from_str(&r[date], "%Y-%m-%d").expect("ISO dates");
        assert!(
            r[amount]
                .trim_start_matches('-')
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.'),
            "plain decimals: {}",
            &r[amount]
        );
    }

    let path = dir.path().join("donations.csv");
    assert_eq!(
        money_export::donations_to_file(store.reader(), &path)
            .unwrap()
            .rows,
        3
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][22], "voided");
    assert_eq!(&rows[2][7], "KWD");
}

/// Receipts are numbered on one laptop: another laptop that received the series refuses to
/// continue it, naming the laptop that does.
#[test]
fn receipt_numbers_are_given_on_one_laptop_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path().join("a.db")).unwrap();
    desk_core::sync::set_laptop_name(&mut a, "Treasurer").unwrap();
    desk_core::campaign::start(&mut a, "Campaign").unwrap();
    let d = give(&mut a, &gift("300", "2027-01-02"));
    store_receipt(&mut a, d);
    let bundle = dir.path().join("a.cdbundle");
    desk_core::sync::export(&a, &bundle, "secret words", None).unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    desk_core::sync::import(&mut b, &bundle, "secret words").unwrap();
    desk_core::sync::set_laptop_name(&mut b, "Table").unwrap();
    let other = give(&mut b, &gift("400", "2027-01-03"));
    let err = b.write(|w| receipts::issue(w, other, "")).unwrap_err();
    assert_eq!(key(err), "receipts_elsewhere");
    assert!(err_text(&mut b, other).contains("Treasurer"));
    assert!(!organization::settings(b.reader()).unwrap().numbers_here);
    // The totals were kept while the bundle's rows arrived.
    sums_agree(&b);
    assert_eq!(
        funds::summaries(b.reader()).unwrap().len(),
        funds::summaries(a.reader()).unwrap().len()
    );
    let usd = |s: &Store| {
        ledger::overview(s.reader()).unwrap().currencies[0]
            .raised
            .clone()
    };
    assert_eq!(usd(&a), "300.00");
    assert_eq!(usd(&b), "700.00");
}

fn store_receipt(store: &mut Store, d: Id) {
    store.write(|w| receipts::issue(w, d, "")).unwrap();
}

fn err_text(store: &mut Store, d: Id) -> String {
    store
        .write(|w| receipts::issue(w, d, ""))
        .unwrap_err()
        .to_string()
}

/// What two laptops, a file read again and a later correction must not get wrong: the same
/// platform file imported on two laptops is one set of gifts after they meet; a refund that
/// appears when the file is read again counts once; a partly refunded payment is not refunded
/// in full; a voided or corrected gift's receipt is voided with it; an event's cash is counted
/// once; a UK account's dates are day first; a rate is typed in the reader's way.
#[test]
fn money_that_meets_again_is_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = |status: &str| {
        format!(
            "name,email,amount,fees,net,status,recurring,source code,timestamp,transaction id\n\
             Ana Ruiz,ana@example.org,25.00,1.03,23.97,{status},false,,2027-01-05T22:30:00-08:00,ch_001\n\
             Bo Li,bo@example.org,100.00,2.50,97.50,partially refunded,false,,2027-01-06,ch_002\n"
        )
    };
    let mut a = Store::open(dir.path().join("a.db")).unwrap();
    desk_core::campaign::start(&mut a, "Campaign").unwrap();
    let bundle = dir.path().join("a.cdbundle");
    desk_core::sync::export(&a, &bundle, "secret words", None).unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    desk_core::sync::import(&mut b, &bundle, "secret words").unwrap();
    for store in [&mut a, &mut b] {
        let r = donation_import::import(store, file("success").as_bytes(), &Options::default())
            .unwrap();
        assert_eq!(r.added, 2);
    }
    // The timestamp's own day, not UTC's; a partial refund leaves the gift whole until its lines.
    let ana = donations::get(a.reader(), donations_by_txn(&a, "ch_001")).unwrap();
    assert_eq!(ana.received_on, "2027-01-05");
    assert_eq!(
        donations::get(a.reader(), donations_by_txn(&a, "ch_002"))
            .unwrap()
            .refunded,
        "0.00"
    );
    let from_b = dir.path().join("b.cdbundle");
    desk_core::sync::export(&b, &from_b, "secret words", None).unwrap();
    let applied = desk_core::sync::import(&mut a, &from_b, "secret words").unwrap();
    assert!(applied.money_conflicts >= 2, "{applied:?}");
    let counted: i64 = a
        .reader()
        .query_row(
            "SELECT count(*) FROM donations WHERE voided_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        counted, 2,
        "each payment counts once after the laptops meet"
    );
    assert_eq!(
        ledger::overview(a.reader()).unwrap().currencies[0].raised,
        "125.00"
    );
    sums_agree(&a);

    // Read again after the platform refunded Ana: the refund counts, once.
    let again =
        donation_import::import(&mut a, file("refunded").as_bytes(), &Options::default()).unwrap();
    assert_eq!((again.added, again.refunded), (0, 1));
    let again =
        donation_import::import(&mut a, file("refunded").as_bytes(), &Options::default()).unwrap();
    assert_eq!(again.refunded, 0);
    assert_eq!(
        ledger::overview(a.reader()).unwrap().currencies[0].raised,
        "100.00"
    );
    sums_agree(&a);

    // A receipt does not outlive its gift's correction or void.
    let gift = give(&mut a, &gift("300", "2027-02-01"));
    let r = a.write(|w| receipts::issue(w, gift, "")).unwrap();
    let mut fixed = donations::input(a.reader(), gift).unwrap();
    fixed.amount = "350".into();
    a.write(|w| donations::correct(w, gift, &fixed, "the second check", ""))
        .unwrap();
    let page = receipts::donation_page(a.reader(), gift).unwrap();
    assert!(
        page.receipt.as_ref().unwrap().voided_at.is_some(),
        "the old receipt said 300"
    );
    let again = a.write(|w| receipts::issue(w, gift, "")).unwrap();
    assert!(again.serial > r.serial);
    a.write(|w| donations::void(w, gift, "the check bounced", ""))
        .unwrap();
    assert!(receipts::donation_page(a.reader(), gift)
        .unwrap()
        .receipt
        .unwrap()
        .voided_at
        .is_some());

    // One count per event and currency.
    let night = event(&mut a);
    let b1 = a
        .write(|w| cash_box::open(w, night, "USD", "0", DecimalMark::Point, "Dana"))
        .unwrap();
    let count = Count {
        counted: "0".into(),
        counted_by: "Dana".into(),
        second_counter: "Reza".into(),
        ..Default::default()
    };
    a.write(|w| cash_box::close(w, b1.id, &count)).unwrap();
    let err = a
        .write(|w| cash_box::open(w, night, "USD", "0", DecimalMark::Point, ""))
        .unwrap_err();
    assert_eq!(key(err), "cash_box_counted");
    a.write(|w| cash_box::open(w, night, "EUR", "0", DecimalMark::Point, ""))
        .unwrap();

    // Rates typed as the reader writes numbers.
    a.write(|w| {
        organization::save(
            w,
            &Organization {
                home_currency: "COP".into(),
                ..Organization::default()
            },
        )?;
        organization::set_rate(w, "USD", "4.000,5", DecimalMark::Comma)?;
        organization::set_rate(w, "EUR", "4,350.25", DecimalMark::Point)
    })
    .unwrap();
    let rates: Vec<(String, String)> = organization::rates(a.reader())
        .unwrap()
        .into_iter()
        .map(|r| (r.currency, r.rate))
        .collect();
    assert_eq!(
        rates,
        [
            ("EUR".into(), "4350.25".into()),
            ("USD".into(), "4000.5".into())
        ]
    );
    let err = a
        .write(|w| organization::set_rate(w, "GBP", "4,35", DecimalMark::Point))
        .unwrap_err();
    assert_eq!(key(err), "bad_rate");
}

#[test]
fn a_paypal_account_outside_the_us_writes_the_day_first() {
    let (_dir, mut store) = store();
    let file = "Date,Time,TimeZone,Name,Type,Status,Currency,Gross,Fee,Net,From Email Address,Transaction ID,Reference Txn ID\n\
        03/02/2027,10:00:00,GMT,Ann Lee,Donation Payment,Completed,GBP,20.00,-0.90,19.10,ann@example.org,UK1,\n\
        04/02/2027,10:00:00,GMT,Ann Lee,Donation Payment,Completed,GBP,10.00,-0.60,9.40,ann@example.org,UK2,\n";
    donation_import::import(&mut store, file.as_bytes(), &Options::default()).unwrap();
    assert_eq!(
        donations::get(store.reader(), donations_by_txn(&store, "UK1"))
            .unwrap()
            .received_on,
        "2027-02-03"
    );
}
