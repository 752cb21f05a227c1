//! Picks the generated code the crate includes, and proves it matches `taxonomy/`.
//!
//! By default the crate uses the committed `generated/`, stamped with a hash of every
//! `taxonomy/**/*.yaml`: this script checks the stamp (and that no published code is gone) and
//! needs no build-dependency. With the `regenerate` feature it compiles the YAML itself, through
//! the `error-taxonomy-codegen` crate, into `OUT_DIR`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command that rewrites `generated/` (and the published-codes list) from the YAML.
const REGENERATE: &str = "UPDATE_SNAPSHOTS=1 cargo test --features regenerate --test generated";

fn main() -> ExitCode {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let taxonomy = root.join("taxonomy");
    println!("cargo::rerun-if-changed=taxonomy");
    let yaml = yaml_files(&taxonomy);
    for path in &yaml {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    let stamp = match stamp(&root, &yaml) {
        Ok(stamp) => stamp,
        Err(message) => return fail(&message),
    };
    let result = if cfg!(feature = "regenerate") {
        regenerate(&root, &stamp)
    } else {
        committed(&root, &stamp)
    };
    match result {
        Ok(dir) => {
            println!(
                "cargo::rustc-env=ERROR_TAXONOMY_GENERATED={}",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

/// Every `*.yaml` below `dir`, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// One line per YAML file: its FNV-1a 64 hash (line endings normalised to `\n`) and its path
/// relative to the crate root.
fn stamp(root: &Path, files: &[PathBuf]) -> Result<String, String> {
    let mut out = String::from(
        "# FNV-1a 64 of each taxonomy file (CRLF read as LF): the YAML generated/ was written from.\n",
    );
    for path in files {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, &byte) in bytes.iter().enumerate() {
            if byte == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        out.push_str(&format!("{hash:016x} {}\n", relative(root, path)));
    }
    Ok(out)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The default path: the committed `generated/`, if its stamp is this YAML's.
fn committed(root: &Path, stamp: &str) -> Result<PathBuf, String> {
    let dir = root.join("generated");
    println!("cargo::rerun-if-changed=generated");
    println!("cargo::rerun-if-changed=taxonomy/published-codes.txt");
    let committed = std::fs::read_to_string(dir.join("stamp.txt")).unwrap_or_default();
    if committed != stamp {
        let hashes = |text: &str| -> Vec<(String, String)> {
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once(' ').map(|(h, p)| (p.to_owned(), h.to_owned())))
                .collect()
        };
        let (now, then) = (hashes(stamp), hashes(&committed));
        let changed: Vec<String> = now
            .iter()
            .filter(|entry| !then.contains(entry))
            .map(|(path, _)| path.clone())
            .chain(
                then.iter()
                    .filter(|(path, _)| !now.iter().any(|(p, _)| p == path))
                    .map(|(path, _)| format!("{path} (removed)")),
            )
            .collect();
        let first = changed
            .first()
            .cloned()
            .unwrap_or_else(|| "generated/stamp.txt".into());
        let more = match changed.len() {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return Err(format!(
            "{first}{more}: changed since generated/ was written from it; regenerate with `{REGENERATE}`"
        ));
    }
    check_published(
        root,
        &std::fs::read_to_string(dir.join("codes.txt")).unwrap_or_default(),
    )?;
    Ok(dir)
}

/// A published code may never disappear: every line of the list must be a current code.
fn check_published(root: &Path, codes: &str) -> Result<(), String> {
    let list = "taxonomy/published-codes.txt";
    let published = std::fs::read_to_string(root.join(list)).unwrap_or_default();
    let current: std::collections::BTreeSet<&str> = codes.lines().collect();
    for (index, line) in published.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || current.contains(line) {
            continue;
        }
        return Err(format!(
            "{list}:{}: published code `{line}` is gone from the taxonomy: a wire string never \
             changes and is never deleted; restore it and retire it with `deprecated:`",
            index + 1
        ));
    }
    Ok(())
}

/// The `regenerate` path: the YAML compiled by the generator into `OUT_DIR`.
#[cfg(feature = "regenerate")]
fn regenerate(root: &Path, stamp: &str) -> Result<PathBuf, String> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    println!("cargo::rerun-if-changed=src");
    println!("cargo::rerun-if-changed=taxonomy/published-codes.txt");
    let (sources, _) =
        error_taxonomy_codegen::load_dir(&root.join("taxonomy")).map_err(|p| p.to_string())?;
    let handwritten = error_taxonomy_codegen::handwritten_modules(root);
    let generated =
        error_taxonomy_codegen::generate(&sources, &handwritten).map_err(|p| p.to_string())?;
    let files: Vec<(&str, &str)> = generated
        .files
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .chain([("stamp.txt", stamp)])
        .collect();
    for (name, contents) in &files {
        write_if_changed(&out.join(name), contents)
            .map_err(|e| format!("cannot write {name}: {e}"))?;
    }
    // What an earlier run wrote and this one did not (a table since removed) is not output.
    for entry in std::fs::read_dir(&out).into_iter().flatten().flatten() {
        let name = entry.file_name();
        if !files.iter().any(|(n, _)| name.to_str() == Some(n)) {
            std::fs::remove_file(entry.path())
                .map_err(|e| format!("cannot remove {name:?}: {e}"))?;
        }
    }
    Ok(out)
}

#[cfg(not(feature = "regenerate"))]
fn regenerate(_: &Path, _: &str) -> Result<PathBuf, String> {
    Err("the regenerate feature is off".into())
}

#[cfg(feature = "regenerate")]
fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents)
}
