//! The wire layer against the seeds' own examples and against hostile input: open code sets,
//! retry advice, billing, Recall.ai error bodies and webhooks, meetbot's `job.failed`, and the
//! hiring API's problem details.
#![cfg(feature = "serde")]

use std::borrow::Cow;
use std::time::Duration;

use error_taxonomy::meetbot::{
    Delivery, EncodeError, Failure, FailureCode, JobFailed, VERSION_HEADER, Version,
};
use error_taxonomy::recall::{
    self, BotStatus, ErrorBody, ErrorCause, ErrorCode, HttpStatus, Shape, StatusChange,
    StatusWebhook, SubCode, classify, failure_code_for,
};
use error_taxonomy::retry::{
    Decision, Delays, Jitter, RetryAfter, RetryAfterError, RetryPolicy, StopReason, advise,
    backoff, decide,
};
use error_taxonomy::{Billing, DecodeError, Open, RetryClass, hiring};

const JOB_FAILED_V2: &[u8] = include_bytes!("data/job_failed_v2.json");
const JOB_FAILED_V1: &[u8] = include_bytes!("data/job_failed_v1.json");
const RECALL_CURRENT: &[u8] = include_bytes!("data/recall_current.json");
const RECALL_LEGACY: &[u8] = include_bytes!("data/recall_legacy.json");
const RECALL_403: &[u8] = include_bytes!("data/recall_403.html");

const SECOND: Duration = Duration::from_secs(1);

fn exact() -> RetryPolicy {
    RetryPolicy {
        jitter: Jitter::None,
        ..RetryPolicy::default()
    }
}

// ---- open code sets ----

#[test]
fn open_codes_keep_unknown_strings_borrowed() {
    let unknown: Open<SubCode> =
        serde_json::from_str(r#""zoom_brand_new""#).expect("unknown decodes");
    assert!(matches!(&unknown, Open::Unknown(raw) if raw.is_borrowed() && raw == "zoom_brand_new"));
    assert_eq!(
        serde_json::to_string(&unknown).expect("serialize"),
        r#""zoom_brand_new""#
    );

    let escaped: Open<SubCode> = serde_json::from_str(r#""zoom\u005fbrand_new""#).expect("escaped");
    assert!(matches!(&escaped, Open::Unknown(raw) if raw == "zoom_brand_new"));
    assert!(matches!(&escaped, Open::Unknown(raw) if !raw.is_borrowed()));

    let known: Open<SubCode> = serde_json::from_str(r#""meeting_full""#).expect("known");
    assert_eq!(known, SubCode::MeetingFull);
    assert_eq!(known.to_string(), "meeting_full");
    assert_eq!(
        known.clone().into_owned(),
        Open::Known(SubCode::MeetingFull)
    );
    assert!(serde_json::from_str::<Open<SubCode>>("17").is_err());
}

// ---- Retry-After ----

#[test]
fn retry_after_values() {
    let now = 1_795_676_400; // Thu, 26 Nov 2026 07:00:00 GMT
    let parse = |value: &str| RetryAfter::parse(Some(value), now);
    assert_eq!(RetryAfter::parse(None, now), RetryAfter::Absent);
    assert_eq!(parse("120"), RetryAfter::After(Duration::from_secs(120)));
    assert_eq!(parse(" 7 "), RetryAfter::After(Duration::from_secs(7)));
    assert_eq!(parse("0"), RetryAfter::Absent);
    assert_eq!(parse("-1"), RetryAfter::Ignored(RetryAfterError::Negative));
    assert_eq!(
        parse("abc"),
        RetryAfter::Ignored(RetryAfterError::Malformed)
    );
    assert_eq!(
        parse("1.5"),
        RetryAfter::Ignored(RetryAfterError::Malformed)
    );
    assert_eq!(parse(""), RetryAfter::Ignored(RetryAfterError::Malformed));
    assert_eq!(
        parse("99999999999"),
        RetryAfter::After(Duration::from_secs(99_999_999_999))
    );
    assert_eq!(
        parse("9".repeat(40).as_str()),
        RetryAfter::After(Duration::from_secs(u64::MAX))
    );
    assert_eq!(
        parse("Thu, 26 Nov 2026 07:01:00 GMT"),
        RetryAfter::After(Duration::from_secs(60))
    );
    assert_eq!(
        parse("Thu, 26 Nov 2026 06:59:00 GMT"),
        RetryAfter::Ignored(RetryAfterError::PastDate)
    );
    assert_eq!(
        parse("Thu, 26 Nov 2026 07:00:00 GMT"),
        RetryAfter::Ignored(RetryAfterError::PastDate)
    );
    assert_eq!(
        parse("Thursday, 26-Nov-26 07:00:30 GMT"),
        RetryAfter::After(Duration::from_secs(30))
    );
    assert_eq!(
        parse("Thu Nov 26 07:00:10 2026"),
        RetryAfter::After(Duration::from_secs(10))
    );
}

/// Seed 000's 429: "Retry after the duration specified in the returned Retry-After header".
/// A wait longer than the caller accepts is never shortened: the caller is told to stop.
#[test]
fn a_retry_after_past_the_cap_stops_instead_of_coming_early() {
    let policy = exact();
    let hint = RetryAfter::parse(Some("99999999999"), 0);
    let decision = advise(HttpStatus::TooManyRequests, 1, hint, &policy, 0);
    assert_eq!(
        decision,
        Decision::DoNotRetry(StopReason::WaitTooLong(Duration::from_secs(99_999_999_999)))
    );
    let at_cap = RetryAfter::After(policy.cap);
    let decision = advise(HttpStatus::TooManyRequests, 1, at_cap, &policy, 0);
    assert_eq!(decision, Decision::Retry(policy.cap));
}

// ---- retry decisions: the seeds' rules ----

#[test]
fn recall_statuses_retry_as_the_seed_says() {
    let policy = exact();
    let first = |status: HttpStatus, hint| advise(status, 1, hint, &policy, 0);
    assert_eq!(
        first(HttpStatus::Conflict, RetryAfter::Absent),
        Decision::Retry(SECOND)
    );
    assert_eq!(
        advise(HttpStatus::Conflict, 3, RetryAfter::Absent, &policy, 0),
        Decision::Retry(4 * SECOND)
    );
    let seven = RetryAfter::After(7 * SECOND);
    assert_eq!(
        first(HttpStatus::TooManyRequests, seven),
        Decision::Retry(7 * SECOND)
    );
    for status in [
        HttpStatus::BadGateway,
        HttpStatus::ServiceUnavailable,
        HttpStatus::GatewayTimeout,
    ] {
        assert_eq!(first(status, RetryAfter::Absent), Decision::Retry(SECOND));
    }
    assert_eq!(
        first(HttpStatus::InsufficientStorage, RetryAfter::Absent),
        Decision::Retry(30 * SECOND)
    );
    assert_eq!(
        first(HttpStatus::InsufficientStorage, seven),
        Decision::Retry(7 * SECOND)
    );
    assert_eq!(
        first(
            HttpStatus::InsufficientStorage,
            RetryAfter::Ignored(RetryAfterError::PastDate)
        ),
        Decision::Retry(30 * SECOND)
    );
    assert_eq!(
        first(HttpStatus::PaymentRequired, RetryAfter::Absent),
        Decision::AfterUserAction(HttpStatus::PaymentRequired.action())
    );
    assert_eq!(
        first(HttpStatus::Unauthorized, seven),
        Decision::AfterUserAction(HttpStatus::Unauthorized.action())
    );
    assert_eq!(
        first(HttpStatus::Forbidden, seven),
        Decision::DoNotRetry(StopReason::NotRetryable)
    );
}

#[test]
fn meetbot_codes_retry_as_the_seed_says() {
    let policy = exact();
    let first = |code: FailureCode| advise(code, 1, RetryAfter::Absent, &policy, 0);
    // Seed 003's handler: `scheduleRetry(job, 60_000)`, once.
    assert_eq!(
        first(FailureCode::DispatchTimeout),
        Decision::Retry(60 * SECOND)
    );
    assert_eq!(
        advise(
            FailureCode::DispatchTimeout,
            2,
            RetryAfter::Absent,
            &policy,
            0
        ),
        Decision::DoNotRetry(StopReason::AttemptsExhausted)
    );
    assert_eq!(
        first(FailureCode::WaitingForHost),
        Decision::Retry(60 * SECOND)
    );
    assert_eq!(
        first(FailureCode::LobbyTimeout),
        Decision::Retry(60 * SECOND)
    );
    assert_eq!(first(FailureCode::InternalError), Decision::Retry(SECOND));
    assert_eq!(
        first(FailureCode::AuthFailure),
        Decision::AfterUserAction("Reconnect the OAuth integration.")
    );
    assert_eq!(
        first(FailureCode::QuotaExceeded),
        Decision::AfterUserAction("Add a card at /account/billing.")
    );
    assert_eq!(
        first(FailureCode::HostDeniedAdmission),
        Decision::DoNotRetry(StopReason::NotRetryable)
    );
}

#[test]
fn the_code_decides_not_the_status() {
    let policy = exact();
    let recall_409 = advise(HttpStatus::Conflict, 1, RetryAfter::Absent, &policy, 0);
    assert!(matches!(recall_409, Decision::Retry(_)));
    for code in hiring::ErrorCode::ALL
        .iter()
        .filter(|c| c.http_status() == 409)
    {
        let decision = advise(*code, 1, RetryAfter::After(SECOND), &policy, 0);
        assert_eq!(
            decision,
            Decision::DoNotRetry(StopReason::NotRetryable),
            "{code}"
        );
    }
    let clock = advise(
        hiring::ErrorCode::ClockRejected,
        1,
        RetryAfter::After(9 * SECOND),
        &policy,
        0,
    );
    assert_eq!(clock, Decision::Retry(9 * SECOND));
}

#[test]
fn attempts_past_the_maximum_do_not_retry() {
    let policy = RetryPolicy {
        max_attempts: 3,
        ..exact()
    };
    for class in [
        RetryClass::Backoff,
        RetryClass::Delay { secs: 5 },
        RetryClass::RetryAfter {
            fallback_secs: None,
        },
    ] {
        assert!(matches!(
            decide(class, "", 2, RetryAfter::Absent, &policy, 0),
            Decision::Retry(_)
        ));
        for attempt in [3, 4, u32::MAX] {
            assert_eq!(
                decide(class, "", attempt, RetryAfter::After(SECOND), &policy, 0),
                Decision::DoNotRetry(StopReason::AttemptsExhausted)
            );
        }
    }
}

#[test]
fn jitter_is_deterministic_and_bounded() {
    for jitter in [Jitter::Full, Jitter::Equal] {
        let policy = RetryPolicy {
            jitter,
            ..RetryPolicy::default()
        };
        for attempt in 1..10 {
            let full = backoff(&exact(), attempt, 0);
            for entropy in [0, 1, 42, u64::MAX] {
                let delay = backoff(&policy, attempt, entropy);
                assert_eq!(delay, backoff(&policy, attempt, entropy));
                assert!(delay <= full);
                if jitter == Jitter::Equal {
                    assert!(delay >= full / 2);
                }
            }
        }
    }
    assert_ne!(
        backoff(&RetryPolicy::default(), 5, 1),
        backoff(&RetryPolicy::default(), 5, 2)
    );
}

#[test]
fn delays_iterate_a_whole_sequence() {
    let policy = RetryPolicy {
        max_attempts: 12,
        ..exact()
    };
    let backoff: Vec<u64> = Delays::new(RetryClass::Backoff, policy, 0)
        .map(|d| d.as_secs())
        .collect();
    assert_eq!(backoff, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
    let once = RetryClass::Once { after_secs: None };
    assert_eq!(Delays::new(once, policy, 0).count(), 1);
    let after_a_minute = RetryClass::Once {
        after_secs: Some(60),
    };
    assert!(Delays::new(after_a_minute, policy, 0).eq([60 * SECOND]));
    assert_eq!(Delays::new(RetryClass::Never, policy, 0).count(), 0);
    assert_eq!(Delays::new(RetryClass::UserAction, policy, 0).count(), 0);
    let fixed: Vec<Duration> = Delays::new(RetryClass::Delay { secs: 60 }, exact(), 0).collect();
    assert_eq!(fixed, [60 * SECOND; 4]);
    let jittered = RetryPolicy::default();
    let a: Vec<Duration> = Delays::new(RetryClass::Backoff, jittered, 7).collect();
    let b: Vec<Duration> = Delays::new(RetryClass::Backoff, jittered, 7).collect();
    assert_eq!(a, b);
}

// ---- billing ----

#[test]
fn billing_rule() {
    for code in FailureCode::ALL {
        for secs in [0, 59, 60, 61, 3600] {
            let recorded = Duration::from_secs(secs);
            let billed = code.billing() == Billing::RecordedPortion && secs >= 60;
            assert_eq!(code.is_billed(recorded), billed, "{code} {secs}");
            assert_eq!(code.uploads_manifest(recorded), billed, "{code} {secs}");
        }
    }
    assert!(!FailureCode::RemovedFromMeeting.is_billed(Duration::from_millis(59_999)));
}

// ---- Recall.ai error bodies ----

#[test]
fn error_bodies_of_every_kind() {
    let coded = ErrorBody::parse(br#"{"code": "teams_blacklisted_tenant", "detail": "no bots"}"#);
    assert_eq!(
        coded.code(),
        Some(Open::Known(ErrorCode::TeamsBlacklistedTenant))
    );
    assert_eq!(coded.detail(), Some("no bots"));

    let not_enough = ErrorBody::parse(
        br#"{"code": "update_bot_failed", "detail": "Not enough time to launch new bot"}"#,
    );
    let dispatched = ErrorBody::parse(
        br#"{"code": "update_bot_failed", "detail": "Only non-dispatched bots can be updated"}"#,
    );
    assert_eq!(not_enough.code(), dispatched.code());
    assert_eq!(
        not_enough.cause(),
        Some(ErrorCause::NotEnoughTimeToLaunchNewBot)
    );
    assert_eq!(
        dispatched.cause(),
        Some(ErrorCause::OnlyNonDispatchedBotsCanBeUpdated)
    );

    let code_less = ErrorBody::parse(b"Cannot validate partial without join call task");
    assert_eq!(code_less.code(), None);
    assert_eq!(
        code_less.cause(),
        Some(ErrorCause::CannotValidatePartialWithoutJoinCallTask)
    );
    let code_less_json =
        ErrorBody::parse(br#"{"detail": "Cannot validate partial without join call task"}"#);
    assert_eq!(
        code_less_json.cause(),
        Some(ErrorCause::CannotValidatePartialWithoutJoinCallTask)
    );

    assert_eq!(ErrorBody::parse(RECALL_403), ErrorBody::BlockedPage);
    assert_eq!(
        ErrorBody::parse(RECALL_403).code(),
        Some(Open::Known(ErrorCode::RequestBlocked))
    );
    let waf_json = ErrorBody::parse(
        br#"{"code": "request_blocked", "detail": "Request was blocked due to security rules."}"#,
    );
    assert_eq!(
        waf_json.code(),
        Some(Open::Known(ErrorCode::RequestBlocked))
    );

    assert_eq!(ErrorBody::parse(b""), ErrorBody::Empty);
    assert_eq!(ErrorBody::parse(b" \r\n\t"), ErrorBody::Empty);
    assert_eq!(
        ErrorBody::parse(b"<html><body>Bad gateway</body></html>"),
        ErrorBody::Text("<html><body>Bad gateway</body></html>".into())
    );
    assert_eq!(
        ErrorBody::parse(b"[1, 2]"),
        ErrorBody::Raw(Cow::Borrowed(b"[1, 2]"))
    );
    assert_eq!(
        ErrorBody::parse(b"\xff\xfe{"),
        ErrorBody::Raw(Cow::Borrowed(b"\xff\xfe{"))
    );
    let odd_code = ErrorBody::parse(br#"{"code": 5, "detail": "d"}"#);
    assert_eq!(odd_code.code(), None);
    assert_eq!(odd_code.detail(), Some("d"));
    assert!(odd_code.unreadable().is_some_and(|u| u.contains("code")));
    // Not JSON: text, whatever it starts with.
    assert_eq!(
        ErrorBody::parse(br#"{"code": "x""#),
        ErrorBody::Text(Cow::Borrowed(r#"{"code": "x""#))
    );
}

#[test]
fn error_body_keeps_unknown_codes_and_escaped_details() {
    let body = ErrorBody::parse(br#"{"code": "bot_on_fire", "detail": "line one\nline \"two\""}"#);
    assert_eq!(body.code(), Some(Open::new("bot_on_fire")));
    assert_eq!(body.detail(), Some("line one\nline \"two\""));
    assert_eq!(body.cause(), None);
}

#[test]
fn garbage_bodies_never_panic() {
    let mut garbage = Vec::with_capacity(4096);
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    while garbage.len() < 4096 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        garbage.extend_from_slice(&state.to_le_bytes());
    }
    let error = classify(400, RetryAfter::Absent, &garbage);
    assert_eq!(error.code(), None);
    assert_eq!(error.retry_class(), RetryClass::Never);
    // JSON that is not an object is kept as it came, however deep; unclosed, it is no JSON.
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(
        ErrorBody::parse(nested.as_bytes()),
        ErrorBody::Raw(Cow::Borrowed(nested.as_bytes()))
    );
    let unclosed = "[".repeat(10_000);
    assert!(matches!(
        ErrorBody::parse(unclosed.as_bytes()),
        ErrorBody::Text(_)
    ));
    // An object whose `code` nests 5,000 deep: read past on the heap, its code unreadable.
    let deep_object = format!("{}1{}", r#"{"code":"#.repeat(5000), "}".repeat(5000));
    let body = ErrorBody::parse(deep_object.as_bytes());
    assert_eq!(body.code(), None);
    assert!(body.unreadable().is_some_and(|u| u.contains("code")));
}

#[test]
fn classify_decides_by_code_then_status() {
    let policy = exact();
    let update = classify(
        400,
        RetryAfter::Absent,
        br#"{"code": "update_bot_failed", "detail": "Not enough time to launch new bot"}"#,
    );
    assert_eq!(update.http_status(), Some(HttpStatus::BadRequest));
    assert_eq!(
        update.decide(1, &policy, 0),
        Decision::DoNotRetry(StopReason::NotRetryable)
    );
    assert_eq!(update.action(), ErrorCode::UpdateBotFailed.action());

    let limited = classify(
        429,
        RetryAfter::parse(Some("12"), 0),
        br#"{"detail": "slow down"}"#,
    );
    assert_eq!(limited.decide(1, &policy, 0), Decision::Retry(12 * SECOND));
    let limited_no_header = classify(429, RetryAfter::Absent, b"");
    assert_eq!(
        limited_no_header.decide(2, &policy, 0),
        Decision::Retry(2 * SECOND)
    );

    let empty_pool = classify(507, RetryAfter::Absent, b"");
    assert_eq!(
        empty_pool.decide(1, &policy, 0),
        Decision::Retry(30 * SECOND)
    );

    let blocked = classify(403, RetryAfter::Absent, RECALL_403);
    assert_eq!(blocked.code(), Some(Open::Known(ErrorCode::RequestBlocked)));
    assert_eq!(
        blocked.decide(1, &policy, 0),
        Decision::DoNotRetry(StopReason::NotRetryable)
    );

    let unknown_5xx = classify(599, RetryAfter::Absent, b"oops");
    assert_eq!(unknown_5xx.http_status(), None);
    assert_eq!(unknown_5xx.retry_class(), RetryClass::Backoff);
    let unknown_4xx = classify(418, RetryAfter::Absent, b"");
    assert_eq!(unknown_4xx.retry_class(), RetryClass::Never);
    let top_up = classify(402, RetryAfter::Absent, b"");
    assert_eq!(
        top_up.decide(1, &policy, 0),
        Decision::AfterUserAction(HttpStatus::PaymentRequired.action())
    );
}

// ---- Recall.ai webhooks ----

#[test]
fn current_webhook_decodes() {
    let webhook = StatusWebhook::from_json(RECALL_CURRENT).expect("current shape");
    assert_eq!(webhook.shape, Shape::Current);
    assert_eq!(webhook.event, "bot.fatal");
    assert_eq!(webhook.bot_id, "8d1f3c0e-5b52-4a8e-9f0e-3c1a2b4d5e6f");
    assert_eq!(webhook.status.code, BotStatus::Fatal);
    assert_eq!(
        webhook.status.sub_code,
        Some(Open::Known(SubCode::GoogleMeetSignInFailed))
    );
    assert_eq!(webhook.status.at(), Some("2026-05-09T14:00:03.412Z"));
    assert_eq!(
        webhook.status.failure_code(),
        Some(FailureCode::AuthFailure)
    );
    assert_eq!(
        webhook.status.platform(),
        error_taxonomy::Platform::GoogleMeet
    );
}

#[test]
fn legacy_webhook_decodes() {
    let webhook = StatusWebhook::from_json(RECALL_LEGACY).expect("legacy shape");
    assert_eq!(webhook.shape, Shape::Legacy);
    assert_eq!(webhook.bot_id, "6a1f3c0e-5b52-4a8e-9f0e-3c1a2b4d5e6f");
    assert_eq!(webhook.status.code, BotStatus::CallEnded);
    assert_eq!(
        webhook.status.sub_code,
        Some(Open::Known(SubCode::BotKickedFromCall))
    );
    assert_eq!(
        webhook.status.message.as_deref(),
        Some("The bot was removed from the call by the host.")
    );
    assert_eq!(webhook.status.at(), Some("2024-02-17T16:52:10.118223Z"));
    assert_eq!(
        webhook.status.failure_code(),
        Some(FailureCode::RemovedFromMeeting)
    );
}

#[test]
fn retrieve_bot_status_changes_decode() {
    // Seed 002's Retrieve Bot example.
    let body = br#"[
      {"code": "joining_call", "message": null, "created_at": "2024-02-17T16:44:00.505440Z", "sub_code": null},
      {"code": "in_waiting_room", "message": null, "created_at": "2024-02-17T16:44:17.692342Z", "sub_code": null},
      {"code": "in_call_not_recording", "message": null, "created_at": "2024-02-17T16:44:23.288984Z", "sub_code": null},
      {"code": "in_call_recording", "message": null, "created_at": "2024-02-17T16:44:23.295099Z", "sub_code": null}
    ]"#;
    let changes: Vec<StatusChange> = serde_json::from_slice(body).expect("status_changes");
    let codes: Vec<&str> = changes.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "joining_call",
            "in_waiting_room",
            "in_call_not_recording",
            "in_call_recording"
        ]
    );
    assert!(
        changes
            .iter()
            .all(|c| c.sub_code.is_none() && c.message.is_none() && c.failure_code().is_none())
    );
    assert!(matches!(changes[0].created_at, Some(Cow::Borrowed(_))));
}

#[test]
fn unknown_codes_in_every_webhook_position() {
    let body = br#"{"event": "bot.breakout_room_entered", "data": {"data": {"code": "breakout_room_entered",
        "sub_code": "teams_new_reason", "updated_at": "2026-01-01T00:00:00Z"}, "bot": {"id": "b"}}}"#;
    let webhook = StatusWebhook::from_json(body).expect("unknown status");
    assert_eq!(webhook.status.code, Open::new("breakout_room_entered"));
    assert_eq!(
        webhook.status.sub_code.as_ref().map(Open::as_str),
        Some("teams_new_reason")
    );
    assert_eq!(webhook.status.failure_code(), None);

    let body = br#"{"event": "bot.fatal", "data": {"data": {"code": "fatal", "sub_code": "zoom_meeting_on_the_moon"},
        "bot": {"id": "b"}}}"#;
    let webhook = StatusWebhook::from_json(body).expect("unknown sub-code");
    assert_eq!(
        webhook.status.failure_code(),
        Some(FailureCode::InternalError)
    );
    assert_eq!(webhook.status.platform(), error_taxonomy::Platform::Zoom);

    let body =
        br#"{"event": "bot.status_change", "data": {"bot_id": "b", "status": {"code": "call_ended",
        "sub_code": "call_ended_by_asteroid", "message": "\u00e9t\u00e9", "created_at": "x"}}}"#;
    let webhook = StatusWebhook::from_json(body).expect("legacy unknown sub-code");
    // An unknown `call_ended` is a disconnect after joining, whose recorded portion is billed.
    assert_eq!(
        webhook.status.failure_code(),
        Some(FailureCode::RemovedFromMeeting)
    );
    assert_eq!(webhook.status.message.as_deref(), Some("été"));
}

#[test]
fn malformed_webhooks_are_typed_errors() {
    let cases: [(&[u8], &str); 12] = [
        (
            b"",
            "not JSON: EOF while parsing a value at line 1 column 1",
        ),
        (b"\xff", "not JSON: expected value at line 1 column 1"),
        (b"<html>", "not JSON: expected value at line 1 column 1"),
        (
            br#"{"event": "bot.done", "data": {"data": {"code": 5}, "bot": {"id": "b"}}}"#,
            "data.data.code is 5, expected a status code (a string)",
        ),
        (
            br#"{"event": "bot.done", "data": {"data": {"code": "done"}}}"#,
            "data.bot is missing",
        ),
        (
            br#"{"event": "bot.done", "data": {"bot": {"id": "b"}}}"#,
            "data.data is missing",
        ),
        (
            br#"{"event": "bot.status_change", "data": {"bot_id": "b"}}"#,
            "without data.status",
        ),
        (
            br#"{"event": "bot.status_change", "data": {"status": {"code": "done"}}}"#,
            "data.bot_id is missing",
        ),
        (
            br#"{"event": "job.failed", "data": {}}"#,
            "event is \"job.failed\"",
        ),
        (br#"{"data": {}}"#, "event is missing"),
        (
            br#"{"event": "bot.done", "event": "bot.done", "data": {}}"#,
            "event comes twice",
        ),
        (
            br#"{"event": "bot.done", "data": {"data": {"code": "done""#,
            "not JSON: EOF while parsing an object at line 1 column 54",
        ),
    ];
    for (body, expected) in cases {
        let error = StatusWebhook::from_json(body).expect_err(expected);
        assert!(
            error.to_string().contains(expected),
            "{error} lacks {expected:?}"
        );
    }
    let error = StatusWebhook::from_json(
        br#"{"event": "bot.done", "data": {"data": {"code": 5}, "bot": {"id": "b"}}}"#,
    )
    .expect_err("wrong type");
    assert!(matches!(
        error,
        DecodeError::Value {
            field: "data.data.code",
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        "data.data.code is 5, expected a status code (a string)"
    );
}

#[test]
fn every_failure_maps_to_a_failure_code_and_nothing_else_does() {
    for sub_code in SubCode::ALL {
        let mapped = failure_code_for(Some(sub_code.category()), Some(sub_code.as_str()));
        let failure = sub_code
            .category()
            .is_terminal()
            .then_some(sub_code.failure_code());
        assert_eq!(mapped, failure, "{sub_code}");
    }
    for status in BotStatus::ALL {
        let failure = status.is_terminal() && status.has_sub_code();
        let without = failure_code_for(Some(status), None);
        assert_eq!(without.is_some(), failure, "{status}");
        let unknown = failure_code_for(Some(status), Some("something_new"));
        assert_eq!(unknown.is_some(), failure, "{status}");
    }
    assert_eq!(failure_code_for(None, Some("meeting_full")), None);
    let by_words = |sub: &str| failure_code_for(Some(BotStatus::Fatal), Some(sub));
    assert_eq!(by_words("webex_login_wall"), Some(FailureCode::AuthFailure));
    assert_eq!(
        by_words("microsoft_teams_bot_removed"),
        Some(FailureCode::RemovedFromMeeting)
    );
    assert_eq!(
        by_words("google_meet_link_expired_again"),
        Some(FailureCode::MeetingNotFound)
    );
    assert_eq!(
        by_words("zoom_stuck_in_waiting_room"),
        Some(FailureCode::LobbyTimeout)
    );
    assert_eq!(
        by_words("zoom_tokenizer_crash"),
        Some(FailureCode::InternalError)
    );
}

// ---- meetbot job.failed ----

#[test]
fn the_seed_webhook_decodes_field_for_field() {
    let event = JobFailed::from_json(JOB_FAILED_V2).expect("seed 003 webhook");
    assert_eq!(event.delivery_id, "dlv_01HXZ…");
    assert_eq!(event.emitted_at, "2026-05-09T14:00:00.000Z");
    assert_eq!(event.attempt, 1);
    assert_eq!(event.version, Version::V2);
    assert_eq!(event.data.job_id, "job_01HXY…");
    assert_eq!(event.data.status, "failed");
    assert_eq!(
        event.data.failure_code,
        Some(Open::Known(FailureCode::HostDeniedAdmission))
    );
    let detail = "host clicked 'Deny' after 47s in waiting room";
    assert_eq!(event.data.failure_detail.as_deref(), Some(detail));
    assert_eq!(event.data.failure_reason.as_deref(), Some(detail));
    assert_eq!(event.data.billed, None);
    assert_eq!(event.data.manifest_uri, None);
    assert_eq!(event.detail(), Some(detail));
    assert!(matches!(event.data.failure_detail, Some(Cow::Borrowed(_))));
}

#[test]
fn a_v1_webhook_maps_its_reason() {
    let event = JobFailed::from_json(JOB_FAILED_V1).expect("v1");
    assert_eq!(event.version, Version::V1);
    assert_eq!(event.data.failure_code, None);
    assert_eq!(
        event.failure_code(),
        Some(Open::Known(FailureCode::RemovedFromMeeting))
    );
    assert_eq!(event.headers().nth(1), Some((VERSION_HEADER, "1")));
}

#[test]
fn an_unknown_failure_code_is_kept() {
    let body = br#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 3, "version": 2,
        "data": {"jobId": "j", "status": "failed", "failure_code": "bot_abducted", "failure_detail": "gone"}}"#;
    let event = JobFailed::from_json(body).expect("unknown code decodes");
    assert_eq!(event.failure_code(), Some(Open::new("bot_abducted")));
    let round_trip = serde_json::to_string(&event).expect("serialize");
    assert!(
        round_trip.contains(r#""failure_code":"bot_abducted""#),
        "{round_trip}"
    );
    // The cautious group the YAML gives a code nobody knows yet.
    assert_eq!(event.handling(), FailureCode::UNKNOWN_HANDLING);
    assert_eq!(event.retry(), FailureCode::UNKNOWN_RETRY);
    assert_eq!(event.mapped_by(), error_taxonomy::MappedBy::Unmapped);
    let known = JobFailed::from_json(JOB_FAILED_V2).expect("seed");
    let code = known.failure_code().and_then(|c| c.known()).expect("known");
    assert_eq!(
        (known.handling(), known.retry()),
        (code.handling(), code.retry())
    );
}

#[test]
fn an_unknown_envelope_version_is_read_like_the_newest() {
    let body = br#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, "version": 3,
        "data": {"jobId": "j", "status": "failed", "failure_code": "lobby_timeout", "failure_detail": "waited",
        "new_field": {"x": [1]}}}"#;
    let event = JobFailed::from_json(body).expect("version 3 decodes");
    assert_eq!(event.version, Version::Unknown(3));
    assert_eq!(event.version.number(), 3);
    assert!(!event.version.is_known());
    assert_eq!(
        event.failure_code(),
        Some(Open::Known(FailureCode::LobbyTimeout))
    );
    assert_eq!(event.detail(), Some("waited"));
    assert_eq!(
        event.headers().count(),
        1,
        "no version header for a version this crate cannot write"
    );
    let round_trip: serde_json::Value = serde_json::to_value(&event).expect("serialize");
    assert_eq!(round_trip["version"], 3, "the version is given back");
}

#[test]
fn escaped_free_text_decodes() {
    let body = br#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, "version": 2,
        "data": {"jobId": "j", "status": "failed", "failure_code": "network_loss",
        "failure_detail": "lost \"wifi\"\n\ud83d\udce1 after 3m", "billed": true, "manifestUri": "s3://b/m.json"}}"#;
    let event = JobFailed::from_json(body).expect("escaped text");
    assert_eq!(event.detail(), Some("lost \"wifi\"\n📡 after 3m"));
    assert_eq!(event.data.billed, Some(true));
    assert_eq!(event.data.manifest_uri.as_deref(), Some("s3://b/m.json"));
}

#[test]
fn malformed_job_failed_bodies_are_typed_errors() {
    let v2 = |data: &str, version: &str| {
        format!(
            r#"{{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, {version} "data": {data}}}"#
        )
    };
    // What a version requires but lacks is named unreadable, not refused: the answer is that
    // nothing says.
    for (version, missing) in [
        (
            r#""version": 2,"#,
            ["data.failure_code", "data.failure_detail"].as_slice(),
        ),
        (
            r#""version": 3,"#,
            &["data.failure_code", "data.failure_detail"],
        ),
        ("", &["data.failure_reason"]),
    ] {
        let body = v2(r#"{"jobId": "j", "status": "failed"}"#, version);
        let read = JobFailed::from_json(body.as_bytes()).expect("the rest is read");
        assert!(read.unreadable.iter().eq(missing.iter().copied()), "{body}");
        assert_eq!(read.failure_code(), None);
        assert_eq!(read.retry(), FailureCode::UNKNOWN_RETRY);
        assert_eq!(read.billed(), error_taxonomy::meetbot::Billed::Unknown);
    }
    let cases = [
        (
            v2(
                r#"{"jobId": "j", "status": "failed", "failure_reason": "x"}"#,
                r#""version": "2","#,
            ),
            "version is \"2\", expected a whole number",
        ),
        (
            v2(
                r#"{"jobId": 7, "status": "failed", "failure_reason": "x"}"#,
                "",
            ),
            "data.jobId is 7, expected a string",
        ),
        (
            v2(
                r#"{"jobId": "j", "status": "failed", "failure_reason": "x"}"#,
                r#""version": 2.5,"#,
            ),
            "version is 2.5, expected a whole number",
        ),
        (
            v2(
                r#"{"jobId": "j", "status": "failed", "failure_reason": "x"}"#,
                "",
            )
            .replace(r#""attempt": 1"#, r#""attempt": -1"#),
            "attempt is -1, expected a whole number up to 2^32 - 1",
        ),
        (
            v2(
                r#"{"jobId": "j", "status": "failed", "failure_reason": "x"}"#,
                "",
            )
            .replace(r#""attempt": 1"#, r#""attempt": 0"#),
            "not a job.failed v1 envelope: attempt counts from 1",
        ),
        (
            "{}".to_owned(),
            "not a job.failed envelope: event is missing",
        ),
        ("null".to_owned(), "body is null, expected an object"),
    ];
    for (body, expected) in cases {
        let error = JobFailed::from_json(body.as_bytes()).expect_err(expected);
        assert!(
            error.to_string().contains(expected),
            "{error} lacks {expected:?}"
        );
    }
    let wrong_event =
        br#"{"deliveryId": "d", "event": "job.finalized", "emittedAt": "t", "attempt": 1,
        "data": {"jobId": "j", "status": "done", "failure_reason": "x"}}"#;
    let error = JobFailed::from_json(wrong_event).expect_err("wrong event");
    assert_eq!(
        error.to_string(),
        r#"event is "job.finalized", expected "job.failed""#
    );
    // A failure code of the wrong type costs only itself.
    let odd_code = v2(
        r#"{"jobId": "j", "status": "failed", "failure_code": ["x"], "failure_detail": "d"}"#,
        r#""version": 2,"#,
    );
    let event = JobFailed::from_json(odd_code.as_bytes()).expect("the rest is readable");
    assert_eq!(event.data.failure_code, None);
    assert_eq!(event.detail(), Some("d"));
    assert!(event.unreadable.contains("data.failure_code"));
}

#[test]
fn encoding_v2_follows_the_seed() {
    let delivery = Delivery {
        delivery_id: "dlv_1",
        emitted_at: "2026-05-09T14:00:00.000Z",
        attempt: 1,
    };
    let failure = Failure {
        job_id: "job_1",
        code: FailureCode::HostDeniedAdmission,
        detail: "host clicked 'Deny' after 47s in waiting room",
        recorded: Duration::ZERO,
        manifest_uri: Some("s3://ignored"),
    };
    let event = JobFailed::v2(delivery, failure).expect("not billed");
    assert_eq!(
        event.headers().collect::<Vec<_>>(),
        [
            ("content-type", "application/json"),
            ("x-meetbot-webhook-version", "2")
        ]
    );
    let json: serde_json::Value = serde_json::to_value(&event).expect("serialize");
    let seed: serde_json::Value = serde_json::from_slice(JOB_FAILED_V2).expect("seed");
    assert_eq!(json["version"], 2);
    assert_eq!(json["event"], "job.failed");
    assert_eq!(json["data"]["failure_code"], seed["data"]["failure_code"]);
    assert_eq!(
        json["data"]["failure_detail"],
        seed["data"]["failure_detail"]
    );
    assert_eq!(
        json["data"]["failure_reason"],
        seed["data"]["failure_detail"]
    );
    assert_eq!(json["data"]["billed"], false);
    assert!(json["data"].get("manifestUri").is_none());

    let partial = Failure {
        code: FailureCode::NetworkLoss,
        recorded: Duration::from_secs(600),
        manifest_uri: Some("s3://bucket/job_1/manifest.json"),
        ..failure
    };
    let event = JobFailed::v2(delivery, partial).expect("billed");
    assert_eq!(event.data.billed, Some(true));
    assert_eq!(
        event.data.manifest_uri.as_deref(),
        Some("s3://bucket/job_1/manifest.json")
    );
    let bytes = serde_json::to_vec(&event).expect("serialize");
    assert_eq!(JobFailed::from_json(&bytes).expect("round trip"), event);

    let short = Failure {
        recorded: Duration::from_secs(59),
        ..partial
    };
    assert_eq!(
        JobFailed::v2(delivery, short)
            .expect("too short to bill")
            .data
            .manifest_uri,
        None
    );
    let missing = Failure {
        manifest_uri: None,
        ..partial
    };
    assert_eq!(
        JobFailed::v2(delivery, missing),
        Err(EncodeError::ManifestRequired(FailureCode::NetworkLoss))
    );
}

#[test]
fn legacy_reasons_map_to_codes() {
    let cases = [
        (
            "host clicked 'Deny' after 47s in waiting room",
            Some(FailureCode::HostDeniedAdmission),
        ),
        (
            "Waiting for host timed out after 10 minutes",
            Some(FailureCode::WaitingForHost),
        ),
        (
            "Meeting not found: check the Meet code",
            Some(FailureCode::MeetingNotFound),
        ),
        (
            "Bot was kicked from the call",
            Some(FailureCode::RemovedFromMeeting),
        ),
        ("The meeting has ended", Some(FailureCode::MeetingEnded)),
        (
            "INTERNAL ERROR: worker crashed",
            Some(FailureCode::InternalError),
        ),
        (
            "container failed to start within 60s",
            Some(FailureCode::DispatchTimeout),
        ),
        (
            "Network connection lost mid-call",
            Some(FailureCode::NetworkLoss),
        ),
        (
            "Zoom recording permission denied by host",
            Some(FailureCode::RecordingDisabled),
        ),
        (
            "waited in the lobby for 15 minutes",
            Some(FailureCode::LobbyTimeout),
        ),
        ("Zoom OAuth token revoked", Some(FailureCode::AuthFailure)),
        ("account is out of credit", Some(FailureCode::QuotaExceeded)),
        ("everything is fine", None),
        ("", None),
        ("the author left", None),
    ];
    for (reason, expected) in cases {
        assert_eq!(
            FailureCode::from_legacy_reason(reason),
            expected,
            "{reason:?}"
        );
    }
}

// ---- hiring API problem details ----

#[test]
fn every_hiring_code_gets_its_status_headers_and_body() {
    for code in hiring::ErrorCode::ALL {
        let response = hiring::ErrorResponse::new(code)
            .detail("d")
            .instance("/calls/1");
        assert_eq!(response.status(), code.http_status());
        let headers: Vec<(&str, String)> = response
            .headers()
            .map(|(name, value)| (name, value.to_string()))
            .collect();
        assert_eq!(
            headers[0],
            ("content-type", hiring::CONTENT_TYPE.to_owned())
        );
        // No value given, none sent: the crate invents no `Retry-After`.
        assert_eq!(headers.len(), 1, "{code}");
        let body = serde_json::to_vec(&response.problem()).expect("serialize");
        let value: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(
            value["type"],
            format!("{}{}", hiring::TYPE_PREFIX, code.as_str())
        );
        assert_eq!(value["title"], code.title());
        assert_eq!(value["status"], code.http_status());
        assert_eq!(value["detail"], "d");
        assert_eq!(value["instance"], "/calls/1");
        assert_eq!(value["code"], code.as_str());
        let problem = hiring::Problem::from_json(&body).expect("read back");
        assert_eq!(problem.code, code);
        assert_eq!(problem.http_status(), Some(code.http_status()));
    }
    // No invented value: a code that sends `Retry-After` sends the value given, and none
    // without one.
    let number = hiring::ErrorResponse::new(hiring::ErrorCode::NumberAtCap);
    assert_eq!(number.retry_after_secs(), None);
    assert_eq!(number.headers().count(), 1, "content-type only");
    let number = number.retry_after(5).expect("NUMBER_AT_CAP sends it");
    assert_eq!(number.retry_after_secs(), Some(5));
    // A code that does not send it refuses the value, typed, instead of dropping it.
    for code in hiring::ErrorCode::ALL {
        let set = hiring::ErrorResponse::new(code).retry_after(5);
        match set {
            Ok(response) => {
                assert!(code.sends_retry_after(), "{code}");
                assert_eq!(response.retry_after_secs(), Some(5));
            }
            Err(refused) => {
                assert!(!code.sends_retry_after(), "{code}");
                assert_eq!(refused.code, code);
                assert_eq!(
                    refused.to_string(),
                    format!("{code} does not send Retry-After")
                );
            }
        }
    }
}

#[test]
fn hiring_bodies_in_both_forms() {
    let plain = hiring::Problem::from_json(
        br#"{"code": "DUPLICATE_CANDIDATE", "message": "a@b.c exists"}"#,
    )
    .expect("plain form");
    assert_eq!(plain.code, hiring::ErrorCode::DuplicateCandidate);
    assert_eq!(plain.message.as_deref(), Some("a@b.c exists"));
    assert_eq!(plain.text(), Some("a@b.c exists"));
    assert_eq!(plain.status, None);
    assert_eq!(plain.http_status(), Some(409));

    let unknown = hiring::Problem::from_json(br#"{"code": "CALENDAR_ON_FIRE", "status": 503}"#)
        .expect("unknown");
    assert_eq!(unknown.code.as_str(), "CALENDAR_ON_FIRE");
    assert_eq!(unknown.http_status(), Some(503));

    for (body, expected) in [
        (
            &br#"{"message": "no code"}"#[..],
            "not a hiring API error body: code is missing",
        ),
        (br#"{"code": 409}"#, "code is 409, expected a string"),
        (
            br#"{"code": "X", "status": "409"}"#,
            "status is \"409\", expected an HTTP status (a whole number from 100 to 599)",
        ),
        (b"<html>", "not JSON: expected value at line 1 column 1"),
    ] {
        let error = hiring::Problem::from_json(body).expect_err(expected);
        assert!(
            error.to_string().contains(expected),
            "{error} lacks {expected:?}"
        );
    }
}

#[test]
fn recall_codes_have_sub_code_platforms() {
    assert_eq!(
        SubCode::platform_of("zoom_unheard_of"),
        error_taxonomy::Platform::Zoom
    );
    assert_eq!(
        SubCode::platform_of("bot_kicked"),
        error_taxonomy::Platform::All
    );
    assert_eq!(recall::ErrorCause::find("nothing known"), None);
}

#[test]
fn detail_wins_over_message_and_both_are_read() {
    let body = ErrorBody::parse(br#"{"code": "update_bot_failed", "message": "m", "detail": "Only non-dispatched bots can be updated"}"#);
    assert_eq!(body.code(), Some(Open::Known(ErrorCode::UpdateBotFailed)));
    assert_eq!(
        body.cause(),
        Some(ErrorCause::OnlyNonDispatchedBotsCanBeUpdated)
    );
    let message_only = ErrorBody::parse(
        br#"{"code": "update_bot_failed", "message": "Not enough time to launch new bot"}"#,
    );
    assert_eq!(
        message_only.cause(),
        Some(ErrorCause::NotEnoughTimeToLaunchNewBot)
    );
    let both =
        hiring::Problem::from_json(br#"{"code": "NOT_FOUND", "detail": "d", "message": "m"}"#)
            .expect("both");
    assert_eq!(both.text(), Some("d"));
}

#[test]
fn only_the_whole_firewall_page_is_a_block() {
    assert_eq!(ErrorBody::parse(RECALL_403), ErrorBody::BlockedPage);
    let gateway = b"<html><body>502 Bad Gateway. Request blocked upstream?</body></html>";
    assert!(matches!(ErrorBody::parse(gateway), ErrorBody::Text(_)));
    assert_eq!(
        classify(502, RetryAfter::Absent, gateway).retry_class(),
        RetryClass::Backoff
    );
}

#[test]
fn text_and_json_values_are_told_apart_from_the_bytes() {
    for text in [
        &b"Cannot validate partial without join call task"[..],
        b"too many requests",
        b"nullable",
    ] {
        assert!(
            matches!(ErrorBody::parse(text), ErrorBody::Text(_)),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }
    for json in [
        &b"[1]"[..],
        b"\"x\"",
        b"-1",
        b"42",
        b"true",
        b"false",
        b"null",
    ] {
        assert_eq!(
            ErrorBody::parse(json),
            ErrorBody::Raw(Cow::Borrowed(json)),
            "{:?}",
            String::from_utf8_lossy(json)
        );
    }
}

#[test]
fn a_v2_envelope_names_a_missing_detail_and_attempts_count_from_1() {
    let without_detail = br#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, "version": 2,
        "data": {"jobId": "j", "status": "failed", "failure_code": "network_loss"}}"#;
    let read = JobFailed::from_json(without_detail).expect("the code is read");
    assert_eq!(
        read.failure_code().and_then(|c| c.known()),
        Some(FailureCode::NetworkLoss)
    );
    assert!(read.unreadable.iter().eq(["data.failure_detail"]));
    let attempt_zero =
        br#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 0,
        "data": {"jobId": "j", "status": "failed", "failure_reason": "x"}}"#;
    let error = JobFailed::from_json(attempt_zero).expect_err("attempt 0");
    assert_eq!(
        error.to_string(),
        "not a job.failed v1 envelope: attempt counts from 1"
    );
    let delivery = Delivery {
        delivery_id: "d",
        emitted_at: "t",
        attempt: 0,
    };
    let failure = Failure {
        job_id: "j",
        code: FailureCode::InternalError,
        detail: "x",
        recorded: Duration::ZERO,
        manifest_uri: None,
    };
    assert_eq!(
        JobFailed::v2(delivery, failure),
        Err(EncodeError::AttemptZero)
    );
}

#[test]
fn an_error_response_serializes_as_its_problem() {
    for code in hiring::ErrorCode::ALL {
        let response = hiring::ErrorResponse::new(code)
            .detail("why")
            .instance("/x");
        assert_eq!(
            serde_json::to_value(&response).expect("response"),
            serde_json::to_value(response.problem()).expect("problem"),
            "{code}"
        );
        let bare = hiring::ErrorResponse::new(code);
        assert_eq!(
            serde_json::to_value(&bare).expect("bare"),
            serde_json::to_value(bare.problem()).expect("bare problem")
        );
    }
}

#[test]
fn the_current_shape_needs_a_bot_event() {
    let body = br#"{"event": "job.done", "data": {"data": {"code": "done"}, "bot": {"id": "b"}}}"#;
    let error = StatusWebhook::from_json(body).expect_err("not a bot event");
    assert!(
        error
            .to_string()
            .contains("event is \"job.done\", expected bot.<status>"),
        "{error}"
    );
}

#[test]
fn neighbouring_seeds_draw_different_delays() {
    let policy = RetryPolicy::default();
    let a: Vec<Duration> = Delays::new(RetryClass::Backoff, policy, 1).collect();
    let b: Vec<Duration> = Delays::new(RetryClass::Backoff, policy, 2).collect();
    assert_ne!(a[1..], b[..b.len() - 1]);
}

/// Each kind of error body, and each reading of `Retry-After`, as JSON and back.
#[test]
fn error_bodies_and_retry_after_read_back_from_their_json() {
    for body in [
        &b""[..],
        b"<BODY><H1>403 ERROR</H1>Request blocked.</BODY>",
        b"502 Bad Gateway",
        b"\xff\xfe",
        b"[1, 2]",
        br#"{"code": "update_bot_failed", "detail": ["x"]}"#,
    ] {
        let parsed = ErrorBody::parse(body);
        let json = serde_json::to_string(&parsed).expect("encode");
        let back: ErrorBody = serde_json::from_str(&json).expect("decode");
        assert_eq!(back, parsed, "{json}");
    }
    assert_eq!(
        serde_json::to_string(&ErrorBody::parse(b"")).expect("encode"),
        r#""empty""#
    );
    for (header, json) in [
        (None, r#""absent""#),
        (Some("7"), r#"{"after":{"secs":7,"nanos":0}}"#),
        (Some("-1"), r#"{"ignored":"negative"}"#),
        (Some("soon"), r#"{"ignored":"malformed"}"#),
    ] {
        let read = RetryAfter::parse(header, 0);
        assert_eq!(serde_json::to_string(&read).expect("encode"), json);
        assert_eq!(
            serde_json::from_str::<RetryAfter>(json).expect("decode"),
            read
        );
    }
}

/// `billed()` answers yes, no or unknown from the envelope's `billed`, held against the code's
/// billing; the action reads it, so that no answer says "the manifest is still uploaded"
/// beside "not billed".
#[test]
fn billing_is_an_answer_and_the_action_reads_it() {
    use error_taxonomy::meetbot::Billed;

    let envelope = |code: &str, billed: &str| {
        format!(
            r#"{{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, "version": 2,
            "data": {{"jobId": "j", "status": "failed", "failure_code": "{code}", "failure_detail": "x"{billed}}}}}"#
        )
    };
    for code in FailureCode::ALL {
        for (billed, field) in [
            (Some(true), r#", "billed": true"#),
            (Some(false), r#", "billed": false"#),
            (None, ""),
        ] {
            let body = envelope(code.as_str(), field);
            let event = JobFailed::from_json(body.as_bytes()).expect("v2");
            let may_bill = code.billing().may_bill();
            let expected = match (billed, may_bill) {
                (Some(true), true) => Billed::Yes,
                (Some(false), _) | (None, false) => Billed::No,
                // A code that never bills said to be billed, or a code that may bill with
                // nothing saying: only the server knows.
                (Some(true), false) | (None, true) => Billed::Unknown,
            };
            assert_eq!(event.billed(), expected, "{body}");
            let action = event.action().expect("a known code");
            if expected == Billed::No && may_bill {
                assert_eq!(Some(action), code.action_not_billed(), "{code}");
                assert!(!action.contains("manifest is still uploaded"), "{code}");
            } else {
                assert_eq!(action, code.action(), "{code}");
            }
        }
    }
    // A code this crate does not know: the envelope says, or nothing does.
    let unknown = envelope("a_new_failure", r#", "billed": true"#);
    assert_eq!(
        JobFailed::from_json(unknown.as_bytes())
            .expect("v2")
            .billed(),
        Billed::Yes
    );
    let unknown = envelope("a_new_failure", "");
    let event = JobFailed::from_json(unknown.as_bytes()).expect("v2");
    assert_eq!(event.billed(), Billed::Unknown);
    assert_eq!(event.action(), None);
}

/// Seed 003: "New code MUST branch on failure_code". From v2 on, an unreadable code is an
/// explicit unknown, and a guess from the text is offered apart, labelled as one.
#[test]
fn from_v2_on_the_answer_is_the_failure_code_and_a_guess_is_apart() {
    for version in [2, 3] {
        let body = format!(
            r#"{{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, "version": {version},
            "data": {{"jobId": "j", "status": "failed", "failure_code": 42,
                     "failure_detail": "host clicked Deny", "failure_reason": "host clicked Deny"}}}}"#
        );
        let event = JobFailed::from_json(body.as_bytes()).expect("the rest is read");
        assert!(event.unreadable.contains("data.failure_code"));
        assert_eq!(event.failure_code(), None);
        assert_eq!(event.mapped_by(), error_taxonomy::MappedBy::Unmapped);
        assert_eq!(event.retry(), FailureCode::UNKNOWN_RETRY);
        assert_eq!(event.handling(), FailureCode::UNKNOWN_HANDLING);
        let guess = event.guess().expect("a guess, apart");
        assert_eq!(guess.code, Some(FailureCode::HostDeniedAdmission));
    }
}

/// Every path of `Unreadable::PATHS` is one a decoder names: for each, some payload reads a good
/// sample whose field at that path, given a value of the wrong type, comes back unreadable by
/// that path, with the rest of the body still read. `PATHS` is computed from the members each
/// payload marks lenient; this holds the marks and the decoders together.
#[test]
fn every_path_of_unreadable_is_one_a_decoder_names_when_its_value_is_odd() {
    use error_taxonomy::Unreadable;
    use error_taxonomy::payload::{self, Payload, Visit};
    use serde_json::Value;

    /// `body` with the value at `path` replaced, if the object holding it is there.
    fn with_odd_value(body: &Value, path: &str) -> Option<Vec<u8>> {
        let mut body = body.clone();
        let (parents, key) = path.rsplit_once('.').unwrap_or(("", path));
        let mut object = &mut body;
        for part in parents.split('.').filter(|p| !p.is_empty()) {
            object = object.get_mut(part)?;
        }
        object
            .as_object_mut()?
            .insert(key.into(), serde_json::json!([true]));
        serde_json::to_vec(&body).ok()
    }

    struct Named {
        samples: Vec<Value>,
        named: Vec<&'static str>,
    }

    impl Visit for Named {
        fn visit<P: Payload>(&mut self) {
            for sample in &self.samples {
                let Ok(bytes) = serde_json::to_vec(sample) else {
                    continue;
                };
                if P::decode(&bytes).is_err() {
                    continue;
                }
                for path in Unreadable::PATHS {
                    let Some(odd) = with_odd_value(sample, path) else {
                        continue;
                    };
                    if let Ok(decoded) = P::decode(&odd) {
                        if P::unreadable(&decoded).contains(path) {
                            self.named.push(path);
                        }
                    }
                }
            }
        }
    }

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/consumers/samples/good");
    let samples = std::fs::read_dir(dir)
        .expect("samples")
        .filter_map(|entry| std::fs::read(entry.ok()?.path()).ok())
        .filter_map(|bytes| serde_json::from_slice(&bytes).ok())
        .collect();
    let mut named = Named {
        samples,
        named: Vec::new(),
    };
    payload::each(&mut named);
    for path in Unreadable::PATHS {
        assert!(
            named.named.contains(&path),
            "no decoder names {path} unreadable"
        );
    }
}
