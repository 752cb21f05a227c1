//! The error of every JSON decoder in the crate: what was wrong, and where.

use alloc::string::String;

/// A payload that could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not JSON, or JSON of the wrong shape: serde_json's message names the field and the line
    /// and column.
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    /// Bytes that are not UTF-8, so not JSON.
    #[error("not UTF-8: invalid byte at offset {valid_up_to}")]
    NotUtf8 {
        /// The length of the valid UTF-8 prefix.
        valid_up_to: usize,
    },
    /// Valid JSON that is none of the payloads this decoder reads.
    #[error("not a {expected}: {reason}")]
    Shape {
        /// The payload the decoder reads.
        expected: &'static str,
        /// What is missing or wrong.
        reason: &'static str,
    },
    /// A field with a value this decoder does not accept.
    #[error("{field} is {found:?}, expected {expected}")]
    Value {
        /// The field's path, e.g. `event`.
        field: &'static str,
        /// What the payload has (truncated).
        found: String,
        /// What the decoder accepts.
        expected: &'static str,
    },
}

/// Reads JSON from bytes: UTF-8 is checked once for the whole body, which is faster than
/// serde_json checking each borrowed string.
pub(crate) fn from_json<'a, T: serde::Deserialize<'a>>(body: &'a [u8]) -> Result<T, DecodeError> {
    let text = core::str::from_utf8(body).map_err(|e| DecodeError::NotUtf8 {
        valid_up_to: e.valid_up_to(),
    })?;
    Ok(serde_json::from_str(text)?)
}

impl DecodeError {
    pub(crate) fn value(field: &'static str, found: &str, expected: &'static str) -> Self {
        DecodeError::Value {
            field,
            found: String::from(crate::bytes::truncate(found, 64)),
            expected,
        }
    }
}
