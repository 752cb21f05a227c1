//! Property tests: every mapping holds for every code, and no input, however odd, panics.
//!
//! The decoders are also driven here with large arbitrary inputs, in place of coverage-guided
//! fuzzing (cargo-fuzz needs a nightly toolchain, which this project does not use).

use std::time::Duration;

use error_taxonomy::meetbot::{FailureCode, JobFailed};
use error_taxonomy::recall::{
    BotStatus, ErrorBody, Outcome, StatusChange, StatusWebhook, SubCode, classify, outcome,
};
use error_taxonomy::retry::{
    Decision, Jitter, RetryAfter, RetryAfterError, RetryPolicy, StopReason, decide,
};
use error_taxonomy::{
    AnyCode, MAX_FEATURE_WORD, MAX_HYPOTHETICAL, MAX_TEXT, MAX_WORD, MappedBy, Open, RetryClass,
    Table, hiring, lookup,
};
use proptest::prelude::*;
use serde_json::Value;

/// Any code of any table.
fn any_code() -> impl Strategy<Value = AnyCode> {
    let all: Vec<AnyCode> = Table::ALL.into_iter().flat_map(Table::codes).collect();
    proptest::sample::select(all)
}

/// A real code, then edited once: a character dropped, doubled, replaced or appended.
fn near_miss() -> impl Strategy<Value = String> {
    (any_code(), any::<usize>(), any::<char>(), 0..4u8).prop_map(|(code, at, c, edit)| {
        let mut chars: Vec<char> = code.as_str().chars().collect();
        let at = at % chars.len();
        match edit {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, chars[at]),
            2 => chars[at] = c,
            _ => chars.push(c),
        }
        chars.into_iter().collect()
    })
}

/// Strings of every kind: near misses, other casings, unicode, up to 8 KiB.
fn odd_string() -> impl Strategy<Value = String> {
    prop_oneof![
        near_miss(),
        any_code().prop_map(|c| c.as_str().to_uppercase()),
        any::<String>(),
        proptest::collection::vec(any::<char>(), 0..2048).prop_map(|c| c.into_iter().collect()),
        "[a-z_]{0,8192}",
    ]
}

/// A word whose length is at, just under or just past each limit of the word scan (its longest
/// word, the longest word the learnt weights read, and its longest text), or short; letters,
/// digits (a word of digits alone makes no learnt feature) and both casings.
fn scan_word() -> impl Strategy<Value = String> {
    let lengths = prop_oneof![
        1..12usize,
        (MAX_FEATURE_WORD - 2)..(MAX_FEATURE_WORD + 3),
        (MAX_WORD - 2)..(MAX_WORD + 3),
        (2 * MAX_WORD)..(2 * MAX_WORD + 2),
    ];
    (lengths, "[a-zA-Z0-9]", any::<bool>()).prop_map(|(len, c, ends_in_n)| {
        let mut word = c.repeat(len);
        if ends_in_n {
            word.replace_range(len - 1.., "n");
        }
        word
    })
}

/// What may stand between two words: every apostrophe the scan joins words with (and `n't` in
/// each form), every mark that ends a clause, plain separators, nothing (so that a camel or
/// acronym boundary splits two words), the questions answered no and the conditional words that
/// make a clause hypothetical, and a code whose row answers no failure, alone and at the end of
/// a run.
fn scan_separator() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "",
        " ",
        "'",
        "\u{2019}",
        "\u{2018}",
        "\u{2bc}",
        "'t",
        "\u{2019}t",
        "\u{2018}t",
        "\u{2bc}t ",
        "' ",
        ". ",
        "; ",
        "! ",
        "? ",
        "\r",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        "\n",
        ", ",
        "_",
        "? no, ",
        "?? maybe - ",
        "? [11:03] sam: nope. ",
        " if ",
        " in_waiting_room ",
        "_in_waiting_room ",
    ])
}

/// Text that reaches every limit of the word scan: words at and past its longest word, each
/// followed by any apostrophe form, and texts at and past its longest text.
fn scan_text() -> impl Strategy<Value = String> {
    let words = || {
        proptest::collection::vec((scan_word(), scan_separator()), 0..12).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(word, separator)| word + separator)
                .collect::<String>()
        })
    };
    let padded =
        (words(), (MAX_TEXT - 2)..(MAX_TEXT + 2), any::<bool>()).prop_map(|(tail, len, before)| {
            let pad = "a ".repeat(len / 2);
            if before { pad + &tail } else { tail + &pad }
        });
    prop_oneof![8 => words(), 1 => padded]
}

fn retry_class() -> impl Strategy<Value = RetryClass> {
    prop_oneof![
        Just(RetryClass::Never),
        Just(RetryClass::Backoff),
        proptest::option::of(1..100_000u32).prop_map(|after_secs| RetryClass::Once { after_secs }),
        Just(RetryClass::UserAction),
        (1..100_000u32).prop_map(|secs| RetryClass::Delay { secs }),
        proptest::option::of(1..100_000u32)
            .prop_map(|fallback_secs| RetryClass::RetryAfter { fallback_secs }),
    ]
}

fn policy() -> impl Strategy<Value = RetryPolicy> {
    (1..10_000u64, 1..100_000u64, 1..20u32, 0..3u8).prop_map(
        |(base_ms, cap_ms, max_attempts, jitter)| RetryPolicy {
            base: Duration::from_millis(base_ms),
            cap: Duration::from_millis(cap_ms),
            max_attempts,
            jitter: [Jitter::None, Jitter::Full, Jitter::Equal][usize::from(jitter)],
        },
    )
}

fn hint() -> impl Strategy<Value = RetryAfter> {
    prop_oneof![
        Just(RetryAfter::Absent),
        (1..1_000_000u64).prop_map(|s| RetryAfter::After(Duration::from_secs(s))),
        Just(RetryAfter::After(Duration::MAX)),
    ]
}

/// Arbitrary JSON, nested a few levels, with the payloads' own keys among the names.
fn json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("event".to_owned()),
        Just("data".to_owned()),
        Just("code".to_owned()),
        Just("sub_code".to_owned()),
        Just("status".to_owned()),
        Just("bot".to_owned()),
        Just("bot_id".to_owned()),
        Just("version".to_owned()),
        Just("failure_code".to_owned()),
        Just("failure_reason".to_owned()),
        "[a-zA-Z_]{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any_code().prop_map(|c| Value::from(c.as_str())),
        Just(Value::from("bot.status_change")),
        Just(Value::from("job.failed")),
        any::<String>().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every decoder of the crate on one input: none may panic.
fn decode_everything(bytes: &[u8]) {
    let _ = StatusWebhook::from_json(bytes);
    let _ = JobFailed::from_json(bytes);
    let _ = hiring::Problem::from_json(bytes);
    let _ = serde_json::from_slice::<StatusChange>(bytes);
    let body = ErrorBody::parse(bytes);
    let _ = (body.code(), body.detail(), body.cause());
    for status in [400, 403, 429, 507, 599] {
        let error = classify(status, RetryAfter::Absent, bytes);
        let _ = error.decide(1, &RetryPolicy::default(), 0);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = RetryAfter::parse(Some(text), 0);
        let _ = RetryAfter::parse(Some(text), u64::MAX);
        let _ = lookup(text).count();
        let _ = FailureCode::from_legacy_reason(text);
    }
}

proptest! {
    #[test]
    fn every_code_round_trips(code in any_code()) {
        prop_assert_eq!(code.table().parse(code.as_str()), Ok(code));
        prop_assert!(lookup(code.as_str()).any(|found| found == code));
        let json = serde_json::to_string(&code).expect("serialize");
        prop_assert_eq!(&json, &format!("\"{}\"", code.as_str()));
        let back = code.table().parse(&serde_json::from_str::<String>(&json).expect("a string")).ok();
        prop_assert_eq!(back, Some(code));
    }

    #[test]
    fn case_insensitive_parse_agrees_with_exact_parse(code in any_code(), mask in any::<u128>()) {
        let cased: String = code
            .as_str()
            .chars()
            .enumerate()
            .map(|(i, c)| if mask >> (i % 128) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect();
        let exact = code.table().parse(&cased).ok();
        let folded = code.table().parse_ignore_ascii_case(&cased).ok();
        prop_assert_eq!(folded, Some(code));
        if let Some(exact) = exact {
            prop_assert_eq!(exact, code);
        }
    }

    #[test]
    fn odd_strings_never_panic_and_keep_their_input(input in odd_string()) {
        for table in Table::ALL {
            match table.parse(&input) {
                Ok(code) => prop_assert_eq!(code.as_str(), input.as_str()),
                Err(error) => {
                    prop_assert_eq!(error.table(), table);
                    prop_assert!(input.starts_with(error.input()));
                    prop_assert_eq!(error.is_truncated(), error.input().len() < input.len());
                }
            }
        }
        let open: Open<SubCode> = Open::new(&input);
        prop_assert_eq!(open.as_str(), input.as_str());
        let json = serde_json::to_string(&input).expect("serialize");
        let decoded: Open<SubCode> = serde_json::from_str(&json).expect("any string decodes");
        prop_assert_eq!(decoded.as_str(), input.as_str());
        prop_assert_eq!(serde_json::to_value(&decoded).expect("serialize"), Value::from(input.clone()));
        for table in Table::ALL {
            if let Ok(code) = table.parse_ignore_ascii_case(&input) {
                prop_assert!(code.as_str().eq_ignore_ascii_case(&input), "{} for {:?}", code, input);
            }
        }
    }

    #[test]
    fn retry_decisions_respect_the_policy(
        class in retry_class(),
        attempt in 0..40u32,
        hint in hint(),
        policy in policy(),
        entropy in any::<u64>(),
    ) {
        let decision = decide(class, "act", attempt, hint, &policy, entropy);
        prop_assert_eq!(decision, decide(class, "act", attempt, hint, &policy, entropy));
        if let Decision::Retry(delay) = decision {
            prop_assert!(delay <= policy.cap);
            prop_assert!(attempt < policy.max_attempts);
        }
        if attempt >= policy.max_attempts && class.is_automatic() {
            prop_assert_eq!(decision, Decision::DoNotRetry(StopReason::AttemptsExhausted));
        }
        let once = matches!(class, RetryClass::Once { .. });
        // `once` is one retry: a second attempt, which the policy must allow.
        let allowed = class.is_automatic()
            && attempt < policy.max_attempts
            && (!once || (attempt < 2 && policy.max_attempts >= 2));
        // A server's wait is honoured exactly: never shortened, never come early.
        if let (true, Some(delay)) = (allowed, hint.delay()) {
            if delay <= policy.cap {
                prop_assert_eq!(decision, Decision::Retry(delay));
            } else {
                prop_assert_eq!(decision, Decision::DoNotRetry(StopReason::WaitTooLong(delay)));
            }
        }
        if let Decision::Retry(delay) = decision {
            if let Some(asked) = hint.delay() {
                prop_assert!(delay >= asked, "{delay:?} before the {asked:?} asked");
            }
        }
        match class {
            RetryClass::Never => prop_assert_eq!(decision, Decision::DoNotRetry(StopReason::NotRetryable)),
            RetryClass::UserAction => prop_assert_eq!(decision, Decision::AfterUserAction("act")),
            _ => {}
        }
    }

    #[test]
    fn the_cross_walk_is_total(code in any_code(), unknown in "[a-z_0-9]{0,40}") {
        if let AnyCode::RecallSubCode(sub_code) = code {
            let status = sub_code.category();
            let answer = outcome(Some(status), Some(sub_code.as_str()));
            if status.is_terminal() {
                let advice = answer.advice().map(|a| (a.failure_code, a.retry, a.handling, a.mapped_by));
                let row = (sub_code.failure_code(), sub_code.retry(), sub_code.handling(), MappedBy::Row);
                prop_assert_eq!(advice, Some(row));
            } else {
                prop_assert_eq!(answer, Outcome::Running);
            }
        }
        // Every status answers for any sub-code, known or not: running, ended, or a failure.
        for status in BotStatus::ALL {
            let answer = outcome(Some(status), Some(&unknown));
            match (status.is_terminal(), status.has_sub_code()) {
                (false, _) => prop_assert_eq!(answer, Outcome::Running),
                (true, false) => prop_assert_eq!(answer, Outcome::Ended),
                (true, true) => prop_assert!(answer.advice().is_some(), "{status} {unknown}"),
            }
        }
    }

    #[test]
    fn arbitrary_json_never_panics_a_decoder(value in json()) {
        decode_everything(&serde_json::to_vec(&value).expect("serialize"));
        let wrapped = serde_json::json!({"event": "bot.fatal", "data": value.clone()});
        decode_everything(&serde_json::to_vec(&wrapped).expect("serialize"));
        let envelope = serde_json::json!({"deliveryId": "d", "event": "job.failed", "emittedAt": "t",
            "attempt": 1, "version": 2, "data": value});
        decode_everything(&serde_json::to_vec(&envelope).expect("serialize"));
    }
}

/// Text shaped like an HTTP-date in any of its three forms, right or nearly right.
const DATE_LIKE: &str = "(Sun|Sat|Thu|Mon|Sunday|Friday|Saturday|sun)(, | |,  )[0-9 ]?[0-9][ -](Jan|Feb|Nov|Dec|nov)[ -]([0-9]{2}|[0-9]{4}) [0-2][0-9]:[0-6][0-9]:[0-6][0-9]( GMT| [0-9]{4}| UTC)?";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// At any `now`, a date reads without panicking; a date in a fixed form (IMF-fixdate or
    /// asctime) names one instant, so the delay it gives is that instant less `now`.
    #[test]
    fn retry_after_dates_read_at_any_now(
        value in DATE_LIKE,
        now in prop_oneof![any::<u64>(), 0..260_000_000_000u64],
    ) {
        let read = RetryAfter::parse(Some(&value), now);
        if value.contains('-') {
            return Ok(()); // RFC 850's year depends on `now`.
        }
        let at_epoch = RetryAfter::parse(Some(&value), 0);
        let instant = match at_epoch {
            RetryAfter::After(delay) => Some(delay.as_secs()),
            RetryAfter::Ignored(RetryAfterError::PastDate) => None, // At or before the epoch.
            other => {
                prop_assert_eq!(read, other, "malformed at every now");
                return Ok(());
            }
        };
        match instant {
            Some(at) if at > now => prop_assert_eq!(read, RetryAfter::After(Duration::from_secs(at - now))),
            _ => prop_assert_eq!(read, RetryAfter::Ignored(RetryAfterError::PastDate)),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Free text at every limit of the word scan, through every public path that reads it: a
    /// v1 reason, a v1 `job.failed`, and an unknown sub-code.
    #[test]
    fn text_at_every_limit_of_the_scan_never_panics(text in scan_text()) {
        let _ = FailureCode::from_legacy_reason(&text);
        let body = serde_json::json!({
            "deliveryId": "d", "event": "job.failed", "emittedAt": "2026-11-28T10:00:00Z",
            "attempt": 1, "data": {"jobId": "j", "status": "failed", "failure_reason": text},
        });
        let body = serde_json::to_vec(&body).expect("JSON");
        let event = JobFailed::from_json(&body).expect("a v1 envelope");
        let _ = (event.failure_code(), event.handling(), event.retry(), event.mapped_by());
        let sub_code = text.replace(' ', "_");
        let change = serde_json::json!({"code": "fatal", "sub_code": sub_code});
        let change = serde_json::to_vec(&change).expect("JSON");
        let change = StatusChange::from_json(&change).expect("a status change");
        let _ = (change.outcome(), change.failure_code());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The fuzz targets: parse, classify and the webhook decoders on large arbitrary bytes.
    #[test]
    fn arbitrary_bytes_never_panic_a_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..65_536)) {
        decode_everything(&bytes);
        for table in Table::ALL {
            let _ = table.from_bytes(&bytes);
        }
    }
}

// ---- one meaning, one answer ----

/// What a known code answers as a meetbot failure: itself, or its row's `failure_code`.
fn failure_of(code: AnyCode) -> Option<FailureCode> {
    match code {
        AnyCode::MeetbotFailureCode(failure) => Some(failure),
        other => other.failure_code(),
    }
}

/// Every code that answers as a failure and can be named in a sentence: one with a `_`
/// (`bot_kicked_from_call`, `RATE_LIMITED`), or a three-digit status. Taken from the tables, so
/// that a code added to the YAML is held to the property at once.
fn named_codes() -> Vec<(AnyCode, FailureCode)> {
    Table::ALL
        .into_iter()
        .flat_map(Table::codes)
        .filter(|code| {
            let text = code.as_str();
            text.contains('_') || (text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit()))
        })
        // A string that two tables know is named as the first table that answers for it.
        .filter_map(|code| {
            let first = lookup(code.as_str()).find(|c| failure_of(*c).is_some())?;
            (first == code).then(|| Some((code, failure_of(code)?)))?
        })
        .collect()
}

/// Sentences a person or a log writes around a code, none of whose words says anything the
/// rules read.
const TEMPLATES: [&str; 6] = [
    "{}",
    "job failed: {}",
    "Recall said {} (see the logs)",
    "error={} attempt=3",
    "[bot-7f3a] status {} at 14:02",
    "got \"{}\" from upstream, giving up",
];

#[test]
fn a_code_named_in_free_text_answers_as_its_row() {
    let codes = named_codes();
    assert!(
        codes
            .iter()
            .any(|(c, _)| c.table() != Table::MeetbotFailureCode)
    );
    for (code, failure) in codes {
        for template in TEMPLATES {
            let text = template.replace("{}", code.as_str());
            let reading = FailureCode::read_text(&text);
            assert_eq!(reading.code, Some(failure), "{text:?}");
            assert_eq!(reading.mapped_by, MappedBy::Named(code), "{text:?}");
        }
        // Denied, it is not the answer.
        let denied = FailureCode::read_text(&format!("not {}", code.as_str()));
        assert_ne!(denied.mapped_by, MappedBy::Named(code), "not {code}");
    }
}

/// Affixes a new sub-code may carry around a known one, none of them words the rules read.
const AFFIXES: [(&str, &str); 4] = [
    ("new_", ""),
    ("", "_v2"),
    ("legacy_", "_2"),
    ("zoom_", "_x"),
];

#[test]
fn a_code_inside_an_unknown_sub_code_answers_as_its_row() {
    let mut placed_by_name = 0;
    for (code, failure) in named_codes() {
        // Sub-codes are lower case: a SCREAMING_CASE hiring code is not put inside one.
        if code.as_str().bytes().any(|b| b.is_ascii_uppercase()) {
            continue;
        }
        for (before, after) in AFFIXES {
            let sub_code = format!("{before}{}{after}", code.as_str());
            // A longer known code around this one (`zoom_internal_error` around
            // `internal_error`) is the one named: the longest wins.
            let longer = Table::ALL.into_iter().flat_map(Table::codes).any(|other| {
                other.as_str().len() > code.as_str().len()
                    && other.as_str().contains(code.as_str())
                    && sub_code.contains(other.as_str())
            });
            if longer || SubCode::parse(&sub_code).is_ok() {
                continue;
            }
            // As the row does: a sub-code under its own status, any other code under `fatal`.
            let (status, row) = match code {
                AnyCode::RecallSubCode(row) => {
                    let status = Some(row.category());
                    (status, outcome(status, Some(row.as_str())))
                }
                _ => (Some(BotStatus::Fatal), Outcome::Unknown),
            };
            let placed = outcome(status, Some(&sub_code));
            match (row, placed) {
                (Outcome::Failed(row), Outcome::Failed(placed)) => {
                    assert_eq!(
                        (placed.failure_code, placed.retry, placed.handling),
                        (row.failure_code, row.retry, row.handling),
                        "{sub_code}"
                    );
                    assert_eq!(placed.mapped_by, MappedBy::Named(code), "{sub_code}");
                }
                (Outcome::Unknown, Outcome::Failed(placed)) => {
                    assert_eq!(placed.failure_code, failure, "{sub_code}");
                    assert_eq!(placed.mapped_by, MappedBy::Named(code), "{sub_code}");
                }
                (row, placed) => assert_eq!(placed, row, "{sub_code}"),
            }
            placed_by_name += 1;
        }
    }
    assert!(placed_by_name > 0);
}

#[test]
fn a_v1_reason_that_names_a_code_retries_and_is_handled_as_its_row() {
    for (code, failure) in named_codes() {
        let body = serde_json::json!({
            "deliveryId": "dlv_1", "event": "job.failed", "emittedAt": "2026-11-28T10:00:00Z",
            "attempt": 1,
            "data": {"jobId": "job_1", "status": "failed",
                     "failure_reason": format!("bot gave up: {}", code.as_str())},
        })
        .to_string();
        let event = JobFailed::from_json(body.as_bytes()).expect("a v1 envelope");
        assert_eq!(
            event.failure_code().and_then(|c| c.known()),
            Some(failure),
            "{code}"
        );
        assert_eq!(event.mapped_by(), MappedBy::Named(code), "{code}");
        assert_eq!(
            event.retry(),
            code.retry().unwrap_or(failure.retry()),
            "{code}"
        );
        assert_eq!(
            event.handling(),
            code.handling().unwrap_or(failure.handling()),
            "{code}"
        );
    }
}

#[test]
fn the_last_code_named_decides_and_a_denied_one_does_not() {
    let read = |text: &str| FailureCode::read_text(text);
    let lobby = AnyCode::MeetbotFailureCode(FailureCode::LobbyTimeout);
    for denied in [
        "not a lobby_timeout: the host never arrived",
        "wasn't lobby_timeout, the host never arrived",
        "wasn’t a lobby_timeout",
        "no lobby_timeout here",
    ] {
        assert_ne!(read(denied).mapped_by, MappedBy::Named(lobby), "{denied}");
    }
    // Past the negation's reach, or after a comma, a code counts again.
    let counted = read("not a problem, lobby_timeout");
    assert_eq!(counted.mapped_by, MappedBy::Named(lobby));
    let last = read("first network_loss, then meeting_not_found");
    assert_eq!(last.code, Some(FailureCode::MeetingNotFound));
    // A last code whose row answers no failure (Recall's 402) leaves the words to decide.
    let words = read("a 503 on create, then a 402: out of credit");
    assert_eq!(words.code, Some(FailureCode::QuotaExceeded));
    assert!(!matches!(words.mapped_by, MappedBy::Named(_)));
}

/// A question that asks whether something happened states nothing unless it is answered yes
/// (one that asks why states its cause); a clause that a hypothetical word begins supposes where
/// a skipped word follows it ("could be", not "could not" nor "could only"); a negation before a
/// phrase's first word denies the phrase, wherever it ends.
#[test]
fn questions_and_hedges_state_nothing_and_a_denied_phrase_is_denied() {
    let read = |text: &str| FailureCode::read_text(text);
    for text in [
        "Could this be a network issue? Still investigating.",
        "Was the meeting already over? The customer can't remember.",
        "Was the bot removed from the meeting, or did it time out in the lobby? Nobody can tell.",
        "Could be an expired token or a wrong link; still investigating.",
        "We suspect somebody removed it from the call; nobody has confirmed it.",
    ] {
        let reading = read(text);
        assert_eq!(reading.code, None, "{text}: {reading:?}");
    }
    let removed = Some(FailureCode::RemovedFromMeeting);
    for stated in [
        "Was the bot kicked from the call? Yes, at 10:20.",
        "Why was the bot kicked from the call?",
    ] {
        assert_eq!(read(stated).code, removed, "{stated}");
    }
    let passcode = read("Could not join: the meeting passcode is wrong");
    assert_eq!(passcode.code, Some(FailureCode::MeetingNotFound));
    // The words deny the removal: no answer says billed.
    let denied = read("Not removed: the bot was never in the call");
    assert!(
        denied
            .code
            .is_none_or(|code| code.billing() == error_taxonomy::Billing::NotBilled),
        "{denied:?}"
    );
    // Past a speaker's tag, a question still asks and a hedge still supposes; a yes need not
    // stand alone; a comma ends a hedge, and a word other than a skipped one after `could`
    // states; a colon ends a hypothetical clause; `why` ends a negation's reach.
    for text in [
        "[jo] was it kicked? [sam] still checking",
        "[11:03] marc: could be the VPN",
    ] {
        assert_eq!(read(text).code, None, "{text}");
    }
    for (text, code) in [
        (
            "Was the bot kicked? Yes it was.",
            FailureCode::RemovedFromMeeting,
        ),
        (
            "Could be the VPN, logs show the connection dropped mid call",
            FailureCode::NetworkLoss,
        ),
        (
            "Could only record 2 min before the host removed it",
            FailureCode::RemovedFromMeeting,
        ),
        (
            "Customer asked whether the bot was rejected: it was not, the host never arrived",
            FailureCode::WaitingForHost,
        ),
        (
            "Not sure why the host kicked the bot",
            FailureCode::RemovedFromMeeting,
        ),
    ] {
        assert_eq!(read(text).code, Some(code), "{text}");
    }
    // Past the questions told apart, one that only asks is read as any clause: it does not
    // grow the last over what the text states between them.
    let asked = " was it them?".repeat(error_taxonomy::MAX_HYPOTHETICAL);
    let stated = read(&format!("{asked} The host kicked the bot. Was it them?"));
    assert_eq!(stated.code, removed);
}

/// Findings of a review: a quoted code is a code; a number of seconds is no status; a word that
/// ends a negation's reach (`after`, `then`) frees the code after it.
#[test]
fn named_codes_in_quotes_after_a_reach_and_not_durations() {
    let read = |text: &str| FailureCode::read_text(text);
    let kicked = AnyCode::RecallSubCode(SubCode::BotKickedFromCall);
    for text in [
        "failed with 'bot_kicked_from_call'",
        "failed with \u{201c}bot_kicked_from_call\u{201d}",
        "failed with \u{2018}bot_kicked_from_call\u{2019}",
        "the bot never recovered after bot_kicked_from_call",
        "no network issue then bot_kicked_from_call",
    ] {
        assert_eq!(read(text).mapped_by, MappedBy::Named(kicked), "{text}");
    }
    let waited = read("the bot waited 503 seconds in the lobby");
    assert!(
        !matches!(waited.mapped_by, MappedBy::Named(_)),
        "{waited:?}"
    );
    assert_eq!(waited.code, Some(FailureCode::LobbyTimeout));
    assert!(matches!(
        read("Recall answered 503, twice").mapped_by,
        MappedBy::Named(_)
    ));
}

/// A code named before a contrast yields to the cause stated after it, whether or not the words
/// before the contrast found anything; with nothing stated after it, the code stands.
#[test]
fn a_named_code_yields_to_a_cause_stated_after_a_contrast() {
    let read = |text: &str| FailureCode::read_text(text);
    for (text, code) in [
        (
            "a 429 on the upload is noise, but the media connection dropped 20 min into the call",
            FailureCode::NetworkLoss,
        ),
        (
            "lobby_timeout was logged, but the organiser rejected the bot's join request",
            FailureCode::HostDeniedAdmission,
        ),
    ] {
        let reading = read(text);
        assert_eq!(reading.code, Some(code), "{text}");
        assert!(!matches!(reading.mapped_by, MappedBy::Named(_)), "{text}");
    }
    let stands = read("the media connection dropped, then lobby_timeout");
    assert_eq!(stands.code, Some(FailureCode::LobbyTimeout));
    // A contrast before the code, whatever it stated, sets the code aside no more than none.
    let lobby = MappedBy::Named(AnyCode::MeetbotFailureCode(FailureCode::LobbyTimeout));
    for text in [
        "lobby_timeout fired, but nobody looked further",
        "the bot joined, but the media connection dropped. lobby_timeout fired, but nobody looked further",
    ] {
        assert_eq!(read(text).mapped_by, lobby, "{text}");
    }
}

/// A code named where the text only supposes it, in a clause from `if` (or `whether`, `maybe`)
/// to its end, or asked about in a question answered no, is not named, and its words find
/// nothing. Each such clause is told apart up to `MAX_HYPOTHETICAL`; past it, the last reaches
/// on to the end of the last, and a code named after them all still answers.
#[test]
fn a_code_supposed_or_asked_about_answers_nothing() {
    let read = |text: &str| FailureCode::read_text(text);
    for clause in [
        "if it were bot_kicked_from_call, we would see a manifest. ",
        "whether bot_kicked_from_call or lobby_timeout, nobody can tell; ",
        "was it bot_kicked_from_call? no, ",
        "[jo] bot_kicked_from_call? [11:03] sam: nope. ",
        "bot_kicked_from_call?? maybe - ",
    ] {
        for count in [
            1,
            MAX_HYPOTHETICAL - 1,
            MAX_HYPOTHETICAL,
            MAX_HYPOTHETICAL + 1,
            MAX_HYPOTHETICAL + 3,
        ] {
            let text = clause.repeat(count);
            let reading = read(&text);
            assert_eq!(reading.code, None, "{text}: {reading:?}");
            let named = format!("{text}. meeting_not_found");
            assert_eq!(
                read(&named).mapped_by,
                MappedBy::Named(AnyCode::MeetbotFailureCode(FailureCode::MeetingNotFound)),
                "{named}"
            );
        }
    }
    // Asked and not answered no, the question is read as any clause.
    let kicked = MappedBy::Named(AnyCode::RecallSubCode(SubCode::BotKickedFromCall));
    for text in [
        "bot_kicked_from_call?",
        "why bot_kicked_from_call? the host pressed remove",
        "was it bot_kicked_from_call? yes",
    ] {
        assert_eq!(read(text).mapped_by, kicked, "{text}");
    }
}

/// The codes some table knows whose rows answer no failure: states the bot was in
/// (`in_waiting_room`), events, statuses that carry no failure.
fn silent_codes() -> Vec<AnyCode> {
    Table::ALL
        .into_iter()
        .flat_map(Table::codes)
        .filter(|code| code.as_str().contains('_'))
        .filter(|code| lookup(code.as_str()).all(|c| failure_of(c).is_none()))
        .collect()
}

/// A code whose row answers no failure names no cause: its words are no phrases, in any
/// sentence, and the code alone answers nothing, whatever words it is made of (`in_waiting_room` is a state, not a
/// waiting room). Its words still say where the bot was: a meeting the host ended while the
/// bot was `in_call_recording` ended with the bot in it.
#[test]
fn a_code_that_answers_no_failure_names_no_cause() {
    let codes = silent_codes();
    assert!(codes.iter().any(|code| code.as_str() == "in_waiting_room"));
    for code in codes {
        let alone = FailureCode::read_text(code.as_str());
        assert_eq!(alone.code, None, "{code}: {alone:?}");
        for template in TEMPLATES {
            let text = template.replace("{}", code.as_str());
            let reading = FailureCode::read_text(&text);
            assert!(
                !matches!(reading.mapped_by, MappedBy::Phrase(_)),
                "{text}: {reading:?}"
            );
        }
    }
    let read = |text: &str| FailureCode::read_text(text).code;
    assert_eq!(
        read("in the waiting room for 10 minutes"),
        Some(FailureCode::LobbyTimeout)
    );
    assert_eq!(
        read("meeting ended by the host while the bot was in_call_recording"),
        Some(FailureCode::RemovedFromMeeting)
    );
    assert_eq!(
        read("meeting ended by the host while the bot was in_waiting_room"),
        Some(FailureCode::MeetingEnded)
    );
}
