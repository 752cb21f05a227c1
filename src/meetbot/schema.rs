//! The JSON Schema of `job.failed`, derived from its wire shapes: one type per envelope version,
//! where the decoder's [`JobFailed`](super::JobFailed) reads every version into one struct.
//! These types are never built; they exist for their derived `JsonSchema`, which holds for
//! reading (the default) and for what the crate writes (`for_serialize`): an optional field is
//! left out when it is `None`, as the decoder's types do.

#![allow(dead_code, reason = "wire shapes, for their schema only")]

use alloc::borrow::Cow;
use alloc::string::String;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::{FailureCode, JobFailedEvent};
use crate::Open;
use crate::schema::{Exactly, exclusive};

impl JsonSchema for super::JobFailed<'_> {
    fn schema_name() -> Cow<'static, str> {
        Versions::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Versions::json_schema(generator)
    }
}

/// The string `job.failed`, and nothing else.
impl JsonSchema for JobFailedEvent {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("MeetbotJobFailedEvent")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"const": Self::NAME})
    }
}

/// A meetbot job.failed webhook, v1 or v2 (told apart by version).
#[derive(JsonSchema)]
#[schemars(rename = "MeetbotJobFailed", transform = exclusive)]
#[serde(untagged)]
enum Versions {
    V1(V1),
    V2(V2),
}

/// What every envelope version has.
#[derive(JsonSchema)]
struct Head {
    /// The delivery's id, the same across retries of one delivery.
    #[serde(rename = "deliveryId")]
    delivery_id: String,
    event: JobFailedEvent,
    /// When the event was emitted (RFC 3339).
    #[serde(rename = "emittedAt")]
    emitted_at: String,
    /// The delivery attempt, from 1.
    #[schemars(range(min = 1))]
    attempt: u32,
}

/// job.failed, envelope v1: only a free-text failure_reason. An envelope without version is v1.
#[derive(JsonSchema)]
#[schemars(rename = "MeetbotJobFailedV1")]
struct V1 {
    #[serde(flatten)]
    head: Head,
    // Absent, or 1 (not null).
    #[serde(default)]
    version: Exactly<1>,
    data: DataV1,
}

/// job.failed, envelope v2: a structured failure_code; the x-meetbot-webhook-version header is 2.
#[derive(JsonSchema)]
#[schemars(rename = "MeetbotJobFailedV2")]
struct V2 {
    #[serde(flatten)]
    head: Head,
    version: Exactly<2>,
    data: DataV2,
}

/// The `data` of a v1 envelope.
#[derive(JsonSchema)]
#[schemars(rename = "MeetbotJobFailedDataV1")]
struct DataV1 {
    /// The job's id.
    #[serde(rename = "jobId")]
    job_id: String,
    /// The job's status: `failed`.
    status: String,
    /// Free text; map it with the legacy phrases.
    failure_reason: String,
    /// Whether the run consumed credit.
    #[serde(skip_serializing_if = "Option::is_none")]
    billed: Option<bool>,
    /// The partial recording's manifest, present when billed.
    #[serde(rename = "manifestUri", skip_serializing_if = "Option::is_none")]
    manifest_uri: Option<String>,
}

/// The `data` of a v2 envelope.
#[derive(JsonSchema)]
#[schemars(rename = "MeetbotJobFailedDataV2")]
struct DataV2 {
    /// The job's id.
    #[serde(rename = "jobId")]
    job_id: String,
    /// The job's status: `failed`.
    status: String,
    /// The failure code, known or not.
    failure_code: Open<'static, FailureCode>,
    /// For people; branch on failure_code.
    failure_detail: String,
    /// failure_detail again, for v1 receivers.
    #[serde(skip_serializing_if = "Option::is_none")]
    failure_reason: Option<String>,
    /// Whether the run consumed credit.
    #[serde(skip_serializing_if = "Option::is_none")]
    billed: Option<bool>,
    /// The partial recording's manifest, present when billed.
    #[serde(rename = "manifestUri", skip_serializing_if = "Option::is_none")]
    manifest_uri: Option<String>,
}
