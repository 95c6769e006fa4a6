//! The scripting commands for appeals and signing: `appeal add`, `appeal list`, `sign`.

use std::path::{Path, PathBuf};

use clap::Args;
use desk_core::appeals::{self, NewAppeal, Status, Words};
use desk_core::messages::Message;
use desk_core::people::NewPerson;
use desk_core::sheets::{self, NewSheet};
use desk_core::signing::{self, Display, Signing, Source};
use desk_core::{Error, Id, Store};

#[derive(Debug, Args)]
pub struct AppealAddArgs {
    /// The short name scripts use: lower-case letters, digits and hyphens (free-them-all)
    pub slug: String,
    /// The title, in the language of --lang
    #[arg(long)]
    pub title: String,
    /// A file with the appeal's text (UTF-8)
    #[arg(long, value_name = "FILE")]
    pub text_file: Option<PathBuf>,
    /// A file with the consent wording shown at signing [default: the standard wording of the
    /// language]
    #[arg(long, value_name = "FILE")]
    pub consent_file: Option<PathBuf>,
    /// The language the title and text are in: en, fa, es...
    #[arg(long, default_value = "en")]
    pub lang: String,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The appeal's short name
    #[arg(long, value_name = "SLUG")]
    pub appeal: String,
    #[arg(long)]
    pub given: String,
    #[arg(long)]
    pub family: String,
    /// The same email signs once: signing again updates
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    /// ISO 3166 two-letter code, such as DE or IR
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// How the name may appear on published lists: full, name-city, initials or hidden
    #[arg(long, default_value = "hidden")]
    pub display: String,
    /// The signer agreed that the campaign may write to them
    #[arg(long)]
    pub contact_consent: bool,
    /// How it was collected: table, paper, online, import or manual [default: paper with
    /// --sheet, else manual]
    #[arg(long)]
    pub source: Option<String>,
    /// The event where it was collected (its id)
    #[arg(long, value_name = "ID")]
    pub event: Option<String>,
    /// The number of the paper sheet it was written on (with --row)
    #[arg(long, value_name = "N", requires = "row")]
    pub sheet: Option<i64>,
    /// The row of the paper sheet (with --sheet)
    #[arg(long, value_name = "N", requires = "sheet")]
    pub row: Option<i64>,
    /// The language of the words the signer read [default: the appeal's own]
    #[arg(long)]
    pub lang: Option<String>,
}

fn read_text(path: &Path) -> desk_core::Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        Error::Invalid(
            Message::new("file_unreadable")
                .with("path", path.display())
                .with("cause", e),
        )
    })
}

pub fn add_appeal(a: &AppealAddArgs, store: &mut Store) -> desk_core::Result<()> {
    let body = a.text_file.as_deref().map(read_text).transpose()?;
    let consent = a.consent_file.as_deref().map(read_text).transpose()?;
    let id = store.write(|w| {
        appeals::insert_appeal(
            w,
            &NewAppeal {
                slug: Some(&a.slug),
                words: Words {
                    lang: a.lang.clone(),
                    title: a.title.clone(),
                    body: body.unwrap_or_default(),
                    consent: consent.unwrap_or_default(),
                    contact_consent: String::new(),
                },
                status: Status::Open,
                goal: None,
                published_on: None,
            },
        )
    })?;
    println!("{id}");
    Ok(())
}

pub fn list_appeals(json: bool, store: &Store) -> desk_core::Result<()> {
    let list = appeals::list(store)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&list).expect("JSON"));
        return Ok(());
    }
    for a in &list {
        let lang = crate::cli_words::lang();
        let status = lang.text(&format!("cli.appeals.status.{}", a.status.as_str()), &[]);
        let counts = say!(
            "cli.appeals.counts",
            signers = a.signers,
            countries = a.countries
        );
        println!(
            "{:<24} {:<7} {counts}  {} [{}]",
            a.slug,
            status,
            a.title,
            a.langs.join(", ")
        );
    }
    Ok(())
}

pub fn sign(a: &SignArgs, store: &mut Store) -> desk_core::Result<()> {
    let appeal = appeals::by_slug(store, &a.appeal)?;
    let event: Option<Id> = a.event.as_deref().map(str::parse).transpose()?;
    let source = match &a.source {
        Some(s) => Source::parse(s)?,
        None if a.sheet.is_some() => Source::Paper,
        None => Source::Manual,
    };
    let display = Display::parse(&a.display)?;
    // Whoever runs the script typed it in.
    let entered_by = std::env::var("USER").ok().filter(|u| !u.is_empty());
    let signed = store.write(|w| {
        let sheet = match (a.sheet, a.row) {
            (Some(number), Some(row)) => {
                let sheet = sheets::open(
                    w,
                    appeal,
                    &NewSheet {
                        number,
                        event,
                        typed_by: entered_by.clone(),
                        ..Default::default()
                    },
                )?;
                Some((sheet, row))
            }
            _ => None,
        };
        signing::sign_in(
            w,
            &Signing {
                appeal,
                person: NewPerson {
                    given_name: a.given.clone(),
                    family_name: a.family.clone(),
                    email: a.email.clone(),
                    city: a.city.clone(),
                    country: a.country.clone(),
                    ..Default::default()
                },
                lang: a.lang.clone(),
                source,
                display,
                contact_consent: a.contact_consent,
                event,
                sheet,
                entered_by: entered_by.clone(),
                known_person: None,
            },
        )
    })?;
    println!("{}", signed.signature);
    Ok(())
}
