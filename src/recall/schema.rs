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
