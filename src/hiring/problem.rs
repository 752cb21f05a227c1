//! The hiring API's error responses: RFC 9457 `application/problem+json` bodies with a `code`
//! extension member. The server side builds the status, headers and body of a code; the client
//! side reads a problem body, or the plain `{"code", "message"}` form.

use alloc::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{ErrorCode, ErrorResponse, TYPE_PREFIX};
use crate::decode;
use crate::{DecodeError, Open, Unreadable};

/// An RFC 9457 problem details body with the hiring API's `code` extension member.
///
/// ```
/// use error_taxonomy::hiring::{ErrorCode, Problem};
///
/// let problem = Problem::from_json(br#"{"code": "NUMBER_AT_CAP", "message": "try later"}"#)?;
/// assert_eq!(problem.code, ErrorCode::NumberAtCap);
/// assert_eq!(problem.text(), Some("try later"));
/// # Ok::<(), error_taxonomy::DecodeError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(
        rename = "HiringProblem",
        description = "An error body of the hiring API: RFC 9457 problem details with a code member, or the plain {code, message} form."
    )
)]
pub struct Problem<'a> {
    /// A URI that identifies the problem type: `urn:problem-type:hiring:` and the code.
    #[serde(rename = "type")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub type_uri: Option<Cow<'a, str>>,
    /// A short summary of the problem type.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub title: Option<Cow<'a, str>>,
    /// The HTTP status, from 100 to 599.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(range(min = 100, max = 599)))]
    pub status: Option<u16>,
    /// What went wrong in this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub detail: Option<Cow<'a, str>>,
    /// The plain form's text: `{"code", "message"}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub message: Option<Cow<'a, str>>,
    /// A URI that identifies this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub instance: Option<Cow<'a, str>>,
    /// The machine-readable code, known or not.
    pub code: Open<'a, ErrorCode>,
    /// The parts that were there but could not be read: free text Rust cannot hold, or of the
    /// wrong type. Left out of the problem, which is otherwise whole.
    #[serde(skip)]
    pub unreadable: Unreadable,
}

impl<'a> decode::Fields<'a> for Problem<'a> {
    const MEMBERS: decode::Members = MEMBERS;

    fn from_read(read: &decode::Read<'a>) -> Result<Self, DecodeError> {
        read.unique()?;
        let [type_uri, title, status, detail, message, instance, code] =
            [0, 1, 2, 3, 4, 5, 6].map(|i| read.get(i));
        let shape = "hiring API error body";
        let code_span = code.ok_or(DecodeError::Shape {
            expected: shape,
            reason: "code is missing",
        })?;
        let code = match decode::open(code_span) {
            Ok(Some(code)) => code,
            _ => return Err(DecodeError::value("code", code_span, "a string")),
        };
        let status = match status {
            None | Some("null") => None,
            Some(span) => Some(
                decode::integer(span)
                    .filter(|n| (100..=599).contains(n))
                    .and_then(|n| u16::try_from(n).ok())
                    .ok_or_else(|| {
                        DecodeError::value(
                            "status",
                            span,
                            "an HTTP status (a whole number from 100 to 599)",
                        )
                    })?,
            ),
        };
        let mut unreadable = Unreadable::default();
        Ok(Problem {
            type_uri: decode::free_text(type_uri, "type", &mut unreadable),
            title: decode::free_text(title, "title", &mut unreadable),
            status,
            detail: decode::free_text(detail, "detail", &mut unreadable),
            message: decode::free_text(message, "message", &mut unreadable),
            instance: decode::free_text(instance, "instance", &mut unreadable),
            code,
            unreadable,
        })
    }
}

/// The same pass as [`Problem::from_json`]: with serde_json reading a slice or a string.
impl<'de: 'a, 'a> Deserialize<'de> for Problem<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode::deserialize::<Problem<'de>, D>(deserializer)
    }
}

use decode::ROOT;

decode::members! {
    /// The fields of an error body, as the one pass reads them.
    pub(crate) const MEMBERS = [
        lenient(ROOT, "type", "type"),
        lenient(ROOT, "title", "title"),
        raw(ROOT, "status", "status"),
        lenient(ROOT, "detail", "detail"),
        lenient(ROOT, "message", "message"),
        lenient(ROOT, "instance", "instance"),
        raw(ROOT, "code", "code"),
    ];
}

impl<'a> Problem<'a> {
    /// Reads an error body: problem details, or the plain `{"code", "message"}` form. Free text
    /// Rust cannot hold (`title`, `detail`, `message`, `type`, `instance`) is named in
    /// [`unreadable`](Self::unreadable) and costs nothing else; `status` may be written `429.0`.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not JSON, has no string `code`, has a `status` that is
    /// not a whole number from 100 to 599, or has a field twice.
    pub fn from_json(body: &'a [u8]) -> Result<Self, DecodeError> {
        decode::from_json(body)
    }

    /// What went wrong: `detail`, else the plain form's `message`.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        self.detail.as_deref().or(self.message.as_deref())
    }

    /// The HTTP status: the body's, else the known code's.
    #[must_use]
    pub fn http_status(&self) -> Option<u16> {
        self.status
            .or_else(|| self.code.known().map(ErrorCode::http_status))
    }
}

crate::payload::impl_payload!(
    Problem,
    "hiring API problem details",
    crate::proptest::problem
);

impl ErrorResponse<'_> {
    /// The problem details body, as a value (its `type` URI is built, so this allocates; to
    /// write the body without allocating, serialize the `ErrorResponse` itself).
    #[must_use]
    pub fn problem(&self) -> Problem<'_> {
        let mut type_uri = alloc::string::String::with_capacity(TYPE_PREFIX.len() + 40);
        type_uri.push_str(TYPE_PREFIX);
        type_uri.push_str(self.code().as_str());
        Problem {
            type_uri: Some(Cow::Owned(type_uri)),
            title: Some(Cow::Borrowed(self.code().title())),
            status: Some(self.status()),
            detail: self.detail_text().map(Cow::Borrowed),
            message: None,
            instance: self.instance_uri().map(Cow::Borrowed),
            code: Open::Known(self.code()),
            unreadable: Unreadable::default(),
        }
    }
}

/// The problem details body, written without allocating: the same JSON as
/// [`ErrorResponse::problem`].
impl Serialize for ErrorResponse<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let (detail, instance) = (self.detail_text(), self.instance_uri());
        let fields = 4 + usize::from(detail.is_some()) + usize::from(instance.is_some());
        let mut map = serializer.serialize_map(Some(fields))?;
        map.serialize_entry("type", &TypeUri(self.code()))?;
        map.serialize_entry("title", self.code().title())?;
        map.serialize_entry("status", &self.status())?;
        if let Some(detail) = detail {
            map.serialize_entry("detail", detail)?;
        }
        if let Some(instance) = instance {
            map.serialize_entry("instance", instance)?;
        }
        map.serialize_entry("code", &self.code())?;
        map.end()
    }
}

/// A code's problem `type` URI, written piecewise.
struct TypeUri(ErrorCode);

impl Serialize for TypeUri {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{TYPE_PREFIX}{}", self.0.as_str()))
    }
}

impl Problem<'_> {
    /// The same problem, owning what it borrowed from the body, so that it can travel through
    /// `?` in an application.
    #[must_use]
    pub fn into_owned(self) -> Problem<'static> {
        let own = |text: Option<Cow<'_, str>>| text.map(crate::text::owned);
        Problem {
            type_uri: own(self.type_uri),
            title: own(self.title),
            status: self.status,
            detail: own(self.detail),
            message: own(self.message),
            instance: own(self.instance),
            code: self.code.into_owned(),
            unreadable: self.unreadable,
        }
    }
}

/// `WINDOW_TOO_SOON (422): the window opens at 9:00`, on one line: the code, the status (the
/// body's, else the known code's) and the text (else the title), control and invisible
/// characters escaped in the code and the text.
impl core::fmt::Display for Problem<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // The sender's own string when the code is unknown: shown escaped, never raw.
        write!(f, "{}", crate::bytes::Line(self.code.as_str(), 64))?;
        if let Some(status) = self.http_status() {
            write!(f, " ({status})")?;
        }
        match self.text().or(self.title.as_deref()) {
            Some(text) => write!(f, ": {}", crate::bytes::Line(text, 200)),
            None => Ok(()),
        }
    }
}

impl core::error::Error for Problem<'_> {}

/// A known code's class and action; a code this crate does not know is not retried. The
/// `Retry-After` header is not in the body: a client that has it reads it with
/// [`RetryAfter::parse`](crate::retry::RetryAfter::parse) and decides with
/// [`decide`](crate::retry::decide).
impl crate::retry::Retryable for Problem<'_> {
    fn retry_class(&self) -> crate::RetryClass {
        self.code
            .known()
            .map_or(crate::RetryClass::Never, ErrorCode::retry)
    }

    fn action(&self) -> &'static str {
        self.code.known().map_or(
            "Read the problem's detail, and fix the request.",
            ErrorCode::action,
        )
    }
}

/// A hiring API call answered with an error, client side: the status, the server's
/// `Retry-After` (`CLOCK_REJECTED` and `NUMBER_AT_CAP` send it) and the problem, when the body
/// is one. It says how to retry ([`Retryable`](crate::retry::Retryable)): by the known code's
/// class, waiting the header's delay exactly; a code this crate does not know, or a body that is
/// no problem, only after `429` or `503` with `Retry-After`, after exactly that delay.
#[cfg(feature = "http")]
#[derive(Debug)]
pub struct HiringError {
    /// The HTTP status.
    pub status: u16,
    /// The response's `Retry-After`.
    pub retry_after: crate::retry::RetryAfter,
    /// The problem details body (boxed: it is large, and the rare path), or why the body is
    /// none.
    pub problem: Result<alloc::boxed::Box<Problem<'static>>, DecodeError>,
}

#[cfg(feature = "http")]
impl HiringError {
    /// The known code, if the body is a problem with one.
    #[must_use]
    pub fn code(&self) -> Option<ErrorCode> {
        self.problem.as_ref().ok()?.code.known()
    }

    /// Whether the server turned the request away and said when to come back: `429` or `503`
    /// with a usable `Retry-After`.
    fn asked_to_wait(&self) -> bool {
        matches!(self.status, 429 | 503) && self.retry_after.delay().is_some()
    }
}

#[cfg(feature = "http")]
impl core::fmt::Display for HiringError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match &self.problem {
            Ok(problem) => write!(f, "the hiring API answered {}: {problem}", self.status),
            Err(error) => write!(
                f,
                "the hiring API answered {} (no problem body: {error})",
                self.status
            ),
        }
    }
}

#[cfg(feature = "http")]
impl core::error::Error for HiringError {}

#[cfg(feature = "http")]
impl crate::retry::Retryable for HiringError {
    /// The known code's class; with no known code (a gateway's page, a problem of a code added
    /// since), the server's own `Retry-After` on a status that turns a request away before it
    /// takes effect (`429`, `503`: RFC 9110 and RFC 6585) is the only advice there is: retried
    /// after exactly that delay. Any other status is not retried: the request may have taken
    /// effect, and this error does not know whether it may be sent twice.
    fn retry_class(&self) -> crate::RetryClass {
        match self.code() {
            Some(code) => code.retry(),
            None if self.asked_to_wait() => crate::RetryClass::RetryAfter {
                fallback_secs: None,
            },
            None => crate::RetryClass::Never,
        }
    }

    fn action(&self) -> &'static str {
        match self.code() {
            Some(code) => code.action(),
            None if self.asked_to_wait() => {
                "Wait the number of seconds in `Retry-After`, then retry."
            }
            None => "Read the status and body, and fix the request.",
        }
    }

    fn retry_after(&self) -> crate::retry::RetryAfter {
        self.retry_after
    }
}

/// A hiring API response's body when its status is a success, else the error it answers: its
/// problem and its `Retry-After`, read at the current time. What a client calls on each
/// response; the retry drivers ([`Retries`](crate::retry::Retries), and `backon::retry` with the
/// `backon` feature) then wait the server's delay exactly.
///
/// ```
/// use error_taxonomy::hiring::{ErrorCode, check};
/// use error_taxonomy::retry::{Decision, Retries, RetryPolicy};
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert("retry-after", http::HeaderValue::from_static("30"));
/// let body = br#"{"type": "urn:problem-type:hiring:NUMBER_AT_CAP", "title": "Outbound number at capacity",
///   "status": 429, "code": "NUMBER_AT_CAP"}"#;
/// let error = check(http::StatusCode::TOO_MANY_REQUESTS, &headers, &body[..]).expect_err("429");
/// assert_eq!(error.code(), Some(ErrorCode::NumberAtCap));
/// let decision = Retries::new(RetryPolicy::default(), 0).decide(&error);
/// assert_eq!(decision, Decision::Retry(std::time::Duration::from_secs(30)));
/// ```
///
/// # Errors
///
/// [`HiringError`] for a status of 400 or more.
#[cfg(feature = "http")]
pub fn check<B: AsRef<[u8]>>(
    status: ::http::StatusCode,
    headers: &::http::HeaderMap,
    body: B,
) -> Result<B, HiringError> {
    if status.as_u16() < 400 {
        return Ok(body);
    }
    Err(HiringError {
        status: status.as_u16(),
        retry_after: crate::retry::RetryAfter::from_headers(headers, crate::retry::now()),
        problem: Problem::from_json(body.as_ref())
            .map(|problem| alloc::boxed::Box::new(problem.into_owned())),
    })
}
