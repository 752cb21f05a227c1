//! Reads the YAML sources into the model. Each file is parsed into a YAML value, then read key by
//! key, so that every problem names the file, the line and the entry, and an unknown key lists the
//! keys allowed there. Reading goes on after a problem, so that one run reports all of them.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use crate::model::{
    Cell, Column, Parameter, Row, Scalar, Table, Taxonomy, Type, VocabValue, Vocabulary,
    is_snake_ident, is_type_ident, to_ident,
};
use crate::{PUBLISHED, Problem, Source, VOCABULARIES};

/// The longest wire code a table may hold. (The crate's case-insensitive parse folds into a
/// buffer the size of the longest code there is, which the generator emits as `MAX_CODE_LEN`.)
pub const MAX_CODE_LEN: usize = 96;

/// Where a problem is, while reading one file.
struct Ctx<'a> {
    file: &'a str,
    lines: Lines<'a>,
    problems: &'a mut Vec<Problem>,
}

impl Ctx<'_> {
    fn push(&mut self, line: Option<usize>, entry: Option<&str>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            line,
            entry: entry.map(str::to_owned),
            message: message.into(),
        });
    }
}

/// Finds the lines of keys and list items in a YAML text, for messages: serde_yaml's values do
/// not keep their positions.
#[derive(Clone, Copy)]
struct Lines<'a> {
    text: &'a str,
}

impl<'a> Lines<'a> {
    /// The 1-based line of the first `key:` at the start of a line (after indentation and an
    /// optional `- `), searching lines `from..to` (1-based, `to` exclusive).
    fn key(&self, key: &str, from: usize, to: usize) -> Option<usize> {
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .take(to.saturating_sub(from.max(1)))
            .find(|(_, line)| {
                let line = line.trim_start();
                let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.starts_with(':'))
            })
            .map(|(index, _)| index + 1)
    }

    /// The lines of the items of the top-level sequence `key:`: each line that starts an item
    /// (`- `) at the indentation of the first item.
    fn items(&self, key: &str) -> Vec<usize> {
        let mut lines = self.text.lines().enumerate();
        let Some((start, _)) = lines.find(|(_, line)| line.starts_with(&format!("{key}:"))) else {
            return Vec::new();
        };
        let mut indent = None;
        let mut items = Vec::new();
        for (index, line) in self.text.lines().enumerate().skip(start + 1) {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let this = line.len() - line.trim_start().len();
            if this == 0 && !line.starts_with('-') {
                break;
            }
            let trimmed = line.trim_start();
            if trimmed.starts_with("- ") || trimmed == "-" {
                match indent {
                    None => {
                        indent = Some(this);
                        items.push(index + 1);
                    }
                    Some(i) if i == this => items.push(index + 1),
                    _ => {}
                }
            }
        }
        items
    }

    fn count(&self) -> usize {
        self.text.lines().count() + 1
    }
}

/// Reads every source. The taxonomy is `None` when a file is not YAML or the vocabularies are
/// missing, since checking the rest would only add noise; the problems are every one found.
pub fn read(sources: &[Source]) -> (Option<Taxonomy>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut taxonomy = Taxonomy {
        vocabularies: Vec::new(),
        facts: Vec::new(),
        tables: Vec::new(),
        published: Vec::new(),
    };
    let mut parsed = Vec::new();
    for source in sources {
        if source.path == PUBLISHED {
            taxonomy.published = read_published(source, &mut problems);
            continue;
        }
        match serde_yaml::from_str::<Value>(&source.text) {
            Ok(value) => parsed.push((source, value)),
            Err(e) => problems.push(Problem {
                file: source.path.clone(),
                line: e.location().map(|l| l.line()),
                entry: None,
                message: e.to_string(),
            }),
        }
    }
    // A file that does not parse would only add noise to the checks that read every file.
    if !problems.is_empty() {
        return (None, problems);
    }
    match parsed.iter().position(|(s, _)| s.path == VOCABULARIES) {
        Some(index) => {
            let (source, value) = parsed.remove(index);
            let mut ctx = Ctx {
                file: &source.path,
                lines: Lines { text: &source.text },
                problems: &mut problems,
            };
            read_root(&mut ctx, &value, &mut taxonomy);
        }
        None => {
            problems.push(Problem {
                file: VOCABULARIES.into(),
                line: None,
                entry: None,
                message: "missing: the vocabularies and shared facts every table draws on".into(),
            });
            return (None, problems);
        }
    }
    for (source, value) in parsed {
        let mut ctx = Ctx {
            file: &source.path,
            lines: Lines { text: &source.text },
            problems: &mut problems,
        };
        if let Some(table) = read_table(&mut ctx, &value, &taxonomy) {
            taxonomy.tables.push(table);
        }
    }
    (Some(taxonomy), problems)
}

fn read_published(source: &Source, problems: &mut Vec<Problem>) -> Vec<(String, String, usize)> {
    let mut published = Vec::new();
    for (index, line) in source.text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once(' ') {
            Some((table, code)) if !code.contains(' ') => {
                published.push((table.to_owned(), code.to_owned(), index + 1));
            }
            _ => problems.push(Problem {
                file: source.path.clone(),
                line: Some(index + 1),
                entry: None,
                message: format!("{line:?} is not `table code`"),
            }),
        }
    }
    published
}

/// The keys of a mapping that are not among `allowed`, each reported once with the list.
fn unknown_keys(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    allowed: &[&str],
    lines: (usize, usize),
    entry: Option<&str>,
) {
    for key in map.keys() {
        let name = key.as_str().unwrap_or("?");
        if !allowed.contains(&name) {
            let line = ctx.lines.key(name, lines.0, lines.1).or(Some(lines.0));
            ctx.push(
                line,
                entry,
                format!(
                    "unknown key `{name}`; the keys here are: {}",
                    allowed.join(", ")
                ),
            );
        }
    }
}

fn text(map: &Mapping, key: &str) -> Option<String> {
    map.get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_owned())
}

fn root_map<'v>(ctx: &mut Ctx<'_>, value: &'v Value) -> Option<&'v Mapping> {
    let map = value.as_mapping();
    if map.is_none() {
        ctx.push(Some(1), None, "expected a mapping at the top of the file");
    }
    map
}

fn read_root(ctx: &mut Ctx<'_>, value: &Value, taxonomy: &mut Taxonomy) {
    let Some(map) = root_map(ctx, value) else {
        return;
    };
    unknown_keys(
        ctx,
        map,
        &["vocabularies", "facts"],
        (1, ctx.lines.count()),
        None,
    );
    let vocab_lines = ctx.lines.items("vocabularies");
    for (index, item) in seq(map, "vocabularies").iter().enumerate() {
        let line = vocab_lines.get(index).copied().unwrap_or(1);
        let end = vocab_lines
            .get(index + 1)
            .copied()
            .unwrap_or(ctx.lines.count());
        if let Some(vocabulary) = read_vocabulary(ctx, item, (line, end)) {
            if taxonomy
                .vocabularies
                .iter()
                .any(|v| v.name == vocabulary.name)
            {
                let name = vocabulary.name.clone();
                ctx.push(Some(line), Some(&name), "vocabulary declared twice");
            } else {
                taxonomy.vocabularies.push(vocabulary);
            }
        }
    }
    let fact_lines = ctx.lines.items("facts");
    for (index, item) in seq(map, "facts").iter().enumerate() {
        let line = fact_lines.get(index).copied().unwrap_or(1);
        let end = fact_lines
            .get(index + 1)
            .copied()
            .unwrap_or(ctx.lines.count());
        let declared = read_column_decl(ctx, item, (line, end), &taxonomy.vocabularies, None);
        if let Some(mut column) = declared {
            if column.optional || column.lookup || column.inherit.is_some() {
                ctx.push(
                    Some(line),
                    Some(&column.name),
                    "a shared fact declares only its name, type, label and doc",
                );
            }
            if taxonomy.facts.iter().any(|f| f.name == column.name) {
                ctx.push(Some(line), Some(&column.name), "fact declared twice");
            }
            column.shared = true;
            taxonomy.facts.push(column);
        }
    }
}

fn seq<'v>(map: &'v Mapping, key: &str) -> &'v [Value] {
    map.get(key)
        .and_then(Value::as_sequence)
        .map_or(&[], Vec::as_slice)
}

fn read_vocabulary(ctx: &mut Ctx<'_>, item: &Value, lines: (usize, usize)) -> Option<Vocabulary> {
    let Some(map) = item.as_mapping() else {
        ctx.push(
            Some(lines.0),
            None,
            "a vocabulary is a mapping with name, type, doc, values",
        );
        return None;
    };
    let name = text(map, "name").unwrap_or_default();
    let entry = Some(name.as_str());
    unknown_keys(
        ctx,
        map,
        &["name", "type", "doc", "parameter", "values"],
        lines,
        entry,
    );
    if !is_snake_ident(&name) {
        ctx.push(
            Some(lines.0),
            entry,
            format!("vocabulary name `{name}` is not snake_case"),
        );
    }
    let type_name = text(map, "type").unwrap_or_default();
    if !is_type_ident(&type_name) {
        ctx.push(
            ctx.lines.key("type", lines.0, lines.1),
            entry,
            format!("type `{type_name}` is not an UpperCamelCase identifier"),
        );
    }
    let doc = required_text(ctx, map, "doc", lines, entry);
    let parameter = map
        .get("parameter")
        .and_then(Value::as_mapping)
        .map(|p| Parameter {
            key: text(p, "key").unwrap_or_default(),
            accessor: text(p, "accessor").unwrap_or_default(),
            doc: text(p, "doc").unwrap_or_default(),
        });
    if let Some(p) = &parameter {
        if !is_snake_ident(&p.key) || !is_snake_ident(&p.accessor) || p.doc.is_empty() {
            ctx.push(
                ctx.lines.key("parameter", lines.0, lines.1),
                entry,
                "a parameter has a snake_case `key` and `accessor`, and a `doc`",
            );
        }
    }
    let mut values = Vec::new();
    let value_lines: Vec<usize> = (lines.0..lines.1)
        .filter(|&l| ctx.lines.key("value", l, l + 1).is_some())
        .collect();
    for (index, value) in seq(map, "values").iter().enumerate() {
        let line = value_lines.get(index).copied().unwrap_or(lines.0);
        let end = value_lines.get(index + 1).copied().unwrap_or(lines.1);
        let Some(v) = value.as_mapping() else {
            ctx.push(
                Some(line),
                entry,
                "a value is a mapping with value, text, doc",
            );
            continue;
        };
        let allowed = [
            "value",
            "text",
            "text_with_field",
            "field",
            "optional_field",
            "field_doc",
            "prefix",
            "default",
            "doc",
        ];
        let wire = text(v, "value").unwrap_or_default();
        unknown_keys(ctx, v, &allowed, (line, end), Some(&wire));
        if !is_snake_ident(&wire) {
            ctx.push(
                Some(line),
                entry,
                format!("value `{wire}` is not snake_case"),
            );
        }
        if values
            .iter()
            .any(|existing: &VocabValue| existing.value == wire)
        {
            ctx.push(Some(line), entry, format!("value `{wire}` declared twice"));
        }
        let field = text(v, "field");
        let optional_field = v
            .get("optional_field")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if field.is_some() && parameter.is_none() {
            ctx.push(
                Some(line),
                Some(&wire),
                "`field` needs the vocabulary's `parameter`",
            );
        }
        if let Some(f) = &field {
            if !is_snake_ident(f) {
                ctx.push(
                    Some(line),
                    Some(&wire),
                    format!("field `{f}` is not snake_case"),
                );
            }
        }
        let text_value = required_text(ctx, v, "text", (line, end), Some(&wire));
        let placeholder = text_value.contains("{}");
        let with_field = text(v, "text_with_field");
        let needs = match (&field, optional_field) {
            (None, _) => (false, None),
            (Some(_), false) => (true, None),
            (Some(_), true) => (false, Some(true)),
        };
        if placeholder != needs.0 || with_field.as_ref().map(|t| t.contains("{}")) != needs.1 {
            ctx.push(
                Some(line),
                Some(&wire),
                "`text` has `{}` exactly when a required field fills it, and an optional field \
                 has `text_with_field` with `{}`",
            );
        }
        values.push(VocabValue {
            line,
            ident: to_ident(&wire),
            value: wire.clone(),
            text: text_value,
            text_with_field: with_field,
            field,
            optional_field,
            field_doc: text(v, "field_doc"),
            prefix: text(v, "prefix"),
            default: v.get("default").and_then(Value::as_bool).unwrap_or(false),
            doc: required_text(ctx, v, "doc", (line, end), Some(&wire)),
        });
    }
    if values.is_empty() {
        ctx.push(Some(lines.0), entry, "a vocabulary needs values");
    }
    Some(Vocabulary {
        line: lines.0,
        name,
        type_name,
        doc,
        parameter,
        values,
    })
}

fn required_text(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    key: &str,
    lines: (usize, usize),
    entry: Option<&str>,
) -> String {
    match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(_) => {
            let line = ctx.lines.key(key, lines.0, lines.1).or(Some(lines.0));
            ctx.push(line, entry, format!("`{key}` must be a non-empty text"));
            String::new()
        }
        None => {
            ctx.push(Some(lines.0), entry, format!("missing `{key}`"));
            String::new()
        }
    }
}

/// Resolves a column type by name: a built-in, a vocabulary, or a table key (`module.name`).
fn resolve_type(name: &str, vocabularies: &[Vocabulary]) -> Option<Type> {
    match name {
        "status" => Some(Type::Status),
        "bool" => Some(Type::Bool),
        "text" => Some(Type::Text),
        "phrases" => Some(Type::Phrases),
        _ => {
            if let Some(index) = vocabularies.iter().position(|v| v.name == name) {
                Some(Type::Vocab(index))
            } else if name.contains('.') {
                Some(Type::Table(name.to_owned()))
            } else {
                None
            }
        }
    }
}

const COLUMN_KEYS: [&str; 10] = [
    "name",
    "type",
    "doc",
    "label",
    "accessor",
    "optional",
    "lookup",
    "inherit",
    "where",
    "true_exactly_when",
];

/// A column declaration. With `facts`, a name alone (or a mapping without `type`) is the shared
/// fact of that name, with the local properties added.
fn read_column_decl(
    ctx: &mut Ctx<'_>,
    item: &Value,
    lines: (usize, usize),
    vocabularies: &[Vocabulary],
    facts: Option<&[Column]>,
) -> Option<Column> {
    let empty = Mapping::new();
    let (map, name) = match item {
        Value::String(name) => (&empty, name.trim().to_owned()),
        Value::Mapping(map) => (map, text(map, "name").unwrap_or_default()),
        _ => {
            ctx.push(
                Some(lines.0),
                None,
                "a column is a name or a mapping with `name`",
            );
            return None;
        }
    };
    let entry = Some(name.as_str());
    unknown_keys(ctx, map, &COLUMN_KEYS, lines, entry);
    if !is_snake_ident(&name) {
        ctx.push(
            Some(lines.0),
            entry,
            format!("column name `{name}` is not snake_case"),
        );
        return None;
    }
    let shared = facts.and_then(|facts| facts.iter().find(|f| f.name == name));
    let mut column = match (map.get("type"), shared) {
        (None, Some(fact)) => {
            let mut column = fact.clone();
            column.file = ctx.file.to_owned();
            column.line = lines.0;
            column
        }
        (None, None) => {
            let known: Vec<&str> = facts
                .unwrap_or_default()
                .iter()
                .map(|f| f.name.as_str())
                .collect();
            let message = if facts.is_some() {
                format!(
                    "column `{name}` has no `type` and is no shared fact (the facts: {})",
                    known.join(", ")
                )
            } else {
                format!("fact `{name}` needs a `type`")
            };
            ctx.push(Some(lines.0), entry, message);
            return None;
        }
        (Some(ty), shared) => {
            if shared.is_some() {
                ctx.push(
                    ctx.lines.key("type", lines.0, lines.1),
                    entry,
                    format!("`{name}` is a shared fact: leave its type to taxonomy.yaml"),
                );
                return None;
            }
            let ty_name = ty.as_str().unwrap_or_default();
            let Some(ty) = resolve_type(ty_name, vocabularies) else {
                let vocabs: Vec<&str> = vocabularies.iter().map(|v| v.name.as_str()).collect();
                ctx.push(
                    ctx.lines.key("type", lines.0, lines.1),
                    entry,
                    format!(
                        "unknown type `{ty_name}`; a type is status, bool, text, phrases, a \
                         vocabulary ({}) or a table (`module.name`)",
                        vocabs.join(", ")
                    ),
                );
                return None;
            };
            let label = name.replace('_', " ");
            Column {
                file: ctx.file.to_owned(),
                line: lines.0,
                accessor: name.clone(),
                name: name.clone(),
                ty,
                doc: String::new(),
                label,
                optional: false,
                lookup: false,
                inherit: None,
                where_: Vec::new(),
                true_exactly_when: None,
                shared: false,
            }
        }
    };
    if let Some(doc) = text(map, "doc") {
        column.doc = doc;
    }
    if column.doc.is_empty() {
        ctx.push(Some(lines.0), entry, "missing `doc`");
    }
    if let Some(label) = text(map, "label") {
        column.label = label;
    }
    if let Some(accessor) = text(map, "accessor") {
        if !is_snake_ident(&accessor) {
            ctx.push(
                Some(lines.0),
                entry,
                format!("accessor `{accessor}` is not snake_case"),
            );
        }
        column.accessor = accessor;
    }
    column.optional |= map
        .get("optional")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    column.lookup |= map.get("lookup").and_then(Value::as_bool).unwrap_or(false);
    if let Some(inherit) = text(map, "inherit") {
        column.inherit = Some(inherit);
    }
    if let Some(conditions) = map.get("where").and_then(Value::as_mapping) {
        for (key, value) in conditions {
            let scalar = match value {
                Value::Bool(b) => Scalar::Bool(*b),
                Value::String(s) => Scalar::Text(s.clone()),
                _ => {
                    ctx.push(Some(lines.0), entry, "a `where` value is a bool or a text");
                    continue;
                }
            };
            column
                .where_
                .push((key.as_str().unwrap_or_default().to_owned(), scalar));
        }
    }
    if let Some(when) = map.get("true_exactly_when").and_then(Value::as_mapping) {
        match when.iter().next() {
            Some((key, Value::String(value))) if when.len() == 1 => {
                column.true_exactly_when =
                    Some((key.as_str().unwrap_or_default().to_owned(), value.clone()));
            }
            _ => ctx.push(
                Some(lines.0),
                entry,
                "`true_exactly_when` is one `column: value`",
            ),
        }
    }
    Some(column)
}

const TABLE_KEYS: [&str; 6] = ["table", "type", "doc", "code_is", "columns", "codes"];
const ROW_KEYS: [&str; 5] = ["code", "rust_name", "description", "deprecated", "override"];

fn read_table(ctx: &mut Ctx<'_>, value: &Value, taxonomy: &Taxonomy) -> Option<Table> {
    let map = root_map(ctx, value)?;
    let end = ctx.lines.count();
    unknown_keys(ctx, map, &TABLE_KEYS, (1, end), None);
    let key = text(map, "table").unwrap_or_default();
    let key_line = ctx.lines.key("table", 1, end).unwrap_or(1);
    let module = match key.split_once('.') {
        Some((m, name)) if is_snake_ident(m) && is_snake_ident(name) => m.to_owned(),
        _ => {
            ctx.push(
                Some(key_line),
                None,
                format!("table `{key}` is not of the form `module.name` in snake_case"),
            );
            key.split('.').next().unwrap_or_default().to_owned()
        }
    };
    let type_name = text(map, "type").unwrap_or_default();
    if !is_type_ident(&type_name) {
        ctx.push(
            ctx.lines.key("type", 1, end),
            None,
            format!("type `{type_name}` is not an UpperCamelCase identifier"),
        );
    }
    let doc = required_text(ctx, map, "doc", (1, end), None);
    let columns_line = ctx.lines.key("columns", 1, end).unwrap_or(1);
    let (columns, broken) = read_columns(ctx, map, taxonomy, columns_line);
    let code_is = text(map, "code_is").map(|c| (c, ctx.lines.key("code_is", 1, end).unwrap_or(1)));
    let rows = read_rows(ctx, map, &columns, &broken, taxonomy);
    let uppercase = rows
        .iter()
        .any(|r| r.code.bytes().any(|b| b.is_ascii_uppercase()));
    let idents = rows
        .iter()
        .map(|row| row.rust_name.clone().unwrap_or_else(|| to_ident(&row.code)))
        .collect();
    Some(Table {
        file: ctx.file.to_owned(),
        key,
        key_line,
        module,
        type_name,
        doc,
        code_is,
        columns,
        rows,
        idents,
        uppercase,
        broken,
    })
}

/// The table's columns, and the names of the declarations that could not be read (reported), whose
/// row values are then not reported again.
fn read_columns(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    taxonomy: &Taxonomy,
    columns_line: usize,
) -> (Vec<Column>, Vec<String>) {
    let mut columns: Vec<Column> = Vec::new();
    let mut broken = Vec::new();
    let items = seq(map, "columns");
    let flow = ctx
        .lines
        .text
        .lines()
        .nth(columns_line - 1)
        .is_some_and(|l| l.contains('['));
    let lines = if flow {
        Vec::new()
    } else {
        ctx.lines.items("columns")
    };
    for (index, item) in items.iter().enumerate() {
        let line = lines.get(index).copied().unwrap_or(columns_line);
        let end = lines.get(index + 1).copied().unwrap_or(line + 1);
        let Some(column) = read_column_decl(
            ctx,
            item,
            (line, end),
            &taxonomy.vocabularies,
            Some(&taxonomy.facts),
        ) else {
            let name = match item {
                Value::String(name) => Some(name.clone()),
                Value::Mapping(map) => text(map, "name"),
                _ => None,
            };
            broken.extend(name);
            continue;
        };
        if columns.iter().any(|c| c.name == column.name) {
            ctx.push(Some(line), Some(&column.name), "column declared twice");
            continue;
        }
        if ROW_KEYS.contains(&column.name.as_str()) {
            ctx.push(
                Some(line),
                Some(&column.name),
                "a column cannot take a row key's name",
            );
            continue;
        }
        columns.push(column);
    }
    (columns, broken)
}

fn read_rows(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    columns: &[Column],
    broken: &[String],
    taxonomy: &Taxonomy,
) -> Vec<Row> {
    let lines = ctx.lines.items("codes");
    let end = ctx.lines.count();
    let mut rows = Vec::new();
    let mut allowed: Vec<String> = ROW_KEYS.iter().map(|k| (*k).to_owned()).collect();
    let shown = allowed.clone();
    for column in columns {
        allowed.push(column.name.clone());
        if let Type::Vocab(v) = column.ty {
            if let Some(p) = &taxonomy.vocabularies[v].parameter {
                allowed.push(format!("{}_{}", column.name, p.key));
            }
        }
    }
    let _ = shown;
    let accepted: Vec<&str> = allowed
        .iter()
        .map(String::as_str)
        .chain(broken.iter().map(String::as_str))
        .collect();
    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    for (index, item) in seq(map, "codes").iter().enumerate() {
        let line = lines.get(index).copied().unwrap_or(1);
        let next = lines.get(index + 1).copied().unwrap_or(end);
        let Some(row) = item.as_mapping() else {
            ctx.push(
                Some(line),
                None,
                "a row is a mapping with `code` and `description`",
            );
            continue;
        };
        let code = match row.get("code") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let position = format!("#{}", index + 1);
        let entry = if code.is_empty() {
            position
        } else {
            code.clone()
        };
        let filtered: Mapping = row
            .iter()
            .filter(|(k, _)| {
                !k.as_str()
                    .is_some_and(|k| accepted.contains(&k) && !allowed.contains(&k))
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        unknown_keys(ctx, &filtered, &allowed, (line, next), Some(&entry));
        let mut cells = BTreeMap::new();
        let mut unreadable = Vec::new();
        let mut cell_lines = BTreeMap::new();
        for column in columns {
            let cell_line = ctx.lines.key(&column.name, line, next).unwrap_or(line);
            cell_lines.insert(column.name.clone(), cell_line);
            let parameter_key = match column.ty {
                Type::Vocab(v) => taxonomy.vocabularies[v]
                    .parameter
                    .as_ref()
                    .map(|p| format!("{}_{}", column.name, p.key)),
                _ => None,
            };
            let value = row.get(column.name.as_str());
            let parameter = parameter_key.as_deref().and_then(|k| row.get(k));
            if value.is_none() {
                if parameter.is_some() {
                    let key = parameter_key.unwrap_or_default();
                    ctx.push(
                        Some(cell_line),
                        Some(&entry),
                        format!("`{key}` without `{}`", column.name),
                    );
                }
                continue;
            }
            let value = value.unwrap_or(&Value::Null);
            match read_cell(ctx, column, value, parameter, taxonomy, cell_line, &entry) {
                Some(cell) => {
                    cells.insert(column.name.clone(), cell);
                }
                None => unreadable.push(column.name.clone()),
            }
        }
        let optional_text = |ctx: &mut Ctx<'_>, key: &str| match row.get(key) {
            None => None,
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Some(_) => {
                let l = ctx.lines.key(key, line, next).or(Some(line));
                ctx.push(l, Some(&entry), format!("`{key}` must be a non-empty text"));
                None
            }
        };
        let rust_name = optional_text(ctx, "rust_name");
        let deprecated = optional_text(ctx, "deprecated");
        let override_note = optional_text(ctx, "override");
        let description = optional_text(ctx, "description").unwrap_or_else(|| {
            ctx.push(Some(line), Some(&entry), "missing description");
            String::new()
        });
        rows.push(Row {
            line,
            code,
            rust_name,
            description,
            deprecated,
            override_note,
            cells,
            cell_lines,
            unreadable,
        });
    }
    if rows.is_empty() {
        ctx.push(
            ctx.lines.key("codes", 1, end),
            None,
            "the table has no codes",
        );
    }
    rows
}

fn read_cell(
    ctx: &mut Ctx<'_>,
    column: &Column,
    value: &Value,
    parameter: Option<&Value>,
    taxonomy: &Taxonomy,
    line: usize,
    entry: &str,
) -> Option<Cell> {
    let name = &column.name;
    let shown = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => "a list or mapping".into(),
    };
    let bad = |ctx: &mut Ctx<'_>, expected: String| {
        ctx.push(
            Some(line),
            Some(entry),
            format!("`{name}: {shown}` is not {expected}"),
        );
        None
    };
    let cell = match &column.ty {
        Type::Status => match value.as_u64() {
            Some(status) if (100..=599).contains(&status) => Cell::Status(status as u16),
            Some(_) => return bad(ctx, "an HTTP status: it is outside 100-599".into()),
            None => return bad(ctx, "an HTTP status (a number)".into()),
        },
        Type::Bool => match value.as_bool() {
            Some(b) => Cell::Bool(b),
            None => return bad(ctx, "true or false".into()),
        },
        Type::Text => match value.as_str() {
            Some(s) if !s.trim().is_empty() && s.trim() == s => Cell::Text(s.to_owned()),
            Some(_) => return bad(ctx, "a text without surrounding spaces".into()),
            None => return bad(ctx, "a text".into()),
        },
        Type::Phrases => match value.as_sequence() {
            Some(items) if !items.is_empty() => {
                let phrases: Vec<String> = items
                    .iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect();
                if phrases.len() != items.len() {
                    return bad(ctx, "a list of texts".into());
                }
                Cell::Phrases(phrases)
            }
            _ => return bad(ctx, "a non-empty list of phrases".into()),
        },
        Type::Vocab(v) => {
            let vocabulary = &taxonomy.vocabularies[*v];
            let Some(index) = value.as_str().and_then(|s| vocabulary.find(s)) else {
                return bad(
                    ctx,
                    format!(
                        "a {} value; the values are: {}",
                        vocabulary.name,
                        vocabulary.value_list()
                    ),
                );
            };
            let key = vocabulary
                .parameter
                .as_ref()
                .map(|p| format!("{name}_{}", p.key))
                .unwrap_or_default();
            let mut bad_number = false;
            let number = match parameter.map(|p| p.as_u64()) {
                None => None,
                Some(Some(n)) if (1..=u64::from(u32::MAX)).contains(&n) => Some(n as u32),
                Some(_) => {
                    bad_number = true;
                    ctx.push(
                        Some(line),
                        Some(entry),
                        format!("`{key}` must be a number from 1"),
                    );
                    None
                }
            };
            let value = &vocabulary.values[index];
            match (&value.field, value.optional_field, number) {
                (None, _, Some(_)) => ctx.push(
                    Some(line),
                    Some(entry),
                    format!(
                        "`{key}` goes only with a {} value that carries it",
                        vocabulary.name
                    ),
                ),
                (Some(_), false, None) if !bad_number => ctx.push(
                    Some(line),
                    Some(entry),
                    format!("`{name}: {}` needs `{key}`", value.value),
                ),
                _ => {}
            }
            Cell::Vocab(index, number)
        }
        Type::Table(_) => match value.as_str() {
            Some(code) => Cell::Ref(code.to_owned()),
            None => return bad(ctx, "a code (a text)".into()),
        },
    };
    Some(cell)
}

pub fn is_code_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
