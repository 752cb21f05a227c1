//! Reads the YAML sources into the model. Each file is parsed into a YAML value, then read key by
//! key, so that every problem names the file, the line and the entry, and an unknown key lists the
//! keys allowed there. Reading goes on after a problem, so that one run reports all of them.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use crate::model::{
    Cell, Column, Cue, FreeText, Parameter, Row, Scalar, Step, StepKind, Table, Taxonomy, Type,
    UnknownCode, UnknownCodes, VocabValue, Vocabulary, is_snake_ident, is_type_ident, to_ident,
};
use crate::{PUBLISHED, Problem, Source, VOCABULARIES};

/// The longest wire code a table may hold. (The crate's case-insensitive parse folds into a
/// buffer the size of the longest code there is, which the generator emits as `MAX_CODE_LEN`.)
pub const MAX_CODE_LEN: usize = 96;

/// The keys of a column declaration.
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

/// The keys of a vocabulary's value.
const VALUE_KEYS: [&str; 9] = [
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

const TABLE_KEYS: [&str; 9] = [
    "table",
    "type",
    "doc",
    "code_is",
    "columns",
    "codes",
    "unknown_codes",
    "free_text",
    "unknown_code",
];

/// The keys every row may have, besides its table's columns.
const ROW_KEYS: [&str; 5] = ["code", "rust_name", "description", "deprecated", "override"];

/// The lines an item spans: its first, and the first of the next item (exclusive).
#[derive(Clone, Copy)]
struct Span {
    line: usize,
    end: usize,
}

/// Where problems go, while reading one file.
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

    fn at(&mut self, line: usize, entry: Option<&str>, message: impl Into<String>) {
        self.push(Some(line), entry, message);
    }

    /// The line of `key` within `span`, else the span's first line.
    fn key_line(&self, key: &str, span: Span) -> usize {
        self.lines
            .key(key, span.line, span.end)
            .unwrap_or(span.line)
    }

    /// The span of the `index`th item of a list whose items start at `lines`.
    fn item(&self, lines: &[usize], index: usize, fallback: Span) -> Span {
        Span {
            line: lines.get(index).copied().unwrap_or(fallback.line),
            end: lines.get(index + 1).copied().unwrap_or(fallback.end),
        }
    }

    fn whole(&self) -> Span {
        Span {
            line: 1,
            end: self.lines.count(),
        }
    }
}

/// Finds the lines of keys and list items in a YAML text, for messages: serde_yaml's values do
/// not keep their positions.
#[derive(Clone, Copy)]
struct Lines<'a> {
    text: &'a str,
}

impl Lines<'_> {
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
        let header = format!("{key}:");
        let Some(start) = self.text.lines().position(|line| line.starts_with(&header)) else {
            return Vec::new();
        };
        let mut indent = None;
        let mut items = Vec::new();
        for (index, line) in self.text.lines().enumerate().skip(start + 1) {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let this = line.len() - trimmed.len();
            if this == 0 && !line.starts_with('-') {
                break;
            }
            if trimmed.starts_with("- ") || trimmed == "-" {
                if indent.is_none() {
                    indent = Some(this);
                }
                if indent == Some(this) {
                    items.push(index + 1);
                }
            }
        }
        items
    }

    /// The lines within `span` that hold `key:`.
    fn keys_within(&self, key: &str, span: Span) -> Vec<usize> {
        (span.line..span.end)
            .filter(|&l| self.key(key, l, l + 1).is_some())
            .collect()
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
    if !problems.is_empty() {
        return (None, problems);
    }
    let Some(index) = parsed.iter().position(|(s, _)| s.path == VOCABULARIES) else {
        problems.push(Problem {
            file: VOCABULARIES.into(),
            line: None,
            entry: None,
            message: "missing: the vocabularies and shared facts every table draws on".into(),
        });
        return (None, problems);
    };
    let (source, value) = parsed.remove(index);
    read_root(&mut ctx(source, &mut problems), &value, &mut taxonomy);
    for (source, value) in parsed {
        if let Some(table) = read_table(&mut ctx(source, &mut problems), &value, &taxonomy) {
            taxonomy.tables.push(table);
        }
    }
    (Some(taxonomy), problems)
}

fn ctx<'a>(source: &'a Source, problems: &'a mut Vec<Problem>) -> Ctx<'a> {
    Ctx {
        file: &source.path,
        lines: Lines { text: &source.text },
        problems,
    }
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

/// Reports each key of `map` that is not among `allowed`, with the list.
fn unknown_keys(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    allowed: &[&str],
    span: Span,
    entry: Option<&str>,
) {
    for key in map.keys() {
        let name = key.as_str().unwrap_or("?");
        if !allowed.contains(&name) {
            let line = ctx.key_line(name, span);
            let message = format!(
                "unknown key `{name}`; the keys here are: {}",
                allowed.join(", ")
            );
            ctx.at(line, entry, message);
        }
    }
}

fn text(map: &Mapping, key: &str) -> Option<String> {
    map.get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_owned())
}

fn flag(map: &Mapping, key: &str) -> bool {
    map.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn seq<'v>(map: &'v Mapping, key: &str) -> &'v [Value] {
    map.get(key)
        .and_then(Value::as_sequence)
        .map_or(&[], Vec::as_slice)
}

/// A text that must be there and not blank; reported and empty otherwise.
fn required_text(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    key: &str,
    span: Span,
    entry: Option<&str>,
) -> String {
    match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(_) => {
            let line = ctx.key_line(key, span);
            ctx.at(line, entry, format!("`{key}` must be a non-empty text"));
            String::new()
        }
        None => {
            ctx.at(span.line, entry, format!("missing `{key}`"));
            String::new()
        }
    }
}

fn root_map<'v>(ctx: &mut Ctx<'_>, value: &'v Value) -> Option<&'v Mapping> {
    let map = value.as_mapping();
    if map.is_none() {
        ctx.at(1, None, "expected a mapping at the top of the file");
    }
    map
}

/// `taxonomy.yaml`: the vocabularies, then the shared facts.
fn read_root(ctx: &mut Ctx<'_>, value: &Value, taxonomy: &mut Taxonomy) {
    let Some(map) = root_map(ctx, value) else {
        return;
    };
    let whole = ctx.whole();
    unknown_keys(ctx, map, &["vocabularies", "facts"], whole, None);
    let lines = ctx.lines.items("vocabularies");
    for (index, item) in seq(map, "vocabularies").iter().enumerate() {
        let span = ctx.item(&lines, index, whole);
        let Some(vocabulary) = read_vocabulary(ctx, item, span) else {
            continue;
        };
        if taxonomy
            .vocabularies
            .iter()
            .any(|v| v.name == vocabulary.name)
        {
            ctx.at(
                span.line,
                Some(&vocabulary.name),
                "vocabulary declared twice",
            );
        } else {
            taxonomy.vocabularies.push(vocabulary);
        }
    }
    let lines = ctx.lines.items("facts");
    for (index, item) in seq(map, "facts").iter().enumerate() {
        let span = ctx.item(&lines, index, whole);
        if let Some(fact) = read_fact(ctx, item, span, taxonomy) {
            taxonomy.facts.push(fact);
        }
    }
}

fn read_fact(ctx: &mut Ctx<'_>, item: &Value, span: Span, taxonomy: &Taxonomy) -> Option<Column> {
    let mut column = read_column_decl(ctx, item, span, &taxonomy.vocabularies, None)?;
    if column.optional || column.lookup || column.inherit.is_some() {
        let message = "a shared fact declares only its name, type, label and doc";
        ctx.at(span.line, Some(&column.name), message);
    }
    if taxonomy.facts.iter().any(|f| f.name == column.name) {
        ctx.at(span.line, Some(&column.name), "fact declared twice");
    }
    column.shared = true;
    Some(column)
}

fn read_vocabulary(ctx: &mut Ctx<'_>, item: &Value, span: Span) -> Option<Vocabulary> {
    let Some(map) = item.as_mapping() else {
        let message = "a vocabulary is a mapping with name, type, doc, values";
        ctx.at(span.line, None, message);
        return None;
    };
    let name = text(map, "name").unwrap_or_default();
    let entry = Some(name.as_str());
    unknown_keys(
        ctx,
        map,
        &["name", "type", "doc", "parameter", "values"],
        span,
        entry,
    );
    if !is_snake_ident(&name) {
        ctx.at(
            span.line,
            entry,
            format!("vocabulary name `{name}` is not snake_case"),
        );
    }
    let type_name = text(map, "type").unwrap_or_default();
    if !is_type_ident(&type_name) {
        let line = ctx.key_line("type", span);
        let message = format!("type `{type_name}` is not an UpperCamelCase identifier");
        ctx.at(line, entry, message);
    }
    let doc = required_text(ctx, map, "doc", span, entry);
    let parameter = read_parameter(ctx, map, span, entry);
    let values = read_values(ctx, map, span, entry, parameter.is_some());
    Some(Vocabulary {
        line: span.line,
        name,
        type_name,
        doc,
        parameter,
        values,
    })
}

fn read_parameter(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    span: Span,
    entry: Option<&str>,
) -> Option<Parameter> {
    let p = map.get("parameter")?.as_mapping()?;
    let parameter = Parameter {
        key: text(p, "key").unwrap_or_default(),
        accessor: text(p, "accessor").unwrap_or_default(),
        doc: text(p, "doc").unwrap_or_default(),
    };
    let named = is_snake_ident(&parameter.key) && is_snake_ident(&parameter.accessor);
    if !named || parameter.doc.is_empty() {
        let line = ctx.key_line("parameter", span);
        let message = "a parameter has a snake_case `key` and `accessor`, and a `doc`";
        ctx.at(line, entry, message);
    }
    Some(parameter)
}

fn read_values(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    span: Span,
    entry: Option<&str>,
    has_parameter: bool,
) -> Vec<VocabValue> {
    let lines = ctx.lines.keys_within("value", span);
    let mut values: Vec<VocabValue> = Vec::new();
    for (index, item) in seq(map, "values").iter().enumerate() {
        let value_span = ctx.item(&lines, index, span);
        let Some(value) = read_value(ctx, item, value_span, entry, has_parameter) else {
            continue;
        };
        if values.iter().any(|existing| existing.value == value.value) {
            let message = format!("value `{}` declared twice", value.value);
            ctx.at(value_span.line, entry, message);
        }
        values.push(value);
    }
    if values.is_empty() {
        ctx.at(span.line, entry, "a vocabulary needs values");
    }
    values
}

fn read_value(
    ctx: &mut Ctx<'_>,
    item: &Value,
    span: Span,
    entry: Option<&str>,
    has_parameter: bool,
) -> Option<VocabValue> {
    let Some(v) = item.as_mapping() else {
        ctx.at(
            span.line,
            entry,
            "a value is a mapping with value, text, doc",
        );
        return None;
    };
    let wire = text(v, "value").unwrap_or_default();
    let this = Some(wire.as_str());
    unknown_keys(ctx, v, &VALUE_KEYS, span, this);
    if !is_snake_ident(&wire) {
        ctx.at(
            span.line,
            entry,
            format!("value `{wire}` is not snake_case"),
        );
    }
    let field = text(v, "field");
    if field.is_some() && !has_parameter {
        ctx.at(
            span.line,
            this,
            "`field` needs the vocabulary's `parameter`",
        );
    }
    if let Some(f) = field.as_ref().filter(|f| !is_snake_ident(f)) {
        ctx.at(span.line, this, format!("field `{f}` is not snake_case"));
    }
    let value = VocabValue {
        line: span.line,
        ident: to_ident(&wire),
        text: required_text(ctx, v, "text", span, this),
        text_with_field: text(v, "text_with_field"),
        optional_field: flag(v, "optional_field"),
        field,
        field_doc: text(v, "field_doc"),
        prefix: text(v, "prefix"),
        default: flag(v, "default"),
        doc: required_text(ctx, v, "doc", span, this),
        value: wire,
    };
    check_value_texts(ctx, &value, span);
    Some(value)
}

/// `text` holds `{}` exactly when a required field fills it; an optional field's words with it
/// are `text_with_field`, which holds `{}`.
fn check_value_texts(ctx: &mut Ctx<'_>, value: &VocabValue, span: Span) {
    let (in_text, in_with_field) = match (&value.field, value.optional_field) {
        (None, _) => (false, None),
        (Some(_), false) => (true, None),
        (Some(_), true) => (false, Some(true)),
    };
    let with_field = value.text_with_field.as_ref().map(|t| t.contains("{}"));
    if value.text.contains("{}") != in_text || with_field != in_with_field {
        let message = "`text` has `{}` exactly when a required field fills it, and an optional \
                       field has `text_with_field` with `{}`";
        ctx.at(span.line, Some(&value.value), message);
    }
}

/// Resolves a column type by name: a built-in, a vocabulary, or a table key (`module.name`).
fn resolve_type(name: &str, vocabularies: &[Vocabulary]) -> Option<Type> {
    match name {
        "status" => Some(Type::Status),
        "bool" => Some(Type::Bool),
        "text" => Some(Type::Text),
        "phrases" => Some(Type::Phrases),
        _ => match vocabularies.iter().position(|v| v.name == name) {
            Some(index) => Some(Type::Vocab(index)),
            None if name.contains('.') => Some(Type::Table(name.to_owned())),
            None => None,
        },
    }
}

/// A column declaration. With `facts`, a name alone (or a mapping without `type`) is the shared
/// fact of that name, with the local properties added.
fn read_column_decl(
    ctx: &mut Ctx<'_>,
    item: &Value,
    span: Span,
    vocabularies: &[Vocabulary],
    facts: Option<&[Column]>,
) -> Option<Column> {
    let empty = Mapping::new();
    let (map, name) = match item {
        Value::String(name) => (&empty, name.trim().to_owned()),
        Value::Mapping(map) => (map, text(map, "name").unwrap_or_default()),
        _ => {
            ctx.at(
                span.line,
                None,
                "a column is a name or a mapping with `name`",
            );
            return None;
        }
    };
    let entry = Some(name.as_str());
    unknown_keys(ctx, map, &COLUMN_KEYS, span, entry);
    if !is_snake_ident(&name) {
        ctx.at(
            span.line,
            entry,
            format!("column name `{name}` is not snake_case"),
        );
        return None;
    }
    let mut column = column_base(ctx, map, &name, span, vocabularies, facts)?;
    apply_properties(ctx, map, span, &mut column);
    Some(column)
}

/// The column a declaration starts from: the shared fact it names, or a new column of its type.
fn column_base(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    name: &str,
    span: Span,
    vocabularies: &[Vocabulary],
    facts: Option<&[Column]>,
) -> Option<Column> {
    let entry = Some(name);
    let shared = facts.and_then(|facts| facts.iter().find(|f| f.name == name));
    match (map.get("type"), shared) {
        (None, Some(fact)) => Some(Column {
            line: span.line,
            ..fact.clone()
        }),
        (None, None) => {
            let message = match facts {
                Some(facts) => {
                    let known: Vec<&str> = facts.iter().map(|f| f.name.as_str()).collect();
                    format!(
                        "column `{name}` has no `type` and is no shared fact (the facts: {})",
                        known.join(", ")
                    )
                }
                None => format!("fact `{name}` needs a `type`"),
            };
            ctx.at(span.line, entry, message);
            None
        }
        (Some(_), Some(_)) => {
            let line = ctx.key_line("type", span);
            let message = format!("`{name}` is a shared fact: leave its type to taxonomy.yaml");
            ctx.at(line, entry, message);
            None
        }
        (Some(ty), None) => {
            let ty_name = ty.as_str().unwrap_or_default();
            let Some(ty) = resolve_type(ty_name, vocabularies) else {
                let vocabs: Vec<&str> = vocabularies.iter().map(|v| v.name.as_str()).collect();
                let line = ctx.key_line("type", span);
                let message = format!(
                    "unknown type `{ty_name}`; a type is status, bool, text, phrases, a \
                     vocabulary ({}) or a table (`module.name`)",
                    vocabs.join(", ")
                );
                ctx.at(line, entry, message);
                return None;
            };
            Some(Column::new(name, ty, span.line))
        }
    }
}

/// The properties a declaration sets on its column: doc, label, accessor, and the rules.
fn apply_properties(ctx: &mut Ctx<'_>, map: &Mapping, span: Span, column: &mut Column) {
    let name = column.name.clone();
    let entry = Some(name.as_str());
    if let Some(doc) = text(map, "doc") {
        column.doc = doc;
    }
    if column.doc.is_empty() {
        ctx.at(span.line, entry, "missing `doc`");
    }
    if let Some(label) = text(map, "label") {
        column.label = label;
    }
    if let Some(accessor) = text(map, "accessor") {
        if !is_snake_ident(&accessor) {
            ctx.at(
                span.line,
                entry,
                format!("accessor `{accessor}` is not snake_case"),
            );
        }
        column.accessor = accessor;
    }
    column.optional |= flag(map, "optional");
    column.lookup |= flag(map, "lookup");
    if let Some(inherit) = text(map, "inherit") {
        column.inherit = Some(inherit);
    }
    if let Some(conditions) = map.get("where").and_then(Value::as_mapping) {
        for (key, value) in conditions {
            let scalar = match value {
                Value::Bool(b) => Scalar::Bool(*b),
                Value::String(s) => Scalar::Text(s.clone()),
                _ => {
                    ctx.at(span.line, entry, "a `where` value is a bool or a text");
                    continue;
                }
            };
            let key = key.as_str().unwrap_or_default().to_owned();
            column.where_.push((key, scalar));
        }
    }
    if let Some(when) = map.get("true_exactly_when").and_then(Value::as_mapping) {
        match when.iter().next() {
            Some((key, Value::String(value))) if when.len() == 1 => {
                let key = key.as_str().unwrap_or_default().to_owned();
                column.true_exactly_when = Some((key, value.clone()));
            }
            _ => ctx.at(
                span.line,
                entry,
                "`true_exactly_when` is one `column: value`",
            ),
        }
    }
}

/// One table's file: its header, columns and rows.
fn read_table(ctx: &mut Ctx<'_>, value: &Value, taxonomy: &Taxonomy) -> Option<Table> {
    let map = root_map(ctx, value)?;
    let whole = ctx.whole();
    unknown_keys(ctx, map, &TABLE_KEYS, whole, None);
    let key = text(map, "table").unwrap_or_default();
    let key_line = ctx.key_line("table", whole);
    let module = match key.split_once('.') {
        Some((m, name)) if is_snake_ident(m) && is_snake_ident(name) => m.to_owned(),
        _ => {
            let message = format!("table `{key}` is not of the form `module.name` in snake_case");
            ctx.at(key_line, None, message);
            key.split('.').next().unwrap_or_default().to_owned()
        }
    };
    let type_name = text(map, "type").unwrap_or_default();
    if !is_type_ident(&type_name) {
        let line = ctx.key_line("type", whole);
        let message = format!("type `{type_name}` is not an UpperCamelCase identifier");
        ctx.at(line, None, message);
    }
    let doc = required_text(ctx, map, "doc", whole, None);
    let code_is = text(map, "code_is").map(|c| (c, ctx.key_line("code_is", whole)));
    let (columns, broken) = read_columns(ctx, map, taxonomy);
    let rows = read_rows(ctx, map, &columns, &broken, taxonomy);
    let unknown_codes = read_unknown_codes(ctx, map, taxonomy);
    let free_text = read_free_text(ctx, map);
    let unknown_code = read_unknown_code(ctx, map, &columns, taxonomy);
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
        unknown_codes,
        free_text,
        unknown_code,
    })
}

/// `unknown_code:`: values for some of the table's columns, read like a row's, and a `reason`.
fn read_unknown_code(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    columns: &[Column],
    taxonomy: &Taxonomy,
) -> Option<UnknownCode> {
    let entry = "unknown_code";
    let (facts, span) = section_map(ctx, map, entry, "of columns and a `reason`")?;
    let mut keys = row_keys(columns, taxonomy);
    keys.retain(|k| !ROW_KEYS.contains(&k.as_str()));
    keys.push("reason".to_owned());
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    unknown_keys(ctx, facts, &keys, span, Some(entry));
    let reason = required_text(ctx, facts, "reason", span, Some(entry));
    let mut row = Row {
        line: span.line,
        code: String::new(),
        rust_name: None,
        description: String::new(),
        deprecated: None,
        override_note: None,
        cells: BTreeMap::new(),
        cell_lines: BTreeMap::new(),
        unreadable: Vec::new(),
    };
    for column in columns
        .iter()
        .filter(|c| facts.contains_key(c.name.as_str()))
    {
        read_cells(ctx, facts, span, entry, column, taxonomy, &mut row);
    }
    if row.cells.is_empty() && row.unreadable.is_empty() {
        ctx.at(
            span.line,
            Some(entry),
            "`unknown_code` gives no column a value",
        );
    }
    Some(UnknownCode {
        reason,
        cells: row.cells,
    })
}

/// The table's columns, and the names of the declarations that could not be read (reported),
/// whose row values are then not reported again.
fn read_columns(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    taxonomy: &Taxonomy,
) -> (Vec<Column>, Vec<String>) {
    let whole = ctx.whole();
    let columns_line = ctx.key_line("columns", whole);
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
    let fallback = Span {
        line: columns_line,
        end: columns_line + 1,
    };
    let mut columns: Vec<Column> = Vec::new();
    let mut broken = Vec::new();
    for (index, item) in seq(map, "columns").iter().enumerate() {
        let span = ctx.item(&lines, index, fallback);
        let declared = read_column_decl(
            ctx,
            item,
            span,
            &taxonomy.vocabularies,
            Some(&taxonomy.facts),
        );
        let Some(column) = declared else {
            broken.extend(match item {
                Value::String(name) => Some(name.clone()),
                Value::Mapping(map) => text(map, "name"),
                _ => None,
            });
            continue;
        };
        if columns.iter().any(|c| c.name == column.name) {
            ctx.at(span.line, Some(&column.name), "column declared twice");
        } else if ROW_KEYS.contains(&column.name.as_str()) {
            ctx.at(
                span.line,
                Some(&column.name),
                "a column cannot take a row key's name",
            );
        } else {
            columns.push(column);
        }
    }
    (columns, broken)
}

/// The keys a row of these columns may have: the row keys, each column, and each vocabulary
/// number's key (`retry_delay_s`).
fn row_keys(columns: &[Column], taxonomy: &Taxonomy) -> Vec<String> {
    let mut keys: Vec<String> = ROW_KEYS.iter().map(|k| (*k).to_owned()).collect();
    for column in columns {
        keys.push(column.name.clone());
        keys.extend(parameter_key(column, taxonomy));
    }
    keys
}

/// The row key of the number a column's vocabulary value may carry, e.g. `retry_delay_s`.
fn parameter_key(column: &Column, taxonomy: &Taxonomy) -> Option<String> {
    match column.ty {
        Type::Vocab(v) => taxonomy.vocabularies[v]
            .parameter
            .as_ref()
            .map(|p| format!("{}_{}", column.name, p.key)),
        _ => None,
    }
}

fn read_rows(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    columns: &[Column],
    broken: &[String],
    taxonomy: &Taxonomy,
) -> Vec<Row> {
    let lines = ctx.lines.items("codes");
    let whole = ctx.whole();
    let keys = row_keys(columns, taxonomy);
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    for (index, item) in seq(map, "codes").iter().enumerate() {
        let span = ctx.item(&lines, index, whole);
        let Some(row) = item.as_mapping() else {
            ctx.at(
                span.line,
                None,
                "a row is a mapping with `code` and `description`",
            );
            continue;
        };
        // Values of columns whose declaration was already reported are not reported again.
        let known: Mapping = row
            .iter()
            .filter(|(k, _)| !k.as_str().is_some_and(|k| broken.iter().any(|b| b == k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        rows.push(read_row(ctx, &known, index, span, &keys, columns, taxonomy));
    }
    if rows.is_empty() {
        let line = ctx.key_line("codes", whole);
        ctx.at(line, None, "the table has no codes");
    }
    rows
}

fn read_row(
    ctx: &mut Ctx<'_>,
    row: &Mapping,
    index: usize,
    span: Span,
    keys: &[&str],
    columns: &[Column],
    taxonomy: &Taxonomy,
) -> Row {
    let code = match row.get("code") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let entry = if code.is_empty() {
        format!("#{}", index + 1)
    } else {
        code.clone()
    };
    unknown_keys(ctx, row, keys, span, Some(&entry));
    let mut optional_text = |key: &str| match row.get(key) {
        None => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(_) => {
            let line = ctx.key_line(key, span);
            ctx.at(
                line,
                Some(&entry),
                format!("`{key}` must be a non-empty text"),
            );
            None
        }
    };
    let rust_name = optional_text("rust_name");
    let deprecated = optional_text("deprecated");
    let override_note = optional_text("override");
    let description = optional_text("description");
    let mut read = Row {
        line: span.line,
        code,
        rust_name,
        description: description.unwrap_or_default(),
        deprecated,
        override_note,
        cells: BTreeMap::new(),
        cell_lines: BTreeMap::new(),
        unreadable: Vec::new(),
    };
    if read.description.is_empty() && !row.contains_key("description") {
        ctx.at(span.line, Some(&entry), "missing description");
    }
    for column in columns {
        read_cells(ctx, row, span, &entry, column, taxonomy, &mut read);
    }
    read
}

/// One column's value in a row (and the number its vocabulary value carries).
fn read_cells(
    ctx: &mut Ctx<'_>,
    row: &Mapping,
    span: Span,
    entry: &str,
    column: &Column,
    taxonomy: &Taxonomy,
    read: &mut Row,
) {
    let line = ctx.key_line(&column.name, span);
    read.cell_lines.insert(column.name.clone(), line);
    let key = parameter_key(column, taxonomy);
    let parameter = key.as_deref().and_then(|k| row.get(k));
    let Some(value) = row.get(column.name.as_str()) else {
        if let (Some(key), Some(_)) = (&key, parameter) {
            let message = format!("`{key}` without `{}`", column.name);
            ctx.at(line, Some(entry), message);
        }
        return;
    };
    let at = (line, entry);
    match read_cell(ctx, column, value, parameter, taxonomy, at) {
        Some(cell) => {
            read.cells.insert(column.name.clone(), cell);
        }
        None => read.unreadable.push(column.name.clone()),
    }
}

/// How a YAML value reads in a message.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Sequence(items) if items.is_empty() => "[]".into(),
        Value::Sequence(_) => "a list".into(),
        _ => "a mapping".into(),
    }
}

/// A cell of the column's type; `None`, reported, when the value is not one.
fn read_cell(
    ctx: &mut Ctx<'_>,
    column: &Column,
    value: &Value,
    parameter: Option<&Value>,
    taxonomy: &Taxonomy,
    (line, entry): (usize, &str),
) -> Option<Cell> {
    let expected = match &column.ty {
        Type::Status => match value.as_u64() {
            Some(status) if (100..=599).contains(&status) => {
                return Some(Cell::Status(status as u16));
            }
            Some(_) => "an HTTP status: it is outside 100-599".to_owned(),
            None => "an HTTP status (a number)".to_owned(),
        },
        Type::Bool => match value.as_bool() {
            Some(b) => return Some(Cell::Bool(b)),
            None => "true or false".to_owned(),
        },
        Type::Text => match value.as_str() {
            Some(s) if !s.trim().is_empty() && s.trim() == s => {
                return Some(Cell::Text(s.to_owned()));
            }
            Some(_) => "a text without surrounding spaces".to_owned(),
            None => "a text".to_owned(),
        },
        Type::Phrases => match phrases(value) {
            Some(list) => return Some(Cell::Phrases(list)),
            None => "a non-empty list of phrases".to_owned(),
        },
        Type::Vocab(v) => {
            let vocabulary = &taxonomy.vocabularies[*v];
            match value.as_str().and_then(|s| vocabulary.find(s)) {
                Some(index) => {
                    let number =
                        read_number(ctx, column, vocabulary, index, parameter, (line, entry));
                    return Some(Cell::Vocab(index, number));
                }
                None => format!(
                    "a {} value; the values are: {}",
                    vocabulary.name,
                    vocabulary.value_list()
                ),
            }
        }
        Type::Table(_) => match value.as_str() {
            Some(code) => return Some(Cell::Ref(code.to_owned())),
            None => "a code (a text)".to_owned(),
        },
    };
    let message = format!("`{}: {}` is not {expected}", column.name, shown(value));
    ctx.at(line, Some(entry), message);
    None
}

/// A non-empty list of texts (a number, such as `404`, is its digits).
fn phrases(value: &Value) -> Option<Vec<String>> {
    let items = value.as_sequence().filter(|items| !items.is_empty())?;
    items
        .iter()
        .map(|p| match p {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect()
}

/// The number a vocabulary value carries, checked against what the value takes.
fn read_number(
    ctx: &mut Ctx<'_>,
    column: &Column,
    vocabulary: &Vocabulary,
    index: usize,
    parameter: Option<&Value>,
    (line, entry): (usize, &str),
) -> Option<u32> {
    let key = vocabulary
        .parameter
        .as_ref()
        .map(|p| format!("{}_{}", column.name, p.key))
        .unwrap_or_default();
    let (number, bad) = match parameter.map(Value::as_u64) {
        None => (None, false),
        Some(Some(n)) if (1..=u64::from(u32::MAX)).contains(&n) => (Some(n as u32), false),
        Some(_) => {
            ctx.at(
                line,
                Some(entry),
                format!("`{key}` must be a number from 1"),
            );
            (None, true)
        }
    };
    let value = &vocabulary.values[index];
    match (&value.field, value.optional_field, number) {
        (None, _, Some(_)) => {
            let message = format!(
                "`{key}` goes only with a {} value that carries it",
                vocabulary.name
            );
            ctx.at(line, Some(entry), message);
        }
        (Some(_), false, None) if !bad => {
            let message = format!("`{}: {}` needs `{key}`", column.name, value.value);
            ctx.at(line, Some(entry), message);
        }
        _ => {}
    }
    number
}

/// The mapping under a table's top-level `key` and the lines it spans; `None` when the key is
/// absent, or (reported) when it is not a mapping, which `holding` describes.
fn section_map<'v>(
    ctx: &mut Ctx<'_>,
    map: &'v Mapping,
    key: &str,
    holding: &str,
) -> Option<(&'v Mapping, Span)> {
    let value = map.get(key)?;
    let span = section(ctx, key);
    match value.as_mapping() {
        Some(inner) => Some((inner, span)),
        None => {
            ctx.at(span.line, None, format!("`{key}` is a mapping {holding}"));
            None
        }
    }
}

/// The span of a top-level section `key:`, to the next top-level key.
fn section(ctx: &Ctx<'_>, key: &str) -> Span {
    let header = format!("{key}:");
    let lines: Vec<&str> = ctx.lines.text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(&header))
        .map_or(1, |i| i + 1);
    let end = lines
        .iter()
        .enumerate()
        .skip(start)
        .find(|(_, l)| !l.is_empty() && !l.starts_with([' ', '#', '-']))
        .map_or(lines.len() + 1, |(i, _)| i + 1);
    Span { line: start, end }
}

/// A cue's phrase groups, under `all_of`; a problem at the key when they are missing or not
/// phrases.
fn all_of(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    span: Span,
    entry: Option<&str>,
) -> Option<Vec<Vec<String>>> {
    let found = groups(map.get("all_of"));
    if found.is_none() {
        let line = ctx.key_line("all_of", span);
        ctx.at(
            line,
            entry,
            "`all_of` is a list of phrases, or a list of lists of phrases",
        );
    }
    found
}

/// A list of phrase groups: `[[a, b], [c]]`, or one group `[a, b]`.
fn groups(value: Option<&Value>) -> Option<Vec<Vec<String>>> {
    let items = value?.as_sequence()?;
    if items.iter().all(Value::is_string) {
        return Some(vec![
            items
                .iter()
                .filter_map(|p| p.as_str().map(str::to_owned))
                .collect(),
        ]);
    }
    items
        .iter()
        .map(|group| {
            group
                .as_sequence()?
                .iter()
                .map(|p| p.as_str().map(str::to_owned))
                .collect::<Option<Vec<String>>>()
        })
        .collect()
}

fn texts(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_sequence)
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

const UNKNOWN_KEYS: [&str; 4] = ["decides", "given", "skip", "steps"];
const STEP_KEYS: [&str; 5] = ["name", "reason", "strip_prefix", "all_of", "given"];

/// `unknown_codes:`: how the table places a code it does not know.
fn read_unknown_codes(
    ctx: &mut Ctx<'_>,
    map: &Mapping,
    taxonomy: &Taxonomy,
) -> Option<UnknownCodes> {
    let (rules, span) = section_map(ctx, map, "unknown_codes", "with decides, given, steps")?;
    unknown_keys(ctx, rules, &UNKNOWN_KEYS, span, None);
    let decides = required_text(ctx, rules, "decides", span, None);
    let lines = ctx.lines.keys_within("name", span);
    let mut steps = Vec::new();
    for (index, item) in seq(rules, "steps").iter().enumerate() {
        let step_span = ctx.item(&lines, index, span);
        steps.extend(read_step(ctx, item, step_span, taxonomy, &decides));
    }
    Some(UnknownCodes {
        line: span.line,
        decides,
        given: required_text(ctx, rules, "given", span, None),
        skip: texts(rules.get("skip")),
        steps,
    })
}

/// One step; the code it gives is under the name of the column the steps decide.
fn read_step(
    ctx: &mut Ctx<'_>,
    item: &Value,
    span: Span,
    taxonomy: &Taxonomy,
    decides: &str,
) -> Option<Step> {
    let Some(step) = item.as_mapping() else {
        ctx.at(
            span.line,
            None,
            "a step is a mapping with name, reason, and what it does",
        );
        return None;
    };
    let name = required_text(ctx, step, "name", span, None);
    let entry = Some(name.as_str());
    let mut keys = STEP_KEYS.to_vec();
    keys.push(decides);
    unknown_keys(ctx, step, &keys, span, entry);
    let kind = step_kind(ctx, step, span, entry, taxonomy)?;
    let given = match step.get("given") {
        Some(Value::String(one)) => vec![one.clone()],
        other => texts(other),
    };
    Some(Step {
        line: span.line,
        reason: required_text(ctx, step, "reason", span, entry),
        value: text(step, decides),
        name,
        kind,
        given,
    })
}

/// What a step does: strip a vocabulary's prefix, look for a cue (`all_of`), or neither (the
/// default).
fn step_kind(
    ctx: &mut Ctx<'_>,
    step: &Mapping,
    span: Span,
    entry: Option<&str>,
    taxonomy: &Taxonomy,
) -> Option<StepKind> {
    Some(match (text(step, "strip_prefix"), step.get("all_of")) {
        (Some(vocabulary), None) => match taxonomy
            .vocabularies
            .iter()
            .position(|v| v.name == vocabulary)
        {
            Some(index) => StepKind::StripPrefix(index),
            None => {
                ctx.at(
                    span.line,
                    entry,
                    format!("`strip_prefix: {vocabulary}` names no vocabulary"),
                );
                return None;
            }
        },
        (None, Some(_)) => StepKind::Cue(all_of(ctx, step, span, entry)?),
        (None, None) => StepKind::Default,
        (Some(_), Some(_)) => {
            ctx.at(
                span.line,
                entry,
                "a step strips a prefix or has a cue (`all_of`), not both",
            );
            return None;
        }
    })
}

const FREE_TEXT_KEYS: [&str; 6] = [
    "phrases",
    "cue_weight",
    "skip",
    "negations",
    "cues",
    "priority",
];
const CUE_KEYS: [&str; 6] = ["name", "reason", "all_of", "code", "scope", "weight"];

/// `free_text:`: how the table reads free text into one of its codes.
fn read_free_text(ctx: &mut Ctx<'_>, map: &Mapping) -> Option<FreeText> {
    let (reader, span) = section_map(ctx, map, "free_text", "with phrases, cues, priority")?;
    unknown_keys(ctx, reader, &FREE_TEXT_KEYS, span, None);
    let cue_weight = reader
        .get("cue_weight")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    if !(1..=1000).contains(&cue_weight) {
        let line = ctx.key_line("cue_weight", span);
        ctx.at(line, None, "`cue_weight` is a number from 1 to 1000");
    }
    let lines = ctx.lines.keys_within("name", span);
    let mut cues = Vec::new();
    for (index, item) in seq(reader, "cues").iter().enumerate() {
        let cue_span = ctx.item(&lines, index, span);
        cues.extend(read_cue(ctx, item, cue_span));
    }
    Some(FreeText {
        line: span.line,
        phrases: required_text(ctx, reader, "phrases", span, None),
        cue_weight: cue_weight.min(1000) as u16,
        skip: texts(reader.get("skip")),
        negations: texts(reader.get("negations")),
        cues,
        priority: texts(reader.get("priority")),
    })
}

fn read_cue(ctx: &mut Ctx<'_>, item: &Value, span: Span) -> Option<Cue> {
    let Some(cue) = item.as_mapping() else {
        ctx.at(
            span.line,
            None,
            "a cue is a mapping with name, reason, all_of, code",
        );
        return None;
    };
    let name = required_text(ctx, cue, "name", span, None);
    let entry = Some(name.as_str());
    unknown_keys(ctx, cue, &CUE_KEYS, span, entry);
    let groups = all_of(ctx, cue, span, entry)?;
    let whole_text = match text(cue, "scope").as_deref() {
        None | Some("clause") => false,
        Some("text") => true,
        Some(other) => {
            let line = ctx.key_line("scope", span);
            ctx.at(
                line,
                entry,
                format!("`scope: {other}` is `clause` (the default) or `text`"),
            );
            false
        }
    };
    Some(Cue {
        line: span.line,
        reason: required_text(ctx, cue, "reason", span, entry),
        code: required_text(ctx, cue, "code", span, entry),
        weight: cue
            .get("weight")
            .and_then(Value::as_u64)
            .map(|w| w.min(1000) as u16),
        name,
        groups,
        whole_text,
    })
}

pub fn is_code_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
