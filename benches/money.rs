//! The books at scale: the ledger's pages with each fund's running balance, the totals per fund
//! and the Money screen's totals (per currency, fund, month, method and event)
//! (`cargo bench -p desk-core --bench money`).
//!
//! A campaign with 100,000 donations and 2,000 expenses over five years, in four funds and
//! three currencies, and, as the baseline in the same run, one with 1,000 donations. The goal:
//! the ledger page, the totals per fund and the totals per month under 20 ms, median and 95th
//! percentile.

#[path = "bench_data.rs"]
mod bench_data;

use std::path::PathBuf;

use desk_core::funds::{self, FundInput};
use desk_core::ledger::{self, Filter};
use desk_core::{Id, Store};
use rusqlite::{params, Connection};

const SAMPLES: usize = 100;

fn main() {
    let small = prepare(1_000);
    let big = prepare(100_000);
    let (small, big) = (Store::open(&small).unwrap(), Store::open(&big).unwrap());
    println!("the books, {SAMPLES} samples each:");
    println!(
        "  {:<40} {:>19}   {:>19}",
        "", "1,000 gifts (base)", "100,000 gifts"
    );
    println!(
        "  {:<40} {:>19}   {:>19}",
        "", "median / p95", "median / p95"
    );
    let first = |s: &Store| {
        ledger::page(s.reader(), &Filter::default(), None, 100).unwrap();
    };
    bench_data::report(
        "ledger: first page (100)",
        &bench_data::time(SAMPLES, || first(&small)),
        &bench_data::time(SAMPLES, || first(&big)),
    );
    // Half-way through: the cursor of an entry in the middle, so the balances start from
    // everything before it.
    let middle = |s: &Store| -> String {
        let (date, id): (String, Id) = s
            .reader()
            .query_row(
                "SELECT received_on, id FROM donations ORDER BY received_on, id
                  LIMIT 1 OFFSET (SELECT count(*) / 2 FROM donations)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        format!("{date}|{id}")
    };
    let (small_mid, big_mid) = (middle(&small), middle(&big));
    let page_at = |s: &Store, at: &str| {
        ledger::page(s.reader(), &Filter::default(), Some(at), 100).unwrap();
    };
    bench_data::report(
        "ledger: page half-way",
        &bench_data::time(SAMPLES, || page_at(&small, &small_mid)),
        &bench_data::time(SAMPLES, || page_at(&big, &big_mid)),
    );
    let fund_of = |s: &Store| funds::summaries(s.reader()).unwrap()[0].id.to_string();
    let (small_fund, big_fund) = (fund_of(&small), fund_of(&big));
    let by_fund = |s: &Store, fund: &str| {
        let f = Filter {
            fund: Some(fund.to_owned()),
            from: Some("2024-01-01".into()),
            ..Filter::default()
        };
        ledger::page(s.reader(), &f, None, 100).unwrap();
    };
    bench_data::report(
        "ledger: one fund from 2024",
        &bench_data::time(SAMPLES, || by_fund(&small, &small_fund)),
        &bench_data::time(SAMPLES, || by_fund(&big, &big_fund)),
    );
    let totals = |s: &Store| {
        funds::summaries(s.reader()).unwrap();
    };
    bench_data::report(
        "totals per fund",
        &bench_data::time(SAMPLES, || totals(&small)),
        &bench_data::time(SAMPLES, || totals(&big)),
    );
    let months = |s: &Store| {
        ledger::months(s.reader()).unwrap();
    };
    bench_data::report(
        "totals per month",
        &bench_data::time(SAMPLES, || months(&small)),
        &bench_data::time(SAMPLES, || months(&big)),
    );
    let overview = |s: &Store| {
        ledger::overview(s.reader()).unwrap();
    };
    bench_data::report(
        "the whole Money screen's totals",
        &bench_data::time(SAMPLES, || overview(&small)),
        &bench_data::time(SAMPLES, || overview(&big)),
    );
}

/// A campaign with `gifts` donations (made once and kept in target/bench-data).
fn prepare(gifts: u64) -> PathBuf {
    let path = bench_data::campaign_of(&format!("money-{gifts}"), 1_000, |n| bench_data::Signer {
        given: bench_data::GIVEN[(n * 7 % bench_data::GIVEN.len() as u64) as usize].into(),
        family: bench_data::FAMILY[(n * 13 % bench_data::FAMILY.len() as u64) as usize].into(),
        email: format!("donor{n}@example.org"),
        city: bench_data::CITIES[(n % bench_data::CITIES.len() as u64) as usize],
        country: bench_data::COUNTRIES[(n % bench_data::COUNTRIES.len() as u64) as usize],
        signed_at: "2026-01-01T00:00:00.000Z".into(),
    });
    let mut store = Store::open(&path).unwrap();
    if !funds::summaries(store.reader()).unwrap().is_empty() {
        return path;
    }
    let mut fund_ids = Vec::new();
    for (slug, currency) in [
        ("ad", "USD"),
        ("magazines", "USD"),
        ("berlin", "EUR"),
        ("legal", "GBP"),
    ] {
        fund_ids.push(
            store
                .write(|w| {
                    funds::save(
                        w,
                        None,
                        &FundInput {
                            name: slug.into(),
                            slug: slug.into(),
                            goal: "100000".into(),
                            currency: currency.into(),
                            ..Default::default()
                        },
                        "bench",
                    )
                })
                .unwrap(),
        );
    }
    drop(store);
    // The rows with plain SQL, as the people were: what is timed is reading.
    let mut conn = Connection::open(&path).unwrap();
    desk_core::search::register_functions(&conn).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let people: Vec<Id> = tx
            .prepare("SELECT id FROM people ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let laptop = Id::new();
        let methods = ["cash", "check", "online", "online", "card", "transfer"];
        let mut gift = tx
            .prepare(
                "INSERT INTO donations (id, person_id, fund_id, amount_minor, currency, fee_minor,
                                        method, received_on, created_at, updated_at, written_by,
                                        entered_by, voided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, 'bench', ?11)",
            )
            .unwrap();
        let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        for n in 0..gifts {
            let fund = (n % 5) as usize; // the fifth share is unrestricted
            let currency = ["USD", "USD", "EUR", "GBP", "USD"][fund];
            let day = start + chrono::Duration::days((n * 1826 / gifts) as i64);
            let amount = 500 + (n * 37 % 20_000) as i64;
            let method = methods[(n % 6) as usize];
            gift.execute(params![
                Id::new(),
                people[(n % people.len() as u64) as usize],
                fund_ids.get(fund),
                amount,
                currency,
                if method == "online" {
                    amount / 40 + 30
                } else {
                    0
                },
                method,
                day.to_string(),
                format!("{day}T12:00:00.000Z"),
                laptop,
                (n % 97 == 0).then_some("2026-01-01T00:00:00.000Z"),
            ])
            .unwrap();
        }
        let mut expense = tx
            .prepare(
                "INSERT INTO expenses (id, fund_id, amount_minor, currency, paid_on, payee, method,
                                       created_at, updated_at, written_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'Printer', 'transfer', ?6, ?6, ?7)",
            )
            .unwrap();
        for n in 0..gifts / 50 {
            let fund = (n % 4) as usize;
            let day = start + chrono::Duration::days((n * 50 * 1826 / gifts) as i64);
            expense
                .execute(params![
                    Id::new(),
                    fund_ids[fund],
                    20_000 + (n * 13 % 5000) as i64,
                    ["USD", "USD", "EUR", "GBP"][fund],
                    day.to_string(),
                    format!("{day}T12:00:00.000Z"),
                    laptop,
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("ANALYZE").unwrap();
    path
}
