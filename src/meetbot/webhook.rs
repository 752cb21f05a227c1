//! meetbot's `job.failed` webhook, envelope v2 and v1: decoded without allocating for known
//! codes and unescaped text, and encoded with the v2 rules (mirrored `failure_reason`, billing,
//! `manifestUri` exactly when billed).

use alloc::borrow::Cow;
use core::fmt;
use core::time::Duration;

use serde::{Deserialize, Serialize};

use super::FailureCode;
use crate::decode;
use crate::{DecodeError, Open, Unreadable};

/// The HTTP header that carries the envelope version, so that middleware can route on it
/// without parsing the body.
pub const VERSION_HEADER: &str = "x-meetbot-webhook-version";

/// The envelope version of a `job.failed` webhook.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
#[non_exhaustive]
pub enum Version {
    /// Pre-M1.2: only a free-text `failure_reason`. An envelope without `version` is v1.
    #[default]
    V1,
    /// A structured `failure_code` and `failure_detail`, with `failure_reason` mirrored.
    V2,
    /// A version this crate does not know yet (a newer one): read as far as it can be, like v2.
    Unknown(u64),
}

impl Version {
    /// The version as a number.
    #[must_use]
    pub const fn number(self) -> u64 {
        match self {
            Version::V1 => 1,
            Version::V2 => 2,
            Version::Unknown(n) => n,
        }
    }

    /// The version of a number.
    #[must_use]
    pub const fn of(number: u64) -> Self {
        match number {
            1 => Version::V1,
            2 => Version::V2,
            n => Version::Unknown(n),
        }
    }

    /// Whether this crate knows the version.
    #[must_use]
    pub const fn is_known(self) -> bool {
        !matches!(self, Version::Unknown(_))
    }

    /// What this version's envelope is called in errors.
    pub(super) const fn envelope(self) -> &'static str {
        match self {
            Version::V1 => "job.failed v1 envelope",
            Version::V2 => "job.failed v2 envelope",
            Version::Unknown(_) => "job.failed envelope",
        }
    }

    /// The value of the [`VERSION_HEADER`] header; `None` for a version this crate does not know.
    #[must_use]
    pub const fn header_value(self) -> Option<&'static str> {
        match self {
            Version::V1 => Some("1"),
            Version::V2 => Some("2"),
            Version::Unknown(_) => None,
        }
    }
}

impl Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.number())
    }
}

/// A version number, known or not (`2.0` reads as `2`, as JSON Schema counts it): read exactly,
/// as [`JobFailed::from_json`] reads it (`2^64` and `2^53 + 1.0` are refused, not rounded).
impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Whole::deserialize(deserializer).map(|Whole(n)| Version::of(n))
    }
}

/// A whole JSON number, read exactly: an integer within `u64`, or an integral float below 2^53
/// (which `f64` holds exactly), as [`decode::integer`] reads one.
struct Whole(u64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Whole;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Whole, E> {
                Ok(Whole(value))
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Whole, E> {
                u64::try_from(value)
                    .map(Whole)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(value), &self))
            }

            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Whole, E> {
                decode::whole(value)
                    .map(Whole)
                    .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Float(value), &self))
            }
        }

        deserializer.deserialize_any(Visitor)
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

/// Whether a failed job was billed ([`JobFailed::billed`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Billed {
    /// Billed: at least 60 s were recorded, and the manifest is uploaded.
    Yes,
    /// Not billed: nothing, or under 60 s, was recorded.
    No,
    /// Nothing says: no readable `billed`, and a code that may bill (or none).
    Unknown,
}

impl Billed {
    /// The wire name: `yes`, `no` or `unknown`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Billed::Yes => "yes",
            Billed::No => "no",
            Billed::Unknown => "unknown",
        }
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
///
/// `Deserialize` is [`from_json`](JobFailed::from_json)'s own pass, through serde_json reading a
/// slice or a string (a leading byte-order mark aside, which only `from_json` skips).
/// `Serialize` writes a field the version requires but that could not be read as `null`, which
/// reads back as unreadable, so that an envelope decodes to itself after its own encoding. An
/// unreadable optional field is left out: nothing of it was read.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct JobFailed<'a> {
    /// The delivery's id, the same across retries of one delivery.
    pub delivery_id: Cow<'a, str>,
    /// Always `job.failed`.
    pub event: JobFailedEvent,
    /// When the event was emitted (RFC 3339).
    pub emitted_at: Cow<'a, str>,
    /// The delivery attempt, from 1.
    pub attempt: u32,
    /// The envelope version; absent in v1.
    pub version: Version,
    /// The failed job.
    pub data: JobFailedData<'a>,
    /// The parts that were there but could not be read, left out of `data`: free text Rust
    /// cannot hold, a `failure_code` or `billed` of the wrong type, or `null` where the version
    /// requires a value (v2's `failure_code` and `failure_detail`, v1's `failure_reason`).
    pub unreadable: Unreadable,
}

/// The `data` of a `job.failed` envelope.
///
/// It is read as part of its envelope, by [`JobFailed`]'s decoder, and written in the wire form
/// (an absent optional field is left out).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct JobFailedData<'a> {
    /// The job's id.
    #[serde(rename = "jobId")]
    pub job_id: Cow<'a, str>,
    /// The job's status: `failed`.
    pub status: Cow<'a, str>,
    /// v2: the structured code, known or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_code: Option<Open<'a, FailureCode>>,
    /// v2: the human-readable detail, to show to people.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_detail: Option<Cow<'a, str>>,
    /// v1's free text; v2 mirrors `failure_detail` here for v1 receivers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<Cow<'a, str>>,
    /// Whether the run consumed credit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billed: Option<bool>,
    /// The partial recording's manifest, present when billed.
    #[serde(rename = "manifestUri", skip_serializing_if = "Option::is_none")]
    pub manifest_uri: Option<Cow<'a, str>>,
}

impl JobFailedData<'_> {
    /// The same data, owning what it borrowed from the body.
    #[must_use]
    pub fn into_owned(self) -> JobFailedData<'static> {
        JobFailedData {
            job_id: crate::text::owned(self.job_id),
            status: crate::text::owned(self.status),
            failure_code: self.failure_code.map(Open::into_owned),
            failure_detail: self.failure_detail.map(crate::text::owned),
            failure_reason: self.failure_reason.map(crate::text::owned),
            billed: self.billed,
            manifest_uri: self.manifest_uri.map(crate::text::owned),
        }
    }
}

impl JobFailed<'_> {
    /// The same envelope, owning what it borrowed from the body: to keep it past the body, or
    /// to send it across threads.
    #[must_use]
    pub fn into_owned(self) -> JobFailed<'static> {
        JobFailed {
            delivery_id: crate::text::owned(self.delivery_id),
            event: self.event,
            emitted_at: crate::text::owned(self.emitted_at),
            attempt: self.attempt,
            version: self.version,
            data: self.data.into_owned(),
            unreadable: self.unreadable,
        }
    }
}

use decode::ROOT;

/// The `data` object of a `job.failed` envelope, by the index of its member.
const DATA: u8 = 5;

decode::members! {
    /// The fields of a `job.failed` envelope, as the one pass reads them.
    pub(crate) const MEMBERS = [
        raw(ROOT, "deliveryId", "deliveryId"),
        raw(ROOT, "event", "event"),
        raw(ROOT, "emittedAt", "emittedAt"),
        raw(ROOT, "attempt", "attempt"),
        raw(ROOT, "version", "version"),
        object(ROOT, "data", "data"),
        raw(DATA, "jobId", "data.jobId"),
        raw(DATA, "status", "data.status"),
        lenient(DATA, "failure_code", "data.failure_code"),
        lenient(DATA, "failure_detail", "data.failure_detail"),
        lenient(DATA, "failure_reason", "data.failure_reason"),
        lenient(DATA, "billed", "data.billed"),
        lenient(DATA, "manifestUri", "data.manifestUri"),
    ];
}

impl<'a> decode::Fields<'a> for JobFailed<'a> {
    const MEMBERS: decode::Members = MEMBERS;

    fn from_read(read: &decode::Read<'a>) -> Result<Self, DecodeError> {
        read.unique()?;
        read.object(5)?;
        let [delivery_id, event, emitted_at, attempt, version] =
            [0, 1, 2, 3, 4].map(|i| read.get(i));
        let shape = "job.failed envelope";
        let event_name = decode::required_text(event, "event", shape, "event is missing")?;
        if event_name != JobFailedEvent::NAME {
            let found = event.unwrap_or_default();
            return Err(DecodeError::value("event", found, "\"job.failed\""));
        }
        let version = read_version(version)?;
        let attempt = read_attempt(attempt, version)?;
        if read.get(5).is_none() {
            return Err(DecodeError::Shape {
                expected: version.envelope(),
                reason: "data is missing",
            });
        }
        let mut unreadable = Unreadable::default();
        let event = JobFailed {
            delivery_id: decode::required_text(
                delivery_id,
                "deliveryId",
                shape,
                "deliveryId is missing",
            )?,
            event: JobFailedEvent,
            emitted_at: decode::required_text(
                emitted_at,
                "emittedAt",
                shape,
                "emittedAt is missing",
            )?,
            attempt,
            version,
            data: JobFailedData::read(read, version, &mut unreadable)?,
            unreadable,
        };
        Ok(event)
    }
}

impl<'a> JobFailedData<'a> {
    /// The `data` object's fields, with what each version requires.
    fn read(
        read: &decode::Read<'a>,
        version: Version,
        unreadable: &mut Unreadable,
    ) -> Result<Self, DecodeError> {
        let field = |index| read.get(index);
        let [job_id, status, code, detail, reason, billed, manifest] =
            [6, 7, 8, 9, 10, 11, 12].map(field);
        // What a version requires but the envelope does not give (absent, or `null`) is named
        // unreadable: the rest is read, and the answer says it does not know, never a guess.
        for (span, path) in [
            (code, "data.failure_code"),
            (detail, "data.failure_detail"),
            (reason, "data.failure_reason"),
        ] {
            if matches!(span, None | Some("null")) && version.requires(path) {
                unreadable.push(path);
            }
        }
        let shape = version.envelope();
        let failure_code = decode::lenient(code, "data.failure_code", unreadable, decode::open);
        let billed = decode::lenient(billed, "data.billed", unreadable, decode::boolean);
        Ok(JobFailedData {
            job_id: decode::required_text(job_id, "data.jobId", shape, "data.jobId is missing")?,
            status: decode::required_text(status, "data.status", shape, "data.status is missing")?,
            failure_code,
            failure_detail: decode::free_text(detail, "data.failure_detail", unreadable),
            failure_reason: decode::free_text(reason, "data.failure_reason", unreadable),
            billed,
            manifest_uri: decode::free_text(manifest, "data.manifestUri", unreadable),
        })
    }
}

impl<'a> JobFailed<'a> {
    /// Decodes a `job.failed` body, v1, v2 or a version this crate does not know yet (read like
    /// v2, [`Version::Unknown`]), in one pass of serde_json. A `failure_code` this crate does not
    /// know decodes as [`Open::Unknown`]; a free-text field Rust cannot hold (`failure_detail`,
    /// `failure_reason`, `manifestUri` with a lone surrogate) or a `failure_code` or `billed` of
    /// the wrong type is named in [`unreadable`](Self::unreadable) and costs nothing else.
    /// `attempt` and `version` may be written `1.0`, which JSON counts as the integer 1. A
    /// leading byte-order mark is skipped.
    ///
    /// A field the version requires (v2's `failure_code` and `failure_detail`, v1's
    /// `failure_reason`) that is absent or `null` is named unreadable: the answer then says it
    /// does not know.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not JSON (bytes that are not UTF-8 in a field it reads
    /// included), is not a `job.failed` envelope, has an `attempt` of 0, or has a field twice.
    pub fn from_json(body: &'a [u8]) -> Result<Self, DecodeError> {
        decode::from_json(body)
    }

    /// The failure code: from v2 on, `failure_code` and only it (seed 003: "New code MUST branch
    /// on failure_code"), `None` when it is absent or unreadable (named in
    /// [`unreadable`](Self::unreadable)); for v1, which has none, the code that
    /// [`FailureCode::read_text`] finds in `failure_reason` (`None` when none does). A guess
    /// from a v2 envelope's text is [`guess`](Self::guess), apart.
    #[must_use]
    pub fn failure_code(&self) -> Option<Open<'_, FailureCode>> {
        match self.version {
            Version::V1 => self.reading().and_then(|r| r.code).map(Open::Known),
            Version::V2 | Version::Unknown(_) => {
                self.data.failure_code.as_ref().map(Open::reborrow)
            }
        }
    }

    /// v1's reading of `failure_reason`: the answer of a v1 envelope, which has no code.
    fn reading(&self) -> Option<crate::Reading<FailureCode>> {
        match self.version {
            Version::V1 => Some(FailureCode::read_text(self.data.failure_reason.as_deref()?)),
            Version::V2 | Version::Unknown(_) => None,
        }
    }

    /// A guess, labelled as one: for an envelope from v2 on whose `failure_code` is absent or
    /// unreadable, what the free-text reader makes of its `failure_reason` (or
    /// `failure_detail`). Never part of [`failure_code`](Self::failure_code), [`retry`](Self::retry)
    /// or [`billed`](Self::billed); `None` where there is a code, or for v1 (whose reading is its
    /// answer).
    #[must_use]
    pub fn guess(&self) -> Option<crate::Reading<FailureCode>> {
        match (self.version, &self.data.failure_code) {
            (Version::V1, _) | (_, Some(_)) => None,
            (Version::V2 | Version::Unknown(_), None) => {
                let text = self
                    .data
                    .failure_reason
                    .as_deref()
                    .or(self.data.failure_detail.as_deref())?;
                Some(FailureCode::read_text(text))
            }
        }
    }

    /// Who must act: the failure code's group (for a v1 reason that names a known code, that
    /// row's group where it has one); for a code this crate does not know, no code, or a v1
    /// reason that names none, [`FailureCode::UNKNOWN_HANDLING`] (the cautious group).
    #[must_use]
    pub fn handling(&self) -> crate::Handling {
        let (known, named) = self.answer();
        named
            .and_then(crate::AnyCode::handling)
            .or(known.map(FailureCode::handling))
            .unwrap_or(FailureCode::UNKNOWN_HANDLING)
    }

    /// The failure code, when this crate knows it.
    fn known(&self) -> Option<FailureCode> {
        self.failure_code().and_then(|code| code.known())
    }

    /// The known failure code, and the row of a known code that a v1 reason names
    /// (`zoom_sdk_update_required`), whose retry class and handling group answer for it where
    /// the row has them: from one reading of the reason.
    fn answer(&self) -> (Option<FailureCode>, Option<crate::AnyCode>) {
        match self.reading() {
            Some(reading) => match reading.mapped_by {
                crate::MappedBy::Named(row) => (reading.code, Some(row)),
                _ => (reading.code, None),
            },
            None => (self.known(), None),
        }
    }

    /// How to retry the job: the failure code's class (for a v1 reason that names a known code,
    /// that row's class where it has one: `429` retries after `Retry-After`); for a code this
    /// crate does not know, no code, or a v1 reason that names none,
    /// [`FailureCode::UNKNOWN_RETRY`].
    #[must_use]
    pub fn retry(&self) -> crate::RetryClass {
        let (known, named) = self.answer();
        named
            .and_then(crate::AnyCode::retry)
            .or(known.map(FailureCode::retry))
            .unwrap_or(FailureCode::UNKNOWN_RETRY)
    }

    /// How [`failure_code`](Self::failure_code) was reached: from v2 on, the code's row, or
    /// unmapped when there is no code or this crate does not know it; v1's is the phrase, cue or
    /// named code of the free-text reading that weighed most, or unmapped when nothing in the
    /// reason matched.
    #[must_use]
    pub fn mapped_by(&self) -> crate::MappedBy {
        if let Some(reading) = self.reading() {
            return reading.mapped_by;
        }
        match &self.data.failure_code {
            Some(code) if code.is_known() => crate::MappedBy::Row,
            _ => crate::MappedBy::Unmapped,
        }
    }

    /// Whether the job was billed: the envelope's `billed` where it says, held against the
    /// code's billing (a code that never bills is not billed); else, by the code, `No` for a code
    /// that never bills and [`Billed::Unknown`] for one billed for a recorded portion of at least
    /// 60 s, since only the server knows how much was recorded. An envelope whose `billed`
    /// contradicts its code's billing, and one with no code it can read, is `Unknown` unless it
    /// says.
    ///
    /// ```
    /// use error_taxonomy::meetbot::{Billed, JobFailed};
    ///
    /// let body = br#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, "version": 2,
    ///   "data": {"jobId": "j", "status": "failed", "failure_code": "removed_from_meeting",
    ///            "failure_detail": "kicked after 20 s", "billed": false}}"#;
    /// assert_eq!(JobFailed::from_json(body)?.billed(), Billed::No);
    /// # Ok::<(), error_taxonomy::DecodeError>(())
    /// ```
    #[must_use]
    pub fn billed(&self) -> Billed {
        let may_bill = self.known().map(|code| code.billing().may_bill());
        match (self.data.billed, may_bill) {
            (Some(true), Some(false)) => Billed::Unknown,
            (Some(true), _) => Billed::Yes,
            (Some(false), _) | (None, Some(false)) => Billed::No,
            (None, _) => Billed::Unknown,
        }
    }

    /// What to do, reading billing where the action depends on it: a code billed for its
    /// recorded portion whose job was not billed (under 60 s recorded) has no manifest to use,
    /// and says so (`action_not_billed`). `None` without a known code.
    #[must_use]
    pub fn action(&self) -> Option<&'static str> {
        let code = self.known()?;
        match (self.billed(), code.action_not_billed()) {
            (Billed::No, Some(action)) => Some(action),
            _ => Some(code.action()),
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

    /// The headers to send with this envelope: `content-type`, and the version header for a
    /// version this crate knows.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        let version = self
            .version
            .header_value()
            .map(|value| (VERSION_HEADER, value));
        core::iter::once(("content-type", "application/json")).chain(version)
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
            unreadable: Unreadable::default(),
        })
    }
}

crate::payload::impl_payload!(
    JobFailed,
    "meetbot job.failed webhook",
    crate::proptest::job_failed
);

/// The envelope's `version`: absent is v1; else a whole number.
fn read_version(span: Option<&str>) -> Result<Version, DecodeError> {
    match span.map(|v| (v, decode::integer(v))) {
        None => Ok(Version::V1),
        Some((_, Some(n))) => Ok(Version::of(n)),
        Some((v, None)) => Err(DecodeError::value("version", v, "a whole number")),
    }
}

/// The envelope's `attempt`: a whole number from 1 to 2^32 - 1.
fn read_attempt(span: Option<&str>, version: Version) -> Result<u32, DecodeError> {
    let shape = |reason| DecodeError::Shape {
        expected: version.envelope(),
        reason,
    };
    let span = span.ok_or(shape("attempt is missing"))?;
    let attempt = decode::integer(span)
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| DecodeError::value("attempt", span, "a whole number up to 2^32 - 1"))?;
    if attempt == 0 {
        return Err(shape("attempt counts from 1"));
    }
    Ok(attempt)
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
