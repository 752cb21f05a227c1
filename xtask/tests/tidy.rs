//! Hand-written code stays readable: no function is longer than [`MAX_LINES`] lines, in the
//! crate (but its generated modules), the generator, this tool and the command-line tool.

use std::path::{Path, PathBuf};

/// The most lines of a function, its signature and closing brace included.
const MAX_LINES: usize = 60;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Every `.rs` file below `dir`, but under `src/generated`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.ends_with("src/generated") {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a trimmed line starts a function: `fn`, after any visibility (`pub`, `pub(crate)`,
/// `pub(super)`, `pub(in …)`) and qualifiers (`const`, `async`, `unsafe`, `extern "C"`).
fn is_fn(trimmed: &str) -> bool {
    let mut rest = trimmed;
    if let Some(after) = rest.strip_prefix("pub") {
        rest = match after.strip_prefix('(') {
            Some(inner) => match inner.find(')') {
                Some(close) => &inner[close + 1..],
                None => return false,
            },
            None => after,
        };
        rest = rest.trim_start();
    }
    loop {
        let before = rest;
        for qualifier in ["const ", "async ", "unsafe ", "extern \"C\" "] {
            rest = rest.strip_prefix(qualifier).unwrap_or(rest);
        }
        if rest == before {
            break;
        }
    }
    rest.starts_with("fn ")
}

/// The functions of `text` longer than `MAX_LINES`: each from its `fn` line to the `}` at the
/// same indentation.
fn long_functions(text: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let signature = is_fn(trimmed);
        if signature && !trimmed.ends_with(';') {
            let close = " ".repeat(indent) + "}";
            let end = (at + 1..lines.len())
                .find(|&i| lines[i] == close)
                .unwrap_or(at);
            if end + 1 - at > MAX_LINES {
                long.push((at + 1, end + 1 - at));
            }
            at = end;
        }
        at += 1;
    }
    long
}

#[test]
fn no_function_is_longer_than_sixty_lines() {
    let mut files = Vec::new();
    for dir in [
        "src",
        "codegen/src",
        "xtask/src",
        "xtask/export/src",
        "cli/src",
    ] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 20, "the walk found the sources");
    let mut long = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read");
        for (line, count) in long_functions(&text) {
            long.push(format!("{}:{line}: {count} lines", file.display()));
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_measure_finds_a_long_function() {
    let body = "    let x = 1;\n".repeat(MAX_LINES);
    let text = format!("fn long() {{\n{body}}}\n\nfn short() {{\n}}\n");
    assert_eq!(long_functions(&text), [(1, MAX_LINES + 2)]);
}

#[test]
fn every_kind_of_function_is_measured() {
    for line in [
        "fn a() {",
        "pub fn a() {",
        "pub(crate) fn a() {",
        "pub(super) fn a() {",
        "pub(in crate::x) fn a() {",
        "pub const fn a() {",
        "pub(crate) const unsafe fn a() {",
        "async fn a() {",
        "pub async fn a() {",
        "unsafe fn a() {",
        "extern \"C\" fn a() {",
    ] {
        assert!(is_fn(line), "{line}");
    }
    for line in [
        "fnord()",
        "pub struct F;",
        "// fn a() {",
        "let f = |x| x;",
        "pub(crate) use a;",
    ] {
        assert!(!is_fn(line), "{line}");
    }
}
