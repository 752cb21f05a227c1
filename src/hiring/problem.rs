//! The hiring API's error responses: RFC 9457 `application/problem+json` bodies with a `code`
//! extension member. The server side builds the status, headers and body of a code; the client
//! side reads a problem body, or the plain `{"code", "message"}` form.

use alloc::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::ErrorCode;
use crate::decode;
use crate::{DecodeError, Open, Unreadable};

/// The media type of a problem details body.
pub const CONTENT_TYPE: &str = "application/problem+json";

/// The start of each code's problem `type` URI: the code follows it.
pub const TYPE_PREFIX: &str = "urn:problem-type:hiring:";

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
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
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
    #[serde(
        rename = "type",
        default,
        borrow,
        deserialize_with = "crate::text::optional"
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub type_uri: Option<Cow<'a, str>>,
    /// A short summary of the problem type.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub title: Option<Cow<'a, str>>,
    /// The HTTP status, from 100 to 599.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(range(min = 100, max = 599)))]
    pub status: Option<u16>,
    /// What went wrong in this occurrence.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub detail: Option<Cow<'a, str>>,
    /// The plain form's text: `{"code", "message"}`.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub message: Option<Cow<'a, str>>,
    /// A URI that identifies this occurrence.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub instance: Option<Cow<'a, str>>,
    /// The machine-readable code, known or not.
    #[serde(borrow)]
    pub code: Open<'a, ErrorCode>,
    /// The parts that were there but could not be read: free text Rust cannot hold, or of the
    /// wrong type. Left out of the problem, which is otherwise whole.
    #[serde(skip)]
    pub unreadable: Unreadable,
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
        let document = decode::document(body)?;
        let names = [
            ("type", "type"),
            ("title", "title"),
            ("status", "status"),
            ("detail", "detail"),
            ("message", "message"),
            ("instance", "instance"),
            ("code", "code"),
        ];
        let [type_uri, title, status, detail, message, instance, code] =
            decode::fields(document, "body", names)?;
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
            None | Some(b"null") => None,
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

/// An error response of the hiring API, server side: its status, headers and body.
///
/// ```
/// use error_taxonomy::hiring::{ErrorCode, ErrorResponse};
///
/// let response = ErrorResponse::new(ErrorCode::ClockRejected).retry_after(30).detail("no slot before 18:00");
/// assert_eq!(response.status(), 429);
/// let headers: Vec<(&str, String)> = response.headers().map(|(name, value)| (name, value.to_string())).collect();
/// assert_eq!(headers, [("content-type", "application/problem+json".to_owned()), ("retry-after", "30".to_owned())]);
/// let body: serde_json::Value = serde_json::to_value(response)?;
/// assert_eq!(body["code"], "CLOCK_REJECTED");
/// assert_eq!(body["status"], 429);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ErrorResponse<'a> {
    code: ErrorCode,
    detail: Option<&'a str>,
    instance: Option<&'a str>,
    retry_after_secs: Option<u32>,
}

impl<'a> ErrorResponse<'a> {
    /// The `Retry-After` of a code that carries one when none was set: one minute.
    pub const DEFAULT_RETRY_AFTER_SECS: u32 = 60;

    /// The response for `code`.
    #[must_use]
    pub const fn new(code: ErrorCode) -> Self {
        ErrorResponse {
            code,
            detail: None,
            instance: None,
            retry_after_secs: None,
        }
    }

    /// Sets what went wrong in this occurrence.
    #[must_use]
    pub const fn detail(mut self, detail: &'a str) -> Self {
        self.detail = Some(detail);
        self
    }

    /// Sets the URI of this occurrence.
    #[must_use]
    pub const fn instance(mut self, instance: &'a str) -> Self {
        self.instance = Some(instance);
        self
    }

    /// Sets the `Retry-After` delay; it is sent only for the codes that carry the header.
    #[must_use]
    pub const fn retry_after(mut self, secs: u32) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    /// The code.
    #[must_use]
    pub const fn code(&self) -> ErrorCode {
        self.code
    }

    /// The HTTP status.
    #[must_use]
    pub const fn status(&self) -> u16 {
        self.code.http_status()
    }

    /// The `Retry-After` seconds to send: only for the codes that carry the header, then the
    /// value set or [`DEFAULT_RETRY_AFTER_SECS`](Self::DEFAULT_RETRY_AFTER_SECS).
    #[must_use]
    pub const fn retry_after_secs(&self) -> Option<u32> {
        if !self.code.sends_retry_after() {
            return None;
        }
        match self.retry_after_secs {
            Some(secs) => Some(secs),
            None => Some(Self::DEFAULT_RETRY_AFTER_SECS),
        }
    }

    /// The headers to set: `content-type`, and `retry-after` for the codes that carry it.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, HeaderValue)> {
        let content_type = ("content-type", HeaderValue::Static(CONTENT_TYPE));
        let retry_after = self
            .retry_after_secs()
            .map(|secs| ("retry-after", HeaderValue::Seconds(secs)));
        core::iter::once(content_type).chain(retry_after)
    }

    /// The problem details body, as a value (its `type` URI is built, so this allocates; to
    /// write the body without allocating, serialize the `ErrorResponse` itself).
    #[must_use]
    pub fn problem(&self) -> Problem<'a> {
        let mut type_uri = alloc::string::String::with_capacity(TYPE_PREFIX.len() + 40);
        type_uri.push_str(TYPE_PREFIX);
        type_uri.push_str(self.code.as_str());
        Problem {
            type_uri: Some(Cow::Owned(type_uri)),
            title: Some(Cow::Borrowed(self.code.description())),
            status: Some(self.status()),
            detail: self.detail.map(Cow::Borrowed),
            message: None,
            instance: self.instance.map(Cow::Borrowed),
            code: Open::Known(self.code),
            unreadable: Unreadable::default(),
        }
    }
}

/// The problem details body, written without allocating: the same JSON as
/// [`ErrorResponse::problem`].
impl Serialize for ErrorResponse<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let fields = 4 + usize::from(self.detail.is_some()) + usize::from(self.instance.is_some());
        let mut map = serializer.serialize_map(Some(fields))?;
        map.serialize_entry("type", &TypeUri(self.code))?;
        map.serialize_entry("title", self.code.description())?;
        map.serialize_entry("status", &self.status())?;
        if let Some(detail) = self.detail {
            map.serialize_entry("detail", detail)?;
        }
        if let Some(instance) = self.instance {
            map.serialize_entry("instance", instance)?;
        }
        map.serialize_entry("code", &self.code)?;
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

/// A header value: a constant, or a number of seconds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HeaderValue {
    /// A constant text.
    Static(&'static str),
    /// A number of seconds, for `Retry-After`.
    Seconds(u32),
}

impl core::fmt::Display for HeaderValue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            HeaderValue::Static(text) => f.write_str(text),
            HeaderValue::Seconds(secs) => write!(f, "{secs}"),
        }
    }
}
