//! Recall.ai error responses, client side: the body read whatever it is (JSON `{"code",
//! "detail"}`, the firewall's HTML page, text, nothing, or bytes), and [`classify`] to a typed
//! [`RecallError`] whose code decides the retry.

use alloc::borrow::Cow;

use super::{ErrorCause, ErrorCode, HttpStatus};
use crate::retry::{Decision, RetryAfter, RetryPolicy, decide};
use crate::{Open, RetryClass, Unreadable};

/// The body of a Recall.ai error response. Reading it never fails: what is not an error object
/// is kept as it came, and in an error object a code that can be read is read, whatever its
/// siblings hold.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ErrorBody<'a> {
    /// No body, or only white space.
    Empty,
    /// A JSON object, with its `code` (known or not) and `detail` where it has them.
    Json {
        /// The machine-readable code.
        code: Option<Open<'a, ErrorCode>>,
        /// The human-readable detail (`detail`, else `message`).
        detail: Option<Cow<'a, str>>,
        /// The fields that were there but could not be read: `code`, `detail`, `message`.
        unreadable: Unreadable,
    },
    /// The firewall's HTML "Request blocked" page, which older API versions send with a 403.
    BlockedPage,
    /// Text that is not JSON, such as the code-less "Cannot validate partial without join call
    /// task" or an HTML page.
    Text(&'a str),
    /// Anything else: bytes that are not UTF-8 and not JSON, JSON that is not an object, or an
    /// object with a field twice.
    Raw(&'a [u8]),
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
        let trimmed = body
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(body)
            .trim_ascii();
        match trimmed.first() {
            None => ErrorBody::Empty,
            Some(b'{') => match crate::decode::document(trimmed) {
                Ok(object) => Self::object(object),
                Err(_) => ErrorBody::Raw(body),
            },
            Some(b'<') if is_blocked_page(trimmed) => ErrorBody::BlockedPage,
            Some(&first) => match core::str::from_utf8(trimmed) {
                Ok(text) if !is_json_start(first, trimmed) => ErrorBody::Text(text),
                _ => ErrorBody::Raw(body),
            },
        }
    }

    /// An error object: each field read on its own.
    fn object(object: &'a [u8]) -> Self {
        let names = [
            ("code", "code"),
            ("detail", "detail"),
            ("message", "message"),
        ];
        let Ok([code, detail, message]) = crate::decode::fields(object, "body", names) else {
            // A field that comes twice: which one the server meant is unknown.
            return ErrorBody::Raw(object);
        };
        let mut unreadable = Unreadable::default();
        let code = code.and_then(|span| {
            crate::decode::open(span).unwrap_or_else(|()| {
                unreadable.push("code");
                None
            })
        });
        let detail = crate::decode::free_text(detail, "detail", &mut unreadable);
        // Some clients and proxies say `message`; `detail` wins when both are there.
        let message = crate::decode::free_text(message, "message", &mut unreadable);
        ErrorBody::Json {
            code,
            detail: detail.or(message),
            unreadable,
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

/// The firewall's page carries both its heading and its sentence; another HTML page that
/// mentions one of them is only text.
fn is_blocked_page(body: &[u8]) -> bool {
    const MARKERS: [&[u8]; 2] = [b"request blocked", b"403 error"];
    MARKERS
        .iter()
        .all(|marker| crate::bytes::contains_ignore_ascii_case(body, marker))
}

/// Whether a body that is not an object starts like another JSON value (an array, a string, a
/// number, `true`, `false` or `null`): such a body is kept raw, not read as text. Decided from
/// the bytes, so that reading a text body never allocates.
fn is_json_start(first: u8, body: &[u8]) -> bool {
    matches!(first, b'[' | b'"' | b'-' | b'0'..=b'9')
        || [&b"true"[..], b"false", b"null"].contains(&body)
}

/// A Recall.ai error response, classified.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct RecallError<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The server's `Retry-After`, read.
    pub retry_after: RetryAfter,
    /// The body.
    pub body: ErrorBody<'a>,
}

/// Classifies a Recall.ai error response from its status, its `Retry-After` (read with
/// [`RetryAfter::parse`]) and its body. Never fails and, for bodies without escapes, never
/// allocates.
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

    /// The retry decision after `attempt` attempts (see [`decide`]).
    #[must_use]
    pub fn decide(&self, attempt: u32, policy: &RetryPolicy, entropy: u64) -> Decision {
        decide(
            self.retry_class(),
            self.action(),
            attempt,
            self.retry_after,
            policy,
            entropy,
        )
    }
}
