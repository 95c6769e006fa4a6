//! Money for the Money screen, a gift's, a fund's and an expense's page, an event's cash box,
//! and the organization's settings. Each command hands its arguments to desk-core.

use desk_core::cash_box::{self, CashBox, Count};
use desk_core::csv_export::Exported;
use desk_core::donations::{self, DonationInput};
use desk_core::expenses::{self, ExpenseInput, ExpensePage};
use desk_core::funds::{self, FundInput};
use desk_core::ledger::{self, Filter, FundPage, Overview, Page};
use desk_core::money::{self, DecimalMark};
use desk_core::organization::{self, Organization, Settings};
use desk_core::receipts::{self, DonationPage, Receipt};
use desk_core::{donation_import, money_export, Id, Store};
use serde::Serialize;
use tauri::State;

use crate::commands::sync::{ask, dialog_words};
use crate::dialog::Ask;
use crate::error::ApiError;
use crate::state::AppState;

/// What the amount field understood, for "Understood as 1,500.00 USD".
#[derive(Serialize)]
pub struct Understood {
    pub amount: String,
    pub currency: String,
}

#[tauri::command]
pub async fn understand_amount(
    typed: String,
    currency: String,
    decimal_mark: DecimalMark,
) -> Result<Understood, ApiError> {
    // Pure parsing: no need to wait for the store.
    let currency = money::currency_code(&currency)?;
    let minor = money::parse_typed("amount", &typed, &currency, decimal_mark, false)?;
    Ok(Understood {
        amount: money::format(minor, &currency),
        currency,
    })
}

#[tauri::command]
pub async fn money_overview(state: State<'_, AppState>) -> Result<Overview, ApiError> {
    state
        .with_store(|store| ledger::overview(store.reader()))
        .await
}

#[tauri::command]
pub async fn ledger_page(
    state: State<'_, AppState>,
    filter: Filter,
    after: Option<String>,
    limit: Option<usize>,
) -> Result<Page, ApiError> {
    state
        .with_store(move |store| {
            ledger::page(
                store.reader(),
                &filter,
                after.as_deref(),
                limit.unwrap_or(100),
            )
        })
        .await
}

#[derive(Serialize)]
pub struct Saved {
    pub id: Id,
}

#[tauri::command]
pub async fn record_donation(
    state: State<'_, AppState>,
    donation: DonationInput,
) -> Result<Saved, ApiError> {
    state
        .with_store(move |store| store.write(|w| donations::record(w, &donation)))
        .await
        .map(|id| Saved { id })
}

#[tauri::command]
pub async fn donation_page(state: State<'_, AppState>, id: Id) -> Result<DonationPage, ApiError> {
    state
        .with_store(move |store| receipts::donation_page(store.reader(), id))
        .await
}

/// The gift as its correction form holds it.
#[tauri::command]
pub async fn donation_form(state: State<'_, AppState>, id: Id) -> Result<DonationInput, ApiError> {
    state
        .with_store(move |store| donations::input(store.reader(), id))
        .await
}

#[tauri::command]
pub async fn correct_donation(
    state: State<'_, AppState>,
    id: Id,
    donation: DonationInput,
    reason: String,
    who: String,
) -> Result<Saved, ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| donations::correct(w, id, &donation, &reason, &who))
        })
        .await
        .map(|()| Saved { id })
}

#[tauri::command]
pub async fn void_donation(
    state: State<'_, AppState>,
    id: Id,
    reason: String,
    who: String,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.write(|w| donations::void(w, id, &reason, &who)))
        .await
}

/// People a treasurer may pick as the donor: the signer list's search, at most 20.
#[derive(Serialize)]
pub struct PersonChoice {
    pub id: Id,
    pub name: String,
    pub email: Option<String>,
}

#[tauri::command]
pub async fn money_people(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<PersonChoice>, ApiError> {
    state
        .with_store(move |store| {
            let found = desk_core::search::page(
                store,
                &desk_core::search::PeopleQuery {
                    text: Some(text),
                    limit: Some(20),
                    ..Default::default()
                },
            )?;
            Ok(found
                .rows
                .into_iter()
                .map(|r| PersonChoice {
                    id: r.id,
                    name: format!("{} {}", r.given_name, r.family_name)
                        .trim()
                        .to_owned(),
                    email: r.email,
                })
                .collect())
        })
        .await
}

#[tauri::command]
pub async fn save_fund(
    state: State<'_, AppState>,
    id: Option<Id>,
    fund: FundInput,
) -> Result<Saved, ApiError> {
    state
        .with_store(move |store| store.write(|w| funds::save(w, id, &fund, "")))
        .await
        .map(|id| Saved { id })
}

#[tauri::command]
pub async fn fund_form(state: State<'_, AppState>, id: Id) -> Result<FundInput, ApiError> {
    state
        .with_store(move |store| funds::input(store.reader(), id))
        .await
}

#[tauri::command]
pub async fn fund_page(state: State<'_, AppState>, id: Id) -> Result<FundPage, ApiError> {
    state
        .with_store(move |store| ledger::fund_page(store.reader(), id))
        .await
}

#[tauri::command]
pub async fn record_expense(
    state: State<'_, AppState>,
    expense: ExpenseInput,
) -> Result<Saved, ApiError> {
    state
        .with_store(move |store| store.write(|w| expenses::record(w, &expense)))
        .await
        .map(|id| Saved { id })
}

#[tauri::command]
pub async fn expense_page(state: State<'_, AppState>, id: Id) -> Result<ExpensePage, ApiError> {
    state
        .with_store(move |store| expenses::page(store.reader(), id))
        .await
}

#[tauri::command]
pub async fn void_expense(
    state: State<'_, AppState>,
    id: Id,
    reason: String,
    who: String,
) -> Result<(), ApiError> {
    state
        .with_store(move |store| store.write(|w| expenses::void(w, id, &reason, &who)))
        .await
}

#[tauri::command]
pub async fn cash_boxes(state: State<'_, AppState>, event: Id) -> Result<Vec<CashBox>, ApiError> {
    state
        .with_store(move |store| cash_box::for_event(store.reader(), event))
        .await
}

#[tauri::command]
pub async fn open_cash_box(
    state: State<'_, AppState>,
    event: Id,
    currency: String,
    float: String,
    decimal_mark: DecimalMark,
    who: String,
) -> Result<CashBox, ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| cash_box::open(w, event, &currency, &float, decimal_mark, &who))
        })
        .await
}

#[tauri::command]
pub async fn close_cash_box(
    state: State<'_, AppState>,
    id: Id,
    count: Count,
) -> Result<CashBox, ApiError> {
    state
        .with_store(move |store| store.write(|w| cash_box::close(w, id, &count)))
        .await
}

#[tauri::command]
pub async fn correct_cash_box(
    state: State<'_, AppState>,
    id: Id,
    count: Count,
    reason: String,
) -> Result<CashBox, ApiError> {
    state
        .with_store(move |store| store.write(|w| cash_box::correct(w, id, &count, &reason)))
        .await
}

#[tauri::command]
pub async fn money_settings(state: State<'_, AppState>) -> Result<Settings, ApiError> {
    state
        .with_store(|store| organization::settings(store.reader()))
        .await
}

#[tauri::command]
pub async fn save_money_settings(
    state: State<'_, AppState>,
    organization: Organization,
) -> Result<Settings, ApiError> {
    state
        .with_store(move |store| {
            store.write(|w| organization::save(w, &organization))?;
            organization::settings(store.reader())
        })
        .await
}

#[tauri::command]
pub async fn set_exchange_rate(
    state: State<'_, AppState>,
    currency: String,
    rate: String,
    decimal_mark: Option<DecimalMark>,
) -> Result<Settings, ApiError> {
    state
        .with_store(move |store| {
            let mark = decimal_mark.unwrap_or_default();
            store.write(|w| organization::set_rate(w, &currency, &rate, mark))?;
            organization::settings(store.reader())
        })
        .await
}

#[tauri::command]
pub async fn void_receipt(
    state: State<'_, AppState>,
    receipt: Id,
    reason: String,
    who: String,
) -> Result<Receipt, ApiError> {
    state
        .with_store(move |store| store.write(|w| receipts::void(w, receipt, &reason, &who)))
        .await
}

/// Asks for a donations file (the platform's export or a PayPal activity download) and previews
/// it. `None`: cancelled.
#[tauri::command]
pub async fn donation_import_choose_file(
    state: State<'_, AppState>,
    title: Option<String>,
    filter: Option<String>,
    options: donation_import::Options,
) -> Result<Option<donation_import::Preview>, ApiError> {
    if !crate::commands::import::choose_csv(&state, title, filter).await? {
        return Ok(None);
    }
    donation_import_preview(state, options).await.map(Some)
}

/// What importing the chosen donations file would do; nothing is written.
#[tauri::command]
pub async fn donation_import_preview(
    state: State<'_, AppState>,
    options: donation_import::Options,
) -> Result<donation_import::Preview, ApiError> {
    let (name, bytes) = state.chosen_import()?;
    state
        .with_store(move |store| donation_import::preview(store, &name, &bytes, &options))
        .await
}

/// Imports the chosen donations file, in one transaction.
#[tauri::command]
pub async fn donation_import_commit(
    state: State<'_, AppState>,
    options: donation_import::Options,
) -> Result<donation_import::ImportReport, ApiError> {
    let (_, bytes) = state.chosen_import()?;
    state
        .with_store(move |store| donation_import::import(store, &bytes, &options))
        .await
}

/// Asks where to save a CSV file of money and saves it. `None`: cancelled.
async fn save_money_csv(
    state: &State<'_, AppState>,
    title: Option<String>,
    filter_name: Option<String>,
    stem: &str,
    write: impl FnOnce(&Store, &std::path::Path) -> desk_core::Result<Exported> + Send + 'static,
) -> Result<Option<Exported>, ApiError> {
    let question = Ask {
        save: true,
        title: dialog_words(title, "Campaign Desk"),
        filter: dialog_words(filter_name, "CSV"),
        extensions: vec!["csv".into()],
        file_name: Some(format!(
            "{stem}-{}.csv",
            chrono::Local::now().format("%Y-%m-%d")
        )),
    };
    let Some(path) = ask(question).await? else {
        return Ok(None);
    };
    state
        .with_store(move |store| write(store, &path))
        .await
        .map(Some)
}

/// The ledger as the filter shows it, saved as CSV.
#[tauri::command]
pub async fn export_ledger(
    state: State<'_, AppState>,
    filter: Filter,
    title: Option<String>,
    filter_name: Option<String>,
) -> Result<Option<Exported>, ApiError> {
    save_money_csv(&state, title, filter_name, "ledger", move |store, path| {
        money_export::ledger_to_file(store.reader(), &filter, path)
    })
    .await
}

/// Every donation, saved as CSV.
#[tauri::command]
pub async fn export_donations(
    state: State<'_, AppState>,
    title: Option<String>,
    filter_name: Option<String>,
) -> Result<Option<Exported>, ApiError> {
    save_money_csv(&state, title, filter_name, "donations", |store, path| {
        money_export::donations_to_file(store.reader(), path)
    })
    .await
}
