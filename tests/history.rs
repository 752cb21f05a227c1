//! A bot's whole history: the seed's example and realistic histories read to their verdicts,
//! billing by the 60-second rule on both sides of a minute, and properties that hold for any
//! history, hostile ones included.

use std::time::Duration;

use error_taxonomy::MappedBy;
use error_taxonomy::meetbot::{FailureCode, MIN_BILLED_RECORDING};
use error_taxonomy::recall::{
    Billed, BillingNote, BotLogCode, BotStatus, History, Note, Outcome, SubCode,
};
use proptest::prelude::*;

#[path = "support/history.rs"]
mod changes;
use changes::unknown_changes;

fn read(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/history/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn verdict_of(name: &str) -> error_taxonomy::recall::Verdict {
    let body = read(name);
    History::from_json(&body, None).expect(name).verdict()
}

#[test]
fn seed_002s_example_is_a_bot_still_recording() {
    let body = read("seed_002.json");
    let history = History::from_json(&body, None).expect("the seed's array");
    let verdict = history.verdict();
    // Joined at 16:44:23.288984, after 5.596642 s in the waiting room.
    assert_eq!(verdict.joined_at, history.changes[2].at);
    assert_eq!(verdict.waiting_room, Some(Duration::from_micros(5_596_642)));
    assert_eq!(verdict.recordings.len(), 1);
    assert_eq!(verdict.recordings[0].end, None, "still recording");
    // The recording has not ended: how much it recorded, and so billing, is not known yet.
    assert_eq!(verdict.recorded, None);
    assert_eq!(verdict.billed, Billed::Unknown);
    assert_eq!(verdict.outcome, Outcome::Running);
    assert!(history.notes.is_empty());
}

#[test]
fn a_removal_is_billed_by_the_time_recorded_on_both_sides_of_a_minute() {
    let short = verdict_of("removed_after_20s.json");
    assert_eq!(short.recorded, Some(Duration::from_secs(20)));
    assert_eq!(
        short.failure.map(|a| a.failure_code),
        Some(FailureCode::RemovedFromMeeting)
    );
    assert_eq!(short.billed, Billed::No);
    assert_eq!(
        short.billing_note,
        Some(BillingNote::UnderAMinute(Duration::from_secs(20)))
    );
    assert_eq!(short.waiting_room, Some(Duration::from_secs(20)));
    let long = verdict_of("removed_after_20min.json");
    assert_eq!(long.recorded, Some(Duration::from_secs(1200)));
    assert_eq!(long.billed, Billed::Yes);
    assert_eq!(long.billing_note, None);
    // Either way, the verdict agrees with the code's own rule on that recorded time.
    for verdict in [short, long] {
        let code = verdict.failure.expect("a failure").failure_code;
        let recorded = verdict.recorded.expect("timed");
        assert_eq!(verdict.billed == Billed::Yes, code.is_billed(recorded));
    }
}

#[test]
fn a_waiting_room_timeout_recorded_nothing() {
    let verdict = verdict_of("waiting_room_timeout.json");
    assert_eq!(verdict.joined_at, None);
    assert_eq!(verdict.waiting_room, Some(Duration::from_secs(600)));
    assert_eq!(verdict.recorded, Some(Duration::ZERO));
    assert_eq!(verdict.billed, Billed::No);
    let advice = verdict.failure.expect("a failure");
    assert_eq!(advice.failure_code, FailureCode::LobbyTimeout);
    assert_eq!(advice.mapped_by, MappedBy::Row);
}

#[test]
fn a_denial_the_bot_recovered_from_is_kept_apart_from_one_that_ended_the_recording() {
    let granted = verdict_of("permission_granted_later.json");
    assert_eq!(granted.denials.len(), 1);
    assert!(granted.denials[0].recovered);
    assert_eq!(granted.recorded, Some(Duration::from_secs(300)));
    assert_eq!(granted.billed, Billed::Yes);

    let body = read("permission_denied_final.json");
    let logs = read("permission_denied_final.logs.json");
    let history = History::from_json(&body, Some(&logs)).expect("a history with logs");
    let denied = history.verdict();
    assert_eq!(denied.denials.len(), 1);
    assert!(!denied.denials[0].recovered);
    assert_eq!(
        denied.failure.map(|a| a.failure_code),
        Some(FailureCode::RecordingDisabled)
    );
    assert_eq!(denied.billed, Billed::No);
    // The OAuth token fetch failed, so the bot asked the host: the log explains the denial.
    assert_eq!(denied.explained.len(), 1);
    let explained = denied.explained[0];
    assert_eq!(
        explained.code,
        BotLogCode::ZoomJoinTokenFetchUsingZoomOauthFailed
    );
    assert_eq!(explained.explains, Some(denied.denials[0].change));
}

#[test]
fn a_failure_after_a_minute_of_recording_says_where_the_rule_and_the_code_part() {
    let verdict = verdict_of("internal_error_after_20min.json");
    assert_eq!(
        verdict.failure.map(|a| a.failure_code),
        Some(FailureCode::InternalError)
    );
    assert_eq!(verdict.billed, Billed::Yes);
    assert_eq!(
        verdict.billing_note,
        Some(BillingNote::RecordedAMinute(Duration::from_secs(1200)))
    );
    let drop = verdict_of("network_drop_after_3min.json");
    assert_eq!(
        drop.failure.map(|a| a.failure_code),
        Some(FailureCode::NetworkLoss)
    );
    assert_eq!(drop.billed, Billed::Yes);
    assert_eq!(drop.billing_note, None);
}

#[test]
fn out_of_order_repeated_and_untimed_changes_are_read_and_reported() {
    let body = read("out_of_order.json");
    let history = History::from_json(&body, None).expect("read");
    assert!(
        history.notes.contains(&Note::OutOfOrder(1)),
        "{:?}",
        history.notes
    );
    assert!(
        history.notes.contains(&Note::Duplicate(3)),
        "{:?}",
        history.notes
    );
    assert!(
        history.notes.contains(&Note::NoTime(4)),
        "{:?}",
        history.notes
    );
    let verdict = history.verdict();
    // The change without a time falls inside the recording, where it came: whether it stopped
    // the recording is not known, so neither is the recorded time, nor billing.
    assert_eq!(verdict.recorded, None);
    assert_eq!(verdict.billed, Billed::Unknown);
    assert_eq!(
        verdict.failure.map(|a| a.failure_code),
        Some(FailureCode::RemovedFromMeeting)
    );
}

/// For every failure code a known sub-code carries: a history that ends in that sub-code reads
/// to its row, billed by the time recorded (none before joining, 90 s for a code billed so).
#[test]
fn every_sub_code_row_ends_a_history_as_its_row_says() {
    for sub_code in SubCode::ALL {
        let status = sub_code.category();
        if !status.is_terminal() {
            continue;
        }
        let failure = sub_code.failure_code();
        let recorded = failure.billing().may_bill();
        let mut changes =
            vec![r#"{"code": "joining_call", "created_at": "2026-01-01T10:00:00Z"}"#.to_owned()];
        if recorded {
            changes.push(
                r#"{"code": "in_call_recording", "created_at": "2026-01-01T10:00:10Z"}"#.to_owned(),
            );
        }
        changes.push(format!(
            r#"{{"code": "{}", "sub_code": "{}", "created_at": "2026-01-01T10:01:40Z"}}"#,
            status.as_str(),
            sub_code.as_str()
        ));
        let body = format!("[{}]", changes.join(","));
        let verdict = History::from_json(body.as_bytes(), None)
            .expect("read")
            .verdict();
        let advice = verdict.failure.expect("a failure");
        assert_eq!(advice.failure_code, failure, "{sub_code}");
        assert_eq!(
            (advice.retry, advice.handling),
            (sub_code.retry(), sub_code.handling())
        );
        let expected = if recorded { Billed::Yes } else { Billed::No };
        assert_eq!(verdict.billed, expected, "{sub_code}");
    }
}

// ---- properties and hostile histories ----

fn status_changes() -> impl Strategy<Value = Vec<(String, Option<String>, Option<i64>)>> {
    let code = prop_oneof![
        4 => proptest::sample::select(BotStatus::ALL.to_vec()).prop_map(|s| s.as_str().to_owned()),
        1 => "[a-z_]{1,12}",
    ];
    let sub = proptest::option::of(prop_oneof![
        proptest::sample::select(SubCode::ALL.to_vec()).prop_map(|s| s.as_str().to_owned()),
        "[a-z_]{1,20}".prop_map(String::from),
    ]);
    let at = proptest::option::weighted(0.95, 0i64..100_000);
    proptest::collection::vec((code, sub, at), 0..40)
}

fn body(changes: &[(String, Option<String>, Option<i64>)]) -> String {
    let entries: Vec<serde_json::Value> = changes
        .iter()
        .map(|(code, sub, at)| {
            let created = at.map(|s| {
                let t = 1_700_000_000 + s;
                let (days, rest) = (t / 86_400, t % 86_400);
                // Days since the epoch to a date, by the crate's own parser's inverse: use a
                // fixed month so that the date stays valid.
                format!(
                    "2023-11-{:02}T{:02}:{:02}:{:02}Z",
                    14 + days - 19_675,
                    rest / 3600,
                    rest % 3600 / 60,
                    rest % 60
                )
            });
            serde_json::json!({"code": code, "sub_code": sub, "created_at": created})
        })
        .collect();
    serde_json::to_string(&entries).expect("JSON")
}

proptest! {
    /// Any order of the same changes reads to the same verdict; the recorded time never exceeds
    /// the span from the first to the last time; billing agrees with the code's own rule.
    #[test]
    fn a_history_s_verdict_does_not_depend_on_its_order(
        changes in status_changes(),
        seed in any::<u64>(),
    ) {
        let timed: Vec<_> = changes.iter().filter(|c| c.2.is_some()).cloned().collect();
        let verdict = History::from_json(body(&timed).as_bytes(), None).expect("read").verdict();
        let mut shuffled = timed.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        // Equal times keep their order as they came: compare only histories whose times differ.
        let mut times: Vec<i64> = timed.iter().filter_map(|c| c.2).collect();
        times.sort_unstable();
        times.dedup();
        if times.len() == timed.len() {
            let again = History::from_json(body(&shuffled).as_bytes(), None).expect("read").verdict();
            prop_assert_eq!(&again, &verdict);
        }
        if let (Some(recorded), Some(first), Some(last)) = (verdict.recorded, times.first(), times.last()) {
            prop_assert!(recorded <= Duration::from_secs(u64::try_from(last - first).unwrap_or(0)));
        }
        if let (Some(advice), Some(recorded)) = (verdict.failure, verdict.recorded) {
            if advice.billing().may_bill() {
                prop_assert_eq!(verdict.billed == Billed::Yes, advice.failure_code.is_billed(recorded));
            } else if verdict.billed == Billed::Yes {
                prop_assert!(recorded >= MIN_BILLED_RECORDING);
                prop_assert!(matches!(verdict.billing_note, Some(BillingNote::RecordedAMinute(_))));
            }
        }
        // Any history, with or without times: no panic, and every untimed change is noted.
        let all = body(&changes);
        let _ = History::from_json(all.as_bytes(), None).expect("read").verdict();
    }
}

#[test]
fn a_million_changes_of_unknown_codes_are_read() {
    // How the time grows with the changes is measured in `benches/wire.rs` (`history`).
    let n = 1_000_000;
    let body = unknown_changes(n);
    let history = History::from_json(body.as_bytes(), None).expect("read");
    let verdict = history.verdict();
    assert_eq!(verdict.outcome, Outcome::Unknown);
    assert_eq!(verdict.billed, Billed::No, "nothing recorded");
    assert!(history.changes.len() <= n);
}

#[test]
fn extreme_and_broken_timestamps_never_panic() {
    let body = br#"[
        {"code": "joining_call", "created_at": "0000-01-01T00:00:00Z"},
        {"code": "in_call_recording", "created_at": "0000-01-01T00:00:01Z"},
        {"code": "done", "created_at": "9999-12-31T23:59:60.999999Z"},
        {"code": "fatal", "created_at": "9999-99-99T99:99:99Z", "sub_code": 7},
        {"code": 42, "created_at": "2024-01-01T00:00:00Z"},
        7, null, "text", [1, 2],
        {"code": "call_ended", "created_at": "2024-02-30T00:00:00Z", "sub_code": "bot_kicked_from_call"}
    ]"#;
    let history = History::from_json(body, None).expect("read");
    let verdict = history.verdict();
    assert!(
        history
            .notes
            .iter()
            .any(|n| matches!(n, Note::Unreadable(4)))
    );
    assert!(history.notes.iter().any(|n| matches!(n, Note::NoTime(3))));
    // From year 0 to year 9999 is recorded: about 10,000 years, and no overflow.
    assert!(
        verdict
            .recorded
            .is_some_and(|r| r > Duration::from_secs(300_000_000_000))
    );
    assert!(History::from_json(b"{\"id\": 1}", None).is_err());
    assert!(History::from_json(b"not json", None).is_err());
}

/// Findings of a review: a change that stops nothing (another person in the waiting room) does
/// not end a recording; a change without a time, or a status this crate does not know, inside
/// one leaves its length unknown; a history that ends in the waiting room does not say how long
/// the wait was; a leap second is read only at the end of a UTC day.
#[test]
fn only_a_change_that_stops_recording_ends_a_span() {
    let verdict = |body: &str| {
        History::from_json(body.as_bytes(), None)
            .expect("read")
            .verdict()
    };
    let other_waiting = verdict(
        r#"[{"code": "in_call_recording", "created_at": "2026-01-01T10:00:00Z"},
            {"code": "participant_in_waiting_room", "created_at": "2026-01-01T10:00:10Z"},
            {"code": "call_ended", "sub_code": "bot_kicked_from_call", "created_at": "2026-01-01T10:05:00Z"}]"#,
    );
    assert_eq!(other_waiting.recorded, Some(Duration::from_secs(300)));
    assert_eq!(other_waiting.billed, Billed::Yes);
    let untimed_end = verdict(
        r#"[{"code": "in_call_recording", "created_at": "2026-01-01T10:00:00Z"},
            {"code": "call_ended", "sub_code": "bot_kicked_from_call"},
            {"code": "done", "created_at": "2026-01-01T10:01:30Z"}]"#,
    );
    assert_eq!(
        untimed_end.recorded, None,
        "when the call ended is not known"
    );
    assert_eq!(untimed_end.billed, Billed::Unknown);
    let unknown_inside = verdict(
        r#"[{"code": "in_call_recording", "created_at": "2026-01-01T10:00:00Z"},
            {"code": "a_status_from_tomorrow", "created_at": "2026-01-01T10:00:10Z"},
            {"code": "done", "created_at": "2026-01-01T10:01:30Z"}]"#,
    );
    assert_eq!(unknown_inside.recorded, None);
    let still_waiting = verdict(
        r#"[{"code": "joining_call", "created_at": "2026-01-01T10:00:00Z"},
            {"code": "in_waiting_room", "created_at": "2026-01-01T10:00:05Z"}]"#,
    );
    assert_eq!(still_waiting.waiting_room, None);
    let leap = error_taxonomy::recall::rfc3339_micros;
    assert!(leap("2016-12-31T23:59:60Z").is_some());
    assert!(leap("2016-12-31T18:59:60-05:00").is_some());
    assert_eq!(leap("2024-02-17T16:44:60Z"), None);
}
