//! Reads the YAML sources into the model. marked-yaml parses each file into nodes that keep their
//! lines. A section of fixed keys is a `derive(Deserialize)` struct that denies unknown keys; a
//! row, whose keys are its table's columns, and a step, keyed by the column it decides, are read
//! key by key. Every problem names the file, the line and the entry, an unknown key lists the keys
//! allowed there, and reading goes on after a problem, so that one run reports all of them.

use std::collections::BTreeMap;

use marked_yaml::types::{MarkedMappingNode as Map, MarkedScalarNode};
use marked_yaml::{LoadError, LoaderOptions, Node, Span, Spanned};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::model::{
    Cell, Column, Cue, FreeText, Parameter, Row, Scalar, Step, StepKind, Table, Taxonomy, Type,
    UnknownCode, UnknownCodes, VocabValue, Vocabulary, is_snake_ident, is_type_ident, to_ident,
};
use crate::{PUBLISHED, Problem, Source, VOCABULARIES};

/// The longest wire code a table may hold. (The crate's case-insensitive parse folds into a
/// buffer the size of the longest code there is, which the generator emits as `MAX_CODE_LEN`.)
pub const MAX_CODE_LEN: usize = 96;

const ROOT_KEYS: [&str; 2] = ["vocabularies", "facts"];
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
const STEP_KEYS: [&str; 6] = [
    "name",
    "reason",
    "strip_prefix",
    "named_code",
    "all_of",
    "given",
];

/// A text with the line it is on.
type Text = Option<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyDecl {
    #[serde(default)]
    name: String,
    #[serde(rename = "type", default)]
    type_name: Text,
    doc: Text,
    parameter: Option<Spanned<ParameterDecl>>,
    /// Read from the node, value by value.
    #[serde(rename = "values", default)]
    _values: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterDecl {
    #[serde(default)]
    key: String,
    #[serde(default)]
    accessor: String,
    #[serde(default)]
    doc: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueDecl {
    #[serde(default)]
    value: String,
    text: Text,
    text_with_field: Option<String>,
    field: Text,
    #[serde(default)]
    optional_field: bool,
    field_doc: Option<String>,
    prefix: Option<String>,
    #[serde(default)]
    default: bool,
    doc: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnDecl {
    #[serde(default)]
    name: String,
    #[serde(rename = "type")]
    type_name: Text,
    doc: Option<String>,
    label: Option<String>,
    accessor: Text,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    lookup: bool,
    inherit: Option<String>,
    /// Read from the node: a value is a bool or a text.
    #[serde(rename = "where", default)]
    _where: IgnoredAny,
    true_exactly_when: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnknownCodesDecl {
    decides: Text,
    given: Text,
    #[serde(default)]
    skip: Vec<String>,
    /// Read from the node, step by step: a step is keyed by the column it decides.
    #[serde(rename = "steps", default)]
    _steps: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FreeTextDecl {
    phrases: Text,
    cue_weight: Option<Spanned<u64>>,
    #[serde(default)]
    skip: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    negation_reach: Option<Spanned<u64>>,
    #[serde(default)]
    contractions: Vec<String>,
    #[serde(default)]
    negation_ends: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    hypothetical: Vec<String>,
    #[serde(default)]
    conditional: Vec<String>,
    #[serde(default)]
    asking: Vec<String>,
    #[serde(default)]
    affirmations: Vec<String>,
    contrast: Option<ContrastDecl>,
    /// Read from the node, cue by cue.
    #[serde(rename = "cues", default)]
    _cues: IgnoredAny,
    #[serde(default)]
    priority: Vec<String>,
    learned: Option<LearnedDecl>,
}

/// `free_text.learned`: how word weights are learnt from the labelled reasons.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnedDecl {
    #[serde(default)]
    ignore: Vec<String>,
    smoothing_percent: Option<Spanned<u64>>,
    min_reasons: Option<Spanned<u64>>,
    min_class_reasons: Option<Spanned<u64>>,
    min_known_percent: Option<Spanned<u64>>,
    min_known_features: Option<Spanned<u64>>,
    fallback_margin: Option<Spanned<u64>>,
    override_margin: Option<Spanned<u64>>,
}

/// How a contrast tells the stated cause from a preliminary one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContrastDecl {
    #[serde(default)]
    stated_after: Vec<String>,
    #[serde(default)]
    stated_before: Vec<String>,
    stated_percent: Option<Spanned<u64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueDecl {
    name: Text,
    reason: Text,
    /// Read from the node: one list of phrases, or a list of them.
    #[serde(rename = "all_of", default)]
    _all_of: IgnoredAny,
    code: Text,
    scope: Text,
    weight: Option<u64>,
    #[serde(default)]
    excludes: Vec<String>,
    #[serde(default)]
    clears: Vec<String>,
}

/// The first line of a span (1-based).
fn line(span: &Span) -> usize {
    span.start().map_or(1, |mark| mark.line())
}

/// Where problems go, while reading one file.
struct Ctx<'a> {
    file: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Ctx<'_> {
    fn at(&mut self, line: usize, entry: Option<&str>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.to_owned(),
            line: Some(line),
            entry: entry.map(str::to_owned),
            message: message.into(),
        });
    }

    /// `node` as `T`; `None`, reported where it went wrong, when it is not one. Unknown keys are
    /// each reported at their line, with the keys allowed there, and the rest is read on.
    fn decode<T: DeserializeOwned>(&mut self, node: &Node, entry: Option<&str>) -> Option<T> {
        let error = match marked_yaml::from_node(node) {
            Ok(value) => return Some(value),
            Err(error) => error,
        };
        if let marked_yaml::Error::UnknownFieldError(_, allowed, _) = &*error {
            let allowed: &'static [&'static str] = allowed;
            let map = self.mapping(node, allowed, entry, "")?;
            let mut known: Map = map
                .iter()
                .filter(|(key, _)| allowed.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            *known.span_mut() = *map.span();
            return self.decode(&Node::Mapping(known), entry);
        }
        let at = error.start_mark().map_or(line(node.span()), |m| m.line());
        let message = match error.path() {
            Some(path) => format!("`{path}`: {}", *error),
            None => error.to_string(),
        };
        self.at(at, entry, message);
        None
    }

    /// `node` as a mapping of `allowed` keys: each other key is reported, with the list.
    fn mapping<'n>(
        &mut self,
        node: &'n Node,
        allowed: &[&str],
        entry: Option<&str>,
        not_one: &str,
    ) -> Option<&'n Map> {
        let Some(map) = node.as_mapping() else {
            self.at(line(node.span()), entry, not_one);
            return None;
        };
        for (key, _) in map.iter() {
            if !allowed.contains(&key.as_str()) {
                let message = format!(
                    "unknown key `{}`; the keys here are: {}",
                    key.as_str(),
                    allowed.join(", ")
                );
                self.at(line(key.span()), entry, message);
            }
        }
        Some(map)
    }

    /// A text that must be there and not blank; reported and empty otherwise.
    fn required(&mut self, text: &Text, key: &str, at: usize, entry: Option<&str>) -> String {
        match text {
            Some(text) if !text.trim().is_empty() => text.trim().to_owned(),
            Some(text) => {
                let message = format!("`{key}` must be a non-empty text");
                self.at(line(text.span()), entry, message);
                String::new()
            }
            None => {
                self.at(at, entry, format!("missing `{key}`"));
                String::new()
            }
        }
    }
}

/// The line of `key` in `map`, else the map's own.
fn key_line(map: &Map, key: &str) -> usize {
    map.iter()
        .find(|(k, _)| k.as_str() == key)
        .map_or(line(map.span()), |(k, _)| line(k.span()))
}

fn text(map: &Map, key: &str) -> Option<String> {
    map.get_scalar(key).map(|s| s.as_str().trim().to_owned())
}

fn items<'n>(map: &'n Map, key: &str) -> &'n [Node] {
    map.get_sequence(key).map_or(&[], |s| s.as_slice())
}

/// The line a loader error is on.
fn load_error_line(error: &LoadError) -> Option<usize> {
    match error {
        LoadError::TopLevelMustBeMapping(m)
        | LoadError::TopLevelMustBeSequence(m)
        | LoadError::UnexpectedAnchor(m)
        | LoadError::MappingKeyMustBeScalar(m)
        | LoadError::UnexpectedTag(m)
        | LoadError::ScanError(m, _) => Some(m.line()),
        LoadError::DuplicateKey(inner) => inner.key.span().start().map(|m| m.line()),
    }
}

/// A loader message without the `line:column: ` it starts with: the problem has its line.
fn without_position(message: &str) -> &str {
    let mut parts = message.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(line), Some(column), Some(rest))
            if [line, column]
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            rest.trim_start()
        }
        _ => message,
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
    // A quoted scalar stays text (`"404"` is no number, `"true"` no bool), as YAML reads it.
    let options = || {
        LoaderOptions::default()
            .error_on_duplicate_keys(true)
            .prevent_coercion(true)
    };
    for source in sources {
        if source.path == PUBLISHED {
            taxonomy.published = read_published(source, &mut problems);
            continue;
        }
        // Labelled reasons: read where weights are learnt (`crate::learn`).
        if source.path.starts_with(crate::LABELLED) && source.path.ends_with(".tsv") {
            continue;
        }
        match marked_yaml::parse_yaml_with_options(0, &source.text, options()) {
            Ok(node) => parsed.push((source, node)),
            Err(e) => problems.push(Problem {
                file: source.path.clone(),
                line: load_error_line(&e),
                entry: None,
                message: without_position(&e.to_string()).to_owned(),
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
    let (source, node) = parsed.remove(index);
    read_root(&mut ctx(source, &mut problems), &node, &mut taxonomy);
    for (source, node) in parsed {
        if let Some(table) = read_table(&mut ctx(source, &mut problems), &node, &taxonomy) {
            taxonomy.tables.push(table);
        }
    }
    (Some(taxonomy), problems)
}

fn ctx<'a>(source: &'a Source, problems: &'a mut Vec<Problem>) -> Ctx<'a> {
    Ctx {
        file: &source.path,
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

/// `taxonomy.yaml`: the vocabularies, then the shared facts.
fn read_root(ctx: &mut Ctx<'_>, node: &Node, taxonomy: &mut Taxonomy) {
    let not_one = "expected a mapping at the top of the file";
    let Some(map) = ctx.mapping(node, &ROOT_KEYS, None, not_one) else {
        return;
    };
    for item in items(map, "vocabularies") {
        let Some(vocabulary) = read_vocabulary(ctx, item) else {
            continue;
        };
        if taxonomy
            .vocabularies
            .iter()
            .any(|v| v.name == vocabulary.name)
        {
            let entry = Some(vocabulary.name.as_str());
            ctx.at(vocabulary.line, entry, "vocabulary declared twice");
        } else {
            taxonomy.vocabularies.push(vocabulary);
        }
    }
    for item in items(map, "facts") {
        if let Some(fact) = read_fact(ctx, item, taxonomy) {
            taxonomy.facts.push(fact);
        }
    }
}

fn read_fact(ctx: &mut Ctx<'_>, item: &Node, taxonomy: &Taxonomy) -> Option<Column> {
    let mut column = read_column_decl(ctx, item, &taxonomy.vocabularies, None)?;
    let entry = Some(column.name.as_str());
    if column.optional || column.lookup || column.inherit.is_some() {
        let message = "a shared fact declares only its name, type, label and doc";
        ctx.at(column.line, entry, message);
    }
    if taxonomy.facts.iter().any(|f| f.name == column.name) {
        ctx.at(column.line, entry, "fact declared twice");
    }
    column.shared = true;
    Some(column)
}

/// The `name` of a mapping, to name an entry before it is read.
fn entry_name(node: &Node, key: &str) -> Option<String> {
    node.as_mapping().and_then(|m| text(m, key))
}

fn read_vocabulary(ctx: &mut Ctx<'_>, item: &Node) -> Option<Vocabulary> {
    let at = line(item.span());
    let Some(map) = item.as_mapping() else {
        let message = "a vocabulary is a mapping with name, type, doc, values";
        ctx.at(at, None, message);
        return None;
    };
    let name = entry_name(item, "name").unwrap_or_default();
    let entry = Some(name.as_str());
    let decl: VocabularyDecl = ctx.decode(item, entry)?;
    if !is_snake_ident(&name) {
        let message = format!("vocabulary name `{name}` is not snake_case");
        ctx.at(at, entry, message);
    }
    let type_name = decl.type_name.as_ref().map_or("", |t| t.trim()).to_owned();
    if !is_type_ident(&type_name) {
        let type_line = decl.type_name.as_ref().map_or(at, |t| line(t.span()));
        let message = format!("type `{type_name}` is not an UpperCamelCase identifier");
        ctx.at(type_line, entry, message);
    }
    let doc = ctx.required(&decl.doc, "doc", at, entry);
    let parameter = decl.parameter.map(|p| {
        let named = is_snake_ident(&p.key) && is_snake_ident(&p.accessor);
        if !named || p.doc.trim().is_empty() {
            let message = "a parameter has a snake_case `key` and `accessor`, and a `doc`";
            ctx.at(line(p.span()), entry, message);
        }
        Parameter {
            key: p.key.trim().to_owned(),
            accessor: p.accessor.trim().to_owned(),
            doc: p.doc.trim().to_owned(),
        }
    });
    let values = read_values(ctx, map, at, entry, parameter.is_some());
    Some(Vocabulary {
        line: at,
        name: decl.name.trim().to_owned(),
        type_name,
        doc,
        parameter,
        values,
    })
}

fn read_values(
    ctx: &mut Ctx<'_>,
    map: &Map,
    at: usize,
    entry: Option<&str>,
    has_parameter: bool,
) -> Vec<VocabValue> {
    let mut values: Vec<VocabValue> = Vec::new();
    for node in items(map, "values") {
        let Some(value) = read_value(ctx, node, entry, has_parameter) else {
            continue;
        };
        if values.iter().any(|existing| existing.value == value.value) {
            let message = format!("value `{}` declared twice", value.value);
            ctx.at(value.line, entry, message);
        }
        values.push(value);
    }
    if values.is_empty() {
        ctx.at(at, entry, "a vocabulary needs values");
    }
    values
}

fn read_value(
    ctx: &mut Ctx<'_>,
    node: &Node,
    entry: Option<&str>,
    has_parameter: bool,
) -> Option<VocabValue> {
    let at = line(node.span());
    if node.as_mapping().is_none() {
        ctx.at(at, entry, "a value is a mapping with value, text, doc");
        return None;
    }
    let wire = entry_name(node, "value").unwrap_or_default();
    let this = Some(wire.as_str());
    let decl: ValueDecl = ctx.decode(node, this)?;
    if !is_snake_ident(&wire) {
        ctx.at(at, entry, format!("value `{wire}` is not snake_case"));
    }
    let trim = |t: Option<String>| t.map(|t| t.trim().to_owned());
    let field_line = decl.field.as_ref().map_or(at, |f| line(f.span()));
    let field = decl.field.map(|f| f.trim().to_owned());
    if field.is_some() && !has_parameter {
        ctx.at(
            field_line,
            this,
            "`field` needs the vocabulary's `parameter`",
        );
    }
    if let Some(f) = field.as_ref().filter(|f| !is_snake_ident(f)) {
        ctx.at(field_line, this, format!("field `{f}` is not snake_case"));
    }
    let value = VocabValue {
        line: at,
        ident: to_ident(&wire),
        text: ctx.required(&decl.text, "text", at, this),
        text_with_field: trim(decl.text_with_field),
        optional_field: decl.optional_field,
        field,
        field_doc: trim(decl.field_doc),
        prefix: trim(decl.prefix),
        default: decl.default,
        doc: ctx.required(&decl.doc, "doc", at, this),
        value: decl.value.trim().to_owned(),
    };
    check_value_texts(ctx, &value);
    Some(value)
}

/// `text` holds `{}` exactly when a required field fills it; an optional field's words with it
/// are `text_with_field`, which holds `{}`.
fn check_value_texts(ctx: &mut Ctx<'_>, value: &VocabValue) {
    let (in_text, in_with_field) = match (&value.field, value.optional_field) {
        (None, _) => (false, None),
        (Some(_), false) => (true, None),
        (Some(_), true) => (false, Some(true)),
    };
    let with_field = value.text_with_field.as_ref().map(|t| t.contains("{}"));
    if value.text.contains("{}") != in_text || with_field != in_with_field {
        let message = "`text` has `{}` exactly when a required field fills it, and an optional \
                       field has `text_with_field` with `{}`";
        ctx.at(value.line, Some(&value.value), message);
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
    item: &Node,
    vocabularies: &[Vocabulary],
    facts: Option<&[Column]>,
) -> Option<Column> {
    let at = line(item.span());
    let (decl, map) = match item {
        Node::Scalar(name) => (ColumnDecl::named(name), None),
        Node::Mapping(map) => {
            let name = text(map, "name").unwrap_or_default();
            (ctx.decode::<ColumnDecl>(item, Some(&name))?, Some(map))
        }
        Node::Sequence(_) => {
            ctx.at(at, None, "a column is a name or a mapping with `name`");
            return None;
        }
    };
    let name = decl.name.trim().to_owned();
    let entry = Some(name.as_str());
    if !is_snake_ident(&name) {
        let message = format!("column name `{name}` is not snake_case");
        ctx.at(at, entry, message);
        return None;
    }
    let mut column = column_base(ctx, &decl, &name, at, vocabularies, facts)?;
    apply_properties(ctx, decl, map, &mut column);
    Some(column)
}

impl ColumnDecl {
    /// A column given by its name alone.
    fn named(name: &MarkedScalarNode) -> Self {
        ColumnDecl {
            name: name.as_str().to_owned(),
            type_name: None,
            doc: None,
            label: None,
            accessor: None,
            optional: false,
            lookup: false,
            inherit: None,
            _where: IgnoredAny,
            true_exactly_when: None,
        }
    }
}

/// The column a declaration starts from: the shared fact it names, or a new column of its type.
fn column_base(
    ctx: &mut Ctx<'_>,
    decl: &ColumnDecl,
    name: &str,
    at: usize,
    vocabularies: &[Vocabulary],
    facts: Option<&[Column]>,
) -> Option<Column> {
    let entry = Some(name);
    let shared = facts.and_then(|facts| facts.iter().find(|f| f.name == name));
    match (&decl.type_name, shared) {
        (None, Some(fact)) => Some(Column {
            line: at,
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
            ctx.at(at, entry, message);
            None
        }
        (Some(ty), Some(_)) => {
            let message = format!("`{name}` is a shared fact: leave its type to taxonomy.yaml");
            ctx.at(line(ty.span()), entry, message);
            None
        }
        (Some(ty), None) => {
            let Some(resolved) = resolve_type(ty.trim(), vocabularies) else {
                let vocabs: Vec<&str> = vocabularies.iter().map(|v| v.name.as_str()).collect();
                let message = format!(
                    "unknown type `{}`; a type is status, bool, text, phrases, a vocabulary ({}) \
                     or a table (`module.name`)",
                    ty.trim(),
                    vocabs.join(", ")
                );
                ctx.at(line(ty.span()), entry, message);
                return None;
            };
            Some(Column::new(name, resolved, at))
        }
    }
}

/// The properties a declaration sets on its column: doc, label, accessor, and the rules.
fn apply_properties(ctx: &mut Ctx<'_>, decl: ColumnDecl, map: Option<&Map>, column: &mut Column) {
    let name = column.name.clone();
    let entry = Some(name.as_str());
    let at = column.line;
    let trim = |t: Option<String>| t.map(|t| t.trim().to_owned());
    if let Some(doc) = trim(decl.doc) {
        column.doc = doc;
    }
    if column.doc.is_empty() {
        ctx.at(at, entry, "missing `doc`");
    }
    if let Some(label) = trim(decl.label) {
        column.label = label;
    }
    if let Some(accessor) = decl.accessor {
        let trimmed = accessor.trim().to_owned();
        if !is_snake_ident(&trimmed) {
            let message = format!("accessor `{trimmed}` is not snake_case");
            ctx.at(line(accessor.span()), entry, message);
        }
        column.accessor = trimmed;
    }
    column.optional |= decl.optional;
    column.lookup |= decl.lookup;
    if let Some(inherit) = trim(decl.inherit) {
        column.inherit = Some(inherit);
    }
    if let Some(conditions) = map.and_then(|m| m.get_node("where")) {
        read_where(ctx, conditions, entry, column);
    }
    if let Some(when) = decl.true_exactly_when {
        match when.into_iter().collect::<Vec<_>>().as_slice() {
            [(key, value)] => column.true_exactly_when = Some((key.clone(), value.clone())),
            _ => ctx.at(at, entry, "`true_exactly_when` is one `column: value`"),
        }
    }
}

/// `where:`, each `column: value`, a value a bool or a text.
fn read_where(ctx: &mut Ctx<'_>, conditions: &Node, entry: Option<&str>, column: &mut Column) {
    let Some(conditions) = conditions.as_mapping() else {
        let message = "`where` is a mapping of `column: value`";
        ctx.at(line(conditions.span()), entry, message);
        return;
    };
    for (key, value) in conditions.iter() {
        let Some(value) = value.as_scalar() else {
            let message = "a `where` value is a bool or a text";
            ctx.at(line(key.span()), entry, message);
            continue;
        };
        let scalar = match value.as_bool() {
            Some(flag) => Scalar::Bool(flag),
            None => Scalar::Text(value.as_str().to_owned()),
        };
        column.where_.push((key.as_str().to_owned(), scalar));
    }
}

/// One table's file: its header, columns and rows.
fn read_table(ctx: &mut Ctx<'_>, node: &Node, taxonomy: &Taxonomy) -> Option<Table> {
    let not_one = "expected a mapping at the top of the file";
    let map = ctx.mapping(node, &TABLE_KEYS, None, not_one)?;
    let key = text(map, "table").unwrap_or_default();
    let key_line = key_line(map, "table");
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
        let message = format!("type `{type_name}` is not an UpperCamelCase identifier");
        ctx.at(self::key_line(map, "type"), None, message);
    }
    let doc = required_text(ctx, map, "doc", 1, None);
    let code_is = text(map, "code_is").map(|c| (c, self::key_line(map, "code_is")));
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

/// A text of a mapping read key by key that must be there (else reported at the line `at`) and
/// not blank.
fn required_text(
    ctx: &mut Ctx<'_>,
    map: &Map,
    key: &str,
    at: usize,
    entry: Option<&str>,
) -> String {
    let text = match map.get_node(key) {
        None => None,
        Some(Node::Scalar(s)) => Some(Spanned::new(*s.span(), s.as_str().to_owned())),
        Some(other) => Some(Spanned::new(*other.span(), String::new())),
    };
    ctx.required(&text, key, at, entry)
}

/// `unknown_code:`: values for some of the table's columns, read like a row's, and a `reason`.
fn read_unknown_code(
    ctx: &mut Ctx<'_>,
    map: &Map,
    columns: &[Column],
    taxonomy: &Taxonomy,
) -> Option<UnknownCode> {
    let entry = "unknown_code";
    let node = map.get_node(entry)?;
    let mut keys = row_keys(columns, taxonomy);
    keys.retain(|k| !ROW_KEYS.contains(&k.as_str()));
    keys.push("reason".to_owned());
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let not_one = "`unknown_code` is a mapping of columns and a `reason`";
    let facts = ctx.mapping(node, &keys, Some(entry), not_one)?;
    let at = key_line(map, entry);
    let reason = required_text(ctx, facts, "reason", at, Some(entry));
    let mut row = Row::new(at, String::new());
    for column in columns.iter().filter(|c| facts.get_node(&c.name).is_some()) {
        read_cells(ctx, facts, entry, column, taxonomy, &mut row);
    }
    if row.cells.is_empty() && row.unreadable.is_empty() {
        ctx.at(at, Some(entry), "`unknown_code` gives no column a value");
    }
    Some(UnknownCode {
        reason,
        cells: row.cells,
    })
}

/// The table's columns, and the names of the declarations that could not be read (reported),
/// whose row values are then not reported again.
fn read_columns(ctx: &mut Ctx<'_>, map: &Map, taxonomy: &Taxonomy) -> (Vec<Column>, Vec<String>) {
    let mut columns: Vec<Column> = Vec::new();
    let mut broken = Vec::new();
    for item in items(map, "columns") {
        let facts = Some(taxonomy.facts.as_slice());
        let Some(column) = read_column_decl(ctx, item, &taxonomy.vocabularies, facts) else {
            broken.extend(match item {
                Node::Scalar(name) => Some(name.as_str().to_owned()),
                Node::Mapping(map) => text(map, "name"),
                Node::Sequence(_) => None,
            });
            continue;
        };
        let entry = Some(column.name.as_str());
        if columns.iter().any(|c| c.name == column.name) {
            ctx.at(column.line, entry, "column declared twice");
        } else if ROW_KEYS.contains(&column.name.as_str()) {
            ctx.at(column.line, entry, "a column cannot take a row key's name");
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
        keys.extend(taxonomy.parameter_key(column));
    }
    keys
}

fn read_rows(
    ctx: &mut Ctx<'_>,
    map: &Map,
    columns: &[Column],
    broken: &[String],
    taxonomy: &Taxonomy,
) -> Vec<Row> {
    let mut keys = row_keys(columns, taxonomy);
    // Values of columns whose declaration was already reported are not reported again.
    keys.extend(broken.iter().cloned());
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let mut rows = Vec::new();
    for (index, item) in items(map, "codes").iter().enumerate() {
        let code = entry_name(item, "code").unwrap_or_default();
        let entry = if code.is_empty() {
            format!("#{}", index + 1)
        } else {
            code.clone()
        };
        if item.as_mapping().is_none() {
            let message = "a row is a mapping with `code` and `description`";
            ctx.at(line(item.span()), None, message);
            continue;
        }
        let Some(row) = ctx.mapping(item, &keys, Some(&entry), "") else {
            continue;
        };
        rows.push(read_row(ctx, row, code, &entry, columns, taxonomy));
    }
    if rows.is_empty() {
        ctx.at(key_line(map, "codes"), None, "the table has no codes");
    }
    rows
}

impl Row {
    fn new(line: usize, code: String) -> Self {
        Row {
            line,
            code,
            rust_name: None,
            description: String::new(),
            deprecated: None,
            override_note: None,
            cells: BTreeMap::new(),
            cell_lines: BTreeMap::new(),
            unreadable: Vec::new(),
        }
    }
}

fn read_row(
    ctx: &mut Ctx<'_>,
    row: &Map,
    code: String,
    entry: &str,
    columns: &[Column],
    taxonomy: &Taxonomy,
) -> Row {
    let at = line(row.span());
    let mut read = Row::new(at, code);
    let mut optional_text = |key: &str| {
        row.get_node(key)?;
        Some(required_text(ctx, row, key, at, Some(entry))).filter(|t| !t.is_empty())
    };
    read.rust_name = optional_text("rust_name");
    read.deprecated = optional_text("deprecated");
    read.override_note = optional_text("override");
    read.description = optional_text("description").unwrap_or_default();
    if row.get_node("description").is_none() {
        ctx.at(read.line, Some(entry), "missing description");
    }
    for column in columns {
        read_cells(ctx, row, entry, column, taxonomy, &mut read);
    }
    read
}

/// One column's value in a row (and the number its vocabulary value carries).
fn read_cells(
    ctx: &mut Ctx<'_>,
    row: &Map,
    entry: &str,
    column: &Column,
    taxonomy: &Taxonomy,
    read: &mut Row,
) {
    let at = row
        .iter()
        .find(|(k, _)| k.as_str() == column.name)
        .map_or(read.line, |(k, _)| line(k.span()));
    read.cell_lines.insert(column.name.clone(), at);
    let key = taxonomy.parameter_key(column);
    let parameter = key.as_deref().and_then(|k| row.get_node(k));
    let Some(value) = row.get_node(&column.name) else {
        if let (Some(key), Some(_)) = (&key, parameter) {
            let message = format!("`{key}` without `{}`", column.name);
            ctx.at(at, Some(entry), message);
        }
        return;
    };
    match read_cell(ctx, column, value, parameter, taxonomy, (at, entry)) {
        Some(cell) => {
            read.cells.insert(column.name.clone(), cell);
        }
        None => read.unreadable.push(column.name.clone()),
    }
}

/// How a YAML value reads in a message.
fn shown(value: &Node) -> String {
    match value {
        Node::Scalar(s) => s.as_str().to_owned(),
        Node::Sequence(items) if items.is_empty() => "[]".into(),
        Node::Sequence(_) => "a list".into(),
        Node::Mapping(_) => "a mapping".into(),
    }
}

/// A cell of the column's type; `None`, reported, when the value is not one.
fn read_cell(
    ctx: &mut Ctx<'_>,
    column: &Column,
    value: &Node,
    parameter: Option<&Node>,
    taxonomy: &Taxonomy,
    (at, entry): (usize, &str),
) -> Option<Cell> {
    let scalar = value.as_scalar();
    let expected = match &column.ty {
        Type::Status => match scalar.and_then(MarkedScalarNode::as_u64) {
            Some(status) if (100..=599).contains(&status) => {
                return Some(Cell::Status(status as u16));
            }
            Some(_) => "an HTTP status: it is outside 100-599".to_owned(),
            None => "an HTTP status (a number)".to_owned(),
        },
        Type::Bool => match scalar.and_then(MarkedScalarNode::as_bool) {
            Some(b) => return Some(Cell::Bool(b)),
            None => "true or false".to_owned(),
        },
        Type::Text => match scalar.map(MarkedScalarNode::as_str) {
            Some(s) if !s.trim().is_empty() && s.trim() == s => {
                return Some(Cell::Text(s.to_owned()));
            }
            Some(_) => "a text without surrounding spaces".to_owned(),
            None => "a text".to_owned(),
        },
        Type::Phrases => match texts(value).filter(|list| !list.is_empty()) {
            Some(list) => return Some(Cell::Phrases(list)),
            None => "a non-empty list of phrases".to_owned(),
        },
        Type::Vocab(v) => {
            let vocabulary = &taxonomy.vocabularies[*v];
            match scalar.and_then(|s| vocabulary.find(s.as_str())) {
                Some(index) => {
                    let number =
                        read_number(ctx, column, vocabulary, index, parameter, (at, entry));
                    return Some(Cell::Vocab(index, number));
                }
                None => format!(
                    "a {} value; the values are: {}",
                    vocabulary.name,
                    vocabulary.value_list()
                ),
            }
        }
        Type::Table(_) => match scalar {
            Some(code) => return Some(Cell::Ref(code.as_str().to_owned())),
            None => "a code (a text)".to_owned(),
        },
    };
    let message = format!("`{}: {}` is not {expected}", column.name, shown(value));
    ctx.at(at, Some(entry), message);
    None
}

/// A list of texts (a number, such as `404`, is its digits); `None` when it is no list of them.
fn texts(value: &Node) -> Option<Vec<String>> {
    value
        .as_sequence()?
        .iter()
        .map(|p| p.as_scalar().map(|s| s.as_str().to_owned()))
        .collect()
}

/// The number a vocabulary value carries, checked against what the value takes.
fn read_number(
    ctx: &mut Ctx<'_>,
    column: &Column,
    vocabulary: &Vocabulary,
    index: usize,
    parameter: Option<&Node>,
    (at, entry): (usize, &str),
) -> Option<u32> {
    let key = vocabulary
        .parameter
        .as_ref()
        .map(|p| format!("{}_{}", column.name, p.key))
        .unwrap_or_default();
    let parsed = parameter.map(|p| p.as_scalar().and_then(MarkedScalarNode::as_u32));
    let (number, bad) = match parsed {
        None => (None, false),
        Some(Some(n)) if n >= 1 => (Some(n), false),
        Some(_) => {
            ctx.at(at, Some(entry), format!("`{key}` must be a number from 1"));
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
            ctx.at(at, Some(entry), message);
        }
        (Some(_), false, None) if !bad => {
            let message = format!("`{}: {}` needs `{key}`", column.name, value.value);
            ctx.at(at, Some(entry), message);
        }
        _ => {}
    }
    number
}

/// A cue's phrase groups, under `all_of`: `[[a, b], [c]]`, or one group `[a, b]`; a problem at
/// the key when they are missing or not phrases.
fn all_of(ctx: &mut Ctx<'_>, map: &Map, entry: Option<&str>) -> Option<Vec<Vec<String>>> {
    let value = map.get_node("all_of");
    let found = value.and_then(|value| match texts(value) {
        Some(one) => Some(vec![one]),
        None => value.as_sequence()?.iter().map(texts).collect(),
    });
    if found.is_none() {
        let message = "`all_of` is a list of phrases, or a list of lists of phrases";
        ctx.at(key_line(map, "all_of"), entry, message);
    }
    found
}

/// `unknown_codes:`: how the table places a code it does not know.
fn read_unknown_codes(ctx: &mut Ctx<'_>, map: &Map, taxonomy: &Taxonomy) -> Option<UnknownCodes> {
    let node = section(ctx, map, "unknown_codes", "with decides, given, steps")?;
    let at = key_line(map, "unknown_codes");
    let decl: UnknownCodesDecl = ctx.decode(node, None)?;
    let decides = ctx.required(&decl.decides, "decides", at, None);
    let steps = node.as_mapping().map_or(&[][..], |m| items(m, "steps"));
    let steps = steps
        .iter()
        .filter_map(|item| read_step(ctx, item, taxonomy, &decides))
        .collect();
    Some(UnknownCodes {
        line: at,
        given: ctx.required(&decl.given, "given", at, None),
        decides,
        skip: decl.skip,
        steps,
    })
}

/// The node under a table's top-level `key`; `None` when the key is absent, or (reported) when
/// it is not a mapping, which `holding` describes.
fn section<'n>(ctx: &mut Ctx<'_>, map: &'n Map, key: &str, holding: &str) -> Option<&'n Node> {
    let node = map.get_node(key)?;
    if node.as_mapping().is_none() {
        let message = format!("`{key}` is a mapping {holding}");
        ctx.at(key_line(map, key), None, message);
        return None;
    }
    Some(node)
}

/// One step; the code it gives is under the name of the column the steps decide.
fn read_step(ctx: &mut Ctx<'_>, item: &Node, taxonomy: &Taxonomy, decides: &str) -> Option<Step> {
    let name = entry_name(item, "name");
    let mut keys = STEP_KEYS.to_vec();
    keys.push(decides);
    let not_one = "a step is a mapping with name, reason, and what it does";
    let step = ctx.mapping(item, &keys, name.as_deref(), not_one)?;
    let at = line(step.span());
    let name = required_text(ctx, step, "name", at, None);
    let entry = Some(name.as_str());
    let kind = step_kind(ctx, step, entry, taxonomy)?;
    let given = match step.get_node("given") {
        Some(Node::Scalar(one)) => vec![one.as_str().to_owned()],
        Some(list) => texts(list).unwrap_or_default(),
        None => Vec::new(),
    };
    Some(Step {
        line: at,
        reason: required_text(ctx, step, "reason", at, entry),
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
    step: &Map,
    entry: Option<&str>,
    taxonomy: &Taxonomy,
) -> Option<StepKind> {
    let at = line(step.span());
    Some(
        match (text(step, "strip_prefix"), step.get_node("all_of")) {
            (None, None) if step.get_node("named_code").is_some() => {
                if text(step, "named_code").as_deref() != Some("true") {
                    ctx.at(at, entry, "`named_code` is `true`");
                    return None;
                }
                StepKind::Named
            }
            (Some(vocabulary), None) => {
                let Some(index) = taxonomy
                    .vocabularies
                    .iter()
                    .position(|v| v.name == vocabulary)
                else {
                    let message = format!("`strip_prefix: {vocabulary}` names no vocabulary");
                    ctx.at(at, entry, message);
                    return None;
                };
                StepKind::StripPrefix(index)
            }
            (None, Some(_)) => StepKind::Cue(all_of(ctx, step, entry)?),
            (None, None) => StepKind::Default,
            (Some(_), Some(_)) => {
                let message = "a step strips a prefix or has a cue (`all_of`), not both";
                ctx.at(at, entry, message);
                return None;
            }
        },
    )
}

/// `free_text:`: how the table reads free text into one of its codes.
fn read_free_text(ctx: &mut Ctx<'_>, map: &Map) -> Option<FreeText> {
    let node = section(ctx, map, "free_text", "with phrases, cues, priority")?;
    let at = key_line(map, "free_text");
    let decl: FreeTextDecl = ctx.decode(node, None)?;
    let cue_weight = decl.cue_weight.as_ref().map_or(0, |w| **w);
    if !(1..=1000).contains(&cue_weight) {
        let weight_line = decl.cue_weight.as_ref().map_or(at, |w| line(w.span()));
        ctx.at(weight_line, None, "`cue_weight` is a number from 1 to 1000");
    }
    let cues = node.as_mapping().map_or(&[][..], |m| items(m, "cues"));
    let cues = cues.iter().filter_map(|item| read_cue(ctx, item)).collect();
    let mut number = |value: &Option<Spanned<u64>>, key: &str, default: u64, max: u64| {
        number(ctx, value, key, default, max)
    };
    let negation_reach = number(&decl.negation_reach, "negation_reach", 1, 8) as u8;
    let contrast = decl.contrast.unwrap_or(ContrastDecl {
        stated_after: Vec::new(),
        stated_before: Vec::new(),
        stated_percent: None,
    });
    let stated_percent = number(&contrast.stated_percent, "stated_percent", 100, 1000) as u16;
    let learned_line = node.as_mapping().map_or(at, |m| key_line(m, "learned"));
    let learned = decl
        .learned
        .map(|learned| read_learned(ctx, learned, learned_line));
    Some(FreeText {
        line: at,
        phrases: ctx.required(&decl.phrases, "phrases", at, None),
        cue_weight: cue_weight.min(1000) as u16,
        skip: decl.skip,
        negations: decl.negations,
        negation_reach,
        contractions: decl.contractions,
        negation_ends: decl.negation_ends,
        stated_after: contrast.stated_after,
        stated_before: contrast.stated_before,
        units: decl.units,
        hypothetical: decl.hypothetical,
        conditional: decl.conditional,
        asking: decl.asking,
        affirmations: decl.affirmations,
        stated_percent,
        cues,
        priority: decl.priority,
        learned,
    })
}

/// A number of the YAML from 1 to `max`, or `default` where it is missing.
fn number(
    ctx: &mut Ctx<'_>,
    value: &Option<Spanned<u64>>,
    key: &str,
    default: u64,
    max: u64,
) -> u64 {
    let Some(value) = value else { return default };
    if !(1..=max).contains(&**value) {
        let message = format!("`{key}` is a number from 1 to {max}");
        ctx.at(line(value.span()), None, message);
    }
    (**value).clamp(1, max)
}

/// `free_text.learned`, at `at`.
fn read_learned(ctx: &mut Ctx<'_>, learned: LearnedDecl, at: usize) -> crate::model::Learning {
    let mut number = |value: &Option<Spanned<u64>>, key: &str, default: u64, max: u64| {
        number(ctx, value, key, default, max)
    };
    crate::model::Learning {
        line: at,
        smoothing_percent: number(&learned.smoothing_percent, "smoothing_percent", 10, 100) as u16,
        min_reasons: number(&learned.min_reasons, "min_reasons", 1, 100) as u16,
        min_class_reasons: number(&learned.min_class_reasons, "min_class_reasons", 20, 1000) as u16,
        min_known_percent: number(&learned.min_known_percent, "min_known_percent", 1, 100) as u16,
        min_known_features: number(&learned.min_known_features, "min_known_features", 1, 100)
            as u16,
        fallback_margin: number(&learned.fallback_margin, "fallback_margin", 1, 100_000) as u32,
        override_margin: number(&learned.override_margin, "override_margin", 1, 100_000) as u32,
        ignore: learned.ignore,
    }
}

fn read_cue(ctx: &mut Ctx<'_>, item: &Node) -> Option<Cue> {
    let at = line(item.span());
    let Some(map) = item.as_mapping() else {
        let message = "a cue is a mapping with name, reason, all_of, code";
        ctx.at(at, None, message);
        return None;
    };
    let name = entry_name(item, "name");
    let decl: CueDecl = ctx.decode(item, name.as_deref())?;
    let name = ctx.required(&decl.name, "name", at, None);
    let entry = Some(name.as_str());
    let groups = all_of(ctx, map, entry)?;
    let whole_text = match decl.scope.as_ref().map(|s| (s.trim(), line(s.span()))) {
        None | Some(("clause", _)) => false,
        Some(("text", _)) => true,
        Some((other, scope_line)) => {
            let message = format!("`scope: {other}` is `clause` (the default) or `text`");
            ctx.at(scope_line, entry, message);
            false
        }
    };
    Some(Cue {
        line: at,
        reason: ctx.required(&decl.reason, "reason", at, entry),
        code: decl.code.map(|code| code.trim().to_owned()),
        weight: decl.weight.map(|w| w.min(1000) as u16),
        excludes: decl.excludes,
        clears: decl.clears,
        name,
        groups,
        whole_text,
    })
}

pub fn is_code_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
