//! The JSON Schema of the taxonomy, for SDKs in other languages: every code type as a closed,
//! documented union with its facts as `x-` keywords, every payload type, in one draft 2020-12
//! bundle (`schema/error-taxonomy.schema.json`).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

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

/// One code's entry: `const`, `description`, and every column of its table as
/// `x-<column>` (underscores become dashes: `x-http-status`, `x-failure-code`), a vocabulary's
/// number as `x-<column>-<key>` (`x-retry-delay-s`), an override as `x-override`, and
/// `deprecated` with `x-deprecation` for a retired code.
fn code_entry(code: AnyCode) -> Value {
    let mut entry = Map::new();
    entry.insert("type".into(), "string".into());
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

impl<T: Code + JsonSchema> JsonSchema for Open<'_, T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(alloc::format!("Open{}", T::schema_name()))
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let known = generator.subschema_for::<T>();
        json_schema!({
            "anyOf": [
                known,
                {
                    "type": "string",
                    "description": "A code this version of the taxonomy does not know yet: servers add codes without notice."
                }
            ]
        })
    }
}

/// The `job.failed` envelope: a union of v1 and v2, told apart by `version`.
impl JsonSchema for JobFailed<'_> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("MeetbotJobFailed")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let code = generator.subschema_for::<Open<'static, FailureCode>>();
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
            json!({"const": 1}),
            v1_data,
            &["deliveryId", "event", "emittedAt", "attempt", "data"],
            "job.failed, envelope v1: only a free-text failure_reason. An envelope without version is v1.",
        );
        let v2 = envelope(
            "MeetbotJobFailedV2",
            json!({"const": 2}),
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

/// The whole bundle: draft 2020-12, every type under `$defs`, and a root `anyOf` of them so that
/// code generators emit every type. Deterministic: keys are sorted.
#[must_use]
pub fn bundle() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let mut refs: Vec<Value> = Table::ALL
        .iter()
        .map(|table| table.subschema_for(&mut generator).to_value())
        .collect();
    refs.push(generator.subschema_for::<JobFailed<'static>>().to_value());
    refs.push(
        generator
            .subschema_for::<StatusWebhook<'static>>()
            .to_value(),
    );
    refs.push(
        generator
            .subschema_for::<StatusChange<'static>>()
            .to_value(),
    );
    refs.push(generator.subschema_for::<ErrorBody<'static>>().to_value());
    refs.push(
        generator
            .subschema_for::<hiring::Problem<'static>>()
            .to_value(),
    );
    let defs: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    let mut bundle = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "error-taxonomy",
        "description": "The error codes of Recall.ai's API, the hiring API and meetbot, with the payloads that carry them.",
        "anyOf": refs,
        "$defs": defs,
    });
    standard_formats(&mut bundle);
    bundle
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
    let mut text = serde_json::to_string_pretty(&bundle()).unwrap_or_default();
    text.push('\n');
    text
}
