//! This laptop's table-mode settings: the organizer's PIN, which leaving table mode needs, and
//! the idle time after which a half-filled form is cleared. Kept in `local_settings`, never
//! exchanged: each laptop on a table has its own organizer.
//!
//! The PIN is stored only as an Argon2id hash (a PHC string with its own salt). Wrong PINs
//! slow down the next try: after the n-th wrong one in a row, the next is refused for 2^(n-1)
//! seconds (at most a minute), counted in the database so that restarting does not reset it.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::id::Id;
use crate::messages::Message;
use crate::store::Store;

pub const DEFAULT_IDLE_SECONDS: i64 = 60;
pub const IDLE_SECONDS: std::ops::RangeInclusive<i64> = 5..=600;
/// Short enough that a visitor trying PINs cannot lock the organizer out for long.
const LONGEST_WAIT_SECONDS: i64 = 60;

/// The window locks an encrypted database after this many idle minutes (0: never).
pub const DEFAULT_LOCK_MINUTES: i64 = 15;
pub const LOCK_MINUTES: std::ops::RangeInclusive<i64> = 0..=240;

/// After how many idle minutes the window locks an encrypted database (0: never).
pub fn lock_minutes(store: &Store) -> Result<i64> {
    Ok(get(store.conn(), "lock_minutes")?
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_LOCK_MINUTES))
}

pub fn set_lock_minutes(store: &mut Store, minutes: i64) -> Result<()> {
    if !LOCK_MINUTES.contains(&minutes) {
        return Err(Error::Invalid(
            Message::new("idle_lock_range")
                .with("min", 1)
                .with("max", LOCK_MINUTES.end()),
        ));
    }
    store.write(|w| put(w, "lock_minutes", &minutes.to_string()))
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KioskSettings {
    pub has_pin: bool,
    pub idle_seconds: i64,
}

pub fn settings(store: &Store) -> Result<KioskSettings> {
    let conn = store.conn();
    Ok(KioskSettings {
        has_pin: get(conn, "pin_hash")?.is_some(),
        idle_seconds: get(conn, "idle_seconds")?
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_IDLE_SECONDS),
    })
}

use crate::local_settings::{get, put};

/// Sets the PIN (4 to 12 digits). Changing an existing PIN needs the current one.
pub fn set_pin(store: &mut Store, current: Option<&str>, pin: &str) -> Result<()> {
    if settings(store)?.has_pin {
        check_pin(store, current.unwrap_or(""), Utc::now())?;
    }
    let pin = pin.trim();
    if !(4..=12).contains(&pin.len()) || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid("bad_pin"));
    }
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .map_err(|e| Error::Invalid(Message::new("bad_pin").with("detail", e)))?;
    let hash = Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map_err(|e| Error::Invalid(Message::new("bad_pin").with("detail", e)))?
        .to_string();
    store.write(|w| {
        put(w, "pin_hash", &hash)?;
        put(w, "pin_failures", "0")?;
        put(w, "pin_wait_until", "")
    })
}

pub fn set_idle_seconds(store: &mut Store, seconds: i64) -> Result<()> {
    if !IDLE_SECONDS.contains(&seconds) {
        return Err(Error::Invalid(
            Message::new("bad_idle_seconds")
                .with("min", IDLE_SECONDS.start())
                .with("max", IDLE_SECONDS.end()),
        ));
    }
    store.write(|w| put(w, "idle_seconds", &seconds.to_string()))
}

/// Checks the organizer's PIN at `now`. A wrong one is refused and makes the next try wait;
/// a try during the wait is refused without looking at the PIN.
pub fn check_pin(store: &mut Store, pin: &str, now: DateTime<Utc>) -> Result<()> {
    let conn = store.conn();
    let hash = get(conn, "pin_hash")?.ok_or_else(|| Error::invalid("no_pin"))?;
    let wait_until = get(conn, "pin_wait_until")?
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc));
    if let Some(until) = wait_until.filter(|u| *u > now) {
        let seconds = (until - now).num_milliseconds().div_euclid(1000) + 1;
        return Err(Error::Conflict(
            Message::new("pin_wait").with("count", seconds),
        ));
    }
    let parsed = PasswordHash::new(&hash).map_err(|_| Error::invalid("no_pin"))?;
    if Argon2::default()
        .verify_password(pin.trim().as_bytes(), &parsed)
        .is_ok()
    {
        return store.write(|w| {
            put(w, "pin_failures", "0")?;
            put(w, "pin_wait_until", "")
        });
    }
    let failures: i64 = get(store.conn(), "pin_failures")?
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
        + 1;
    let wait = (1i64 << (failures - 1).min(20)).min(LONGEST_WAIT_SECONDS);
    let until = (now + Duration::seconds(wait)).to_rfc3339_opts(SecondsFormat::Millis, true);
    store.write(|w| {
        put(w, "pin_failures", &failures.to_string())?;
        put(w, "pin_wait_until", &until)
    })?;
    Err(Error::Invalid(
        Message::new("wrong_pin").with("count", wait),
    ))
}

/// Table mode as this laptop has it: the appeal the table collects for, at which event.
/// Kept in the database, so that a restarted window comes back to the signing form.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TableMode {
    pub appeal: Id,
    pub event: Option<Id>,
    pub idle_seconds: i64,
    /// The appeal's own language, the form's first.
    pub lang: String,
}

pub fn table_mode(store: &Store) -> Result<Option<TableMode>> {
    let conn = store.conn();
    let Some(appeal) = get(conn, "table_appeal")?.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let event = get(conn, "table_event")?.filter(|s| !s.is_empty());
    let appeal: Id = appeal.parse()?;
    // An appeal removed meanwhile (by another laptop's bundle): the form starts in English and
    // signing says the appeal is gone.
    let lang = match crate::appeals::own_language(conn, appeal) {
        Err(Error::NotFound(_)) => "en".to_owned(),
        other => other?,
    };
    Ok(Some(TableMode {
        appeal,
        lang,
        event: event.map(|e| e.parse()).transpose()?,
        idle_seconds: settings(store)?.idle_seconds,
    }))
}

/// Starts table mode for an open appeal. It needs a PIN, since leaving does.
pub fn start_table_mode(store: &mut Store, appeal: Id, event: Option<Id>) -> Result<TableMode> {
    if !settings(store)?.has_pin {
        return Err(Error::invalid("no_pin"));
    }
    crate::appeals::ensure_open(store.conn(), appeal)?;
    store.write(|w| {
        put(w, "door_event", "")?;
        put(w, "table_appeal", &appeal.to_string())?;
        put(
            w,
            "table_event",
            &event.map(|e| e.to_string()).unwrap_or_default(),
        )
    })?;
    table_mode(store)?.ok_or_else(|| Error::invalid("no_pin"))
}

/// Leaves table mode with the organizer's PIN.
pub fn leave_table_mode(store: &mut Store, pin: &str, now: DateTime<Utc>) -> Result<()> {
    check_pin(store, pin, now)?;
    store.write(|w| {
        put(w, "table_appeal", "")?;
        put(w, "table_event", "")
    })
}

/// Door mode as this laptop has it: the event whose door it keeps. Kept in the database like
/// table mode, so a restarted window comes back to the door.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DoorMode {
    pub event: Id,
}

pub fn door_mode(store: &Store) -> Result<Option<DoorMode>> {
    let Some(event) = get(store.conn(), "door_event")?.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    Ok(Some(DoorMode {
        event: event.parse()?,
    }))
}

/// Opens the door of an event. It needs a PIN, since leaving does; table mode is left first.
pub fn start_door_mode(store: &mut Store, event: Id) -> Result<DoorMode> {
    if !settings(store)?.has_pin {
        return Err(Error::invalid("no_pin"));
    }
    crate::events::get(store, event)?;
    store.write(|w| {
        put(w, "table_appeal", "")?;
        put(w, "door_event", &event.to_string())
    })?;
    door_mode(store)?.ok_or_else(|| Error::invalid("not_in_door_mode"))
}

/// Leaves door mode with the organizer's PIN.
pub fn leave_door_mode(store: &mut Store, pin: &str, now: DateTime<Utc>) -> Result<()> {
    check_pin(store, pin, now)?;
    store.write(|w| put(w, "door_event", ""))
}

/// The event whose door is open, or an error: the door's commands act on it only.
pub fn door_event(store: &Store) -> Result<Id> {
    door_mode(store)?
        .map(|d| d.event)
        .ok_or_else(|| Error::invalid("not_in_door_mode"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_is_a_slow_hash_and_wrong_tries_wait_longer() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("k.db")).unwrap();
        assert!(!settings(&store).unwrap().has_pin);
        assert_eq!(
            check_pin(&mut store, "1234", Utc::now())
                .unwrap_err()
                .code(),
            "invalid"
        );
        assert_eq!(
            set_pin(&mut store, None, "12a4").unwrap_err().code(),
            "invalid"
        );
        set_pin(&mut store, None, "2468").unwrap();
        let stored = get(store.conn(), "pin_hash").unwrap().unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("2468"));

        let t0 = Utc::now();
        let err = check_pin(&mut store, "1111", t0).unwrap_err();
        assert_eq!(err.message().key(), "wrong_pin");
        // During the wait even the right PIN is refused; after it, it is taken.
        let err = check_pin(&mut store, "2468", t0 + Duration::milliseconds(500)).unwrap_err();
        assert_eq!(err.message().key(), "pin_wait");
        check_pin(&mut store, "1111", t0 + Duration::seconds(2)).unwrap_err();
        let err = check_pin(&mut store, "2468", t0 + Duration::seconds(3)).unwrap_err();
        assert_eq!(
            err.message().key(),
            "pin_wait",
            "the second wrong PIN waits 2 s"
        );
        check_pin(&mut store, "2468", t0 + Duration::seconds(5)).unwrap();
        // Success resets the wait.
        check_pin(&mut store, "0000", t0 + Duration::seconds(6)).unwrap_err();
        check_pin(&mut store, "2468", t0 + Duration::seconds(8)).unwrap();

        // Changing the PIN needs the current one.
        assert!(set_pin(&mut store, Some("0000"), "1357").is_err());
        check_pin(&mut store, "2468", Utc::now() + Duration::seconds(2)).unwrap();
        set_pin(&mut store, Some("2468"), "1357").unwrap();
        check_pin(&mut store, "1357", Utc::now() + Duration::seconds(600)).unwrap();
    }

    #[test]
    fn table_mode_needs_a_pin_to_start_and_to_leave() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("k.db")).unwrap();
        crate::campaign::start(&mut store, "C").unwrap();
        let appeal = store
            .write(|w| {
                crate::appeals::insert_appeal(w, &crate::appeals::NewAppeal::english("A", ""))
            })
            .unwrap();
        let err = start_table_mode(&mut store, appeal, None).unwrap_err();
        assert_eq!(err.message().key(), "no_pin");
        set_pin(&mut store, None, "2468").unwrap();
        store
            .write(|w| crate::appeals::set_status(w, appeal, crate::appeals::Status::Closed))
            .unwrap();
        let err = start_table_mode(&mut store, appeal, None).unwrap_err();
        assert_eq!(err.message().key(), "appeal_not_open");
        store
            .write(|w| crate::appeals::set_status(w, appeal, crate::appeals::Status::Open))
            .unwrap();
        let mode = start_table_mode(&mut store, appeal, None).unwrap();
        assert_eq!(
            (mode.appeal, mode.lang.as_str(), mode.idle_seconds),
            (appeal, "en", 60)
        );
        // A restarted window finds it still on.
        drop(store);
        let mut store = Store::open(dir.path().join("k.db")).unwrap();
        assert_eq!(table_mode(&store).unwrap(), Some(mode));
        let now = Utc::now();
        assert!(leave_table_mode(&mut store, "1111", now).is_err());
        assert!(table_mode(&store).unwrap().is_some());
        leave_table_mode(&mut store, "2468", now + Duration::seconds(2)).unwrap();
        assert_eq!(table_mode(&store).unwrap(), None);
    }

    #[test]
    fn door_mode_needs_a_pin_to_start_and_to_leave() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("k.db")).unwrap();
        crate::campaign::start(&mut store, "C").unwrap();
        let event = store
            .write(|w| {
                crate::events::insert(
                    w,
                    &crate::events::EventInput {
                        title: "Night".into(),
                        time_zone: "UTC".into(),
                        status: crate::events::Status::Tba,
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        assert_eq!(
            start_door_mode(&mut store, event)
                .unwrap_err()
                .message()
                .key(),
            "no_pin"
        );
        assert_eq!(
            door_event(&store).unwrap_err().message().key(),
            "not_in_door_mode"
        );
        set_pin(&mut store, None, "2468").unwrap();
        start_door_mode(&mut store, event).unwrap();
        drop(store);
        let mut store = Store::open(dir.path().join("k.db")).unwrap();
        assert_eq!(door_event(&store).unwrap(), event);
        let now = Utc::now();
        assert!(leave_door_mode(&mut store, "1111", now).is_err());
        assert!(door_mode(&store).unwrap().is_some());
        leave_door_mode(&mut store, "2468", now + Duration::seconds(2)).unwrap();
        assert_eq!(door_mode(&store).unwrap(), None);
    }

    #[test]
    fn idle_time_has_a_default_and_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("k.db")).unwrap();
        assert_eq!(settings(&store).unwrap().idle_seconds, 60);
        assert_eq!(
            set_idle_seconds(&mut store, 2).unwrap_err().code(),
            "invalid"
        );
        set_idle_seconds(&mut store, 90).unwrap();
        assert_eq!(settings(&store).unwrap().idle_seconds, 90);
    }
}
