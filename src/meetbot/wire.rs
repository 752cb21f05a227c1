//! `Serialize` and `Deserialize` of [`JobFailed`]: `Deserialize` is [`JobFailed::from_json`]'s
//! one pass, and `Serialize` writes an envelope so that it reads back as itself (`null` where the
//! version requires a value that could not be read).

use serde::{Deserialize, Serialize};

use super::JobFailed;
use super::webhook::{JobFailedEvent, Version};
use crate::Open;

/// What each version requires in `data`.
const REQUIRED: [(Version, &str); 3] = [
    (Version::V2, "data.failure_code"),
    (Version::V2, "data.failure_detail"),
    (Version::V1, "data.failure_reason"),
];

impl Version {
    /// Whether this version requires the field at `path`. A version this crate does not know
    /// is read like v2, and requires what v2 requires.
    pub(super) fn requires(self, path: &str) -> bool {
        let read_as = match self {
            Version::Unknown(_) => Version::V2,
            known => known,
        };
        REQUIRED
            .iter()
            .any(|(version, required)| *version == read_as && *required == path)
    }
}

/// The same pass as [`JobFailed::from_json`]: with serde_json reading a slice or a string.
impl<'de: 'a, 'a> Deserialize<'de> for JobFailed<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::decode::deserialize::<JobFailed<'de>, D>(deserializer)
    }
}

/// A field to write: its value, `null`, or nothing.
enum Slot<T> {
    Value(T),
    Null,
    Absent,
}

impl<T> Slot<T> {
    const fn is_absent(&self) -> bool {
        matches!(self, Slot::Absent)
    }
}

impl<T: Serialize> Serialize for Slot<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Slot::Value(value) => value.serialize(serializer),
            Slot::Null | Slot::Absent => serializer.serialize_none(),
        }
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'b> {
    #[serde(rename = "deliveryId")]
    delivery_id: &'b str,
    event: JobFailedEvent,
    #[serde(rename = "emittedAt")]
    emitted_at: &'b str,
    attempt: u32,
    version: Version,
    data: DataOut<'b>,
}

#[derive(Serialize)]
struct DataOut<'b> {
    #[serde(rename = "jobId")]
    job_id: &'b str,
    status: &'b str,
    #[serde(skip_serializing_if = "Slot::is_absent")]
    failure_code: Slot<&'b str>,
    #[serde(skip_serializing_if = "Slot::is_absent")]
    failure_detail: Slot<&'b str>,
    #[serde(skip_serializing_if = "Slot::is_absent")]
    failure_reason: Slot<&'b str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    billed: Option<bool>,
    #[serde(rename = "manifestUri", skip_serializing_if = "Option::is_none")]
    manifest_uri: Option<&'b str>,
}

impl JobFailed<'_> {
    /// What to write for a field: its value; `null` when the version requires it and it could
    /// not be read; else nothing.
    fn slot<'b>(&self, value: Option<&'b str>, path: &str) -> Slot<&'b str> {
        match value {
            Some(value) => Slot::Value(value),
            None if self.unreadable.contains(path) && self.version.requires(path) => Slot::Null,
            None => Slot::Absent,
        }
    }
}

impl Serialize for JobFailed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let data = &self.data;
        let slot = |value, path| self.slot(value, path);
        EnvelopeOut {
            delivery_id: &self.delivery_id,
            event: self.event,
            emitted_at: &self.emitted_at,
            attempt: self.attempt,
            version: self.version,
            data: DataOut {
                job_id: &data.job_id,
                status: &data.status,
                failure_code: slot(
                    data.failure_code.as_ref().map(Open::as_str),
                    "data.failure_code",
                ),
                failure_detail: slot(data.failure_detail.as_deref(), "data.failure_detail"),
                failure_reason: slot(data.failure_reason.as_deref(), "data.failure_reason"),
                billed: data.billed,
                manifest_uri: data.manifest_uri.as_deref(),
            },
        }
        .serialize(serializer)
    }
}
