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
        out.contains("failure code  meeting_not_found (meetbot.failure_code)"),
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
    assert!(out.contains("HTTP status   507"), "{out}");
    assert!(
        out.contains("retry         after `Retry-After`, else after 30 s"),
        "{out}"
    );
    let out = run(&["CLOCK_REJECTED"]).expect("known code");
    assert!(out.contains("HTTP status   429"), "{out}");
    assert!(out.contains("sends Retry-After yes"), "{out}");
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

fn json(args: &[&str]) -> Value {
    let out = run(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    serde_json::from_str(&out).expect("valid JSON")
}

#[test]
fn a_meetbot_v2_webhook_is_explained() {
    let answer = json(&["--webhook", "tests/data/job_failed_v2.json", "--json"]);
    assert_eq!(answer["kind"], "meetbot.job_failed");
    assert_eq!(answer["code"], "host_denied_admission");
    assert_eq!(answer["code_known"], true);
    assert_eq!(answer["sub_code"], Value::Null);
    assert_eq!(answer["sub_code_known"], Value::Null);
    assert_eq!(answer["failure_code"], "host_denied_admission");
    assert_eq!(answer["billing"], "not_billed");
    assert_eq!(answer["retry"], "never");
    assert_eq!(answer["version"], 2);
}

#[test]
fn a_meetbot_v1_webhook_is_explained_by_its_reason() {
    let answer = json(&["--webhook", "tests/data/job_failed_v1.json", "--json"]);
    assert_eq!(answer["version"], 1);
    assert_eq!(answer["code"], "removed_from_meeting");
    assert_eq!(answer["billing"], "recorded_portion");
    // "Bot was kicked from the call by the host after 12m": the phrase that weighed most.
    assert_eq!(answer["mapped_by"]["by"], "phrase");
    assert_eq!(answer["mapped_by"]["phrase"], "kick from call");
}

/// A status webhook with `sub_code`, written to a file for `--webhook`.
fn status_webhook(code: &str, sub_code: &str) -> Value {
    let body = format!(
        r#"{{"event": "bot.{code}", "data": {{"data": {{"code": "{code}", "sub_code": "{sub_code}",
        "updated_at": "2026-05-09T14:00:00Z"}}, "bot": {{"id": "bot_1", "metadata": {{}}}}}}}}"#
    );
    let path = std::env::temp_dir().join(format!(
        "explain-{code}-{sub_code}-{}.json",
        std::process::id()
    ));
    std::fs::write(&path, body).expect("write");
    let answer = json(&["--webhook", path.to_str().expect("UTF-8"), "--json"]);
    let _ = std::fs::remove_file(&path);
    answer
}

#[test]
fn a_webhook_says_how_its_failure_code_was_reached() {
    let row = status_webhook("fatal", "meeting_full");
    assert_eq!(row["mapped_by"], serde_json::json!({"by": "row"}));
    let stripped = status_webhook("fatal", "zoom_meeting_password_incorrect");
    assert_eq!(stripped["failure_code"], "meeting_not_found");
    assert_eq!(stripped["mapped_by"]["by"], "prefix_stripped");
    assert_eq!(stripped["mapped_by"]["row"], "meeting_password_incorrect");
    let cue = status_webhook("call_ended", "bot_removed_from_waiting_room");
    assert_eq!(cue["failure_code"], "host_denied_admission");
    assert_eq!(cue["mapped_by"]["by"], "cue");
    assert_eq!(cue["mapped_by"]["rule"], "refused_before_admission");
    assert!(
        cue["mapped_by"]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    let default = status_webhook("call_ended", "call_ended_reason_42");
    assert_eq!(default["failure_code"], "removed_from_meeting");
    assert_eq!(default["billing"], "recorded_portion");
    assert_eq!(default["mapped_by"]["by"], "status_default");
}

#[test]
fn a_status_after_which_the_bot_goes_on_is_no_failure() {
    for sub_code in [
        "zoom_host_not_present",
        "zoom_bot_in_waiting_room",
        "zoom_new_reason",
    ] {
        let answer = status_webhook("recording_permission_denied", sub_code);
        assert_eq!(answer["outcome"], "running", "{sub_code}");
        assert_eq!(answer["failure_code"], Value::Null, "{sub_code}");
        assert_eq!(
            answer["retry"],
            Value::Null,
            "{sub_code}: no retry while the bot may record"
        );
    }
}

#[test]
fn recall_webhooks_are_explained_in_both_shapes() {
    let current = json(&["--webhook", "tests/data/recall_current.json", "--json"]);
    assert_eq!(current["kind"], "recall.status_webhook");
    assert_eq!(current["shape"], "current");
    assert_eq!(current["code"], "fatal");
    assert_eq!(current["sub_code"], "google_meet_sign_in_failed");
    assert_eq!(current["sub_code_known"], true);
    assert_eq!(current["failure_code"], "auth_failure");
    assert_eq!(current["retry"], "user_action");
    let legacy = json(&["--webhook", "tests/data/recall_legacy.json", "--json"]);
    assert_eq!(legacy["shape"], "legacy");
    assert_eq!(legacy["failure_code"], "removed_from_meeting");
    let text = run(&["--webhook", "tests/data/recall_legacy.json"]).expect("text");
    assert!(
        text.contains("failure_code   removed_from_meeting"),
        "{text}"
    );
}

#[test]
fn responses_are_classified() {
    let update = json(&[
        "--response",
        "400",
        "--body",
        "tests/data/recall_400.json",
        "--json",
    ]);
    assert_eq!(update["status"], 400);
    assert_eq!(update["code"], "update_bot_failed");
    assert_eq!(update["code_known"], true);
    assert_eq!(update["detail"], "Only non-dispatched bots can be updated");
    assert_eq!(update["cause"], "only_non_dispatched_bots_can_be_updated");
    assert_eq!(update["retry"]["decision"], "do_not_retry");
    assert_eq!(update["retry"]["after_ms"], Value::Null);

    let limited = json(&["--response", "429", "--retry-after", "7", "--json"]);
    assert_eq!(limited["retry"]["decision"], "retry");
    assert_eq!(limited["retry"]["after_ms"], 7000);
    let pool = json(&["--response", "507", "--json"]);
    assert_eq!(pool["retry"]["after_ms"], 30_000);
    let past = json(&[
        "--response",
        "507",
        "--retry-after",
        "Thu, 01 Jan 1970 00:00:01 GMT",
        "--json",
    ]);
    assert_eq!(past["retry_after"], "Retry-After is a date in the past");
    assert_eq!(past["retry"]["after_ms"], 30_000);
    let top_up = json(&["--response", "402", "--json"]);
    assert_eq!(top_up["retry"]["decision"], "after_user_action");
    let blocked = json(&[
        "--response",
        "403",
        "--body",
        "tests/data/recall_403.html",
        "--json",
    ]);
    assert_eq!(blocked["code"], "request_blocked");
}

#[test]
fn malformed_input_is_a_one_line_error_with_status_2() {
    let missing = run(&["--webhook", "tests/data/no_such_file.json"]).expect_err("missing file");
    assert!(
        missing.starts_with("cannot read tests/data/no_such_file.json"),
        "{missing}"
    );
    let not_a_webhook = run(&["--webhook", "tests/data/recall_403.html"]).expect_err("HTML");
    assert!(
        not_a_webhook.starts_with("tests/data/recall_403.html: expected value at line 1 column 1"),
        "{not_a_webhook}"
    );
    let error_body = run(&["--webhook", "tests/data/recall_400.json"]).expect_err("no event");
    assert!(error_body.contains("no `event` field"), "{error_body}");
    for status in ["abc", "99", "600", ""] {
        let error = run(&["--response", status]).expect_err(status);
        assert!(error.contains("is not an HTTP status"), "{error}");
    }
    assert!(run(&["--retry-after", "5"]).is_err());
    assert!(
        run(&["--webhook"])
            .expect_err("no value")
            .contains("--webhook needs a value")
    );
    assert!(run(&["fatal", "--webhook", "x"]).is_err());
    for error in [missing, not_a_webhook, error_body] {
        assert!(!error.contains('\n'), "{error}");
        assert_eq!(explain::finish(Err(error)), std::process::ExitCode::from(2));
    }
    assert_eq!(
        explain::finish(Ok(String::new())),
        std::process::ExitCode::SUCCESS
    );
}

#[cfg(feature = "schemars")]
#[test]
fn the_schema_option_prints_the_bundle() {
    let out = run(&["--schema"]).expect("schema");
    assert_eq!(out, error_taxonomy::schema::bundle_text());
    let parsed: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(
        parsed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn a_webhook_can_come_on_standard_input() {
    let seed = std::fs::read("tests/data/job_failed_v2.json").expect("seed");
    let body = explain::read_from("-", &mut seed.as_slice()).expect("stdin");
    assert_eq!(body, seed);
    let answer: Value =
        serde_json::from_str(&explain::webhook("-", &body, true).expect("explained"))
            .expect("JSON");
    assert_eq!(answer["code"], "host_denied_admission");
    let error = explain::webhook("-", b"{\"event\": 5}", false).expect_err("malformed");
    assert!(error.starts_with("-: invalid type: integer `5`"), "{error}");
}
