//! The words generated for people: each variant's doc comment, the Markdown tables of the crate and
//! module docs and the README, and the code lists.

use std::collections::BTreeSet;

use super::sentence;
use crate::model::{Cell, Column, Row, Table, Taxonomy, Type};

/// A cell as words: a vocabulary value's text, a code in backticks, `yes`/`no`.
fn cell_text(taxonomy: &Taxonomy, column: &Column, cell: &Cell) -> String {
    match (cell, &column.ty) {
        (Cell::Status(n), _) => n.to_string(),
        (Cell::Bool(b), _) => if *b { "yes" } else { "no" }.to_owned(),
        (Cell::Text(text), _) => text.clone(),
        (Cell::Phrases(list), _) => list.join(", "),
        (Cell::Vocab(index, number), Type::Vocab(v)) => {
            let value = &taxonomy.vocabularies[*v].values[*index];
            match (number, &value.text_with_field) {
                (Some(n), Some(with)) => with.replace("{}", &n.to_string()),
                (Some(n), None) => value.text.replace("{}", &n.to_string()),
                (None, _) => value.text.clone(),
            }
        }
        (Cell::Ref(code), _) => format!("`{code}`"),
        _ => String::new(),
    }
}

/// The doc paragraphs of one variant: the code and its meaning, a line of its short facts, a
/// paragraph per text fact, the override note and the deprecation.
pub fn variant_docs(taxonomy: &Taxonomy, table: &Table, row: &Row) -> Vec<String> {
    let mut paragraphs = vec![format!("`{}`: {}", row.code, row.description)];
    let mut facts = Vec::new();
    let mut notes = Vec::new();
    for column in &table.columns {
        let Some(cell) = taxonomy.value_of(table, row, column) else {
            continue;
        };
        let value = cell_text(taxonomy, column, cell);
        match column.ty {
            Type::Text => notes.push(format!("{}: {value}", sentence(&column.label))),
            // Phrase lists are matching data, read through their accessor.
            Type::Phrases => {}
            _ if column.inherit.is_some() && row.cells.contains_key(&column.name) => {
                facts.push(format!("{}: {value} (overridden)", column.label));
            }
            _ => facts.push(format!("{}: {value}", column.label)),
        }
    }
    if !facts.is_empty() {
        paragraphs.push(sentence(&facts.join(" · ")));
    }
    paragraphs.extend(notes);
    if let Some(note) = &row.override_note {
        paragraphs.push(format!("Override: {note}"));
    }
    if let Some(note) = &row.deprecated {
        paragraphs.push(format!("Deprecated: {note}"));
    }
    paragraphs
}

/// The first sentence of a doc text.
fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

/// The table of tables: for the crate docs (`rustdoc`, intra-doc links) or the README.
pub fn tables_md(taxonomy: &Taxonomy, rustdoc: bool) -> String {
    let mut out = String::from("| table | enum | codes | what |\n|---|---|---:|---|\n");
    for table in &taxonomy.tables {
        let path = format!("{}::{}", table.module, table.type_name);
        let link = if rustdoc {
            format!("[`{path}`](crate::{path})")
        } else {
            format!("`{path}`")
        };
        let file = if rustdoc {
            format!("`{}`", table.key)
        } else {
            format!("[`{}`]({})", table.key, table.file)
        };
        out.push_str(&format!(
            "| {file} | {link} | {} | {} |\n",
            table.rows.len(),
            first_sentence(&table.doc).replace('|', "\\|")
        ));
    }
    let total: usize = taxonomy.tables.iter().map(|t| t.rows.len()).sum();
    out.push_str(&format!(
        "\n{} tables, {total} codes, generated from `taxonomy/`.\n",
        taxonomy.tables.len()
    ));
    out
}

/// The doc of one module: the tables its enums come from.
pub fn module_md(taxonomy: &Taxonomy, module: &str) -> String {
    let mut out = String::from("\n\n| enum | codes | table |\n|---|---:|---|\n");
    for table in taxonomy.tables.iter().filter(|t| t.module == module) {
        out.push_str(&format!(
            "| [`{}`] | {} | `{}`, from `{}`: {} |\n",
            table.type_name,
            table.rows.len(),
            table.key,
            table.file,
            first_sentence(&table.doc).replace('|', "\\|")
        ));
    }
    out
}

/// The published-codes list with every current code added: it only grows.
pub fn published(taxonomy: &Taxonomy) -> String {
    let mut lines: BTreeSet<String> = taxonomy
        .published
        .iter()
        .map(|(table, code, _)| format!("{table} {code}"))
        .collect();
    for table in &taxonomy.tables {
        for row in &table.rows {
            lines.insert(format!("{} {}", table.key, row.code));
        }
    }
    let mut out = String::from(
        "# Every code ever published, one `table code` per line. The list only grows: a wire\n\
         # string never changes and is never deleted (retire a code with `deprecated:`). The\n\
         # generator fails when a listed code is gone, and regenerating appends new codes.\n",
    );
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
