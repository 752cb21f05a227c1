//! The generator behind `error-taxonomy`: reads the YAML under `taxonomy/`, checks it as a whole
//! and emits, from one model of it, the Rust (formatted) and Markdown that the crate includes,
//! and the files for other languages and for people ([`Generated::exports`]: the codes
//! catalogue and its schema, the TypeScript and Python bindings, the catalogue page).
//!
//! The repository's one command, [`COMMAND`], calls [`load_dir`] and [`generate`] and writes what
//! they make: the Rust under `src/generated/`, where the crate takes it as plain modules (the
//! crate has no build script, and this generator is never part of a dependent's build), the
//! rest under `schema/`, `bindings/` and `docs/`. Every data problem is
//! collected with its file, line and entry, and reported at once as [`Problems`]; nothing here
//! panics on bad data.
//!
//! The generator knows no table, no vendor and no vocabulary: `taxonomy/taxonomy.yaml` declares the
//! vocabularies and the shared facts, and each table's file declares its columns and rules.

mod check;
mod emit;
mod export;
mod learn;
/// The features the crate's learnt weights read, the same file, so that the weights are learnt
/// from the features the crate finds (its scoring is unused here).
#[path = "../../src/learned.rs"]
#[allow(dead_code)]
mod learned;
mod lexicon;
mod model;
mod read;
/// The stemmer the crate's scan uses, the same file, so that both sides stem alike (the limits
/// the scan needs are unused here).
#[path = "../../src/stem.rs"]
#[allow(dead_code)]
mod stem;

use std::fmt;
use std::path::{Path, PathBuf};

/// One input file's text and the path it is reported under (e.g. `taxonomy/recall/sub_codes.yaml`).
#[derive(Debug, Clone)]
pub struct Source {
    /// The path, relative to the crate root, with `/` separators.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// One problem in the data, located by file, line and, where it has one, entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, e.g. `taxonomy/hiring/error_codes.yaml`.
    pub file: String,
    /// The line, from 1, where the file has one for the problem.
    pub line: Option<usize>,
    /// The code of the row, or another name of the thing at fault.
    pub entry: Option<String>,
    /// What is wrong, and what is expected.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(entry) = &self.entry {
            write!(f, ": entry {entry}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found, in file and row order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} problem(s) in the taxonomy data:", self.0.len())?;
        for problem in &self.0 {
            writeln!(f, "  {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// The generated files: `(path, contents)`, in a fixed order, each path from the repository's
/// root; [`README_TABLES`] names a block inside a file.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Rust modules (formatted), Markdown fragments and the published-codes list.
    pub files: Vec<(String, String)>,
    /// The model they were made from, for [`Generated::exports`].
    taxonomy: std::sync::Arc<model::Taxonomy>,
    /// The rule data of every table, for [`Generated::exports`].
    rules: std::sync::Arc<serde_json::Value>,
}

impl Generated {
    /// The files made from the same model for other languages and for people, which carry the
    /// crate's `version`: `schema/codes.json` and its schema, the TypeScript and Python bindings,
    /// the rule data (`schema/rules.json`, and the same data in each binding) and
    /// `docs/CATALOG.md`.
    #[must_use]
    pub fn exports(&self, version: &str) -> Vec<(String, String)> {
        export::files(&self.taxonomy, &self.rules, version)
    }
}

/// The file under `taxonomy/` that lists every code ever published, one `table code` per line.
pub const PUBLISHED: &str = "taxonomy/published-codes.txt";

/// Where the README's table of tables goes: the block of `README.md` between the markers
/// `<!-- tables -->` and `<!-- /tables -->`.
pub const README_TABLES: &str = "README.md#tables";

/// Where the labelled reasons that `free_text.learned` learns from are, from the repository's
/// root: every `v1_reasons*.tsv` below it (`code<TAB>reason`, or `none<TAB>reason`), except in a
/// directory whose name starts with `measure`. A measure set is measured and never learnt from.
pub const LABELLED: &str = "tests/data/corpus";

/// The file under `taxonomy/` that holds the vocabularies and the shared facts.
pub const VOCABULARIES: &str = "taxonomy/taxonomy.yaml";

/// The command string, written once: [`COMMAND`] and [`HEADER`] both spell it.
macro_rules! command {
    () => {
        "cargo xtask codegen"
    };
}

/// The one command that writes every generated file of the repository from `taxonomy/`; with
/// `--check` it writes nothing and fails on a stale file.
pub const COMMAND: &str = command!();

/// The header every generated Rust file starts with.
pub const HEADER: &str = concat!(
    "// @generated by `",
    command!(),
    "` from taxonomy/**/*.yaml. Do not edit:\n",
    "// edit the YAML, then run `",
    command!(),
    "`.\n"
);

/// Reads every `*.yaml` file below `root` (the crate's `taxonomy/`), in path order, and the
/// published-codes list beside them. Paths are reported relative to `root`'s parent, with `/`
/// separators, so that messages and output do not depend on where the checkout lives.
///
/// # Errors
///
/// [`Problems`] when a file cannot be read, or when there is no table at all.
pub fn load_dir(root: &Path) -> Result<(Vec<Source>, Vec<PathBuf>), Problems> {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    collect(root, &mut paths, &mut problems);
    paths.sort();
    // The list of every published code must be there: read as empty, it would guard nothing.
    let published = root.join(PUBLISHED.trim_start_matches("taxonomy/"));
    if published.is_file() {
        paths.push(published);
    } else {
        problems.push(problem(
            PUBLISHED,
            "the list of published codes is missing: restore it from version control (a new \
             repository starts with an empty file)"
                .into(),
        ));
    }
    let base = root.parent().unwrap_or(root);
    let labelled = base.join(LABELLED);
    if labelled.is_dir() {
        match labelled_files(&labelled, "v1_reasons") {
            Ok(reasons) => paths.extend(reasons),
            Err(found) => problems.extend(found.0),
        }
    }
    let mut sources = Vec::with_capacity(paths.len());
    for path in &paths {
        let shown = path
            .strip_prefix(base)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match std::fs::read_to_string(path) {
            Ok(text) => sources.push(Source { path: shown, text }),
            Err(e) => problems.push(problem(&shown, format!("cannot read: {e}"))),
        }
    }
    if !sources.iter().any(|s| s.path.ends_with(".yaml")) && problems.is_empty() {
        problems.push(problem(
            &root.display().to_string(),
            "no *.yaml table found".into(),
        ));
    }
    if problems.is_empty() {
        Ok((sources, paths))
    } else {
        Err(Problems(problems))
    }
}

fn problem(file: &str, message: String) -> Problem {
    Problem {
        file: file.to_owned(),
        line: None,
        entry: None,
        message,
    }
}

/// The labelled files below `dir` (the repository's [`LABELLED`]) whose names start with
/// `prefix` and end in `.tsv`, in path order: the measure sets left out (any directory or file
/// whose name holds `measure`, in any case), which are measured and nothing else, never learnt
/// from nor made conformance cases of.
///
/// # Errors
///
/// [`Problems`] when a directory cannot be listed.
pub fn labelled_files(dir: &Path, prefix: &str) -> Result<Vec<PathBuf>, Problems> {
    let measured = |name: &str| name.to_ascii_lowercase().contains("measure");
    let file = |name: &str| name.starts_with(prefix) && name.ends_with(".tsv") && !measured(name);
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    walk(
        dir,
        &|name| !measured(name),
        &file,
        &mut files,
        &mut problems,
    );
    files.sort();
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(Problems(problems))
    }
}

/// The `*.yaml` files below `dir`.
fn collect(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    walk(
        dir,
        &|_| true,
        &|name| name.ends_with(".yaml"),
        out,
        problems,
    );
}

/// The files below `dir` whose names `file` keeps, in the directories whose names `enter` keeps.
/// A symbolic link is followed to nothing.
fn walk(
    dir: &Path,
    enter: &dyn Fn(&str) -> bool,
    file: &dyn Fn(&str) -> bool,
    out: &mut Vec<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let message = format!("cannot list: {e}");
            problems.push(problem(&dir.display().to_string(), message));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if enter(&name) {
                walk(&path, enter, file, out, problems);
            }
        } else if kind.is_file() && file(&name) {
            out.push(path);
        }
    }
}

/// Parses and checks every source, then emits the Rust and Markdown. Fails with every problem
/// found. `handwritten` says which modules have a hand-written part
/// ([`has_handwritten_module`]).
///
/// `sources` are the files [`load_dir`] reads: `taxonomy/taxonomy.yaml`, one file per table, and
/// optionally `taxonomy/published-codes.txt`, whose codes must all still exist. The output holds
/// `published-codes.txt` too: the list with every current code added, which only grows.
///
/// ```
/// use error_taxonomy_codegen::{Source, generate};
///
/// let vocabularies = "\
/// vocabularies:
///   - name: retry
///     type: RetryClass
///     doc: How to retry.
///     values:
///       - {value: never, text: never, doc: Do not.}
///       - {value: backoff, text: with backoff, doc: With backoff.}
/// facts:
///   - {name: retry, type: retry, doc: How to retry after this code.}
/// ";
/// let table = "\
/// table: meetbot.failure_code
/// type: FailureCode
/// doc: Why a job failed.
/// columns: [retry]
/// codes:
///   - code: internal_error
///     retry: sometimes
///     description: Something broke.
/// ";
/// let sources = [
///     Source { path: "taxonomy/taxonomy.yaml".into(), text: vocabularies.into() },
///     Source { path: "taxonomy/meetbot/failure_codes.yaml".into(), text: table.into() },
/// ];
/// let problems = generate(&sources, &|_| false).expect_err("a bad retry class");
/// assert_eq!(
///     problems.to_string(),
///     "1 problem(s) in the taxonomy data:\n  taxonomy/meetbot/failure_codes.yaml:7: entry \
///      internal_error: `retry: sometimes` is not a retry value; the values are: never, backoff\n"
/// );
/// ```
///
/// # Errors
///
/// [`Problems`]: every problem in the data, located.
pub fn generate(
    sources: &[Source],
    handwritten: &dyn Fn(&str) -> bool,
) -> Result<Generated, Problems> {
    let (taxonomy, mut problems) = read::read(sources);
    let Some(taxonomy) = taxonomy else {
        return Err(Problems(problems));
    };
    problems.extend(check::check(&taxonomy));
    let labelled: Vec<&Source> = sources
        .iter()
        .filter(|s| s.path.starts_with(LABELLED) && s.path.ends_with(".tsv"))
        .collect();
    let lexicons = lexicon::compile(&taxonomy, &labelled, &mut problems);
    if problems.is_empty() {
        Ok(Generated {
            files: emit::emit(&taxonomy, &lexicons, handwritten),
            rules: std::sync::Arc::new(lexicon::data(&taxonomy, &lexicons)),
            taxonomy: std::sync::Arc::new(taxonomy),
        })
    } else {
        Err(Problems(problems))
    }
}

/// Whether the crate at `root` has a hand-written part of `module`: a `src/<module>.rs` or a
/// `src/<module>/mod.rs`, which re-exports its generated enums itself. Every other module of the
/// taxonomy is re-exported at the crate root by the generated `src/generated/mod.rs`.
#[must_use]
pub fn has_handwritten_module(root: &Path, module: &str) -> bool {
    let src = root.join("src");
    src.join(format!("{module}.rs")).is_file() || src.join(module).join("mod.rs").is_file()
}
