//! Hostile input, table-driven: each bad input with the typed error it must give.

use std::time::Duration;

use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::recall::{ErrorBody, StatusWebhook, SubCode, classify};
use error_taxonomy::retry::{Decision, RetryAfter, RetryAfterError, RetryPolicy, advise};
use error_taxonomy::{DecodeError, Table, UnknownCode, hiring};

/// What a code parse must say: the input kept (up to [`UnknownCode::KEPT`] bytes) and whether
/// it was cut.
#[test]
fn bad_codes() {
    let long = "z".repeat(4096);
    let cases: [(&str, &str, bool); 8] = [
        ("", "", false),
        ("   ", "   ", false),
        ("\t\n", "\t\n", false),
        ("\0", "\0", false),
        ("fatal\0", "fatal\0", false),
        (" fatal", " fatal", false),
        ("fatal\u{200b}", "fatal\u{200b}", false),
        (&long, &long[..UnknownCode::KEPT], true),
    ];
    for (input, kept, truncated) in cases {
        for table in Table::ALL {
            let error = table.parse(input).expect_err(input);
            assert_eq!(
                (error.table(), error.input(), error.is_truncated()),
                (table, kept, truncated)
            );
            let error = table.parse_ignore_ascii_case(input).expect_err(input);
            assert_eq!(error.input(), kept);
        }
    }
}

/// What a JSON decoder must say, by the start of its message.
#[test]
fn bad_payloads() {
    // Deep in the caller's own metadata, which is read past without allocating.
    let deep = format!(
        r#"{{"event": "bot.done", "data": {{"bot": {{"id": "b", "metadata": {}{}}}}}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let truncated = &include_bytes!("data/job_failed_v2.json")[..120];
    let cases: [(&str, &[u8], &str); 11] = [
        ("empty", b"", "EOF while parsing a value at line 1 column 0"),
        (
            "white space",
            b"  \n ",
            "EOF while parsing a value at line 2 column 1",
        ),
        (
            "invalid UTF-8",
            b"{\"event\": \"\xc3\x28\"}",
            "not UTF-8: invalid byte at offset 11",
        ),
        ("NUL", b"\0", "expected value at line 1 column 1"),
        ("deep nesting", deep.as_bytes(), "recursion limit exceeded"),
        ("truncated", truncated, "EOF while parsing"),
        (
            "HTML 403 page",
            include_bytes!("data/recall_403.html"),
            "expected value at line 1 column 1",
        ),
        (
            "number for a string",
            br#"{"event": 7, "data": {}}"#,
            "invalid type: integer `7`, expected a string at line 1 column 11",
        ),
        (
            "duplicate keys",
            br#"{"event": "bot.done", "event": "bot.fatal", "data": {}}"#,
            "duplicate field `event`",
        ),
        ("array", b"[]", "invalid length 0"),
        ("string", b"\"bot.done\"", "invalid type: string"),
    ];
    for (what, body, expected) in cases {
        let error = StatusWebhook::from_json(body).expect_err(what);
        assert!(error.to_string().contains(expected), "{what}: {error}");
        assert!(!error.to_string().contains('\n'), "{what}: {error}");
        let error = JobFailed::from_json(body).expect_err(what);
        assert!(
            matches!(error, DecodeError::Json(_) | DecodeError::NotUtf8 { .. }),
            "{what}: {error:?}"
        );
        let error = hiring::Problem::from_json(body).expect_err(what);
        assert!(
            matches!(error, DecodeError::Json(_) | DecodeError::NotUtf8 { .. }),
            "{what}: {error:?}"
        );
    }
}

/// A check of what a body was read as.
type Expect = fn(&ErrorBody) -> bool;

/// What an error body of each kind must read as.
#[test]
fn bad_error_bodies() {
    let garbage = [0xAB_u8; 4096];
    let cases: [(&str, &[u8], Expect); 7] = [
        ("empty", b"", |b| *b == ErrorBody::Empty),
        ("white space", b" \n\t ", |b| *b == ErrorBody::Empty),
        (
            "HTML 403 page",
            include_bytes!("data/recall_403.html"),
            |b| *b == ErrorBody::BlockedPage,
        ),
        (
            "4 KiB of bytes",
            &garbage,
            |b| matches!(b, ErrorBody::Raw(raw) if raw.len() == 4096),
        ),
        ("number for the code", br#"{"code": 400}"#, |b| {
            matches!(b, ErrorBody::Raw(_))
        }),
        ("duplicate code", br#"{"code": "a", "code": "b"}"#, |b| {
            matches!(b, ErrorBody::Raw(_))
        }),
        (
            "truncated JSON",
            br#"{"code": "update_bot_failed", "det"#,
            |b| matches!(b, ErrorBody::Raw(_)),
        ),
    ];
    for (what, body, expected) in cases {
        let read = ErrorBody::parse(body);
        assert!(expected(&read), "{what}: {read:?}");
        let error = classify(400, RetryAfter::Absent, body);
        assert_eq!(error.body, read);
    }
}

/// What each bad `Retry-After` must read as, and what the decision then is.
#[test]
fn bad_retry_after_values() {
    let now = 1_795_676_400;
    let policy = RetryPolicy {
        jitter: error_taxonomy::retry::Jitter::None,
        ..RetryPolicy::default()
    };
    let cases: [(&str, RetryAfter, Decision); 6] = [
        (
            "-1",
            RetryAfter::Ignored(RetryAfterError::Negative),
            Decision::Retry(Duration::from_secs(1)),
        ),
        (
            "99999999999",
            RetryAfter::After(Duration::from_secs(99_999_999_999)),
            Decision::Retry(policy.cap),
        ),
        (
            "abc",
            RetryAfter::Ignored(RetryAfterError::Malformed),
            Decision::Retry(Duration::from_secs(1)),
        ),
        (
            "Wed, 21 Oct 2015 07:28:00 GMT",
            RetryAfter::Ignored(RetryAfterError::PastDate),
            Decision::Retry(Duration::from_secs(1)),
        ),
        (
            "0",
            RetryAfter::Absent,
            Decision::Retry(Duration::from_secs(1)),
        ),
        (
            "\0",
            RetryAfter::Ignored(RetryAfterError::Malformed),
            Decision::Retry(Duration::from_secs(1)),
        ),
    ];
    for (value, read, decision) in cases {
        let hint = RetryAfter::parse(Some(value), now);
        assert_eq!(hint, read, "{value:?}");
        let status = error_taxonomy::recall::HttpStatus::TooManyRequests;
        assert_eq!(advise(status, 1, hint, &policy, 0), decision, "{value:?}");
    }
    assert_eq!(
        SubCode::parse("-1").map_err(|e| e.input().to_owned()),
        Err("-1".to_owned())
    );
}
