//! What every JSON decoder of the crate shares: its error, the parts it could not read, and the
//! readers of one field's value. A decoder checks the document's syntax once ([`crate::json`]),
//! then reads each field it knows on its own, so that a field Rust cannot hold costs only itself.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

use crate::json;
use crate::{Code, Open};

/// A payload that could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not JSON: what was expected where, by line and column (both from 1).
    #[error("not JSON: expected {expected} at line {line} column {column}")]
    Syntax {
        /// The line, from 1.
        line: usize,
        /// The column, from 1, in bytes.
        column: usize,
        /// What the grammar expected there.
        expected: &'static str,
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
    #[error("{field} is {found}, expected {expected}")]
    Value {
        /// The field's path, e.g. `event`.
        field: &'static str,
        /// What the payload has, as JSON: cut after 64 bytes, control characters escaped.
        found: String,
        /// What the decoder accepts.
        expected: &'static str,
    },
    /// A field that comes twice in one object: JSON readers disagree on which one wins, so the
    /// decoders refuse it.
    #[error("{field} comes twice")]
    Duplicate {
        /// The field's path.
        field: &'static str,
    },
}

impl DecodeError {
    pub(crate) fn value(field: &'static str, found: &[u8], expected: &'static str) -> Self {
        let lossy = String::from_utf8_lossy(found);
        DecodeError::Value {
            field,
            found: alloc::format!("{}", crate::bytes::Line(&lossy, 64)),
            expected,
        }
    }

    fn syntax(body: &[u8], error: json::Syntax) -> Self {
        let before = &body[..error.offset.min(body.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.len()
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        DecodeError::Syntax {
            line,
            column,
            expected: error.expected,
        }
    }
}

/// The parts of a payload that were there but could not be read: a value of the wrong type, or
/// text that Rust cannot hold (a lone surrogate, bytes that are not UTF-8). Each is left out of
/// the result, which is otherwise whole, and named here by its path (`detail`,
/// `data.data.message`). Four bytes, whatever it holds.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Unreadable {
    /// One bit per path of [`Unreadable::PATHS`].
    bits: u32,
}

impl Unreadable {
    /// Every part a decoder may name, in the order of the payloads' fields: a set of them is
    /// one bit each, so that a decoded payload stays small.
    pub const PATHS: [&'static str; 22] = [
        "code",
        "sub_code",
        "type",
        "title",
        "detail",
        "message",
        "instance",
        "updated_at",
        "created_at",
        "data.data.sub_code",
        "data.data.message",
        "data.data.updated_at",
        "data.data.created_at",
        "data.status.sub_code",
        "data.status.message",
        "data.status.updated_at",
        "data.status.created_at",
        "data.failure_code",
        "data.failure_detail",
        "data.failure_reason",
        "data.billed",
        "data.manifestUri",
    ];

    pub(crate) fn push(&mut self, path: &'static str) {
        let index = Self::PATHS.iter().position(|p| *p == path);
        debug_assert!(index.is_some(), "{path} is not in Unreadable::PATHS");
        if let Some(index) = index {
            self.bits |= 1 << index;
        }
    }

    /// Whether every part was read.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// The paths of the parts that could not be read, in the order of [`PATHS`](Self::PATHS).
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        let bits = self.bits;
        Self::PATHS
            .iter()
            .enumerate()
            .filter(move |(i, _)| bits & (1 << i) != 0)
            .map(|(_, path)| *path)
    }

    /// Whether the part at `path` could not be read.
    #[must_use]
    pub fn contains(&self, path: &str) -> bool {
        self.iter().any(|p| p == path)
    }
}

impl fmt::Debug for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for Unreadable {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The one value of a JSON document, once its syntax is checked.
pub(crate) fn document(body: &[u8]) -> Result<&[u8], DecodeError> {
    json::document(body).map_err(|e| DecodeError::syntax(body, e))
}

/// The spans of the fields `names` of an object: `None` where a field is absent.
///
/// # Errors
///
/// [`DecodeError::Value`] when `object` is not an object (`path` names it), and
/// [`DecodeError::Duplicate`] when a field comes twice.
pub(crate) fn fields<'a, const N: usize>(
    object: &'a [u8],
    path: &'static str,
    names: [(&str, &'static str); N],
) -> Result<[Option<&'a [u8]>; N], DecodeError> {
    let (found, twice) = fields_twice(object, path, names)?;
    match twice.iter().position(|&t| t) {
        Some(index) => Err(DecodeError::Duplicate {
            field: names[index].1,
        }),
        None => Ok(found),
    }
}

/// The value of each field a decoder reads, `None` where it is absent.
pub(crate) type Spans<'a, const N: usize> = [Option<&'a [u8]>; N];

/// Like [`fields`], but a field that comes twice is only marked (its span is `None`), for the
/// decoder that reads what it can.
pub(crate) fn fields_twice<'a, const N: usize>(
    object: &'a [u8],
    path: &'static str,
    names: [(&str, &'static str); N],
) -> Result<(Spans<'a, N>, [bool; N]), DecodeError> {
    let members =
        json::members(object).ok_or_else(|| DecodeError::value(path, object, "an object"))?;
    let mut found = [None; N];
    let mut twice = [false; N];
    for (key, value) in members {
        let Some(index) = names.iter().position(|(name, _)| json::key_is(key, name)) else {
            continue;
        };
        if found[index].is_some() || twice[index] {
            found[index] = None;
            twice[index] = true;
        } else {
            found[index] = Some(value);
        }
    }
    Ok((found, twice))
}

/// A string value as text, borrowed when it has no escapes; `Ok(None)` for `null`.
///
/// # Errors
///
/// `Err(())` for another type of value, or a string Rust cannot hold.
pub(crate) fn text(span: &[u8]) -> Result<Option<Cow<'_, str>>, ()> {
    if span == b"null" {
        return Ok(None);
    }
    let inner = span
        .strip_prefix(b"\"")
        .and_then(|s| s.strip_suffix(b"\""))
        .ok_or(())?;
    let inner = core::str::from_utf8(inner).map_err(|_| ())?;
    if !inner.contains('\\') {
        return Ok(Some(Cow::Borrowed(inner)));
    }
    // Escapes: serde_json unescapes them, and refuses a lone surrogate.
    let span = core::str::from_utf8(span).map_err(|_| ())?;
    serde_json::from_str::<String>(span)
        .map(|s| Some(Cow::Owned(s)))
        .map_err(|_| ())
}

/// An optional free-text field: its text, or `None` and the field named unreadable.
pub(crate) fn free_text<'a>(
    span: Option<&'a [u8]>,
    path: &'static str,
    unreadable: &mut Unreadable,
) -> Option<Cow<'a, str>> {
    match span.map(text)? {
        Ok(text) => text,
        Err(()) => {
            unreadable.push(path);
            None
        }
    }
}

/// A text field that must be there.
pub(crate) fn required_text<'a>(
    span: Option<&'a [u8]>,
    path: &'static str,
    shape: &'static str,
    missing: &'static str,
) -> Result<Cow<'a, str>, DecodeError> {
    let span = span.ok_or(DecodeError::Shape {
        expected: shape,
        reason: missing,
    })?;
    match text(span) {
        Ok(Some(text)) => Ok(text),
        _ if span.first() == Some(&b'"') => Err(DecodeError::value(
            path,
            span,
            "a string of Unicode scalar values (UTF-8, no lone surrogate)",
        )),
        _ => Err(DecodeError::value(path, span, "a string")),
    }
}

/// A code at an open position: known or kept as it came; `Ok(None)` for `null`.
///
/// # Errors
///
/// `Err(())` for a value that is not a string Rust can hold.
pub(crate) fn open<T: Code>(span: &[u8]) -> Result<Option<Open<'_, T>>, ()> {
    Ok(text(span)?.map(Open::from_cow))
}

/// An integral JSON number (`2`, or `2.0`, which JSON Schema counts as the same integer).
pub(crate) fn integer(span: &[u8]) -> Option<u64> {
    if !span.is_empty() && span.iter().all(u8::is_ascii_digit) {
        let text = core::str::from_utf8(span).ok()?;
        return text.parse().ok();
    }
    let text = core::str::from_utf8(span).ok()?;
    whole(serde_json::from_str(text).ok()?)
}

/// A float that is a whole number below 2^53, where `f64` holds every integer exactly.
pub(crate) fn whole(value: f64) -> Option<u64> {
    let whole = value as u64;
    ((0.0..9_007_199_254_740_992.0).contains(&value) && whole as f64 == value).then_some(whole)
}

/// A boolean, `Ok(None)` for `null`.
pub(crate) fn boolean(span: &[u8]) -> Result<Option<bool>, ()> {
    match span {
        b"true" => Ok(Some(true)),
        b"false" => Ok(Some(false)),
        b"null" => Ok(None),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_borrows_unescaped_strings_and_refuses_what_rust_cannot_hold() {
        assert_eq!(text(br#""abc""#), Ok(Some(Cow::Borrowed("abc"))));
        assert!(matches!(text(br#""a\u00e9""#), Ok(Some(Cow::Owned(s))) if s == "aé"));
        assert_eq!(text(b"null"), Ok(None));
        assert_eq!(text(br#""\ud800""#), Err(()));
        assert_eq!(text(b"\"\xFF\""), Err(()));
        assert_eq!(text(b"5"), Err(()));
        assert_eq!(text(b"[\"x\"]"), Err(()));
    }

    #[test]
    fn unreadable_paths_are_unique_and_fit_its_bits() {
        let paths = Unreadable::PATHS;
        assert!(paths.len() <= 32);
        for (i, path) in paths.iter().enumerate() {
            assert!(!paths[..i].contains(path), "{path} twice");
        }
        let mut unreadable = Unreadable::default();
        for path in paths.iter().rev() {
            unreadable.push(path);
        }
        assert!(unreadable.iter().eq(paths.iter().copied()));
        assert_eq!(core::mem::size_of::<Unreadable>(), 4);
    }

    #[test]
    fn integers_are_integral_numbers() {
        assert_eq!(integer(b"2"), Some(2));
        assert_eq!(integer(b"2.0"), Some(2));
        assert_eq!(integer(b"2e0"), Some(2));
        assert_eq!(integer(b"2.5"), None);
        assert_eq!(integer(b"-1"), None);
        assert_eq!(integer(b"\"2\""), None);
        assert_eq!(integer(b"1e400"), None);
        assert_eq!(integer(b"18446744073709551616"), None);
    }

    #[test]
    fn syntax_errors_say_line_and_column() {
        let error = document(b"{\n  \"a\": tru\n}").expect_err("not JSON");
        assert_eq!(
            error.to_string(),
            "not JSON: expected `true`, `false` or `null` at line 2 column 8"
        );
    }

    #[test]
    fn fields_are_found_once() {
        let doc = document(br#"{"a": 1, "b": "x", "c": {}}"#).expect("JSON");
        let [a, b, z] = fields(doc, "", [("a", "a"), ("b", "b"), ("z", "z")]).expect("fields");
        assert_eq!((a, b, z), (Some(&b"1"[..]), Some(&br#""x""#[..]), None));
        let twice = document(br#"{"a": 1, "a": 2}"#).expect("JSON");
        assert!(matches!(
            fields(twice, "", [("a", "a")]),
            Err(DecodeError::Duplicate { field: "a" })
        ));
        assert!(fields(b"[1]", "data", [("a", "a")]).is_err());
    }
}
