//! Recall.ai error responses, client side: the body read whatever it is (JSON `{"code",
//! "detail"}`, the firewall's HTML page, text, nothing, or bytes), and [`classify`] to a typed
//! [`RecallError`] whose code decides the retry.

use alloc::borrow::Cow;
#[cfg(feature = "http")]
use alloc::boxed::Box;

use super::{ErrorCause, ErrorCode, HttpStatus};
use crate::retry::{Decision, RetryAfter, RetryPolicy, decide_for};
use crate::{Open, RetryClass, Unreadable};

/// The body of a Recall.ai error response. Reading it never fails: what is not an error object
/// is kept as it came, and in an error object a code that can be read is read, whatever its
/// siblings hold.
///
/// `Serialize` and `Deserialize` write and read the body as it was read (for logs and queues),
/// not the bytes the server sent: `"empty"`, `{"json": {"code", "detail", "unreadable"}}`,
/// `"blocked_page"`, `{"text": "…"}` or `{"raw": [bytes]}`.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorBody<'a> {
    /// No body, or only white space.
    Empty,
    /// A JSON object, with its `code` (known or not) and `detail` where it has them.
    Json {
        /// The machine-readable code.
        #[serde(borrow)]
        code: Option<Open<'a, ErrorCode>>,
        /// The human-readable detail (`detail`, else `message`).
        #[serde(borrow)]
        detail: Option<Cow<'a, str>>,
        /// The fields that were there but could not be read: `code`, `detail`, `message`.
        unreadable: Unreadable,
    },
    /// The firewall's HTML "Request blocked" page, which older API versions send with a 403.
    BlockedPage,
    /// UTF-8 text that is not JSON, such as the code-less "Cannot validate partial without join
    /// call task", a proxy's `502 Bad Gateway: upstream reset`, or an HTML page.
    Text(#[serde(borrow)] Cow<'a, str>),
    /// Anything else, as it came: bytes that are not UTF-8 (and not JSON), JSON that is not an
    /// object, or an object with its `code` twice. A `detail` or `message` twice is only named
    /// unreadable.
    Raw(#[serde(borrow, with = "raw_bytes")] Cow<'a, [u8]>),
}

/// Whether `body`, which is no object, is one JSON value: a literal or a number told by their
/// grammar, a string or an array by serde_json. Text that merely starts like one (`502 Bad
/// Gateway`, `<html>`) is told apart without an error, so without allocating (text that starts
/// like a string or an array, `"` or `[`, costs serde_json's error).
fn is_json_value(body: &[u8]) -> bool {
    match body {
        b"null" | b"true" | b"false" => true,
        [b'"' | b'[', ..] => serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok(),
        _ => is_json_number(body),
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, RFC 8259's number.
fn is_json_number(body: &[u8]) -> bool {
    fn digits(bytes: &[u8]) -> usize {
        bytes.iter().take_while(|b| b.is_ascii_digit()).count()
    }
    let rest = body.strip_prefix(b"-").unwrap_or(body);
    let whole = digits(rest);
    if whole == 0 || (whole > 1 && rest[0] == b'0') {
        return false;
    }
    let mut rest = &rest[whole..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = digits(fraction);
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    if let Some(exponent) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exponent = exponent
            .strip_prefix(b"+")
            .or_else(|| exponent.strip_prefix(b"-"))
            .unwrap_or(exponent);
        let n = digits(exponent);
        if n == 0 {
            return false;
        }
        rest = &exponent[n..];
    }
    rest.is_empty()
}

/// A raw body as JSON: an array of its bytes, read back borrowed where the format lends bytes.
mod raw_bytes {
    use alloc::borrow::Cow;
    use alloc::vec::Vec;
    use core::fmt;

    use serde::de::{SeqAccess, Visitor};

    pub(super) fn serialize<S: serde::Serializer>(
        bytes: &[u8],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub(super) fn deserialize<'de: 'a, 'a, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Cow<'a, [u8]>, D::Error> {
        struct Bytes;

        impl<'de> Visitor<'de> for Bytes {
            type Value = Cow<'de, [u8]>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the body's bytes")
            }

            fn visit_borrowed_bytes<E>(self, bytes: &'de [u8]) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(bytes))
            }

            fn visit_bytes<E>(self, bytes: &[u8]) -> Result<Self::Value, E> {
                Ok(Cow::Owned(bytes.into()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(byte) = seq.next_element::<u8>()? {
                    bytes.push(byte);
                }
                Ok(Cow::Owned(bytes))
            }
        }

        deserializer.deserialize_bytes(Bytes)
    }
}

use crate::decode::ROOT;

crate::decode::members! {
    /// The fields of an error object.
    pub(crate) const MEMBERS = [
        lenient(ROOT, "code", "code"),
        lenient(ROOT, "detail", "detail"),
        lenient(ROOT, "message", "message"),
    ];
}

crate::decode::members! {
    /// The fields of an error object whose text is not all UTF-8: the code, and whether the text
    /// is there.
    const CODE_ONLY = [
        lenient(ROOT, "code", "code"),
        skipped(ROOT, "detail", "detail"),
        skipped(ROOT, "message", "message"),
    ];
}

impl<'a> ErrorBody<'a> {
    /// Reads a response body. A leading UTF-8 byte-order mark is skipped; a field of an error
    /// object that Rust cannot hold (`"detail": ["x"]`, `"detail": "\ud800"`, bytes that are not
    /// UTF-8) is named in `unreadable` and costs nothing else.
    ///
    /// ```
    /// use error_taxonomy::recall::{ErrorBody, ErrorCause, ErrorCode};
    ///
    /// let body = ErrorBody::parse(br#"{"code": "update_bot_failed", "detail": "Not enough time to launch new bot"}"#);
    /// assert_eq!(body.code().and_then(|c| c.known()), Some(ErrorCode::UpdateBotFailed));
    /// assert_eq!(body.cause(), Some(ErrorCause::NotEnoughTimeToLaunchNewBot));
    /// let odd = ErrorBody::parse(br#"{"code": "cannot_command_completed_bot", "detail": ["x"]}"#);
    /// assert_eq!(odd.code().and_then(|c| c.known()), Some(ErrorCode::CannotCommandCompletedBot));
    /// assert!(odd.unreadable().is_some_and(|u| u.contains("detail")));
    /// assert_eq!(ErrorBody::parse(b"<BODY><H1>403 ERROR</H1>Request blocked.</BODY>"), ErrorBody::BlockedPage);
    /// ```
    #[must_use]
    pub fn parse(body: &'a [u8]) -> Self {
        let unmarked = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        // JSON's own white space only: a form feed or a vertical tab is not white space to JSON.
        let start = unmarked
            .iter()
            .position(|b| !crate::decode::is_space(*b))
            .unwrap_or(unmarked.len());
        let end = unmarked
            .iter()
            .rposition(|b| !crate::decode::is_space(*b))
            .map_or(start, |last| last + 1);
        let trimmed = &unmarked[start..end];
        if trimmed.is_empty() {
            return ErrorBody::Empty;
        }
        if trimmed[0] == b'{' {
            match crate::decode::read(trimmed, MEMBERS) {
                Ok(read) => return Self::object(body, &read),
                Err(crate::DecodeError::Syntax { reason, .. })
                    if reason == "invalid unicode code point" =>
                {
                    if let Some(json) = Self::code_only(trimmed) {
                        return json;
                    }
                }
                Err(_) => {}
            }
        } else if is_json_value(trimmed) {
            // JSON, but no error object: kept as it came.
            return ErrorBody::Raw(Cow::Borrowed(body));
        }
        if trimmed[0] == b'<' && is_blocked_page(trimmed) {
            return ErrorBody::BlockedPage;
        }
        // Not JSON: text when it is UTF-8, whatever it starts with (`502 Bad Gateway`).
        match core::str::from_utf8(trimmed) {
            Ok(text) => ErrorBody::Text(Cow::Borrowed(text)),
            Err(_) => ErrorBody::Raw(Cow::Borrowed(body)),
        }
    }

    /// An error object whose text is not all UTF-8: its `code` read, if it is, and its `detail`
    /// and `message` named unreadable where they are there.
    fn code_only(object: &'a [u8]) -> Option<Self> {
        let read = crate::decode::read(object, CODE_ONLY).ok()?;
        if read.twice(0) {
            return None;
        }
        let mut unreadable = Unreadable::default();
        for index in [1, 2] {
            if read.get(index).is_some() {
                unreadable.push(CODE_ONLY.list[index].path);
            }
        }
        let code =
            crate::decode::lenient(read.get(0), "code", &mut unreadable, crate::decode::open);
        Some(ErrorBody::Json {
            code,
            detail: None,
            unreadable,
        })
    }

    /// An error object: each field read on its own.
    fn object(body: &'a [u8], read: &crate::decode::Read<'a>) -> Self {
        if read.twice(0) {
            // The code twice: which one the server meant is unknown, so none is read.
            return ErrorBody::Raw(Cow::Borrowed(body));
        }
        let mut unreadable = Unreadable::default();
        // Text twice costs only itself.
        let [code, detail, message] = [0, 1, 2].map(|i| {
            if read.twice(i) {
                unreadable.push(MEMBERS.list[i].path);
                None
            } else {
                read.get(i)
            }
        });
        let code = crate::decode::lenient(code, "code", &mut unreadable, crate::decode::open);
        let detail = crate::decode::free_text(detail, "detail", &mut unreadable);
        // Some clients and proxies say `message`; `detail` wins when both are there.
        let message = crate::decode::free_text(message, "message", &mut unreadable);
        ErrorBody::Json {
            code,
            detail: detail.or(message),
            unreadable,
        }
    }

    /// The same body, owning what it borrowed from the response.
    #[must_use]
    pub fn into_owned(self) -> ErrorBody<'static> {
        match self {
            ErrorBody::Empty => ErrorBody::Empty,
            ErrorBody::Json {
                code,
                detail,
                unreadable,
            } => ErrorBody::Json {
                code: code.map(Open::into_owned),
                detail: detail.map(crate::text::owned),
                unreadable,
            },
            ErrorBody::BlockedPage => ErrorBody::BlockedPage,
            ErrorBody::Text(text) => ErrorBody::Text(crate::text::owned(text)),
            ErrorBody::Raw(raw) => ErrorBody::Raw(Cow::Owned(raw.into_owned())),
        }
    }

    /// The fields of an error object that could not be read; `None` for other bodies.
    #[must_use]
    pub fn unreadable(&self) -> Option<Unreadable> {
        match self {
            ErrorBody::Json { unreadable, .. } => Some(*unreadable),
            _ => None,
        }
    }

    /// The body's code: the JSON `code`, or `request_blocked` for the firewall's page.
    #[must_use]
    pub fn code(&self) -> Option<Open<'_, ErrorCode>> {
        match self {
            ErrorBody::Json { code, .. } => code.as_ref().map(Open::reborrow),
            ErrorBody::BlockedPage => Some(Open::Known(ErrorCode::RequestBlocked)),
            _ => None,
        }
    }

    /// The human-readable detail: the JSON `detail`, or the text of a text body.
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        match self {
            ErrorBody::Json { detail, .. } => detail.as_deref(),
            ErrorBody::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The known cause that the detail names, which tells apart causes sharing a code.
    #[must_use]
    pub fn cause(&self) -> Option<ErrorCause> {
        self.detail().and_then(ErrorCause::find)
    }
}

/// Reading a body never fails: whatever is not an error object is kept as it came.
/// `Serialize` writes the body as it was read, which `Deserialize` reads back.
impl crate::payload::Payload for ErrorBody<'static> {
    type Borrowed<'a> = ErrorBody<'a>;
    const NAME: &'static str = "Recall.ai error response body";

    fn decode(body: &[u8]) -> Result<ErrorBody<'_>, crate::DecodeError> {
        Ok(ErrorBody::parse(body))
    }

    fn into_owned(payload: ErrorBody<'_>) -> Self {
        payload.into_owned()
    }

    fn unreadable(payload: &ErrorBody<'_>) -> Unreadable {
        payload.unreadable().unwrap_or_default()
    }

    #[cfg(feature = "proptest")]
    fn bodies() -> ::proptest::strategy::BoxedStrategy<alloc::vec::Vec<u8>> {
        ::proptest::strategy::Strategy::boxed(crate::proptest::error_body())
    }
}

impl crate::payload::sealed::Sealed for ErrorBody<'static> {}

/// The firewall's page carries both its heading and its sentence; another HTML page that
/// mentions one of them is only text.
fn is_blocked_page(body: &[u8]) -> bool {
    const MARKERS: [&[u8]; 2] = [b"request blocked", b"403 error"];
    MARKERS
        .iter()
        .all(|marker| crate::bytes::contains_ignore_ascii_case(body, marker))
}

/// A Recall.ai error response, classified: what [`classify`] gives. It borrows the body; its
/// [`into_owned`](Self::into_owned) form travels through `?` as a `std::error::Error`.
///
/// ```
/// use error_taxonomy::RetryClass;
/// use error_taxonomy::recall::{ErrorCause, ErrorCode, RecallError, classify};
/// use error_taxonomy::retry::RetryAfter;
///
/// fn update_bot() -> Result<(), RecallError<'static>> {
///     let body = br#"{"code": "update_bot_failed", "detail": "Only non-dispatched bots can be updated"}"#;
///     Err(classify(400, RetryAfter::Absent, body).into_owned())
/// }
///
/// let error = update_bot().expect_err("rejected");
/// assert_eq!(error.code().and_then(|c| c.known()), Some(ErrorCode::UpdateBotFailed));
/// assert_eq!(error.cause(), Some(ErrorCause::OnlyNonDispatchedBotsCanBeUpdated));
/// assert_eq!(error.retry_class(), RetryClass::Never);
/// assert_eq!(error.to_string(), "Recall.ai answered 400 update_bot_failed: Only non-dispatched bots can be updated");
/// ```
/// As JSON, for logs and queues: `{"status", "retry_after", "body"}`, each as its type writes it.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct RecallError<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The server's `Retry-After`, read.
    pub retry_after: RetryAfter,
    /// The body.
    #[serde(borrow)]
    pub body: ErrorBody<'a>,
}

/// Classifies a Recall.ai error response from its status, its `Retry-After` (read with
/// [`RetryAfter::parse`]) and its body. Never fails and, for bodies without escapes or values
/// nested two deep it skips, never allocates.
///
/// ```
/// use core::time::Duration;
/// use error_taxonomy::recall::{ErrorCode, classify};
/// use error_taxonomy::retry::{Decision, RetryAfter, RetryPolicy};
///
/// let error = classify(429, RetryAfter::parse(Some("7"), 0), b"");
/// let decision = error.decide(1, &RetryPolicy::default(), 0);
/// assert_eq!(decision, Decision::Retry(Duration::from_secs(7)));
///
/// let error = classify(400, RetryAfter::Absent, br#"{"code": "cannot_command_completed_bot"}"#);
/// assert_eq!(error.code().and_then(|c| c.known()), Some(ErrorCode::CannotCommandCompletedBot));
/// ```
#[must_use]
pub fn classify(status: u16, retry_after: RetryAfter, body: &[u8]) -> RecallError<'_> {
    RecallError {
        status,
        retry_after,
        body: ErrorBody::parse(body),
    }
}

impl RecallError<'_> {
    /// The same error, owning what it borrowed from the response, so that it can travel through
    /// `?` in an application.
    #[must_use]
    pub fn into_owned(self) -> RecallError<'static> {
        RecallError {
            status: self.status,
            retry_after: self.retry_after,
            body: self.body.into_owned(),
        }
    }

    /// The status, if the taxonomy knows it.
    #[must_use]
    pub fn http_status(&self) -> Option<HttpStatus> {
        HttpStatus::from_http_status(self.status)
    }

    /// The error code, known or not.
    #[must_use]
    pub fn code(&self) -> Option<Open<'_, ErrorCode>> {
        self.body.code()
    }

    /// The human-readable detail.
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.body.detail()
    }

    /// The known cause the detail names.
    #[must_use]
    pub fn cause(&self) -> Option<ErrorCause> {
        self.body.cause()
    }

    /// How to retry: a known code's class wins, then a known cause's, then the status's; an
    /// unknown status retries with backoff when it is a 5xx and not at all otherwise.
    #[must_use]
    pub fn retry_class(&self) -> RetryClass {
        self.known_retry().map_or_else(
            || {
                if (500..600).contains(&self.status) {
                    RetryClass::Backoff
                } else {
                    RetryClass::Never
                }
            },
            |(class, _)| class,
        )
    }

    /// What to do about the error, from the same source as [`retry_class`](Self::retry_class).
    #[must_use]
    pub fn action(&self) -> &'static str {
        self.known_retry().map_or(
            "Read the status and body, and fix the request.",
            |(_, action)| action,
        )
    }

    fn known_retry(&self) -> Option<(RetryClass, &'static str)> {
        if let Some(code) = self.code().and_then(|c| c.known()) {
            return Some((code.retry(), code.action()));
        }
        if let Some(cause) = self.cause() {
            return Some((cause.retry(), cause.action()));
        }
        self.http_status()
            .map(|status| (status.retry(), status.action()))
    }

    /// The retry decision after `attempt` attempts (see [`decide`](crate::retry::decide)).
    #[must_use]
    pub fn decide(&self, attempt: u32, policy: &RetryPolicy, entropy: u64) -> Decision {
        decide_for(self, attempt, policy, entropy)
    }
}

/// One line: the status, the code (cut at 64 bytes) and the detail (a text body cut at 200
/// bytes), control and invisible characters escaped in both:
/// `Recall.ai answered 409 cannot_command_completed_bot: Bot is done`.
impl core::fmt::Display for RecallError<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Recall.ai answered {}", self.status)?;
        if let Some(code) = self.code() {
            // The server's own string when the code is unknown: shown escaped, never raw.
            write!(f, " {}", crate::bytes::Line(code.as_str(), 64))?;
        }
        match (&self.body, self.detail()) {
            (ErrorBody::Raw(raw), _) => {
                write!(f, " ({} bytes that are no error object)", raw.len())
            }
            (_, Some(detail)) => write!(f, ": {}", crate::bytes::Line(detail, 200)),
            (ErrorBody::Empty, None) => f.write_str(" with no body"),
            _ => Ok(()),
        }
    }
}

impl core::error::Error for RecallError<'_> {}

impl crate::retry::Retryable for RecallError<'_> {
    fn retry_class(&self) -> RetryClass {
        RecallError::retry_class(self)
    }

    fn action(&self) -> &'static str {
        RecallError::action(self)
    }

    fn retry_after(&self) -> RetryAfter {
        self.retry_after
    }
}

/// Classifies a Recall.ai error response from its `http` status and headers (its `Retry-After`
/// read at `now_unix_secs`) and its body.
///
/// ```
/// use error_taxonomy::recall::{ErrorCode, classify_http};
/// use error_taxonomy::RetryClass;
///
/// let mut headers = http::HeaderMap::new();
/// headers.insert("retry-after", http::HeaderValue::from_static("7"));
/// let error = classify_http(http::StatusCode::TOO_MANY_REQUESTS, &headers, b"", 0);
/// assert_eq!(error.retry_after.delay().map(|d| d.as_secs()), Some(7));
/// ```
#[cfg(feature = "http")]
#[must_use]
pub fn classify_http<'a>(
    status: ::http::StatusCode,
    headers: &::http::HeaderMap,
    body: &'a [u8],
    now_unix_secs: u64,
) -> RecallError<'a> {
    classify(
        status.as_u16(),
        RetryAfter::from_headers(headers, now_unix_secs),
        body,
    )
}

/// Classifies a Recall.ai error response from its `http` parts and its body (see
/// [`classify_http`]).
#[cfg(feature = "http")]
#[must_use]
pub fn classify_parts<'a>(
    parts: &::http::response::Parts,
    body: &'a [u8],
    now_unix_secs: u64,
) -> RecallError<'a> {
    classify_http(parts.status, &parts.headers, body, now_unix_secs)
}

#[cfg(feature = "http")]
impl From<HttpStatus> for ::http::StatusCode {
    fn from(status: HttpStatus) -> Self {
        // Every status of the table is a valid HTTP status (the generator checks 100-599).
        ::http::StatusCode::from_u16(status.http_status())
            .unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

#[cfg(feature = "http")]
impl TryFrom<::http::StatusCode> for HttpStatus {
    type Error = crate::UnknownCode;

    /// The row of a status, or an error that keeps its digits.
    fn try_from(status: ::http::StatusCode) -> Result<Self, Self::Error> {
        HttpStatus::from_http_status(status.as_u16())
            .ok_or_else(|| crate::UnknownCode::new(crate::Table::RecallHttpStatus, status.as_str()))
    }
}

/// A Recall.ai call that failed: answered with an error response, or not answered at all (the
/// transport's error `E`). It says how to retry ([`Retryable`](crate::retry::Retryable)): an
/// answer by its code's class and `Retry-After`; no answer with backoff, but only for a request
/// that may be sent twice ([`may_repeat`]), since one that was received may have taken effect (a
/// bot created twice). `?` turns `E` into an unanswered call that is not repeated: the safe
/// default; [`CallError::unanswered`] says otherwise.
#[cfg(feature = "http")]
#[derive(Debug)]
pub enum CallError<E> {
    /// The server answered with an error (boxed: an error is large, and the rare path).
    Answered(Box<RecallError<'static>>),
    /// No answer: the request may or may not have reached the server.
    Unanswered {
        /// The transport's error.
        error: E,
        /// Whether the request may be sent again ([`may_repeat`]): only then is it retried.
        repeatable: bool,
    },
}

#[cfg(feature = "http")]
impl<E> CallError<E> {
    /// A call that got no answer; `repeatable` when the request may be sent twice
    /// ([`may_repeat`]: an idempotent method, or an `Idempotency-Key`).
    pub const fn unanswered(error: E, repeatable: bool) -> Self {
        CallError::Unanswered { error, repeatable }
    }
}

/// Whether a request may be sent twice: its method is idempotent (RFC 9110 §9.2.2: `GET`,
/// `HEAD`, `OPTIONS`, `TRACE`, `PUT`, `DELETE`), or it carries an `Idempotency-Key` header. A
/// bot-creating `POST` without a key is not: it may have created a bot before the answer was
/// lost.
///
/// ```
/// use error_taxonomy::recall::may_repeat;
///
/// let mut headers = http::HeaderMap::new();
/// assert!(may_repeat(&http::Method::GET, &headers));
/// assert!(!may_repeat(&http::Method::POST, &headers));
/// headers.insert("idempotency-key", http::HeaderValue::from_static("create-bot-7"));
/// assert!(may_repeat(&http::Method::POST, &headers));
/// ```
#[cfg(feature = "http")]
#[must_use]
pub fn may_repeat(method: &::http::Method, headers: &::http::HeaderMap) -> bool {
    use ::http::Method;

    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE
    ) || headers.contains_key("idempotency-key")
}

#[cfg(feature = "http")]
impl<E> From<E> for CallError<E> {
    /// An unanswered call that is not repeated.
    fn from(error: E) -> Self {
        CallError::unanswered(error, false)
    }
}

#[cfg(feature = "http")]
impl<E: core::fmt::Display> core::fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            CallError::Answered(error) => error.fmt(f),
            CallError::Unanswered { error, .. } => write!(f, "Recall.ai did not answer: {error}"),
        }
    }
}

#[cfg(feature = "http")]
impl<E: core::error::Error + 'static> core::error::Error for CallError<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            CallError::Answered(_) => None,
            CallError::Unanswered { error, .. } => Some(error),
        }
    }
}

#[cfg(feature = "http")]
impl<E> crate::retry::Retryable for CallError<E> {
    fn retry_class(&self) -> RetryClass {
        match self {
            CallError::Answered(error) => error.retry_class(),
            CallError::Unanswered {
                repeatable: true, ..
            } => RetryClass::Backoff,
            CallError::Unanswered { .. } => RetryClass::Never,
        }
    }

    fn action(&self) -> &'static str {
        match self {
            CallError::Answered(error) => error.action(),
            CallError::Unanswered {
                repeatable: true, ..
            } => "Check the network, then retry.",
            CallError::Unanswered { .. } => {
                "The request may have taken effect: check before sending it again, or send it \
                 with an Idempotency-Key."
            }
        }
    }

    fn retry_after(&self) -> RetryAfter {
        match self {
            CallError::Answered(error) => error.retry_after,
            CallError::Unanswered { .. } => RetryAfter::Absent,
        }
    }
}

/// A response's body when its status is a success, else the error it answers, classified at
/// the current time: what a client calls on each response.
///
/// ```
/// use error_taxonomy::recall::{CallError, ErrorCode, check};
///
/// let headers = http::HeaderMap::new();
/// let ok: Result<&[u8], CallError<std::io::Error>> = check(http::StatusCode::OK, &headers, &b"{}"[..]);
/// assert_eq!(ok.ok(), Some(&b"{}"[..]));
/// let body = br#"{"code": "cannot_command_completed_bot"}"#;
/// let Err(CallError::Answered(error)) = check::<_, std::io::Error>(http::StatusCode::CONFLICT, &headers, &body[..]) else {
///     panic!("an error")
/// };
/// assert_eq!(error.code().and_then(|c| c.known()), Some(ErrorCode::CannotCommandCompletedBot));
/// ```
///
/// # Errors
///
/// [`CallError::Answered`] for a status of 400 or more.
#[cfg(feature = "http")]
pub fn check<B: AsRef<[u8]>, E>(
    status: ::http::StatusCode,
    headers: &::http::HeaderMap,
    body: B,
) -> Result<B, CallError<E>> {
    if status.as_u16() < 400 {
        return Ok(body);
    }
    let error = classify_http(status, headers, body.as_ref(), crate::retry::now());
    Err(CallError::Answered(Box::new(error.into_owned())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8259's number grammar, held to serde_json's own reading of each case.
    #[test]
    fn a_json_number_is_what_serde_json_reads_as_one() {
        for case in [
            "0", "-0", "7", "-12", "1.5", "1e5", "1E+5", "2.5e-3", "1E400", "01", "1.", ".5", "-",
            "1e", "+1", "1e+", "--1", "0x1", "", "Infinity", "NaN", "-0.0e0",
        ] {
            // Skipped, as here, serde_json judges only the grammar: `1E400` is a number.
            let serde = serde_json::from_str::<serde::de::IgnoredAny>(case).is_ok();
            assert_eq!(is_json_number(case.as_bytes()), serde, "{case:?}");
        }
    }
}
