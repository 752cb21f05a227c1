//! Checks the taxonomy as a whole, once it is read: codes and identifiers, required columns,
//! references between tables, naming rules, lookups, inherited columns and their overrides, and
//! the published codes. Every problem is located; checking goes on after one is found.

use std::collections::{BTreeMap, BTreeSet};

use crate::Problem;
use crate::model::{Cell, Column, Row, Scalar, Table, Taxonomy, Type, Vocabulary, is_type_ident};
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

/// The problems of one file.
struct Report<'a> {
    problems: Vec<Problem>,
    file: &'a str,
}

impl<'a> Report<'a> {
    fn new(file: &'a str) -> Self {
        Report {
            problems: Vec::new(),
            file,
        }
    }

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
    let mut report = Report::new(VOCABULARIES);
    check_vocabularies(taxonomy, &mut report);
    let mut problems = report.problems;
    for (index, table) in taxonomy.tables.iter().enumerate() {
        let mut report = Report::new(&table.file);
        check_identity(table, &taxonomy.tables[..index], &mut report);
        if taxonomy
            .vocabularies
            .iter()
            .any(|v| v.type_name == table.type_name)
        {
            let message = format!("type `{}` is a vocabulary's", table.type_name);
            report.at(table.key_line, None, message);
        }
        for column in &table.columns {
            check_column(taxonomy, table, column, &mut report);
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
        check_rows(taxonomy, table, &mut report);
        problems.append(&mut report.problems);
    }
    check_published(taxonomy, &mut problems);
    problems
}

fn check_vocabularies(taxonomy: &Taxonomy, report: &mut Report<'_>) {
    let mut types = BTreeSet::new();
    for vocabulary in &taxonomy.vocabularies {
        if !types.insert(&vocabulary.type_name) {
            report.at(
                vocabulary.line,
                Some(&vocabulary.name),
                "type declared twice",
            );
        }
        check_prefixes(vocabulary, report);
    }
}

/// A vocabulary of prefixes is a naming rule: every value has a prefix but the one default.
fn check_prefixes(vocabulary: &Vocabulary, report: &mut Report<'_>) {
    if !vocabulary.has_prefixes() {
        if vocabulary.values.iter().any(|v| v.default) {
            report.at(
                vocabulary.line,
                Some(&vocabulary.name),
                "`default` goes with prefixes",
            );
        }
        return;
    }
    if vocabulary.values.iter().filter(|v| v.default).count() != 1 {
        let message = "a vocabulary of prefixes has exactly one `default: true` value, for codes \
                       without a prefix";
        report.at(vocabulary.line, Some(&vocabulary.name), message);
    }
    for value in &vocabulary.values {
        let entry = Some(value.value.as_str());
        if value.prefix.is_none() != value.default {
            report.at(
                value.line,
                entry,
                "each value has a `prefix`, except the default",
            );
        }
        if value
            .prefix
            .as_ref()
            .is_some_and(|p| !p.bytes().all(is_code_char))
        {
            report.at(value.line, entry, "a prefix is made of code characters");
        }
    }
}

fn check_identity(table: &Table, before: &[Table], report: &mut Report<'_>) {
    let line = table.key_line;
    let same_type = |t: &&Table| t.module == table.module && t.type_name == table.type_name;
    if let Some(other) = before.iter().find(|t| t.key == table.key) {
        let message = format!("table `{}` is already defined by {}", table.key, other.file);
        report.at(line, None, message);
    } else if let Some(other) = before.iter().find(same_type) {
        let message = format!(
            "type `{}::{}` is already defined by {}",
            table.module, table.type_name, other.file
        );
        report.at(line, None, message);
    } else if let Some(other) = before.iter().find(|t| t.tag() == table.tag()) {
        let message = format!(
            "`Table::{}` would also name the table of {}; rename a type",
            table.tag(),
            other.file
        );
        report.at(line, None, message);
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

fn check_column(taxonomy: &Taxonomy, table: &Table, column: &Column, report: &mut Report<'_>) {
    let entry = Some(column.name.as_str());
    let reserved =
        RESERVED.contains(&column.accessor.as_str()) || column.accessor.starts_with("from_");
    if reserved {
        let message = format!(
            "accessor `{}` is a name every code enum has; set `accessor:`",
            column.accessor
        );
        report.at(column.line, entry, message);
    }
    if let Some(other) = table
        .columns
        .iter()
        .take_while(|c| c.name != column.name)
        .find(|c| c.accessor == column.accessor)
    {
        let message = format!(
            "accessor `{}` is also column {}'s",
            column.accessor, other.name
        );
        report.at(column.line, entry, message);
    }
    match &column.ty {
        Type::Table(key) => check_reference_column(taxonomy, column, key, report),
        _ if !column.where_.is_empty() => {
            report.at(
                column.line,
                entry,
                "`where` goes with a column of another table's codes",
            );
        }
        _ => {}
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
        check_true_exactly_when(taxonomy, table, column, other, value, report);
    }
    if let Some(through) = &column.inherit {
        check_inherit(taxonomy, table, column, through, report);
    }
}

fn check_reference_column(
    taxonomy: &Taxonomy,
    column: &Column,
    key: &str,
    report: &mut Report<'_>,
) {
    let entry = Some(column.name.as_str());
    match taxonomy.table(key) {
        // A table whose own name is malformed was reported; its references would only echo it.
        None if taxonomy.tables.iter().any(|t| !t.key.contains('.')) => {}
        None => {
            let message = format!(
                "column `{}` refers to table `{key}`, which no file defines",
                column.name
            );
            report.at(column.line, entry, message);
        }
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
}

fn check_true_exactly_when(
    taxonomy: &Taxonomy,
    table: &Table,
    column: &Column,
    other: &str,
    value: &str,
    report: &mut Report<'_>,
) {
    let names_a_value = |o: &Column| match o.ty {
        Type::Vocab(v) => taxonomy.vocabularies[v].find(value).is_some(),
        _ => false,
    };
    let ok = table.broken.iter().any(|b| b == other)
        || (column.ty == Type::Bool && table.column(other).is_some_and(names_a_value));
    if !ok {
        let message = format!(
            "`true_exactly_when` names a bool column and a value of another column's vocabulary \
             (`{other}: {value}`)"
        );
        report.at(column.line, Some(&column.name), message);
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
    let through_column = table.column(through);
    if let Some(Type::Table(key)) = through_column.map(|c| &c.ty) {
        if !taxonomy.tables.iter().any(|t| &t.key == key) {
            return; // the missing table is reported with the reference column
        }
    }
    let target = through_column.and_then(|c| match &c.ty {
        Type::Table(key) if !c.optional => taxonomy.table(key),
        _ => None,
    });
    let Some(target) = target else {
        let message =
            format!("`inherit: {through}` names no required column of another table's codes");
        report.at(column.line, entry, message);
        return;
    };
    if !target
        .column(&column.name)
        .is_some_and(|source| source.ty == column.ty && !source.optional)
    {
        let message = format!(
            "`inherit`: `{}` has no required column `{}` of the same type",
            target.key, column.name
        );
        report.at(column.line, entry, message);
    }
    if !column.optional {
        report.at(
            column.line,
            entry,
            "an inherited column is `optional`: rows override it",
        );
    }
}

/// What the rows of one table have seen so far, for the checks across rows.
#[derive(Default)]
struct Seen<'t> {
    codes: BTreeSet<&'t str>,
    idents: BTreeMap<&'t str, &'t str>,
    lookups: BTreeMap<(&'t str, String), &'t str>,
    phrases: BTreeMap<&'t str, &'t str>,
}

fn check_rows(taxonomy: &Taxonomy, table: &Table, report: &mut Report<'_>) {
    let mut seen = Seen::default();
    for (row, ident) in table.rows.iter().zip(&table.idents) {
        let code_ok = check_code(row, &mut seen, report);
        // A bad or repeated code was reported above; its identifier would only repeat that.
        if code_ok || row.rust_name.is_some() {
            check_ident(row, ident, &mut seen, report);
        }
        if let Some((name, _)) = &table.code_is {
            if let Some(Cell::Status(status)) = row.cells.get(name) {
                if row.code != status.to_string() {
                    let message = format!("code {} is not its {name} {status}", row.code);
                    report.at(row.line, Some(&row.code), message);
                }
            }
        }
        for column in &table.columns {
            check_row_column(taxonomy, table, row, column, &mut seen, report);
        }
        check_override_note(table, row, report);
    }
}

/// The row's code is well-formed and new; whether it is.
fn check_code<'t>(row: &'t Row, seen: &mut Seen<'t>, report: &mut Report<'_>) -> bool {
    let entry = if row.code.is_empty() {
        "#?"
    } else {
        row.code.as_str()
    };
    let problem = if row.code.is_empty() {
        "empty code".to_owned()
    } else if !row.code.bytes().all(is_code_char) {
        "a code holds only ASCII letters, digits and `_`".to_owned()
    } else if row.code.len() > MAX_CODE_LEN {
        format!("code longer than {MAX_CODE_LEN} bytes")
    } else if !seen.codes.insert(&row.code) {
        "duplicate code".to_owned()
    } else {
        return true;
    };
    report.at(row.line, Some(entry), problem);
    false
}

fn check_ident<'t>(row: &'t Row, ident: &'t str, seen: &mut Seen<'t>, report: &mut Report<'_>) {
    let entry = Some(row.code.as_str());
    if !is_type_ident(ident) {
        let message =
            format!("`{ident}` is not an UpperCamelCase identifier; set `rust_name:` to one");
        report.at(row.line, entry, message);
    } else if let Some(other) = seen.idents.insert(ident, &row.code) {
        let message = format!("identifier `{ident}` collides with entry {other}; set `rust_name:`");
        report.at(row.line, entry, message);
    }
}

fn check_row_column<'t>(
    taxonomy: &'t Taxonomy,
    table: &Table,
    row: &'t Row,
    column: &'t Column,
    seen: &mut Seen<'t>,
    report: &mut Report<'_>,
) {
    let entry = Some(row.code.as_str());
    let line = row
        .cell_lines
        .get(&column.name)
        .copied()
        .unwrap_or(row.line);
    let Some(cell) = row.cells.get(&column.name) else {
        let required = !column.optional && column.inherit.is_none();
        if required && !row.unreadable.contains(&column.name) {
            let message = format!("missing `{}` (a column of this table)", column.name);
            report.at(row.line, entry, message);
        }
        return;
    };
    if column.lookup {
        check_lookup(row, column, cell, line, seen, report);
    }
    match (cell, &column.ty) {
        (Cell::Vocab(index, _), Type::Vocab(v)) => {
            check_prefix_rule(
                &taxonomy.vocabularies[*v],
                column,
                row,
                *index,
                line,
                report,
            );
        }
        (Cell::Ref(code), Type::Table(key)) => {
            check_reference(taxonomy, column, row, code, key, line, report)
        }
        (Cell::Bool(value), Type::Bool) => {
            check_bool_rule(taxonomy, table, column, row, *value, line, report)
        }
        (Cell::Phrases(list), Type::Phrases) => check_phrases(row, list, line, seen, report),
        _ => {}
    }
    if let Some(through) = &column.inherit {
        if taxonomy.inherited(table, row, through, &column.name) == Some(cell) {
            let message = format!(
                "`{}` repeats the value it inherits through `{through}`; leave it out",
                column.name
            );
            report.at(line, entry, message);
        }
    }
}

/// A lookup column's value is the row's alone.
fn check_lookup<'t>(
    row: &'t Row,
    column: &'t Column,
    cell: &Cell,
    line: usize,
    seen: &mut Seen<'t>,
    report: &mut Report<'_>,
) {
    let key = (column.name.as_str(), format!("{cell:?}"));
    if let Some(other) = seen.lookups.insert(key, &row.code) {
        let message = format!(
            "`{}` is also entry {other}'s; a lookup column's values are unique",
            column.name
        );
        report.at(line, Some(&row.code), message);
    }
}

/// A value of a vocabulary of prefixes agrees with the code's prefix.
fn check_prefix_rule(
    vocabulary: &Vocabulary,
    column: &Column,
    row: &Row,
    index: usize,
    line: usize,
    report: &mut Report<'_>,
) {
    if !vocabulary.has_prefixes() {
        return;
    }
    let prefixed = |v: &&crate::model::VocabValue| {
        v.prefix
            .as_ref()
            .is_some_and(|p| row.code.starts_with(p.as_str()))
    };
    let expected = vocabulary
        .values
        .iter()
        .find(prefixed)
        .or_else(|| vocabulary.values.iter().find(|v| v.default));
    let value = &vocabulary.values[index];
    if let Some(expected) = expected.filter(|e| e.value != value.value) {
        let message = format!(
            "{} `{}` disagrees with the code's prefix, which says `{}`",
            column.name, value.value, expected.value
        );
        report.at(line, Some(&row.code), message);
    }
}

/// A reference names a code of its table, whose row meets the column's `where`.
fn check_reference(
    taxonomy: &Taxonomy,
    column: &Column,
    row: &Row,
    code: &str,
    key: &str,
    line: usize,
    report: &mut Report<'_>,
) {
    let entry = Some(row.code.as_str());
    let Some(target) = taxonomy.table(key) else {
        return;
    };
    let Some(index) = target.row(code) else {
        report.at(
            line,
            entry,
            format!("`{}: {code}` names no code of {key}", column.name),
        );
        return;
    };
    for (name, expected) in &column.where_ {
        let holds = match (target.rows[index].cells.get(name), expected) {
            (Some(Cell::Bool(b)), Scalar::Bool(e)) => b == e,
            (Some(Cell::Text(t)), Scalar::Text(e)) => t == e,
            (Some(Cell::Vocab(i, _)), Scalar::Text(e)) => {
                match target.column(name).map(|c| &c.ty) {
                    Some(Type::Vocab(v)) => taxonomy.vocabularies[*v].values[*i].value == *e,
                    _ => false,
                }
            }
            _ => false,
        };
        if !holds {
            let message = format!(
                "`{}: {code}`: {key} `{code}` does not have `{name}: {expected}`",
                column.name
            );
            report.at(line, entry, message);
        }
    }
}

/// A bool with `true_exactly_when` is true exactly when the other column has that value.
fn check_bool_rule(
    taxonomy: &Taxonomy,
    table: &Table,
    column: &Column,
    row: &Row,
    value: bool,
    line: usize,
    report: &mut Report<'_>,
) {
    let Some((other, wanted)) = &column.true_exactly_when else {
        return;
    };
    let Some(Type::Vocab(v)) = table.column(other).map(|c| &c.ty) else {
        return;
    };
    let is = matches!(
        row.cells.get(other),
        Some(Cell::Vocab(i, _)) if taxonomy.vocabularies[*v].values[*i].value == *wanted
    );
    if value != is {
        let message = format!(
            "`{}: true` goes with `{other}: {wanted}`, and only with it",
            column.name
        );
        report.at(line, Some(&row.code), message);
    }
}

/// Whether a phrase is trimmed lower-case ASCII (what a row's phrases are checked for).
pub fn plain_phrase(phrase: &str) -> bool {
    !phrase.trim().is_empty()
        && phrase.trim() == phrase
        && phrase.is_ascii()
        && phrase.to_ascii_lowercase() == phrase
}

/// Phrases are trimmed, lower-case ASCII, and belong to one row of the table.
fn check_phrases<'t>(
    row: &'t Row,
    list: &'t [String],
    line: usize,
    seen: &mut Seen<'t>,
    report: &mut Report<'_>,
) {
    let entry = Some(row.code.as_str());
    for phrase in list {
        let problem = if phrase.trim().is_empty() || phrase.trim() != phrase {
            format!("phrase {phrase:?} is empty or has surrounding spaces")
        } else if !phrase.is_ascii() || phrase.to_ascii_lowercase() != *phrase {
            format!("phrase {phrase:?} must be lower-case ASCII")
        } else if let Some(other) = seen.phrases.insert(phrase, &row.code) {
            format!("phrase {phrase:?} is also a phrase of entry {other}")
        } else {
            continue;
        };
        report.at(line, entry, problem);
    }
}

/// A row overrides an inherited column exactly when it says why.
fn check_override_note(table: &Table, row: &Row, report: &mut Report<'_>) {
    let overrides: Vec<&str> = table.overridden(row).collect();
    let message = match (&row.override_note, overrides.is_empty()) {
        (None, false) => format!(
            "overrides `{}` without an `override:` note saying why",
            overrides.join("`, `")
        ),
        (Some(_), true) if table.has_inheritance() => {
            "`override:` note, but no inherited column is overridden".to_owned()
        }
        (Some(_), true) => "`override:` goes with a table that inherits columns".to_owned(),
        _ => return,
    };
    report.at(row.line, Some(&row.code), message);
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

fn problem(table: &Table, line: usize, entry: &str, message: String) -> Problem {
    Problem {
        file: table.file.clone(),
        line: Some(line),
        entry: Some(entry.to_owned()),
        message,
    }
}

/// The table that a column of `table` refers to, if it is a required reference.
fn referenced<'t>(taxonomy: &'t Taxonomy, table: &Table, column: &str) -> Option<&'t Table> {
    match table.column(column) {
        Some(Column {
            ty: Type::Table(key),
            optional: false,
            ..
        }) => taxonomy.table(key),
        _ => None,
    }
}

/// The steps for unknown codes: they decide a reference column given another, each names the
/// codes it gives and applies to, and a prefix step names a vocabulary of prefixes.
pub fn check_unknown_codes(
    taxonomy: &Taxonomy,
    table: &Table,
    rules: &crate::model::UnknownCodes,
    problems: &mut Vec<Problem>,
) {
    let decided = referenced(taxonomy, table, &rules.decides);
    let given = referenced(taxonomy, table, &rules.given);
    // A table whose own name is malformed was reported; its references would only echo it.
    let malformed = taxonomy.tables.iter().any(|t| !t.key.contains('.'));
    for (column, found) in [(&rules.decides, decided), (&rules.given, given)] {
        if malformed {
            break;
        }
        if found.is_none() {
            let message = format!("`{column}` names no required column of another table's codes");
            problems.push(problem(table, rules.line, "unknown_codes", message));
        }
    }
    let mut names = BTreeSet::new();
    for step in &rules.steps {
        let at = |message: String| problem(table, step.line, &step.name, message);
        if !names.insert(&step.name) {
            problems.push(at("a step of that name comes earlier".into()));
        }
        problems.extend(check_step(taxonomy, rules, step, decided).map(at));
        for code in &step.given {
            if given.is_some_and(|t| t.row(code).is_none()) {
                let key = given.map_or("", |t| t.key.as_str());
                problems.push(at(format!("`given: {code}` names no code of {key}")));
            }
        }
    }
}

/// What is wrong with one step's kind and the code it gives, if anything.
fn check_step(
    taxonomy: &Taxonomy,
    rules: &crate::model::UnknownCodes,
    step: &crate::model::Step,
    decided: Option<&Table>,
) -> Option<String> {
    match (&step.kind, &step.value) {
        (crate::model::StepKind::StripPrefix(v), None) => (!taxonomy.vocabularies[*v]
            .has_prefixes())
        .then(|| "`strip_prefix` names a vocabulary without prefixes".into()),
        (crate::model::StepKind::StripPrefix(_), Some(_)) => Some(format!(
            "a prefix step gives the stripped row's `{}`",
            rules.decides
        )),
        (crate::model::StepKind::Named, None) => None,
        (crate::model::StepKind::Named, Some(_)) => Some(format!(
            "a named-code step gives the named row's `{}`",
            rules.decides
        )),
        (_, None) => Some(format!(
            "missing `{}`: the code the step gives",
            rules.decides
        )),
        (_, Some(code)) => decided
            .filter(|t| t.row(code).is_none())
            .map(|t| format!("`{}: {code}` names no code of {}", rules.decides, t.key)),
    }
}

/// A cue's code, if it has one, and the codes it rules out: codes of the table, not its own.
fn check_cue(table: &Table, cue: &crate::model::Cue, problems: &mut Vec<Problem>) {
    let at = |line: usize, entry: &str, message: String| problem(table, line, entry, message);
    match &cue.code {
        Some(code) if table.row(code).is_none() => problems.push(at(
            cue.line,
            &cue.name,
            format!("`code: {code}` names no code of this table"),
        )),
        None if cue.excludes.is_empty() && cue.clears.is_empty() => problems.push(at(
            cue.line,
            &cue.name,
            "a cue scores for a `code`, rules codes out (`excludes`, `clears`), or both".into(),
        )),
        _ => {}
    }
    let ruled_out = cue.excludes.iter().map(|code| ("excludes", code));
    for (key, excluded) in ruled_out.chain(cue.clears.iter().map(|code| ("clears", code))) {
        if table.row(excluded).is_none() {
            let message = format!("`{key}: {excluded}` names no code of this table");
            problems.push(at(cue.line, &cue.name, message));
        } else if cue.code.as_ref() == Some(excluded) {
            let message = format!("a cue cannot rule out its own code `{excluded}`");
            problems.push(at(cue.line, &cue.name, message));
        }
    }
}

/// The free-text reader: its phrases column, its cues' codes and names, and a priority that
/// ranks every code of the table once.
pub fn check_free_text(
    table: &Table,
    reader: &crate::model::FreeText,
    problems: &mut Vec<Problem>,
) {
    let at = |line: usize, entry: &str, message: String| problem(table, line, entry, message);
    if !table
        .column(&reader.phrases)
        .is_some_and(|c| c.ty == Type::Phrases)
    {
        let message = format!("`phrases: {}` names no phrases column", reader.phrases);
        problems.push(at(reader.line, "free_text", message));
    }
    let mut names = BTreeSet::new();
    for cue in &reader.cues {
        if !names.insert(&cue.name) {
            problems.push(at(
                cue.line,
                &cue.name,
                "a cue of that name comes earlier".into(),
            ));
        }
        check_cue(table, cue, problems);
    }
    if table.rows.len() > 64 {
        let message = "a table read from free text has at most 64 codes".to_owned();
        problems.push(at(reader.line, "free_text", message));
    }
    let listed: Vec<&str> = reader.priority.iter().map(String::as_str).collect();
    let codes: Vec<&str> = table.rows.iter().map(|r| r.code.as_str()).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    let mut expected = codes.clone();
    expected.sort_unstable();
    if sorted != expected {
        let message =
            "`priority` lists every code of the table once, the first winning a tie".to_owned();
        problems.push(at(reader.line, "free_text", message));
    }
}
