//! Files written whole or not at all: a private file beside the target, synced to the disk,
//! then renamed over it (a rename is atomic), and the folder synced so the new name survives a
//! power cut. A full disk or a pulled stick leaves the old file, never half a new one.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::messages::Message;

/// Writes `bytes` to `path` whole or not at all, readable by its owner only (an .ics, a
/// document): a private part file, synced, renamed into place.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |e: io::Error| {
        Error::Invalid(
            Message::new("file_unwritable")
                .with("path", path.display())
                .with("cause", e),
        )
    };
    let part = part_path(path);
    let _ = fs::remove_file(&part);
    let written = create_private(&part)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| put_in_place(&part, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&part);
        return Err(failed(e));
    }
    Ok(())
}

/// A new file readable by its owner only (mode 0600), refusing one that exists.
pub(crate) fn create_private(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A new folder readable by its owner only (mode 0700), refusing one that exists: a batch of
/// receipts is written into it.
pub fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path).map_err(|e| {
        Error::Invalid(
            Message::new(if e.kind() == io::ErrorKind::AlreadyExists {
                "folder_exists"
            } else {
                "file_unwritable"
            })
            .with("path", path.display())
            .with("cause", e),
        )
    })
}

/// The longest file name made from user text, in characters (well under every file system's
/// 255 bytes, with room for a date and an extension).
const NAME_CHARS: usize = 60;

/// Windows refuses these names whatever their extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file name made from user text (an event's title, an appeal's slug, a laptop's name) that
/// is safe on every system: letters (any script) and digits kept, everything else a dash (so
/// no path separator, no `..`, no control or bidi character that would show the name reversed,
/// no character Windows refuses), no reserved Windows name, at most 60 characters, and
/// `fallback` when nothing is left.
pub fn safe_file_name(text: &str, fallback: &str) -> String {
    let mut name = String::new();
    for c in text.chars() {
        // Letters and digits of any script; never a format character (bidi controls and the
        // like are not alphanumeric).
        if c.is_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name: String = name.trim_matches('-').chars().take(NAME_CHARS).collect();
    let name = name.trim_end_matches('-').to_owned();
    if name.is_empty() {
        return fallback.to_owned();
    }
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&name)) {
        return format!("{name}-{fallback}");
    }
    name
}

/// The private file a write of `path` goes to first (this process's own, so two writers of
/// one name never share it).
pub(crate) fn part_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".part-{}", std::process::id()));
    PathBuf::from(name)
}

/// Syncs `part` to the disk, renames it to `path` and syncs the folder. On an error `part` is
/// removed and `path` is as it was.
pub(crate) fn put_in_place(part: &Path, path: &Path) -> io::Result<()> {
    let done = fs::File::open(part)
        .and_then(|f| f.sync_all())
        .and_then(|()| fs::rename(part, path));
    if let Err(e) = done {
        let _ = fs::remove_file(part);
        return Err(e);
    }
    sync_folder(path);
    Ok(())
}

/// Syncs the folder holding `path`, so a rename or a new file in it is on the disk.
pub(crate) fn sync_folder(path: &Path) {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_file_beside_the_target_of_this_process() {
        let part = part_path(Path::new("/tmp/x/signers.csv"));
        assert_eq!(part.parent(), Some(Path::new("/tmp/x")));
        assert_eq!(
            part.file_name().unwrap().to_str().unwrap(),
            format!("signers.csv.part-{}", std::process::id())
        );
    }

    #[test]
    fn names_from_user_text_are_safe_everywhere() {
        assert_eq!(safe_file_name("Vigil for Narges", "x"), "Vigil-for-Narges");
        assert_eq!(safe_file_name("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(
            safe_file_name("a\\b:c*d?e\"f<g>h|i", "x"),
            "a-b-c-d-e-f-g-h-i"
        );
        assert_eq!(safe_file_name("CON", "event"), "CON-event");
        assert_eq!(safe_file_name("nul", "event"), "nul-event");
        assert_eq!(safe_file_name("...", "event"), "event");
        // A right-to-left override would show "exe.txt" as "txt.exe".
        assert_eq!(
            safe_file_name("report\u{202e}txt.exe", "x"),
            "report-txt-exe"
        );
        assert_eq!(safe_file_name("شب همبستگی", "x"), "شب-همبستگی");
        assert_eq!(safe_file_name(&"long ".repeat(40), "x").chars().count(), 59);
        assert_eq!(safe_file_name("\u{0}\n\t", "x"), "x");
    }
}
