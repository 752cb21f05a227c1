//! The JSON Schema of the taxonomy, for SDKs in other languages: every code type as a closed,
//! documented union with its facts as `x-` keywords, every payload type, in one draft 2020-12
//! bundle (`schema/error-taxonomy.schema.json`).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

mod codes;
mod openapi;

pub use codes::{codes, codes_schema};
pub use openapi::openapi;

use crate::meetbot::{FailureCode, JobFailed};
use crate::recall::{ErrorBody, ErrorCode, StatusChange, StatusWebhook};
use crate::{AnyCode, Code, Open, Table, hiring};

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
/// number as `x-<column>-<key>` (`x-retry-delay-s`), an override as `x-override`, and
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

/// The `job.failed` envelope: a union of v1 and v2, told apart by `version`.
impl JsonSchema for JobFailed<'_> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("MeetbotJobFailed")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut code = generator
            .subschema_for::<Open<'static, FailureCode>>()
            .to_value();
        code["description"] = "The failure code, known or not.".into();
        let text = json!({"type": "string"});
        // The decoder takes null for an optional field as absent.
        let optional_text =
            |description: &str| json!({"type": ["string", "null"], "description": description});
        let envelope = |title: &str,
                        version: Value,
                        data: Value,
                        required: &[&str],
                        description: &str| {
            json!({
                "title": title,
                "type": "object",
                "description": description,
                "required": required,
                "properties": {
                    "deliveryId": {"type": "string", "description": "The delivery's id, the same across retries of one delivery."},
                    "event": {"const": "job.failed"},
                    "emittedAt": {"type": "string", "description": "When the event was emitted (RFC 3339)."},
                    "attempt": {"type": "integer", "minimum": 1, "maximum": u32::MAX, "description": "The delivery attempt, from 1."},
                    "version": version,
                    "data": data,
                },
            })
        };
        let v1_data = json!({
            "title": "MeetbotJobFailedDataV1",
            "type": "object",
            "required": ["jobId", "status", "failure_reason"],
            "properties": {
                "jobId": text, "status": text,
                "failure_reason": {"type": "string", "description": "Free text; map it with the legacy phrases."},
                "billed": {"type": ["boolean", "null"]},
                "manifestUri": optional_text("The partial recording's manifest, present when billed."),
            },
        });
        let v2_data = json!({
            "title": "MeetbotJobFailedDataV2",
            "type": "object",
            "required": ["jobId", "status", "failure_code", "failure_detail"],
            "properties": {
                "jobId": text, "status": text,
                "failure_code": code,
                "failure_detail": {"type": "string", "description": "For people; branch on failure_code."},
                "failure_reason": optional_text("failure_detail again, for v1 receivers."),
                "billed": {"type": ["boolean", "null"], "description": "Whether the run consumed credit."},
                "manifestUri": optional_text("The partial recording's manifest, present when billed."),
            },
        });
        let v1 = envelope(
            "MeetbotJobFailedV1",
            json!({"type": "integer", "const": 1}),
            v1_data,
            &["deliveryId", "event", "emittedAt", "attempt", "data"],
            "job.failed, envelope v1: only a free-text failure_reason. An envelope without version is v1.",
        );
        let v2 = envelope(
            "MeetbotJobFailedV2",
            json!({"type": "integer", "const": 2}),
            v2_data,
            &[
                "deliveryId",
                "event",
                "emittedAt",
                "attempt",
                "version",
                "data",
            ],
            "job.failed, envelope v2: a structured failure_code; the x-meetbot-webhook-version header is 2.",
        );
        json_schema!({
            "description": "A meetbot job.failed webhook, v1 or v2 (told apart by version).",
            "oneOf": [v1, v2],
        })
    }
}

/// The Recall.ai bot status webhook, in either shape.
impl JsonSchema for StatusWebhook<'_> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("RecallStatusWebhook")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let change = generator.subschema_for::<StatusChange<'static>>();
        json_schema!({
            "description": "A Recall.ai bot status webhook: one event per status (bot.<code>), or the legacy bot.status_change.",
            "oneOf": [
                {
                    "title": "RecallStatusWebhookCurrent",
                    "type": "object",
                    "description": "The current shape: event bot.<code>.",
                    "required": ["event", "data"],
                    "properties": {
                        "event": {"type": "string", "pattern": "^bot\\.", "not": {"const": "bot.status_change"}},
                        "data": {
                            "title": "RecallStatusWebhookCurrentData",
                            "type": "object",
                            "required": ["data", "bot"],
                            "properties": {
                                "data": change,
                                "bot": {
                                    "title": "RecallBot",
                                    "type": "object",
                                    "required": ["id"],
                                    "properties": {"id": {"type": "string"}, "metadata": {"description": "The caller's own JSON."}},
                                },
                            },
                        },
                    },
                },
                {
                    "title": "RecallStatusWebhookLegacy",
                    "type": "object",
                    "description": "The legacy shape: event bot.status_change.",
                    "required": ["event", "data"],
                    "properties": {
                        "event": {"const": "bot.status_change"},
                        "data": {
                            "title": "RecallStatusWebhookLegacyData",
                            "type": "object",
                            "required": ["bot_id", "status"],
                            "properties": {"bot_id": {"type": "string"}, "status": change},
                        },
                    },
                },
            ],
        })
    }
}

/// The JSON form of a Recall.ai error body (other bodies, such as the firewall's HTML page, are
/// not JSON).
impl JsonSchema for ErrorBody<'_> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("RecallErrorBody")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let code = generator.subschema_for::<Open<'static, ErrorCode>>();
        json_schema!({
            "type": "object",
            "description": "A Recall.ai error body.",
            "properties": {
                "code": code,
                "detail": {"type": "string", "description": "Human-readable; tells apart causes that share a code."},
            },
        })
    }
}

/// The whole bundle: draft 2020-12, every type under `$defs` (each titled with its name), and
/// a root that is an index of them, so that the obvious command of a code generator emits one
/// type per code table and per payload version. Deterministic: keys are sorted.
///
/// The shape is for generators; validation is JSON Schema's: a payload is validated at
/// `$defs/<Type>` (`MeetbotJobFailed`, `RecallStatusWebhook`, ...). Each object schema with a
/// title inside another (the versions of a union, their `data`, a bot) is a `$def` of its own;
/// an open code position is one flat `anyOf`: the code type, any string, and `null` where it may
/// be absent.
#[must_use]
pub fn bundle() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    for table in Table::ALL {
        table.subschema_for(&mut generator);
    }
    generator.subschema_for::<JobFailed<'static>>();
    generator.subschema_for::<StatusWebhook<'static>>();
    generator.subschema_for::<StatusChange<'static>>();
    generator.subschema_for::<ErrorBody<'static>>();
    generator.subschema_for::<hiring::Problem<'static>>();
    let mut defs: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    let payloads = PAYLOADS.map(|(name, _)| name);
    let mut promoted = Vec::new();
    for name in payloads {
        if let Some(def) = defs.get_mut(name) {
            let def = core::mem::take(def);
            let def = promote_titled(def, true, &mut promoted);
            defs.insert(name.into(), def);
        }
    }
    for (title, schema) in promoted {
        defs.insert(title, schema);
    }
    for (name, def) in &mut defs {
        open_positions(def);
        if let Value::Object(def) = def {
            def.insert("title".into(), name.clone().into());
        }
    }
    let index: Map<String, Value> = published()
        .map(|name| {
            (
                snake_case(&name),
                json!({"$ref": alloc::format!("#/$defs/{name}")}),
            )
        })
        .collect();
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

/// The payload types, each with the versions or shapes of its union.
const PAYLOADS: [(&str, &[&str]); 5] = [
    (
        "MeetbotJobFailed",
        &["MeetbotJobFailedV1", "MeetbotJobFailedV2"],
    ),
    (
        "RecallStatusWebhook",
        &["RecallStatusWebhookCurrent", "RecallStatusWebhookLegacy"],
    ),
    ("RecallStatusChange", &[]),
    ("RecallErrorBody", &[]),
    ("HiringProblem", &[]),
];

/// The published types, in the order of the root index: the code tables, the payloads, then the
/// versions and shapes of the payload unions.
pub fn published() -> impl Iterator<Item = String> {
    let tables = Table::ALL.into_iter().map(|t| String::from(t.type_name()));
    let payloads = PAYLOADS.into_iter().map(|(name, _)| String::from(name));
    let variants = PAYLOADS
        .into_iter()
        .flat_map(|(_, variants)| variants.iter().map(|v| String::from(*v)));
    tables.chain(payloads).chain(variants)
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

/// Moves each object schema with a title found below the top (`top` is the `$def` itself) out
/// into `promoted` under its title, leaving a `$ref` in its place.
fn promote_titled(schema: Value, top: bool, promoted: &mut Vec<(String, Value)>) -> Value {
    match schema {
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| promote_titled(item, false, promoted))
                .collect(),
        ),
        Value::Object(object) => {
            let object: Map<String, Value> = object
                .into_iter()
                .map(|(key, value)| (key, promote_titled(value, false, promoted)))
                .collect();
            let title = object
                .get("title")
                .and_then(Value::as_str)
                .map(String::from);
            match title {
                Some(title) if !top && object.get("type") == Some(&json!("object")) => {
                    let reference = json!({"$ref": alloc::format!("#/$defs/{title}")});
                    promoted.push((title, Value::Object(object)));
                    reference
                }
                _ => Value::Object(object),
            }
        }
        other => other,
    }
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
