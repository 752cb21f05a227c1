//! Reading and writing generated files under a root safely: no symbolic link is followed below
//! the root, what is read is bounded by what would be written, only regular files are read or
//! replaced, and every target is checked before any is written.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A path as an error line shows it: quoted, its control and invisible characters escaped.
pub fn shown(path: &Path) -> String {
    format!("{path:?}")
}

/// What a generated file's target holds now: `None` when it does not exist. At most
/// `expected + 1` bytes are read: enough to tell that it differs.
///
/// # Errors
///
/// When a component of `path` below `root` is a symbolic link, a component before the last is
/// no directory, the target is no regular file (a directory, a FIFO, a device), or it cannot be
/// read.
pub fn current(root: &Path, path: &str, expected: usize) -> Result<Option<Vec<u8>>, String> {
    let target = root.join(path);
    let mut at = root.to_path_buf();
    for component in Path::new(path).components() {
        at.push(component);
        let metadata = match std::fs::symlink_metadata(&at) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("cannot read {}: {e}", shown(&at))),
        };
        let kind = metadata.file_type();
        if kind.is_symlink() {
            return Err(format!(
                "{} is a symbolic link; export follows none",
                shown(&at)
            ));
        }
        if at != target && !kind.is_dir() {
            return Err(format!("{} is not a directory", shown(&at)));
        }
        if at == target && !kind.is_file() {
            return Err(format!("{} is not a regular file", shown(&at)));
        }
    }
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", shown(&target));
    let file = std::fs::File::open(&target).map_err(cannot)?;
    // What was opened is what was looked at: a regular file, not one swapped in since.
    if !file.metadata().map_err(cannot)?.is_file() {
        return Err(format!("{} is not a regular file", shown(&target)));
    }
    let mut bytes = Vec::with_capacity(expected + 1);
    file.take(expected as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(Some(bytes))
}

/// Writes `text` to `root/path`: to a new temporary file beside it, then renamed over it, so
/// that a reader sees the old file or the new one, and no link is written through.
///
/// # Errors
///
/// When the directory cannot be made, or the file cannot be written or renamed.
pub fn write(root: &Path, path: &str, text: &str) -> Result<(), String> {
    let target = root.join(path);
    let dir = target
        .parent()
        .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", shown(&dir)))?;
    let temporary = temporary(&target);
    let cannot = |e: std::io::Error| format!("cannot write {}: {e}", shown(&target));
    // `create_new` refuses an existing name, a symbolic link included; what it refuses is not
    // ours to remove.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temporary)
        .map_err(cannot)?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| std::fs::rename(&temporary, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written.map_err(cannot)
}

/// A name beside `target` that no other run uses.
fn temporary(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
