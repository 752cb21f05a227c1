//! `tests/conformance/cases.json`: inputs, each with the answer the crate gives, for the
//! interpreters of the rule data in other languages to give back (the layout is described in
//! `tests/conformance/README.md`). The inputs are every labelled text of the corpora, every code
//! of every table named in free text and inside an unknown sub-code, every known sub-code under
//! every status, the texts and codes at and past each limit the readers have, and the hostile
//! `Retry-After` values and error bodies.

use std::path::Path;
use std::time::Duration;

use error_taxonomy::meetbot::FailureCode;
use error_taxonomy::recall::{
    self, BotStatus, ErrorBody, ErrorCause, ErrorCode, HttpStatus, Outcome,
};
use error_taxonomy::retry::{Decision, Jitter, RetryAfter, RetryPolicy, StopReason};
use error_taxonomy::{
    MAX_FEATURE_WORD, MAX_HYPOTHETICAL, MAX_PARTS, MAX_TEXT, MAX_WORD, MappedBy, RetryClass, Table,
};
use serde_json::{Value, json};

/// The path of the cases, from the repository's root.
pub const CASES: &str = "tests/conformance/cases.json";

/// The clock every `Retry-After` case is read at: 2023-11-14T22:13:20Z.
const NOW: u64 = 1_700_000_000;

/// The sentences every code is named in: the code alone, beside words that place nothing, and
/// quoted after a negated other cause.
const TEMPLATES: [&str; 4] = [
    "{}",
    "job failed: {} (worker-3)",
    "Recall returned '{}' after 12 minutes",
    "not a timeout; the bot got {} then gave up",
];

/// Where a code is put inside an unknown sub-code.
const INSIDE: [&str; 3] = ["new_{}", "{}_v2", "zoom_x_{}_y"];

/// The answer the crate gives to `case` (its inputs: `kind` and what the kind reads), as the
/// case's `expect`. `None` for a case this version cannot read.
#[must_use]
pub fn answer(case: &Value) -> Option<Value> {
    match case["kind"].as_str()? {
        "read_text" => {
            let reading = FailureCode::read_text(case["text"].as_str()?);
            Some(json!({
                "code": reading.code.map(FailureCode::as_str),
                "mapped_by": serde_json::to_value(reading.mapped_by).ok()?,
            }))
        }
        "outcome" => {
            let status = case["status"]
                .as_str()
                .and_then(|s| BotStatus::parse(s).ok());
            Some(outcome(recall::outcome(status, case["sub_code"].as_str())))
        }
        "retry_after" => {
            let now = case["now"].as_u64()?;
            Some(retry_after(RetryAfter::parse(case["value"].as_str(), now)))
        }
        "classify" => classify(case),
        _ => None,
    }
}

fn outcome(outcome: Outcome) -> Value {
    match outcome {
        Outcome::Running => json!({"outcome": "running"}),
        Outcome::Ended => json!({"outcome": "ended"}),
        Outcome::Failed(advice) => json!({
            "outcome": "failed",
            "failure_code": advice.failure_code.as_str(),
            "retry": advice.retry.as_str(),
            "retry_delay_s": advice.retry.delay_secs(),
            "handling": advice.handling.as_str(),
            "mapped_by": serde_json::to_value(advice.mapped_by).unwrap_or_default(),
        }),
        _ => json!({"outcome": "unknown"}),
    }
}

fn retry_after(value: RetryAfter) -> Value {
    match value {
        RetryAfter::Absent => json!({"absent": true}),
        RetryAfter::After(delay) => json!({"after_secs": delay.as_secs().to_string()}),
        RetryAfter::Ignored(why) => {
            json!({"ignored": serde_json::to_value(why).unwrap_or_default()})
        }
    }
}

/// The policies every classified response is decided under: the default (full jitter), none,
/// and equal jitter with a cap below some servers' waits.
fn policies() -> [(RetryPolicy, &'static str); 3] {
    let policy = |base_ms, cap_ms, max_attempts, jitter| RetryPolicy {
        base: Duration::from_millis(base_ms),
        cap: Duration::from_millis(cap_ms),
        max_attempts,
        jitter,
    };
    [
        (RetryPolicy::DEFAULT, "full"),
        (policy(250, 10_000, 3, Jitter::None), "none"),
        (policy(1_000, 60_000, 2, Jitter::Equal), "equal"),
    ]
}

fn decision(decision: Decision) -> Value {
    match decision {
        Decision::Retry(delay) => json!({"retry_ns": delay.as_nanos().to_string()}),
        Decision::DoNotRetry(StopReason::WaitTooLong(wait)) => {
            json!({"do_not_retry": "wait_too_long", "wait_secs": wait.as_secs().to_string()})
        }
        Decision::DoNotRetry(why) => json!({"do_not_retry": why.as_str()}),
        Decision::AfterUserAction(action) => json!({"after_user_action": action}),
    }
}

fn classify(case: &Value) -> Option<Value> {
    let status = u16::try_from(case["status"].as_u64()?).ok()?;
    let hint = RetryAfter::parse(case["retry_after"].as_str(), case["now"].as_u64()?);
    let bytes = match case["body_hex"].as_str() {
        Some(hex) => from_hex(hex)?,
        None => case["body"].as_str()?.as_bytes().to_vec(),
    };
    let error = recall::classify(status, hint, &bytes);
    let body = match &error.body {
        ErrorBody::Empty => "empty",
        ErrorBody::Json { .. } => "json",
        ErrorBody::BlockedPage => "blocked_page",
        ErrorBody::Text(_) => "text",
        _ => "raw",
    };
    let class: RetryClass = error.retry_class();
    let mut decisions = Vec::new();
    for (attempt, entropy) in [(1, 0u64), (2, 0x9E37_79B9_7F4A_7C15), (5, u64::MAX)] {
        for (policy, jitter) in policies() {
            decisions.push(json!({
                "attempt": attempt,
                "policy": {
                    "base_ms": policy.base.as_millis() as u64,
                    "cap_ms": policy.cap.as_millis() as u64,
                    "max_attempts": policy.max_attempts,
                    "jitter": jitter,
                },
                "entropy": entropy.to_string(),
                "decision": decision(error.decide(attempt, &policy, entropy)),
            }));
        }
    }
    let unreadable: Vec<&str> = error
        .body
        .unreadable()
        .iter()
        .flat_map(|u| u.iter())
        .collect();
    Some(json!({
        "body": body,
        "unreadable": unreadable,
        "code": error.code().map(|code| code.as_str().to_owned()),
        "known": error.code().and_then(|code| code.known()).is_some(),
        "detail": error.detail(),
        "cause": error.cause().map(ErrorCause::as_str),
        "retry": class.as_str(),
        "retry_delay_s": class.delay_secs(),
        "action": error.action(),
        "retry_after": retry_after(error.retry_after),
        "decisions": decisions,
    }))
}

/// Bytes written as lower-case hexadecimal, two digits each.
fn from_hex(hex: &str) -> Option<Vec<u8>> {
    let digits = hex.as_bytes();
    (digits.len() % 2 == 0).then_some(())?;
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect()
}

/// `bytes` as lower-case hexadecimal, two digits each.
fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Error bodies that are not UTF-8, which a JSON string cannot carry: the cases give them in
/// `body_hex`.
const NOT_UTF8: [&[u8]; 5] = [
    b"\xff\xfe",
    b"{\"code\": \"invalid_request\", \"detail\": \"\xff\"}",
    b"{\"code\": \"\xff\"}",
    b"<html><title>Attention Required! | Cloudflare</title>\xff</html>",
    b"502 Bad \xc3 Gateway",
];

/// The rows of the corpora's TSV files whose names start with `prefix`, split at tabs: the files
/// the generator learns from, the measure sets left out
/// ([`labelled_files`](error_taxonomy_codegen::labelled_files)).
fn corpus(root: &Path, prefix: &str) -> Result<Vec<Vec<String>>, String> {
    let dir = root.join(error_taxonomy_codegen::LABELLED);
    let files = error_taxonomy_codegen::labelled_files(&dir, prefix).map_err(|p| p.to_string())?;
    let mut rows = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        rows.extend(
            text.lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| line.split('\t').map(str::to_owned).collect()),
        );
    }
    Ok(rows)
}

/// Texts with what the free-text reader treats specially: quotes and apostrophes in each form,
/// dashes, negations, contrasts, codes named, dots inside names, escapes and a byte-order mark.
const SPECIAL_TEXTS: &[&str] = &[
    "",
    "host clicked 'Deny' after 47s in waiting room",
    "host clicked \u{2018}Deny\u{2019} after 47s in waiting room",
    "host clicked \u{201C}Deny\u{201D} after 47s in waiting room",
    "the host wasn\u{2019}t there \u{2014} meeting ended",
    "the host wasn\u{02BC}t there \u{2013} meeting ended",
    "the host wasn\u{2018}t there, meeting ended",
    "the host wasn't there - meeting ended",
    "HOST DENIED ADMISSION",
    "not admitted; the organiser then rejected it",
    "nothing failed on our side, the host removed the bot",
    "waited 503 seconds for the host",
    "not a 429, the bot was kicked",
    "Recall answered 502 Bad Gateway",
    "bot\u{0000}kicked from call",
    "caf\u{00E9} d\u{00E9}nied, host re\u{0301}moved the bot",
    "\u{FEFF}bot removed by host",
    "bot_kicked_from_call bot_kicked_from_call",
    "BOT_KICKED_FROM_CALL",
    "'bot_kicked_from_call'",
    "\u{2018}bot_kicked_from_call\u{2019}",
    "\u{2bc}bot_kicked_from_call\u{2bc}",
    "'\u{2018}bot_kicked_from_call\u{2019}'",
    "participant.removed actor=host target=bot",
    "participant. removed by the host",
    "not meeting_not_found: the call had just finished before we got there",
    "no host not present, bot waited in the lobby",
    "mapped to waiting_for_host by the old parser, but the host declined the bot's knock",
    "mapped to waiting_for_host by the old parser, but nothing else",
    "waiting_for_host then host_denied_admission",
    "the host pressed Deny (lobby_timeout would only have fired at 10 min)",
    "lobby_timeout could be it",
    // A contrast before the code sets it aside no more than none; one after it does.
    "the bot joined, but the media connection dropped. lobby_timeout fired, but nobody looked further",
    "a 429 on the upload is noise, but the media connection dropped 20 min into the call",
    "lobby_timeout was logged, but the organiser rejected the bot\u{2019}s join request",
    "NetworkLoss, then lobby_timeout fired, then the host removed the bot",
    "network blip while connecting; 50 min later the organiser ended the meeting for all",
    // Hypothetical clauses: from a conditional word to the clause's end, and questions answered
    // no, past a speaker's tag; and questions that are not answered no.
    "If the host had removed the bot we'd see bot_kicked_from_call; instead the socket timed out 31 minutes in",
    "if the link is wrong, meeting_not_found \u{2014} just documenting the mapping",
    "could be waiting_for_host, maybe lobby_timeout",
    "[kai] waiting_for_host? [liv] maybe, can't tell",
    "[11:02] lena: was that the recording prompt? [11:03] marc: no, host clicked Deny on the admission prompt",
    "was it kicked?? NO \u{2013} the meeting ended while it was asking to join",
    "host denied? nope. the passcode was wrong",
    "kicked? no-show by the host",
    "kicked? not really, the host removed it",
    "kicked?no, lobby",
    "https://zoom.us/j/1?pwd=abc failed: bot_kicked_from_call",
    "why was the bot kicked? the host pressed remove",
    // Questions that ask whether something happened state nothing unless answered yes, and
    // their words are no learnt feature; a hypothetical word first in a clause supposes, unless
    // a negation follows it; a negation before a phrase's first word denies it.
    "Could this be a network issue? Still investigating.",
    "Was the bot removed from the meeting, or did it time out in the lobby? Nobody can tell.",
    "Was the bot kicked from the call? Yes, at 10:20.",
    "was it kicked? yep - host pressed remove",
    "Did the host end it?? [11:03] raj: confirmed",
    "Could be an expired token or a wrong link; still investigating.",
    "might have been the VPN, could not tell; the host never came",
    "Could not join: the meeting passcode is wrong",
    "We suspect somebody removed it from the call; nobody has confirmed it.",
    "Not removed: the bot was never in the call",
    // A speaker's tag before a question or a hedge; a yes that does not stand alone; a hedge
    // that a comma ends, or that another word than a skipped one follows; a colon that ends a
    // hypothetical clause; a negation that `why` ends; questions past the limit.
    "[jo] was it kicked? [sam] still checking",
    "Was the bot kicked? Yes it was.",
    "Could be the VPN, logs show the connection dropped mid call",
    "Could only record 2 min before the host removed it",
    "[11:03] marc: could be the VPN",
    "Customer asked whether the bot was rejected: it was not, the host never arrived",
    "Not sure why the host kicked the bot",
    " was it 1?  was it 2?  was it 3?  was it 4?  was it 5?  was it 6?  was it 7?  was it 8?  was it 9?  the host kicked the bot",
    "?!?!?!?!?!?!?!?! ? ? ? ? ? ? ? ? ? ? ? ? was it kicked? ? ?",
    // Codes whose rows answer no failure: their words name no cause, and still place the bot.
    "in_waiting_room",
    "bot.in_waiting_room",
    "recording_permission_denied",
    "call_ended_by_host at 15:31 while status was in_call_recording",
    "still in_waiting_room after 600s; host_in_call=1; leaving",
    "bot status IP_NOT_ALLOWED",
];

/// The apostrophes the scanner joins a word by (`'`, `’`, `‘`, `ʼ`), alone and in `n't`.
const APOSTROPHES: [&str; 8] = [
    "'",
    "\u{2019}",
    "\u{2018}",
    "\u{2bc}",
    "n't",
    "n\u{2019}t",
    "n\u{2018}t",
    "n\u{2bc}t",
];

/// Texts at and past each limit of the free-text reader, and the characters it treats
/// specially in each of their forms.
fn edge_texts() -> Vec<String> {
    let long_word = |n: usize| "a".repeat(n.saturating_sub(6)) + "denied";
    let mut texts: Vec<String> = SPECIAL_TEXTS.iter().map(|t| (*t).to_owned()).collect();
    for n in [
        MAX_WORD - 1,
        MAX_WORD,
        MAX_WORD + 1,
        MAX_WORD + 8,
        MAX_WORD + 9,
    ] {
        texts.push(format!("host {} the bot", long_word(n)));
        // The word cut at the limit, then each apostrophe and contraction the scanner joins.
        for ending in APOSTROPHES {
            texts.push(format!("host {}{ending} the bot", long_word(n)));
        }
    }
    let code = "bot_kicked_from_call";
    for pad in [
        MAX_TEXT - code.len() - 1,
        MAX_TEXT - code.len(),
        MAX_TEXT - code.len() + 1,
    ] {
        texts.push(format!("{}{code}", " ".repeat(pad)));
    }
    texts.push(format!(
        "{}host denied admission",
        "x ".repeat(MAX_TEXT / 2 - 10)
    ));
    // A character of several bytes across the cut: the text is read to MAX_TEXT bytes, not
    // characters.
    for wide in ["\u{e9}", "\u{2019}", "\u{1F600}"] {
        for pad in [MAX_TEXT - 3, MAX_TEXT - 2, MAX_TEXT - 1] {
            texts.push(format!("{}{wide}t bot_kicked_from_call", " ".repeat(pad)));
        }
    }
    texts.extend(hypothetical_texts());
    // The longest code there is, named, and a run one letter longer, which names nothing.
    let longest = Table::ALL
        .into_iter()
        .flat_map(Table::codes)
        .max_by_key(|code| code.as_str().len())
        .map(|code| code.as_str().to_owned())
        .unwrap_or_default();
    texts.push(format!("failed with {longest}"));
    texts.push(format!("failed with {longest}x"));
    texts
}

/// Hypothetical clauses of each kind at and past the most a scan tells apart, each naming a
/// code, then a code named after them all; and a conditional clause, a cause, then questions
/// past the limit: each kind of clause grows on its own, and the cause between them is read.
fn hypothetical_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for count in [MAX_HYPOTHETICAL - 1, MAX_HYPOTHETICAL, MAX_HYPOTHETICAL + 1] {
        for clause in [
            "if it were bot_kicked_from_call, fine. ",
            "was it lobby_timeout? no, ",
            "lobby_timeout?? maybe - ",
        ] {
            texts.push(format!("{}meeting_not_found", clause.repeat(count)));
        }
        texts.push(format!(
            "if so, fine. network error. {}",
            "was it lobby_timeout? no. ".repeat(count)
        ));
    }
    texts
}

/// Unknown sub-codes at and past the limits of the search for a code inside one.
fn edge_sub_codes() -> Vec<String> {
    let among = |parts: usize| {
        let mut code: String = (0..parts.saturating_sub(4))
            .map(|i| format!("x{i}_"))
            .collect();
        code.push_str("bot_kicked_from_call");
        code
    };
    let mut codes: Vec<String> = [MAX_PARTS - 1, MAX_PARTS, MAX_PARTS + 1]
        .into_iter()
        .map(among)
        .collect();
    codes.extend(
        [
            "",
            "_",
            "zoom_",
            "ZOOM_MEETING_PASSWORD_INCORRECT",
            "zoom_meeting_password_incorrect",
            "bot_kicked_from_waiting_room_lobby",
            "network_unreachable_before_join",
            "zoom_sdk_\u{00E9}",
        ]
        .map(str::to_owned),
    );
    codes.push("a".repeat(MAX_TEXT + 1));
    codes
}

/// Error bodies: every known code, every cause's message, and bodies that are not what they
/// seem.
fn bodies() -> Vec<(u16, String)> {
    let mut bodies: Vec<(u16, String)> = ErrorCode::ALL
        .iter()
        .map(|code| {
            let status: Option<u16> = error_taxonomy::Facts::http_status(*code).into();
            (
                status.unwrap_or(400),
                json!({"code": code.as_str(), "detail": "x"}).to_string(),
            )
        })
        .collect();
    bodies.extend(ErrorCause::ALL.iter().map(|cause| {
        (
            400,
            json!({"detail": format!("Error: {} Try again.", cause.message())}).to_string(),
        )
    }));
    bodies.extend(
        [
            (400, ""),
            (400, "   \n"),
            (400, "\u{FEFF}{\"code\": \"invalid_request\"}"),
            (400, "{\"code\": \"not_a_code_yet\", \"detail\": \"new\"}"),
            (400, "{\"code\": \"a\", \"code\": \"b\"}"),
            (400, "{\"code\": 7, \"detail\": \"seven\"}"),
            (400, "{\"message\": \"only a message\"}"),
            (400, "{\"detail\": \"d\", \"message\": \"m\"}"),
            (400, "[\"code\"]"),
            (400, "\"a string\""),
            (502, "502 Bad Gateway"),
            (
                503,
                "<html><body>Attention Required! | Cloudflare</body></html>",
            ),
            (403, "<html><title>403 Forbidden</title></html>"),
            (400, "{\"code\": \"bot_\\u0000\"}"),
            (400, "{\"code\": \"cannot_command_completed_bot\" "),
        ]
        .map(|(status, body)| (status, body.to_owned())),
    );
    bodies
}

/// `Retry-After` values: delay-seconds, each HTTP-date form, and what is neither.
const RETRY_AFTERS: [&str; 28] = [
    "7",
    "0",
    "007",
    " 7\t",
    "",
    " ",
    "-1",
    "+5",
    "1.5",
    "7s",
    "99999999999999999999999",
    "Tue, 14 Nov 2023 22:14:20 GMT",
    "Tue, 14 Nov 2023 22:13:20 GMT",
    "Mon, 13 Nov 2023 22:13:20 GMT",
    "Tuesday, 14-Nov-23 22:15:00 GMT",
    "Tue Nov 14 22:15:00 2023",
    "Tue Nov  4 22:15:00 2024",
    "Thu, 29 Feb 2024 00:00:00 GMT",
    "Fri, 30 Feb 2024 00:00:00 GMT",
    "tue, 14 nov 2023 22:14:20 gmt",
    "Tue, 14 Nov 2023 22:14:20 UTC",
    "Tue, 14 Nov 2023 24:00:00 GMT",
    "Wed, 14 Nov 2023 22:14:20 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Sunday, 06-Nov-94 08:49:37 GMT",
    "Friday, 31-Dec-99 23:59:59 GMT",
    "Friday, 31-Dec-49 23:59:59 GMT",
    "Tuesday, 01-Jan-74 00:00:00 GMT",
];

/// The free-text cases: the corpora's texts, every code in every template, and the edges.
/// Texts the learnt word weights answer, changed where their features are read specially: a
/// word at and past the longest they read, and a word of digits, put after the first word of
/// four letters or more (a word they pass over leaves the two around it a pair); each
/// apostrophe inside that word and at its end; camel case. Then the text cut to its first
/// words, one more each time, and the text followed by more and more words never learnt: the
/// weights answer only from enough features learnt, and from enough of the text's.
fn learned_texts(reasons: &[&str]) -> Vec<String> {
    let by_weights =
        |text: &&&str| matches!(FailureCode::read_text(text).mapped_by, MappedBy::Learned(_));
    let Some(base) = reasons.iter().find(by_weights) else {
        return Vec::new();
    };
    let words: Vec<&str> = base.split(' ').collect();
    let Some(at) = words
        .iter()
        .position(|w| w.bytes().filter(u8::is_ascii_alphabetic).count() >= 4)
    else {
        return Vec::new();
    };
    let (before, after) = (words[..=at].join(" "), words[at + 1..].join(" "));
    let mut texts = Vec::new();
    for n in [MAX_FEATURE_WORD - 1, MAX_FEATURE_WORD, MAX_FEATURE_WORD + 1] {
        texts.push(format!("{before} {} {after}", "k".repeat(n)));
    }
    texts.push(format!("{before} 0042 {after}"));
    for apostrophe in &APOSTROPHES[..4] {
        texts.push(format!("{before}{apostrophe}s {after}"));
        texts.push(format!("{before}{apostrophe} {after}"));
    }
    texts.push(format!("{before}NullPointerException {after}"));
    for end in 1..=words.len() {
        texts.push(words[..end].join(" "));
    }
    let unknown = |n: usize| {
        format!(
            "zqx{}",
            char::from(b'a' + (n % 26) as u8)
                .to_string()
                .repeat(n / 26 + 1)
        )
    };
    for pad in 1..=60 {
        let padding: Vec<String> = (0..pad).map(unknown).collect();
        texts.push(format!("{base} {}", padding.join(" ")));
    }
    texts
}

fn texts(root: &Path) -> Result<Vec<Value>, String> {
    let text = |text: &str| json!({"kind": "read_text", "text": text});
    let reasons = corpus(root, "v1_reasons")?;
    let reasons: Vec<&str> = reasons
        .iter()
        .filter_map(|row| row.get(1))
        .map(String::as_str)
        .collect();
    let mut cases: Vec<Value> = reasons.iter().map(|t| text(t)).collect();
    cases.extend(learned_texts(&reasons).iter().map(|t| text(t)));
    for table in Table::ALL {
        for code in table.codes() {
            for template in TEMPLATES {
                cases.push(text(&template.replace("{}", code.as_str())));
            }
        }
    }
    cases.extend(edge_texts().iter().map(|t| text(t)));
    Ok(cases)
}

/// The status-change cases: the corpora's sub-codes, every known sub-code under every status,
/// every code of every table inside an unknown sub-code, and the edges.
fn outcomes(root: &Path) -> Result<Vec<Value>, String> {
    let outcome = |status: Option<&str>, code: Option<&str>| json!({"kind": "outcome", "status": status, "sub_code": code});
    let mut cases: Vec<Value> = corpus(root, "sub_codes")?
        .iter()
        .map(|row| {
            outcome(
                row.get(1).map(String::as_str),
                row.first().map(String::as_str),
            )
        })
        .collect();
    for status in BotStatus::ALL {
        for code in recall::SubCode::ALL {
            cases.push(outcome(Some(status.as_str()), Some(code.as_str())));
        }
        cases.push(outcome(Some(status.as_str()), None));
    }
    for status in ["fatal", "call_ended"] {
        for code in Table::ALL.into_iter().flat_map(Table::codes) {
            for place in INSIDE {
                cases.push(outcome(
                    Some(status),
                    Some(&place.replace("{}", code.as_str())),
                ));
            }
        }
        for code in edge_sub_codes() {
            cases.push(outcome(Some(status), Some(&code)));
        }
    }
    cases.push(outcome(None, Some("bot_kicked_from_call")));
    cases.push(outcome(Some("not_a_status"), Some("bot_kicked_from_call")));
    Ok(cases)
}

/// The response cases: `Retry-After` values alone, and responses of every status, body and
/// `Retry-After`.
fn responses() -> Vec<Value> {
    let mut cases: Vec<Value> = RETRY_AFTERS
        .map(Some)
        .into_iter()
        .chain([None])
        .map(|value| json!({"kind": "retry_after", "value": value, "now": NOW}))
        .collect();
    // Other clocks: the epoch, and 2100, past which every date above is.
    for now in [0u64, 4_102_444_800] {
        for value in RETRY_AFTERS {
            cases.push(json!({"kind": "retry_after", "value": value, "now": now}));
        }
    }
    // Delay-seconds longer than any count: leading zeros, and thousands of digits.
    for value in [format!("{}7", "0".repeat(30)), "9".repeat(5000)] {
        cases.push(json!({"kind": "retry_after", "value": value, "now": NOW}));
    }
    let classify = |status: u16, retry_after: Option<&str>, body: &str| json!({"kind": "classify", "status": status, "retry_after": retry_after, "now": NOW, "body": body});
    for status in HttpStatus::ALL {
        let status: Option<u16> = error_taxonomy::Facts::http_status(status).into();
        let Some(status) = status else { continue };
        cases.push(classify(status, None, ""));
        cases.push(classify(status, Some("7"), ""));
    }
    for status in [100, 200, 418, 499, 520, 599, 600, 999] {
        cases.push(classify(status, None, ""));
    }
    for (status, body) in bodies() {
        cases.push(classify(status, None, &body));
    }
    for body in NOT_UTF8 {
        let mut case = classify(400, None, "");
        case["body"] = Value::Null;
        case["body_hex"] = to_hex(body).into();
        cases.push(case);
    }
    for value in RETRY_AFTERS {
        cases.push(classify(429, Some(value), ""));
        cases.push(classify(
            503,
            Some(value),
            "{\"code\": \"bot_limit_reached\"}",
        ));
    }
    cases
}

/// The cases, each with the crate's answer: `tests/conformance/cases.json`'s document.
///
/// # Errors
///
/// A corpus that cannot be read, or a case the crate cannot answer.
pub fn document(root: &Path, version: &str) -> Result<Value, String> {
    let mut cases = texts(root)?;
    cases.extend(outcomes(root)?);
    cases.extend(responses());
    for case in &mut cases {
        let expect = answer(case).ok_or_else(|| format!("no answer to the case {case}"))?;
        case["expect"] = expect;
    }
    Ok(json!({
        "$comment": format!("@generated by `{}` from the crate's answers; the layout is described in tests/conformance/README.md", xtask::COMMAND),
        "version": version,
        "cases": cases,
    }))
}
