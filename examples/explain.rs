//! `explain`: what a code means, in every table that knows it, and what a webhook or an error
//! response says.
//!
//! ```text
//! cargo run --example explain -- CODE              # the card of CODE in every table that has it
//! cargo run --example explain -- --all --json      # every code of every table, as a JSON array
//! cargo run --example explain                      # a readable table of all codes
//! cargo run --example explain -- --webhook FILE    # a Recall status webhook or a meetbot job.failed
//! cargo run --example explain -- --response 429 --retry-after 7 --body FILE
//! cargo run --example explain --features schemars -- --schema   # the JSON Schema bundle
//! ```
//!
//! `--json` turns each answer into JSON; `-` as FILE reads standard input. An unknown code or a
//! malformed input exits with status 2 and a one-line error.

use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::recall::{StatusWebhook, classify};
use error_taxonomy::retry::{Decision, Jitter, RetryAfter, RetryPolicy};
use error_taxonomy::{AnyCode, Card, RetryClass, Table, lookup};
use serde_json::{Value, json};

const USAGE: &str = "usage: explain [CODE | --all | --webhook FILE | --response STATUS \
[--retry-after VALUE] [--body FILE] | --schema] [--json]";

fn main() -> ExitCode {
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(std::ffi::OsString::into_string)
        .collect();
    let result = match args {
        Ok(args) => run(&args),
        Err(arg) => Err(format!("argument {arg:?} is not UTF-8")),
    };
    finish(result)
}

/// Prints the answer, or the one-line error with exit status 2.
pub fn finish(result: Result<String, String>) -> ExitCode {
    match result {
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

#[derive(Default)]
struct Args<'a> {
    json: bool,
    all: bool,
    code: Option<&'a str>,
    webhook: Option<&'a str>,
    response: Option<&'a str>,
    retry_after: Option<&'a str>,
    body: Option<&'a str>,
}

pub fn run(args: &[String]) -> Result<String, String> {
    let mut parsed = Args::default();
    let mut args = args.iter().map(String::as_str);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value; {USAGE}"))
        };
        match arg {
            "--json" => parsed.json = true,
            "--all" => parsed.all = true,
            "--schema" => return schema(),
            "--webhook" => parsed.webhook = Some(value(arg)?),
            "--response" => parsed.response = Some(value(arg)?),
            "--retry-after" => parsed.retry_after = Some(value(arg)?),
            "--body" => parsed.body = Some(value(arg)?),
            "-h" | "--help" => return Ok(format!("{USAGE}\n")),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}; {USAGE}"));
            }
            code if parsed.code.is_none() => parsed.code = Some(code),
            extra => return Err(format!("unexpected argument {extra:?}; {USAGE}")),
        }
    }
    let modes = [
        parsed.code.is_some(),
        parsed.all,
        parsed.webhook.is_some(),
        parsed.response.is_some(),
    ];
    if modes.iter().filter(|&&on| on).count() > 1 {
        return Err(format!(
            "give one of CODE, --all, --webhook, --response; {USAGE}"
        ));
    }
    if parsed.response.is_none() && (parsed.retry_after.is_some() || parsed.body.is_some()) {
        return Err(format!(
            "--retry-after and --body go with --response; {USAGE}"
        ));
    }
    if let Some(path) = parsed.webhook {
        return webhook(path, &read(path)?, parsed.json);
    }
    if let Some(status) = parsed.response {
        let body = match parsed.body {
            Some(path) => read(path)?,
            None => Vec::new(),
        };
        return response(status, parsed.retry_after, &body, parsed.json);
    }
    match parsed.code {
        Some(code) => explain(code, parsed.json),
        None if parsed.json => Ok(to_json(&Value::Array(
            every_code().map(|code| json!(Card::of(code))).collect(),
        ))),
        None => Ok(overview()),
    }
}

#[cfg(feature = "schemars")]
fn schema() -> Result<String, String> {
    Ok(error_taxonomy::schema::bundle_text())
}

#[cfg(not(feature = "schemars"))]
fn schema() -> Result<String, String> {
    Err("--schema needs the schemars feature: cargo run --example explain --features schemars -- --schema".into())
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    read_from(path, &mut std::io::stdin().lock())
}

/// Reads `path`, or `stdin` when the path is `-`.
pub fn read_from(path: &str, stdin: &mut impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        stdin.read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|read| bytes = read)
    };
    result
        .map(|()| bytes)
        .map_err(|e| format!("cannot read {path}: {e}"))
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

#[derive(serde::Deserialize)]
struct EventName<'a> {
    #[serde(borrow)]
    event: Option<std::borrow::Cow<'a, str>>,
}

pub fn webhook(path: &str, body: &[u8], json: bool) -> Result<String, String> {
    let at = |e: &dyn std::fmt::Display| format!("{path}: {e}");
    let name: EventName = serde_json::from_slice(body).map_err(|e| at(&e))?;
    let event = name
        .event
        .ok_or_else(|| at(&"no `event` field: not a webhook"))?;
    let answer = if event == "job.failed" {
        let event = JobFailed::from_json(body).map_err(|e| at(&e))?;
        let code = event.failure_code();
        let known = code.as_ref().and_then(|c| c.known());
        json!({
            "kind": "meetbot.job_failed",
            "version": event.version.number(),
            "job_id": event.data.job_id,
            "code": code.as_ref().map(|c| c.as_str()),
            "code_known": known.is_some(),
            "sub_code": null,
            "sub_code_known": null,
            "failure_code": known,
            "detail": event.detail(),
            "billing": known.map(|c| c.billing()),
            "billed": event.data.billed,
            "retry": known.map(|c| c.retry().as_str()),
            "handling": known.map(|c| c.handling()),
            "action": known.map(|c| c.action()),
            "mapped_by": event.mapped_by(),
        })
    } else if event.starts_with("bot.") {
        let webhook = StatusWebhook::from_json(body).map_err(|e| at(&e))?;
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
        })
    } else {
        return Err(at(&format_args!(
            "event {event:?} is neither job.failed nor bot.<status>"
        )));
    };
    Ok(if json {
        to_json(&answer)
    } else {
        fields_text(&answer)
    })
}

fn response(
    status: &str,
    retry_after: Option<&str>,
    body: &[u8],
    json: bool,
) -> Result<String, String> {
    let status: u16 = status
        .parse()
        .ok()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| format!("--response {status:?} is not an HTTP status (100-599)"))?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let hint = RetryAfter::parse(retry_after, now);
    let error = classify(status, hint, body);
    // The first failure's decision, unjittered so that the answer is reproducible.
    let decision = error.decide(
        1,
        &RetryPolicy {
            jitter: Jitter::None,
            ..RetryPolicy::default()
        },
        0,
    );
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
        return Ok(to_json(&answer));
    }
    let mut text = fields_text(&answer);
    text.push_str(&format!("{:<15}{}\n", "decision", decision_text(decision)));
    Ok(text)
}

/// An answer's fields, one per line; nested objects are left to `--json`.
fn fields_text(answer: &Value) -> String {
    let Value::Object(fields) = answer else {
        return to_json(answer);
    };
    fields
        .iter()
        .filter(|(_, value)| !value.is_null() && !value.is_object())
        .map(|(name, value)| format!("{name:<15}{}\n", fact_text(value)))
        .collect()
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
            found
                .into_iter()
                .map(|code| json!(Card::of(code)))
                .collect(),
        )));
    }
    Ok(found
        .into_iter()
        .map(|code| Card::of(code).to_string())
        .collect::<Vec<_>>()
        .join("\n"))
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
