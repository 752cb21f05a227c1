//! The codes catalogue (`schema/codes.json`): every code of every table with every fact, for any
//! language to read, and the JSON Schema that describes it (`schema/codes.schema.json`).

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::{Map, Value, json};

use crate::{Card, Column, FACTS, Kind, Table};

/// The `$id` of the catalogue's schema.
pub const CODES_SCHEMA_ID: &str = "urn:error-taxonomy:codes:v0";

/// Every table: its name, type, description and columns, the facts it gives a code it does not
/// know, and every code with every fact, each code as its [`Card`] writes it (`table`, `code`,
/// `description`, the shared facts, the table's own columns, `overrides`, `override` and
/// `deprecated`, the replacement of a retired code).
#[must_use]
pub fn codes() -> Value {
    let tables: Vec<Value> = Table::ALL.into_iter().map(table).collect();
    json!({
        "version": crate::VERSION,
        "facts": FACTS.iter().map(column).collect::<Vec<_>>(),
        "tables": tables,
    })
}

fn table(table: Table) -> Value {
    let unknown = table.unknown_code().map(|unknown| {
        let mut facts: Map<String, Value> = unknown
            .facts
            .iter()
            .map(|(name, value)| ((*name).into(), json!(value)))
            .collect();
        facts.insert("reason".into(), unknown.reason.into());
        facts
    });
    json!({
        "table": table.name(),
        "type": table.type_name(),
        "description": table.doc(),
        "columns": table.columns().iter().map(column).collect::<Vec<_>>(),
        "unknown_code": unknown,
        "codes": table.codes().map(|code| json!(Card::of(code))).collect::<Vec<_>>(),
    })
}

/// A column: its name, label, doc and kind; a vocabulary's values, a code column's table.
fn column(column: &Column) -> Value {
    let mut described = json!({
        "name": column.name,
        "label": column.label,
        "description": column.doc,
        "optional": column.optional,
    });
    let kind = match column.kind {
        Kind::Status => json!("http_status"),
        Kind::Bool => json!("boolean"),
        Kind::Text => json!("text"),
        Kind::Phrases => json!("phrases"),
        Kind::Term(vocabulary) => {
            described["values"] = json!(vocabulary.values());
            if let Some(key) = vocabulary.parameter_key() {
                described["parameter"] = json!(format!("{}_{key}", column.name));
            }
            json!(vocabulary.name())
        }
        Kind::Code(target) => {
            described["table"] = json!(target.name());
            json!("code")
        }
    };
    described["kind"] = kind;
    described
}

/// The JSON Schema of [`codes`]: each code's properties typed by its column (an HTTP status, a
/// boolean, a text, phrases, a value of a vocabulary, a code of a table), every property of
/// every table named, nothing else allowed.
#[must_use]
pub fn codes_schema() -> Value {
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
            "Code": code_schema(),
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
fn code_schema() -> Value {
    let mut properties: BTreeMap<String, Value> = BTreeMap::new();
    let columns = FACTS
        .iter()
        .chain(Table::ALL.iter().flat_map(|t| t.columns()));
    for column in columns {
        properties.insert(column.name.into(), value_schema(column));
        if let Kind::Term(vocabulary) = column.kind {
            if let Some(key) = vocabulary.parameter_key() {
                let name = format!("{}_{key}", column.name);
                let doc = format!("The number the `{}` value carries.", column.name);
                properties.insert(
                    name,
                    json!({"type": ["integer", "null"], "minimum": 0, "description": doc}),
                );
            }
        }
    }
    let card = json!({
        "table": {"enum": Table::ALL.map(Table::name), "description": "The code's table."},
        "code": {"type": "string", "description": "The wire string."},
        "description": {"type": "string", "description": "What the code means."},
        "overrides": {"type": "array", "items": {"type": "string"}, "description": "The inherited columns this code overrides."},
        "override": {"type": ["string", "null"], "description": "Why it overrides them."},
        "deprecated": {"type": ["string", "null"], "description": "For a retired code: what to use instead."},
    });
    if let Value::Object(card) = card {
        properties.extend(card);
    }
    let mut required: Vec<&str> = ["table", "code", "description"].into();
    required.extend(FACTS.iter().map(|f| f.name));
    required.extend(["overrides", "override", "deprecated"]);
    json!({
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The schema of one column's value: `null` where a code has none.
fn value_schema(column: &Column) -> Value {
    let doc = column.doc;
    match column.kind {
        Kind::Status => {
            json!({"type": ["integer", "null"], "minimum": 100, "maximum": 599, "description": doc})
        }
        Kind::Bool => json!({"type": ["boolean", "null"], "description": doc}),
        Kind::Text => json!({"type": ["string", "null"], "description": doc}),
        Kind::Phrases => {
            json!({"type": ["array", "null"], "items": {"type": "string"}, "description": doc})
        }
        Kind::Term(vocabulary) => {
            let mut values: Vec<Value> = vocabulary.values().iter().map(|v| json!(v)).collect();
            values.push(Value::Null);
            json!({"enum": values, "description": doc})
        }
        Kind::Code(target) => {
            let mut values: Vec<Value> = target.codes().map(|c| json!(c.as_str())).collect();
            values.push(Value::Null);
            json!({"enum": values, "description": doc})
        }
    }
}
