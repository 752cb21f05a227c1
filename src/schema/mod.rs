//! The JSON Schema of the taxonomy, for SDKs in other languages: every code type as a closed,
//! documented union with its facts as `x-` keywords, every payload type, in one draft 2020-12
//! bundle (`schema/error-taxonomy.schema.json`).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

mod openapi;

pub use openapi::openapi;

use crate::{AnyCode, Code, Open, Table};

/// The bundle's `$id`; its last segment is the crate's major version, which changes exactly when
/// a published schema would break.
pub const SCHEMA_ID: &str = "urn:error-taxonomy:schema:v0";

/// The schema of a code enum: `oneOf` one `const` per code, each with its description and its
/// facts as `x-` keywords, and `deprecated` for retired codes (see [`code_entry`]).
pub(crate) fn code_schema<T: Code>() -> Schema {
    let one_of: Vec<Value> = T::ALL
        .iter()
        .map(|&code| code_entry(code.to_any()))
        .collect();
    json_schema!({
        "title": T::TABLE.type_name(),
        "description": T::TABLE.doc(),
        "oneOf": one_of,
    })
}

/// One code's entry: `const` (without `type`, which generators do not need beside it),
/// `description`, and every column of its table as
/// `x-<column>` (underscores become dashes: `x-http-status`, `x-failure-code`), a vocabulary's
/// number as `x-<column>-<key>` (`x-retry-delay-s`), an override as `x-override` with the
/// columns it overrides as `x-overrides`, and
/// `deprecated` with `x-deprecation` for a retired code.
fn code_entry(code: AnyCode) -> Value {
    let mut entry = Map::new();
    entry.insert("const".into(), code.as_str().into());
    entry.insert("description".into(), code.description().into());
    for (column, value) in code.values() {
        let Some(value) = value else { continue };
        let key = alloc::format!("x-{}", column.name.replace('_', "-"));
        if let crate::Value::Term(term) = value {
            if let (Some(n), Some(suffix)) = (term.parameter(), term.vocabulary().parameter_key()) {
                entry.insert(
                    alloc::format!("{key}-{}", suffix.replace('_', "-")),
                    n.into(),
                );
            }
        }
        entry.insert(key, serde_json::to_value(value).unwrap_or_default());
    }
    if let Some(note) = code.override_note() {
        entry.insert("x-override".into(), note.into());
        entry.insert("x-overrides".into(), code.overrides().into());
    }
    if let Some(note) = code.deprecation() {
        entry.insert("deprecated".into(), true.into());
        entry.insert("x-deprecation".into(), note.into());
    }
    Value::Object(entry)
}

/// What an open position says of its string branch.
const OPEN_NOTE: &str =
    "A code this version of the taxonomy does not know yet: servers add codes without notice.";

impl<T: Code + JsonSchema> JsonSchema for Open<'_, T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(alloc::format!("Open{}", T::schema_name()))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let known = generator.subschema_for::<T>();
        // `bundle` moves the note from the branch to the position's own description.
        json_schema!({
            "anyOf": [known, {"type": "string", "description": OPEN_NOTE}]
        })
    }
}

/// A JSON integer that is exactly `N`: an envelope's `version`. A field of it that may be
/// absent is `#[serde(default)]` (hence `Default`), which makes it optional without the `null`
/// that an `Option` would admit; as it has no `Serialize`, the schema gets no `default` either.
#[derive(Default)]
pub(crate) struct Exactly<const N: u64>;

impl<const N: u64> JsonSchema for Exactly<N> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(alloc::format!("Exactly{N}"))
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "integer", "const": N})
    }
}

/// For `#[schemars(transform = exclusive)]` on an untagged union of wire shapes that exclude
/// each other (by `version`, by `event`): `oneOf` says so, where the derive writes `anyOf`.
pub(crate) fn exclusive(schema: &mut Schema) {
    if let Some(branches) = schema.remove("anyOf") {
        schema.insert("oneOf".into(), branches);
    }
}

/// The whole bundle: draft 2020-12, every type under `$defs` (each titled with its name), and
/// a root that is an index of them, so that the obvious command of a code generator emits one
/// type per code table and per payload version. Deterministic: keys are sorted.
///
/// The shape is for generators; validation is JSON Schema's: a payload is validated at
/// `$defs/<Type>` (`MeetbotJobFailed`, `RecallStatusWebhook`, ...). Each payload schema is
/// derived from its wire shapes: each version or shape of a union, each `data` object and the bot
/// are `$defs` of their own; an open code position is one flat `anyOf`: the code type, any
/// string, and `null` where it may be absent.
#[must_use]
pub fn bundle() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let payloads = register(&mut generator);
    let mut defs: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    let index: Map<String, Value> = index_names(&payloads, &defs)
        .into_iter()
        .map(|name| {
            let reference = json!({"$ref": alloc::format!("#/$defs/{name}")});
            (snake_case(&name), reference)
        })
        .collect();
    for (name, def) in &mut defs {
        open_positions(def);
        if let Value::Object(def) = def {
            def.insert("title".into(), name.clone().into());
        }
    }
    let mut bundle = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "error-taxonomy",
        "description": "The error codes of Recall.ai's API, the hiring API and meetbot, with the payloads that carry them. The root is an index of the published types, for code generators; validate a payload at $defs/<Type>.",
        "type": "object",
        "additionalProperties": false,
        "properties": index,
        "$defs": defs,
    });
    standard_formats(&mut bundle);
    bundle
}

/// Registers every published type with `generator`: the code tables, then every payload of
/// [`payload::each`](crate::payload::each), whose schema names it returns.
fn register(generator: &mut SchemaGenerator) -> Vec<Cow<'static, str>> {
    struct Register<'g> {
        generator: &'g mut SchemaGenerator,
        names: Vec<Cow<'static, str>>,
    }

    impl crate::payload::Visit for Register<'_> {
        fn visit<P: crate::payload::Payload>(&mut self) {
            self.generator.subschema_for::<P>();
            self.names.push(P::schema_name());
        }
    }

    for table in Table::ALL {
        table.subschema_for(generator);
    }
    let mut register = Register {
        generator,
        names: Vec::new(),
    };
    crate::payload::each(&mut register);
    // Not a payload a server sends, but an answer other languages read: a bot's history.
    register
        .generator
        .subschema_for::<crate::recall::History<'static>>();
    register
        .names
        .push(<crate::recall::History<'static> as JsonSchema>::schema_name());
    register.names
}

/// The published types, in the order of the root index: the code tables, the payloads, then the
/// versions and shapes of the payload unions (the `$ref`s of their `oneOf`).
fn index_names(payloads: &[Cow<'static, str>], defs: &Map<String, Value>) -> Vec<String> {
    let tables = Table::ALL.into_iter().map(|t| String::from(t.type_name()));
    let variants = payloads
        .iter()
        .filter_map(|name| defs.get(name.as_ref())?.get("oneOf")?.as_array())
        .flatten()
        .filter_map(|branch| branch.get("$ref")?.as_str()?.strip_prefix("#/$defs/"))
        .map(String::from);
    tables
        .chain(payloads.iter().map(|name| String::from(name.as_ref())))
        .chain(variants)
        .collect()
}

/// The published types, in the order of the root index: the code tables, the payloads, then the
/// versions and shapes of the payload unions.
pub fn published() -> impl Iterator<Item = String> {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let payloads = register(&mut generator);
    let defs: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    index_names(&payloads, &defs).into_iter()
}

/// `RecallHttpStatus` as `recall_http_status`, `MeetbotJobFailedV1` as `meetbot_job_failed_v1`.
fn snake_case(name: &str) -> String {
    let mut snake = String::with_capacity(name.len() + 8);
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if c.is_ascii_uppercase()
            && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
        {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
        previous = Some(c);
    }
    snake
}

/// Each open code position made one flat `anyOf` (a branch that is only an `anyOf` is spliced
/// into its parent), and the note of its string branch moved to the position's description.
fn open_positions(value: &mut Value) {
    match value {
        Value::Object(object) => {
            object.values_mut().for_each(open_positions);
            let Some(Value::Array(branches)) = object.get_mut("anyOf") else {
                return;
            };
            let mut flat = Vec::with_capacity(branches.len() + 1);
            let mut notes: Vec<String> = Vec::new();
            for branch in core::mem::take(branches) {
                match branch {
                    Value::Object(mut inner)
                        if inner.contains_key("anyOf")
                            && inner.keys().all(|k| k == "anyOf" || k == "description") =>
                    {
                        if let Some(Value::String(note)) = inner.remove("description") {
                            notes.push(note);
                        }
                        if let Some(Value::Array(spliced)) = inner.remove("anyOf") {
                            flat.extend(spliced);
                        }
                    }
                    other => flat.push(other),
                }
            }
            for branch in &mut flat {
                if let Value::Object(branch) = branch {
                    if branch.get("description").and_then(Value::as_str) == Some(OPEN_NOTE) {
                        branch.remove("description");
                        notes.push(String::from(OPEN_NOTE));
                    }
                }
            }
            object.insert("anyOf".into(), Value::Array(flat));
            let own = object.get("description").and_then(Value::as_str);
            let mut description: Vec<&str> = own.into_iter().collect();
            for note in &notes {
                if !description.contains(&note.as_str()) {
                    description.push(note);
                }
            }
            if !description.is_empty() {
                let joined = description.join(" ");
                object.insert("description".into(), joined.into());
            }
        }
        Value::Array(items) => items.iter_mut().for_each(open_positions),
        _ => {}
    }
}

/// Replaces the integer formats that schemars writes (`uint16`, ...), which are not formats of
/// JSON Schema and which strict validators such as Ajv reject, with the range they stand for.
fn standard_formats(value: &mut Value) {
    match value {
        Value::Object(object) => {
            let range = match object.get("format").and_then(Value::as_str) {
                Some("uint8") => Some(u64::from(u8::MAX)),
                Some("uint16") => Some(u64::from(u16::MAX)),
                Some("uint32") => Some(u64::from(u32::MAX)),
                Some("uint64" | "uint") => Some(u64::MAX),
                _ => None,
            };
            if let Some(max) = range {
                object.remove("format");
                object.entry("minimum").or_insert(0.into());
                object.entry("maximum").or_insert(max.into());
            }
            object.values_mut().for_each(standard_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(standard_formats),
        _ => {}
    }
}

/// The bundle as the committed file holds it: pretty JSON and a final newline.
#[must_use]
pub fn bundle_text() -> alloc::string::String {
    to_text(&bundle())
}

/// A document as a committed file holds it: pretty JSON and a final newline.
#[must_use]
pub fn to_text(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusive_makes_a_union_one_of() {
        let mut union = json_schema!({"anyOf": [{"const": 1}, {"const": 2}], "description": "d"});
        exclusive(&mut union);
        assert_eq!(
            union.to_value(),
            json!({"oneOf": [{"const": 1}, {"const": 2}], "description": "d"})
        );
    }
}
