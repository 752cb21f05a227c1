//! Checks the taxonomy as a whole, once it is read: codes and identifiers, required columns,
//! references between tables, naming rules, lookups, inherited columns and their overrides, and
//! the published codes. Every problem is located; checking goes on after one is found.

use std::collections::{BTreeMap, BTreeSet};

use crate::Problem;
use crate::model::{Cell, Column, Scalar, Table, Taxonomy, Type, is_type_ident};
use crate::read::{MAX_CODE_LEN, is_code_char};
use crate::{PUBLISHED, VOCABULARIES};

/// Method names every generated enum has, which a column accessor must not take.
const RESERVED: [&str; 14] = [
    "as_str",
    "description",
    "parse",
    "parse_ignore_ascii_case",
    "from_bytes",
    "from_bytes_ignore_ascii_case",
    "deprecation",
    "override_note",
    "to_any",
    "value",
    "columns",
    "table",
    "term",
    "facts",
];

struct Report<'a> {
    problems: Vec<Problem>,
    file: &'a str,
}

impl Report<'_> {
    fn at(&mut self, line: usize, entry: Option<&str>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            line: Some(line),
            entry: entry.map(str::to_owned),
            message: message.into(),
        });
    }
}

pub fn check(taxonomy: &Taxonomy) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_vocabularies(taxonomy, &mut problems);
    let mut seen: Vec<&Table> = Vec::new();
    for table in &taxonomy.tables {
        let mut report = Report {
            problems: Vec::new(),
            file: &table.file,
        };
        check_identity(table, &seen, &mut report);
        check_columns(taxonomy, table, &mut report);
        check_rows(taxonomy, table, &mut report);
        problems.append(&mut report.problems);
        seen.push(table);
    }
    check_published(taxonomy, &mut problems);
    problems
}

fn check_vocabularies(taxonomy: &Taxonomy, problems: &mut Vec<Problem>) {
    let mut report = Report {
        problems: Vec::new(),
        file: VOCABULARIES,
    };
    let mut types = BTreeSet::new();
    for vocabulary in &taxonomy.vocabularies {
        if !types.insert(&vocabulary.type_name) {
            report.at(
                vocabulary.line,
                Some(&vocabulary.name),
                "type declared twice",
            );
        }
        if vocabulary.has_prefixes() {
            let defaults = vocabulary.values.iter().filter(|v| v.default).count();
            if defaults != 1 {
                report.at(
                    vocabulary.line,
                    Some(&vocabulary.name),
                    "a vocabulary of prefixes has exactly one `default: true` value, for codes \
                     without a prefix",
                );
            }
            for value in &vocabulary.values {
                if value.prefix.is_none() != value.default {
                    report.at(
                        value.line,
                        Some(&value.value),
                        "each value has a `prefix`, except the default",
                    );
                }
                if value
                    .prefix
                    .as_ref()
                    .is_some_and(|p| !p.bytes().all(is_code_char))
                {
                    report.at(
                        value.line,
                        Some(&value.value),
                        "a prefix is made of code characters",
                    );
                }
            }
        } else if vocabulary.values.iter().any(|v| v.default) {
            report.at(
                vocabulary.line,
                Some(&vocabulary.name),
                "`default` goes with prefixes",
            );
        }
    }
    let vocab_types: BTreeSet<&str> = taxonomy
        .vocabularies
        .iter()
        .map(|v| v.type_name.as_str())
        .collect();
    for table in &taxonomy.tables {
        if vocab_types.contains(table.type_name.as_str()) {
            report.at(
                table.key_line,
                None,
                format!(
                    "{}: type `{}` is a vocabulary's",
                    table.file, table.type_name
                ),
            );
        }
    }
    problems.append(&mut report.problems);
}

fn check_identity(table: &Table, seen: &[&Table], report: &mut Report<'_>) {
    let line = table.key_line;
    if let Some(other) = seen.iter().find(|t| t.key == table.key) {
        report.at(
            line,
            None,
            format!("table `{}` is already defined by {}", table.key, other.file),
        );
    } else if let Some(other) = seen
        .iter()
        .find(|t| t.module == table.module && t.type_name == table.type_name)
    {
        report.at(
            line,
            None,
            format!(
                "type `{}::{}` is already defined by {}",
                table.module, table.type_name, other.file
            ),
        );
    } else if let Some(other) = seen.iter().find(|t| t.tag() == table.tag()) {
        report.at(
            line,
            None,
            format!(
                "`Table::{}` would also name the table of {}; rename a type",
                table.tag(),
                other.file
            ),
        );
    }
    if table.rows.len() > 256 {
        report.at(
            line,
            None,
            "more than 256 codes do not fit the one-byte enum",
        );
    }
    let lower = table
        .rows
        .iter()
        .any(|r| r.code.bytes().any(|b| b.is_ascii_lowercase()));
    if lower && table.uppercase {
        report.at(
            line,
            None,
            "codes mix upper and lower case; a table's codes share one case",
        );
    }
}

fn check_columns(taxonomy: &Taxonomy, table: &Table, report: &mut Report<'_>) {
    let mut accessors = BTreeMap::new();
    for column in &table.columns {
        let entry = Some(column.name.as_str());
        if RESERVED.contains(&column.accessor.as_str()) || column.accessor.starts_with("from_") {
            report.at(
                column.line,
                entry,
                format!(
                    "accessor `{}` is a name every code enum has; set `accessor:`",
                    column.accessor
                ),
            );
        }
        if let Some(other) = accessors.insert(column.accessor.clone(), &column.name) {
            report.at(
                column.line,
                entry,
                format!("accessor `{}` is also column {other}'s", column.accessor),
            );
        }
        if let Type::Table(key) = &column.ty {
            // A table whose own name is malformed was reported; its references would only echo it.
            let malformed = taxonomy.tables.iter().any(|t| !t.key.contains('.'));
            match taxonomy.tables.iter().find(|t| &t.key == key) {
                None if malformed => {}
                None => report.at(
                    column.line,
                    entry,
                    format!(
                        "column `{}` refers to table `{key}`, which no file defines",
                        column.name
                    ),
                ),
                Some(target) => {
                    for (name, _) in &column.where_ {
                        if target.column(name).is_none() {
                            report.at(
                                column.line,
                                entry,
                                format!("`where`: `{key}` has no column `{name}`"),
                            );
                        }
                    }
                }
            }
        } else if !column.where_.is_empty() {
            report.at(
                column.line,
                entry,
                "`where` goes with a column of another table's codes",
            );
        }
        if column.lookup && !matches!(column.ty, Type::Text | Type::Status) {
            report.at(
                column.line,
                entry,
                "`lookup` goes with a text or status column",
            );
        }
        if column.lookup && column.optional {
            report.at(column.line, entry, "a `lookup` column cannot be optional");
        }
        if let Some((other, value)) = &column.true_exactly_when {
            let ok = table.broken.contains(other)
                || column.ty == Type::Bool
                    && table.column(other).is_some_and(|o| match o.ty {
                        Type::Vocab(v) => taxonomy.vocabularies[v].find(value).is_some(),
                        _ => false,
                    });
            if !ok {
                report.at(
                    column.line,
                    entry,
                    format!("`true_exactly_when` names a bool column and a value of another column's vocabulary (`{other}: {value}`)"),
                );
            }
        }
        if let Some(through) = &column.inherit {
            check_inherit(taxonomy, table, column, through, report);
        }
    }
    if let Some((name, line)) = &table.code_is {
        if !table
            .column(name)
            .is_some_and(|c| c.ty == Type::Status && !c.optional)
        {
            report.at(
                *line,
                None,
                format!("`code_is: {name}` names no required status column"),
            );
        }
    }
}

fn check_inherit(
    taxonomy: &Taxonomy,
    table: &Table,
    column: &Column,
    through: &str,
    report: &mut Report<'_>,
) {
    let entry = Some(column.name.as_str());
    if let Some(Type::Table(key)) = table.column(through).map(|c| &c.ty) {
        if !taxonomy.tables.iter().any(|t| &t.key == key) {
            return; // the missing table is reported with the reference column
        }
    }
    let target = table.column(through).and_then(|c| match &c.ty {
        Type::Table(key) if !c.optional => taxonomy.tables.iter().find(|t| &t.key == key),
        _ => None,
    });
    let Some(target) = target else {
        report.at(
            column.line,
            entry,
            format!("`inherit: {through}` names no required column of another table's codes"),
        );
        return;
    };
    match target.column(&column.name) {
        Some(source) if source.ty == column.ty && !source.optional => {}
        _ => report.at(
            column.line,
            entry,
            format!(
                "`inherit`: `{}` has no required column `{}` of the same type",
                target.key, column.name
            ),
        ),
    }
    if !column.optional {
        report.at(
            column.line,
            entry,
            "an inherited column is `optional`: rows override it",
        );
    }
}

fn check_rows(taxonomy: &Taxonomy, table: &Table, report: &mut Report<'_>) {
    let mut seen_codes = BTreeSet::new();
    let mut seen_idents: BTreeMap<&str, &str> = BTreeMap::new();
    let mut lookups: BTreeMap<(&str, String), &str> = BTreeMap::new();
    let mut phrases: BTreeMap<&str, &str> = BTreeMap::new();
    for (row, ident) in table.rows.iter().zip(&table.idents) {
        let entry = if row.code.is_empty() {
            "#?"
        } else {
            row.code.as_str()
        };
        let mut code_ok = false;
        if row.code.is_empty() {
            report.at(row.line, Some(entry), "empty code");
        } else if !row.code.bytes().all(is_code_char) {
            report.at(
                row.line,
                Some(entry),
                "a code holds only ASCII letters, digits and `_`",
            );
        } else if row.code.len() > MAX_CODE_LEN {
            report.at(
                row.line,
                Some(entry),
                format!("code longer than {MAX_CODE_LEN} bytes"),
            );
        } else if !seen_codes.insert(row.code.as_str()) {
            report.at(row.line, Some(entry), "duplicate code");
        } else {
            code_ok = true;
        }
        // A bad or repeated code was reported above; its identifier would only repeat that.
        if code_ok || row.rust_name.is_some() {
            if !is_type_ident(ident) {
                report.at(
                    row.line,
                    Some(entry),
                    format!(
                        "`{ident}` is not an UpperCamelCase identifier; set `rust_name:` to one"
                    ),
                );
            } else if let Some(other) = seen_idents.insert(ident, &row.code) {
                report.at(
                    row.line,
                    Some(entry),
                    format!("identifier `{ident}` collides with entry {other}; set `rust_name:`"),
                );
            }
        }
        if let Some((name, _)) = &table.code_is {
            if let Some(Cell::Status(status)) = row.cells.get(name) {
                if row.code != status.to_string() {
                    report.at(
                        row.line,
                        Some(entry),
                        format!("code {} is not its {name} {status}", row.code),
                    );
                }
            }
        }
        let mut overrides = Vec::new();
        for column in &table.columns {
            let line = row
                .cell_lines
                .get(&column.name)
                .copied()
                .unwrap_or(row.line);
            let Some(cell) = row.cells.get(&column.name) else {
                if !column.optional
                    && column.inherit.is_none()
                    && !row.unreadable.contains(&column.name)
                {
                    report.at(
                        row.line,
                        Some(entry),
                        format!("missing `{}` (a column of this table)", column.name),
                    );
                }
                continue;
            };
            if column.lookup {
                let key = (column.name.as_str(), format!("{cell:?}"));
                if let Some(other) = lookups.insert(key, entry) {
                    report.at(
                        line,
                        Some(entry),
                        format!(
                            "`{}` is also entry {other}'s; a lookup column's values are unique",
                            column.name
                        ),
                    );
                }
            }
            check_cell(
                taxonomy,
                table,
                column,
                row,
                cell,
                line,
                report,
                &mut phrases,
            );
            if let Some(through) = &column.inherit {
                overrides.push(column.name.as_str());
                if inherited(taxonomy, table, row, through, &column.name).as_ref() == Some(cell) {
                    report.at(
                        line,
                        Some(entry),
                        format!(
                            "`{}` repeats the value it inherits through `{through}`; leave it out",
                            column.name
                        ),
                    );
                }
            }
        }
        match (&row.override_note, overrides.is_empty()) {
            (None, false) => report.at(
                row.line,
                Some(entry),
                format!(
                    "overrides `{}` without an `override:` note saying why",
                    overrides.join("`, `")
                ),
            ),
            (Some(_), true) if table.has_inheritance() => {
                report.at(
                    row.line,
                    Some(entry),
                    "`override:` note, but no inherited column is overridden",
                );
            }
            (Some(_), true) => report.at(
                row.line,
                Some(entry),
                "`override:` goes with a table that inherits columns",
            ),
            _ => {}
        }
    }
}

/// The value `row` would inherit for `column` through its reference column `through`.
fn inherited(
    taxonomy: &Taxonomy,
    table: &Table,
    row: &crate::model::Row,
    through: &str,
    column: &str,
) -> Option<Cell> {
    let Some(Cell::Ref(code)) = row.cells.get(through) else {
        return None;
    };
    let Type::Table(key) = &table.column(through)?.ty else {
        return None;
    };
    let target = taxonomy.tables.iter().find(|t| &t.key == key)?;
    let index = target.row(code)?;
    target.rows[index].cells.get(column).cloned()
}

#[allow(clippy::too_many_arguments)]
fn check_cell<'t>(
    taxonomy: &'t Taxonomy,
    table: &Table,
    column: &Column,
    row: &'t crate::model::Row,
    cell: &'t Cell,
    line: usize,
    report: &mut Report<'_>,
    phrases: &mut BTreeMap<&'t str, &'t str>,
) {
    let entry = Some(row.code.as_str());
    match (cell, &column.ty) {
        (Cell::Vocab(index, _), Type::Vocab(v)) => {
            let vocabulary = &taxonomy.vocabularies[*v];
            if vocabulary.has_prefixes() {
                let by_prefix = vocabulary
                    .values
                    .iter()
                    .find(|value| {
                        value
                            .prefix
                            .as_ref()
                            .is_some_and(|p| row.code.starts_with(p.as_str()))
                    })
                    .or_else(|| vocabulary.values.iter().find(|value| value.default));
                let value = &vocabulary.values[*index];
                if let Some(expected) = by_prefix.filter(|e| e.value != value.value) {
                    report.at(
                        line,
                        entry,
                        format!(
                            "{} `{}` disagrees with the code's prefix, which says `{}`",
                            column.name, value.value, expected.value
                        ),
                    );
                }
            }
        }
        (Cell::Ref(code), Type::Table(key)) => {
            let Some(target) = taxonomy.tables.iter().find(|t| &t.key == key) else {
                return;
            };
            match target.row(code) {
                None => report.at(
                    line,
                    entry,
                    format!("`{}: {code}` names no code of {key}", column.name),
                ),
                Some(index) => {
                    for (name, expected) in &column.where_ {
                        let actual = target.rows[index].cells.get(name);
                        let holds = match (actual, expected) {
                            (Some(Cell::Bool(b)), Scalar::Bool(e)) => b == e,
                            (Some(Cell::Text(t)), Scalar::Text(e)) => t == e,
                            (Some(Cell::Vocab(i, _)), Scalar::Text(e)) => {
                                match target.column(name).map(|c| &c.ty) {
                                    Some(Type::Vocab(v)) => {
                                        taxonomy.vocabularies[*v].values[*i].value == *e
                                    }
                                    _ => false,
                                }
                            }
                            _ => false,
                        };
                        if !holds {
                            report.at(line, entry, format!("`{}: {code}`: {key} `{code}` does not have `{name}: {expected}`", column.name));
                        }
                    }
                }
            }
        }
        (Cell::Bool(value), Type::Bool) => {
            if let Some((other, wanted)) = &column.true_exactly_when {
                let Some(other_column) = table.column(other) else {
                    return;
                };
                let Type::Vocab(v) = other_column.ty else {
                    return;
                };
                let is = matches!(row.cells.get(other), Some(Cell::Vocab(i, _)) if taxonomy.vocabularies[v].values[*i].value == *wanted);
                if *value != is {
                    report.at(
                        line,
                        entry,
                        format!(
                            "`{}: true` goes with `{other}: {wanted}`, and only with it",
                            column.name
                        ),
                    );
                }
            }
        }
        (Cell::Phrases(list), Type::Phrases) => {
            for phrase in list {
                if phrase.trim().is_empty() || phrase.trim() != phrase {
                    report.at(
                        line,
                        entry,
                        format!("phrase {phrase:?} is empty or has surrounding spaces"),
                    );
                } else if !phrase.is_ascii() || phrase.to_ascii_lowercase() != *phrase {
                    report.at(
                        line,
                        entry,
                        format!("phrase {phrase:?} must be lower-case ASCII"),
                    );
                } else if let Some(other) = phrases.insert(phrase, &row.code) {
                    report.at(
                        line,
                        entry,
                        format!("phrase {phrase:?} is also a phrase of entry {other}"),
                    );
                }
            }
        }
        _ => {}
    }
}

fn check_published(taxonomy: &Taxonomy, problems: &mut Vec<Problem>) {
    for (table, code, line) in &taxonomy.published {
        let found = taxonomy
            .tables
            .iter()
            .find(|t| &t.key == table)
            .is_some_and(|t| t.row(code).is_some());
        if !found {
            problems.push(Problem {
                file: PUBLISHED.into(),
                line: Some(*line),
                entry: Some(code.clone()),
                message: format!(
                    "published code `{code}` of `{table}` is gone: a wire string never changes and \
                     is never deleted; restore it and retire it with `deprecated:`"
                ),
            });
        }
    }
}
