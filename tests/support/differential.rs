//! The differential check of the decoders against serde_json's own `Value`: whenever serde_json
//! accepts a document, every field a decoder says it read must hold serde_json's value, and a
//! field it did not read must be absent, `null`, of another type, or named unreadable (and a field
//! named unreadable holds no string serde_json reads, but where it came twice). Shared by
//! `tests/integrations.rs` and the `differential` fuzz target; a disagreement panics.

use error_taxonomy::hiring::Problem;
use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::recall::{ErrorBody, StatusChange, StatusWebhook};
use error_taxonomy::{Code, Open, Unreadable};
use serde_json::Value;

/// Which decoders read a body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readers {
    pub job_failed: bool,
    pub status_webhook: bool,
    pub status_change: bool,
    pub problem: bool,
    pub error_body: bool,
}

/// Checks every decoder on `body`, and says which read it.
pub fn check(body: &[u8]) -> Readers {
    let unmarked = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let Ok(value) = serde_json::from_slice::<Value>(unmarked) else {
        // serde_json refuses it: a lone surrogate, a number past f64, or no JSON. Nothing to
        // compare, but no decoder may panic.
        let _ = JobFailed::from_json(body);
        let _ = StatusWebhook::from_json(body);
        let _ = StatusChange::from_json(body);
        let _ = Problem::from_json(body);
        let _ = ErrorBody::parse(body);
        return Readers::default();
    };
    let mut read = Readers::default();
    if let Ok(event) = JobFailed::from_json(body) {
        job_failed(&event, &value);
        read.job_failed = true;
    }
    if let Ok(webhook) = StatusWebhook::from_json(body) {
        let change = match webhook.shape {
            error_taxonomy::recall::Shape::Current => {
                text(Some(&webhook.bot_id), &value["data"]["bot"]["id"], false);
                &value["data"]["data"]
            }
            _ => {
                text(Some(&webhook.bot_id), &value["data"]["bot_id"], false);
                &value["data"]["status"]
            }
        };
        text(Some(&webhook.event), &value["event"], false);
        let prefix = match webhook.shape {
            error_taxonomy::recall::Shape::Current => "data.data.",
            _ => "data.status.",
        };
        status_change(&webhook.status, change, &webhook.unreadable, prefix);
        read.status_webhook = true;
    }
    if let Ok(change) = StatusChange::from_json(body) {
        status_change(&change, &value, &change.unreadable, "");
        read.status_change = true;
    }
    if let Ok(problem) = Problem::from_json(body) {
        self::problem(&problem, &value);
        read.problem = true;
    }
    let parsed = ErrorBody::parse(body);
    // An object is an error object, or kept raw (its `code` twice): never text.
    assert!(
        !(value.is_object() && matches!(parsed, ErrorBody::Text(_))),
        "an object read as text"
    );
    if let ErrorBody::Json {
        code,
        detail,
        unreadable,
    } = parsed
    {
        // A field twice is named unreadable: serde_json keeps the last one, the decoder none.
        let twice = |key: &str| unreadable.contains(key) && value[key].is_string();
        if !twice("code") {
            open(code.as_ref(), &value["code"], unreadable.contains("code"));
        }
        // `detail`, else `message`: the first that was read.
        let key = if value["detail"].is_string() && !unreadable.contains("detail") {
            "detail"
        } else {
            "message"
        };
        if !twice(key) {
            text(detail.as_deref(), &value[key], unreadable.contains(key));
        }
        read.error_body = true;
    }
    read
}

/// A text field: read, it equals serde_json's string; not read, serde_json's is no string; and
/// named unreadable, serde_json's is no string either (serde_json holds every string it reads).
fn text(read: Option<&str>, value: &Value, unreadable: bool) {
    match read {
        Some(text) => assert_eq!(
            Some(text),
            value.as_str(),
            "read {text:?}, serde_json {value}"
        ),
        None => assert!(
            !value.is_string(),
            "serde_json reads {value}, the decoder nothing"
        ),
    }
    assert!(
        !(unreadable && value.is_string()),
        "named unreadable, but serde_json reads {value}"
    );
}

fn open<T: Code>(read: Option<&Open<'_, T>>, value: &Value, unreadable: bool) {
    text(read.map(Open::as_str), value, unreadable);
}

/// A whole number, as the decoders read `attempt`, `version` and `status`.
fn whole(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        let float = value.as_f64()?;
        let whole = float as u64;
        ((0.0..9_007_199_254_740_992.0).contains(&float) && whole as f64 == float).then_some(whole)
    })
}

fn job_failed(event: &JobFailed<'_>, value: &Value) {
    let named = |path| event.unreadable.contains(path);
    text(Some(&event.delivery_id), &value["deliveryId"], false);
    text(Some(&event.emitted_at), &value["emittedAt"], false);
    assert_eq!(Some(u64::from(event.attempt)), whole(&value["attempt"]));
    match &value["version"] {
        Value::Null => assert_eq!(event.version.number(), 1),
        version => assert_eq!(Some(event.version.number()), whole(version)),
    }
    let data = &value["data"];
    text(Some(&event.data.job_id), &data["jobId"], false);
    text(Some(&event.data.status), &data["status"], false);
    open(
        event.data.failure_code.as_ref(),
        &data["failure_code"],
        named("data.failure_code"),
    );
    for (read, key, path) in [
        (
            &event.data.failure_detail,
            "failure_detail",
            "data.failure_detail",
        ),
        (
            &event.data.failure_reason,
            "failure_reason",
            "data.failure_reason",
        ),
        (&event.data.manifest_uri, "manifestUri", "data.manifestUri"),
    ] {
        text(read.as_deref(), &data[key], named(path));
    }
    match event.data.billed {
        Some(billed) => assert_eq!(Some(billed), data["billed"].as_bool()),
        None => assert!(!data["billed"].is_boolean()),
    }
}

fn status_change(change: &StatusChange<'_>, value: &Value, unreadable: &Unreadable, prefix: &str) {
    let named = |key: &str| unreadable.contains(&format!("{prefix}{key}"));
    open(Some(&change.code), &value["code"], false);
    open(
        change.sub_code.as_ref(),
        &value["sub_code"],
        named("sub_code"),
    );
    for (read, key) in [
        (&change.message, "message"),
        (&change.updated_at, "updated_at"),
        (&change.created_at, "created_at"),
    ] {
        text(read.as_deref(), &value[key], named(key));
    }
}

fn problem(problem: &Problem<'_>, value: &Value) {
    let named = |path| problem.unreadable.contains(path);
    open(Some(&problem.code), &value["code"], false);
    match problem.status {
        Some(status) => assert_eq!(Some(u64::from(status)), whole(&value["status"])),
        None => assert!(value["status"].is_null()),
    }
    for (read, key) in [
        (&problem.type_uri, "type"),
        (&problem.title, "title"),
        (&problem.detail, "detail"),
        (&problem.message, "message"),
        (&problem.instance, "instance"),
    ] {
        text(read.as_deref(), &value[key], named(key));
    }
}
