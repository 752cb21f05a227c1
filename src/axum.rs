//! axum, server side (feature `axum`): a hiring error response is a handler's error, and
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

/// A handler's error: the status, `content-type: application/problem+json`, `Retry-After` for
/// the codes that carry it, and the problem details body.
impl IntoResponse for ErrorResponse<'_> {
    fn into_response(self) -> Response {
        self.to_http().map(axum_core::body::Body::from)
    }
}

/// A payload that [`Webhook`] can decode from a request body, owning what it read.
pub trait FromBody: Sized {
    /// Decodes a body.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not this payload.
    fn from_body(body: &[u8]) -> Result<Self, DecodeError>;
}

impl FromBody for crate::meetbot::JobFailed<'static> {
    fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        crate::meetbot::JobFailed::from_json(body).map(crate::meetbot::JobFailed::into_owned)
    }
}

impl FromBody for crate::recall::StatusWebhook<'static> {
    fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        crate::recall::StatusWebhook::from_json(body).map(crate::recall::StatusWebhook::into_owned)
    }
}

impl FromBody for crate::hiring::Problem<'static> {
    fn from_body(body: &[u8]) -> Result<Self, DecodeError> {
        crate::hiring::Problem::from_json(body).map(crate::hiring::Problem::into_owned)
    }
}

/// An extractor that decodes a payload from the request body with the crate's tolerant decoder
/// (unknown codes kept, unreadable free text named in `unreadable`). The body is read within
/// axum's body limit (`DefaultBodyLimit`, 2 MB unless changed).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Webhook<T>(pub T);

impl<S: Send + Sync, T: FromBody> FromRequest<S> for Webhook<T> {
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(WebhookRejection::Body)?;
        T::from_body(&body)
            .map(Webhook)
            .map_err(WebhookRejection::Decode)
    }
}

/// Why [`Webhook`] refused a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The body could not be read (too large, or the connection failed): axum's own answer.
    Body(axum_core::extract::rejection::BytesRejection),
    /// The body is not the payload: answered `400 Bad Request` with a problem details body whose
    /// `detail` is the decoder's message.
    Decode(DecodeError),
}

impl fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        match self {
            WebhookRejection::Body(rejection) => rejection.into_response(),
            WebhookRejection::Decode(error) => {
                let body = serde_json::json!({
                    "type": "about:blank",
                    "title": "Bad Request",
                    "status": 400,
                    "detail": error.to_string(),
                });
                let mut response = Response::new(axum_core::body::Body::from(body.to_string()));
                *response.status_mut() = ::http::StatusCode::BAD_REQUEST;
                response.headers_mut().insert(
                    ::http::header::CONTENT_TYPE,
                    ::http::HeaderValue::from_static(CONTENT_TYPE),
                );
                response
            }
        }
    }
}
