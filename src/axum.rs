//! axum, server side (feature `axum`): a hiring error response is a handler's error, [`Json`]
//! reads a hiring API request body or answers with `INVALID_BODY` or `VALIDATION_ERROR`, and
//! [`Webhook`] decodes a meetbot `job.failed` or a Recall.ai status webhook from a request body,
//! or answers `400 Bad Request` with a problem details body that says what is wrong.
//!
//! ```
//! use axum_core::response::IntoResponse;
//! use error_taxonomy::axum::Webhook;
//! use error_taxonomy::hiring::{ErrorCode, ErrorResponse};
//! use error_taxonomy::meetbot::JobFailed;
//!
//! // A handler that fails with a formatted detail: one line.
//! async fn book(slot: u8) -> Result<&'static str, ErrorResponse<'static>> {
//!     Err(ErrorResponse::new(ErrorCode::WindowTooSoon).detail(format!("slot {slot} is too soon")))
//! }
//!
//! // A receiver: the extractor decodes the body, or answers 400 itself.
//! async fn receive(Webhook(event): Webhook<JobFailed<'static>>) -> String {
//!     format!("{} must act", event.handling())
//! }
//! ```

use core::fmt;

use axum_core::extract::{FromRequest, Request};
use axum_core::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::DecodeError;
use crate::hiring::{CONTENT_TYPE, ErrorResponse};
use crate::payload::Payload;

/// A handler's error: the status, `content-type: application/problem+json`, `Retry-After` for
/// the codes that carry it, and the problem details body.
impl IntoResponse for ErrorResponse<'_> {
    fn into_response(self) -> Response {
        self.to_http().map(axum_core::body::Body::from)
    }
}

/// An extractor that decodes any [`Payload`] from the request body with the crate's tolerant
/// decoder (unknown codes kept, unreadable free text named in `unreadable`), owning what it read.
///
/// It is strict about what it reads: a request whose `content-type` is not JSON
/// (`application/json`, or `application/<anything>+json`), or has none, is answered `415
/// Unsupported Media Type` without reading its body, so that a browser's cross-site form or
/// text POST (which needs no preflight) never reaches the decoder; a declared `content-length`
/// over [`Webhook::MAX_BODY`] is answered `413 Content Too Large` before the body is read. The
/// body is then read no further than [`Webhook::MAX_BODY`] (or axum's own `DefaultBodyLimit`,
/// 2 MB unless changed, if that is less): a longer one is answered `413` too.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Webhook<T>(pub T);

impl<T> Webhook<T> {
    /// The most bytes of a body: 1 MiB, far above any webhook the crate reads.
    pub const MAX_BODY: u64 = 1 << 20;
}

/// Whether a `content-type` is JSON: `application/json` or `application/*+json`, with any
/// parameters, in any casing.
fn is_json(content_type: &[u8]) -> bool {
    let essence = content_type
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    let Some((kind, subtype)) = essence
        .iter()
        .position(|&b| b == b'/')
        .map(|slash| (&essence[..slash], &essence[slash + 1..]))
    else {
        return false;
    };
    kind.eq_ignore_ascii_case(b"application")
        && (subtype.eq_ignore_ascii_case(b"json")
            || subtype.len() > 5 && subtype[subtype.len() - 5..].eq_ignore_ascii_case(b"+json"))
}

impl<S: Send + Sync, T: Payload> FromRequest<S> for Webhook<T> {
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = json_body(request, state).await?;
        T::decode(&body)
            .map(|payload| Webhook(T::into_owned(payload)))
            .map_err(WebhookRejection::Decode)
    }
}

/// A request's body, when its `content-type` is JSON and it is within [`Webhook::MAX_BODY`]
/// (read no further than that).
async fn json_body<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, WebhookRejection> {
    let headers = request.headers();
    let json = headers
        .get(::http::header::CONTENT_TYPE)
        .is_some_and(|value| is_json(value.as_bytes()));
    if !json {
        return Err(WebhookRejection::NotJson);
    }
    let declared = headers
        .get(::http::header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if let Some(declared) = declared.filter(|&n| n > Webhook::<()>::MAX_BODY) {
        return Err(WebhookRejection::TooLarge(Some(declared)));
    }
    // Read within the limit, not past it: a body with no declared length (chunked) stops
    // being read at `MAX_BODY`, whatever axum's own limit is.
    let (parts, body) = request.into_parts();
    let limit = usize::try_from(Webhook::<()>::MAX_BODY).unwrap_or(usize::MAX);
    let body = axum_core::body::Body::new(http_body_util::Limited::new(body, limit));
    let request = Request::from_parts(parts, body);
    Bytes::from_request(request, state)
        .await
        .map_err(|rejection| {
            if rejection.status() == ::http::StatusCode::PAYLOAD_TOO_LARGE {
                WebhookRejection::TooLarge(None)
            } else {
                WebhookRejection::Body(rejection)
            }
        })
}

/// A JSON request body for a hiring API handler, read as `T` with serde, that answers a bad
/// body with the hiring API's own problem: `INVALID_BODY` for a body that is not JSON (or not
/// declared JSON, or over [`Webhook::MAX_BODY`]), `VALIDATION_ERROR` for JSON that is not a `T`
/// (a missing field, a wrong type), each with serde_json's words as its `detail`.
///
/// ```
/// use error_taxonomy::axum::Json;
///
/// #[derive(serde::Deserialize)]
/// struct Invite {
///     email: String,
/// }
///
/// async fn invite(Json(invite): Json<Invite>) -> String {
///     format!("invited {}", invite.email)
/// }
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Json<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Json<T> {
    type Rejection = ErrorResponse<'static>;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        use crate::hiring::ErrorCode;

        let body = json_body(request, state).await.map_err(|rejection| {
            ErrorResponse::new(ErrorCode::InvalidBody).detail(rejection.to_string())
        })?;
        serde_json::from_slice(&body).map(Json).map_err(|error| {
            let code = match error.classify() {
                serde_json::error::Category::Data => ErrorCode::ValidationError,
                _ => ErrorCode::InvalidBody,
            };
            ErrorResponse::new(code).detail(error.to_string())
        })
    }
}

/// Why [`Webhook`] refused a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The `content-type` is not JSON, or there is none: answered `415 Unsupported Media Type`
    /// with a problem details body, the body unread.
    NotJson,
    /// The body is over [`Webhook::MAX_BODY`]: by its declared `content-length` (given), or as
    /// it was read (`None`), reading stopping at the limit. Answered `413 Content Too Large` with
    /// a problem details body.
    TooLarge(Option<u64>),
    /// The body could not be read (over axum's limit, or the connection failed): axum's own
    /// answer.
    Body(axum_core::extract::rejection::BytesRejection),
    /// The body is not the payload: answered `400 Bad Request` with a problem details body whose
    /// `detail` is the decoder's message.
    Decode(DecodeError),
}

impl fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookRejection::NotJson => {
                f.write_str("the content-type is not JSON (application/json)")
            }
            WebhookRejection::TooLarge(Some(declared)) => write!(
                f,
                "the body is declared {declared} bytes, over the limit of {}",
                Webhook::<()>::MAX_BODY
            ),
            WebhookRejection::TooLarge(None) => write!(
                f,
                "the body is over the limit of {} bytes",
                Webhook::<()>::MAX_BODY
            ),
            WebhookRejection::Body(rejection) => {
                write!(f, "the body could not be read: {rejection}")
            }
            WebhookRejection::Decode(error) => write!(f, "the body is not the payload: {error}"),
        }
    }
}

impl core::error::Error for WebhookRejection {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            WebhookRejection::Body(rejection) => Some(rejection),
            WebhookRejection::Decode(error) => Some(error),
            WebhookRejection::NotJson | WebhookRejection::TooLarge(_) => None,
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let (status, detail) = match self {
            WebhookRejection::Body(rejection) => return rejection.into_response(),
            WebhookRejection::Decode(error) => (::http::StatusCode::BAD_REQUEST, error.to_string()),
            WebhookRejection::NotJson => {
                (::http::StatusCode::UNSUPPORTED_MEDIA_TYPE, self.to_string())
            }
            WebhookRejection::TooLarge(_) => {
                (::http::StatusCode::PAYLOAD_TOO_LARGE, self.to_string())
            }
        };
        let body = serde_json::json!({
            "type": "about:blank",
            "title": status.canonical_reason().unwrap_or_default(),
            "status": status.as_u16(),
            "detail": detail,
        });
        let mut response = Response::new(axum_core::body::Body::from(body.to_string()));
        *response.status_mut() = status;
        response.headers_mut().insert(
            ::http::header::CONTENT_TYPE,
            ::http::HeaderValue::from_static(CONTENT_TYPE),
        );
        response
    }
}
