//! The `explain` example, driven through its `run` function.

#[allow(dead_code)]
#[path = "../examples/explain.rs"]
mod explain;

use error_taxonomy::{Table, meetbot};
use serde_json::Value;

fn run(args: &[&str]) -> Result<String, String> {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    explain::run(&args)
}

#[test]
fn a_code_gets_a_card_per_table() {
    let out = run(&["meeting_not_found"]).expect("known code");
    assert!(
        out.contains("meeting_not_found (meetbot.failure_code)"),
        "{out}"
    );
    assert!(out.contains("meeting_not_found (recall.sub_code)"), "{out}");
    assert!(
        out.contains("failure code meeting_not_found (meetbot)"),
        "{out}"
    );
    assert!(
        out.contains(meetbot::FailureCode::MeetingNotFound.action()),
        "{out}"
    );
}

#[test]
fn a_card_shows_status_and_retry() {
    let out = run(&["507"]).expect("known code");
    assert!(out.contains("http status  507"), "{out}");
    assert!(
        out.contains("retry        after Retry-After, else after 30 s"),
        "{out}"
    );
    let out = run(&["CLOCK_REJECTED"]).expect("known code");
    assert!(out.contains("http status  429"), "{out}");
    assert!(out.contains("retry-after  yes"), "{out}");
}

#[test]
fn another_casing_finds_the_code() {
    let out = run(&["Host_Denied_Admission"]).expect("casing");
    assert!(
        out.starts_with("host_denied_admission (meetbot.failure_code)"),
        "{out}"
    );
}

#[test]
fn all_as_json_lists_every_code_with_its_fields() {
    let out = run(&["--all", "--json"]).expect("json");
    let cards: Vec<Value> = serde_json::from_str(&out).expect("valid JSON");
    let total: usize = Table::ALL.iter().map(|t| t.len()).sum();
    assert_eq!(cards.len(), total);
    for card in &cards {
        for key in [
            "table",
            "code",
            "http_status",
            "billing",
            "retry",
            "action",
            "description",
        ] {
            assert!(card.get(key).is_some(), "{card} lacks {key}");
        }
    }
    let removed = cards
        .iter()
        .find(|c| c["code"] == "removed_from_meeting")
        .expect("removed_from_meeting");
    assert_eq!(removed["table"], "meetbot.failure_code");
    assert_eq!(removed["billing"], "recorded_portion");
    assert_eq!(removed["http_status"], Value::Null);
    let kicked = cards
        .iter()
        .find(|c| c["code"] == "bot_kicked")
        .expect("bot_kicked");
    assert_eq!(kicked["failure_code"], "removed_from_meeting");
    let too_many = cards.iter().find(|c| c["code"] == "429").expect("429");
    assert_eq!(too_many["http_status"], 429);
    assert_eq!(too_many["retry"], "retry_after");
}

#[test]
fn one_code_as_json() {
    let out = run(&["fatal", "--json"]).expect("json");
    let cards: Vec<Value> = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0]["terminal"], true);
    assert_eq!(cards[0]["has_sub_code"], true);
}

#[test]
fn no_argument_prints_every_table() {
    let out = run(&[]).expect("overview");
    for table in Table::ALL {
        assert!(
            out.contains(&format!("{table} ({} codes)", table.len())),
            "{table}"
        );
    }
    assert!(out.contains("DUPLICATE_CANDIDATE"));
}

#[test]
fn an_unknown_code_names_the_closest_known_ones() {
    let error = run(&["bot_kiked"]).expect_err("unknown");
    assert_eq!(
        error,
        "unknown code \"bot_kiked\" in every table; closest known: bot_kicked"
    );
    assert!(!error.contains('\n'));
    let error = run(&["zzzzzzzzzzzzzzzzzzzzzz"]).expect_err("unknown");
    assert!(!error.contains("closest"), "{error}");
    let long = "x".repeat(5000);
    let error = run(&[&long]).expect_err("unknown");
    assert!(error.len() < 200, "{error}");
}

#[test]
fn bad_usage_is_an_error() {
    assert!(
        run(&["--bogus"])
            .expect_err("flag")
            .starts_with("unknown option --bogus")
    );
    assert!(run(&["a", "b"]).is_err());
    assert!(run(&["fatal", "--all"]).is_err());
}
