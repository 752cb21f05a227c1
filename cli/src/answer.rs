//! The answers: built from the library's cards and decoders, so that the tool copies no fact.

use std::fmt::Write as _;

use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::recall::{StatusWebhook, classify};
use error_taxonomy::retry::{Decision, Jitter, RetryAfter, RetryPolicy};
use error_taxonomy::{AnyCode, Card, DecodeError, Table, lookup};
use serde_json::{Value, json};

/// The cards of `code` in every table that knows it, in any casing; `verbose` adds the phrases
/// columns (a failure code's legacy phrases).
pub fn explain(code: &str, json: bool, verbose: bool) -> Result<String, String> {
    let mut found: Vec<AnyCode> = lookup(code).collect();
    if found.is_empty() {
        // A code in another casing still names the same code: say so rather than fail.
        found = Table::ALL
            .into_iter()
            .filter_map(|table| table.from_bytes_ignore_ascii_case(code.as_bytes()))
            .collect();
    }
    if found.is_empty() {
        let closest = closest(code);
        let hint = if closest.is_empty() {
            String::new()
        } else {
            format!("; closest known: {}", closest.join(", "))
        };
        return Err(format!("unknown code {} in every table{hint}", shown(code)));
    }
    if json {
        return Ok(to_json(&cards(found.into_iter())));
    }
    Ok(found
        .into_iter()
        .map(|code| Card::of(code).with_phrases(verbose).to_string())
        .collect::<Vec<_>>()
        .join("\n"))
}

/// Every code of `table`, or of every table: one line per code, JSON cards, or Markdown.
pub fn list(table: Option<Table>, json: bool, markdown: bool) -> String {
    let tables: Vec<Table> = table.map_or_else(|| Table::ALL.to_vec(), |t| vec![t]);
    if json {
        return to_json(&cards(tables.iter().flat_map(|t| t.codes())));
    }
    let mut out = String::new();
    for table in tables {
        if markdown {
            markdown_table(&mut out, table);
        } else {
            overview(&mut out, table);
        }
    }
    out
}

/// One line per code: the code, its HTTP status, its billing where the table has it, its retry
/// class, and its description, in the words a person reads.
fn overview(out: &mut String, table: Table) {
    let _ = writeln!(out, "{table} ({} codes)", table.len());
    let words = |term: Option<error_taxonomy::columns::Term>| {
        term.map_or_else(String::new, |t| t.to_string())
    };
    let rows: Vec<[String; 5]> = table
        .codes()
        .map(|code| {
            [
                code.as_str().to_owned(),
                code.http_status()
                    .map_or_else(String::new, |s| s.to_string()),
                words(code.billing().map(|b| b.term())),
                words(code.retry().map(|r| r.term())),
                code.description().to_owned(),
            ]
        })
        .collect();
    let width = |column: usize| {
        rows.iter()
            .map(|r| r[column].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2), width(3)];
    for row in &rows {
        let mut line = String::from(" ");
        for (column, cell) in row[..4].iter().enumerate() {
            if widths[column] > 0 {
                let _ = write!(line, " {cell:<w$} ", w = widths[column]);
            }
        }
        let _ = writeln!(out, "{line}{}", row[4]);
    }
    out.push('\n');
}

/// A Markdown table: the code, every column of the table, the description.
fn markdown_table(out: &mut String, table: Table) {
    let _ = writeln!(out, "### {table}\n");
    crate::markdown::codes_table(out, table);
}

fn cards(codes: impl Iterator<Item = AnyCode>) -> Value {
    Value::Array(codes.map(|code| json!(Card::of(code))).collect())
}

fn every_code() -> impl Iterator<Item = AnyCode> {
    Table::ALL.into_iter().flat_map(Table::codes)
}

/// What a webhook means: a meetbot `job.failed`, or a Recall.ai status webhook.
pub fn webhook(path: &str, body: &[u8], json: bool) -> Result<String, String> {
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", crate::input::shown(path));
    let (answer, card) = match JobFailed::from_json(body) {
        Ok(event) => (job_failed(&event), job_failed_card(&event)),
        Err(error) if is_about_the_event(&error) => match StatusWebhook::from_json(body) {
            Ok(webhook) => (status_webhook(&webhook), status_webhook_card(&webhook)),
            Err(other) if is_about_the_event(&other) => {
                return Err(at(
                    &"not a webhook: its `event` is neither job.failed nor bot.<status>",
                ));
            }
            Err(other) => return Err(at(&other)),
        },
        Err(error) => return Err(at(&error)),
    };
    Ok(if json {
        to_json(&answer)
    } else {
        card.to_string()
    })
}

/// An answer for people: what happened, what to do, billing, retry, who must act and how the
/// answer was reached, in that order, each line labelled in words (the wire names are for
/// `--json`), each value escaped so that a payload cannot forge a line.
#[derive(Default)]
struct Lines(Vec<(&'static str, String)>);

impl Lines {
    fn line(&mut self, label: &'static str, value: impl std::fmt::Display) -> &mut Self {
        self.0.push((label, escaped(&value.to_string())));
        self
    }

    fn some(&mut self, label: &'static str, value: Option<impl std::fmt::Display>) -> &mut Self {
        if let Some(value) = value {
            self.line(label, value);
        }
        self
    }
}

impl std::fmt::Display for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (label, value) in &self.0 {
            writeln!(f, "{label:<14}{value}")?;
        }
        Ok(())
    }
}

/// A code as people read it: the known code and what it means, or the raw string.
fn code_text<C: error_taxonomy::Code>(
    code: Option<&error_taxonomy::Open<'_, C>>,
    none: &str,
) -> String {
    match code {
        Some(code) => match code.known() {
            Some(known) => format!("{} ({}): {}", known.as_str(), C::TABLE, known.description()),
            None => format!("{}, a code this version does not know", code.as_str()),
        },
        None => none.to_owned(),
    }
}

fn job_failed_card(event: &JobFailed<'_>) -> Lines {
    use error_taxonomy::meetbot::{Billed, Version};

    let code = event.failure_code();
    let known = code.as_ref().and_then(|c| c.known());
    let none = match event.version {
        Version::V1 => "no cause that the reason names",
        _ => "no failure code it can read",
    };
    let billing = match (event.billed(), known) {
        (Billed::Yes, _) => "billed for the recorded portion".to_owned(),
        (Billed::No, _) => "not billed".to_owned(),
        (Billed::Unknown, Some(code)) if code.billing().may_bill() => {
            "unknown: billed only if at least 60 s were recorded, and the envelope does not say"
                .to_owned()
        }
        (Billed::Unknown, _) => "unknown: nothing says".to_owned(),
    };
    let mut lines = Lines::default();
    lines
        .line(
            "what happened",
            format!(
                "job {} failed (job.failed v{}): {}",
                event.data.job_id,
                event.version.number(),
                code_text(code.as_ref(), none)
            ),
        )
        .some("detail", event.detail())
        .some("what to do", event.action());
    // Where billing is unknown and the action depends on it, both cases are said.
    if event.billed() == Billed::Unknown {
        lines.some(
            "if not billed",
            known.and_then(|code| code.action_not_billed()),
        );
    }
    lines
        .line("billing", billing)
        .line("retry", event.retry().term())
        .line("who must act", event.handling().term())
        .line("reached by", event.mapped_by());
    if let Some(guess) = event.guess() {
        let guessed = guess
            .code
            .map_or("nothing".to_owned(), |c| c.as_str().to_owned());
        lines.line(
            "a guess",
            format!(
                "{guessed}, from the text by {} (a guess, not the answer)",
                guess.mapped_by
            ),
        );
    }
    unreadable_line(&mut lines, event.unreadable);
    lines
}

fn unreadable_line(lines: &mut Lines, unreadable: error_taxonomy::Unreadable) {
    if !unreadable.is_empty() {
        lines.line(
            "unreadable",
            unreadable.iter().collect::<Vec<_>>().join(", "),
        );
    }
}

fn status_webhook_card(webhook: &StatusWebhook<'_>) -> Lines {
    let status = &webhook.status;
    let outcome = status.outcome();
    let advice = outcome.advice();
    let failure = advice.map(|a| a.failure_code);
    let sub_code = status
        .sub_code
        .as_ref()
        .map(|sub| format!(", sub-code {}", sub.as_str()))
        .unwrap_or_default();
    let cause = status.sub_code.as_ref().map(|sub| match sub.known() {
        Some(known) => known.description().to_owned(),
        None => format!("{}, a sub-code this version does not know", sub.as_str()),
    });
    let mut lines = Lines::default();
    lines
        .line(
            "what happened",
            format!(
                "bot {}: status {}{sub_code}: {}",
                webhook.bot_id,
                status.code.as_str(),
                outcome_text(outcome)
            ),
        )
        .some("cause", cause)
        .some(
            "failure code",
            failure.map(|f| format!("{}: {}", f.as_str(), f.description())),
        )
        .some("detail", status.message.as_deref())
        .some("what to do", failure.map(|f| f.action()))
        .some("billing", failure.map(|f| f.billing().term()))
        .some("retry", advice.map(|a| a.retry.term()))
        .some("who must act", advice.map(|a| a.handling.term()))
        .some("reached by", advice.map(|a| a.mapped_by))
        .line("platform", status.platform().term());
    unreadable_line(&mut lines, webhook.unreadable);
    lines
}

fn outcome_text(outcome: error_taxonomy::recall::Outcome) -> &'static str {
    use error_taxonomy::recall::Outcome;
    match outcome {
        Outcome::Running => "not a failure, the bot goes on",
        Outcome::Ended => "the bot's time in the call is over, without a failure",
        Outcome::Failed(_) => "a failure",
        _ => "nothing says what it means",
    }
}

/// Whether a decoder refused the body for the name in its `event` alone (or its lack of one):
/// another decoder may take it. An `event` that is no string is an error of its own.
fn is_about_the_event(error: &DecodeError) -> bool {
    match error {
        DecodeError::Value {
            field: "event",
            expected,
            ..
        } => !expected.starts_with("a string"),
        DecodeError::Shape { reason, .. } => *reason == "event is missing",
        _ => false,
    }
}

fn job_failed(event: &JobFailed<'_>) -> Value {
    let code = event.failure_code();
    let known = code.as_ref().and_then(|c| c.known());
    json!({
        "kind": "meetbot.job_failed",
        "version": event.version.number(),
        "version_known": event.version.is_known(),
        "job_id": event.data.job_id,
        "code": code.as_ref().map(|c| c.as_str()),
        "code_known": known.is_some(),
        "sub_code": null,
        "sub_code_known": null,
        "failure_code": known,
        "detail": event.detail(),
        "billing": known.map(|c| c.billing()),
        "billed": event.data.billed,
        "billed_answer": event.billed().as_str(),
        "guess": event.guess().map(|guess| json!({"code": guess.code, "mapped_by": guess.mapped_by})),
        "retry": event.retry().as_str(),
        "handling": event.handling(),
        "action": event.action(),
        "mapped_by": event.mapped_by(),
        "unreadable": event.unreadable,
    })
}

fn status_webhook(webhook: &StatusWebhook<'_>) -> Value {
    let status = &webhook.status;
    let outcome = status.outcome();
    let advice = outcome.advice();
    let failure = advice.map(|a| a.failure_code);
    json!({
        "kind": "recall.status_webhook",
        "shape": format!("{:?}", webhook.shape).to_lowercase(),
        "bot_id": webhook.bot_id,
        "code": status.code,
        "code_known": status.code.is_known(),
        "sub_code": status.sub_code,
        "sub_code_known": status.sub_code.as_ref().map(|s| s.is_known()),
        "platform": status.platform(),
        "outcome": outcome.as_str(),
        "failure_code": failure,
        "detail": status.message,
        "billing": failure.map(|c| c.billing()),
        "retry": advice.map(|a| a.retry.as_str()),
        "handling": advice.map(|a| a.handling),
        "action": failure.map(|c| c.action()),
        "mapped_by": advice.map(|a| a.mapped_by),
        "unreadable": webhook.unreadable,
    })
}

/// What the crate reads of `body`: every payload of the library's list that decodes it
/// (`payload::each`, in its order), each with its value and its unreadable parts; else why each
/// refused it. Several may read one body (a hiring problem is also an object with a string
/// `code`, as a status change is): each is shown, none is picked.
pub fn decode(path: &str, body: &[u8], json: bool) -> Result<String, String> {
    use error_taxonomy::payload::{self, Payload, Visit};

    /// Tries every payload.
    struct Every<'b> {
        body: &'b [u8],
        read: Vec<(&'static str, Value, Vec<&'static str>)>,
        refused: Vec<String>,
    }

    impl Visit for Every<'_> {
        fn visit<P: Payload>(&mut self) {
            match P::decode(self.body) {
                Ok(decoded) => {
                    let value = serde_json::to_value(&decoded).unwrap_or(Value::Null);
                    self.read
                        .push((P::NAME, value, P::unreadable(&decoded).iter().collect()));
                }
                Err(error) => self.refused.push(format!("not a {}: {error}", P::NAME)),
            }
        }
    }

    let mut every = Every {
        body,
        read: Vec::new(),
        refused: Vec::new(),
    };
    payload::each(&mut every);
    if every.read.is_empty() {
        let why = escaped(&every.refused.join("; "));
        return Err(format!("{}: {why}", crate::input::shown(path)));
    }
    if json {
        let read: Vec<Value> = every
            .read
            .iter()
            .map(|(name, value, unreadable)| json!({"payload": name, "value": value, "unreadable": unreadable}))
            .collect();
        return Ok(to_json(&Value::Array(read)));
    }
    let mut out = String::new();
    for (name, value, unreadable) in &every.read {
        let mut lines = Lines::default();
        lines.line("read as", name);
        if !unreadable.is_empty() {
            lines.line("unreadable", unreadable.join(", "));
        }
        let _ = writeln!(out, "{lines}{}\n", to_json(value).trim_end());
    }
    Ok(out)
}

/// A bot's history: its timeline, one line per change with the time since the bot joined (or
/// since its first change, before it joined), then the verdict card.
pub fn bot(path: &str, body: &[u8], logs: Option<&[u8]>, json: bool) -> Result<String, String> {
    use error_taxonomy::recall::History;

    let history = History::from_json(body, logs)
        .map_err(|e| format!("{}: {e}", crate::input::shown(path)))?;
    let verdict = history.verdict();
    if json {
        let mut answer = serde_json::to_value(&history).map_err(|e| e.to_string())?;
        answer["verdict"] = serde_json::to_value(&verdict).map_err(|e| e.to_string())?;
        return Ok(to_json(&answer));
    }
    let mut out = timeline(&history, &verdict);
    out.push('\n');
    out.push_str(&verdict_card(&history, &verdict).to_string());
    Ok(out)
}

/// A change as people read it: its status and sub-code.
fn change_text(change: &error_taxonomy::recall::Change<'_>) -> String {
    let code = change.code.as_ref().map_or("(no status)", |c| c.as_str());
    let sub = change
        .sub_code
        .as_ref()
        .map(|s| format!(" {}", s.as_str()))
        .unwrap_or_default();
    escaped(&format!("{code}{sub}"))
}

/// One line per change, with the time since the bot joined.
fn timeline(
    history: &error_taxonomy::recall::History<'_>,
    verdict: &error_taxonomy::recall::Verdict,
) -> String {
    let origin = verdict
        .joined_at
        .or_else(|| history.changes.iter().find_map(|c| c.at));
    let mut out = String::new();
    for change in &history.changes {
        let since = match (change.at, origin) {
            (Some(at), Some(origin)) => clock(at - origin),
            _ => "    ?    ".to_owned(),
        };
        let _ = writeln!(out, "{since}  {}", change_text(change));
    }
    out
}

/// The verdict: how it ended, what to do, the times, billing, retry and who must act, then the
/// permission denials, what the logs explain, and what was wrong with the history.
fn verdict_card(
    history: &error_taxonomy::recall::History<'_>,
    verdict: &error_taxonomy::recall::Verdict,
) -> Lines {
    use error_taxonomy::recall::Billed;

    let advice = verdict.failure;
    let (happened, joined) = happened_and_joined(history, verdict);
    let (recorded, billing) = recorded_and_billing(verdict);
    let mut lines = Lines::default();
    lines
        .line("what happened", happened)
        .some(
            "failure code",
            advice.map(|a| {
                format!(
                    "{}: {}",
                    a.failure_code.as_str(),
                    a.failure_code.description()
                )
            }),
        )
        .some(
            "what to do",
            advice.map(
                |a| match (verdict.billed, a.failure_code.action_not_billed()) {
                    (Billed::No, Some(action)) => action,
                    _ => a.failure_code.action(),
                },
            ),
        )
        .some(
            "if not billed",
            advice
                .filter(|_| verdict.billed == Billed::Unknown)
                .and_then(|a| a.failure_code.action_not_billed()),
        )
        .some("joined", joined)
        .some(
            "waiting room",
            verdict.waiting_room.map(|d| format!("{} s", seconds(d))),
        )
        .line("recorded", recorded)
        .line("billing", billing)
        .some("billing note", verdict.billing_note)
        .some("retry", advice.map(|a| a.retry.term()))
        .some("who must act", advice.map(|a| a.handling.term()))
        .some("reached by", advice.map(|a| a.mapped_by));
    history_lines(&mut lines, history, verdict);
    lines
}

/// What ended the history, and when the bot joined after its first change.
fn happened_and_joined(
    history: &error_taxonomy::recall::History<'_>,
    verdict: &error_taxonomy::recall::Verdict,
) -> (String, Option<String>) {
    let happened = verdict.ending.map_or_else(
        || "no change: an empty history".to_owned(),
        |i| {
            format!(
                "{}: {}",
                change_text(&history.changes[i]),
                outcome_words(verdict.outcome.as_str())
            )
        },
    );
    let joined = verdict
        .joined_at
        .zip(history.changes.first().and_then(|c| c.at))
        .map(|(joined, first)| format!("{} after the first change", clock(joined - first).trim()));
    (happened, joined)
}

/// The recorded time and the billing, in words.
fn recorded_and_billing(verdict: &error_taxonomy::recall::Verdict) -> (String, &'static str) {
    use error_taxonomy::recall::Billed;

    let recorded = match (verdict.recorded, verdict.recordings.len()) {
        (None, _) => "unknown: a recording without an end, or without a time".to_owned(),
        (Some(_), 0) => "nothing".to_owned(),
        (Some(d), spans) => format!("{} s in {spans} span(s)", seconds(d)),
    };
    let billing = match verdict.billed {
        Billed::Yes => "billed for the recorded portion (at least 60 s recorded)",
        Billed::No => "not billed (under 60 s recorded)",
        Billed::Unknown => "unknown: the recorded time is not known",
    };
    (recorded, billing)
}

/// The permission denials, what the logs explain, and what was wrong with the history.
fn history_lines(
    lines: &mut Lines,
    history: &error_taxonomy::recall::History<'_>,
    verdict: &error_taxonomy::recall::Verdict,
) {
    for denial in &verdict.denials {
        let sub = history.changes[denial.change]
            .sub_code
            .as_ref()
            .map_or("", |s| s.as_str());
        let after = if denial.recovered {
            "then granted: the bot recorded after it"
        } else {
            "never granted: it ended the recording"
        };
        lines.line("permission", format!("denied ({sub}), {after}"));
    }
    for explained in &verdict.explained {
        let code = explained.code;
        let explains = explained.explains.map_or(String::new(), |i| {
            let status = history.changes[i].code.as_ref().map_or("", |c| c.as_str());
            format!(" It explains the {status} change.")
        });
        lines.line(
            "log",
            format!(
                "{}: {}{explains} Ignore it when: {}",
                code.as_str(),
                code.description(),
                code.ignorable_when()
            ),
        );
    }
    for note in &history.notes {
        lines.line("note", note);
    }
}

fn outcome_words(outcome: &str) -> &'static str {
    match outcome {
        "running" => "not over, the bot goes on",
        "ended" => "over, without a failure",
        "failed" => "a failure",
        _ => "nothing says what it means",
    }
}

/// Microseconds as a signed clock, `+0:01:05` (`-0:00:20` before the origin).
fn clock(micros: i64) -> String {
    let sign = if micros < 0 { '-' } else { '+' };
    let secs = micros.unsigned_abs() / 1_000_000;
    format!(
        "{sign}{}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// A Recall.ai error response classified, with the first failure's decision (unjittered, so
/// that the answer is reproducible).
pub fn response(status: u16, retry_after: Option<&str>, body: &[u8], json: bool) -> String {
    let hint = RetryAfter::parse_now(retry_after);
    let error = classify(status, hint, body);
    let policy = RetryPolicy {
        jitter: Jitter::None,
        ..RetryPolicy::default()
    };
    let decision = error.decide(1, &policy, 0);
    let code = error.code();
    let answer = json!({
        "status": status,
        "known_status": error.http_status().is_some(),
        "code": code.as_ref().map(|c| c.as_str()),
        "code_known": code.as_ref().map(|c| c.is_known()),
        "detail": error.detail(),
        "cause": error.cause(),
        "retry_after": match hint {
            RetryAfter::Absent => Value::Null,
            RetryAfter::After(delay) => json!(delay.as_secs()),
            RetryAfter::Ignored(reason) => json!(reason.to_string()),
        },
        "retry": decision_json(decision),
    });
    if json {
        return to_json(&answer);
    }
    let mut lines = Lines::default();
    if status < 400 {
        lines
            .line("what happened", format!("the request succeeded ({status})"))
            .line("retry", "nothing to retry");
        return lines.to_string();
    }
    let reached = if code.as_ref().is_some_and(|c| c.is_known()) {
        "the code's row (recall.error_code)"
    } else if error.cause().is_some() {
        "the detail's known cause (recall.error_cause)"
    } else if error.http_status().is_some() {
        "the status's row (recall.http_status)"
    } else {
        "nothing known: not retried"
    };
    lines
        .line("what happened", &error)
        .line("what to do", error.action())
        .line("retry", decision_text(decision))
        .some(
            "Retry-After",
            match hint {
                RetryAfter::Absent => None,
                RetryAfter::After(delay) => Some(format!("{} s", delay.as_secs())),
                RetryAfter::Ignored(reason) => Some(format!("ignored: {reason}")),
            },
        )
        .line("reached by", reached);
    lines.to_string()
}

fn decision_json(decision: Decision) -> Value {
    json!({
        "decision": decision.as_str(),
        "after_ms": decision.delay().map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
        "action": match decision {
            Decision::AfterUserAction(action) => Some(action),
            _ => None,
        },
    })
}

/// A decision in words, its delay in seconds.
fn decision_text(decision: Decision) -> String {
    match decision {
        Decision::Retry(delay) => format!("retry after {} s", seconds(delay)),
        Decision::DoNotRetry(reason) => format!("do not retry: {reason}"),
        Decision::AfterUserAction(action) => format!("only after someone acts: {action}"),
    }
}

/// A delay in seconds, with its fraction where it has one (`0.5`, `2`).
fn seconds(delay: std::time::Duration) -> String {
    let millis = delay.as_millis();
    if millis % 1000 == 0 {
        (millis / 1000).to_string()
    } else {
        format!("{}.{:03}", millis / 1000, millis % 1000)
            .trim_end_matches('0')
            .to_owned()
    }
}

/// `text` with its control characters escaped (`\n`, `\u{1b}`), and every character std does
/// not count as printable: format characters that reorder or hide text (bidirectional
/// overrides, zero-width characters), line separators, private-use and unassigned ones.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` is a character std does not count as printable (a format character that reorders
/// or hides text, a line separator, a private-use or unassigned one), control characters aside.
fn hidden(c: char) -> bool {
    // `str::escape_debug` escapes what is unprintable; the `x` keeps it from escaping a
    // combining mark for coming first. Quotes and backslashes are printable.
    let mut pair = [b'x'; 5];
    let len = 1 + c.encode_utf8(&mut pair[1..]).len();
    !matches!(c, '\\' | '"' | '\'')
        && std::str::from_utf8(&pair[..len])
            .is_ok_and(|pair| pair.escape_debug().nth(1) == Some('\\'))
}

/// Input as an error shows it: escaped, quoted, and cut after 64 characters.
fn shown(input: &str) -> String {
    match input.char_indices().nth(64) {
        Some((end, _)) => format!("{:?}…", &input[..end]),
        None => format!("{input:?}"),
    }
}

/// JSON text, with every character a terminal would not show as itself (a right-to-left
/// override, a zero-width space) written as a `\\u` escape: still the same JSON, since such
/// characters only stand inside strings, where serde_json has escaped the control ones.
fn to_json(value: &Value) -> String {
    // Control characters stand only between tokens (the layout's line breaks): serde_json
    // escapes them inside strings.
    let shown = |c: char| !c.is_control() && hidden(c);
    let text = error_taxonomy::schema::to_text(value);
    if !text.chars().any(shown) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if shown(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// At most three known codes within a few edits of `input`, closest first.
fn closest(input: &str) -> Vec<&'static str> {
    if input.len() > 128 {
        return Vec::new();
    }
    let input = input.to_ascii_lowercase();
    let limit = (input.len() / 3).max(2);
    let mut scored: Vec<(usize, &'static str)> = every_code()
        .map(|code| {
            let distance = edit_distance(&input, &code.as_str().to_ascii_lowercase());
            (distance, code.as_str())
        })
        .filter(|&(distance, _)| distance <= limit)
        .collect();
    scored.sort_unstable();
    scored.dedup_by_key(|(_, code)| *code);
    scored.into_iter().take(3).map(|(_, code)| code).collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}
