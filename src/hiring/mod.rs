//! The hiring (interview scheduling) API: its error codes, with the HTTP status, the
//! `Retry-After` header and the retry class of each; its error responses (server side: the
//! status and headers of a code, and with `serde` the RFC 9457 problem details body); and, with
//! `serde`, problem bodies read back (client side).
#![doc = include_str!("../generated/hiring.md")]

pub use crate::generated::hiring::*;

#[cfg(feature = "serde")]
pub(crate) mod problem;
#[cfg(feature = "alloc")]
mod response;
#[cfg(feature = "serde")]
pub use problem::Problem;
#[cfg(feature = "http")]
pub use problem::{HiringError, check};
#[cfg(feature = "alloc")]
pub use response::{CONTENT_TYPE, ErrorResponse, HeaderText, RetryAfterRefused, TYPE_PREFIX};
