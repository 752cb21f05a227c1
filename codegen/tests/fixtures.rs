//! The generator on good and bad fixtures: every validation rule is tested by its message, with
//! the file and entry it names.

use error_taxonomy_codegen::{Problem, Source, generate, parse};

const FAILURES: &str = "\
table: meetbot.failure_code
type: FailureCode
doc: Why a job failed.
columns: [billing, retry, action, handling, legacy_phrases]
codes:
  - code: removed_from_meeting
    billing: recorded_portion
    retry: never
    action: Keep the partial recording.
    handling: treat_as_finalized
    legacy_phrases: [kicked]
    description: The bot was removed mid-call.
  - code: lobby_timeout
    billing: not_billed
    retry: delay
    retry_delay_s: 60
    action: Retry later.
    handling: retry_later
    legacy_phrases: [lobby]
    description: The bot was never admitted.
";

const STATUSES: &str = "\
table: recall.bot_status
type: BotStatus
doc: A bot status.
columns: [terminal, sub_code, legacy_only]
codes:
  - code: call_ended
    terminal: true
    sub_code: true
    legacy_only: false
    description: The bot left the call.
  - code: done
    terminal: true
    sub_code: false
    legacy_only: false
    description: The bot shut down.
";

const SUB_CODES: &str = "\
table: recall.sub_code
type: SubCode
doc: Why a bot left.
columns: [category, platform, failure_code]
codes:
  - code: bot_kicked_from_call
    category: call_ended
    platform: all
    failure_code: removed_from_meeting
    description: A host removed the bot.
  - code: zoom_join_timeout
    category: call_ended
    platform: zoom
    failure_code: lobby_timeout
    description: Zoom did not answer in time.
";

const HIRING: &str = "\
table: hiring.error_code
type: ErrorCode
doc: A hiring API error.
columns: [http_status, retry, sends_retry_after]
codes:
  - code: RATE_LIMITED
    http_status: 429
    retry: retry_after
    sends_retry_after: true
    description: Too many requests.
  - code: DUPLICATE_CANDIDATE
    http_status: 409
    retry: never
    sends_retry_after: false
    description: The candidate exists.
";

const FAILURES_PATH: &str = "taxonomy/meetbot/failure_codes.yaml";
const STATUSES_PATH: &str = "taxonomy/recall/bot_statuses.yaml";
const SUB_CODES_PATH: &str = "taxonomy/recall/sub_codes.yaml";
const HIRING_PATH: &str = "taxonomy/hiring/error_codes.yaml";

fn sources(edit: impl Fn(&str, &str) -> String) -> Vec<Source> {
    [
        (HIRING_PATH, HIRING),
        (FAILURES_PATH, FAILURES),
        (STATUSES_PATH, STATUSES),
        (SUB_CODES_PATH, SUB_CODES),
    ]
    .into_iter()
    .map(|(path, text)| Source {
        path: path.to_owned(),
        text: edit(path, text),
    })
    .collect()
}

/// The problems reported when `path`'s text has `from` replaced by `to`.
fn problems_with(path: &str, from: &str, to: &str) -> Vec<Problem> {
    let edited = sources(|p, text| {
        if p == path {
            assert!(text.contains(from), "fixture {p} lacks {from:?}");
            text.replacen(from, to, 1)
        } else {
            text.to_owned()
        }
    });
    match parse(&edited) {
        Ok(_) => panic!("replacing {from:?} with {to:?} in {path} was accepted"),
        Err(problems) => problems.0,
    }
}

/// Asserts that exactly one problem is reported, in `path` at `entry`, containing `message`.
fn assert_problem(path: &str, from: &str, to: &str, entry: Option<&str>, message: &str) {
    let problems = problems_with(path, from, to);
    assert_eq!(problems.len(), 1, "expected one problem, got {problems:#?}");
    let problem = &problems[0];
    assert_eq!(problem.file, path, "{problem}");
    assert_eq!(problem.entry.as_deref(), entry, "{problem}");
    assert!(
        problem.message.contains(message),
        "{problem:?} lacks {message:?}"
    );
}

#[test]
fn the_good_fixture_generates_every_module_and_the_table_list() {
    let generated = generate(&sources(|_, text| text.to_owned())).expect("good fixture");
    let names: Vec<&str> = generated
        .files
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["hiring.rs", "meetbot.rs", "recall.rs", "tables.rs"]);
    let recall = &generated.files[2].1;
    assert!(recall.starts_with("// @generated"));
    assert!(recall.contains("pub enum SubCode"));
    assert!(recall.contains("crate :: meetbot :: FailureCode :: RemovedFromMeeting"));
    let meetbot = &generated.files[1].1;
    assert!(meetbot.contains("crate :: RetryClass :: Delay { secs : 60 }"));
    let tables = &generated.files[3].1;
    assert!(tables.contains("MAX_CODE_LEN : usize = 20"));
}

#[test]
fn output_is_deterministic() {
    let a = generate(&sources(|_, text| text.to_owned())).expect("good fixture");
    let b = generate(&sources(|_, text| text.to_owned())).expect("good fixture");
    assert_eq!(a.files, b.files);
}

#[test]
fn a_problem_displays_its_file_and_entry() {
    let problems = problems_with(
        FAILURES_PATH,
        "description: The bot was never admitted.",
        "",
    );
    assert_eq!(
        problems[0].to_string(),
        "taxonomy/meetbot/failure_codes.yaml: entry lobby_timeout: missing description"
    );
}

#[test]
fn unknown_field_names_the_allowed_fields() {
    let problems = problems_with(FAILURES_PATH, "billing: not_billed", "billed: false");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].file, FAILURES_PATH);
    assert!(
        problems[0].message.contains("unknown field `billed`"),
        "{}",
        problems[0]
    );
    assert!(problems[0].message.contains("`billing`"), "{}", problems[0]);
}

#[test]
fn unknown_retry_class_names_the_allowed_ones() {
    let problems = problems_with(HIRING_PATH, "retry: never", "retry: sometimes");
    assert_eq!(problems.len(), 1);
    let message = &problems[0].message;
    assert!(message.contains("unknown variant `sometimes`"), "{message}");
    for allowed in [
        "never",
        "backoff",
        "once",
        "delay",
        "retry_after",
        "user_action",
    ] {
        assert!(
            message.contains(&format!("`{allowed}`")),
            "{message} lacks {allowed}"
        );
    }
}

#[test]
fn unknown_billing_names_the_allowed_ones() {
    let problems = problems_with(FAILURES_PATH, "billing: not_billed", "billing: billed");
    assert!(
        problems[0]
            .message
            .contains("`not_billed` or `recorded_portion`"),
        "{}",
        problems[0]
    );
}

#[test]
fn yaml_syntax_error_names_the_file() {
    let problems = problems_with(STATUSES_PATH, "codes:\n", "codes: [\n");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].file, STATUSES_PATH);
    assert_eq!(problems[0].entry, None);
}

#[test]
fn duplicate_code() {
    assert_problem(
        HIRING_PATH,
        "- code: DUPLICATE_CANDIDATE",
        "- code: RATE_LIMITED",
        Some("RATE_LIMITED"),
        "duplicate code",
    );
}

#[test]
fn identifier_collision() {
    assert_problem(
        STATUSES_PATH,
        "- code: done",
        "- code: call__ended",
        Some("call__ended"),
        "identifier `CallEnded` collides with entry call_ended; set `rust_name:`",
    );
}

#[test]
fn rust_name_collision() {
    assert_problem(
        STATUSES_PATH,
        "- code: done\n",
        "- code: done\n    rust_name: CallEnded\n",
        Some("done"),
        "identifier `CallEnded` collides with entry call_ended",
    );
}

#[test]
fn a_numeric_code_needs_a_rust_name() {
    let problems = problems_with(HIRING_PATH, "- code: RATE_LIMITED", "- code: \"429\"");
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("`429` is not an UpperCamelCase identifier; set `rust_name:`")),
        "{problems:#?}"
    );
}

#[test]
fn http_status_out_of_range() {
    assert_problem(
        HIRING_PATH,
        "http_status: 409",
        "http_status: 700",
        Some("DUPLICATE_CANDIDATE"),
        "HTTP status 700 is outside 100-599",
    );
}

#[test]
fn http_status_below_range() {
    assert_problem(
        HIRING_PATH,
        "http_status: 409",
        "http_status: 99",
        Some("DUPLICATE_CANDIDATE"),
        "HTTP status 99 is outside 100-599",
    );
}

#[test]
fn missing_description() {
    assert_problem(
        STATUSES_PATH,
        "    description: The bot shut down.\n",
        "",
        Some("done"),
        "missing description",
    );
}

#[test]
fn blank_description() {
    assert_problem(
        STATUSES_PATH,
        "description: The bot shut down.",
        "description: \"  \"",
        Some("done"),
        "missing description",
    );
}

#[test]
fn dangling_mapping() {
    assert_problem(
        SUB_CODES_PATH,
        "failure_code: lobby_timeout",
        "failure_code: lobby_timed_out",
        Some("zoom_join_timeout"),
        "`failure_code: lobby_timed_out` names no code of meetbot.failure_code",
    );
}

#[test]
fn mapping_into_a_table_that_does_not_exist() {
    let without_failures: Vec<Source> = sources(|_, text| text.to_owned())
        .into_iter()
        .filter(|s| s.path != FAILURES_PATH)
        .collect();
    let problems = parse(&without_failures).expect_err("no failure table");
    assert_eq!(problems.0.len(), 1, "{problems}");
    assert!(
        problems.0[0].message.contains(
            "column `failure_code` refers to table `meetbot.failure_code`, which no file defines"
        ),
        "{problems}"
    );
}

#[test]
fn category_must_carry_sub_codes() {
    assert_problem(
        SUB_CODES_PATH,
        "category: call_ended\n    platform: zoom",
        "category: done\n    platform: zoom",
        Some("zoom_join_timeout"),
        "category `done` is a status that carries no sub-code",
    );
}

#[test]
fn missing_column_value() {
    assert_problem(
        FAILURES_PATH,
        "    handling: retry_later\n",
        "",
        Some("lobby_timeout"),
        "missing `handling` (a column of this table)",
    );
}

#[test]
fn value_outside_the_declared_columns() {
    assert_problem(
        STATUSES_PATH,
        "    legacy_only: false\n    description: The bot shut down.",
        "    legacy_only: false\n    billing: not_billed\n    description: The bot shut down.",
        Some("done"),
        "`billing` is not a column of this table (its columns: terminal, sub_code, legacy_only)",
    );
}

#[test]
fn unknown_column() {
    assert_problem(
        STATUSES_PATH,
        "columns: [terminal, sub_code, legacy_only]",
        "columns: [terminal, sub_code, legacy_only, colour]",
        None,
        "unknown column `colour`; the known columns are: http_status, retry,",
    );
}

#[test]
fn column_declared_twice() {
    assert_problem(
        STATUSES_PATH,
        "columns: [terminal, sub_code, legacy_only]",
        "columns: [terminal, sub_code, legacy_only, terminal?]",
        None,
        "column `terminal` is declared twice",
    );
}

#[test]
fn optional_column_may_be_left_out() {
    let edited = sources(|path, text| {
        if path == SUB_CODES_PATH {
            text.replace(
                "[category, platform, failure_code]",
                "[category, platform, failure_code?]",
            )
            .replacen("    failure_code: removed_from_meeting\n", "", 1)
        } else {
            text.to_owned()
        }
    });
    let generated = generate(&edited).expect("optional column left out");
    let recall = &generated.files[2].1;
    assert!(
        recall.contains("Option < crate :: meetbot :: FailureCode >"),
        "{recall}"
    );
}

#[test]
fn platform_must_match_the_prefix() {
    assert_problem(
        SUB_CODES_PATH,
        "platform: zoom",
        "platform: webex",
        Some("zoom_join_timeout"),
        "platform Webex disagrees with the code's prefix, which says Zoom",
    );
}

#[test]
fn unprefixed_code_is_for_all_platforms() {
    assert_problem(
        SUB_CODES_PATH,
        "platform: all",
        "platform: zoom",
        Some("bot_kicked_from_call"),
        "platform Zoom disagrees with the code's prefix, which says All",
    );
}

#[test]
fn delay_needs_its_seconds() {
    assert_problem(
        FAILURES_PATH,
        "    retry_delay_s: 60\n",
        "",
        Some("lobby_timeout"),
        "`retry: delay` needs `retry_delay_s`",
    );
}

#[test]
fn delay_seconds_only_with_a_delaying_class() {
    assert_problem(
        FAILURES_PATH,
        "    retry: never\n",
        "    retry: never\n    retry_delay_s: 5\n",
        Some("removed_from_meeting"),
        "`retry_delay_s` goes only with `retry: delay` or `retry: retry_after`",
    );
}

#[test]
fn sends_retry_after_agrees_with_the_retry_class() {
    assert_problem(
        HIRING_PATH,
        "retry: never\n    sends_retry_after: false",
        "retry: never\n    sends_retry_after: true",
        Some("DUPLICATE_CANDIDATE"),
        "`sends_retry_after: true` goes with `retry: retry_after`, and only with it",
    );
}

#[test]
fn codes_share_one_case() {
    assert_problem(
        HIRING_PATH,
        "- code: DUPLICATE_CANDIDATE",
        "- code: duplicate_candidate",
        None,
        "codes mix upper and lower case",
    );
}

#[test]
fn code_characters() {
    assert_problem(
        STATUSES_PATH,
        "- code: done",
        "- code: \"done now\"",
        Some("done now"),
        "a code holds only ASCII letters, digits and `_`",
    );
}

#[test]
fn legacy_phrases_are_lower_case_and_unique() {
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: [Lobby]",
        Some("lobby_timeout"),
        "phrase \"Lobby\" must be lower-case ASCII",
    );
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: [kicked]",
        Some("lobby_timeout"),
        "phrase \"kicked\" is also a phrase of entry removed_from_meeting",
    );
}

#[test]
fn duplicate_table() {
    let mut all = sources(|_, text| text.to_owned());
    all.push(Source {
        path: "taxonomy/recall/again.yaml".into(),
        text: STATUSES.into(),
    });
    let problems = parse(&all).expect_err("duplicate table");
    assert_eq!(problems.0.len(), 1, "{problems}");
    assert_eq!(problems.0[0].file, "taxonomy/recall/again.yaml");
    assert!(
        problems.0[0].message.contains(
            "table `recall.bot_status` is already defined by taxonomy/recall/bot_statuses.yaml"
        ),
        "{problems}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let edited = sources(|path, text| match path {
        HIRING_PATH => text.replace("http_status: 409", "http_status: 600"),
        STATUSES_PATH => text.replace("    description: The bot shut down.\n", ""),
        SUB_CODES_PATH => text.replace("failure_code: lobby_timeout", "failure_code: nope"),
        _ => text.to_owned(),
    });
    let problems = parse(&edited).expect_err("three problems");
    let lines: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "taxonomy/hiring/error_codes.yaml: entry DUPLICATE_CANDIDATE: HTTP status 600 is outside 100-599",
            "taxonomy/recall/bot_statuses.yaml: entry done: missing description",
            "taxonomy/recall/sub_codes.yaml: entry zoom_join_timeout: `failure_code: nope` names no code of meetbot.failure_code",
        ]
    );
    assert!(
        problems
            .to_string()
            .starts_with("3 problem(s) in the taxonomy data:")
    );
}

#[test]
fn deprecated_code_is_marked_and_still_parses() {
    let edited = sources(|path, text| {
        if path == STATUSES_PATH {
            text.replace(
                "    description: The bot shut down.",
                "    description: The bot shut down.\n    deprecated: Use call_ended.",
            )
        } else {
            text.to_owned()
        }
    });
    let generated = generate(&edited).expect("deprecated code");
    let recall = &generated.files[2].1;
    assert!(
        recall.contains("# [deprecated (note = \"Use call_ended.\")] Done"),
        "{recall}"
    );
    assert!(
        recall.contains("if code == b\"done\" { Some (Self :: Done) }"),
        "{recall}"
    );
    assert!(
        recall.contains("Self :: Done => Some (\"Use call_ended.\")"),
        "{recall}"
    );
}

#[test]
fn deprecated_needs_a_note() {
    assert_problem(
        STATUSES_PATH,
        "    description: The bot shut down.",
        "    description: The bot shut down.\n    deprecated: \"\"",
        Some("done"),
        "`deprecated` needs a note saying what to use instead",
    );
}

#[test]
fn load_dir_reads_yaml_files_in_path_order() {
    let root = std::env::temp_dir().join(format!("taxonomy-fixture-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("taxonomy");
    for (path, text) in [
        (SUB_CODES_PATH, SUB_CODES),
        (FAILURES_PATH, FAILURES),
        (STATUSES_PATH, STATUSES),
    ] {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    std::fs::write(dir.join("README.md"), "not a table").expect("write");
    let (sources, paths) = error_taxonomy_codegen::load_dir(&dir).expect("load");
    let shown: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(shown, [FAILURES_PATH, STATUSES_PATH, SUB_CODES_PATH]);
    assert_eq!(paths.len(), 3);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn load_dir_of_a_missing_folder_is_a_problem() {
    let problems = error_taxonomy_codegen::load_dir(std::path::Path::new("/nonexistent/taxonomy"))
        .expect_err("missing folder");
    assert!(
        problems.0[0].message.starts_with("cannot list"),
        "{problems}"
    );
}

#[test]
fn table_name_form() {
    let problems = problems_with(
        STATUSES_PATH,
        "table: recall.bot_status",
        "table: RecallBotStatus",
    );
    assert_eq!(problems[0].file, STATUSES_PATH);
    assert!(
        problems[0]
            .message
            .contains("table `RecallBotStatus` is not of the form `module.name` in snake_case"),
        "{problems:#?}"
    );
}

#[test]
fn a_keyword_cannot_name_a_module() {
    let problems = problems_with(
        STATUSES_PATH,
        "table: recall.bot_status",
        "table: type.bot_status",
    );
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("table `type.bot_status` is not of the form")),
        "{problems:#?}"
    );
}

#[test]
fn type_name_form() {
    assert_problem(
        STATUSES_PATH,
        "type: BotStatus",
        "type: bot_status",
        None,
        "type `bot_status` is not an UpperCamelCase identifier",
    );
}

#[test]
fn missing_doc() {
    assert_problem(
        STATUSES_PATH,
        "doc: A bot status.",
        "doc: \"\"",
        None,
        "missing doc",
    );
}

#[test]
fn duplicate_type() {
    let mut all = sources(|_, text| text.to_owned());
    all.push(Source {
        path: "taxonomy/recall/other.yaml".into(),
        text: STATUSES.replace("table: recall.bot_status", "table: recall.other_status"),
    });
    let problems = parse(&all).expect_err("duplicate type");
    assert_eq!(problems.0.len(), 1, "{problems}");
    assert!(
        problems.0[0].message.contains(
            "type `recall::BotStatus` is already defined by taxonomy/recall/bot_statuses.yaml"
        ),
        "{problems}"
    );
}

#[test]
fn table_tags_are_unique() {
    let mut all = sources(|_, text| text.to_owned());
    all.push(Source {
        path: "taxonomy/recall_bot/status.yaml".into(),
        text: STATUSES
            .replace("table: recall.bot_status", "table: recall_bot.status")
            .replace("type: BotStatus", "type: Status"),
    });
    let problems = parse(&all).expect_err("tag collision");
    assert_eq!(problems.0.len(), 1, "{problems}");
    assert!(
        problems.0[0].message.contains("`Table::RecallBotStatus` would also name the table of taxonomy/recall/bot_statuses.yaml"),
        "{problems}"
    );
}

#[test]
fn a_table_needs_codes() {
    let problems = problems_with(
        HIRING_PATH,
        &HIRING[HIRING.find("  - code: RATE_LIMITED").expect("row")..],
        "  []\n",
    );
    assert!(
        problems
            .iter()
            .any(|p| p.message == "the table has no codes"),
        "{problems:#?}"
    );
}

#[test]
fn at_most_256_codes() {
    let rows: String = (0..257)
        .map(|i| format!("  - code: C{i}\n    http_status: 400\n    retry: never\n    sends_retry_after: false\n    description: d\n"))
        .collect();
    let start = HIRING.find("  - code: RATE_LIMITED").expect("row");
    let problems = problems_with(HIRING_PATH, &HIRING[start..], &rows);
    assert!(
        problems
            .iter()
            .any(|p| p.message == "more than 256 codes do not fit the one-byte enum"),
        "{problems:#?}"
    );
}

#[test]
fn empty_code() {
    assert_problem(
        STATUSES_PATH,
        "- code: done",
        "- code: \"\"",
        Some("#2"),
        "empty code",
    );
}

#[test]
fn code_length_limit() {
    let long = "d".repeat(97);
    assert_problem(
        STATUSES_PATH,
        "- code: done",
        &format!("- code: {long}"),
        Some(&long),
        "code longer than 96 bytes",
    );
}

#[test]
fn text_without_surrounding_spaces() {
    assert_problem(
        FAILURES_PATH,
        "action: Retry later.",
        "action: \" Retry later.\"",
        Some("lobby_timeout"),
        "`action` is empty or has surrounding spaces",
    );
}

#[test]
fn legacy_phrase_lists_and_phrases_are_not_empty() {
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: []",
        Some("lobby_timeout"),
        "`legacy_phrases` is empty",
    );
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: [\" lobby\"]",
        Some("lobby_timeout"),
        "phrase \" lobby\" is empty or has surrounding spaces",
    );
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: [\"lobby é\"]",
        Some("lobby_timeout"),
        "must be lower-case ASCII",
    );
}

#[test]
fn delay_seconds_need_a_retry_class_and_a_positive_value() {
    assert_problem(
        STATUSES_PATH,
        "    legacy_only: false\n    description: The bot shut down.",
        "    legacy_only: false\n    retry_delay_s: 5\n    description: The bot shut down.",
        Some("done"),
        "`retry_delay_s` without `retry`",
    );
    assert_problem(
        FAILURES_PATH,
        "retry_delay_s: 60",
        "retry_delay_s: 0",
        Some("lobby_timeout"),
        "`retry_delay_s` must be at least 1",
    );
}

#[test]
fn a_numeric_code_agrees_with_its_status() {
    let edited = sources(|path, text| {
        if path == HIRING_PATH {
            text.replace(
                "- code: DUPLICATE_CANDIDATE",
                "- code: \"409\"\n    rust_name: Conflict",
            )
            .replace(
                "- code: RATE_LIMITED",
                "- code: \"430\"\n    rust_name: TooMany",
            )
        } else {
            text.to_owned()
        }
    });
    let problems = parse(&edited).expect_err("429 vs 430");
    let messages: Vec<&str> = problems.0.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(messages, ["code 430 disagrees with its http_status 429"]);
}

#[test]
fn load_dir_without_tables_is_a_problem() {
    let root = std::env::temp_dir().join(format!("taxonomy-empty-{}", std::process::id()));
    std::fs::create_dir_all(&root).expect("mkdir");
    let problems = error_taxonomy_codegen::load_dir(&root).expect_err("no tables");
    assert!(
        problems.0[0].message.contains("no *.yaml table found"),
        "{problems}"
    );
    let _ = std::fs::remove_dir_all(&root);
}
