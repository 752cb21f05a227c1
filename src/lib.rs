//! The error vocabularies of a meeting-bot and interview platform, as zero-allocation enums.
//!
//! One source of truth: the YAML tables under `taxonomy/` are compiled by the repository's
//! generator (`cargo xtask codegen`) into committed code, one `#[non_exhaustive]`, one-byte,
//! `Copy` enum per table, whose `const fn` accessors carry the
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
//! # On the wire
//!
//! Around the enums, the crate does what clients and servers otherwise write by hand. A code
//! that a server adds tomorrow is kept ([`Open::Unknown`]), never a parse error; a field that
//! cannot be read costs only itself ([`Unreadable`]); bad input is a typed [`DecodeError`] that
//! says where.
//!
//! **Classify a Recall.ai error response**, then ask whether and when to retry. The code's class
//! decides, not the status: Recall.ai's 409 `cannot_command_completed_bot` never helps to retry.
//!
//! ```
//! use core::time::Duration;
//! use error_taxonomy::recall::{ErrorCode, classify};
//! use error_taxonomy::retry::{Decision, RetryAfter, RetryPolicy, StopReason};
//!
//! let limited = classify(429, RetryAfter::parse(Some("7"), 0), b"");
//! assert_eq!(limited.decide(1, &RetryPolicy::default(), 0), Decision::Retry(Duration::from_secs(7)));
//!
//! let done = classify(409, RetryAfter::Absent, br#"{"code": "cannot_command_completed_bot"}"#);
//! assert_eq!(done.code().and_then(|c| c.known()), Some(ErrorCode::CannotCommandCompletedBot));
//! assert_eq!(done.decide(1, &RetryPolicy::default(), 0), Decision::DoNotRetry(StopReason::NotRetryable));
//! ```
//!
//! **Retry a whole call** with [`retry::Retries`], which counts the attempts and draws the
//! jitter; with the `tower` or `backon` feature, [`tower::RecallRetry`] or [`backon::adjust`]
//! drive it for you.
//!
//! ```
//! use error_taxonomy::recall::classify;
//! use error_taxonomy::retry::{RetryAfter, RetryPolicy, Retries};
//!
//! let mut retries = Retries::new(RetryPolicy::default(), 42);
//! let unavailable = classify(503, RetryAfter::Absent, b"");
//! while let Some(delay) = retries.decide(&unavailable).delay() {
//!     // sleep(delay), then call again; here every call fails the same way.
//!     assert!(delay <= RetryPolicy::default().cap);
//! }
//! assert_eq!(retries.attempts(), RetryPolicy::default().max_attempts);
//! ```
//!
//! **Read webhooks**: Recall.ai's bot status changes (both shapes) say what a failure means for
//! a meetbot job; meetbot's `job.failed` (v1, v2, or a newer version) carries its failure code.
//!
//! ```
//! use error_taxonomy::Handling;
//! use error_taxonomy::meetbot::{FailureCode, JobFailed};
//! use error_taxonomy::recall::StatusWebhook;
//!
//! let body = br#"{"event": "bot.call_ended", "data": {"data": {"code": "call_ended",
//!     "sub_code": "bot_kicked_from_call"}, "bot": {"id": "b1", "metadata": {"any": [1e400]}}}}"#;
//! let webhook = StatusWebhook::from_json(body)?;
//! let advice = webhook.status.outcome().advice().copied().expect("a failure");
//! assert_eq!(advice.failure_code, FailureCode::RemovedFromMeeting);
//!
//! let job = JobFailed::from_json(br#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t",
//!     "attempt": 1, "version": 2, "data": {"jobId": "j", "status": "failed",
//!     "failure_code": "lobby_timeout", "failure_detail": "nobody let the bot in"}}"#)?;
//! assert_eq!(job.handling(), Handling::RetryLater);
//! # Ok::<(), error_taxonomy::DecodeError>(())
//! ```
//!
//! **Answer with problem details** (server side) and read them back (client side):
//!
//! ```
//! use error_taxonomy::hiring::{ErrorCode, ErrorResponse, Problem};
//!
//! let response = ErrorResponse::new(ErrorCode::ClockRejected).detail(format!("no slot before {}:00", 18));
//! assert_eq!(response.status(), 429);
//! let body = serde_json::to_vec(&response)?;
//! let problem = Problem::from_json(&body).expect("a problem");
//! assert_eq!(problem.code, ErrorCode::ClockRejected);
//! assert_eq!(problem.to_string(), "CLOCK_REJECTED (429): no slot before 18:00");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! # Features
//!
//! - `std` (default): `std` support in serde and serde_json, [`retry::now`] and
//!   [`retry::entropy`]; without it the crate is `no_std`.
//! - `alloc` (with `std` or `serde`): [`Open`] codes, whose unknown strings may need a copy, and
//!   the hiring API's error responses.
//! - `serde` (default): `Serialize`/`Deserialize` for every code and wire type, and the JSON
//!   decoders of error bodies and webhooks, without allocating for known codes.
//! - `schemars`: `JsonSchema` for every code and wire type, and [`schema::bundle`], the JSON
//!   Schema that SDKs in other languages are generated from.
//! - `http`: `http` types: a hiring error response as an `http::Response`, `Retry-After` from a
//!   `HeaderMap`, [`recall::classify_http`] and [`recall::check`], statuses as `StatusCode`.
//! - `axum`: a hiring error response as a handler's error, and the [`axum::Webhook`] extractor.
//! - `tower`: [`tower::RecallRetry`], a `tower::retry::Policy`.
//! - `backon`: [`backon::adjust`], each retry decided by code class and `Retry-After`.
//! - `proptest`: strategies for every code, open code and payload ([`proptest`]), and
//!   `Arbitrary` for every code.
//! - `arbitrary`: `arbitrary::Arbitrary` for every code and open code.
//!
//! # Tables
//!
//! Each table is one YAML file under `taxonomy/` and one enum:
//!
#![doc = include_str!("generated/tables.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The unit tests use `alloc` in every build, `no_std` ones included.
#[cfg(any(feature = "alloc", test))]
extern crate alloc;

mod bytes;
mod card;
mod code;
pub mod columns;
#[cfg(feature = "serde")]
mod decode;
mod facts;
pub mod hiring;
mod learned;
mod mapping;
pub mod meetbot;
#[cfg(feature = "alloc")]
mod open;
#[cfg(feature = "serde")]
pub mod payload;
pub mod recall;
pub mod retry;
mod rules;
#[cfg(feature = "schemars")]
pub mod schema;
mod stem;
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
pub(crate) use columns::{Column, Kind, Term, UnknownFacts, Value};
#[cfg(feature = "serde")]
pub use decode::{DecodeError, Unreadable};
pub(crate) use facts::impl_vocabulary_traits;
pub use facts::*;
pub use learned::MAX_FEATURE_WORD;
pub use mapping::{MappedBy, Placed, Reading, Rule, RuleKind};
#[cfg(feature = "alloc")]
pub use open::{Open, Unknown};
pub use rules::MAX_PARTS;
pub use table::{AnyCode, Codes, Facts, Lookup, MAX_CODE_LEN, Table, lookup};
pub use words::{MAX_HYPOTHETICAL, MAX_TEXT, MAX_WORD};

/// The crate's version, which every generated file for other languages carries.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

// What `cargo xtask codegen` writes from `taxonomy/`: the tables' enums, re-exported by the
// modules that own them, and the modules of tables that have no hand-written part. The
// generator formats them itself; `cargo fmt` leaves them as written.
#[rustfmt::skip]
mod generated;
#[allow(unused_imports)]
pub use generated::vendors::*;

/// The README's examples, run as doctests so that they cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
