//! proptest strategies (feature `proptest`): every code enum is `Arbitrary` (so `any::<SubCode>()`
//! is a strategy), [`Open`] codes are known or strings the table does not know, and each wire
//! payload has a strategy of the bodies a server may send, unknown codes and odd text included,
//! each of which the crate's decoder reads whole.
//!
//! ```
//! use error_taxonomy::meetbot::{FailureCode, JobFailed};
//! use proptest::prelude::*;
//!
//! proptest! {
//!     // In a test suite, each of these is a `#[test]`.
//!     fn my_receiver_takes_every_job_failed(body in error_taxonomy::proptest::job_failed()) {
//!         let event = JobFailed::from_json(&body).expect("decodes");
//!         prop_assert!(event.unreadable.is_empty());
//!     }
//!
//!     fn every_code_has_an_action(code in any::<FailureCode>()) {
//!         prop_assert!(!code.action().is_empty());
//!     }
//! }
//! my_receiver_takes_every_job_failed();
//! every_code_has_an_action();
//! ```

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

use ::proptest::prelude::*;
use serde_json::{Value, json};

use crate::hiring;
use crate::meetbot::{Delivery, Failure, FailureCode, JobFailed};
use crate::recall::{BotStatus, ErrorCode, SubCode};
use crate::{Code, Open};

/// Any code of the table `T` (the same as `any::<T>()`).
pub fn code<T: Code>() -> ::proptest::sample::Select<T> {
    ::proptest::sample::select(T::ALL)
}

/// Strings that no code of the table `T` is: code-like (`zoom_new_failure`, `NEW_CODE`) and
/// odd (empty, spaces, any text).
pub fn unknown<T: Code>() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z][a-z0-9_]{0,30}", "[A-Z][A-Z0-9_]{0,30}", "\\PC{0,24}",]
        .prop_filter("a code of the table", |s| {
            T::from_bytes(s.as_bytes()).is_none()
        })
}

/// An open code: known, or a string the table does not know (never an `Unknown` that is a code).
pub fn open<T: Code + core::fmt::Debug>() -> impl Strategy<Value = Open<'static, T>> {
    prop_oneof![
        3 => code::<T>().prop_map(Open::Known),
        1 => unknown::<T>().prop_map(|raw| Open::from_cow(Cow::Owned(raw))),
    ]
}

impl<T: Code + core::fmt::Debug> Arbitrary for Open<'static, T> {
    type Parameters = ();
    type Strategy = BoxedStrategy<Self>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        open::<T>().boxed()
    }
}

/// Free text as a payload may carry it: words, quotes, escapes, line breaks, any script, and
/// words at and past the longest word the crate's word scan reads
/// ([`MAX_WORD`](crate::MAX_WORD)) and the longest its learnt word weights read
/// ([`MAX_FEATURE_WORD`](crate::MAX_FEATURE_WORD)), followed by each apostrophe form.
pub fn text() -> impl Strategy<Value = String> {
    let lengths = prop_oneof![
        (crate::MAX_FEATURE_WORD - 1)..(crate::MAX_FEATURE_WORD + 2),
        (crate::MAX_WORD - 1)..(crate::MAX_WORD + 2),
    ];
    let long_word = (
        lengths,
        "[a-zA-Z0-9]",
        ::proptest::sample::select(
            &[
                "'",
                "\u{2019}",
                "\u{2018}",
                "\u{2bc}",
                "n't",
                "n\u{2019}t",
                "n\u{2018}t",
                "n\u{2bc}t",
                " ",
            ][..],
        ),
    )
        .prop_map(|(len, c, after)| c.repeat(len) + after + " denied");
    prop_oneof![
        4 => "[a-zA-Z0-9 .,'’\"\\\\/\n-]{0,60}",
        2 => "\\PC{0,40}",
        1 => long_word,
    ]
}

fn to_bytes(value: &Value) -> Vec<u8> {
    // Writing a `Value` to a `Vec` cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

/// A Recall.ai status change object: a status, and for a status that carries one a sub-code,
/// known or not.
pub fn status_change() -> impl Strategy<Value = Vec<u8>> {
    status_change_value().prop_map(|change| to_bytes(&change))
}

fn status_change_value() -> impl Strategy<Value = Value> {
    (open::<BotStatus>(), open::<SubCode>(), optional_text()).prop_map(|(code, sub, message)| {
        let mut change = json!({"code": code.as_str(), "created_at": "2026-11-28T10:00:00Z"});
        if code.known().is_none_or(BotStatus::has_sub_code) {
            change["sub_code"] = json!(sub.as_str());
        }
        if let Some(message) = message {
            change["message"] = json!(message);
        }
        change
    })
}

/// A Recall.ai bot status webhook, in its current shape (`bot.<status>`) or its legacy one
/// (`bot.status_change`).
pub fn status_webhook() -> impl Strategy<Value = Vec<u8>> {
    (status_change_value(), any::<bool>(), "[a-z0-9-]{1,36}").prop_map(|(change, legacy, id)| {
        let body = if legacy {
            json!({"event": "bot.status_change", "data": {"bot_id": id, "status": change}})
        } else {
            let event = alloc::format!("bot.{}", change["code"].as_str().unwrap_or_default());
            json!({"event": event, "data": {"data": change, "bot": {"id": id, "metadata": {"k": "v"}}}})
        };
        to_bytes(&body)
    })
}

/// A `job.failed` envelope, v1 or v2.
pub fn job_failed() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![job_failed_v1(), job_failed_v2()]
}

/// A v1 `job.failed` envelope: a free-text `failure_reason`.
pub fn job_failed_v1() -> impl Strategy<Value = Vec<u8>> {
    (1..10u32, text()).prop_map(|(attempt, reason)| {
        to_bytes(&json!({
            "deliveryId": "dlv_1", "event": "job.failed", "emittedAt": "2026-11-28T10:00:00Z",
            "attempt": attempt,
            "data": {"jobId": "job_1", "status": "failed", "failure_reason": reason},
        }))
    })
}

/// A v2 `job.failed` envelope as a server writes it ([`JobFailed::v2`]: billed by the billing
/// rule, with a manifest exactly when billed), or with a failure code this crate does not know.
pub fn job_failed_v2() -> impl Strategy<Value = Vec<u8>> {
    let known = (code::<FailureCode>(), 0..7200u64, 1..10u32, text()).prop_filter_map(
        "an envelope `JobFailed::v2` makes",
        |(code, recorded, attempt, detail)| {
            let delivery = Delivery {
                delivery_id: "dlv_1",
                emitted_at: "2026-11-28T10:00:00Z",
                attempt,
            };
            let failure = Failure {
                job_id: "job_1",
                code,
                detail: &detail,
                recorded: Duration::from_secs(recorded),
                manifest_uri: Some("s3://bucket/job_1/manifest.json"),
            };
            // `v2` fails only for attempt 0 or a billed failure without a manifest.
            JobFailed::v2(delivery, failure)
                .ok()
                .and_then(|event| serde_json::to_vec(&event).ok())
        },
    );
    let unknown = (unknown::<FailureCode>(), text()).prop_map(|(code, detail)| {
        to_bytes(&json!({
            "deliveryId": "dlv_1", "event": "job.failed", "emittedAt": "2026-11-28T10:00:00Z",
            "attempt": 1, "version": 2,
            "data": {"jobId": "job_1", "status": "failed", "failure_code": code,
                     "failure_detail": detail, "failure_reason": detail},
        }))
    });
    prop_oneof![4 => known, 1 => unknown]
}

/// A Recall.ai error response body: a JSON error object (code known or not, with a detail), the
/// firewall's HTML page, code-less text, or nothing.
pub fn error_body() -> impl Strategy<Value = Vec<u8>> {
    let object = (open::<ErrorCode>(), optional_text()).prop_map(|(code, detail)| {
        let mut body = json!({"code": code.as_str()});
        if let Some(detail) = detail {
            body["detail"] = json!(detail);
        }
        to_bytes(&body)
    });
    prop_oneof![
        4 => object,
        1 => Just(b"<HTML><BODY><H1>403 ERROR</H1>Request blocked.</BODY></HTML>".to_vec()),
        1 => "[A-Z][a-z ]{0,40}".prop_map(String::into_bytes),
        1 => Just(Vec::new()),
    ]
}

/// A hiring API error body: RFC 9457 problem details, or the plain `{"code", "message"}` form,
/// code known or not.
pub fn problem() -> impl Strategy<Value = Vec<u8>> {
    (open::<hiring::ErrorCode>(), optional_text(), any::<bool>()).prop_map(|(code, text, plain)| {
        let body = match (plain, code.known()) {
            (false, Some(known)) => {
                let response = hiring::ErrorResponse::new(known);
                let response = match text {
                    Some(text) => response.detail(text),
                    None => response,
                };
                serde_json::to_value(&response).unwrap_or_default()
            }
            _ => json!({"code": code.as_str(), "message": text}),
        };
        to_bytes(&body)
    })
}
