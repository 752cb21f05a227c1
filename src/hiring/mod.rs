//! The hiring (interview scheduling) API: its error codes, with the HTTP status, the
//! `Retry-After` header and the retry class of each; its error responses (server side: the
//! status and headers of a code, and with `serde` the RFC 9457 problem details body); and, with
//! `serde`, problem bodies read back (client side).
#![doc = include_str!(concat!(env!("ERROR_TAXONOMY_GENERATED"), "/hiring.md"))]

#[allow(deprecated)]
mod generated {
    include!(concat!(env!("ERROR_TAXONOMY_GENERATED"), "/hiring.rs"));
}
pub use generated::*;

#[cfg(feature = "serde")]
mod problem;
#[cfg(feature = "alloc")]
mod response;
#[cfg(feature = "serde")]
pub use problem::Problem;
#[cfg(feature = "alloc")]
pub use response::{CONTENT_TYPE, ErrorResponse, HeaderText, TYPE_PREFIX};
