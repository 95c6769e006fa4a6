//! The scripting commands for the signer list: `people search`, `duplicates list`.

use clap::Subcommand;
use desk_core::duplicates::{self, PersonCard};
use desk_core::search::{self, PeopleQuery};
use desk_core::Store;

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Find people by any part of their name, email, city or organization, in any script
    Search {
        /// What to look for ("jose" finds José, "علي" finds علی)
        text: String,
        /// At most this many
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DuplicatesCommand {
    /// List the pairs of people that look like one person, waiting for review
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
}

pub fn people(action: &PeopleCommand, store: &Store) -> desk_core::Result<()> {
    match action {
        PeopleCommand::Search { text, limit, json } => {
            let query = PeopleQuery {
                text: Some(text.clone()),
                limit: Some(*limit),
                ..Default::default()
            };
            let found = search::page(store, &query)?;
            if *json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&found.rows).expect("JSON")
                );
            } else {
                for p in &found.rows {
                    let place: Vec<&str> =
                        [p.email.as_deref(), p.city.as_deref(), p.country.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect();
                    println!(
                        "{}  {} {}  {}",
                        p.id,
                        p.given_name,
                        p.family_name,
                        place.join(", ")
                    );
                }
                if found.rows.is_empty() {
                    println!("{}", say!("cli.people.nobody", text = text));
                }
            }
        }
    }
    Ok(())
}

pub fn duplicates(action: &DuplicatesCommand, store: &Store) -> desk_core::Result<()> {
    match action {
        DuplicatesCommand::List { json } => {
            let pairs = duplicates::queue(store, i64::MAX)?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&pairs).expect("JSON"));
            } else {
                let card = |c: &PersonCard| {
                    let p = &c.details.fields;
                    let extra: Vec<&str> =
                        [p.email.as_deref(), p.phone.as_deref(), p.city.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect();
                    format!(
                        "{} {} ({}) {}",
                        p.given_name,
                        p.family_name,
                        extra.join(", "),
                        c.id
                    )
                };
                for p in &pairs {
                    println!("{}: {}  |  {}", reason(&p.reason), card(&p.a), card(&p.b));
                }
                println!("{}", say_count!("cli.duplicates.waiting", pairs.len()));
            }
        }
    }
    Ok(())
}

fn reason(reason: &str) -> String {
    match reason {
        "same_name_city" => say!("cli.duplicates.same_name_city"),
        "similar_name" => say!("cli.duplicates.similar_name"),
        "mail_alias" => say!("cli.duplicates.mail_alias"),
        "same_phone" => say!("cli.duplicates.same_phone"),
        _ => say!("cli.duplicates.alike"),
    }
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Save everything stored about a person as a JSON file, or a readable PDF when FILE ends
    /// in .pdf (for them, on request)
    Export {
        /// The person's id (as `people search` prints it)
        id: desk_core::Id,
        /// Where to save the file
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: std::path::PathBuf,
    },
    /// Erase a person on request: their details, signatures, consent records and answers go,
    /// here and on every laptop the erasure reaches; their gifts stay as anonymous amounts
    Erase {
        /// The person's id
        id: desk_core::Id,
        /// Confirms the erasure, which cannot be undone
        #[arg(long)]
        yes: bool,
    },
}

pub fn person(action: &PersonCommand, store: &mut Store) -> desk_core::Result<()> {
    use desk_core::person_rights;
    match action {
        PersonCommand::Export { id, output } => {
            let record = person_rights::export_to_file(store, *id, output)?;
            let given = record.person["given_name"].as_str().unwrap_or_default();
            let family = record.person["family_name"].as_str().unwrap_or_default();
            let path = output.display();
            println!(
                "{}",
                say!(
                    "cli.person.exported",
                    given = given,
                    family = family,
                    path = path,
                    signatures = record.signatures.len(),
                    consents = record.consents.len(),
                    answers = record.answers.len(),
                    gifts = record.donations.len()
                )
            );
        }
        PersonCommand::Erase { id, yes } => {
            if !yes {
                return Err(desk_core::Error::invalid("erase_needs_yes"));
            }
            let erased = person_rights::erase(store, *id)?;
            println!(
                "{}",
                say!(
                    "cli.person.erased",
                    signatures = erased.signatures,
                    consents = erased.consents,
                    answers = erased.answers,
                    gifts = erased.donations,
                    entries = erased.log_entries
                )
            );
        }
    }
    Ok(())
}
