//! The error vocabularies of a meeting-bot and interview platform, as zero-allocation enums.
//!
//! One source of truth: the YAML tables under `taxonomy/` are compiled by `build.rs` into one
//! `#[non_exhaustive]`, one-byte, `Copy` enum per table, whose `const fn` accessors carry the
//! HTTP status, billing, retry class, recommended action and description of each code.
//!
//! | module | enum | codes |
//! |---|---|---|
//! | [`recall`] | [`HttpStatus`](recall::HttpStatus) | HTTP statuses of Recall.ai's API |
//! | [`recall`] | [`ErrorCode`](recall::ErrorCode) | the `code` of its error bodies |
//! | [`recall`] | [`ErrorCause`](recall::ErrorCause) | known `detail` texts of its error bodies |
//! | [`recall`] | [`BotStatus`](recall::BotStatus) | bot status codes, current and legacy |
//! | [`recall`] | [`SubCode`](recall::SubCode) | sub-codes, with their meetbot failure code |
//! | [`recall`] | [`BotLogCode`](recall::BotLogCode) | bot log codes |
//! | [`hiring`] | [`ErrorCode`](hiring::ErrorCode) | the hiring API's error codes |
//! | [`meetbot`] | [`FailureCode`](meetbot::FailureCode) | meetbot's job failure codes |
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
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;

mod code;
#[cfg(feature = "serde")]
mod decode;
mod facts;
pub mod hiring;
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

pub(crate) use code::impl_code_traits;
pub use code::{Code, UnknownCode};
#[cfg(feature = "serde")]
pub use decode::DecodeError;
pub use facts::{Billing, Handling, Platform, RetryClass};
#[cfg(feature = "alloc")]
pub use open::Open;
pub use table::{AnyCode, Codes, Lookup, MAX_CODE_LEN, Table, lookup};

/// The README's example, run as a doctest so that it cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
