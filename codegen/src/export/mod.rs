//! The files for other languages and for people, made from the model as the Rust is: the codes
//! catalogue (`schema/codes.json`) and its schema, both bindings, and `docs/CATALOG.md`. Each
//! code's facts are its card: the same JSON object the crate's `Card` writes, which a test of the
//! crate holds against this file.

mod catalog;
mod python;
mod typescript;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::COMMAND;
use crate::model::{Cell, Column, Row, Table, Taxonomy, Type, Vocabulary};

/// The `$id` of the catalogue's schema.
const CODES_SCHEMA_ID: &str = "urn:error-taxonomy:codes:v0";

/// The taxonomy, the crate version its files carry, and what the codes schema says of each key
/// of a card.
#[derive(Clone, Copy)]
pub(crate) struct Export<'t> {
    pub taxonomy: &'t Taxonomy,
    pub version: &'t str,
    card_docs: &'t Value,
}

/// Every exported file: its path from the repository's root, and its text.
pub(crate) fn files(taxonomy: &Taxonomy, version: &str) -> Vec<(String, String)> {
    let schema = code_schema(taxonomy);
    let export = Export {
        taxonomy,
        version,
        card_docs: &schema["properties"],
    };
    [
        ("schema/codes.json", to_text(&codes(export))),
        (
            "schema/codes.schema.json",
            to_text(&codes_schema(export.taxonomy)),
        ),
        (
            "bindings/typescript/src/index.ts",
            typescript::module(export),
        ),
        (
            "bindings/typescript/package.json",
            typescript::package(version),
        ),
        ("bindings/typescript/tsconfig.json", typescript::tsconfig()),
        (
            "bindings/python/error_taxonomy_codes/__init__.py",
            python::module(export),
        ),
        (
            "bindings/python/error_taxonomy_codes/py.typed",
            String::new(),
        ),
        ("bindings/python/pyproject.toml", python::pyproject(version)),
        ("docs/CATALOG.md", catalog::markdown(export)),
    ]
    .into_iter()
    .map(|(path, text)| (path.to_owned(), text))
    .collect()
}

/// A document as a committed file holds it: pretty JSON and a final newline.
pub(crate) fn to_text(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}

/// A string as a JSON (and so a TypeScript and a Python) string literal.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A value as JSON: a number, a boolean, a string, a list of strings, a vocabulary value's wire
/// name, or a code's wire string.
fn json_of(taxonomy: &Taxonomy, column: &Column, cell: &Cell) -> Value {
    match (cell, &column.ty) {
        (Cell::Status(status), _) => json!(status),
        (Cell::Bool(flag), _) => json!(flag),
        (Cell::Text(text) | Cell::Ref(text), _) => json!(text),
        (Cell::Phrases(list), _) => json!(list),
        (Cell::Vocab(index, _), Type::Vocab(v)) => {
            json!(taxonomy.vocabularies[*v].values[*index].value)
        }
        (Cell::Vocab(..), _) => Value::Null,
    }
}

/// A value as people read it: a status as a number, `yes` or `no`, the words of a vocabulary
/// value with its number in place, the wire string of a code.
fn shown(taxonomy: &Taxonomy, column: &Column, cell: &Cell) -> String {
    match (cell, &column.ty) {
        (Cell::Status(status), _) => status.to_string(),
        (Cell::Bool(flag), _) => if *flag { "yes" } else { "no" }.to_owned(),
        (Cell::Text(text) | Cell::Ref(text), _) => text.clone(),
        (Cell::Phrases(list), _) => list.join(", "),
        (Cell::Vocab(index, number), Type::Vocab(v)) => {
            let value = &taxonomy.vocabularies[*v].values[*index];
            let text = value.text_for(number.is_some());
            match (text.split_once("{}"), number) {
                (Some((before, after)), Some(n)) => format!("{before}{n}{after}"),
                _ => text.to_owned(),
            }
        }
        (Cell::Vocab(..), _) => String::new(),
    }
}

/// The card of a code: `table`, `code`, `description`, every shared fact (`null` where the table
/// has no such column), the table's own columns, each vocabulary number under
/// `<column>_<key>`, then `overrides`, `override` and `deprecated`.
fn card(export: Export<'_>, table: &Table, row: &Row) -> Map<String, Value> {
    let taxonomy = export.taxonomy;
    let mut card = Map::new();
    card.insert("table".into(), json!(table.key));
    card.insert("code".into(), json!(row.code));
    card.insert("description".into(), json!(row.description));
    let shared = taxonomy.facts.iter().map(|fact| {
        (
            table.column(&fact.name).unwrap_or(fact),
            table.column(&fact.name),
        )
    });
    let own = table
        .columns
        .iter()
        .filter(|c| !c.shared)
        .map(|column| (column, Some(column)));
    for (column, in_table) in shared.chain(own) {
        let cell = in_table.and_then(|column| taxonomy.value_of(table, row, column));
        let json = cell.map_or(Value::Null, |cell| json_of(taxonomy, column, cell));
        card.insert(column.name.clone(), json);
        if let Some(key) = taxonomy.parameter_key(column) {
            let number = match cell {
                Some(Cell::Vocab(_, Some(n))) => json!(n),
                _ => Value::Null,
            };
            card.insert(key, number);
        }
    }
    let overrides: Vec<&str> = table.overridden(row).collect();
    card.insert("overrides".into(), json!(overrides));
    card.insert("override".into(), json!(row.override_note));
    card.insert("deprecated".into(), json!(row.deprecated));
    card
}

/// Every code of `table` with its card, without `table` and `code`.
fn cards(export: Export<'_>, table: &Table) -> Vec<(String, Map<String, Value>)> {
    table
        .rows
        .iter()
        .map(|row| {
            let mut card = card(export, table, row);
            card.remove("table");
            card.remove("code");
            (row.code.clone(), card)
        })
        .collect()
}

/// The facts a code the table does not know is given, in column order, each with its value.
fn unknown_facts(table: &Table) -> Vec<(&Column, &Cell)> {
    let Some(unknown) = &table.unknown_code else {
        return Vec::new();
    };
    table
        .columns
        .iter()
        .filter_map(|column| Some((column, unknown.cells.get(&column.name)?)))
        .collect()
}

/// `schema/codes.json`: every table, its columns, the facts of a code it does not know, and every
/// code's card.
fn codes(export: Export<'_>) -> Value {
    let taxonomy = export.taxonomy;
    let tables: Vec<Value> = taxonomy
        .tables
        .iter()
        .map(|table| {
            let unknown = table.unknown_code.as_ref().map(|unknown| {
                let mut facts: Map<String, Value> = unknown_facts(table)
                    .into_iter()
                    .map(|(column, cell)| (column.name.clone(), json_of(taxonomy, column, cell)))
                    .collect();
                facts.insert("reason".into(), json!(unknown.reason));
                facts
            });
            let codes: Vec<Value> = table
                .rows
                .iter()
                .map(|row| Value::Object(card(export, table, row)))
                .collect();
            json!({
                "table": table.key,
                "type": table.tag(),
                "description": table.doc,
                "columns": table.columns.iter().map(|c| column(taxonomy, c)).collect::<Vec<_>>(),
                "unknown_code": unknown,
                "codes": codes,
            })
        })
        .collect();
    json!({
        "version": export.version,
        "facts": taxonomy.facts.iter().map(|c| column(taxonomy, c)).collect::<Vec<_>>(),
        "tables": tables,
    })
}

/// A column: its name, label, doc and kind; a vocabulary's values, a code column's table.
fn column(taxonomy: &Taxonomy, column: &Column) -> Value {
    let mut described = json!({
        "name": column.name,
        "label": column.label,
        "description": column.doc,
        "optional": column.may_lack_value(),
    });
    let kind = match &column.ty {
        Type::Status => json!("http_status"),
        Type::Bool => json!("boolean"),
        Type::Text => json!("text"),
        Type::Phrases => json!("phrases"),
        Type::Vocab(v) => {
            let vocabulary = &taxonomy.vocabularies[*v];
            described["values"] = json!(values(vocabulary));
            if let Some(key) = taxonomy.parameter_key(column) {
                described["parameter"] = json!(key);
            }
            json!(vocabulary.name)
        }
        Type::Table(key) => {
            described["table"] = json!(key);
            json!("code")
        }
    };
    described["kind"] = kind;
    described
}

fn values(vocabulary: &Vocabulary) -> Vec<&str> {
    vocabulary.values.iter().map(|v| v.value.as_str()).collect()
}

/// The JSON Schema of `schema/codes.json`: each code's properties typed by its column (an HTTP
/// status, a boolean, a text, phrases, a value of a vocabulary, a code of a table), every
/// property of every table named, nothing else allowed.
fn codes_schema(taxonomy: &Taxonomy) -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": CODES_SCHEMA_ID,
        "title": "ErrorTaxonomyCodes",
        "description": "Every code of every table of error-taxonomy, with every fact (schema/codes.json).",
        "type": "object",
        "required": ["version", "facts", "tables"],
        "properties": {
            "version": {"type": "string", "description": "The crate's version."},
            "facts": {"type": "array", "items": {"$ref": "#/$defs/Column"}, "description": "The facts every code answers for."},
            "tables": {"type": "array", "items": {"$ref": "#/$defs/Table"}},
        },
        "additionalProperties": false,
        "$defs": {
            "Column": column_schema(),
            "Table": table_schema(),
            "Code": code_schema(taxonomy),
        },
    })
}

/// A column's description.
fn column_schema() -> Value {
    json!({
        "type": "object",
        "required": ["name", "label", "description", "optional", "kind"],
        "properties": {
            "name": {"type": "string"}, "label": {"type": "string"}, "description": {"type": "string"},
            "optional": {"type": "boolean"},
            "kind": {"type": "string"},
            "values": {"type": "array", "items": {"type": "string"}},
            "parameter": {"type": "string"},
            "table": {"type": "string"},
        },
        "additionalProperties": false,
    })
}

/// A table: its names, its columns, the facts of an unknown code, and its codes.
fn table_schema() -> Value {
    json!({
        "type": "object",
        "required": ["table", "type", "description", "columns", "unknown_code", "codes"],
        "properties": {
            "table": {"type": "string"}, "type": {"type": "string"}, "description": {"type": "string"},
            "columns": {"type": "array", "items": {"$ref": "#/$defs/Column"}},
            "unknown_code": {
                "description": "The facts a code the table does not know is given, and why.",
                "type": ["object", "null"],
                "required": ["reason"],
                "properties": {"reason": {"type": "string"}},
            },
            "codes": {"type": "array", "items": {"$ref": "#/$defs/Code"}},
        },
        "additionalProperties": false,
    })
}

/// A code, as its card writes it: every column of every table typed, nothing else allowed.
fn code_schema(taxonomy: &Taxonomy) -> Value {
    let mut properties: BTreeMap<String, Value> = BTreeMap::new();
    let columns = taxonomy
        .facts
        .iter()
        .chain(taxonomy.tables.iter().flat_map(|t| &t.columns));
    for column in columns {
        properties.insert(column.name.clone(), value_schema(taxonomy, column));
        if let Some(name) = taxonomy.parameter_key(column) {
            let doc = format!("The number the `{}` value carries.", column.name);
            properties.insert(
                name,
                json!({"type": ["integer", "null"], "minimum": 0, "description": doc}),
            );
        }
    }
    let tables: Vec<&str> = taxonomy.tables.iter().map(|t| t.key.as_str()).collect();
    let card = json!({
        "table": {"enum": tables, "description": "The code's table."},
        "code": {"type": "string", "description": "The wire string."},
        "description": {"type": "string", "description": "What the code means."},
        "overrides": {"type": "array", "items": {"type": "string"}, "description": "The inherited columns this code overrides."},
        "override": {"type": ["string", "null"], "description": "Why it overrides them."},
        "deprecated": {"type": ["string", "null"], "description": "For a retired code: what to use instead."},
    });
    if let Value::Object(card) = card {
        properties.extend(card);
    }
    let mut required: Vec<&str> = vec!["table", "code", "description"];
    required.extend(taxonomy.facts.iter().map(|f| f.name.as_str()));
    required.extend(["overrides", "override", "deprecated"]);
    json!({
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The schema of one column's value: `null` where a code has none.
fn value_schema(taxonomy: &Taxonomy, column: &Column) -> Value {
    let doc = &column.doc;
    match &column.ty {
        Type::Status => {
            json!({"type": ["integer", "null"], "minimum": 100, "maximum": 599, "description": doc})
        }
        Type::Bool => json!({"type": ["boolean", "null"], "description": doc}),
        Type::Text => json!({"type": ["string", "null"], "description": doc}),
        Type::Phrases => {
            json!({"type": ["array", "null"], "items": {"type": "string"}, "description": doc})
        }
        Type::Vocab(v) => {
            let mut values: Vec<Value> = values(&taxonomy.vocabularies[*v])
                .into_iter()
                .map(|v| json!(v))
                .collect();
            values.push(Value::Null);
            json!({"enum": values, "description": doc})
        }
        Type::Table(key) => {
            let codes = taxonomy.table(key).map_or(&[][..], |t| t.rows.as_slice());
            let mut values: Vec<Value> = codes.iter().map(|row| json!(row.code)).collect();
            values.push(Value::Null);
            json!({"enum": values, "description": doc})
        }
    }
}

/// A fact of a table's codes, as a card writes it: its key, and what its values are.
struct Fact<'t> {
    key: String,
    kind: FactKind<'t>,
    doc: String,
    presence: Presence,
}

/// Whether every code of a table has a value for a fact.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    /// Every code has one.
    Always,
    /// Some codes have one, others `null`.
    Sometimes,
    /// No code has one: the fact is not a column of the table (it is always `null`).
    Never,
}

/// What the values of a fact are.
enum FactKind<'t> {
    Text,
    OptionalText,
    Status,
    Bool,
    Number,
    Phrases,
    Strings,
    Term(&'t Vocabulary),
    Code(&'t Table),
}

impl FactKind<'_> {
    /// The name of a vocabulary's or a table's type in the bindings.
    fn type_name(&self) -> Option<String> {
        match self {
            FactKind::Term(vocabulary) => Some(vocabulary.type_name.clone()),
            FactKind::Code(table) => Some(table.tag()),
            _ => None,
        }
    }
}

/// The facts of a table's codes, in the order of their cards: every key but `table` and
/// `code`, each with the kind of its column.
fn facts<'t>(export: Export<'t>, table: &'t Table) -> Vec<Fact<'t>> {
    let taxonomy = export.taxonomy;
    let Some(first) = table.rows.first() else {
        return Vec::new();
    };
    let keys: Vec<String> = card(export, table, first).keys().cloned().collect();
    let columns: Vec<&Column> = table.columns.iter().chain(&taxonomy.facts).collect();
    let card_docs = export.card_docs;
    keys.into_iter()
        .filter(|key| key != "table" && key != "code")
        .map(|key| {
            let column = columns.iter().find(|c| c.name == key);
            let is_number = columns
                .iter()
                .any(|c| taxonomy.parameter_key(c).as_deref() == Some(key.as_str()));
            // The card's own keys and a value's number are described by the codes schema.
            let card_doc = card_docs[key.as_str()]["description"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let (kind, doc) = match (key.as_str(), column) {
                ("description", _) => (FactKind::Text, card_doc),
                ("overrides", _) => (FactKind::Strings, card_doc),
                ("override" | "deprecated", _) => (FactKind::OptionalText, card_doc),
                (_, Some(column)) => (fact_kind(taxonomy, column), column.doc.clone()),
                (_, None) if is_number => (FactKind::Number, card_doc),
                _ => (FactKind::OptionalText, String::new()),
            };
            let presence = presence(table, &key, &kind);
            Fact {
                key,
                kind,
                doc,
                presence,
            }
        })
        .collect()
}

fn fact_kind<'t>(taxonomy: &'t Taxonomy, column: &Column) -> FactKind<'t> {
    match &column.ty {
        Type::Status => FactKind::Status,
        Type::Bool => FactKind::Bool,
        Type::Phrases => FactKind::Phrases,
        Type::Vocab(v) => FactKind::Term(&taxonomy.vocabularies[*v]),
        Type::Table(key) => taxonomy
            .table(key)
            .map_or(FactKind::OptionalText, FactKind::Code),
        Type::Text => FactKind::OptionalText,
    }
}

/// Whether every code of `table` has a value for the fact `key` of `kind`.
fn presence(table: &Table, key: &str, kind: &FactKind<'_>) -> Presence {
    let own = table.column(key);
    match (key, own, kind) {
        ("description" | "overrides", _, _) => Presence::Always,
        (_, Some(column), _) if !column.may_lack_value() => Presence::Always,
        (_, Some(_), _) | (_, None, FactKind::Number | FactKind::OptionalText) => {
            Presence::Sometimes
        }
        _ => Presence::Never,
    }
}

/// The header line of a generated file, in the words the file's language comments in.
fn generated_by(version: &str) -> String {
    format!("@generated by `{COMMAND}` from taxonomy/ (error-taxonomy {version}). Do not edit.")
}
