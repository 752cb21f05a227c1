//! The hiring API's error responses, server side: the status, the headers and (with `serde`)
//! the RFC 9457 `application/problem+json` body of a code. The status and headers need nothing
//! but the code.

use alloc::borrow::Cow;
use core::fmt;

use super::ErrorCode;

/// [`ErrorResponse::retry_after`] on a code that does not send `Retry-After`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct RetryAfterRefused {
    /// The code.
    pub code: ErrorCode,
}

impl fmt::Display for RetryAfterRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} does not send Retry-After", self.code)
    }
}

impl core::error::Error for RetryAfterRefused {}

/// The media type of a problem details body.
pub const CONTENT_TYPE: &str = "application/problem+json";

/// The start of each code's problem `type` URI: the code follows it.
pub const TYPE_PREFIX: &str = "urn:problem-type:hiring:";

/// An error response of the hiring API, server side: its status, headers and body.
///
/// The detail and instance may be borrowed or owned, so that a handler can return a response
/// with a formatted detail:
///
/// ```
/// use error_taxonomy::hiring::{ErrorCode, ErrorResponse};
///
/// fn schedule(hour: u8) -> Result<(), ErrorResponse<'static>> {
///     Err(ErrorResponse::new(ErrorCode::ClockRejected).detail(format!("no slot before {hour}:00")))
/// }
///
/// let response = schedule(18).expect_err("rejected").retry_after(30).expect("CLOCK_REJECTED sends it");
/// assert_eq!(response.status(), 429);
/// let headers: Vec<(&str, String)> = response.headers().map(|(name, value)| (name, value.to_string())).collect();
/// assert_eq!(headers, [("content-type", "application/problem+json".to_owned()), ("retry-after", "30".to_owned())]);
/// let body: serde_json::Value = serde_json::to_value(&response)?;
/// assert_eq!(body["code"], "CLOCK_REJECTED");
/// assert_eq!(body["detail"], "no slot before 18:00");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct ErrorResponse<'a> {
    code: ErrorCode,
    detail: Option<Cow<'a, str>>,
    instance: Option<Cow<'a, str>>,
    retry_after_secs: Option<u32>,
}

impl<'a> ErrorResponse<'a> {
    /// The response for `code`. A code that sends `Retry-After` (seed 001: `CLOCK_REJECTED`,
    /// `NUMBER_AT_CAP`) sends it only with the value given by [`retry_after`](Self::retry_after):
    /// the crate invents none.
    #[must_use]
    pub const fn new(code: ErrorCode) -> Self {
        ErrorResponse {
            code,
            detail: None,
            instance: None,
            retry_after_secs: None,
        }
    }

    /// Sets what went wrong in this occurrence: a `&str` or a `String`.
    #[must_use]
    pub fn detail(mut self, detail: impl Into<Cow<'a, str>>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Sets the URI of this occurrence: a `&str` or a `String`.
    #[must_use]
    pub fn instance(mut self, instance: impl Into<Cow<'a, str>>) -> Self {
        self.instance = Some(instance.into());
        self
    }

    /// Sets the `Retry-After` delay of a code that sends the header.
    ///
    /// # Errors
    ///
    /// [`RetryAfterRefused`] for a code that does not send it (seed 001 promises the header for
    /// `CLOCK_REJECTED` and `NUMBER_AT_CAP` only): the value would be dropped.
    pub fn retry_after(mut self, secs: u32) -> Result<Self, RetryAfterRefused> {
        if !self.code.sends_retry_after() {
            return Err(RetryAfterRefused { code: self.code });
        }
        self.retry_after_secs = Some(secs);
        Ok(self)
    }

    /// The code.
    #[must_use]
    pub const fn code(&self) -> ErrorCode {
        self.code
    }

    /// The detail set, if any.
    #[must_use]
    pub fn detail_text(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The instance set, if any.
    #[must_use]
    pub fn instance_uri(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// The HTTP status.
    #[must_use]
    pub const fn status(&self) -> u16 {
        self.code.http_status()
    }

    /// The `Retry-After` seconds to send: the value set (only a code that sends the header
    /// takes one), else none.
    #[must_use]
    pub const fn retry_after_secs(&self) -> Option<u32> {
        self.retry_after_secs
    }

    /// The headers to set: `content-type`, and `retry-after` for the codes that carry it.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, HeaderText)> + use<> {
        let content_type = ("content-type", HeaderText::Static(CONTENT_TYPE));
        let retry_after = self
            .retry_after_secs()
            .map(|secs| ("retry-after", HeaderText::Seconds(secs)));
        core::iter::once(content_type).chain(retry_after)
    }

    /// The same response, owning its detail and instance.
    #[must_use]
    pub fn into_owned(self) -> ErrorResponse<'static> {
        ErrorResponse {
            code: self.code,
            detail: self.detail.map(|d| Cow::Owned(d.into_owned())),
            instance: self.instance.map(|i| Cow::Owned(i.into_owned())),
            retry_after_secs: self.retry_after_secs,
        }
    }
}

/// `CLOCK_REJECTED (429): no slot before 18:00`, on one line.
impl fmt::Display for ErrorResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code, self.status())?;
        match &self.detail {
            Some(detail) => write!(f, ": {}", crate::bytes::Line(detail, 200)),
            None => write!(f, ": {}", self.code.description()),
        }
    }
}

impl core::error::Error for ErrorResponse<'_> {}

impl From<ErrorCode> for ErrorResponse<'_> {
    fn from(code: ErrorCode) -> Self {
        ErrorResponse::new(code)
    }
}

/// The text of a header this crate sets: a constant, or a number of seconds. Its `Display` is
/// the header value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum HeaderText {
    /// A constant text.
    Static(&'static str),
    /// A number of seconds, for `Retry-After`.
    Seconds(u32),
}

impl fmt::Display for HeaderText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderText::Static(text) => f.write_str(text),
            HeaderText::Seconds(secs) => write!(f, "{secs}"),
        }
    }
}

#[cfg(feature = "http")]
impl ErrorResponse<'_> {
    /// The status, as an `http` status code.
    #[must_use]
    pub fn status_code(&self) -> ::http::StatusCode {
        self.code.into()
    }

    /// The whole response: status, headers and problem details body.
    ///
    /// ```
    /// use error_taxonomy::hiring::{ErrorCode, ErrorResponse};
    ///
    /// let response = ErrorResponse::new(ErrorCode::ClockRejected).retry_after(30)?.to_http();
    /// assert_eq!(response.status(), 429);
    /// assert_eq!(response.headers()["content-type"], "application/problem+json");
    /// assert_eq!(response.headers()["retry-after"], "30");
    /// assert!(response.body().starts_with(br#"{"type":"urn:problem-type:hiring:CLOCK_REJECTED""#));
    /// # Ok::<(), error_taxonomy::hiring::RetryAfterRefused>(())
    /// ```
    #[must_use]
    pub fn to_http(&self) -> ::http::Response<alloc::vec::Vec<u8>> {
        // Writing JSON to a `Vec` fails only for a map with keys that are not strings.
        let body = serde_json::to_vec(self).unwrap_or_default();
        let mut response = ::http::Response::new(body);
        *response.status_mut() = self.status_code();
        let headers = response.headers_mut();
        for (name, value) in self.headers() {
            let value = match value {
                HeaderText::Static(text) => ::http::HeaderValue::from_static(text),
                HeaderText::Seconds(secs) => ::http::HeaderValue::from(secs),
            };
            headers.insert(name, value);
        }
        response
    }
}

#[cfg(feature = "http")]
impl From<ErrorResponse<'_>> for ::http::Response<alloc::vec::Vec<u8>> {
    fn from(response: ErrorResponse<'_>) -> Self {
        response.to_http()
    }
}

#[cfg(feature = "http")]
impl From<ErrorCode> for ::http::StatusCode {
    fn from(code: ErrorCode) -> Self {
        // Every status of the table is a valid HTTP status (the generator checks 100-599).
        ::http::StatusCode::from_u16(code.http_status())
            .unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}
