//! The generator on good and bad fixtures: every check is tested by its message, with the file,
//! line and entry it names.

use error_taxonomy_codegen::{Problem, Source, generate};

const VOCABULARIES: &str = "\
vocabularies:
  - name: billing
    type: Billing
    doc: Whether a job is billed.
    values:
      - value: not_billed
        text: not billed
        doc: Not billed.
      - value: recorded_portion
        text: billed for the recorded portion
        doc: Billed.
  - name: retry
    type: RetryClass
    doc: How to retry.
    parameter:
      key: delay_s
      accessor: delay_secs
      doc: The delay.
    values:
      - value: never
        text: never
        doc: Never.
      - value: delay
        text: after {} s
        field: secs
        doc: After a delay.
      - value: retry_after
        text: after `Retry-After`
        text_with_field: after `Retry-After`, else after {} s
        field: fallback_secs
        optional_field: true
        doc: After the header.
  - name: handling
    type: Handling
    doc: Who acts.
    values:
      - value: notify_user
        text: tell the user
        doc: Tell the user.
      - value: retry_later
        text: retry later
        doc: Retry later.
  - name: platform
    type: Platform
    doc: A platform.
    values:
      - value: all
        text: all platforms
        default: true
        doc: All.
      - value: zoom
        text: Zoom
        prefix: zoom_
        doc: Zoom.
      - value: webex
        text: Webex
        prefix: webex_
        doc: Webex.
facts:
  - name: http_status
    type: status
    doc: The status.
  - name: billing
    type: billing
    doc: The billing.
  - name: retry
    type: retry
    doc: The retry.
  - name: action
    type: text
    doc: The action.
  - name: handling
    type: handling
    doc: Who acts.
  - name: failure_code
    type: meetbot.failure_code
    doc: The failure code.
";

const FAILURES: &str = "\
table: meetbot.failure_code
type: FailureCode
doc: Why a job failed.
columns:
  - billing
  - retry
  - action
  - handling
  - name: legacy_phrases
    type: phrases
    doc: Phrases.
codes:
  - code: removed_from_meeting
    billing: recorded_portion
    retry: never
    action: Keep the partial recording.
    handling: notify_user
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
free_text:
  phrases: legacy_phrases
  cue_weight: 6
  skip: [the]
  negations: [no]
  cues:
    - name: kicked_out
      all_of: [[kick], [out]]
      code: removed_from_meeting
      reason: Out of the call.
  priority: [removed_from_meeting, lobby_timeout]
";

const STATUSES: &str = "\
table: recall.bot_status
type: BotStatus
doc: A bot status.
columns:
  - name: terminal
    type: bool
    accessor: is_terminal
    doc: Over.
  - name: has_sub_code
    type: bool
    doc: With a sub-code.
codes:
  - code: call_ended
    terminal: true
    has_sub_code: true
    description: The bot left the call.
  - code: done
    terminal: true
    has_sub_code: false
    description: The bot shut down.
";

const SUB_CODES: &str = "\
table: recall.sub_code
type: SubCode
doc: Why a bot left.
columns:
  - name: category
    type: recall.bot_status
    where: {has_sub_code: true}
    doc: The status.
  - name: platform
    type: platform
    doc: The platform.
  - failure_code
  - name: retry
    optional: true
    inherit: failure_code
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
    retry: never
    override: Zoom never answers a second time.
    description: Zoom did not answer in time.
unknown_codes:
  decides: failure_code
  given: category
  skip: [the]
  steps:
    - name: prefix
      strip_prefix: platform
      reason: The rest may be known.
    - name: waiting
      all_of: [[lobby, waiting room]]
      failure_code: lobby_timeout
      reason: Never admitted.
    - name: ended
      given: [call_ended]
      failure_code: removed_from_meeting
      reason: After joining.
";

const HIRING: &str = "\
table: hiring.error_code
type: ErrorCode
doc: A hiring API error.
columns:
  - http_status
  - retry
  - name: sends_retry_after
    type: bool
    true_exactly_when: {retry: retry_after}
    doc: With the header.
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

const STATUS_CODES: &str = "\
table: recall.http_status
type: HttpStatus
doc: A status.
code_is: http_status
columns:
  - name: http_status
    lookup: true
codes:
  - code: \"409\"
    rust_name: Conflict
    http_status: 409
    description: A conflict.
  - code: \"429\"
    rust_name: TooManyRequests
    http_status: 429
    description: Too many.
";

const VOCABULARIES_PATH: &str = "taxonomy/taxonomy.yaml";
const FAILURES_PATH: &str = "taxonomy/meetbot/failure_codes.yaml";
const STATUSES_PATH: &str = "taxonomy/recall/bot_statuses.yaml";
const SUB_CODES_PATH: &str = "taxonomy/recall/sub_codes.yaml";
const HIRING_PATH: &str = "taxonomy/hiring/error_codes.yaml";
const STATUS_CODES_PATH: &str = "taxonomy/recall/http_statuses.yaml";
const PUBLISHED_PATH: &str = "taxonomy/published-codes.txt";

fn sources(edit: impl Fn(&str, &str) -> String) -> Vec<Source> {
    [
        (HIRING_PATH, HIRING),
        (FAILURES_PATH, FAILURES),
        (STATUSES_PATH, STATUSES),
        (STATUS_CODES_PATH, STATUS_CODES),
        (SUB_CODES_PATH, SUB_CODES),
        (VOCABULARIES_PATH, VOCABULARIES),
    ]
    .into_iter()
    .map(|(path, text)| Source {
        path: path.to_owned(),
        text: edit(path, text),
    })
    .collect()
}

fn good() -> Vec<Source> {
    sources(|_, text| text.to_owned())
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
    match generate(&edited, &|_| false) {
        Ok(_) => panic!("replacing {from:?} with {to:?} in {path} was accepted"),
        Err(problems) => problems.0,
    }
}

/// Asserts that exactly one problem is reported, and that it reads `expected`.
fn assert_problem(path: &str, from: &str, to: &str, expected: &str) {
    let problems = problems_with(path, from, to);
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines, [expected]);
}

fn file<'a>(generated: &'a error_taxonomy_codegen::Generated, name: &str) -> &'a str {
    generated
        .files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn the_good_fixture_generates_every_module_and_the_lists() {
    let generated = generate(&good(), &|module| module == "recall").expect("good fixture");
    let names: Vec<&str> = generated.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "src/generated/hiring.rs",
            "src/generated/hiring.md",
            "src/generated/meetbot.rs",
            "src/generated/meetbot.md",
            "src/generated/recall.rs",
            "src/generated/recall.md",
            "src/generated/vocabularies.rs",
            "src/generated/tables.rs",
            "src/generated/mod.rs",
            "src/generated/for_every_table.rs",
            "src/generated/tables.md",
            "README.md#tables",
            "taxonomy/published-codes.txt",
        ]
    );
    let recall = file(&generated, "src/generated/recall.rs");
    assert!(recall.starts_with("// @generated"));
    assert!(recall.contains("pub enum SubCode {"));
    assert!(
        recall.contains(
            "Self::BotKickedFromCall => crate::meetbot::FailureCode::RemovedFromMeeting,"
        )
    );
    assert!(recall.contains("pub const fn from_http_status(value: u16) -> Option<Self> {"));
    let meetbot = file(&generated, "src/generated/meetbot.rs");
    assert!(meetbot.contains("Self::LobbyTimeout => {\n                crate::RetryClass::Delay {\n                    secs: 60,"), "{meetbot}");
    let tables = file(&generated, "src/generated/tables.rs");
    assert!(tables.contains("pub const MAX_CODE_LEN: usize = 20;"));
    assert!(tables.contains("pub trait Facts: Copy + crate::code::sealed::Sealed {"));
    // Every module is declared; `recall` is hand-written, so only the others get a wrapper that
    // the crate root re-exports.
    let modules = file(&generated, "src/generated/mod.rs");
    assert!(modules.contains("pub mod recall;") && modules.contains("pub mod hiring;"));
    assert!(modules.contains("pub mod hiring {") && modules.contains("pub mod meetbot {"));
    assert!(!modules.contains("pub mod recall {"));
    let published = file(&generated, "taxonomy/published-codes.txt");
    assert!(
        published.contains("\nhiring.error_code RATE_LIMITED\n"),
        "{published}"
    );
}

#[test]
fn output_is_deterministic_and_formatted() {
    let a = generate(&good(), &|_| false).expect("good fixture");
    let b = generate(&good(), &|_| false).expect("good fixture");
    assert_eq!(a.files, b.files);
    // One item per line: a compiler error inside the generated code points at a readable line.
    let recall = file(&a, "src/generated/recall.rs");
    assert!(recall.lines().all(|line| line.len() < 200), "{recall}");
    assert!(recall.contains("\n    /// `bot_kicked_from_call`: A host removed the bot.\n"));
}

#[test]
fn docs_show_facts_overrides_and_inherited_values() {
    let generated = generate(&good(), &|_| false).expect("good fixture");
    let recall = file(&generated, "src/generated/recall.rs");
    assert!(recall.contains(
        "/// Category: `call_ended` · platform: Zoom · failure code: `lobby_timeout` · retry: never (overridden)"
    ), "{recall}");
    assert!(recall.contains("/// Override: Zoom never answers a second time."));
    assert!(recall.contains(
        "/// Category: `call_ended` · platform: all platforms · failure code: `removed_from_meeting` · retry: never\n"
    ), "{recall}");
    assert!(
        recall.contains("_ => self.failure_code().retry(),"),
        "{recall}"
    );
}

#[test]
fn a_problem_displays_its_file_line_and_entry() {
    assert_problem(
        FAILURES_PATH,
        "    description: The bot was never admitted.\n",
        "",
        "taxonomy/meetbot/failure_codes.yaml:20: entry lobby_timeout: missing description",
    );
}

#[test]
fn unknown_key_names_the_allowed_keys() {
    let problems = problems_with(FAILURES_PATH, "billing: not_billed", "billed: false");
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "taxonomy/meetbot/failure_codes.yaml:21: entry lobby_timeout: unknown key `billed`; \
             the keys here are: code, rust_name, description, deprecated, override, billing, \
             retry, retry_delay_s, action, handling, legacy_phrases",
            "taxonomy/meetbot/failure_codes.yaml:20: entry lobby_timeout: missing `billing` (a \
             column of this table)",
        ]
    );
}

#[test]
fn unknown_vocabulary_value_names_the_allowed_ones() {
    assert_problem(
        HIRING_PATH,
        "retry: never",
        "retry: sometimes",
        "taxonomy/hiring/error_codes.yaml:19: entry DUPLICATE_CANDIDATE: `retry: sometimes` is \
         not a retry value; the values are: never, delay, retry_after",
    );
    assert_problem(
        FAILURES_PATH,
        "billing: not_billed",
        "billing: billed",
        "taxonomy/meetbot/failure_codes.yaml:21: entry lobby_timeout: `billing: billed` is not a \
         billing value; the values are: not_billed, recorded_portion",
    );
}

#[test]
fn yaml_syntax_error_names_the_file_and_line() {
    let problems = problems_with(STATUSES_PATH, "codes:\n", "codes: [\n");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].file, STATUSES_PATH);
    assert!(problems[0].line.is_some(), "{problems:#?}");
}

#[test]
fn duplicate_code() {
    assert_problem(
        HIRING_PATH,
        "- code: DUPLICATE_CANDIDATE",
        "- code: RATE_LIMITED",
        "taxonomy/hiring/error_codes.yaml:17: entry RATE_LIMITED: duplicate code",
    );
}

#[test]
fn identifier_collisions() {
    assert_problem(
        STATUSES_PATH,
        "- code: done",
        "- code: call__ended",
        "taxonomy/recall/bot_statuses.yaml:17: entry call__ended: identifier `CallEnded` collides \
         with entry call_ended; set `rust_name:`",
    );
    assert_problem(
        STATUSES_PATH,
        "- code: done\n",
        "- code: done\n    rust_name: CallEnded\n",
        "taxonomy/recall/bot_statuses.yaml:17: entry done: identifier `CallEnded` collides with \
         entry call_ended; set `rust_name:`",
    );
}

#[test]
fn a_numeric_code_needs_a_rust_name() {
    assert_problem(
        STATUS_CODES_PATH,
        "- code: \"409\"\n    rust_name: Conflict\n",
        "- code: \"409\"\n",
        "taxonomy/recall/http_statuses.yaml:9: entry 409: `409` is not an UpperCamelCase \
         identifier; set `rust_name:` to one",
    );
}

#[test]
fn http_status_range() {
    for (status, message) in [("700", "is outside 100-599"), ("99", "is outside 100-599")] {
        assert_problem(
            HIRING_PATH,
            "http_status: 409",
            &format!("http_status: {status}"),
            &format!(
                "taxonomy/hiring/error_codes.yaml:18: entry DUPLICATE_CANDIDATE: `http_status: \
                 {status}` is not an HTTP status: it {message}"
            ),
        );
    }
}

#[test]
fn missing_or_blank_description() {
    let expected = "taxonomy/recall/bot_statuses.yaml:17: entry done: missing description";
    assert_problem(
        STATUSES_PATH,
        "    description: The bot shut down.\n",
        "",
        expected,
    );
    let problems = problems_with(
        STATUSES_PATH,
        "description: The bot shut down.",
        "description: \"  \"",
    );
    assert_eq!(
        problems[0].to_string(),
        "taxonomy/recall/bot_statuses.yaml:20: entry done: `description` must be a non-empty text"
    );
}

#[test]
fn dangling_reference() {
    assert_problem(
        SUB_CODES_PATH,
        "failure_code: lobby_timeout",
        "failure_code: lobby_timed_out",
        "taxonomy/recall/sub_codes.yaml:25: entry zoom_join_timeout: `failure_code: \
         lobby_timed_out` names no code of meetbot.failure_code",
    );
}

#[test]
fn reference_into_a_table_that_does_not_exist() {
    let without: Vec<Source> = good()
        .into_iter()
        .filter(|s| s.path != FAILURES_PATH)
        .collect();
    let problems = generate(&without, &|_| false).expect_err("no failure table");
    let lines: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    assert!(
        lines.contains(
            &"taxonomy/recall/sub_codes.yaml:12: entry failure_code: column `failure_code` refers \
              to table `meetbot.failure_code`, which no file defines"
                .to_owned()
        ),
        "{lines:#?}"
    );
}

#[test]
fn where_holds_on_the_referenced_row() {
    assert_problem(
        SUB_CODES_PATH,
        "category: call_ended\n    platform: zoom",
        "category: done\n    platform: zoom",
        "taxonomy/recall/sub_codes.yaml:23: entry zoom_join_timeout: `category: done`: \
         recall.bot_status `done` does not have `has_sub_code: true`",
    );
}

#[test]
fn missing_column_value() {
    assert_problem(
        FAILURES_PATH,
        "    handling: retry_later\n",
        "",
        "taxonomy/meetbot/failure_codes.yaml:20: entry lobby_timeout: missing `handling` (a column \
         of this table)",
    );
}

#[test]
fn column_declarations() {
    assert_problem(
        STATUSES_PATH,
        "    doc: With a sub-code.\n",
        "    doc: With a sub-code.\n  - colour\n",
        "taxonomy/recall/bot_statuses.yaml:12: entry colour: column `colour` has no `type` and is \
         no shared fact (the facts: http_status, billing, retry, action, handling, failure_code)",
    );
    assert_problem(
        STATUSES_PATH,
        "    type: bool\n    accessor: is_terminal",
        "    type: boolean\n    accessor: is_terminal",
        "taxonomy/recall/bot_statuses.yaml:6: entry terminal: unknown type `boolean`; a type is \
         status, bool, text, phrases, a vocabulary (billing, retry, handling, platform) or a \
         table (`module.name`)",
    );
    assert_problem(
        STATUSES_PATH,
        "    doc: With a sub-code.\n",
        "    doc: With a sub-code.\n  - name: terminal\n    type: bool\n    doc: Again.\n",
        "taxonomy/recall/bot_statuses.yaml:12: entry terminal: column declared twice",
    );
    assert_problem(
        HIRING_PATH,
        "  - retry\n",
        "  - name: retry\n    type: text\n    doc: Shadow.\n",
        "taxonomy/hiring/error_codes.yaml:7: entry retry: `retry` is a shared fact: leave its type \
         to taxonomy.yaml",
    );
    assert_problem(
        STATUSES_PATH,
        "    accessor: is_terminal",
        "    accessor: as_str",
        "taxonomy/recall/bot_statuses.yaml:5: entry terminal: accessor `as_str` is a name every \
         code enum has; set `accessor:`",
    );
}

#[test]
fn optional_column_may_be_left_out() {
    let edited = sources(|path, text| {
        if path == FAILURES_PATH {
            text.replace("  - action\n", "  - name: action\n    optional: true\n")
                .replacen("    action: Keep the partial recording.\n", "", 1)
        } else {
            text.to_owned()
        }
    });
    let generated = generate(&edited, &|_| false).expect("optional column left out");
    let meetbot = file(&generated, "src/generated/meetbot.rs");
    assert!(
        meetbot.contains("pub const fn action(self) -> Option<&'static str> {"),
        "{meetbot}"
    );
    assert!(
        meetbot.contains("Self::RemovedFromMeeting => None,"),
        "{meetbot}"
    );
}

#[test]
fn naming_rules_hold() {
    assert_problem(
        SUB_CODES_PATH,
        "platform: zoom",
        "platform: webex",
        "taxonomy/recall/sub_codes.yaml:24: entry zoom_join_timeout: platform `webex` disagrees \
         with the code's prefix, which says `zoom`",
    );
    assert_problem(
        SUB_CODES_PATH,
        "platform: all",
        "platform: zoom",
        "taxonomy/recall/sub_codes.yaml:19: entry bot_kicked_from_call: platform `zoom` disagrees \
         with the code's prefix, which says `all`",
    );
}

#[test]
fn parameters_of_vocabulary_values() {
    assert_problem(
        FAILURES_PATH,
        "    retry_delay_s: 60\n",
        "",
        "taxonomy/meetbot/failure_codes.yaml:22: entry lobby_timeout: `retry: delay` needs \
         `retry_delay_s`",
    );
    assert_problem(
        FAILURES_PATH,
        "    retry: never\n",
        "    retry: never\n    retry_delay_s: 5\n",
        "taxonomy/meetbot/failure_codes.yaml:15: entry removed_from_meeting: `retry_delay_s` goes \
         only with a retry value that carries it",
    );
    assert_problem(
        FAILURES_PATH,
        "retry_delay_s: 60",
        "retry_delay_s: 0",
        "taxonomy/meetbot/failure_codes.yaml:22: entry lobby_timeout: `retry_delay_s` must be a \
         number from 1",
    );
    assert_problem(
        STATUSES_PATH,
        "    has_sub_code: false\n",
        "    has_sub_code: false\n    retry_delay_s: 5\n",
        "taxonomy/recall/bot_statuses.yaml:20: entry done: unknown key `retry_delay_s`; the keys \
         here are: code, rust_name, description, deprecated, override, terminal, has_sub_code",
    );
}

#[test]
fn true_exactly_when_holds() {
    assert_problem(
        HIRING_PATH,
        "retry: never\n    sends_retry_after: false",
        "retry: never\n    sends_retry_after: true",
        "taxonomy/hiring/error_codes.yaml:20: entry DUPLICATE_CANDIDATE: `sends_retry_after: true` \
         goes with `retry: retry_after`, and only with it",
    );
}

#[test]
fn codes_share_one_case_and_hold_code_characters() {
    assert_problem(
        HIRING_PATH,
        "- code: DUPLICATE_CANDIDATE",
        "- code: duplicate_candidate",
        "taxonomy/hiring/error_codes.yaml:1: codes mix upper and lower case; a table's codes share \
         one case",
    );
    assert_problem(
        STATUSES_PATH,
        "- code: done",
        "- code: \"done now\"",
        "taxonomy/recall/bot_statuses.yaml:17: entry done now: a code holds only ASCII letters, \
         digits and `_`",
    );
}

#[test]
fn phrases_are_lower_case_unique_and_not_empty() {
    let at = "taxonomy/meetbot/failure_codes.yaml:26: entry lobby_timeout:";
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: [Lobby]",
        &format!("{at} phrase \"Lobby\" must be lower-case ASCII"),
    );
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: [kicked]",
        &format!("{at} phrase \"kicked\" is also a phrase of entry removed_from_meeting"),
    );
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: []",
        &format!("{at} `legacy_phrases: []` is not a non-empty list of phrases"),
    );
    assert_problem(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: [\" lobby\"]",
        &format!("{at} phrase \" lobby\" is empty or has surrounding spaces"),
    );
}

#[test]
fn text_without_surrounding_spaces() {
    assert_problem(
        FAILURES_PATH,
        "action: Retry later.",
        "action: \" Retry later.\"",
        "taxonomy/meetbot/failure_codes.yaml:24: entry lobby_timeout: `action:  Retry later.` is \
         not a text without surrounding spaces",
    );
}

#[test]
fn duplicate_tables_types_and_tags() {
    let mut all = good();
    all.push(Source {
        path: "taxonomy/recall/again.yaml".into(),
        text: STATUSES.into(),
    });
    let problems = generate(&all, &|_| false).expect_err("duplicate table");
    assert_eq!(
        problems.0[0].to_string(),
        "taxonomy/recall/again.yaml:1: table `recall.bot_status` is already defined by \
         taxonomy/recall/bot_statuses.yaml"
    );

    let mut all = good();
    all.push(Source {
        path: "taxonomy/recall/other.yaml".into(),
        text: STATUSES.replace("table: recall.bot_status", "table: recall.other_status"),
    });
    let problems = generate(&all, &|_| false).expect_err("duplicate type");
    assert!(
        problems.0[0].message.contains(
            "type `recall::BotStatus` is already defined by taxonomy/recall/bot_statuses.yaml"
        ),
        "{problems}"
    );

    let mut all = good();
    all.push(Source {
        path: "taxonomy/recall_bot/status.yaml".into(),
        text: STATUSES
            .replace("table: recall.bot_status", "table: recall_bot.status")
            .replace("type: BotStatus", "type: Status"),
    });
    let problems = generate(&all, &|_| false).expect_err("tag collision");
    assert!(
        problems.0[0].message.contains(
            "`Table::RecallBotStatus` would also name the table of taxonomy/recall/bot_statuses.yaml"
        ),
        "{problems}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let edited = sources(|path, text| match path {
        HIRING_PATH => text.replace("http_status: 409", "http_status: 600"),
        STATUSES_PATH => text.replace("    description: The bot shut down.\n", ""),
        SUB_CODES_PATH => text.replacen("failure_code: lobby_timeout", "failure_code: nope", 1),
        _ => text.to_owned(),
    });
    let problems = generate(&edited, &|_| false).expect_err("three problems");
    let lines: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "taxonomy/hiring/error_codes.yaml:18: entry DUPLICATE_CANDIDATE: `http_status: 600` is not an HTTP status: it is outside 100-599",
            "taxonomy/recall/bot_statuses.yaml:17: entry done: missing description",
            "taxonomy/recall/sub_codes.yaml:25: entry zoom_join_timeout: `failure_code: nope` names no code of meetbot.failure_code",
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
    let generated = generate(&edited, &|_| false).expect("deprecated code");
    let recall = file(&generated, "src/generated/recall.rs");
    assert!(
        recall.contains("#[deprecated(note = \"Use call_ended.\")]\n    Done,"),
        "{recall}"
    );
    assert!(
        recall.contains("/// Deprecated: Use call_ended."),
        "{recall}"
    );
    assert!(
        recall.contains("Self::Done => Some(\"Use call_ended.\"),"),
        "{recall}"
    );
    assert!(recall.contains("b\"done\""), "{recall}");
    assert_problem(
        STATUSES_PATH,
        "    description: The bot shut down.",
        "    description: The bot shut down.\n    deprecated: \"\"",
        "taxonomy/recall/bot_statuses.yaml:21: entry done: `deprecated` must be a non-empty text",
    );
}

#[test]
fn overrides_need_a_note_and_must_differ() {
    assert_problem(
        SUB_CODES_PATH,
        "    override: Zoom never answers a second time.\n",
        "",
        "taxonomy/recall/sub_codes.yaml:22: entry zoom_join_timeout: overrides `retry` without an \
         `override:` note saying why",
    );
    assert_problem(
        SUB_CODES_PATH,
        "    failure_code: removed_from_meeting\n",
        "    failure_code: removed_from_meeting\n    retry: never\n    override: Same.\n",
        "taxonomy/recall/sub_codes.yaml:21: entry bot_kicked_from_call: `retry` repeats the value \
         it inherits through `failure_code`; leave it out",
    );
    assert_problem(
        SUB_CODES_PATH,
        "    retry: never\n",
        "",
        "taxonomy/recall/sub_codes.yaml:22: entry zoom_join_timeout: `override:` note, but no \
         inherited column is overridden",
    );
}

#[test]
fn code_is_and_lookup() {
    assert_problem(
        STATUS_CODES_PATH,
        "    http_status: 429\n",
        "    http_status: 430\n",
        "taxonomy/recall/http_statuses.yaml:13: entry 429: code 429 is not its http_status 430",
    );
    let problems = problems_with(
        STATUS_CODES_PATH,
        "- code: \"429\"\n    rust_name: TooManyRequests\n    http_status: 429",
        "- code: \"429\"\n    rust_name: TooManyRequests\n    http_status: 409",
    );
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "taxonomy/recall/http_statuses.yaml:13: entry 429: code 429 is not its http_status 409",
            "taxonomy/recall/http_statuses.yaml:15: entry 429: `http_status` is also entry 409's; a \
             lookup column's values are unique",
        ]
    );
}

#[test]
fn published_codes_are_never_removed() {
    let mut all = good();
    all.push(Source {
        path: PUBLISHED_PATH.into(),
        text: "# comment\nrecall.bot_status done\nrecall.bot_status gone_code\n".into(),
    });
    let problems = generate(&all, &|_| false).expect_err("a published code is gone");
    assert_eq!(
        problems
            .0
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "taxonomy/published-codes.txt:3: entry gone_code: published code `gone_code` of \
             `recall.bot_status` is gone: a wire string never changes and is never deleted; \
             restore it and retire it with `deprecated:`"
        ]
    );
    all.pop();
    all.push(Source {
        path: PUBLISHED_PATH.into(),
        text: "recall.bot_status done\n".into(),
    });
    let generated = generate(&all, &|_| false).expect("the list only grows");
    let list = file(&generated, PUBLISHED_PATH);
    assert!(
        list.contains("\nrecall.bot_status call_ended\nrecall.bot_status done\n"),
        "{list}"
    );
}

#[test]
fn table_and_type_names() {
    assert_problem(
        STATUSES_PATH,
        "table: recall.bot_status",
        "table: RecallBotStatus",
        "taxonomy/recall/bot_statuses.yaml:1: table `RecallBotStatus` is not of the form \
         `module.name` in snake_case",
    );
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
    assert_problem(
        STATUSES_PATH,
        "type: BotStatus",
        "type: bot_status",
        "taxonomy/recall/bot_statuses.yaml:2: type `bot_status` is not an UpperCamelCase identifier",
    );
    assert_problem(
        STATUSES_PATH,
        "doc: A bot status.",
        "doc: \"\"",
        "taxonomy/recall/bot_statuses.yaml:3: `doc` must be a non-empty text",
    );
}

#[test]
fn table_sizes_and_codes() {
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
    assert_problem(
        STATUSES_PATH,
        "- code: done",
        "- code: \"\"",
        "taxonomy/recall/bot_statuses.yaml:17: entry #?: empty code",
    );
    let long = "d".repeat(97);
    assert_problem(
        STATUSES_PATH,
        "- code: done",
        &format!("- code: {long}"),
        &format!("taxonomy/recall/bot_statuses.yaml:17: entry {long}: code longer than 96 bytes"),
    );
}

#[test]
fn vocabularies_are_checked() {
    assert_problem(
        VOCABULARIES_PATH,
        "        prefix: webex_\n",
        "",
        "taxonomy/taxonomy.yaml:55: entry webex: each value has a `prefix`, except the default",
    );
    assert_problem(
        VOCABULARIES_PATH,
        "        text: after {} s\n",
        "        text: after a while\n",
        "taxonomy/taxonomy.yaml:23: entry delay: `text` has `{}` exactly when a required field \
         fills it, and an optional field has `text_with_field` with `{}`",
    );
    let without: Vec<Source> = good()
        .into_iter()
        .filter(|s| s.path != VOCABULARIES_PATH)
        .collect();
    let problems = generate(&without, &|_| false).expect_err("no vocabularies");
    assert_eq!(
        problems.0[0].to_string(),
        "taxonomy/taxonomy.yaml: missing: the vocabularies and shared facts every table draws on"
    );
}

#[test]
fn load_dir_reads_yaml_files_in_path_order_and_the_published_list() {
    let root = std::env::temp_dir().join(format!("taxonomy-fixture-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("taxonomy");
    for (path, text) in [
        (SUB_CODES_PATH, SUB_CODES),
        (FAILURES_PATH, FAILURES),
        (VOCABULARIES_PATH, VOCABULARIES),
        (PUBLISHED_PATH, "recall.sub_code bot_kicked_from_call\n"),
    ] {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    std::fs::write(dir.join("README.md"), "not a table").expect("write");
    let (sources, paths) = error_taxonomy_codegen::load_dir(&dir).expect("load");
    let shown: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        shown,
        [
            FAILURES_PATH,
            SUB_CODES_PATH,
            VOCABULARIES_PATH,
            PUBLISHED_PATH
        ]
    );
    assert_eq!(paths.len(), 4);
    let _ = std::fs::remove_dir_all(&root);

    let problems = error_taxonomy_codegen::load_dir(std::path::Path::new("/nonexistent/taxonomy"))
        .expect_err("missing folder");
    assert!(
        problems.0[0].message.starts_with("cannot list"),
        "{problems}"
    );
    let empty = std::env::temp_dir().join(format!("taxonomy-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("mkdir");
    // A missing published-codes list is an error, not an empty list.
    let problems = error_taxonomy_codegen::load_dir(&empty).expect_err("no list");
    assert!(
        problems
            .to_string()
            .contains("the list of published codes is missing"),
        "{problems}"
    );
    std::fs::write(empty.join("published-codes.txt"), "").expect("write");
    let problems = error_taxonomy_codegen::load_dir(&empty).expect_err("no tables");
    assert!(
        problems.0[0].message.contains("no *.yaml table found"),
        "{problems}"
    );
    let _ = std::fs::remove_dir_all(&empty);
}

#[test]
fn handwritten_modules_are_found_in_src() {
    let root = std::env::temp_dir().join(format!("crate-fixture-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("src/recall")).expect("mkdir");
    std::fs::create_dir_all(root.join("src/empty")).expect("mkdir");
    std::fs::write(root.join("src/recall/mod.rs"), "").expect("write");
    std::fs::write(root.join("src/hiring.rs"), "").expect("write");
    let has = |module| error_taxonomy_codegen::has_handwritten_module(&root, module);
    assert!(has("recall") && has("hiring"));
    // A directory without `mod.rs`, or no file at all, is no hand-written module.
    assert!(!has("empty") && !has("zoom"));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn word_rules_compile_into_functions() {
    let generated = generate(&good(), &|_| false).expect("good fixture");
    let recall = file(&generated, "src/generated/recall.rs");
    assert!(recall.contains("pub fn place_unknown("), "{recall}");
    assert!(
        recall.contains("static UNKNOWN_SUBCODE: crate::words::Lexicon"),
        "{recall}"
    );
    // `lobby` and `waiting room` by their stems only: no inflected form is listed.
    assert!(recall.contains("b\"lobbi\""), "{recall}");
    assert!(recall.contains("b\"wait\""), "{recall}");
    assert!(!recall.contains("b\"rooms\""), "{recall}");
    let meetbot = file(&generated, "src/generated/meetbot.rs");
    assert!(
        meetbot.contains("pub fn read_text(text: &str) -> crate::Reading<Self>"),
        "{meetbot}"
    );
    assert!(meetbot.contains("b\"kick\""), "{meetbot}");
    assert!(!meetbot.contains("b\"kicked\""), "{meetbot}");
    assert!(
        meetbot.contains("text: \"kicked\""),
        "the phrase as the YAML writes it: {meetbot}"
    );
}

#[test]
fn word_rules_are_checked() {
    assert_problem(
        SUB_CODES_PATH,
        "      failure_code: lobby_timeout\n      reason: Never admitted.",
        "      failure_code: lobby_gone\n      reason: Never admitted.",
        "taxonomy/recall/sub_codes.yaml:37: entry waiting: `failure_code: lobby_gone` names no code of meetbot.failure_code",
    );
    assert_problem(
        SUB_CODES_PATH,
        "      given: [call_ended]",
        "      given: [ended_call]",
        "taxonomy/recall/sub_codes.yaml:41: entry ended: `given: ended_call` names no code of recall.bot_status",
    );
    assert_problem(
        SUB_CODES_PATH,
        "      all_of: [[lobby, waiting room]]",
        "      all_of: [[Lobby, waiting room]]",
        "taxonomy/recall/sub_codes.yaml:37: phrase \"Lobby\": at most 8 words of lower-case ASCII letters and digits, one space apart",
    );
    // A table's type that is a vocabulary's is reported in the table's file, at its line.
    assert_problem(
        FAILURES_PATH,
        "type: FailureCode",
        "type: RetryClass",
        "taxonomy/meetbot/failure_codes.yaml:1: type `RetryClass` is a vocabulary's",
    );
    // `all_of` is checked alike in a step and in a cue, at its key.
    assert_problem(
        SUB_CODES_PATH,
        "      all_of: [[lobby, waiting room]]",
        "      all_of: 7",
        "taxonomy/recall/sub_codes.yaml:38: entry waiting: `all_of` is a list of phrases, or a list of lists of phrases",
    );
    assert_problem(
        FAILURES_PATH,
        "      all_of: [[kick], [out]]",
        "      all_of: {kick: out}",
        "taxonomy/meetbot/failure_codes.yaml:35: entry kicked_out: `all_of` is a list of phrases, or a list of lists of phrases",
    );
    assert_problem(
        SUB_CODES_PATH,
        "  skip: [the]",
        "  skip: [lobby]",
        "taxonomy/recall/sub_codes.yaml:37: skip word \"lobby\" is also a word of a phrase",
    );
    assert_problem(
        FAILURES_PATH,
        "  priority: [removed_from_meeting, lobby_timeout]",
        "  priority: [removed_from_meeting]",
        "taxonomy/meetbot/failure_codes.yaml:28: entry free_text: `priority` lists every code of the table once, the first winning a tie",
    );
    assert_problem(
        FAILURES_PATH,
        "      code: removed_from_meeting\n      reason: Out of the call.",
        "      code: removed\n      reason: Out of the call.",
        "taxonomy/meetbot/failure_codes.yaml:34: entry kicked_out: `code: removed` names no code of this table",
    );
    assert_problem(
        FAILURES_PATH,
        "  cue_weight: 6",
        "  cue_weight: 0",
        "taxonomy/meetbot/failure_codes.yaml:30: `cue_weight` is a number from 1 to 1000",
    );
    assert_problem(
        FAILURES_PATH,
        "      code: removed_from_meeting\n      reason: Out of the call.",
        "      code: removed_from_meeting\n      excludes: [lobby_timeout, removed_from_meeting]\n      reason: Out of the call.",
        "taxonomy/meetbot/failure_codes.yaml:34: entry kicked_out: a cue cannot rule out its own code `removed_from_meeting`",
    );
    assert_problem(
        FAILURES_PATH,
        "      code: removed_from_meeting\n      reason: Out of the call.",
        "      excludes: [gone]\n      reason: Out of the call.",
        "taxonomy/meetbot/failure_codes.yaml:34: entry kicked_out: `excludes: gone` names no code of this table",
    );
    assert_problem(
        FAILURES_PATH,
        "      code: removed_from_meeting\n      reason: Out of the call.",
        "      reason: Out of the call.",
        "taxonomy/meetbot/failure_codes.yaml:34: entry kicked_out: a cue scores for a `code`, rules codes out (`excludes`, `clears`), or both",
    );
    assert_problem(
        FAILURES_PATH,
        "      code: removed_from_meeting\n      reason: Out of the call.",
        "      code: removed_from_meeting\n      clears: [removed_from_meeting]\n      reason: Out of the call.",
        "taxonomy/meetbot/failure_codes.yaml:34: entry kicked_out: a cue cannot rule out its own code `removed_from_meeting`",
    );
    assert_problem(
        FAILURES_PATH,
        "      code: removed_from_meeting\n      reason: Out of the call.",
        "      clears: [gone]\n      reason: Out of the call.",
        "taxonomy/meetbot/failure_codes.yaml:34: entry kicked_out: `clears: gone` names no code of this table",
    );
    assert_problem(
        FAILURES_PATH,
        "  negations: [no]",
        "  negations: [no, not]\n  contractions: [lobby, didnt]",
        "taxonomy/meetbot/failure_codes.yaml:28: contraction \"lobby\" is a word of the reader already",
    );
    assert_problem(
        FAILURES_PATH,
        "  negations: [no]",
        "  negations: [no]\n  contractions: [didnt]",
        "taxonomy/meetbot/failure_codes.yaml:28: contraction \"didnt\" needs `not` among the negations",
    );
    assert_problem(
        FAILURES_PATH,
        "  negations: [no]",
        "  negations: [no]\n  contrast:\n    stated_after: [out]",
        "taxonomy/meetbot/failure_codes.yaml:28: phrase \"out\" holds a word of `stated_after`, which ends a clause",
    );
    assert_problem(
        FAILURES_PATH,
        "  negations: [no]",
        "  negations: [no]\n  negation_reach: 9",
        "taxonomy/meetbot/failure_codes.yaml:33: `negation_reach` is a number from 1 to 8",
    );
}

#[test]
fn unknown_code_facts_are_read_like_a_row() {
    let with = |block: &str| {
        sources(|p, text| {
            if p == FAILURES_PATH {
                text.replacen("columns:\n", &format!("{block}columns:\n"), 1)
            } else {
                text.to_owned()
            }
        })
    };
    let good =
        with("unknown_code:\n  retry: never\n  handling: notify_user\n  reason: be careful.\n");
    let generated = generate(&good, &|_| false).expect("generates");
    let meetbot = file(&generated, "src/generated/meetbot.rs");
    assert!(
        meetbot
            .contains("pub const UNKNOWN_HANDLING: crate::Handling = crate::Handling::NotifyUser;"),
        "{meetbot}"
    );
    assert!(
        meetbot.contains("pub const UNKNOWN_RETRY: crate::RetryClass = crate::RetryClass::Never;")
    );
    assert!(meetbot.contains("does not know (a newer server's). be careful."));
    assert!(meetbot.contains("pub const UNKNOWN_CODE: crate::UnknownFacts"));

    let problems = |block: &str| -> Vec<String> {
        match generate(&with(block), &|_| false) {
            Ok(_) => panic!("{block:?} was accepted"),
            Err(problems) => problems.0.iter().map(ToString::to_string).collect(),
        }
    };
    assert_eq!(
        problems("unknown_code:\n  handling: shrug\n  reason: r.\n"),
        [
            "taxonomy/meetbot/failure_codes.yaml:5: entry unknown_code: `handling: shrug` is not a \
          handling value; the values are: notify_user, retry_later"
        ]
    );
    assert_eq!(
        problems("unknown_code:\n  code: x\n  handling: notify_user\n  reason: r.\n"),
        [
            "taxonomy/meetbot/failure_codes.yaml:5: entry unknown_code: unknown key `code`; the \
          keys here are: billing, retry, retry_delay_s, action, handling, legacy_phrases, reason"
        ]
    );
    assert_eq!(
        problems("unknown_code:\n  handling: notify_user\n"),
        ["taxonomy/meetbot/failure_codes.yaml:4: entry unknown_code: missing `reason`"]
    );
}

/// The problems of the fixture with `edit` applied to `path`, and the edited text of `path`.
fn problems_and_text(path: &str, edit: impl Fn(&str) -> String) -> (Vec<String>, String) {
    let edited = sources(|p, text| {
        if p == path {
            edit(text)
        } else {
            text.to_owned()
        }
    });
    let text = edited
        .iter()
        .find(|s| s.path == path)
        .map(|s| s.text.clone())
        .expect("the edited file");
    match generate(&edited, &|_| false) {
        Ok(_) => panic!("the edit of {path} was accepted"),
        Err(problems) => (problems.0.iter().map(ToString::to_string).collect(), text),
    }
}

/// The 1-based line of the first line of `text` that reads `needle` once trimmed.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.trim() == needle)
        .expect("the needle")
        + 1
}

#[test]
fn unknown_keys_of_sections_are_each_reported_at_their_key_in_one_run() {
    let (problems, text) = problems_and_text(VOCABULARIES_PATH, |text| {
        text.replacen(
            "        text: not billed\n",
            "        text: not billed\n        colour: red\n",
            1,
        )
        .replacen(
            "    doc: How to retry.\n",
            "    doc: How to retry.\n    shade: blue\n",
            1,
        )
    });
    // Each is reported once, and the entry is read on without it: nothing else follows.
    assert_eq!(
        problems,
        [
            format!(
                "taxonomy/taxonomy.yaml:{}: entry not_billed: unknown key `colour`; the keys \
                 here are: value, text, text_with_field, field, optional_field, field_doc, \
                 prefix, default, doc",
                line_of(&text, "colour: red")
            ),
            format!(
                "taxonomy/taxonomy.yaml:{}: entry retry: unknown key `shade`; the keys here are: \
                 name, type, doc, parameter, values",
                line_of(&text, "shade: blue")
            ),
        ]
    );
}

#[test]
fn a_quoted_value_is_text_as_yaml_reads_it() {
    assert_problem(
        HIRING_PATH,
        "http_status: 409",
        "http_status: \"409\"",
        "taxonomy/hiring/error_codes.yaml:18: entry DUPLICATE_CANDIDATE: `http_status: 409` is \
         not an HTTP status (a number)",
    );
}

#[test]
fn anchors_and_tags_are_refused_at_their_line() {
    for (from, to) in [
        (
            "description: The bot shut down.",
            "description: &a The bot shut down.",
        ),
        (
            "description: The bot shut down.",
            "description: !!str The bot shut down.",
        ),
    ] {
        let (problems, text) = problems_and_text(STATUSES_PATH, |t| t.replacen(from, to, 1));
        let at = format!("taxonomy/recall/bot_statuses.yaml:{}: ", line_of(&text, to));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].starts_with(&at), "{at} in {problems:#?}");
    }
}

#[test]
fn phrases_of_one_stem_for_two_codes_are_a_problem() {
    let problems = problems_with(
        FAILURES_PATH,
        "legacy_phrases: [lobby]",
        "legacy_phrases: [kicks]",
    );
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("phrase \"kicks\" has the stems of \"kicked\"")),
        "{lines:#?}"
    );
}

#[test]
fn the_exports_are_made_from_the_same_model() {
    let generated = generate(&good(), &|_| false).expect("good fixture");
    let exports = generated.exports("9.9.9");
    let file = |name: &str| {
        exports
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let codes: serde_json::Value = serde_json::from_str(&file("schema/codes.json")).expect("JSON");
    assert_eq!(codes["version"], "9.9.9");
    let tables = codes["tables"].as_array().expect("tables");
    let failures = tables
        .iter()
        .find(|t| t["table"] == "meetbot.failure_code")
        .expect("the failure codes");
    let lobby = failures["codes"]
        .as_array()
        .and_then(|codes| codes.iter().find(|c| c["code"] == "lobby_timeout"))
        .expect("lobby_timeout");
    assert_eq!(lobby["retry"], "delay");
    assert_eq!(lobby["retry_delay_s"], 60);
    for path in [
        "bindings/typescript/src/index.ts",
        "bindings/python/error_taxonomy_codes/__init__.py",
    ] {
        let text = file(path);
        assert!(text.contains("9.9.9"), "{path}");
        assert!(
            text.contains("MeetbotFailureCode") && text.contains("\"lobby_timeout\""),
            "{path}"
        );
    }
    assert!(file("docs/CATALOG.md").contains("| `lobby_timeout` |"));
}

#[test]
fn a_duplicate_key_is_a_problem_at_its_line() {
    let (problems, text) = problems_and_text(STATUSES_PATH, |text| {
        text.replacen(
            "description: The bot shut down.",
            "description: The bot shut down.\n    description: Twice.",
            1,
        )
    });
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let at = format!(
        "taxonomy/recall/bot_statuses.yaml:{}:",
        line_of(&text, "description: Twice.")
    );
    assert!(problems[0].starts_with(&at), "{at} in {problems:#?}");
    assert!(problems[0].contains("description"), "{problems:#?}");
}

/// One labelled reason of each class of the fixture's table.
const EACH_CLASS: &str = "removed_from_meeting\thost kicked it\nlobby_timeout\tnobody let it in\n\
                          none\tit failed\n";

/// The fixture's sources with a `learned` reader and `labelled` reasons under
/// `tests/data/corpus/`.
fn learning(labelled: &[(&str, &str)]) -> Vec<Source> {
    let mut sources = sources(|path, text| {
        if path == FAILURES_PATH {
            text.replace(
                "  priority: [removed_from_meeting, lobby_timeout]\n",
                "  priority: [removed_from_meeting, lobby_timeout]\n  learned:\n    ignore: [the]\n    \
                 min_reasons: 2\n    min_class_reasons: 1\n    min_known_features: 1\n    \
                 min_known_percent: 30\n    \
                 fallback_margin: 500\n    override_margin: 5000\n",
            )
        } else {
            text.to_owned()
        }
    });
    sources.extend(labelled.iter().map(|(path, text)| Source {
        path: format!("tests/data/corpus/{path}"),
        text: (*text).to_owned(),
    }));
    sources
}

#[test]
fn weights_are_learnt_from_the_labelled_reasons_and_written_for_every_language() {
    let reasons = "removed_from_meeting\thost kicked the bot mid call\n\
                   removed_from_meeting\thost kicked the bot again\n\
                   lobby_timeout\tnobody admitted the bot\n\
                   none\tthe bot failed\n";
    let generated =
        generate(&learning(&[("a/v1_reasons.tsv", reasons)]), &|_| false).expect("learnt");
    let rust = file(&generated, "src/generated/meetbot.rs");
    assert!(rust.contains("crate::learned::Learned"), "{rust}");
    assert!(rust.contains("learned: Some(&"), "{rust}");
    // Only what two reasons have is learnt: `host kick` is, `mid call` is not; `the` never.
    let words = rust
        .lines()
        .find(|line| line.trim_start().starts_with("words: &[\""))
        .expect("the learnt words");
    assert!(words.contains("\"host kick\""), "{words}");
    assert!(!words.contains("\"mid call\""), "{words}");
    assert!(!words.contains("the"), "{words}");
    let exports = generated.exports("0.0.0");
    let rules = exports
        .iter()
        .find(|(path, _)| path == "schema/rules.json")
        .map(|(_, text)| text)
        .expect("rules.json");
    let data: serde_json::Value = serde_json::from_str(rules).expect("JSON");
    let learned = &data["free_text"][0]["learned"];
    assert_eq!(learned["min_known_features"], 1);
    assert_eq!(learned["override_margin"], 5000);
    // Per class (two codes, then `none`): a prior and an unseen weight.
    assert_eq!(learned["prior"].as_array().map(Vec::len), Some(3));
    assert_eq!(learned["unseen"].as_array().map(Vec::len), Some(3));
    assert!(
        learned["words"]
            .as_array()
            .is_some_and(|w| w.contains(&"host kick".into()))
    );
}

#[test]
fn a_labelled_reason_must_name_a_code_or_none() {
    let problems = generate(
        &learning(&[
            ("a/v1_reasons.tsv", "kicked\thost kicked it\nno tab here\n"),
            ("b/v1_reasons.tsv", EACH_CLASS),
        ]),
        &|_| false,
    )
    .expect_err("bad labels");
    let lines: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "tests/data/corpus/a/v1_reasons.tsv:1: `kicked` is no code of meetbot.failure_code and not `none`",
            "tests/data/corpus/a/v1_reasons.tsv:2: a labelled reason is `code<TAB>reason`",
        ]
    );
    let problems = generate(&learning(&[]), &|_| false).expect_err("nothing to learn from");
    assert_eq!(
        problems.to_string(),
        "1 problem(s) in the taxonomy data:\n  taxonomy/meetbot/failure_codes.yaml:39: `learned` \
         found no labelled reason under tests/data/corpus (v1_reasons*.tsv)\n"
    );
}

#[test]
fn every_class_needs_enough_labelled_reasons() {
    let sources: Vec<Source> =
        learning(&[("a/v1_reasons.tsv", "lobby_timeout\tnobody admitted it\n")])
            .into_iter()
            .map(|mut source| {
                source.text = source
                    .text
                    .replace("min_class_reasons: 1", "min_class_reasons: 2");
                source
            })
            .collect();
    let problems = generate(&sources, &|_| false).expect_err("too few");
    let lines: Vec<String> = problems.0.iter().map(ToString::to_string).collect();
    let need = "labelled reasons under tests/data/corpus; the learnt weights need at least 2 of \
                each code and of `none` (`min_class_reasons`)";
    assert_eq!(
        lines,
        [
            format!("taxonomy/meetbot/failure_codes.yaml:39: `removed_from_meeting` has 0 {need}"),
            format!("taxonomy/meetbot/failure_codes.yaml:39: `lobby_timeout` has 1 {need}"),
            format!("taxonomy/meetbot/failure_codes.yaml:39: `none` has 0 {need}"),
        ]
    );
}

#[test]
fn two_features_that_hash_alike_are_a_problem() {
    // `bckczx` and `cbrbtf` are their own stems, and their FNV-1a hashes are equal.
    let problems = generate(
        &learning(&[
            ("a/v1_reasons.tsv", "none\tbckczx\nnone\tcbrbtf\n"),
            ("b/v1_reasons.tsv", EACH_CLASS),
        ]),
        &|_| false,
    )
    .expect_err("a collision");
    assert_eq!(
        problems
            .0
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "tests/data/corpus/a/v1_reasons.tsv:2: the features `bckczx` and `cbrbtf` hash alike: \
             add one of their words to `learned.ignore`"
        ]
    );
}

#[test]
fn load_dir_reads_the_labelled_reasons_but_never_a_measure_set() {
    let root = std::env::temp_dir().join(format!("taxonomy-labelled-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in [
        (FAILURES_PATH, FAILURES),
        (VOCABULARIES_PATH, VOCABULARIES),
        (PUBLISHED_PATH, ""),
        ("tests/data/corpus/v1_reasons.tsv", "none\tx\n"),
        ("tests/data/corpus/blind/v1_reasons.tsv", "none\tx\n"),
        (
            "tests/data/corpus/blind/sub_codes.tsv",
            "x\tfatal\tnone\tx\n",
        ),
        ("tests/data/corpus/blind/other_languages.tsv", "none\tx\n"),
        ("tests/data/corpus/measure/v1_reasons.tsv", "none\tx\n"),
        ("tests/data/corpus/measure9/v1_reasons.tsv", "none\tx\n"),
        ("tests/data/corpus/Measure10/v1_reasons.tsv", "none\tx\n"),
        ("tests/data/corpus/v1_reasons_measure.tsv", "none\tx\n"),
    ] {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let (sources, _) = error_taxonomy_codegen::load_dir(&root.join("taxonomy")).expect("load");
    let labelled: Vec<&str> = sources
        .iter()
        .map(|s| s.path.as_str())
        .filter(|p| p.starts_with(error_taxonomy_codegen::LABELLED))
        .collect();
    assert_eq!(
        labelled,
        [
            "tests/data/corpus/blind/v1_reasons.tsv",
            "tests/data/corpus/v1_reasons.tsv"
        ]
    );
    let _ = std::fs::remove_dir_all(&root);
}
