//! meetbot's `job.failed` webhook, envelope v2 and v1: decoded without allocating for known
//! codes and unescaped text, and encoded with the v2 rules (mirrored `failure_reason`, billing,
//! `manifestUri` exactly when billed).

use alloc::borrow::Cow;
use core::fmt;
use core::time::Duration;

use serde::{Deserialize, Serialize};

use super::FailureCode;
use crate::{DecodeError, Open};

/// The HTTP header that carries the envelope version, so that middleware can route on it
/// without parsing the body.
pub const VERSION_HEADER: &str = "x-meetbot-webhook-version";

/// The envelope version of a `job.failed` webhook.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub enum Version {
    /// Pre-M1.2: only a free-text `failure_reason`. An envelope without `version` is v1.
    #[default]
    V1,
    /// A structured `failure_code` and `failure_detail`, with `failure_reason` mirrored.
    V2,
}

impl Version {
    /// The version as a number: 1 or 2.
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            Version::V1 => 1,
            Version::V2 => 2,
        }
    }

    /// What this version's envelope is called in errors.
    const fn envelope(self) -> &'static str {
        match self {
            Version::V1 => "job.failed v1 envelope",
            Version::V2 => "job.failed v2 envelope",
        }
    }

    /// The value of the [`VERSION_HEADER`] header.
    #[must_use]
    pub const fn header_value(self) -> &'static str {
        match self {
            Version::V1 => "1",
            Version::V2 => "2",
        }
    }
}

impl Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match u64::deserialize(deserializer)? {
            1 => Ok(Version::V1),
            2 => Ok(Version::V2),
            other => Err(serde::de::Error::invalid_value(
                serde::de::Unexpected::Unsigned(other),
                &"envelope version 1 or 2",
            )),
        }
    }
}

/// The `event` of the envelope, which is always `job.failed`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct JobFailedEvent;

impl JobFailedEvent {
    /// The wire string.
    pub const NAME: &'static str = "job.failed";
}

impl Serialize for JobFailedEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(Self::NAME)
    }
}

impl<'de> Deserialize<'de> for JobFailedEvent {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = JobFailedEvent;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "the event {:?}", JobFailedEvent::NAME)
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<JobFailedEvent, E> {
                if value == JobFailedEvent::NAME {
                    Ok(JobFailedEvent)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Str(value), &self))
                }
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

/// A `job.failed` webhook envelope, v1 or v2.
///
/// ```
/// use error_taxonomy::meetbot::{FailureCode, JobFailed, Version};
///
/// let body = br#"{"deliveryId": "dlv_1", "event": "job.failed", "emittedAt": "2026-05-09T14:00:00.000Z",
///   "attempt": 1, "version": 2, "data": {"jobId": "job_1", "status": "failed",
///   "failure_code": "host_denied_admission", "failure_detail": "host clicked 'Deny'",
///   "failure_reason": "host clicked 'Deny'"}}"#;
/// let event = JobFailed::from_json(body)?;
/// assert_eq!(event.version, Version::V2);
/// assert_eq!(event.failure_code().and_then(|c| c.known()), Some(FailureCode::HostDeniedAdmission));
/// # Ok::<(), error_taxonomy::DecodeError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct JobFailed<'a> {
    /// The delivery's id, the same across retries of one delivery.
    #[serde(rename = "deliveryId", borrow)]
    pub delivery_id: Cow<'a, str>,
    /// Always `job.failed`.
    pub event: JobFailedEvent,
    /// When the event was emitted (RFC 3339).
    #[serde(rename = "emittedAt", borrow)]
    pub emitted_at: Cow<'a, str>,
    /// The delivery attempt, from 1.
    pub attempt: u32,
    /// The envelope version; absent in v1.
    #[serde(default)]
    pub version: Version,
    /// The failed job.
    #[serde(borrow)]
    pub data: JobFailedData<'a>,
}

/// The `data` of a `job.failed` envelope.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct JobFailedData<'a> {
    /// The job's id.
    #[serde(rename = "jobId", borrow)]
    pub job_id: Cow<'a, str>,
    /// The job's status: `failed`.
    #[serde(borrow)]
    pub status: Cow<'a, str>,
    /// v2: the structured code, known or not.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub failure_code: Option<Open<'a, FailureCode>>,
    /// v2: the human-readable detail, to show to people.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_detail: Option<Cow<'a, str>>,
    /// v1's free text; v2 mirrors `failure_detail` here for v1 receivers.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<Cow<'a, str>>,
    /// Whether the run consumed credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billed: Option<bool>,
    /// The partial recording's manifest, present when billed.
    #[serde(
        rename = "manifestUri",
        default,
        borrow,
        deserialize_with = "crate::text::optional"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest_uri: Option<Cow<'a, str>>,
}

impl<'a> JobFailed<'a> {
    /// Decodes a `job.failed` body, v1 or v2. A `failure_code` this crate does not know decodes
    /// as [`Open::Unknown`], not as an error.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not JSON, is not a `job.failed` envelope, is a v2
    /// envelope without `failure_code` or `failure_detail` (or a v1 one without
    /// `failure_reason`), or has an `attempt` of 0.
    pub fn from_json(body: &'a [u8]) -> Result<Self, DecodeError> {
        let event: JobFailed<'a> = crate::decode::from_json(body)?;
        let missing = match event.version {
            Version::V2 if event.data.failure_code.is_none() => {
                Some("data.failure_code is missing")
            }
            Version::V2 if event.data.failure_detail.is_none() => {
                Some("data.failure_detail is missing")
            }
            Version::V1 if event.data.failure_reason.is_none() => {
                Some("data.failure_reason is missing")
            }
            _ if event.attempt == 0 => Some("attempt counts from 1"),
            _ => None,
        };
        match missing {
            Some(reason) => Err(DecodeError::Shape {
                expected: event.version.envelope(),
                reason,
            }),
            None => Ok(event),
        }
    }

    /// The failure code: v2's `failure_code`, or for v1 the code that
    /// [`FailureCode::from_legacy_reason`] finds in `failure_reason` (`None` when none does).
    #[must_use]
    pub fn failure_code(&self) -> Option<Open<'_, FailureCode>> {
        match (&self.data.failure_code, &self.data.failure_reason) {
            (Some(code), _) => Some(code.reborrow()),
            (None, Some(reason)) => FailureCode::from_legacy_reason(reason).map(Open::Known),
            (None, None) => None,
        }
    }

    /// How [`failure_code`](Self::failure_code) was reached: v2's code is its row, or unmapped
    /// when this crate does not know it; v1's is the phrase or cue of the free-text reading that
    /// weighed most, or unmapped when nothing in the reason matched.
    #[must_use]
    pub fn mapped_by(&self) -> crate::MappedBy {
        match (&self.data.failure_code, &self.data.failure_reason) {
            (Some(code), _) if code.is_known() => crate::MappedBy::Row,
            (Some(_), _) | (None, None) => crate::MappedBy::Unmapped,
            (None, Some(reason)) => FailureCode::read_text(reason).mapped_by,
        }
    }

    /// The text to show people: `failure_detail`, else `failure_reason`.
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.data
            .failure_detail
            .as_deref()
            .or(self.data.failure_reason.as_deref())
    }

    /// The headers to send with this envelope.
    #[must_use]
    pub fn headers(&self) -> [(&'static str, &'static str); 2] {
        [
            ("content-type", "application/json"),
            (VERSION_HEADER, self.version.header_value()),
        ]
    }

    /// A v2 envelope for a failure: `failure_reason` mirrors `failure_detail`, `billed` follows
    /// the billing rule, and `manifestUri` is present exactly when the failure is billed.
    ///
    /// # Errors
    ///
    /// [`EncodeError::ManifestRequired`] when the failure is billed but no manifest is given,
    /// [`EncodeError::AttemptZero`] when the delivery attempt is 0.
    pub fn v2(delivery: Delivery<'a>, failure: Failure<'a>) -> Result<Self, EncodeError> {
        if delivery.attempt == 0 {
            return Err(EncodeError::AttemptZero);
        }
        let billed = failure.code.is_billed(failure.recorded);
        let manifest_uri = match (billed, failure.manifest_uri) {
            (true, Some(uri)) => Some(Cow::Borrowed(uri)),
            (true, None) => return Err(EncodeError::ManifestRequired(failure.code)),
            (false, _) => None,
        };
        Ok(JobFailed {
            delivery_id: Cow::Borrowed(delivery.delivery_id),
            event: JobFailedEvent,
            emitted_at: Cow::Borrowed(delivery.emitted_at),
            attempt: delivery.attempt,
            version: Version::V2,
            data: JobFailedData {
                job_id: Cow::Borrowed(failure.job_id),
                status: Cow::Borrowed("failed"),
                failure_code: Some(Open::Known(failure.code)),
                failure_detail: Some(Cow::Borrowed(failure.detail)),
                failure_reason: Some(Cow::Borrowed(failure.detail)),
                billed: Some(billed),
                manifest_uri,
            },
        })
    }
}

/// Who delivers a webhook: the envelope's delivery fields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Delivery<'a> {
    /// The delivery's id.
    pub delivery_id: &'a str,
    /// When the event was emitted (RFC 3339).
    pub emitted_at: &'a str,
    /// The delivery attempt, from 1.
    pub attempt: u32,
}

/// What failed: the facts a `job.failed` envelope is built from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Failure<'a> {
    /// The job's id.
    pub job_id: &'a str,
    /// Why it failed.
    pub code: FailureCode,
    /// The human-readable detail.
    pub detail: &'a str,
    /// How much was recorded before the failure.
    pub recorded: Duration,
    /// The partial manifest, needed when the failure is billed.
    pub manifest_uri: Option<&'a str>,
}

/// A `job.failed` envelope that cannot be built.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A billed failure must carry its partial manifest.
    #[error("{0} is billed for the recorded portion, so its manifestUri is required")]
    ManifestRequired(FailureCode),
    /// Delivery attempts count from 1.
    #[error("the delivery attempt counts from 1")]
    AttemptZero,
}
