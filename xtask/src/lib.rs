//! The repository's one generator command, `cargo xtask codegen`, as rust-analyzer's `xtask
//! codegen` is: it writes every generated file, and with `--check` writes nothing and fails on a
//! stale one, naming it and the command.
//!
//! Two phases, one command:
//! 1. [`tables`]: the generator (`error-taxonomy-codegen`) reads `taxonomy/` and writes, from
//!    its one model, the crate's tables under `src/generated/`, the README's table of tables,
//!    the published-codes list, `schema/codes.json` and its schema, both bindings and
//!    `docs/CATALOG.md`. It needs nothing compiled from the crate, so a YAML edit that breaks the
//!    crate's build can still be regenerated.
//! 2. `xtask-export`: from the crate as phase 1 left it, the JSON Schema of its payload types
//!    ([`PAYLOAD_SCHEMAS`]): the bundle and the OpenAPI document.

pub mod files;

use std::path::Path;

pub use error_taxonomy_codegen::COMMAND;

/// Whether a run writes the generated files, or only checks them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Write every stale file.
    Write,
    /// Write nothing; fail on any stale file.
    Check,
}

/// Makes every file in `generated` (path from `root`, text) what it should be, or with
/// [`Mode::Check`] says which are not. Every target is read before any is written: a target
/// that cannot be written (see [`files::current`]) stops the run with nothing written. Also
/// stale: a file under one of `owned` directories that nothing generates any more.
///
/// # Errors
///
/// The targets that cannot be written, every one of them; or with [`Mode::Check`], the stale
/// files and the command that refreshes them.
pub fn ensure(
    root: &Path,
    generated: &[(String, String)],
    owned: &[&str],
    mode: Mode,
) -> Result<Vec<String>, String> {
    let mut stale = Vec::new();
    let mut refused = Vec::new();
    for (path, text) in generated {
        match files::current(root, path, text.len()) {
            Ok(now) if now.as_deref() == Some(text.as_bytes()) => {}
            Ok(_) => stale.push((path.as_str(), Some(text.as_str()))),
            Err(reason) => refused.push(reason),
        }
    }
    let orphans = orphans(root, generated, owned);
    stale.extend(orphans.iter().map(|path| (path.as_str(), None)));
    if !refused.is_empty() {
        return Err(format!("nothing written: {}", refused.join("; ")));
    }
    let paths: Vec<String> = stale
        .iter()
        .map(|(path, text)| match text {
            Some(_) => (*path).to_owned(),
            None => format!("{path} (no longer generated)"),
        })
        .collect();
    if mode == Mode::Check {
        return if paths.is_empty() {
            Ok(paths)
        } else {
            Err(format!(
                "stale generated files: {}; run `{COMMAND}`",
                paths.join(", ")
            ))
        };
    }
    for (path, text) in stale {
        match text {
            Some(text) => files::write(root, path, text)?,
            None => std::fs::remove_file(root.join(path))
                .map_err(|e| format!("cannot remove {}: {e}", files::shown(&root.join(path))))?,
        }
    }
    Ok(paths)
}

/// The files directly under the `owned` directories that are not in `generated`.
fn orphans(root: &Path, generated: &[(String, String)], owned: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for dir in owned {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let path = format!("{dir}/{name}");
            let file = entry.file_type().is_ok_and(|kind| kind.is_file());
            let known = generated.iter().any(|(p, _)| *p == path)
                || PAYLOAD_SCHEMAS.contains(&path.as_str());
            if file && !known {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Phase 1: what the generator makes of `taxonomy/`, as files from the root. The README's
/// table of tables is spliced into the README as it is.
///
/// # Errors
///
/// Every problem in the data, located; or a README without its markers.
pub fn generated_tables(root: &Path) -> Result<Vec<(String, String)>, String> {
    let (sources, _) =
        error_taxonomy_codegen::load_dir(&root.join("taxonomy")).map_err(|p| p.to_string())?;
    let handwritten = |module: &str| error_taxonomy_codegen::has_handwritten_module(root, module);
    let generated =
        error_taxonomy_codegen::generate(&sources, &handwritten).map_err(|p| p.to_string())?;
    let exports = generated.exports(&crate_version(root)?);
    generated
        .files
        .into_iter()
        .chain(exports)
        .map(|(path, text)| {
            if path == error_taxonomy_codegen::README_TABLES {
                readme_with_tables(root, &text).map(|readme| ("README.md".to_owned(), readme))
            } else {
                Ok((path, text))
            }
        })
        .collect()
}

/// The crate's version, from the `[package]` table of the root's `Cargo.toml`, which the files
/// for other languages carry: the line `version = "…"` of that table, a comment after it
/// allowed.
///
/// # Errors
///
/// A manifest that cannot be read, has no `[package]`, or no version written there (a version
/// inherited from the workspace is not read).
pub fn crate_version(root: &Path) -> Result<String, String> {
    let bytes = files::current(root, "Cargo.toml", README_MAX)?
        .ok_or_else(|| String::from("Cargo.toml is missing"))?;
    let manifest = String::from_utf8_lossy(&bytes);
    let mut lines = manifest.lines().map(str::trim);
    lines
        .find(|line| *line == "[package]")
        .ok_or_else(|| String::from("Cargo.toml has no [package]"))?;
    lines
        .take_while(|line| !line.starts_with('['))
        .find_map(|line| {
            let (key, value) = line.split_once('=')?;
            let value = value.split('#').next()?.trim();
            (key.trim() == "version").then(|| value.trim_matches('"').to_owned())
        })
        .filter(|version| !version.is_empty())
        .ok_or_else(|| String::from("Cargo.toml's [package] has no `version = \"…\"`"))
}

/// The files under `schema/` that the second phase writes, from the compiled crate: JSON Schema
/// of its payload types. The first phase writes the rest of `schema/`.
pub const PAYLOAD_SCHEMAS: [&str; 2] = ["schema/error-taxonomy.schema.json", "schema/openapi.json"];

/// The most bytes of a README that is read.
const README_MAX: usize = 1 << 20;

/// The markers around the README's table of tables.
const README_START: &str = "<!-- tables: generated by `cargo xtask codegen` -->\n";
const README_END: &str = "<!-- /tables -->";

/// The README with its table of tables replaced by `tables`.
fn readme_with_tables(root: &Path, tables: &str) -> Result<String, String> {
    // Read as every target is: no link followed, no more than a README may hold.
    let bytes = files::current(root, "README.md", README_MAX)?
        .ok_or_else(|| String::from("README.md is missing"))?;
    if bytes.len() > README_MAX {
        return Err(format!("README.md is larger than {README_MAX} bytes"));
    }
    let readme = String::from_utf8(bytes).map_err(|_| String::from("README.md is not UTF-8"))?;
    let start = readme
        .find(README_START)
        .map(|at| at + README_START.len())
        .ok_or_else(|| format!("README.md lacks the line {README_START:?}"))?;
    let end = readme[start..]
        .find(README_END)
        .map(|at| start + at)
        .ok_or_else(|| format!("README.md lacks {README_END:?} after its table of tables"))?;
    Ok(format!("{}{tables}{}", &readme[..start], &readme[end..]))
}

/// Phase 1: writes (or checks) the generated tables, the README's block, the published-codes
/// list, and the files for other languages and for people made from the same model. Returns the
/// paths written, or with [`Mode::Check`] nothing.
///
/// # Errors
///
/// As [`generated_tables`] and [`ensure`].
pub fn tables(root: &Path, mode: Mode) -> Result<Vec<String>, String> {
    let generated = generated_tables(root)?;
    ensure(root, &generated, &["src/generated", "schema"], mode)
}
