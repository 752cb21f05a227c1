//! The error vocabularies of a meeting-bot and interview platform, as zero-allocation enums.
//!
//! One source of truth: the YAML tables under `taxonomy/` are compiled by `build.rs` into one
//! `#[non_exhaustive]`, one-byte, `Copy` enum per table, whose `const fn` accessors carry the
//! HTTP status, billing, retry class, recommended action and description of each code.
//!
//! ```
//! use error_taxonomy::{Billing, RetryClass, meetbot::FailureCode, recall::SubCode};
//!
//! let code: FailureCode = "removed_from_meeting".parse()?;
//! assert_eq!(code.billing(), Billing::RecordedPortion);
//! assert_eq!(SubCode::parse("bot_kicked_from_call")?.failure_code(), code);
//! assert_eq!(FailureCode::LobbyTimeout.retry(), RetryClass::Delay { secs: 60 });
//! # Ok::<(), error_taxonomy::UnknownCode>(())
//! ```
//!
//! Every enum implements [`Code`], so generic code can walk all tables; [`lookup`] says which
//! tables know a wire string.
//!
//! # Features
//!
//! - `std` (default): `std` support in serde and serde_json; without it the crate is `no_std`.
//! - `alloc` (with `std` or `serde`): [`Open`] codes, whose unknown strings may need a copy.
//! - `serde` (default): `Serialize`/`Deserialize` for every code and wire type, and the JSON
//!   decoders of error bodies and webhooks, without allocating for known codes.
//! - `schemars`: `JsonSchema` for every code and wire type, and [`schema::bundle`], the JSON
//!   Schema that SDKs in other languages are generated from.
//! - `regenerate`: compile `taxonomy/` with the generator at build time instead of using the
//!   committed `generated/` (for work on the data; the output is the same).
//!
//! # Tables
//!
//! Each table is one YAML file under `taxonomy/` and one enum:
//!
#![doc = include_str!(concat!(env!("ERROR_TAXONOMY_GENERATED"), "/tables.md"))]
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;

mod bytes;
mod card;
mod code;
mod column;
#[cfg(feature = "serde")]
mod decode;
mod facts;
pub mod hiring;
#[cfg(feature = "serde")]
mod json;
mod mapping;
pub mod meetbot;
#[cfg(feature = "alloc")]
mod open;
pub mod recall;
pub mod retry;
#[cfg(feature = "schemars")]
pub mod schema;
mod table;
#[cfg(feature = "serde")]
mod text;
mod words;

#[cfg(feature = "arbitrary")]
mod arbitrary;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
#[cfg(feature = "backon")]
#[cfg_attr(docsrs, doc(cfg(feature = "backon")))]
pub mod backon;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod proptest;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

pub use card::Card;
pub(crate) use code::impl_code_traits;
pub use code::{Code, UnknownCode};
pub use column::{Column, Kind, Term, Value};
#[cfg(feature = "serde")]
pub use decode::{DecodeError, Unreadable};
pub(crate) use facts::impl_vocabulary_traits;
pub use facts::*;
#[cfg(feature = "serde")]
pub use json::MAX_DEPTH;
pub use mapping::{MappedBy, Placed, Reading, Rule, RuleKind};
#[cfg(feature = "alloc")]
pub use open::{Open, Unknown};
pub use table::{AnyCode, Codes, FACTS, Facts, Lookup, MAX_CODE_LEN, Table, Values, lookup};
pub use words::MAX_TEXT;

// The modules of tables that have no hand-written part.
include!(concat!(env!("ERROR_TAXONOMY_GENERATED"), "/modules.rs"));

/// The README's example, run as a doctest so that it cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
