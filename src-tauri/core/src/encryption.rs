//! The database's passphrase and the key SQLCipher encrypts the file with.
//!
//! The key is derived here, with Argon2id (memory-hard, so a stolen laptop's file resists a
//! graphics card far longer than SQLCipher's own PBKDF2 would), from the passphrase and the
//! salt SQLCipher keeps in the file's first 16 bytes. SQLCipher is then given the raw key, so
//! the file stays a standard SQLCipher 4 database. A new file's salt is drawn here and handed
//! to SQLCipher with the key (`x'key salt'`), which writes it as the file's salt.
//!
//! The passphrase and the key live only in memory that is wiped when they are dropped
//! (`Zeroizing`); neither is ever written to a file or a log.

use std::fmt;

use rusqlite::Connection;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::messages::Message;

/// Argon2id's cost: 64 MiB of memory and nine passes take about half a second on the
/// project's test machine (2 cores; see benches/safety.rs). The cost is part of the file
/// format: files keyed with other costs would not open, so changing it needs a new format.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 9;
const LANES: u32 = 1;

/// Length of SQLCipher's salt, at the start of an encrypted file.
pub const SALT_LEN: usize = 16;

/// A passphrase typed by a person: checked, and wiped from memory when dropped.
pub struct Passphrase(Zeroizing<String>);

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

impl Passphrase {
    /// A passphrase to open a file with: anything not empty (a file keyed with a shorter one
    /// elsewhere must still open).
    pub fn given(text: String) -> Result<Passphrase> {
        let text = Zeroizing::new(text);
        if text.is_empty() {
            return Err(Error::invalid("passphrase_missing"));
        }
        Ok(Passphrase(text))
    }

    /// A passphrase to encrypt with: long enough to resist guessing if the laptop is taken,
    /// and no control characters (a pasted newline would be part of it, unseen).
    pub fn new(text: String) -> Result<Passphrase> {
        let p = Passphrase::given(text)?;
        p.check_strong()?;
        Ok(p)
    }

    /// The first line of a file (a script's `--passphrase-file`); the file's text is wiped
    /// from memory too.
    pub fn read_from(path: &std::path::Path) -> Result<Passphrase> {
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
            Error::Invalid(
                Message::new("passphrase_file_unreadable")
                    .with("path", path.display())
                    .with("cause", e),
            )
        })?);
        Passphrase::given(text.lines().next().unwrap_or("").to_owned())
    }

    /// Whether this passphrase may encrypt a database (see `new`).
    pub fn check_strong(&self) -> Result<()> {
        let text = &self.0;
        let n = text.chars().count();
        if text.trim().is_empty() {
            return Err(Error::invalid("passphrase_missing"));
        }
        if n < 10 {
            return Err(Error::Invalid(
                Message::new("passphrase_short").with("min", 10),
            ));
        }
        if n > 500 {
            return Err(Error::Invalid(
                Message::new("too_long")
                    .with("field", "passphrase")
                    .with("count", n)
                    .with("max", 500),
            ));
        }
        if text.chars().any(char::is_control) {
            return Err(Error::invalid("passphrase_control"));
        }
        Ok(())
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// The key of one file: 32 bytes from Argon2id and the file's salt. Wiped when dropped.
pub(crate) struct Key {
    key: Zeroizing<[u8; 32]>,
    salt: [u8; SALT_LEN],
}

impl Key {
    /// The key of a file whose salt is `salt`.
    pub(crate) fn derive(passphrase: &Passphrase, salt: [u8; SALT_LEN]) -> Key {
        let params = argon2::Params::new(MEMORY_KIB, PASSES, LANES, Some(32))
            .expect("Argon2 parameters are valid");
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut key = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(passphrase.bytes(), &salt, key.as_mut())
            .expect("a 16-byte salt and a 32-byte output are within Argon2's limits");
        Key { key, salt }
    }

    /// The key of a new file, with a new random salt.
    pub(crate) fn fresh(passphrase: &Passphrase) -> Result<Key> {
        Ok(Key::derive(passphrase, random_salt()?))
    }

    pub(crate) fn salt(&self) -> [u8; SALT_LEN] {
        self.salt
    }

    /// SQLCipher's raw-key form, `x'<key><salt>'`: the key is used as it is (no second
    /// derivation) and a new file takes this salt.
    pub(crate) fn sql_literal(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(2 + 2 * (32 + SALT_LEN) + 1));
        text.push_str("x'");
        for b in self.key.iter().chain(self.salt.iter()) {
            text.push(hex_digit(b >> 4));
            text.push(hex_digit(b & 0xf));
        }
        text.push('\'');
        text
    }

    /// A copy, for a backup's second connection (wiped when dropped too).
    pub(crate) fn duplicate(&self) -> Key {
        Key {
            key: Zeroizing::new(*self.key),
            salt: self.salt,
        }
    }

    /// Whether `passphrase` gives this key (the file's salt is the same).
    pub(crate) fn is_derived_from(&self, passphrase: &Passphrase) -> bool {
        let other = Key::derive(passphrase, self.salt);
        // Compared in full, not stopping at the first difference.
        self.key
            .iter()
            .zip(other.key.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }

    /// Keys `conn` (its main database) before anything else reads it.
    pub(crate) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        let literal = self.sql_literal();
        // SAFETY: the handle is valid for as long as `conn`; the key's bytes outlive the call,
        // and SQLCipher copies them.
        let rc = unsafe {
            rusqlite::ffi::sqlite3_key(
                conn.handle(),
                literal.as_ptr().cast(),
                i32::try_from(literal.len()).expect("a key literal is short"),
            )
        };
        if rc == rusqlite::ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rc),
                None,
            ))
        }
    }
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).expect("a nibble")
}

fn random_salt() -> Result<[u8; SALT_LEN]> {
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(|e| Error::Open {
        path: "".into(),
        cause: format!("this system gave no random numbers: {e}"),
    })?;
    Ok(salt)
}

/// Whether the first page of a file looks encrypted: SQLCipher's pages are indistinguishable
/// from random bytes, while text, images, documents and plain databases are not. (A file of
/// another program that is encrypted too cannot be told apart; opening it just fails as a
/// wrong passphrase would.)
pub(crate) fn looks_encrypted(first_page: &[u8]) -> bool {
    if first_page.len() < 1024 {
        return false;
    }
    let mut counts = [0u32; 256];
    for b in first_page {
        counts[usize::from(*b)] += 1;
    }
    // Pearson's chi-squared against uniform bytes: about 255 for random data (over 400 happens
    // with odds far below one in a million); thousands for anything with structure.
    let expected = first_page.len() as f64 / 256.0;
    let chi: f64 = counts
        .iter()
        .map(|&c| {
            let d = f64::from(c) - expected;
            d * d / expected
        })
        .sum();
    chi < 400.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_passphrase_and_salt_give_the_same_key_and_others_do_not() {
        let p = Passphrase::new("correct horse battery".into()).unwrap();
        let salt = [7u8; SALT_LEN];
        let a = Key::derive(&p, salt);
        let b = Key::derive(&p, salt);
        assert_eq!(*a.sql_literal(), *b.sql_literal());
        let other = Key::derive(
            &Passphrase::new("correct horse battery!".into()).unwrap(),
            salt,
        );
        assert_ne!(*a.sql_literal(), *other.sql_literal());
        let salted = Key::derive(&p, [8u8; SALT_LEN]);
        assert_ne!(a.sql_literal()[..66], salted.sql_literal()[..66]);
        let literal = a.sql_literal();
        assert_eq!(literal.len(), 2 + 96 + 1);
        assert!(
            literal.ends_with(&format!("{}'", "07".repeat(16))),
            "{}",
            *literal
        );
    }

    #[test]
    fn passphrases_too_short_empty_or_with_a_newline_are_refused() {
        assert_eq!(
            Passphrase::new("short".into()).unwrap_err().message().key(),
            "passphrase_short"
        );
        assert_eq!(
            Passphrase::new("   ".into()).unwrap_err().message().key(),
            "passphrase_missing"
        );
        assert_eq!(
            Passphrase::new("a long one\nwith a newline".into())
                .unwrap_err()
                .message()
                .key(),
            "passphrase_control"
        );
        assert_eq!(
            Passphrase::new("x".repeat(501))
                .unwrap_err()
                .message()
                .key(),
            "too_long"
        );
        assert!(Passphrase::given("short".into()).is_ok());
        assert!(
            format!("{:?}", Passphrase::new("do not print me".into()).unwrap()) == "Passphrase(..)"
        );
    }

    #[test]
    fn random_pages_look_encrypted_and_text_or_sqlite_do_not() {
        let mut random = vec![0u8; 4096];
        getrandom::fill(&mut random).unwrap();
        assert!(looks_encrypted(&random));
        let text = "Campaign Desk, signers: Maryam, José, 李小龍\n".repeat(100);
        assert!(!looks_encrypted(text.as_bytes()));
        let mut sqlite = vec![0u8; 4096];
        sqlite[..16].copy_from_slice(b"SQLite format 3\0");
        assert!(!looks_encrypted(&sqlite));
        assert!(!looks_encrypted(&random[..100]));
    }
}
