//! The types as an OpenAPI 3.1 document (`schema/openapi.json`), for API teams that keep their
//! types in OpenAPI: every `$def` of the bundle under `components/schemas`, the hiring API's
//! error response as one reusable `components/responses` entry per status, and the two webhooks.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use serde_json::{Map, Value, json};

use crate::Code;
use crate::hiring::{CONTENT_TYPE, ErrorCode, TYPE_PREFIX};

/// The OpenAPI document: `components/schemas` (the bundle's `$defs`, references rewritten),
/// `components/responses/HiringProblem<status>` (one per status a hiring code carries, with
/// `application/problem+json`, one example per code, and the `Retry-After` header where a code
/// of the status sends it, required when all do), and `webhooks` for `job.failed` and Recall.ai's
/// status webhook. It has no paths: an API refers to the responses it uses.
#[must_use]
pub fn openapi() -> Value {
    let bundle = super::bundle();
    let mut schemas = bundle["$defs"].clone();
    components_refs(&mut schemas);
    enums(&mut schemas);
    let (responses, retry_after_used) = hiring_responses();
    let mut components = json!({"schemas": schemas, "responses": responses});
    if retry_after_used {
        components["headers"] = json!({"RetryAfter": retry_after_header()});
    }
    json!({
        "openapi": "3.1.1",
        "info": {
            "title": "error-taxonomy",
            "version": crate::VERSION,
            "summary": "Error codes and webhook payloads of Recall.ai, meetbot and the hiring API, for SDKs.",
            "description": bundle["description"],
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
        },
        "paths": {},
        "webhooks": {
            "meetbotJobFailed": webhook("A meetbot job.failed webhook (v1 or v2).", "MeetbotJobFailed", "meetbotJobFailed"),
            "recallBotStatus": webhook("A Recall.ai bot status webhook (current or legacy shape).", "RecallStatusWebhook", "recallBotStatus"),
        },
        "components": components,
    })
}

/// `#/$defs/X` as `#/components/schemas/X`, everywhere.
fn components_refs(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, item) in object.iter_mut() {
                match item {
                    Value::String(target) if key == "$ref" => {
                        if let Some(name) = target.strip_prefix("#/$defs/") {
                            *target = format!("#/components/schemas/{name}");
                        }
                    }
                    other => components_refs(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(components_refs),
        _ => {}
    }
}

/// Every `oneOf` of `const`s (a closed code set, each value described) as an `enum` of one type
/// with the values' descriptions in `x-enum-descriptions`, in the same order: OpenAPI generators
/// make enums of `enum` only (openapi-python-client refuses a `oneOf` of `const`s inside an
/// `anyOf`), and those that carry a description per value read that extension. The values' other
/// facts stay in the JSON Schema bundle.
fn enums(value: &mut Value) {
    match value {
        Value::Object(object) => {
            let consts: Option<Vec<(Value, Value)>> = object
                .get("oneOf")
                .and_then(Value::as_array)
                .and_then(|items| {
                    items
                        .iter()
                        .map(|item| {
                            Some((
                                item.get("const")?.clone(),
                                item.get("description").cloned().unwrap_or_default(),
                            ))
                        })
                        .collect()
                });
            let kind = consts.as_ref().and_then(|consts| {
                let is = |test: fn(&Value) -> bool| consts.iter().all(|(value, _)| test(value));
                if is(Value::is_string) {
                    Some("string")
                } else if is(Value::is_u64) {
                    Some("integer")
                } else {
                    None
                }
            });
            if let (Some(consts), Some(kind)) = (consts, kind) {
                object.remove("oneOf");
                let (values, descriptions): (Vec<Value>, Vec<Value>) = consts.into_iter().unzip();
                object.insert("type".into(), kind.into());
                object.insert("enum".into(), values.into());
                object.insert("x-enum-descriptions".into(), descriptions.into());
            }
            object.values_mut().for_each(enums);
        }
        Value::Array(items) => items.iter_mut().for_each(enums),
        _ => {}
    }
}

fn retry_after_header() -> Value {
    json!({
        "description": "How long to wait before retrying: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3).",
        "schema": {"type": "string", "examples": ["120", "Wed, 21 Oct 2026 07:28:00 GMT"]},
    })
}

/// One response per status of the hiring codes, and whether one refers to the shared header.
fn hiring_responses() -> (Map<String, Value>, bool) {
    let mut by_status: BTreeMap<u16, Vec<ErrorCode>> = BTreeMap::new();
    for code in ErrorCode::ALL {
        by_status.entry(code.http_status()).or_default().push(code);
    }
    let mut responses = Map::new();
    let mut shared_header = false;
    for (status, codes) in by_status {
        let (response, shares) = hiring_response(status, &codes);
        shared_header |= shares;
        responses.insert(format!("HiringProblem{status}"), response);
    }
    (responses, shared_header)
}

/// The response of one status of the hiring API, and whether it uses the shared `Retry-After`
/// header (when some of its codes send it, but not all).
fn hiring_response(status: u16, codes: &[ErrorCode]) -> (Value, bool) {
    let mut lines = vec![
        format!(
            "{}: a hiring API error, one of these codes:",
            reason(status)
        ),
        String::new(),
    ];
    let mut examples = Map::new();
    for code in codes {
        let sends = if code.sends_retry_after() {
            " (sends Retry-After)"
        } else {
            ""
        };
        let retired = if Code::deprecation(*code).is_some() {
            " (retired)"
        } else {
            ""
        };
        lines.push(format!(
            "- `{code}`{retired}{sends}: {}",
            code.description()
        ));
        examples.insert(code.as_str().into(), hiring_example(status, *code));
    }
    let mut response = json!({
        "description": lines.join("\n"),
        "x-codes": codes.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "content": {
            CONTENT_TYPE: {
                "schema": {"$ref": "#/components/schemas/HiringProblem"},
                "examples": examples,
            },
        },
    });
    let senders = codes.iter().filter(|c| c.sends_retry_after()).count();
    if senders == codes.len() {
        // A header object cannot be both a `$ref` and required: it is given inline.
        let mut header = retry_after_header();
        header["required"] = true.into();
        response["headers"] = json!({"Retry-After": header});
    } else if senders > 0 {
        response["headers"] = json!({"Retry-After": {"$ref": "#/components/headers/RetryAfter"}});
        return (response, true);
    }
    (response, false)
}

/// The example problem body of one code.
fn hiring_example(status: u16, code: ErrorCode) -> Value {
    json!({
        "summary": code.description(),
        "value": {
            "type": format!("{TYPE_PREFIX}{code}"),
            "title": code.description(),
            "status": status,
            "code": code.as_str(),
        },
    })
}

fn reason(status: u16) -> String {
    let phrase = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        507 => "Insufficient Storage",
        _ => return format!("HTTP {status}"),
    };
    String::from(phrase)
}

fn webhook(summary: &str, schema: &str, operation_id: &str) -> Value {
    json!({
        "post": {
            "operationId": operation_id,
            "summary": summary,
            "requestBody": {
                "required": true,
                "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}},
            },
            "responses": {"200": {"description": "Received; any 2xx stops the retries."}},
        },
    })
}
