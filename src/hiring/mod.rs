//! The hiring (interview scheduling) API: its error codes, with the HTTP status, the
//! `Retry-After` header and the retry class of each; and, with the `serde` feature, its error
//! responses as RFC 9457 problem details, to send (server side) and to read (client side).
#![doc = include_str!(concat!(env!("ERROR_TAXONOMY_GENERATED"), "/hiring.md"))]

#[allow(deprecated)]
mod generated {
    include!(concat!(env!("ERROR_TAXONOMY_GENERATED"), "/hiring.rs"));
}
pub use generated::*;

#[cfg(feature = "serde")]
mod problem;
#[cfg(feature = "serde")]
pub use problem::{CONTENT_TYPE, ErrorResponse, HeaderValue, Problem, TYPE_PREFIX};
