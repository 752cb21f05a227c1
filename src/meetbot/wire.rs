//! `Serialize` and `Deserialize` of [`JobFailed`]: the same envelope [`JobFailed::from_json`]
//! reads (the same required fields, the same numbers, `null` where a value is required kept as
//! unreadable), and written so that it reads back as itself.

use alloc::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::webhook::{JobFailedEvent, Version, attempt};
use super::{JobFailed, JobFailedData};
use crate::{DecodeError, Open, Unreadable};

/// What each version requires in `data`, and what its absence is called.
const REQUIRED: [(Version, &str, &str); 3] = [
    (
        Version::V2,
        "data.failure_code",
        "data.failure_code is missing",
    ),
    (
        Version::V2,
        "data.failure_detail",
        "data.failure_detail is missing",
    ),
    (
        Version::V1,
        "data.failure_reason",
        "data.failure_reason is missing",
    ),
];

impl Version {
    /// Whether this version requires the field at `path`: why it is missing, or `None`.
    pub(super) fn requires(self, path: &str) -> Option<&'static str> {
        REQUIRED
            .iter()
            .find(|(version, required, _)| *version == self && *required == path)
            .map(|(_, _, missing)| *missing)
    }
}

/// The envelope as it is on the wire.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "deliveryId", borrow)]
    delivery_id: Cow<'a, str>,
    event: JobFailedEvent,
    #[serde(rename = "emittedAt", borrow)]
    emitted_at: Cow<'a, str>,
    #[serde(deserialize_with = "attempt")]
    attempt: u32,
    #[serde(default)]
    version: Version,
    #[serde(borrow)]
    data: Data<'a>,
}

/// `data` as it is on the wire: what each field holds, or that it is absent.
#[derive(Deserialize)]
struct Data<'a> {
    #[serde(rename = "jobId", borrow)]
    job_id: Cow<'a, str>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    #[serde(default, borrow)]
    failure_code: Scalar<'a>,
    #[serde(default, borrow)]
    failure_detail: Scalar<'a>,
    #[serde(default, borrow)]
    failure_reason: Scalar<'a>,
    #[serde(default, borrow)]
    billed: Scalar<'a>,
    #[serde(rename = "manifestUri", default, borrow)]
    manifest_uri: Scalar<'a>,
}

/// One field's value, of any JSON type (a wrong type costs only its field), or its absence.
#[derive(Default)]
enum Scalar<'a> {
    #[default]
    Absent,
    Null,
    Text(Cow<'a, str>),
    Bool(bool),
    /// A number, an array or an object: read past.
    Other,
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// Reads any JSON value into a [`Scalar`], reading past arrays and objects.
struct ScalarVisitor;

impl<'de> serde::de::Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Borrowed(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(value.into())))
    }

    fn visit_string<E>(self, value: alloc::string::String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(value)))
    }

    fn visit_bool<E>(self, value: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(value))
    }

    fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }

    fn visit_none<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Scalar<'de>, D::Error> {
        Scalar::deserialize(deserializer)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Other)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Scalar::Other)
    }
}

/// One field of `data` as the version wants it: an error when the version requires it and it
/// is absent; unreadable when it is of the wrong type, or `null` where a value is required.
struct Fields {
    version: Version,
    unreadable: Unreadable,
}

impl Fields {
    fn text<'a>(
        &mut self,
        value: Scalar<'a>,
        path: &'static str,
    ) -> Result<Option<Cow<'a, str>>, DecodeError> {
        let required = self.version.requires(path);
        match (value, required) {
            (Scalar::Absent, Some(missing)) => Err(DecodeError::Shape {
                expected: self.version.envelope(),
                reason: missing,
            }),
            (Scalar::Absent | Scalar::Null, None) => Ok(None),
            (Scalar::Text(text), _) => Ok(Some(text)),
            (_, _) => {
                self.unreadable.push(path);
                Ok(None)
            }
        }
    }

    fn boolean(&mut self, value: Scalar<'_>, path: &'static str) -> Option<bool> {
        match value {
            Scalar::Absent | Scalar::Null => None,
            Scalar::Bool(value) => Some(value),
            _ => {
                self.unreadable.push(path);
                None
            }
        }
    }
}

impl<'a> Envelope<'a> {
    fn into_event(self) -> Result<JobFailed<'a>, DecodeError> {
        let Envelope {
            delivery_id,
            event,
            emitted_at,
            attempt,
            version,
            data,
        } = self;
        let mut fields = Fields {
            version,
            unreadable: Unreadable::default(),
        };
        let failure_code = fields.text(data.failure_code, "data.failure_code")?;
        let failure_detail = fields.text(data.failure_detail, "data.failure_detail")?;
        let failure_reason = fields.text(data.failure_reason, "data.failure_reason")?;
        let billed = fields.boolean(data.billed, "data.billed");
        let manifest_uri = fields.text(data.manifest_uri, "data.manifestUri")?;
        Ok(JobFailed {
            delivery_id,
            event,
            emitted_at,
            attempt,
            version,
            data: JobFailedData {
                job_id: data.job_id,
                status: data.status,
                failure_code: failure_code.map(Open::from_cow),
                failure_detail,
                failure_reason,
                billed,
                manifest_uri,
            },
            unreadable: fields.unreadable,
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for JobFailed<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Envelope::deserialize(deserializer)?
            .into_event()
            .map_err(serde::de::Error::custom)
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
            None if self.unreadable.contains(path) && self.version.requires(path).is_some() => {
                Slot::Null
            }
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
