//! The Markdown table of a table's codes, for `list --markdown`.

use std::fmt::Write as _;

use error_taxonomy::Table;

/// The header, then one row per code: the code, each column, the description.
pub fn codes_table(out: &mut String, table: Table) {
    let mut header = String::from("| code |");
    let mut rule = String::from("|---|");
    for column in table.columns() {
        let _ = write!(header, " {} |", column.label);
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header} description |\n{rule}---|");
    for code in table.codes() {
        let _ = write!(out, "| `{}` |", code.as_str());
        for (_, value) in code.values() {
            let text = value.map_or_else(String::new, |v| v.to_string());
            let _ = write!(out, " {} |", cell(&text));
        }
        let _ = writeln!(out, " {} |", cell(code.description()));
    }
    out.push('\n');
}

/// Text fit for a table cell: its `|` escaped, on one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
