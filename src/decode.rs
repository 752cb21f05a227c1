//! What every JSON decoder of the crate shares: one pass of serde_json over the document, which
//! lends each field a decoder knows as its raw JSON text ([`RawValue`], borrowed) and skips every
//! other; the readers of one field's value; the decoders' error, and the parts they could not
//! read. A value that is JSON but that Rust cannot hold (`1e400`, `"\ud800"`) costs only its
//! field, read after the pass, and a key Rust cannot hold (`{"\ud800": 1}`) is a key no decoder
//! reads; a document that is not JSON is refused whole, and so are bytes that are not UTF-8 in
//! a value a decoder reads (in a value it skips they cost nothing, as for `Deserialize`).
//!
//! A body that is UTF-8 is checked once and read as a `str`, so that no value lent is checked
//! again; each decoder's keys are found by comparisons the compiler builds from its list of
//! members ([`members!`]), each with a key of known length.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::{Code, Open};

/// A payload that could not be decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not JSON: what is wrong, and where, by line and column.
    #[error("not JSON: {reason} at line {line} column {column}")]
    Syntax {
        /// The line, from 1.
        line: usize,
        /// The column, from 1, in bytes.
        column: usize,
        /// What is wrong there, as serde_json says it (`expected value`, `EOF while parsing a
        /// value`, `invalid unicode code point`).
        reason: String,
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
    pub(crate) fn value(field: &'static str, found: &str, expected: &'static str) -> Self {
        DecodeError::Value {
            field,
            found: alloc::format!("{}", crate::bytes::Line(found, 64)),
            expected,
        }
    }

    /// serde_json's error, which the pass only gives for a document that is not JSON: every
    /// other problem is the decoder's own. Where serde_json stops at a line break (column 0), the
    /// place is the end of the line before.
    pub(crate) fn syntax(body: &[u8], error: &serde_json::Error) -> Self {
        let text = alloc::format!("{error}");
        let reason = match text.rfind(" at line ") {
            Some(at) => &text[..at],
            None => &text,
        };
        let (line, column) = match (error.line(), error.column()) {
            (line, 0) if line > 1 => {
                let before = body
                    .split(|&b| b == b'\n')
                    .nth(line - 2)
                    .unwrap_or_default();
                (line - 1, before.len() + 1)
            }
            (line, 0) => (line, 1),
            place => place,
        };
        DecodeError::Syntax {
            line,
            column,
            reason: reason.into(),
        }
    }
}

/// The parts of a payload that were there but could not be read: a value of the wrong type, or
/// text that Rust cannot hold (a lone surrogate; in an error body, bytes that are not UTF-8).
/// Each is left out of the result, which is otherwise whole, and named here by its path
/// (`detail`, `data.data.message`). Four bytes, whatever it holds.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Unreadable {
    /// One bit per path of [`Unreadable::PATHS`].
    bits: u32,
}

impl Unreadable {
    /// Every part a decoder may name: the paths of the members its list marks `lenient`, over
    /// every payload of [`payload::each`](crate::payload::each), in that order, each once. It is
    /// computed when the crate compiles, so that a new payload adds its paths by its own list. A
    /// set of them is one bit each, so that a decoded payload stays small.
    pub const PATHS: [&'static str; PATH_COUNT] = first(MERGED.0);

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

/// The list `Serialize` writes: each a path of [`Unreadable::PATHS`].
impl<'de> serde::Deserialize<'de> for Unreadable {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Paths;

        impl<'de> Visitor<'de> for Paths {
            type Value = Unreadable;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of the paths of Unreadable::PATHS")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unreadable, A::Error> {
                let mut unreadable = Unreadable::default();
                while let Some(path) = seq.next_element::<Cow<'de, str>>()? {
                    let known =
                        Unreadable::PATHS
                            .iter()
                            .find(|p| **p == path)
                            .ok_or_else(|| {
                                serde::de::Error::invalid_value(
                                    serde::de::Unexpected::Str(&path),
                                    &"a path of Unreadable::PATHS",
                                )
                            })?;
                    unreadable.push(known);
                }
                Ok(unreadable)
            }
        }

        deserializer.deserialize_seq(Paths)
    }
}

/// The most paths an [`Unreadable`] can name: one bit each.
const MAX_PATHS: usize = u32::BITS as usize;

/// The lenient paths of every payload, merged ([`lenient_paths`]), and how many there are.
const MERGED: ([&str; MAX_PATHS], usize) = lenient_paths(crate::payload::LISTS);
/// How many paths [`Unreadable::PATHS`] holds.
const PATH_COUNT: usize = MERGED.1;

/// The first `N` of `all`.
const fn first<const N: usize>(all: [&'static str; MAX_PATHS]) -> [&'static str; N] {
    let mut paths = [""; N];
    let mut index = 0;
    while index < N {
        paths[index] = all[index];
        index += 1;
    }
    paths
}

/// Whether `path` is among the first `count` of `paths`.
const fn among(paths: &[&str], count: usize, path: &str) -> bool {
    let mut index = 0;
    while index < count {
        if eq(paths[index].as_bytes(), path.as_bytes()) {
            return true;
        }
        index += 1;
    }
    false
}

/// The paths of the lenient members of `lists`, each once, and how many there are (at most
/// [`MAX_PATHS`]), in an order that keeps each list's own: the paths a payload
/// names unreadable come out in the order of its fields. Of the paths that can come next, the
/// one of the latest list is taken.
const fn lenient_paths(lists: &[&[Member]]) -> ([&'static str; MAX_PATHS], usize) {
    let mut paths = [""; MAX_PATHS];
    let mut count = 0;
    loop {
        let mut pending = false;
        let mut placed = false;
        let mut list = lists.len();
        while list > 0 && !placed {
            list -= 1;
            if let Some(path) = next_path(lists[list], &paths, count) {
                pending = true;
                if !waits(lists, path, &paths, count) {
                    assert!(
                        count < paths.len(),
                        "an Unreadable has a bit per path of a u32"
                    );
                    paths[count] = path;
                    count += 1;
                    placed = true;
                }
            }
        }
        if !pending {
            return (paths, count);
        }
        assert!(
            placed,
            "two payloads list the same lenient paths in different orders"
        );
    }
}

/// The first lenient path of `list` that is not among the first `count` of `paths`.
const fn next_path(list: &[Member], paths: &[&str], count: usize) -> Option<&'static str> {
    let mut index = 0;
    while index < list.len() {
        let member = &list[index];
        if member.lenient && !among(paths, count, member.path) {
            return Some(member.path);
        }
        index += 1;
    }
    None
}

/// Whether some list of `lists` has `path` after a lenient path not yet among the first
/// `count` of `paths`, which must come first.
const fn waits(lists: &[&[Member]], path: &str, paths: &[&str], count: usize) -> bool {
    let mut list = 0;
    while list < lists.len() {
        let mut before = false;
        let mut index = 0;
        while index < lists[list].len() {
            let member = &lists[list][index];
            if member.lenient {
                if eq(member.path.as_bytes(), path.as_bytes()) {
                    if before {
                        return true;
                    }
                    break;
                }
                before |= !among(paths, count, member.path);
            }
            index += 1;
        }
        list += 1;
    }
    false
}

/// JSON's four white space characters (RFC 8259): space, tab, line feed, carriage return.
pub(crate) const fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// A field a decoder reads: the object it is in ([`ROOT`], or the index of an object member of
/// the same list), its key, its path in errors and in [`Unreadable`], and how it is read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Member {
    pub within: u8,
    pub key: &'static str,
    pub path: &'static str,
    pub how: How,
    /// Whether the decoder may name it [`Unreadable`] (a value of the wrong type, or text Rust
    /// cannot hold, costs only it): its path is then one of [`Unreadable::PATHS`].
    pub lenient: bool,
}

/// How the pass reads a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum How {
    /// Its raw JSON is kept.
    Raw,
    /// It is an object, whose own members are read in the same pass.
    Object,
    /// It is only noted as there, its value skipped unread (the raw JSON is empty).
    Skipped,
}

/// The `within` of a member of the document's own object.
pub(crate) const ROOT: u8 = u8::MAX;

/// The most members a decoder reads: each has a bit of a `u32`.
pub(crate) const MAX_MEMBERS: usize = 24;
const _: () = assert!(MAX_MEMBERS <= 32);

/// Whether `members` is a list the pass can read: at most [`MAX_MEMBERS`], each within the root
/// or an object member listed before it, no key twice in one object. Each list is checked when
/// the crate compiles.
pub(crate) const fn valid(members: &[Member]) -> bool {
    if members.len() > MAX_MEMBERS {
        return false;
    }
    let mut index = 0;
    while index < members.len() {
        let within = members[index].within;
        if within != ROOT
            && (within as usize >= index || !matches!(members[within as usize].how, How::Object))
        {
            return false;
        }
        let mut before = 0;
        while before < index {
            let other = &members[before];
            if other.within == within && eq(other.key.as_bytes(), members[index].key.as_bytes()) {
                return false;
            }
            before += 1;
        }
        index += 1;
    }
    true
}

/// The members a decoder reads, and how a key is found among them: one comparison per member,
/// which the compiler builds from the list ([`members!`]) with each key's length known, where a
/// loop over the list calls `memcmp` once per member.
#[derive(Clone, Copy)]
pub(crate) struct Members {
    /// The members, each within the root or an object member listed before it.
    pub list: &'static [Member],
    /// The index of the member with key `key` within object `within` ([`ROOT`], or the index of
    /// an object member).
    pub find: fn(within: u8, key: &[u8]) -> Option<usize>,
}

impl fmt::Debug for Members {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.list).finish()
    }
}

/// The index of the member with key `key` within `within` in `list`: evaluated when the crate
/// compiles, for each arm of a [`members!`] `match`.
pub(crate) const fn position(list: &[Member], within: u8, key: &str) -> usize {
    let mut index = 0;
    while index < list.len() {
        let member = &list[index];
        if member.within == within && eq(member.key.as_bytes(), key.as_bytes()) {
            return index;
        }
        index += 1;
    }
    panic!("no such member");
}

/// Whether two keys are the same bytes, in a `const fn`.
const fn eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The [`Members`] of a decoder, as a constant: each member written as the constructor of
/// [`Member`] that reads it (`raw`, `object`, `skipped`) with its object, key and path. The list
/// is checked when the crate compiles ([`valid`]), and its keys become the comparisons of its
/// `find`.
macro_rules! members {
    ($(#[$doc:meta])* $vis:vis const $name:ident = [
        $($how:ident($within:expr, $key:literal, $path:literal)),* $(,)?
    ];) => {
        $(#[$doc])*
        $vis const $name: $crate::decode::Members = {
            const LIST: &[$crate::decode::Member] =
                &[$($crate::decode::Member::$how($within, $key, $path)),*];
            const _: () = assert!($crate::decode::valid(LIST));
            fn find(within: u8, key: &[u8]) -> Option<usize> {
                $(if within == $within && key == $key.as_bytes() {
                    return Some(const { $crate::decode::position(LIST, $within, $key) });
                })*
                None
            }
            $crate::decode::Members { list: LIST, find }
        };
    };
}
pub(crate) use members;

impl Member {
    /// A member whose raw JSON is kept.
    pub(crate) const fn raw(within: u8, key: &'static str, path: &'static str) -> Self {
        Member {
            within,
            key,
            path,
            how: How::Raw,
            lenient: false,
        }
    }

    /// A member whose raw JSON is kept, and which the decoder may name unreadable.
    pub(crate) const fn lenient(within: u8, key: &'static str, path: &'static str) -> Self {
        Member {
            lenient: true,
            ..Member::raw(within, key, path)
        }
    }

    /// A member that is an object, whose own members are read in the same pass.
    pub(crate) const fn object(within: u8, key: &'static str, path: &'static str) -> Self {
        Member {
            within,
            key,
            path,
            how: How::Object,
            lenient: false,
        }
    }

    /// A member only noted as there, its value skipped unread.
    pub(crate) const fn skipped(within: u8, key: &'static str, path: &'static str) -> Self {
        Member {
            within,
            key,
            path,
            how: How::Skipped,
            lenient: false,
        }
    }
}

/// What the pass read: each member's raw JSON (`None` where it is absent; an object member's is
/// `{`), which came twice, and for an object member that is no object, what it was.
#[derive(Debug)]
pub(crate) struct Read<'a> {
    members: Members,
    values: [Option<&'a str>; MAX_MEMBERS],
    twice: u32,
    /// The object members that are no object, one bit each, and what each was.
    not_object: u32,
    found: alloc::vec::Vec<(usize, String)>,
}

impl<'a> Read<'a> {
    fn new(members: Members) -> Self {
        Read {
            members,
            values: [None; MAX_MEMBERS],
            twice: 0,
            not_object: 0,
            found: alloc::vec::Vec::new(),
        }
    }

    /// The raw JSON of member `index`: the first, where it came twice.
    pub(crate) fn get(&self, index: usize) -> Option<&'a str> {
        self.values.get(index).copied().flatten()
    }

    /// Whether member `index` came twice.
    pub(crate) fn twice(&self, index: usize) -> bool {
        self.twice & (1 << index) != 0
    }

    /// `Ok` when no member came twice, else the error for the first.
    pub(crate) fn unique(&self) -> Result<(), DecodeError> {
        self.duplicate().map_or(Ok(()), Err)
    }

    /// The error for the first member that came twice, if any.
    pub(crate) fn duplicate(&self) -> Option<DecodeError> {
        self.duplicate_among(u32::MAX)
    }

    /// The error for the first member among `mask` (one bit per member) that came twice.
    pub(crate) fn duplicate_among(&self, mask: u32) -> Option<DecodeError> {
        let index = (self.twice & mask).trailing_zeros() as usize;
        self.members
            .list
            .get(index)
            .map(|member| DecodeError::Duplicate { field: member.path })
    }

    /// The error for object member `index` when it is there but no object.
    pub(crate) fn object(&self, index: usize) -> Result<(), DecodeError> {
        if self.not_object & (1 << index) == 0 {
            return Ok(());
        }
        let found = self
            .found
            .iter()
            .find(|(at, _)| *at == index)
            .map_or("no object", |(_, found)| found.as_str());
        Err(DecodeError::value(
            self.members.list[index].path,
            found,
            "an object",
        ))
    }
}

/// Reads `body` in one pass of serde_json: its own object's members and those of its object
/// members, as `members` lists them, each kept raw and borrowed; everything else skipped. A
/// leading UTF-8 byte-order mark is skipped.
///
/// # Errors
///
/// [`DecodeError::Syntax`] when the body is not JSON, [`DecodeError::Value`] when it is not an
/// object.
pub(crate) fn read<'a>(body: &'a [u8], members: Members) -> Result<Read<'a>, DecodeError> {
    let mut read = Read::new(members);
    read_into(body, &mut read)?;
    Ok(read)
}

/// [`read`], into `read`, which the caller keeps: a `Read` is large, and is not moved.
fn read_into<'a>(body: &'a [u8], read: &mut Read<'a>) -> Result<(), DecodeError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match core::str::from_utf8(body) {
        // One check of the whole body, so that no value lent is checked again.
        Ok(text) => pass(serde_json::Deserializer::from_str(text), body, read),
        // Each value lent is checked to be UTF-8 (`invalid unicode code point` where it is not);
        // a value skipped is not read as text, whatever its bytes, as `Deserialize` skips it too.
        Err(_) => pass(serde_json::Deserializer::from_slice(body), body, read),
    }
}

fn pass<'a, R: serde_json::de::Read<'a>>(
    mut deserializer: serde_json::Deserializer<R>,
    body: &[u8],
    read: &mut Read<'a>,
) -> Result<(), DecodeError> {
    read_from(&mut deserializer, read)
        .and_then(|read| deserializer.end().map(|()| read))
        .map_err(|e| DecodeError::syntax(body, &e))?
}

/// The pass of [`read`] over any deserializer that lends raw JSON (serde_json's, reading a slice
/// or a string): `Err` from the deserializer for what is not JSON, then `Err` of the decoder for
/// a body that is no object.
fn read_from<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    read: &mut Read<'de>,
) -> Result<Result<(), DecodeError>, D::Error> {
    let root = Object { within: ROOT, read }.deserialize(deserializer)?;
    Ok(root.map_err(|found| DecodeError::value("body", &found, "an object")))
}

/// A payload that one pass reads: the members it lists, and what it makes of them. Its
/// `from_json` and its `Deserialize` are both this one path ([`from_json`], [`deserialize`]).
pub(crate) trait Fields<'a>: Sized {
    /// The members the pass reads.
    const MEMBERS: Members;

    /// The payload, from what the pass read.
    fn from_read(read: &Read<'a>) -> Result<Self, DecodeError>;
}

/// Decodes a body in one pass.
pub(crate) fn from_json<'a, T: Fields<'a>>(body: &'a [u8]) -> Result<T, DecodeError> {
    let mut read = Read::new(T::MEMBERS);
    read_into(body, &mut read)?;
    T::from_read(&read)
}

/// `Deserialize`, by the same pass: with serde_json reading a slice or a string (a deserializer
/// that cannot lend raw JSON, such as `serde_json::Value`'s, is refused). A decoder's error is
/// the deserializer's custom error, with the decoder's words.
pub(crate) fn deserialize<'de, T: Fields<'de>, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let mut read = Read::new(T::MEMBERS);
    read_from(deserializer, &mut read)?
        .and_then(|()| T::from_read(&read))
        .map_err(serde::de::Error::custom)
}

/// The members of one object, read into `read`; `Err` with what the value was when it is no
/// object.
struct Object<'r, 'a> {
    within: u8,
    read: &'r mut Read<'a>,
}

impl<'de> DeserializeSeed<'de> for Object<'_, 'de> {
    type Value = Result<(), String>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Object<'_, 'de> {
    type Value = Result<(), String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let members = self.read.members;
        while let Some(key) = map.next_key_seed(Key {
            members,
            within: self.within,
        })? {
            let Some(index) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let bit = 1 << index;
            if self.read.values[index].is_some() || self.read.not_object & bit != 0 {
                self.read.twice |= bit;
            }
            match members.list[index].how {
                How::Object => {
                    let object = Object {
                        within: index as u8,
                        read: &mut *self.read,
                    };
                    match map.next_value_seed(object)? {
                        Ok(()) => self.read.values[index] = Some("{"),
                        Err(found) => {
                            self.read.found.push((index, found));
                            self.read.not_object |= bit;
                        }
                    }
                }
                How::Raw => {
                    let raw: &'de RawValue = map.next_value()?;
                    self.read.values[index].get_or_insert(raw.get());
                }
                How::Skipped => {
                    map.next_value::<IgnoredAny>()?;
                    self.read.values[index] = Some("");
                }
            }
        }
        Ok(Ok(()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array".into()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Err(serde_json::to_string(value).unwrap_or_default()))
    }

    fn visit_bool<E>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Err(alloc::format!("{value}")))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Err(alloc::format!("{value}")))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Err(alloc::format!("{value}")))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Err(alloc::format!("{value}")))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null".into()))
    }
}

/// A key of an object: the index of the member it names within the object, if any.
struct Key {
    members: Members,
    within: u8,
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        // As bytes: serde_json then reads the key's escapes without judging them, so a key Rust
        // cannot hold (a lone surrogate, bytes that are not UTF-8) is only a key no member has.
        deserializer.deserialize_bytes(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_bytes<E: serde::de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok((self.members.find)(self.within, key))
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        self.visit_bytes(key.as_bytes())
    }
}

/// A string value as text, borrowed when it has no escapes; `Ok(None)` for `null`.
///
/// # Errors
///
/// `Err(())` for another type of value, or a string Rust cannot hold (a lone surrogate).
#[inline]
pub(crate) fn text(span: &str) -> Result<Option<Cow<'_, str>>, ()> {
    if span == "null" {
        return Ok(None);
    }
    let inner = span
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or(())?;
    if memchr::memchr(b'\\', inner.as_bytes()).is_none() {
        return Ok(Some(Cow::Borrowed(inner)));
    }
    // Escapes: serde_json unescapes them, and refuses a lone surrogate.
    serde_json::from_str::<String>(span)
        .map(|s| Some(Cow::Owned(s)))
        .map_err(|_| ())
}

/// An optional field as `read` reads its raw JSON: its value, or `None` (absent or `null`), or
/// `None` and the field named unreadable when `read` cannot take it.
#[inline]
pub(crate) fn lenient<'a, T>(
    span: Option<&'a str>,
    path: &'static str,
    unreadable: &mut Unreadable,
    read: impl FnOnce(&'a str) -> Result<Option<T>, ()>,
) -> Option<T> {
    match span.map(read)? {
        Ok(value) => value,
        Err(()) => {
            unreadable.push(path);
            None
        }
    }
}

/// An optional free-text field: its text, or `None` and the field named unreadable.
#[inline]
pub(crate) fn free_text<'a>(
    span: Option<&'a str>,
    path: &'static str,
    unreadable: &mut Unreadable,
) -> Option<Cow<'a, str>> {
    lenient(span, path, unreadable, text)
}

/// A text field that must be there.
#[inline]
pub(crate) fn required_text<'a>(
    span: Option<&'a str>,
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
        _ if span.starts_with('"') => Err(DecodeError::value(
            path,
            span,
            "a string of Unicode scalar values (no lone surrogate)",
        )),
        _ => Err(DecodeError::value(path, span, "a string")),
    }
}

/// A code at an open position: known or kept as it came; `Ok(None)` for `null`.
///
/// # Errors
///
/// `Err(())` for a value that is not a string Rust can hold.
#[inline]
pub(crate) fn open<T: Code>(span: &str) -> Result<Option<Open<'_, T>>, ()> {
    Ok(text(span)?.map(Open::from_cow))
}

/// An integral JSON number (`2`, or `2.0`, which JSON Schema counts as the same integer).
pub(crate) fn integer(span: &str) -> Option<u64> {
    if !span.is_empty() && span.bytes().all(|b| b.is_ascii_digit()) {
        return span.parse().ok();
    }
    whole(serde_json::from_str(span).ok()?)
}

/// A float that is a whole number below 2^53, where `f64` holds every integer exactly.
pub(crate) fn whole(value: f64) -> Option<u64> {
    let whole = value as u64;
    ((0.0..9_007_199_254_740_992.0).contains(&value) && whole as f64 == value).then_some(whole)
}

/// A boolean, `Ok(None)` for `null`.
#[inline]
pub(crate) fn boolean(span: &str) -> Result<Option<bool>, ()> {
    match span {
        "true" => Ok(Some(true)),
        "false" => Ok(Some(false)),
        "null" => Ok(None),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_borrows_unescaped_strings_and_refuses_what_rust_cannot_hold() {
        assert_eq!(text(r#""abc""#), Ok(Some(Cow::Borrowed("abc"))));
        assert!(matches!(text(r#""a\u00e9""#), Ok(Some(Cow::Owned(s))) if s == "aé"));
        assert_eq!(text("null"), Ok(None));
        assert_eq!(text(r#""\ud800""#), Err(()));
        assert_eq!(text("5"), Err(()));
        assert_eq!(text("[\"x\"]"), Err(()));
    }

    #[test]
    fn unreadable_paths_are_unique_and_fit_its_bits() {
        let paths = Unreadable::PATHS;
        assert!(paths.len() <= MAX_PATHS);
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
    fn the_paths_are_the_lenient_members_of_every_payload_and_a_new_list_adds_its_own() {
        let lenient: alloc::vec::Vec<&str> = crate::payload::LISTS
            .iter()
            .flat_map(|list| list.iter())
            .filter(|member| member.lenient)
            .map(|member| member.path)
            .collect();
        assert!(Unreadable::PATHS.iter().all(|path| lenient.contains(path)));
        assert!(lenient.iter().all(|path| Unreadable::PATHS.contains(path)));
        // A new payload's list brings its own paths, each once.
        members! {
            const SCRATCH = [
                object(ROOT, "data", "data"),
                lenient(0, "note", "data.note"),
                lenient(0, "message", "message"),
                raw(ROOT, "id", "id"),
            ];
        }
        const LISTS: [&[Member]; 2] = [crate::payload::LISTS[0], SCRATCH.list];
        let (merged, count) = lenient_paths(&LISTS);
        let paths = &merged[..count];
        assert!(paths.contains(&"data.note") && paths.contains(&"message"));
        // Each list's paths come in its own order, in PATHS as in any set of lists.
        let in_order = |paths: &[&str], list: &[Member]| {
            let at = |path| paths.iter().position(|p| *p == path);
            let places: alloc::vec::Vec<_> = list
                .iter()
                .filter(|member| member.lenient)
                .map(|member| at(member.path))
                .collect();
            places.iter().all(Option::is_some) && places.windows(2).all(|w| w[0] < w[1])
        };
        assert!(LISTS.iter().all(|list| in_order(paths, list)));
        assert!(
            crate::payload::LISTS
                .iter()
                .all(|list| in_order(&Unreadable::PATHS, list))
        );
    }

    #[test]
    fn integers_are_integral_numbers() {
        assert_eq!(integer("2"), Some(2));
        assert_eq!(integer("2.0"), Some(2));
        assert_eq!(integer("2e0"), Some(2));
        assert_eq!(integer("2.5"), None);
        assert_eq!(integer("-1"), None);
        assert_eq!(integer("\"2\""), None);
        assert_eq!(integer("1e400"), None);
        assert_eq!(integer("18446744073709551616"), None);
    }

    #[test]
    fn syntax_errors_say_line_and_column() {
        members! {
            const MEMBERS = [raw(ROOT, "a", "a")];
        }
        let error = read(b"{\n  \"a\": tru\n}", MEMBERS).expect_err("not JSON");
        // serde_json stops at the line break after `tru`: the end of line 2.
        assert_eq!(
            error.to_string(),
            "not JSON: expected ident at line 2 column 11"
        );
        let error = read(b"", MEMBERS).expect_err("empty");
        assert_eq!(
            error.to_string(),
            "not JSON: EOF while parsing a value at line 1 column 1"
        );
        let error = read(b"{\"a\":\n\"\xff\"}", MEMBERS).expect_err("not UTF-8");
        assert_eq!(
            error.to_string(),
            "not JSON: invalid unicode code point at line 2 column 2"
        );
        // Skipped, bytes that are not UTF-8 cost nothing: nothing reads them as text.
        assert!(read(b"{\"b\": \"\xff\", \"a\": 1}", MEMBERS).is_ok());
        let error = read(b"{\"a\": 1,}", MEMBERS).expect_err("not JSON");
        assert_eq!(
            error.to_string(),
            "not JSON: trailing comma at line 1 column 9"
        );
    }

    #[test]
    fn a_key_is_found_within_its_object_and_a_key_twice_is_refused() {
        members! {
            const LIST = [
                raw(ROOT, "a", "a"),
                object(ROOT, "o", "o"),
                raw(1, "a", "o.a"),
            ];
        }
        for (index, member) in LIST.list.iter().enumerate() {
            assert_eq!(
                (LIST.find)(member.within, member.key.as_bytes()),
                Some(index)
            );
        }
        assert_eq!((LIST.find)(1, b"o"), None);
        assert_eq!((LIST.find)(ROOT, b"b"), None);
        assert_eq!((LIST.find)(ROOT, b"a\0"), None);
        assert!(!valid(&[
            Member::raw(ROOT, "a", "a"),
            Member::raw(ROOT, "a", "b")
        ]));
        assert!(valid(&[
            Member::object(ROOT, "o", "o"),
            Member::raw(0, "o", "o.o")
        ]));
    }

    #[test]
    fn members_are_read_in_one_pass_and_twice_is_marked() {
        members! {
            const MEMBERS = [
                raw(ROOT, "a", "a"),
                object(ROOT, "o", "o"),
                raw(1, "a", "o.a"),
                raw(ROOT, "z", "z"),
            ];
        }
        let read = read(
            br#"{"a": 1, "b": "x", "o": {"a": [1, "2"], "c": {}}}"#,
            MEMBERS,
        )
        .expect("JSON");
        assert_eq!(
            (read.get(0), read.get(1), read.get(2), read.get(3)),
            (Some("1"), Some("{"), Some(r#"[1, "2"]"#), None)
        );
        assert!(read.duplicate().is_none() && read.object(1).is_ok());
        let twice = super::read(br#"{"a": 1, "a": 2}"#, MEMBERS).expect("JSON");
        assert_eq!((twice.get(0), twice.twice(0)), (Some("1"), true));
        assert!(matches!(
            twice.duplicate(),
            Some(DecodeError::Duplicate { field: "a" })
        ));
        let odd = super::read(br#"{"o": [1]}"#, MEMBERS).expect("JSON");
        assert_eq!(odd.get(1), None);
        assert!(matches!(
            odd.object(1),
            Err(DecodeError::Value { field: "o", .. })
        ));
        assert!(super::read(b"[1]", MEMBERS).is_err());
        let escaped = super::read(br#"{"\u0061": 7}"#, MEMBERS).expect("JSON");
        assert_eq!(escaped.get(0), Some("7"));
        let odd_key = super::read(br#"{"\ud800": 1, "a": 2}"#, MEMBERS).expect("JSON");
        assert_eq!(odd_key.get(0), Some("2"));
        let not_utf8 = super::read(b"{\"\xff\": 1, \"a\": 2}", MEMBERS).expect("JSON");
        assert_eq!(not_utf8.get(0), Some("2"));
    }
}
