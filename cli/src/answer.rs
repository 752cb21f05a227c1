//! The answers: built from the library's cards and decoders, so that the tool copies no fact.

use std::fmt::Write as _;

use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::recall::{StatusWebhook, classify};
use error_taxonomy::retry::{Decision, Jitter, RetryAfter, RetryPolicy};
use error_taxonomy::{AnyCode, Card, DecodeError, Table, lookup};
use serde_json::{Value, json};

/// The cards of `code` in every table that knows it, in any casing.
pub fn explain(code: &str, json: bool) -> Result<String, String> {
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
        .map(|code| Card::of(code).to_string())
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

fn overview(out: &mut String, table: Table) {
    let _ = writeln!(out, "{table} ({} codes)", table.len());
    let width = table.codes().map(|c| c.as_str().len()).max().unwrap_or(0);
    for code in table.codes() {
        let status = code
            .http_status()
            .map_or_else(String::new, |s| s.to_string());
        let retry = code.retry().map_or("", |r| r.as_str());
        let _ = writeln!(
            out,
            "  {:<width$}  {:>3}  {:<11}  {}",
            code.as_str(),
            status,
            retry,
            code.description()
        );
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
    let answer = match JobFailed::from_json(body) {
        Ok(event) => job_failed(&event),
        Err(error) if is_about_the_event(&error) => match StatusWebhook::from_json(body) {
            Ok(webhook) => status_webhook(&webhook),
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
        fields_text(&answer)
    })
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
        "retry": event.retry().as_str(),
        "handling": event.handling(),
        "action": known.map(|c| c.action()),
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
    let mut text = fields_text(&answer);
    let _ = writeln!(text, "{:<15}{}", "decision", decision_text(decision));
    text
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

fn decision_text(decision: Decision) -> String {
    match decision {
        Decision::Retry(delay) => format!("retry after {} ms", delay.as_millis()),
        Decision::DoNotRetry(reason) => format!("do not retry ({reason:?})"),
        Decision::AfterUserAction(action) => format!("after a user action: {action}"),
    }
}

/// An answer's fields, one per line, each value on its line: control characters (line
/// breaks, escapes for the terminal) are shown escaped, so that a payload cannot forge a line.
/// Nested objects are left to `--json`.
fn fields_text(answer: &Value) -> String {
    let Value::Object(fields) = answer else {
        return to_json(answer);
    };
    let mut out = String::new();
    for (name, value) in fields {
        let text = match value {
            Value::Null | Value::Object(_) => continue,
            Value::Array(items) if items.is_empty() => continue,
            Value::Bool(true) => "yes".to_owned(),
            Value::Bool(false) => "no".to_owned(),
            Value::String(text) => escaped(text),
            other => escaped(&other.to_string()),
        };
        let _ = writeln!(out, "{name:<15}{text}");
    }
    out
}

/// `text` with its control characters escaped (`\n`, `\u{1b}`), and every character std does
/// not count as printable: format characters that reorder or hide text (bidirectional
/// overrides, zero-width characters), line separators, private-use and unassigned ones.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // `str::escape_debug` escapes what is unprintable; the `x` keeps it from escaping a
        // combining mark for coming first. Quotes and backslashes are printable.
        let mut pair = [b'x'; 5];
        let len = 1 + c.encode_utf8(&mut pair[1..]).len();
        let hidden = !matches!(c, '\\' | '"' | '\'')
            && std::str::from_utf8(&pair[..len])
                .is_ok_and(|pair| pair.escape_debug().nth(1) == Some('\\'));
        if c.is_control() || hidden {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Input as an error shows it: escaped, quoted, and cut after 64 characters.
fn shown(input: &str) -> String {
    match input.char_indices().nth(64) {
        Some((end, _)) => format!("{:?}…", &input[..end]),
        None => format!("{input:?}"),
    }
}

fn to_json(value: &Value) -> String {
    error_taxonomy::schema::to_text(value)
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
