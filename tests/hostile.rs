//! Hostile input, table-driven: each bad input with the typed error it must give.

use std::time::Duration;

use error_taxonomy::meetbot::FailureCode;
use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::recall::{BotStatus, ErrorBody, ErrorCode, StatusWebhook, SubCode, classify};
use error_taxonomy::retry::{
    Decision, RetryAfter, RetryAfterError, RetryPolicy, StopReason, advise,
};
use error_taxonomy::{DecodeError, Open, RetryClass, Table, UnknownCode, hiring};

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

/// What every JSON decoder must say about a body that is not a payload at all: the same typed
/// error, on one line, with the place where the body went wrong.
#[test]
fn bad_payloads() {
    // Read past at any depth, in one pass that keeps its stack on the heap.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let truncated = &include_bytes!("data/job_failed_v2.json")[..120];
    let cases: [(&str, &[u8], &str); 9] = [
        (
            "empty",
            b"",
            "not JSON: EOF while parsing a value at line 1 column 1",
        ),
        (
            "white space",
            b"  \n ",
            "not JSON: EOF while parsing a value at line 2 column 1",
        ),
        ("NUL", b"\0", "not JSON: expected value at line 1 column 1"),
        (
            "deep",
            deep.as_bytes(),
            "body is an array, expected an object",
        ),
        (
            "truncated",
            truncated,
            "not JSON: EOF while parsing a value at line 6 column 2",
        ),
        (
            "HTML 403 page",
            include_bytes!("data/recall_403.html"),
            "not JSON: expected value at line 1 column 1",
        ),
        (
            "trailing bytes",
            b"{} x",
            "not JSON: trailing characters at line 1 column 4",
        ),
        ("array", b"[]", "body is an array, expected an object"),
        (
            "string",
            b"\"bot.done\"",
            "body is \"bot.done\", expected an object",
        ),
    ];
    for (what, body, expected) in cases {
        let errors = [
            StatusWebhook::from_json(body).map(drop),
            JobFailed::from_json(body).map(drop),
            hiring::Problem::from_json(body).map(drop),
        ];
        for error in errors {
            let error = error.expect_err(what);
            assert_eq!(error.to_string(), expected, "{what}");
        }
    }
}

/// What a webhook decoder must say about a field it cannot take: the field, what it holds
/// (cut, with control characters escaped, on one line), and what it should hold.
#[test]
fn bad_fields() {
    let long_event = format!(r#"{{"event": "{}", "data": {{}}}}"#, "x".repeat(200));
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "invalid UTF-8 in the event: not JSON, refused whole",
            b"{\"event\": \"\xc3\x28\", \"data\": {}}",
            "not JSON: invalid unicode code point at line 1 column 12",
        ),
        (
            "number for the event",
            br#"{"event": 7, "data": {}}"#,
            "event is 7, expected a string",
        ),
        (
            "array over lines for the event",
            b"{\"event\": [\n1], \"data\": {}}",
            "event is [\\n1], expected a string",
        ),
        (
            "duplicate event",
            br#"{"event": "bot.done", "event": "job.failed", "data": {}}"#,
            "event comes twice",
        ),
        (
            "escaped duplicate",
            br#"{"event": "bot.done", "\u0065vent": "job.failed", "data": {}}"#,
            "event comes twice",
        ),
        (
            "a long event",
            long_event.as_bytes(),
            "event is \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…, expected \"job.failed\"",
        ),
    ];
    for (what, body, expected) in cases {
        let error = JobFailed::from_json(body).expect_err(what);
        assert_eq!(error.to_string(), expected, "{what}");
        assert!(!error.to_string().contains('\n'), "{what}");
        if what != "a long event" {
            let error = StatusWebhook::from_json(body).expect_err(what);
            assert_eq!(error.to_string(), expected, "{what}");
        }
    }
}

/// Finding: one bad sibling field cost a readable `code`, and with it the retry decision. A
/// code that can be read is read, whatever its siblings hold, and the result names what could
/// not be read.
#[test]
fn a_readable_error_code_survives_its_siblings() {
    let cases: [(&str, &[u8], &str); 7] = [
        (
            "detail twice",
            br#"{"code":"cannot_command_completed_bot","detail":"a","detail":"b"}"#,
            "detail",
        ),
        (
            "detail is an array",
            br#"{"code":"cannot_command_completed_bot","detail":["x"]}"#,
            "detail",
        ),
        (
            "detail is a lone surrogate",
            br#"{"code":"cannot_command_completed_bot","detail":"\ud800"}"#,
            "detail",
        ),
        (
            "detail is a number",
            br#"{"code":"cannot_command_completed_bot","detail":5}"#,
            "detail",
        ),
        (
            "message is an object",
            br#"{"code":"cannot_command_completed_bot","message":{"a":1}}"#,
            "message",
        ),
        (
            "a byte-order mark",
            b"\xEF\xBB\xBF{\"code\":\"cannot_command_completed_bot\"}",
            "",
        ),
        (
            "an unknown field is not UTF-8",
            b"{\"x\":\"\xc3\x28\",\"code\":\"cannot_command_completed_bot\"}",
            "",
        ),
    ];
    let policy = RetryPolicy::default();
    for (what, body, unreadable) in cases {
        let error = classify(409, RetryAfter::Absent, body);
        assert_eq!(
            error.code(),
            Some(Open::Known(ErrorCode::CannotCommandCompletedBot)),
            "{what}"
        );
        assert_eq!(error.retry_class(), RetryClass::Never, "{what}");
        assert_eq!(
            error.decide(1, &policy, 0),
            Decision::DoNotRetry(StopReason::NotRetryable),
            "{what}"
        );
        let named: Vec<_> = error.body.unreadable().expect("JSON").iter().collect();
        let expected: Vec<_> = [unreadable].into_iter().filter(|p| !p.is_empty()).collect();
        assert_eq!(named, expected, "{what}");
    }
    // Bytes that are not UTF-8 in `detail`: the code is still read, the text named unreadable;
    // in the code itself, the body is kept as it came.
    let not_utf8 = b"{\"code\":\"cannot_command_completed_bot\",\"detail\":\"\xff\"}";
    let body = ErrorBody::parse(not_utf8);
    assert_eq!(
        body.code(),
        Some(Open::Known(ErrorCode::CannotCommandCompletedBot))
    );
    assert!(body.unreadable().is_some_and(|u| u.contains("detail")));
    assert!(matches!(
        ErrorBody::parse(b"{\"code\":\"cannot\xff\"}"),
        ErrorBody::Raw(_)
    ));
}

/// The same rule for the webhooks: an unreadable `metadata`, `message` or free text costs
/// neither the status code, nor the sub-code, nor the failure code.
#[test]
fn a_readable_status_survives_its_siblings() {
    let metadata = [r"1e400", r#""\ud800""#, r#"{"a": [1e400, "\udfff"]}"#];
    for value in metadata {
        let body = format!(
            r#"{{"event": "bot.fatal", "data": {{"data": {{"code": "fatal", "sub_code": "meeting_full"}},
                "bot": {{"id": "b", "metadata": {value}}}}}}}"#
        );
        let webhook = StatusWebhook::from_json(body.as_bytes()).expect(value);
        assert_eq!(
            webhook.status.code,
            Open::Known(BotStatus::Fatal),
            "{value}"
        );
        assert_eq!(
            webhook.status.sub_code,
            Some(Open::Known(SubCode::MeetingFull)),
            "{value}"
        );
        assert!(
            webhook.unreadable.is_empty(),
            "{value}: metadata is read past"
        );
    }
    let body = br#"{"event": "bot.fatal", "data": {"data": {"code": "fatal", "sub_code": 7,
        "message": {"a": 1}, "updated_at": "\ud800"}, "bot": {"id": "b"}}}"#;
    let webhook = StatusWebhook::from_json(body).expect("webhook");
    assert_eq!(webhook.status.code, Open::Known(BotStatus::Fatal));
    assert_eq!(
        webhook.unreadable.iter().collect::<Vec<_>>(),
        [
            "data.data.sub_code",
            "data.data.message",
            "data.data.updated_at"
        ]
    );
    let body =
        b"{\"event\": \"job.failed\", \"deliveryId\": \"d\", \"emittedAt\": \"t\", \"attempt\": 1,
        \"version\": 2, \"data\": {\"jobId\": \"j\", \"status\": \"failed\",
        \"failure_code\": \"lobby_timeout\", \"failure_detail\": \"\\ud800\", \"billed\": \"yes\"}}";
    let event = JobFailed::from_json(body).expect("job.failed");
    // Bytes that are not UTF-8 are not JSON: the body is refused whole, with where.
    let at = body
        .windows(6)
        .position(|w| w == b"\\ud800")
        .expect("the surrogate");
    let not_utf8 = [&body[..at], b"\xff", &body[at + 6..]].concat();
    assert!(matches!(
        JobFailed::from_json(&not_utf8),
        Err(DecodeError::Syntax { reason, .. }) if reason == "invalid unicode code point"
    ));
    assert_eq!(
        event.failure_code(),
        Some(Open::Known(FailureCode::LobbyTimeout))
    );
    assert_eq!(
        event.unreadable.iter().collect::<Vec<_>>(),
        ["data.failure_detail", "data.billed"]
    );
    let body = br#"{"code": "WINDOW_TOO_SOON", "status": 422, "detail": ["x"], "title": 5}"#;
    let problem = hiring::Problem::from_json(body).expect("problem");
    assert_eq!(problem.code, Open::Known(hiring::ErrorCode::WindowTooSoon));
    assert_eq!(
        problem.unreadable.iter().collect::<Vec<_>>(),
        ["title", "detail"]
    );
}

/// Finding: a metadata walker that recursed needed 180 KiB of stack for 124 levels. What the
/// decoders skip, serde_json skips with its stack on the heap: a metadata nested 100,000 deep
/// decodes on a 64 KiB thread. A body nested deep where a payload's own object is expected is no
/// payload.
#[test]
fn a_deep_document_decodes_on_a_small_stack() {
    let depth = 100_000;
    let body = format!(
        r#"{{"event": "bot.done", "data": {{"data": {{"code": "done"}}, "bot": {{"id": "b", "metadata": {}{}}}}}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let deeper = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let decoded = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || {
            let ok = StatusWebhook::from_json(body.as_bytes()).map(|w| w.status.code.to_string());
            let refused = StatusWebhook::from_json(deeper.as_bytes()).map(drop);
            let refused = matches!(refused, Err(DecodeError::Value { field: "body", .. }));
            (ok.ok(), refused)
        })
        .expect("spawn")
        .join()
        .expect("no stack overflow");
    assert_eq!(decoded, (Some("done".to_owned()), true));
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
            b.code().is_none() && b.unreadable().is_some_and(|u| u.contains("code"))
        }),
        (
            "duplicate code",
            br#" {"code": "a", "code": "b"}"#,
            |b| matches!(b, ErrorBody::Raw(raw) if raw.starts_with(b" {")),
        ),
        // Not JSON, so text: raw is only what is JSON but no error object, or not UTF-8.
        (
            "truncated JSON",
            br#"{"code": "update_bot_failed", "det"#,
            |b| b.code().is_none() && matches!(b, ErrorBody::Text(_)),
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
            // Never shortened: the caller is told the wait is too long.
            Decision::DoNotRetry(StopReason::WaitTooLong(Duration::from_secs(99_999_999_999))),
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

/// Findings: `RetryAfter::parse` overflowed for a large `now` (a panic with overflow checks on),
/// read a 4-digit year as a 2-digit one, took `31 Feb` and any weekday, and called 1600
/// malformed. RFC 9110's grammar, exactly, with every `now`.
#[test]
fn retry_after_dates_follow_rfc_9110() {
    let now = 1_795_676_400; // Thu, 26 Nov 2026 07:00:00 GMT
    let past = RetryAfter::Ignored(RetryAfterError::PastDate);
    let malformed = RetryAfter::Ignored(RetryAfterError::Malformed);
    let cases = [
        (
            "Sat, 01 Jan 0050 00:00:00 GMT",
            now,
            past,
            "a 4-digit year is the year 50",
        ),
        (
            "Mon, 01 Jan 0050 00:00:00 GMT",
            now,
            malformed,
            "1 Jan 50 was a Saturday",
        ),
        (
            "Sat, 01 Jan 1600 00:00:00 GMT",
            now,
            past,
            "1600 is a year, and past",
        ),
        (
            "Sat, 31 Feb 2027 00:00:00 GMT",
            now,
            malformed,
            "31 Feb does not exist",
        ),
        (
            "Mon, 26 Nov 2026 07:00:01 GMT",
            now,
            malformed,
            "26 Nov 2026 is a Thursday",
        ),
        (
            "Thu, 26 Nov 2026 07:00:01 GMT",
            now,
            RetryAfter::After(Duration::from_secs(1)),
            "the right weekday",
        ),
        (
            "Friday, 27-Nov-26 07:00:00 GMT",
            now,
            RetryAfter::After(Duration::from_secs(86_400)),
            "RFC 850",
        ),
        (
            "Mon, 01 Jan 0050 00:00:00 GMT",
            u64::MAX,
            malformed,
            "no overflow",
        ),
        (
            "Sat, 01 Jan 0050 00:00:00 GMT",
            u64::MAX,
            past,
            "no overflow",
        ),
        (
            "Fri, 31 Dec 9999 23:59:59 GMT",
            u64::MAX,
            past,
            "the latest date, before the last second",
        ),
        (
            "Fri, 31 Dec 9999 23:59:59 GMT",
            0,
            RetryAfter::After(Duration::from_secs(253_402_300_799)),
            "the latest date from the epoch",
        ),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0, past, "now is not ahead"),
    ];
    for (value, now, expected, why) in cases {
        assert_eq!(
            RetryAfter::parse(Some(value), now),
            expected,
            "{value} at {now}: {why}"
        );
    } // At the end of time, RFC 850's `26` is a year of the last century in range, at most 50
    // years ahead.
    let far = RetryAfter::parse(Some("Friday, 27-Nov-26 07:00:00 GMT"), u64::MAX);
    assert!(
        matches!(far, RetryAfter::After(d) if d < Duration::from_secs(51 * 366 * 86_400)),
        "{far:?}"
    );
}

/// A server-sent unknown code, or a detail, prints on one line: control characters, terminal
/// escapes, bidirectional and format controls and line separators all come out escaped.
#[test]
fn display_never_prints_a_server_string_raw() {
    let forged = "x\n[INFO] payment ok \u{1b}]0;pwned\u{7}\u{202e}\u{2066}\u{200b}\u{2028}";
    let hidden = |text: &str| {
        text.chars()
            .filter(|&c| {
                c.is_control() || matches!(c, '\u{202e}' | '\u{2066}' | '\u{200b}' | '\u{2028}')
            })
            .collect::<Vec<_>>()
    };
    let body = serde_json::json!({"code": forged, "detail": forged}).to_string();
    let recall = classify(400, RetryAfter::Absent, body.as_bytes()).to_string();
    let problem = hiring::Problem::from_json(body.as_bytes())
        .expect("a problem")
        .to_string();
    let text = classify(502, RetryAfter::Absent, forged.as_bytes()).to_string();
    let decode = JobFailed::from_json(
        serde_json::json!({"deliveryId": "d", "event": forged})
            .to_string()
            .as_bytes(),
    )
    .expect_err("not job.failed")
    .to_string();
    for shown in [&recall, &problem, &text, &decode] {
        assert_eq!(hidden(shown), [], "{shown:?}");
        assert!(shown.contains("\\u{202e}"), "{shown:?}");
    }
}

/// Only JSON's four white space characters are trimmed: a form feed around an object makes it
/// no error object, as serde_json and every other JSON reader say.
#[test]
fn a_form_feed_is_not_json_white_space() {
    let object = br#"{"code":"update_bot_failed","detail":"Not enough time to launch new bot"}"#;
    for (before, after) in [(&b"\x0c"[..], &b"\x0c"[..]), (b"\x0b", b""), (b"", b"\x0c")] {
        let body = [before, &object[..], after].concat();
        assert!(serde_json::from_slice::<serde_json::Value>(&body).is_err());
        let parsed = ErrorBody::parse(&body);
        assert!(parsed.code().is_none(), "{parsed:?}");
        assert!(matches!(parsed, ErrorBody::Text(_)), "{parsed:?}");
    }
    let spaced = [&b" \t\r\n"[..], object, b"\r\n"].concat();
    assert_eq!(
        ErrorBody::parse(&spaced).code(),
        Some(Open::Known(ErrorCode::UpdateBotFailed))
    );
}

/// Text is text whatever its first character; raw is only what is JSON but no error object, or
/// not UTF-8.
#[test]
fn text_that_starts_like_a_number_keeps_its_detail() {
    let cases: [(&[u8], bool); 8] = [
        (b"502 Bad Gateway: Not enough time to launch new bot", true),
        (b"-1 tries left", true),
        (b"[unterminated", true),
        (b"{not json", true),
        (b"502", false),
        (b"[1, 2]", false),
        (b"\"a string\"", false),
        (b"\xff\xfe text", false),
    ];
    for (body, is_text) in cases {
        let parsed = ErrorBody::parse(body);
        assert_eq!(matches!(parsed, ErrorBody::Text(_)), is_text, "{parsed:?}");
        assert_eq!(matches!(parsed, ErrorBody::Raw(_)), !is_text, "{parsed:?}");
    }
    let gateway = classify(
        502,
        RetryAfter::Absent,
        b"502 Bad Gateway: Not enough time to launch new bot",
    );
    assert_eq!(
        gateway.detail(),
        Some("502 Bad Gateway: Not enough time to launch new bot")
    );
    assert!(gateway.cause().is_some(), "the detail names its cause");
}

/// A current-shape webhook whose unknown status is literally `status_change` is read as the
/// current shape: the shapes are told apart by structure.
#[test]
fn a_status_named_status_change_is_still_the_current_shape() {
    let body = br#"{"event": "bot.status_change", "data": {
        "data": {"code": "status_change", "sub_code": null, "updated_at": "2026-05-09T14:00:00Z"},
        "bot": {"id": "bot_1", "metadata": {}}}}"#;
    let webhook = StatusWebhook::from_json(body).expect("the current shape");
    assert_eq!(webhook.shape, error_taxonomy::recall::Shape::Current);
    assert_eq!(webhook.status.code.as_str(), "status_change");
    assert_eq!(webhook.bot_id, "bot_1");
    let legacy = br#"{"event": "bot.status_change", "data": {"bot_id": "bot_1",
        "status": {"code": "done", "created_at": "2026-05-09T14:00:00Z"}}}"#;
    let webhook = StatusWebhook::from_json(legacy).expect("the legacy shape");
    assert_eq!(webhook.shape, error_taxonomy::recall::Shape::Legacy);
}

/// A `job.failed` envelope with `data` replaced by `data`, at `version` (`None`: no version).
fn job_failed(version: Option<serde_json::Value>, data: serde_json::Value) -> Vec<u8> {
    let mut body = serde_json::json!({
        "deliveryId": "dlv_1", "event": "job.failed", "emittedAt": "2026-05-09T14:00:00Z",
        "attempt": 1, "data": data,
    });
    if let Some(version) = version {
        body["version"] = version;
    }
    serde_json::to_vec(&body).expect("JSON")
}

/// What could not be read survives the envelope's own re-encoding: a field the version
/// requires is written `null` and reads back unreadable; an optional one is left out.
#[test]
fn a_decoded_job_failed_survives_its_own_encoding() {
    use serde_json::json;
    let v2 = |code: serde_json::Value, detail: serde_json::Value| {
        job_failed(
            Some(json!(2)),
            json!({"jobId": "j", "status": "failed", "failure_code": code,
                   "failure_detail": detail, "failure_reason": "r", "billed": "true"}),
        )
    };
    let bodies = [
        v2(json!(5), json!("d")),
        v2(json!(null), json!("d")),
        v2(json!("host_denied_admission"), json!(["x"])),
        v2(json!("host_denied_admission"), json!(null)),
        job_failed(
            None,
            json!({"jobId": "j", "status": "failed", "failure_reason": {"x": 1}}),
        ),
        job_failed(
            None,
            json!({"jobId": "j", "status": "failed", "failure_reason": null}),
        ),
    ];
    for body in bodies {
        let event = JobFailed::from_json(&body).expect("decodes");
        assert!(!event.unreadable.is_empty(), "{event:?}");
        let json = serde_json::to_vec(&event).expect("serializes");
        let again = JobFailed::from_json(&json).expect("and decodes again");
        let required: Vec<&str> = event
            .unreadable
            .iter()
            .filter(|path| *path != "data.billed")
            .collect();
        assert_eq!(again.unreadable.iter().collect::<Vec<_>>(), required);
        assert_eq!(
            (&again.data, again.version, again.attempt),
            (&event.data, event.version, event.attempt)
        );
        // And once more: what was written reads back as itself exactly.
        let third = serde_json::to_vec(&again).expect("serializes");
        assert_eq!(JobFailed::from_json(&third).expect("decodes"), again);
    }
}

/// `Deserialize` and `from_json` are one reading: the same answer on each case
/// where they differed, and on required `null`s and wrongly typed fields.
#[test]
fn the_two_job_failed_decoders_agree() {
    use serde_json::json;
    let data_v2 = json!({"jobId": "j", "status": "failed", "failure_code": "lobby_timeout",
                         "failure_detail": "d"});
    let mut bodies = vec![
        // attempt 0, attempt 1.0, attempt past u32.
        String::from_utf8(job_failed(Some(json!(2)), data_v2.clone()))
            .expect("UTF-8")
            .replace("\"attempt\":1", "\"attempt\":0"),
        String::from_utf8(job_failed(Some(json!(2)), data_v2.clone()))
            .expect("UTF-8")
            .replace("\"attempt\":1", "\"attempt\":1.0"),
        String::from_utf8(job_failed(Some(json!(2)), data_v2.clone()))
            .expect("UTF-8")
            .replace("\"attempt\":1", "\"attempt\":4294967296"),
    ];
    // Versions: exact, or refused; never rounded.
    for version in [
        "2",
        "2.0",
        "18446744073709551615",
        "18446744073709551616",
        "9007199254740993",
        "9007199254740993.0",
        "-1",
        "-0",
        "1E400",
        "null",
        "\"2\"",
    ] {
        let body = String::from_utf8(job_failed(Some(json!(2)), data_v2.clone())).expect("UTF-8");
        bodies.push(body.replace("\"version\":2", &format!("\"version\":{version}")));
    }
    // v2 without failure_code, without failure_detail, without both; nulls and wrong types.
    for data in [
        json!({"jobId": "j", "status": "failed"}),
        json!({"jobId": "j", "status": "failed", "failure_code": "lobby_timeout"}),
        json!({"jobId": "j", "status": "failed", "failure_detail": "d"}),
        json!({"jobId": "j", "status": "failed", "failure_code": null, "failure_detail": "d"}),
        json!({"jobId": "j", "status": "failed", "failure_code": [1], "failure_detail": {}}),
        json!({"jobId": "j", "status": "failed", "failure_code": "x", "failure_detail": "d",
               "billed": "true", "manifestUri": 7, "failure_reason": false}),
        json!({"jobId": 5, "status": "failed", "failure_code": "x", "failure_detail": "d"}),
    ] {
        bodies.push(String::from_utf8(job_failed(Some(json!(2)), data)).expect("UTF-8"));
    }
    for data in [
        json!({"jobId": "j", "status": "failed"}),
        json!({"jobId": "j", "status": "failed", "failure_reason": null}),
        json!({"jobId": "j", "status": "failed", "failure_reason": 3, "billed": null}),
    ] {
        bodies.push(String::from_utf8(job_failed(None, data)).expect("UTF-8"));
    }
    // Keys twice (refused by both), escaped keys (read by both), a version this crate does not
    // know (which requires nothing), and no data at all.
    let v2 = String::from_utf8(job_failed(Some(json!(2)), data_v2.clone())).expect("UTF-8");
    bodies.push(v2.replacen("\"attempt\":1", "\"attempt\":1,\"attempt\":2", 1));
    bodies.push(v2.replacen(
        "\"failure_code\"",
        "\"failure_detail\":\"x\",\"failure_code\"",
        1,
    ));
    bodies.push(v2.replacen("\"attempt\"", "\"att\\u0065mpt\"", 1));
    bodies.push(v2.replacen("\"failure_code\"", "\"failure\\u005fcode\"", 1));
    bodies.push(
        String::from_utf8(job_failed(
            Some(json!(3)),
            json!({"jobId": "j", "status": "failed", "failure_code": null}),
        ))
        .expect("UTF-8"),
    );
    bodies.push(r#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, "version": null}"#.to_owned());
    for body in &bodies {
        let ours = JobFailed::from_json(body.as_bytes()).ok();
        let derived = serde_json::from_str::<JobFailed<'_>>(body).ok();
        assert_eq!(ours, derived, "{body}");
    }
    let read = |needle: &str| {
        bodies
            .iter()
            .filter(|body| body.contains(needle))
            .map(|body| {
                JobFailed::from_json(body.as_bytes())
                    .ok()
                    .map(|e| e.version)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(read("\"attempt\":0"), [None]);
    assert_eq!(read("\"attempt\":1,\"attempt\":2"), [None], "a key twice");
    assert_eq!(
        read("failure\\u005fcode"),
        [Some(error_taxonomy::meetbot::Version::V2)]
    );
    assert!(read("\"attempt\":1.0").iter().all(Option::is_some));
    assert_eq!(read("\"version\":18446744073709551616"), [None]);
    // The integer is exact; the float rounds to 2^53, past what f64 holds exactly: refused.
    assert_eq!(
        read("\"version\":9007199254740993"),
        [
            Some(error_taxonomy::meetbot::Version::Unknown(
                9_007_199_254_740_993
            )),
            None
        ]
    );
}

/// The members a decoder reads into (`data`, `data.data`, `data.bot`, `data.status`): each one
/// that is no object is named with what it holds, a second one after a first that is no object
/// is a key twice, and a key twice among the members of the other shape costs nothing.
#[test]
fn object_members_are_judged_one_by_one() {
    let error =
        StatusWebhook::from_json(br#"{"event":"bot.done","data":{"bot":"b1","data":"d1"}}"#)
            .expect_err("no objects");
    assert_eq!(
        error.to_string(),
        r#"data.data is "d1", expected an object"#
    );
    let error = StatusWebhook::from_json(
        br#"{"event":"bot.status_change","data":{"status":5,"bot":6,"bot_id":"b"}}"#,
    )
    .expect_err("no objects");
    assert_eq!(error.to_string(), "data.status is 5, expected an object");
    let error = JobFailed::from_json(
        br#"{"deliveryId":"d","event":"job.failed","emittedAt":"t","attempt":1,
            "data":null,"data":{"jobId":"j","status":"failed","failure_reason":"r"}}"#,
    )
    .expect_err("data twice");
    assert_eq!(error.to_string(), "data comes twice");
    let current = br#"{"event":"bot.done","data":{"data":{"code":"done"},"bot":{"id":"b"},
        "status":{"code":"a","code":"b"}}}"#;
    let webhook = StatusWebhook::from_json(current).expect("the current shape reads no status");
    assert_eq!(webhook.status.code, Open::Known(BotStatus::Done));
}

/// Where the pass must look into a value (a member a decoder reads into), serde_json judges it
/// whole: a number past `f64` or a lone surrogate there refuses the document. Everywhere else
/// such a value costs only itself (`a_readable_status_survives_its_siblings`).
#[test]
fn a_value_a_decoder_reads_into_is_judged_by_serde_json() {
    for data in ["1e400", r#""\ud800""#] {
        let body = format!(r#"{{"event":"bot.done","data":{data}}}"#);
        let error = StatusWebhook::from_json(body.as_bytes()).expect_err(data);
        assert!(
            matches!(error, DecodeError::Syntax { .. }),
            "{data}: {error}"
        );
    }
}

/// `Deserialize` needs serde_json reading a slice or a string, which lends raw JSON; any other
/// deserializer gets an error, not a panic.
#[test]
fn deserialize_from_a_value_is_an_error() {
    use serde::Deserialize as _;

    let value = serde_json::json!({"code": "fatal"});
    let change = error_taxonomy::recall::StatusChange::deserialize(&value);
    assert!(change.is_err(), "{change:?}");
    let from_str: error_taxonomy::recall::StatusChange =
        serde_json::from_str(r#"{"code": "fatal"}"#).expect("a string lends raw JSON");
    assert_eq!(from_str.code, Open::Known(BotStatus::Fatal));
}

/// Found by fuzzing: `from_json` checked the whole body to be UTF-8 while `Deserialize` could
/// not, so a byte that is not UTF-8 in a value neither reads split them. Both skip it now.
#[test]
fn bytes_that_are_not_utf8_in_a_skipped_value_cost_nothing_on_either_path() {
    let body =
        b"{\"x\": \"\xff\", \"deliveryId\": \"d\", \"event\": \"job.failed\", \"emittedAt\": \"t\",
        \"attempt\": 1, \"version\": 2, \"data\": {\"jobId\": \"j\", \"status\": \"failed\",
        \"failure_code\": \"lobby_timeout\", \"failure_detail\": \"d\"}}";
    let decoded = JobFailed::from_json(body).expect("from_json");
    let derived: JobFailed = serde_json::from_slice(body).expect("Deserialize");
    assert_eq!(decoded, derived);
}
