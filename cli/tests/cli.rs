//! The `error-taxonomy` command, run as a user runs it: its output, its JSON and its exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use error_taxonomy::{AnyCode, Card, Table, meetbot};
use serde_json::Value;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/");

fn data(name: &str) -> String {
    format!("{DATA}{name}")
}

/// Runs the command with `args` and `stdin`.
fn command(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_error-taxonomy"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // The command may stop reading early (a size limit): a closed pipe is no failure here.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("run")
}

/// The output of a run that succeeds.
fn run(args: &[&str]) -> String {
    let output = command(args, b"");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The one-line error of a run that fails on bad input, with exit status 2.
fn fail(args: &[&str], stdin: &[u8]) -> String {
    let output = command(args, stdin);
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?}");
    let error = String::from_utf8(output.stderr).expect("UTF-8");
    let line = error
        .strip_prefix("error-taxonomy: ")
        .and_then(|e| e.strip_suffix('\n'))
        .unwrap_or_else(|| panic!("{args:?}: not one line: {error}"));
    assert!(!line.contains('\n'), "{args:?}: {error}");
    line.to_owned()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&run(args)).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn every_code() -> impl Iterator<Item = AnyCode> {
    Table::ALL.into_iter().flat_map(Table::codes)
}

// ---- explain and list ----

#[test]
fn explain_prints_the_card_of_a_code_in_every_table_that_knows_it() {
    for code in every_code() {
        let out = run(&["explain", code.as_str()]);
        assert!(out.contains(&Card::of(code).to_string()), "{code}");
    }
    let out = run(&["explain", "meeting_not_found"]);
    assert!(
        out.contains("meeting_not_found (meetbot.failure_code)"),
        "{out}"
    );
    assert!(out.contains("meeting_not_found (recall.sub_code)"), "{out}");
    assert!(
        out.contains(meetbot::FailureCode::MeetingNotFound.action()),
        "{out}"
    );
}

#[test]
fn explain_finds_a_code_in_another_casing() {
    let out = run(&["explain", "Host_Denied_Admission"]);
    assert!(
        out.starts_with("host_denied_admission (meetbot.failure_code)"),
        "{out}"
    );
}

#[test]
fn explain_as_json_gives_the_cards() {
    let cards = json(&["explain", "fatal", "--json"]);
    let expected: Vec<Value> = error_taxonomy::lookup("fatal")
        .map(|code| serde_json::to_value(Card::of(code)).expect("card"))
        .collect();
    assert_eq!(cards, Value::Array(expected));
    assert_eq!(cards[0]["terminal"], true);
}

#[test]
fn an_unknown_code_names_the_closest_known_ones() {
    assert_eq!(
        fail(&["explain", "bot_kiked"], b""),
        "unknown code \"bot_kiked\" in every table; closest known: bot_kicked"
    );
    assert!(!fail(&["explain", "zzzzzzzzzzzzzzzzzzzzzz"], b"").contains("closest"));
    let long = "x".repeat(5000);
    assert!(fail(&["explain", &long], b"").len() < 200);
    let escape = fail(&["explain", "a\u{1b}[2Jb\nc"], b"");
    assert_eq!(escape, "unknown code \"a\\u{1b}[2Jb\\nc\" in every table");
}

#[test]
fn list_gives_every_code_as_json_cards() {
    let cards = json(&["list", "--json"]);
    let expected: Vec<Value> = every_code()
        .map(|code| serde_json::to_value(Card::of(code)).expect("card"))
        .collect();
    assert_eq!(cards, Value::Array(expected));
    for table in Table::ALL {
        let one = json(&["list", "--table", table.name(), "--json"]);
        assert_eq!(one.as_array().map(Vec::len), Some(table.len()), "{table}");
    }
}

#[test]
fn list_prints_every_table_as_lines_or_markdown() {
    let out = run(&["list"]);
    let markdown = run(&["list", "--markdown"]);
    for table in Table::ALL {
        assert!(
            out.contains(&format!("{table} ({} codes)", table.len())),
            "{table}"
        );
        assert!(markdown.contains(&format!("### {table}\n")), "{table}");
        let header = table
            .columns()
            .iter()
            .map(|c| c.label)
            .collect::<Vec<_>>()
            .join(" | ");
        assert!(
            markdown.contains(&format!("| code | {header} | description |")),
            "{table}"
        );
    }
    for code in every_code() {
        assert!(out.contains(code.description()), "{code}");
        assert!(
            markdown.contains(&format!("| `{}` |", code.as_str())),
            "{code}"
        );
    }
}

/// The section of `text` that starts with `heading` and ends before the next heading of its level.
fn section<'t>(text: &'t str, heading: &str) -> &'t str {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?}"));
    let level = heading.split(' ').next().unwrap_or_default();
    let rest = &text[start + heading.len()..];
    let end = rest.find(&format!("\n{level} ")).unwrap_or(rest.len());
    &rest[..end]
}

/// The cells of the row of `code` in a Markdown table of codes, the code's cell first.
fn row<'t>(table: &'t str, code: &str) -> Vec<&'t str> {
    let line = table
        .lines()
        .find(|line| {
            line.starts_with(&format!("| `{code}` |"))
                || line.starts_with(&format!("| `{code}` (retired) |"))
        })
        .unwrap_or_else(|| panic!("no row of {code}"));
    line.trim_matches('|').split(" | ").map(str::trim).collect()
}

/// `docs/CATALOG.md` is written by the generator from its model; `list --markdown` reads the
/// compiled crate. Every value they both show must read the same (the catalogue leaves out
/// phrase lists, and marks a retired code).
#[test]
fn list_markdown_and_the_catalogue_show_the_same_values() {
    let catalogue =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/CATALOG.md"))
            .expect("the catalogue");
    let markdown = run(&["list", "--markdown"]);
    for table in Table::ALL {
        let ours = section(&markdown, &format!("### {table}\n"));
        let theirs = section(&catalogue, &format!("## {table}\n"));
        let phrases: Vec<bool> = table
            .columns()
            .iter()
            .map(|c| c.kind == error_taxonomy::columns::Kind::Phrases)
            .collect();
        for code in table.codes() {
            let ours = row(ours, code.as_str());
            let theirs = row(theirs, code.as_str());
            // The code's cell, each column but phrase lists, the description.
            let kept: Vec<&str> = ours
                .iter()
                .enumerate()
                .filter(|(i, _)| *i == 0 || !phrases.get(i - 1).copied().unwrap_or(false))
                .map(|(_, cell)| *cell)
                .collect();
            assert_eq!(kept[1..], theirs[1..], "{table} {code}");
        }
        // What a code nobody knows yet gets, as the crate's values print.
        if let Some(unknown) = table.unknown_code() {
            let mut line = String::from("A code this version does not know yet gets:");
            for (fact, value) in unknown.facts {
                line.push_str(&format!(" {fact} `{value}`;"));
            }
            assert!(theirs.contains(&line), "{table}: {line}");
        }
    }
}

// ---- webhook ----

#[test]
fn a_meetbot_v2_webhook_is_explained() {
    let answer = json(&["webhook", &data("job_failed_v2.json"), "--json"]);
    let code = meetbot::FailureCode::HostDeniedAdmission;
    assert_eq!(answer["kind"], "meetbot.job_failed");
    assert_eq!(answer["code"], code.as_str());
    assert_eq!(answer["code_known"], true);
    assert_eq!(answer["sub_code"], Value::Null);
    assert_eq!(answer["failure_code"], code.as_str());
    assert_eq!(answer["billing"], code.billing().as_str());
    assert_eq!(answer["retry"], code.retry().as_str());
    assert_eq!(answer["handling"], code.handling().as_str());
    assert_eq!(answer["version"], 2);
    assert_eq!(answer["unreadable"], serde_json::json!([]));
}

#[test]
fn a_meetbot_v1_webhook_is_explained_by_its_reason() {
    let answer = json(&["webhook", &data("job_failed_v1.json"), "--json"]);
    assert_eq!(answer["version"], 1);
    assert_eq!(answer["code"], "removed_from_meeting");
    // "Bot was kicked from the call by the host after 12m": the phrase that weighed most.
    assert_eq!(answer["mapped_by"]["by"], "phrase");
    assert_eq!(answer["mapped_by"]["phrase"], "kick from call");
}

#[test]
fn an_unknown_version_and_code_are_read_with_the_cautious_handling() {
    let body = br#"{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1, "version": 3,
        "data": {"jobId": "j", "status": "failed", "failure_code": "bot_teleported", "failure_detail": "?"}}"#;
    let output = command(&["webhook", "-", "--json"], body);
    assert!(output.status.success());
    let answer: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(answer["version"], 3);
    assert_eq!(answer["version_known"], false);
    assert_eq!(answer["code"], "bot_teleported");
    assert_eq!(answer["code_known"], false);
    assert_eq!(
        answer["handling"],
        meetbot::FailureCode::UNKNOWN_HANDLING.as_str()
    );
    assert_eq!(
        answer["retry"],
        meetbot::FailureCode::UNKNOWN_RETRY.as_str()
    );
}

/// A status webhook with `sub_code`, sent on standard input.
fn status_webhook(code: &str, sub_code: &str) -> Value {
    let body = format!(
        r#"{{"event": "bot.{code}", "data": {{"data": {{"code": "{code}", "sub_code": "{sub_code}",
        "updated_at": "2026-05-09T14:00:00Z"}}, "bot": {{"id": "bot_1", "metadata": {{}}}}}}}}"#
    );
    let output = command(&["webhook", "-", "--json"], body.as_bytes());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn a_webhook_says_how_its_failure_code_was_reached() {
    assert_eq!(
        status_webhook("fatal", "meeting_full")["mapped_by"],
        serde_json::json!({"by": "row"})
    );
    let stripped = status_webhook("fatal", "zoom_meeting_password_incorrect");
    assert_eq!(stripped["mapped_by"]["by"], "prefix_stripped");
    assert_eq!(stripped["mapped_by"]["row"], "meeting_password_incorrect");
    let cue = status_webhook("call_ended", "bot_removed_from_waiting_room");
    assert_eq!(cue["mapped_by"]["by"], "cue");
    assert_eq!(cue["mapped_by"]["rule"], "refused_before_admission");
    let default = status_webhook("call_ended", "call_ended_reason_42");
    assert_eq!(default["mapped_by"]["by"], "status_default");
}

#[test]
fn a_status_after_which_the_bot_goes_on_is_no_failure() {
    for sub_code in ["zoom_host_not_present", "zoom_new_reason"] {
        let answer = status_webhook("recording_permission_denied", sub_code);
        assert_eq!(answer["outcome"], "running", "{sub_code}");
        assert_eq!(answer["failure_code"], Value::Null, "{sub_code}");
        assert_eq!(answer["retry"], Value::Null, "{sub_code}");
    }
}

#[test]
fn recall_webhooks_are_explained_in_both_shapes() {
    let current = json(&["webhook", &data("recall_current.json"), "--json"]);
    assert_eq!(current["kind"], "recall.status_webhook");
    assert_eq!(current["shape"], "current");
    assert_eq!(current["sub_code"], "google_meet_sign_in_failed");
    let legacy = json(&["webhook", &data("recall_legacy.json"), "--json"]);
    assert_eq!(legacy["shape"], "legacy");
    let text = run(&["webhook", &data("recall_legacy.json")]);
    let failure = legacy["failure_code"].as_str().expect("a failure code");
    assert!(
        text.contains(&format!("\nfailure code  {failure}: ")),
        "{text}"
    );
}

#[test]
fn text_output_cannot_be_forged_by_a_payload() {
    let body = "{\"event\": \"bot.fatal\", \"data\": {\"data\": {\"code\": \"fatal\",
        \"sub_code\": \"zoom_x\\nretry          backoff\\u001b[2J\\r\"}, \"bot\": {\"id\": \"b\"}}}";
    let output = command(&["webhook", "-"], body.as_bytes());
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains(
            "cause         zoom_x\\nretry          backoff\\u{1b}[2J\\r, a sub-code this version does not know"
        ),
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("retry ")).count(),
        1,
        "{text}"
    );
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text}");
    // A right-to-left override would reorder what follows it on the terminal.
    let body = "{\"event\": \"bot.fatal\", \"data\": {\"data\": {\"code\": \"fatal\",
        \"sub_code\": \"zoom_\\u202eyrter\"}, \"bot\": {\"id\": \"b\"}}}";
    let output = command(&["webhook", "-"], body.as_bytes());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains("cause         zoom_\\u{202e}yrter, a sub-code this version does not know"),
        "{text}"
    );
}

// ---- response ----

#[test]
fn responses_are_classified() {
    let update = json(&[
        "response",
        "400",
        "--body",
        &data("recall_400.json"),
        "--json",
    ]);
    assert_eq!(update["code"], "update_bot_failed");
    assert_eq!(update["detail"], "Only non-dispatched bots can be updated");
    assert_eq!(update["cause"], "only_non_dispatched_bots_can_be_updated");
    assert_eq!(update["retry"]["decision"], "do_not_retry");

    let limited = json(&["response", "429", "--retry-after", "7", "--json"]);
    assert_eq!(limited["retry"]["after_ms"], 7000);
    let negative = json(&["response", "429", "--retry-after", "-1", "--json"]);
    assert_eq!(negative["retry_after"], "Retry-After is negative");
    let past = json(&[
        "response",
        "507",
        "--retry-after",
        "Thu, 01 Jan 1970 00:00:01 GMT",
        "--json",
    ]);
    assert_eq!(past["retry_after"], "Retry-After is a date in the past");
    let blocked = json(&[
        "response",
        "403",
        "--body",
        &data("recall_403.html"),
        "--json",
    ]);
    assert_eq!(blocked["code"], "request_blocked");
    let piped = command(
        &["response", "400", "--body", "-", "--json"],
        br#"{"code": "update_bot_failed"}"#,
    );
    let piped: Value = serde_json::from_slice(&piped.stdout).expect("JSON");
    assert_eq!(piped["code"], "update_bot_failed");
}

// ---- bad input and usage ----

#[test]
fn bad_input_is_a_one_line_located_error_with_status_2() {
    let missing = data("no_such_file.json");
    assert!(fail(&["webhook", &missing], b"").starts_with(&format!("cannot read {missing:?}")));
    let html = data("recall_403.html");
    assert_eq!(
        fail(&["webhook", &html], b""),
        format!("{html:?}: not JSON: expected value at line 1 column 1")
    );
    let error_body = data("recall_400.json");
    assert_eq!(
        fail(&["webhook", &error_body], b""),
        format!(
            "{error_body:?}: not a webhook: its `event` is neither job.failed nor bot.<status>"
        )
    );
    assert_eq!(
        fail(&["webhook", "-"], b"{\"event\": 5}"),
        "standard input: event is 5, expected a string"
    );
}

#[test]
fn input_over_the_limit_stops_with_status_2() {
    let big = vec![b'{'; 4096];
    assert_eq!(
        fail(&["webhook", "-", "--max-input", "1024"], &big),
        "standard input is larger than 1024 bytes (the input limit; --max-input raises it)"
    );
    assert!(
        fail(
            &["response", "400", "--body", "-", "--max-input", "10"],
            &big
        )
        .starts_with("standard input is larger")
    );
    // Raised, the same input is read (and found not to be JSON).
    assert!(
        fail(&["webhook", "-", "--max-input", "8192"], &big)
            .starts_with("standard input: not JSON")
    );
    // The default limit holds on an endless input.
    let zero = command(&["webhook", "/dev/zero"], b"");
    assert_eq!(zero.status.code(), Some(2));
}

#[test]
fn bad_usage_is_refused_with_status_2() {
    let refused: [&[&str]; 9] = [
        &["response", "+429"],
        &["response", "0429"],
        &["response", "99"],
        &["response", "600"],
        &["webhook", "a", "--json", "b"],
        &["response", "429", "--body", "a", "--body", "b"],
        &["explain", "-x"],
        &["list", "--json", "--markdown"],
        &["list", "--table", "recall.nope"],
    ];
    for args in refused {
        let output = command(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    for sub in ["explain", "list", "webhook", "response", "schema"] {
        let help = run(&[sub, "--help"]);
        assert!(help.contains("Usage: error-taxonomy"), "{sub}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_error-taxonomy"))
        .args(["list", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read nothing and close the pipe: the command's writes fail with a broken pipe.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("run");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn schema_prints_the_bundle() {
    assert_eq!(run(&["schema"]), error_taxonomy::schema::bundle_text());
}

// ---- the generated files ----

#[test]
fn the_bindings_and_the_catalogue_carry_every_code_and_its_description() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../");
    let read = |path: &str| std::fs::read_to_string(format!("{root}{path}")).expect(path);
    let ts = read("bindings/typescript/src/index.ts");
    let py = read("bindings/python/error_taxonomy_codes/__init__.py");
    let catalog = read("docs/CATALOG.md");
    for table in Table::ALL {
        let name = table.type_name();
        assert!(ts.contains(&format!("export type {name} =")), "{name}");
        assert!(
            ts.contains(&format!(
                "}} as const satisfies Record<{name}, {name}Facts>);"
            )),
            "{name}"
        );
        assert!(py.contains(&format!("\n{name} = Literal[")), "{name}");
        assert!(
            py.contains(&format!("class {name}Facts(TypedDict):")),
            "{name}"
        );
        assert!(catalog.contains(&format!("\n## {table}\n")), "{table}");
        for code in table.codes() {
            let card = serde_json::to_value(Card::of(code)).expect("card");
            let quoted = serde_json::to_string(code.as_str()).expect("quoted");
            assert!(
                ts.contains(&format!("  | {quoted}\n")) || ts.contains(&format!("  | {quoted};")),
                "{code}"
            );
            assert!(ts.contains(&format!("  {quoted}: {{\n")), "{code}");
            assert!(py.contains(&format!("    {quoted}: {{\n")), "{code}");
            assert!(
                catalog.contains(&format!("| `{}`", code.as_str())),
                "{code}"
            );
            if let Some(description) = card["description"].as_str() {
                let json = serde_json::to_string(description).expect("quoted");
                assert!(ts.contains(&format!("description: {json},")), "{code}");
            }
        }
    }
}

/// A file name with a line break and a terminal escape prints quoted and escaped: it cannot
/// forge a line of its own.
#[test]
fn file_names_print_escaped_in_error_lines() {
    let dir = scratch("names");
    let forged = dir.join("x\nerror-taxonomy: all good \u{1b}]0;pwned\u{7}\u{202e}.json");
    std::fs::write(&forged, b"{\"event\": 5}").expect("write");
    let name = forged.to_str().expect("UTF-8");
    let output = command(&["webhook", name], b"");
    let error = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(
        !error.contains('\u{1b}') && !error.contains('\u{202e}'),
        "{error:?}"
    );
    let line = fail(&["webhook", name], b"");
    assert!(line.starts_with(&format!("{name:?}: ")), "{line}");
    let missing = dir.join("no\nsuch");
    let line = fail(&["webhook", missing.to_str().expect("UTF-8")], b"");
    assert!(line.starts_with("cannot read \""), "{line}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fresh, empty directory of this test run's own.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("error-taxonomy-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

// ---- bot ----

/// `bot --json` gives the library's own keys: the history, and its verdict.
#[test]
fn bot_as_json_is_the_library_s_history_and_verdict() {
    let path = data("history/removed_after_20s.json");
    let answer = json(&["bot", &path, "--json"]);
    let body = std::fs::read(&path).expect("history");
    let history = error_taxonomy::recall::History::from_json(&body, None).expect("read");
    let mut expected = serde_json::to_value(&history).expect("history");
    expected["verdict"] = serde_json::to_value(history.verdict()).expect("verdict");
    assert_eq!(answer, expected);
    assert_eq!(answer["verdict"]["billed"], "no");
    assert_eq!(answer["verdict"]["recorded"], 20.0);
    let error = fail(&["bot", "-"], b"{\"id\": \"b\"}");
    assert!(error.contains("no status_changes array"), "{error}");
}

// ---- decode ----

/// `decode` goes through the library's list of payloads: every one that reads a body is named,
/// in the list's order, and what no JSON payload reads is an error response's body.
#[test]
fn decode_names_every_payload_that_reads_a_body() {
    let names = |answer: &Value| -> Vec<String> {
        answer
            .as_array()
            .expect("a list")
            .iter()
            .map(|read| read["payload"].as_str().expect("a name").to_owned())
            .collect()
    };
    let job = json(&["decode", &data("job_failed_v2.json"), "--json"]);
    assert_eq!(names(&job)[0], "meetbot job.failed webhook");
    assert_eq!(
        job[0]["value"]["data"]["failure_code"],
        "host_denied_admission"
    );
    let webhook = json(&["decode", &data("recall_legacy.json"), "--json"]);
    assert_eq!(names(&webhook)[0], "Recall.ai bot status webhook");
    let output = command(
        &["decode", "-", "--json"],
        br#"{"code": "NUMBER_AT_CAP", "status": 429}"#,
    );
    let problem: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(
        names(&problem).contains(&"hiring API problem details".to_owned()),
        "{problem}"
    );
    let output = command(&["decode", "-"], b"502 Bad Gateway");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.starts_with("read as       Recall.ai error response body\n"),
        "{text}"
    );
    assert!(text.contains("502 Bad Gateway"), "{text}");
}

/// JSON output writes a character a terminal would not show as itself (a right-to-left
/// override) as a `\u` escape: the same JSON, and no reordered line.
#[test]
fn json_output_escapes_what_a_terminal_would_hide() {
    let body = "{\"event\": \"bot.fatal\", \"data\": {\"data\": {\"code\": \"fatal\",
        \"sub_code\": \"zoom_\\u202eyrter\"}, \"bot\": {\"id\": \"b\"}}}";
    for args in [
        &["webhook", "-", "--json"][..],
        &["decode", "-", "--json"][..],
    ] {
        let output = command(args, body.as_bytes());
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(!text.contains('\u{202e}'), "{args:?}: {text}");
        assert!(text.contains("zoom_\\u202eyrter"), "{args:?}: {text}");
        let value: Value = serde_json::from_str(&text).expect("still JSON");
        assert!(
            value.to_string().contains('\u{202e}'),
            "the same string, read back"
        );
    }
}
