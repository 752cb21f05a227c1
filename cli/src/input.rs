//! Input: a file or standard input, read up to a limit.

use std::io::Read;

/// The default input limit: 8 MiB, far above any webhook or error body.
pub const DEFAULT_MAX_INPUT: u64 = 8 << 20;

/// A path as an error line shows it: quoted, its control and invisible characters escaped, so
/// that a file name cannot forge a line; `-` is standard input.
pub fn shown(path: &str) -> String {
    if path == "-" {
        String::from("standard input")
    } else {
        format!("{path:?}")
    }
}

/// Reads `path` (`-` for standard input), refusing more than `limit` bytes.
pub fn read(path: &str, limit: u64) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", shown(path));
    if path == "-" {
        read_limited(&mut std::io::stdin().lock(), path, limit)
    } else {
        let mut file = std::fs::File::open(path).map_err(cannot)?;
        read_limited(&mut file, path, limit)
    }
}

/// Reads at most `limit` bytes of `source`, and one more to know whether there is more.
pub fn read_limited(source: &mut impl Read, path: &str, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    source
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", shown(path)))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{} is larger than {limit} bytes (the input limit; --max-input raises it)",
            shown(path)
        ));
    }
    Ok(bytes)
}
