//! The JSON Schema of the Recall.ai payloads, derived from their wire shapes: one type per
//! status webhook shape, where the decoder's [`StatusWebhook`](super::StatusWebhook) reads both
//! into one struct, and the JSON error object, which [`ErrorBody`](super::ErrorBody) reads
//! among bodies that are not JSON. These types are never built; they exist for their derived
//! `JsonSchema`.

#![allow(dead_code, reason = "wire shapes, for their schema only")]

use alloc::borrow::Cow;
use alloc::string::{String, ToString as _};

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use super::webhook::LEGACY_EVENT;
use super::{ErrorCode, StatusChange};
use crate::Open;
use crate::schema::exclusive;

impl JsonSchema for super::StatusWebhook<'_> {
    fn schema_name() -> Cow<'static, str> {
        Shapes::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Shapes::json_schema(generator)
    }
}

impl JsonSchema for super::ErrorBody<'_> {
    fn schema_name() -> Cow<'static, str> {
        ErrorObject::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        ErrorObject::json_schema(generator)
    }
}

/// A Recall.ai bot status webhook: one event per status (bot.<code>), or the legacy bot.status_change.
#[derive(JsonSchema)]
#[schemars(rename = "RecallStatusWebhook", transform = exclusive)]
#[serde(untagged)]
enum Shapes {
    Current(Current),
    Legacy(Legacy),
}

/// The current shape: event bot.<code>.
#[derive(JsonSchema)]
#[schemars(rename = "RecallStatusWebhookCurrent")]
struct Current {
    /// The event: bot.<code>.
    // `bot.status_change` too: a status of that name, told from the legacy shape by `data.data`.
    #[schemars(regex(pattern = r"^bot\."))]
    event: String,
    data: CurrentData,
}

/// The `data` of the current shape.
#[derive(JsonSchema)]
#[schemars(rename = "RecallStatusWebhookCurrentData")]
struct CurrentData {
    data: StatusChange<'static>,
    bot: Bot,
}

/// A bot, as a status webhook names it.
#[derive(JsonSchema)]
#[schemars(rename = "RecallBot")]
struct Bot {
    /// The bot's id.
    id: String,
    /// The caller's own JSON.
    metadata: Option<Value>,
}

/// The legacy shape: event bot.status_change.
#[derive(JsonSchema)]
#[schemars(rename = "RecallStatusWebhookLegacy")]
struct Legacy {
    // Any JSON, narrowed to the one event.
    #[schemars(extend("const" = LEGACY_EVENT))]
    event: Value,
    data: LegacyData,
}

/// The `data` of the legacy shape.
#[derive(JsonSchema)]
#[schemars(rename = "RecallStatusWebhookLegacyData")]
struct LegacyData {
    /// The bot's id.
    bot_id: String,
    status: StatusChange<'static>,
}

/// A Recall.ai error body.
#[derive(JsonSchema)]
#[schemars(rename = "RecallErrorBody")]
struct ErrorObject {
    /// The machine-readable code, known or not.
    code: Option<Open<'static, ErrorCode>>,
    /// Human-readable; tells apart causes that share a code.
    detail: Option<String>,
}

/// A bot's history and its verdict, as `error-taxonomy bot --json` writes them (the library's
/// `Serialize` of [`History`](super::History), with its [`Verdict`](super::Verdict) under
/// `verdict`): times in microseconds since the Unix epoch, durations in seconds.
impl JsonSchema for super::History<'_> {
    fn schema_name() -> Cow<'static, str> {
        "RecallBotHistory".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let status = generator.subschema_for::<Option<Open<'static, super::BotStatus>>>();
        let sub_code = generator.subschema_for::<Option<Open<'static, super::SubCode>>>();
        let log_code = generator.subschema_for::<Option<Open<'static, super::BotLogCode>>>();
        let failure = generator.subschema_for::<crate::meetbot::FailureCode>();
        let text = serde_json::json!({"type": ["string", "null"]});
        let micros = serde_json::json!({"type": ["integer", "null"], "description": "Microseconds since the Unix epoch."});
        let seconds = serde_json::json!({"type": ["number", "null"], "minimum": 0});
        let index = serde_json::json!({"type": "integer", "minimum": 0});
        schemars::json_schema!({
            "description": "A bot's history (a Retrieve Bot body's status_changes, and its log entries) read in time order, and its verdict: when the bot joined, what it recorded, how it ended, billing by the 60 s rule.",
            "type": "object",
            "required": ["bot_id", "changes", "logs", "notes"],
            "properties": {
                "bot_id": text,
                "changes": {"type": "array", "items": {
                    "type": "object",
                    "required": ["code", "sub_code", "message", "created_at", "at"],
                    "properties": {"code": status, "sub_code": sub_code, "message": text,
                                   "created_at": text, "at": micros},
                }},
                "logs": {"type": "array", "items": {
                    "type": "object",
                    "properties": {"code": log_code, "level": text, "message": text, "at": micros},
                }},
                "notes": {"type": "array", "items": {"type": "object", "minProperties": 1, "maxProperties": 1,
                    "propertyNames": {"enum": ["no_time", "out_of_order", "duplicate", "unreadable"]},
                    "additionalProperties": index}},
                "verdict": {
                    "type": "object",
                    "properties": {
                        "ending": {"type": ["integer", "null"], "minimum": 0},
                        "joined_at": micros,
                        "waiting_room": seconds,
                        "recordings": {"type": "array", "items": {"type": "object",
                            "properties": {"start": {"type": "integer"}, "end": micros}}},
                        "recorded": seconds,
                        "final_status": {"type": ["string", "null"]},
                        "outcome": {"enum": ["running", "ended", "failed", "unknown"]},
                        "failure": {"type": ["object", "null"], "properties": {
                            "failure_code": failure, "retry": {"type": "string"},
                            "handling": {"type": "string"}, "mapped_by": {"type": "object"}}},
                        "denials": {"type": "array", "items": {"type": "object",
                            "properties": {"change": index, "recovered": {"type": "boolean"}}}},
                        "billed": {"enum": ["yes", "no", "unknown"]},
                        "billing_note": text,
                        "explained": {"type": "array", "items": {"type": "object",
                            "properties": {"entry": index, "code": {"type": "string"},
                                           "explains": {"type": ["integer", "null"]}}}},
                    },
                },
            },
        })
    }
}
