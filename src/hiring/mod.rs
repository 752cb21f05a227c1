//! The hiring (interview scheduling) API: its error codes, with the HTTP status, the
//! `Retry-After` header and the retry class of each.

#[allow(deprecated)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/hiring.rs"));
}
pub use generated::*;
