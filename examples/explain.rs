//! `explain`: what a code means, in every table that knows it.
//!
//! ```text
//! cargo run --example explain -- CODE          # the card of CODE in every table that has it
//! cargo run --example explain -- --all --json  # every code of every table, as a JSON array
//! cargo run --example explain                  # a readable table of all codes
//! ```
//!
//! An unknown code exits with status 2, a one-line error and the closest known codes.

use std::process::ExitCode;

use error_taxonomy::{AnyCode, RetryClass, Table, lookup};
use serde_json::{Value, json};

const USAGE: &str = "usage: explain [CODE | --all] [--json]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("explain: {message}");
            ExitCode::from(2)
        }
    }
}

pub fn run(args: &[String]) -> Result<String, String> {
    let mut json = false;
    let mut all = false;
    let mut code = None;
    for arg in args {
        match arg.as_str() {
            "--json" => json = true,
            "--all" => all = true,
            "-h" | "--help" => return Ok(format!("{USAGE}\n")),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}; {USAGE}"));
            }
            value if code.is_none() => code = Some(value),
            value => return Err(format!("unexpected argument {value:?}; {USAGE}")),
        }
    }
    match (code, all) {
        (Some(_), true) => Err(format!("give a code or --all, not both; {USAGE}")),
        (Some(code), false) => explain(code, json),
        (None, _) if json => Ok(to_json(&Value::Array(
            every_code().map(card_json).collect(),
        ))),
        (None, _) => Ok(overview()),
    }
}

fn every_code() -> impl Iterator<Item = AnyCode> {
    Table::ALL.into_iter().flat_map(Table::codes)
}

fn explain(code: &str, json: bool) -> Result<String, String> {
    let mut found: Vec<AnyCode> = lookup(code).collect();
    if found.is_empty() {
        // A code in another casing still names the same code: say so rather than fail.
        found = every_code()
            .filter(|c| c.as_str().eq_ignore_ascii_case(code))
            .collect();
    }
    if found.is_empty() {
        let closest = closest(code);
        let hint = if closest.is_empty() {
            String::new()
        } else {
            format!("; closest known: {}", closest.join(", "))
        };
        return Err(format!(
            "unknown code {:?} in every table{hint}",
            shorten(code)
        ));
    }
    if json {
        return Ok(to_json(&Value::Array(
            found.into_iter().map(card_json).collect(),
        )));
    }
    Ok(found
        .into_iter()
        .map(card_text)
        .collect::<Vec<_>>()
        .join("\n"))
}

fn retry_text(retry: RetryClass) -> String {
    match retry {
        RetryClass::Never => "never".into(),
        RetryClass::Backoff => "with exponential backoff".into(),
        RetryClass::Once => "once".into(),
        RetryClass::Delay { secs } => format!("after {secs} s"),
        RetryClass::RetryAfter {
            fallback_secs: Some(secs),
        } => {
            format!("after Retry-After, else after {secs} s")
        }
        RetryClass::RetryAfter {
            fallback_secs: None,
        } => "after Retry-After".into(),
        RetryClass::UserAction => "only after a user action".into(),
    }
}

fn card_text(code: AnyCode) -> String {
    let mut lines = vec![format!("{} ({})", code.as_str(), code.table())];
    let mut field = |name: &str, value: String| lines.push(format!("  {name:<13}{value}"));
    field("description", code.description().to_owned());
    if let Some(status) = code.http_status() {
        field("http status", status.to_string());
    }
    if let Some(billing) = code.billing() {
        field("billing", billing.as_str().replace('_', " "));
    }
    if let Some(retry) = code.retry() {
        field("retry", retry_text(retry));
    }
    if let Some(action) = code.action() {
        field("action", action.to_owned());
    }
    if let Some(failure) = code.failure_code() {
        field(
            "failure code",
            format!("{failure} (meetbot): {}", failure.description()),
        );
    }
    for fact in table_facts(code) {
        field(fact.label, fact_text(&fact.value));
    }
    if let Some(note) = code.deprecation() {
        field("deprecated", note.to_owned());
    }
    lines.push(String::new());
    lines.join("\n")
}

/// A fact that only one table has: its label on the card, its JSON key, its value.
struct Fact {
    label: &'static str,
    key: &'static str,
    value: Value,
}

fn fact(label: &'static str, key: &'static str, value: impl Into<Value>) -> Fact {
    Fact {
        label,
        key,
        value: value.into(),
    }
}

fn table_facts(code: AnyCode) -> Vec<Fact> {
    match code {
        AnyCode::RecallSubCode(c) => vec![
            fact("status", "category", c.category().as_str()),
            fact("platform", "platform", c.platform().as_str()),
        ],
        AnyCode::RecallBotStatus(c) => vec![
            fact("terminal", "terminal", c.is_terminal()),
            fact("sub-code", "has_sub_code", c.has_sub_code()),
            fact("legacy only", "legacy_only", c.is_legacy_only()),
        ],
        AnyCode::RecallBotLogCode(c) => vec![
            fact("platform", "platform", c.platform().as_str()),
            fact("ignore when", "ignorable_when", c.ignorable_when()),
        ],
        AnyCode::RecallErrorCause(c) => vec![
            fact("detail", "message", c.message()),
            fact(
                "comes with",
                "error_code",
                c.error_code().map(|e| e.as_str()),
            ),
        ],
        AnyCode::HiringErrorCode(c) => vec![
            fact("occurs when", "when", c.when()),
            fact("retry-after", "sends_retry_after", c.sends_retry_after()),
        ],
        AnyCode::MeetbotFailureCode(c) => vec![fact("handling", "handling", c.handling().as_str())],
        _ => Vec::new(),
    }
}

fn fact_text(value: &Value) -> String {
    match value {
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Null => "none".into(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn card_json(code: AnyCode) -> Value {
    let mut card = json!({
        "table": code.table(),
        "code": code,
        "http_status": code.http_status(),
        "billing": code.billing(),
        "retry": code.retry().map(RetryClass::as_str),
        "retry_delay_s": code.retry().and_then(RetryClass::delay_secs),
        "action": code.action(),
        "description": code.description(),
        "failure_code": code.failure_code(),
        "deprecated": code.deprecation(),
    });
    if let Value::Object(fields) = &mut card {
        for fact in table_facts(code) {
            fields.insert(fact.key.to_owned(), fact.value);
        }
    }
    card
}

fn to_json(value: &Value) -> String {
    format!(
        "{}\n",
        serde_json::to_string_pretty(value).unwrap_or_default()
    )
}

fn overview() -> String {
    let mut out = String::new();
    for table in Table::ALL {
        out.push_str(&format!("{table} ({} codes)\n", table.len()));
        let width = table.codes().map(|c| c.as_str().len()).max().unwrap_or(0);
        for code in table.codes() {
            let status = code
                .http_status()
                .map_or_else(String::new, |s| s.to_string());
            let retry = code.retry().map_or("", RetryClass::as_str);
            out.push_str(&format!(
                "  {:<width$}  {:>3}  {:<11}  {}\n",
                code.as_str(),
                status,
                retry,
                code.description()
            ));
        }
        out.push('\n');
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
            (
                edit_distance(&input, &code.as_str().to_ascii_lowercase()),
                code.as_str(),
            )
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

fn shorten(input: &str) -> String {
    match input.char_indices().nth(64) {
        Some((end, _)) => format!("{}…", &input[..end]),
        None => input.to_owned(),
    }
}
