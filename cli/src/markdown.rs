//! The Markdown table of a table's codes, shared by `list --markdown` and `docs/CATALOG.md`.

use std::fmt::Write as _;

use error_taxonomy::Table;
use error_taxonomy::columns::{Column, Kind};

/// What a table of codes shows beyond the code, its columns and its description.
#[derive(Clone, Copy)]
pub struct Shown {
    /// Leave out the phrase lists, which say how free text is read rather than a fact.
    pub phrases: bool,
    /// Mark a retired code `(retired)`.
    pub retired: bool,
}

/// The header, then one row per code: the code, each column shown, the description.
pub fn codes_table(out: &mut String, table: Table, shown: Shown) {
    let show = |column: &Column| shown.phrases || !matches!(column.kind, Kind::Phrases);
    let mut header = String::from("| code |");
    let mut rule = String::from("|---|");
    for column in table.columns().iter().filter(|c| show(c)) {
        let _ = write!(header, " {} |", column.label);
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header} description |\n{rule}---|");
    for code in table.codes() {
        let retired = if shown.retired && code.deprecation().is_some() {
            " (retired)"
        } else {
            ""
        };
        let _ = write!(out, "| `{}`{retired} |", code.as_str());
        for (_, value) in code.values().filter(|(c, _)| show(c)) {
            let text = value.map_or_else(String::new, |v| v.to_string());
            let _ = write!(out, " {} |", cell(&text));
        }
        let _ = writeln!(out, " {} |", cell(code.description()));
    }
    out.push('\n');
}

/// Text fit for a table cell: its `|` escaped, on one line.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
