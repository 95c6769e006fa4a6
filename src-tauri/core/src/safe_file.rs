//! Files written whole or not at all: a private file beside the target, synced to the disk,
//! then renamed over it (a rename is atomic), and the folder synced so the new name survives a
//! power cut. A full disk or a pulled stick leaves the old file, never half a new one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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
