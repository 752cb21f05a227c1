//! The crate in the stack its users run: `http` types, axum handlers and extractors, a tower
//! retry policy, backon, proptest strategies and `arbitrary`. Futures here never wait on I/O,
//! so a polling loop runs them.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use axum_core::extract::FromRequest;
use axum_core::response::IntoResponse;
use error_taxonomy::axum::{Webhook, WebhookRejection};
use error_taxonomy::hiring::{self, ErrorResponse};
use error_taxonomy::meetbot::{FailureCode, JobFailed};
use error_taxonomy::payload::{self, Payload, Visit};
use error_taxonomy::recall::{
    self, BotStatus, ErrorCode, HttpStatus, RecallError, StatusWebhook, classify, classify_parts,
};
use error_taxonomy::retry::{Decision, Jitter, Retries, RetryAfter, RetryAfterError, RetryPolicy};
use error_taxonomy::tower::RecallRetry;
use error_taxonomy::{Code, Open, RetryClass};
use http_body_util::BodyExt;
use proptest::prelude::*;

#[path = "support/differential.rs"]
mod differential;

/// A generated payload changed the ways JSON readers part on: a byte-order mark, an escaped key,
/// a key twice, `-0`, `1.0` and `1E400` for a number, `\u0000` and a lone surrogate in text, and
/// unknown values nested deep.
fn mutate(doc: &[u8], kind: u8) -> Vec<u8> {
    let text = String::from_utf8_lossy(doc).into_owned();
    let changed = match kind % 9 {
        0 => return [&b"\xEF\xBB\xBF"[..], doc].concat(),
        1 => [
            "code",
            "event",
            "failure_code",
            "sub_code",
            "detail",
            "message",
            "data",
        ]
        .iter()
        .find(|key| text.contains(&format!("\"{key}\"")))
        .map(|key| {
            let escaped = format!("\"\\u{:04x}{}\"", key.as_bytes()[0], &key[1..]);
            text.replacen(&format!("\"{key}\""), &escaped, 1)
        })
        .unwrap_or(text),
        2 => text.replacen('{', r#"{"event": "bot.twice", "code": "twice","#, 1),
        3 => text.replacen(r#""version":"#, r#""version":-0,"version_":"#, 1),
        4 => text.replacen(r#""attempt":1"#, r#""attempt":1.0"#, 1),
        5 => text.replacen(r#""version":2"#, r#""version":1E400"#, 1),
        6 => text.replacen(r#"":""#, r#"":"\u0000"#, 1),
        7 => text.replacen(r#"":""#, r#"":"\ud800"#, 1),
        _ => text.replacen('{', r#"{"x": [[{"y": ["\ud800", 1E400, {"z": -0}]}]], "#, 1),
    };
    changed.into_bytes()
}

const JOB_FAILED_V2: &[u8] = include_bytes!("data/job_failed_v2.json");

/// Runs a future whose every step is ready.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Ready;
    impl Wake for Ready {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Ready));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    for _ in 0..1_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("the future waited on something");
}

/// The exact policy: no jitter, so that delays can be asserted.
const EXACT: RetryPolicy = RetryPolicy {
    jitter: Jitter::None,
    ..RetryPolicy::DEFAULT
};

// ---- http ----

#[test]
fn a_hiring_error_is_an_http_response() {
    for code in hiring::ErrorCode::ALL {
        let response = ErrorResponse::new(code).detail(format!("{code} happened"));
        let response = response.clone().retry_after(7).unwrap_or(response);
        let http = response.to_http();
        assert_eq!(http.status().as_u16(), code.http_status(), "{code}");
        assert_eq!(response.status_code(), http.status());
        assert_eq!(http.headers()["content-type"], hiring::CONTENT_TYPE);
        let retry_after = http
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().expect("ASCII"));
        assert_eq!(
            retry_after.map(str::to_owned),
            response.retry_after_secs().map(|s| s.to_string()),
            "{code}"
        );
        assert_eq!(retry_after.is_some(), code.sends_retry_after(), "{code}");
        let body: serde_json::Value = serde_json::from_slice(http.body()).expect("JSON");
        assert_eq!(body, serde_json::to_value(&response).expect("serialize"));
        let again: http::Response<Vec<u8>> = response.into();
        assert_eq!(again.body(), http.body());
    }
}

#[test]
fn retry_after_is_read_from_a_header_map() {
    let mut headers = http::HeaderMap::new();
    assert_eq!(RetryAfter::from_headers(&headers, 0), RetryAfter::Absent);
    headers.insert(
        "retry-after",
        http::HeaderValue::from_static("Thu, 01 Jan 1970 00:01:00 GMT"),
    );
    assert_eq!(
        RetryAfter::from_headers(&headers, 30),
        RetryAfter::After(Duration::from_secs(30))
    );
    headers.insert(
        "retry-after",
        http::HeaderValue::from_bytes(b"\xff7").expect("opaque"),
    );
    assert_eq!(
        RetryAfter::from_headers(&headers, 0),
        RetryAfter::Ignored(RetryAfterError::Malformed)
    );
    headers.insert("retry-after", http::HeaderValue::from_static("5"));
    headers.append("retry-after", http::HeaderValue::from_static("50"));
    assert_eq!(
        RetryAfter::from_headers(&headers, 0),
        RetryAfter::Ignored(RetryAfterError::Malformed),
        "two values: which one the server meant is unknown"
    );
}

#[test]
fn recall_errors_are_classified_from_response_parts() {
    let response = http::Response::builder()
        .status(409)
        .header("retry-after", "9")
        .body(())
        .expect("response");
    let (parts, ()) = response.into_parts();
    let body = br#"{"code": "cannot_command_completed_bot", "detail": "done"}"#;
    let error = classify_parts(&parts, body, 0);
    assert_eq!(error, classify(409, RetryAfter::parse(Some("9"), 0), body));
    assert_eq!(
        error.code(),
        Some(Open::Known(ErrorCode::CannotCommandCompletedBot))
    );
}

#[test]
fn statuses_convert_to_and_from_http() {
    for status in HttpStatus::ALL {
        let http: http::StatusCode = status.into();
        assert_eq!(http.as_u16(), status.http_status());
        assert_eq!(HttpStatus::try_from(http), Ok(status));
    }
    let teapot = HttpStatus::try_from(http::StatusCode::IM_A_TEAPOT).expect_err("not in the table");
    assert_eq!(teapot.input(), "418");
    for code in hiring::ErrorCode::ALL {
        assert_eq!(http::StatusCode::from(code).as_u16(), code.http_status());
    }
}

// ---- owned errors ----

/// An application's own error, through which both errors travel with `?`.
#[derive(Debug)]
enum AppError {
    Recall(RecallError<'static>),
    // Boxed: a problem's five texts make it larger than a `Result` should carry.
    Hiring(Box<hiring::Problem<'static>>),
}

fn recall_call(body: &[u8]) -> Result<(), AppError> {
    Err(AppError::Recall(
        classify(409, RetryAfter::Absent, body).into_owned(),
    ))
}

fn hiring_call(body: &[u8]) -> Result<(), AppError> {
    let problem = hiring::Problem::from_json(body)
        .expect("problem")
        .into_owned();
    Err(AppError::Hiring(Box::new(problem)))
}

#[test]
fn errors_are_owned_displayed_and_std_errors() {
    let body =
        br#"{"code": "cannot_command_completed_bot", "detail": "Bot is done.\nReally"}"#.to_vec();
    let Err(AppError::Recall(error)) = recall_call(&body) else {
        panic!("a Recall.ai error")
    };
    drop(body);
    assert_eq!(
        error.to_string(),
        "Recall.ai answered 409 cannot_command_completed_bot: Bot is done.\\nReally"
    );
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(error.clone());
    assert_eq!(boxed.to_string(), error.to_string());
    assert_eq!(error.retry_class(), RetryClass::Never);

    let page = classify(
        403,
        RetryAfter::Absent,
        b"<H1>403 ERROR</H1> Request blocked.",
    )
    .into_owned();
    assert_eq!(page.to_string(), "Recall.ai answered 403 request_blocked");
    let raw = classify(502, RetryAfter::Absent, b"\xff\xfe").into_owned();
    assert_eq!(
        raw.to_string(),
        "Recall.ai answered 502 (2 bytes that are no error object)"
    );
    let empty = classify(507, RetryAfter::Absent, b"");
    assert_eq!(empty.to_string(), "Recall.ai answered 507 with no body");

    let Err(AppError::Hiring(problem)) =
        hiring_call(br#"{"code": "WINDOW_TOO_SOON", "detail": "opens at 9:00"}"#)
    else {
        panic!("a hiring error")
    };
    let status = hiring::ErrorCode::WindowTooSoon.http_status();
    assert_eq!(
        problem.to_string(),
        format!("WINDOW_TOO_SOON ({status}): opens at 9:00")
    );
    let boxed: Box<dyn std::error::Error> = Box::new(problem);
    assert!(boxed.to_string().starts_with("WINDOW_TOO_SOON"));

    let response = ErrorResponse::new(hiring::ErrorCode::WindowTooSoon).detail(String::from("x"));
    assert_eq!(response.clone().into_owned(), response);
    assert_eq!(
        response.to_string(),
        format!("WINDOW_TOO_SOON ({status}): x")
    );
}

// ---- axum ----

#[test]
fn a_handler_returns_a_hiring_error_in_one_line() {
    async fn handler(slot: u8) -> Result<&'static str, ErrorResponse<'static>> {
        Err(ErrorResponse::new(hiring::ErrorCode::WindowTooSoon).detail(format!("slot {slot}")))
    }
    let response = block_on(handler(9)).into_response();
    assert_eq!(
        response.status(),
        hiring::ErrorCode::WindowTooSoon.http_status()
    );
    assert_eq!(response.headers()["content-type"], hiring::CONTENT_TYPE);
    let body = block_on(response.into_body().collect())
        .expect("body")
        .to_bytes();
    let problem = hiring::Problem::from_json(&body).expect("problem");
    assert_eq!(problem.code, hiring::ErrorCode::WindowTooSoon);
    assert_eq!(problem.detail.as_deref(), Some("slot 9"));
}

fn request(body: &'static [u8]) -> axum_core::extract::Request {
    http::Request::builder()
        .method("POST")
        .header("content-type", "application/json")
        .body(axum_core::body::Body::from(body))
        .expect("request")
}

/// The crate's JSON extractor answers a bad hiring API request body with the hiring API's own
/// problem: `INVALID_BODY` for what is not JSON, `VALIDATION_ERROR` for JSON of the wrong shape.
#[test]
fn the_json_extractor_answers_bad_bodies_with_hiring_problems() {
    use error_taxonomy::axum::Json;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Invite {
        email: String,
    }

    let read = |body: &'static [u8]| block_on(Json::<Invite>::from_request(request(body), &()));
    assert_eq!(
        read(br#"{"email": "a@b.c"}"#).expect("an invite"),
        Json(Invite {
            email: "a@b.c".into()
        })
    );
    for (body, code) in [
        (&b"{\"email\": "[..], hiring::ErrorCode::InvalidBody),
        (b"not json", hiring::ErrorCode::InvalidBody),
        (br#"{"email": 7}"#, hiring::ErrorCode::ValidationError),
        (br#"{}"#, hiring::ErrorCode::ValidationError),
    ] {
        let problem = read(body).expect_err("refused");
        assert_eq!(problem.code(), code, "{}", String::from_utf8_lossy(body));
        assert!(problem.detail_text().is_some_and(|d| !d.is_empty()));
        let http = problem.into_response();
        assert_eq!(http.status().as_u16(), code.http_status());
        assert_eq!(http.headers()["content-type"], hiring::CONTENT_TYPE);
    }
    let text = http::Request::builder()
        .method("POST")
        .header("content-type", "text/plain")
        .body(axum_core::body::Body::from(&br#"{"email": "a@b.c"}"#[..]))
        .expect("request");
    let problem = block_on(Json::<Invite>::from_request(text, &())).expect_err("not JSON");
    assert_eq!(problem.code(), hiring::ErrorCode::InvalidBody);
}

/// A request that is not JSON is answered 415 and one declared too large 413, each with a
/// problem body and before its body is read; JSON in any of its spellings is read.
#[test]
fn the_webhook_extractor_refuses_what_is_not_json_or_too_large() {
    use error_taxonomy::axum::WebhookRejection;

    let answer = |content_type: Option<&str>, length: Option<&str>| {
        let mut builder = http::Request::builder().method("POST");
        if let Some(content_type) = content_type {
            builder = builder.header("content-type", content_type);
        }
        if let Some(length) = length {
            builder = builder.header("content-length", length);
        }
        let request = builder
            .body(axum_core::body::Body::from(JOB_FAILED_V2))
            .expect("request");
        block_on(Webhook::<JobFailed<'static>>::from_request(request, &()))
    };
    for content_type in [
        None,
        Some("text/plain"),
        Some("image/png"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/jsonp"),
        Some("application/+json"),
        Some("json"),
    ] {
        let rejection = answer(content_type, None).expect_err("not JSON");
        assert!(
            matches!(rejection, WebhookRejection::NotJson),
            "{content_type:?}"
        );
        let response = rejection.into_response();
        assert_eq!(response.status(), 415, "{content_type:?}");
        assert_eq!(response.headers()["content-type"], hiring::CONTENT_TYPE);
    }
    for content_type in [
        "application/json",
        "Application/JSON; charset=utf-8",
        "application/vnd.meetbot+json",
    ] {
        assert!(answer(Some(content_type), None).is_ok(), "{content_type}");
    }
    let limit = Webhook::<()>::MAX_BODY;
    // No declared length: read up to the limit, then refused.
    for len in [limit + 1, 2 * limit] {
        let request = http::Request::builder()
            .method("POST")
            .header("content-type", "application/json")
            .body(axum_core::body::Body::from(vec![b' '; len as usize]))
            .expect("request");
        let rejection = block_on(Webhook::<JobFailed<'static>>::from_request(request, &()))
            .expect_err("too large");
        assert!(
            matches!(rejection, WebhookRejection::TooLarge(None)),
            "{rejection}"
        );
        assert_eq!(rejection.into_response().status(), 413);
    }
    for declared in [limit + 1, 10_000_000_000, u64::MAX] {
        let rejection =
            answer(Some("application/json"), Some(&declared.to_string())).expect_err("too large");
        assert!(matches!(rejection, WebhookRejection::TooLarge(Some(n)) if n == declared));
        let response = rejection.into_response();
        assert_eq!(response.status(), 413);
        assert_eq!(response.headers()["content-type"], hiring::CONTENT_TYPE);
    }
}

#[test]
fn the_webhook_extractor_decodes_or_answers_400() {
    let Webhook(event) = block_on(Webhook::<JobFailed<'static>>::from_request(
        request(JOB_FAILED_V2),
        &(),
    ))
    .expect("the seed decodes");
    assert_eq!(
        event,
        JobFailed::from_json(JOB_FAILED_V2)
            .expect("seed")
            .into_owned()
    );

    let current = include_bytes!("data/recall_current.json");
    let Webhook(webhook) = block_on(Webhook::<StatusWebhook<'static>>::from_request(
        request(current),
        &(),
    ))
    .expect("a status webhook");
    assert_eq!(webhook.status.code, Open::Known(BotStatus::Fatal));

    let bad: &[u8] = br#"{"event": "job.failed", "data": {}}"#;
    let rejection = block_on(Webhook::<JobFailed<'static>>::from_request(
        request(bad),
        &(),
    ))
    .expect_err("not an envelope");
    let message = JobFailed::from_json(bad)
        .expect_err("not an envelope")
        .to_string();
    assert!(matches!(rejection, WebhookRejection::Decode(_)));
    assert_eq!(
        rejection.to_string(),
        format!("the body is not the payload: {message}")
    );
    let response = rejection.into_response();
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body = block_on(response.into_body().collect())
        .expect("body")
        .to_bytes();
    let problem: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(problem["status"], 400);
    assert_eq!(problem["detail"], message);
}

// ---- retry drivers ----

/// A sleep that records each delay and returns at once.
fn recording() -> (
    Arc<Mutex<Vec<Duration>>>,
    impl Fn(Duration) -> std::future::Ready<()> + Clone,
) {
    let slept = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&slept);
    let sleep = move |delay| {
        log.lock().expect("log").push(delay);
        std::future::ready(())
    };
    (slept, sleep)
}

/// A status, a `Retry-After` and a body.
type Answer = (u16, Option<&'static str>, &'static str);

/// A request to the mock.
type Call = http::Request<()>;

/// A request with `method` to the mock, with an `Idempotency-Key` or without.
fn call(method: http::Method, key: bool) -> Call {
    let mut request = http::Request::builder().method(method).uri("/bot");
    if key {
        request = request.header("idempotency-key", "k-1");
    }
    request.body(()).expect("request")
}

/// What the mock is: a cloneable service of buffered responses that never fails.
trait MockService:
    tower::Service<
        Call,
        Response = http::Response<Vec<u8>>,
        Error = std::io::Error,
        Future = std::future::Ready<Result<http::Response<Vec<u8>>, std::io::Error>>,
    > + Clone
{
}

impl<S> MockService for S where
    S: tower::Service<
            Call,
            Response = http::Response<Vec<u8>>,
            Error = std::io::Error,
            Future = std::future::Ready<Result<http::Response<Vec<u8>>, std::io::Error>>,
        > + Clone
{
}

/// A mock Recall.ai that answers the responses given, in order, then 200.
fn mock(answers: Vec<Answer>) -> (Arc<Mutex<usize>>, impl MockService) {
    let calls = Arc::new(Mutex::new(0));
    let count = Arc::clone(&calls);
    let answers = Arc::new(answers);
    let service = tower::service_fn(move |_: Call| {
        let mut calls = count.lock().expect("calls");
        let answer = answers.get(*calls).copied().unwrap_or((200, None, "{}"));
        *calls += 1;
        let mut response = http::Response::builder().status(answer.0);
        if let Some(retry_after) = answer.1 {
            response = response.header("retry-after", retry_after);
        }
        let response = response
            .body(answer.2.as_bytes().to_vec())
            .expect("response");
        std::future::ready(Ok::<_, std::io::Error>(response))
    });
    (calls, service)
}

/// What the policy must do with a sequence of answers: the delays [`Retries`] gives, until a
/// decision not to retry (whose answer is returned) or a 200.
fn expected(answers: &[Answer]) -> (u16, Vec<Duration>) {
    let mut retries = Retries::new(EXACT, 0);
    let mut delays = Vec::new();
    for &(status, retry_after, body) in answers {
        let error = classify(status, RetryAfter::parse(retry_after, 0), body.as_bytes());
        match retries.decide(&error) {
            Decision::Retry(delay) => delays.push(delay),
            _ => return (status, delays),
        }
    }
    (200, delays)
}

#[test]
fn the_tower_policy_honours_retry_after_and_code_classes() {
    use tower::ServiceExt;

    let cases = [
        // `Retry-After` wins; then the status's fixed delay; then a code's class decides.
        vec![
            (429, Some("2"), ""),
            (507, None, ""),
            (
                400,
                None,
                r#"{"code": "update_bot_failed", "detail": "Not enough time to launch new bot"}"#,
            ),
        ],
        // A code whose class is `never` is answered at once.
        vec![(409, None, r#"{"code": "cannot_command_completed_bot"}"#)],
        // The policy's attempts bound the rest.
        vec![(503, None, ""); 10],
    ];
    for answers in cases {
        let (status, delays) = expected(&answers);
        let (slept, sleep) = recording();
        let (calls, service) = mock(answers.clone());
        let retry = tower::retry::Retry::new(RecallRetry::with_sleep(EXACT, 0, sleep), service);
        let response = block_on(retry.oneshot(call(http::Method::GET, false))).expect("answered");
        assert_eq!(response.status(), status, "{answers:?}");
        assert_eq!(*slept.lock().expect("slept"), delays, "{answers:?}");
        assert_eq!(
            *calls.lock().expect("calls"),
            delays.len() + 1,
            "{answers:?}"
        );
    }
    // The cases above hold each kind of decision.
    assert_eq!(
        expected(&[(429, Some("2"), "")]).1,
        [Duration::from_secs(2)]
    );
    assert_eq!(
        expected(&[(409, None, r#"{"code": "cannot_command_completed_bot"}"#)]),
        (409, vec![])
    );
    assert_eq!(
        expected(&[(503, None, ""); 10]).1.len(),
        EXACT.max_attempts as usize - 1
    );
}

#[test]
fn the_tower_policy_retries_a_request_without_answer_with_backoff() {
    use tower::ServiceExt;

    let (slept, sleep) = recording();
    let failures = Arc::new(Mutex::new(2));
    let service = tower::service_fn(move |_: Call| {
        let mut left = failures.lock().expect("failures");
        let result = if *left > 0 {
            *left -= 1;
            Err(std::io::Error::other("connection reset"))
        } else {
            Ok(http::Response::new(Vec::<u8>::new()))
        };
        std::future::ready(result)
    });
    let retry = tower::retry::Retry::new(RecallRetry::with_sleep(EXACT, 0, sleep), service);
    assert!(block_on(retry.oneshot(call(http::Method::GET, false))).is_ok());
    assert_eq!(
        *slept.lock().expect("slept"),
        [Duration::from_secs(1), Duration::from_secs(2)]
    );
}

/// A request that may have taken effect is sent once more only when sending it twice is safe:
/// a `POST` without an `Idempotency-Key` is retried only after an answer that refused it
/// before it took effect, never after a failed connection.
#[test]
fn the_tower_policy_never_repeats_a_post_that_may_have_taken_effect() {
    use tower::ServiceExt;

    let failing = |status: u16| vec![(status, None, ""); 10];
    let conflict = vec![(409, None, "{}"); 10];
    let unanswered = || {
        let calls = Arc::new(Mutex::new(0));
        let count = Arc::clone(&calls);
        let service = tower::service_fn(move |_: Call| {
            *count.lock().expect("calls") += 1;
            std::future::ready(Err::<http::Response<Vec<u8>>, _>(std::io::Error::other(
                "connection reset",
            )))
        });
        (calls, service)
    };
    let attempts = |answers: &[Answer], request: Call| {
        let (_, sleep) = recording();
        let (calls, service) = mock(answers.to_vec());
        let retry = tower::retry::Retry::new(RecallRetry::with_sleep(EXACT, 0, sleep), service);
        let _ = block_on(retry.oneshot(request));
        *calls.lock().expect("calls")
    };
    let most = EXACT.max_attempts as usize;
    // Statuses outside the table, and the conflict's body, are never turned away unprocessed.
    for answers in [failing(500), failing(599), conflict] {
        assert_eq!(
            attempts(&answers, call(http::Method::POST, false)),
            1,
            "{answers:?}"
        );
        assert_eq!(
            attempts(&answers, call(http::Method::POST, true)),
            most,
            "{answers:?}"
        );
        assert_eq!(
            attempts(&answers, call(http::Method::GET, false)),
            most,
            "{answers:?}"
        );
    }
    // Every status that advises a retry repeats a key-less POST exactly when its row says the
    // server turned the request away unprocessed.
    let retried = HttpStatus::ALL
        .into_iter()
        .filter(|s| !matches!(s.retry(), RetryClass::Never | RetryClass::UserAction));
    let (mut turned_away, mut kept) = (0, 0);
    for status in retried {
        let answers = failing(status.http_status());
        let expected = if status.unprocessed() { most } else { 1 };
        assert_eq!(
            attempts(&answers, call(http::Method::POST, false)),
            expected,
            "{status:?}"
        );
        assert_eq!(attempts(&answers, call(http::Method::GET, false)), most);
        *if status.unprocessed() {
            &mut turned_away
        } else {
            &mut kept
        } += 1;
    }
    assert!(
        turned_away > 0 && kept > 0,
        "both kinds of retried status are tried"
    );
    // The reference's statuses, pinned: Recall.ai's 429, 503 and 507 turn a request away; a
    // gateway's 502 and 504 and a 409 may follow one that took effect.
    for (status, expected) in [
        (429, most),
        (503, most),
        (507, most),
        (502, 1),
        (504, 1),
        (409, 1),
    ] {
        assert_eq!(
            attempts(&failing(status), call(http::Method::POST, false)),
            expected,
            "{status}"
        );
    }
    for (request, expected) in [
        (call(http::Method::POST, false), 1),
        (call(http::Method::PATCH, false), 1),
        (call(http::Method::POST, true), most),
        (call(http::Method::DELETE, false), most),
    ] {
        let (_, sleep) = recording();
        let (calls, service) = unanswered();
        let retry = tower::retry::Retry::new(RecallRetry::with_sleep(EXACT, 0, sleep), service);
        let _ = block_on(retry.oneshot(request));
        assert_eq!(*calls.lock().expect("calls"), expected);
    }
}

/// A budget shared by every call bounds the retries across them.
#[test]
fn the_tower_policy_spends_a_shared_retry_budget() {
    use tower::ServiceExt;
    use tower::retry::budget::{Budget as _, TpsBudget};

    // No reserve per second and a one-retry-per-success share: a first call's retries are not
    // paid for, as nothing has succeeded yet.
    let budget = Arc::new(TpsBudget::new(Duration::from_secs(10), 0, 1.0));
    let (_, sleep) = recording();
    let (calls, service) = mock(vec![(503, None, ""); 10]);
    let policy = RecallRetry::with_sleep(EXACT, 0, sleep).with_budget(Arc::clone(&budget));
    let retry = tower::retry::Retry::new(policy, service);
    let _ = block_on(retry.oneshot(call(http::Method::GET, false)));
    assert_eq!(*calls.lock().expect("calls"), 1, "no retry without budget");
    // Successes deposit: the next call may retry.
    for _ in 0..10 {
        budget.deposit();
    }
    let (_, sleep) = recording();
    let (calls, service) = mock(vec![(503, None, "")]);
    let policy = RecallRetry::with_sleep(EXACT, 0, sleep).with_budget(Arc::clone(&budget));
    let retry = tower::retry::Retry::new(policy, service);
    let response = block_on(retry.oneshot(call(http::Method::GET, false))).expect("answered");
    assert_eq!(response.status(), 200);
    assert_eq!(*calls.lock().expect("calls"), 2, "one retry, paid for");
}

/// The caller's own backoff bounds `adjust`: one retry allowed is one retry made, whatever the
/// error's class would allow.
#[test]
fn backon_adjust_stops_where_the_callers_backoff_ends() {
    use backon::{BackoffBuilder as _, Retryable as _};

    for times in [0, 1, 2] {
        let calls = Arc::new(Mutex::new(0));
        let (_, sleep) = recording();
        let fetch = || {
            *calls.lock().expect("calls") += 1;
            std::future::ready(Err::<(), _>(
                classify(503, RetryAfter::Absent, b"").into_owned(),
            ))
        };
        let backoff = backon::ConstantBuilder::default()
            .with_max_times(times)
            .build();
        let _ = block_on(
            fetch
                .retry(backoff)
                .sleep(sleep)
                .adjust(error_taxonomy::backon::adjust(EXACT)),
        );
        assert_eq!(*calls.lock().expect("calls"), times + 1);
    }
}

#[test]
fn backon_adjust_decides_by_class_and_retry_after() {
    let answers = Arc::new(Mutex::new(vec![
        classify(
            409,
            RetryAfter::Absent,
            br#"{"code": "cannot_command_completed_bot"}"#,
        ),
        classify(429, RetryAfter::parse(Some("3"), 0), b""),
    ]));
    let (slept, sleep) = recording();
    let fetch = || {
        let next = answers.lock().expect("answers").pop();
        std::future::ready(next.map_or(Ok("bot"), Err))
    };
    let result = block_on(error_taxonomy::backon::retry(fetch, EXACT, sleep));
    // 429 waited its `Retry-After`; 409 is never retried, so its error comes back.
    assert_eq!(*slept.lock().expect("slept"), [Duration::from_secs(3)]);
    let error = result.expect_err("409 stops");
    assert_eq!(
        error.code(),
        Some(Open::Known(ErrorCode::CannotCommandCompletedBot))
    );
}

/// A caller who forgets `adjust` still has a bounded backoff with delays: no storm. Against an
/// error that always comes back, the policy's attempts are the most requests made.
#[test]
fn backon_backoff_alone_cannot_storm() {
    use backon::Retryable as _;

    let calls = Arc::new(Mutex::new(0u32));
    let (slept, sleep) = recording();
    let fetch = || {
        *calls.lock().expect("calls") += 1;
        std::future::ready(Err::<(), _>(
            classify(507, RetryAfter::Absent, b"").into_owned(),
        ))
    };
    let _ = block_on(
        fetch
            .retry(error_taxonomy::backon::backoff(EXACT))
            .sleep(sleep),
    );
    assert_eq!(*calls.lock().expect("calls"), EXACT.max_attempts);
    let slept = slept.lock().expect("slept");
    assert_eq!(slept.len() as u32, EXACT.max_attempts - 1);
    assert!(slept.iter().all(|delay| !delay.is_zero()), "{slept:?}");
}

/// The one-call entry point: a server's `Retry-After` longer than the policy accepts is never
/// shortened, so the call stops with the error instead of coming back early.
#[test]
fn backon_retry_never_comes_before_the_server_asked() {
    let calls = Arc::new(Mutex::new(0u32));
    let (slept, sleep) = recording();
    let fetch = || {
        *calls.lock().expect("calls") += 1;
        std::future::ready(Err::<(), _>(
            classify(
                429,
                RetryAfter::After(EXACT.cap + Duration::from_secs(1)),
                b"",
            )
            .into_owned(),
        ))
    };
    let error = block_on(error_taxonomy::backon::retry(fetch, EXACT, sleep)).expect_err("stops");
    assert_eq!(error.http_status(), Some(HttpStatus::TooManyRequests));
    assert_eq!(*calls.lock().expect("calls"), 1);
    assert!(slept.lock().expect("slept").is_empty());
}

/// A request that got no answer may have taken effect: it is retried only when it may be sent
/// twice. `?` gives the safe default.
#[test]
fn an_unanswered_call_is_retried_only_when_it_may_be_repeated() {
    use error_taxonomy::recall::{CallError, may_repeat};

    let reset = || std::io::Error::other("connection reset");
    let post = may_repeat(&http::Method::POST, &http::HeaderMap::new());
    let get = may_repeat(&http::Method::GET, &http::HeaderMap::new());
    for (repeatable, requests) in [(post, 1), (get, EXACT.max_attempts)] {
        let calls = Arc::new(Mutex::new(0u32));
        let (_, sleep) = recording();
        let fetch = || {
            *calls.lock().expect("calls") += 1;
            std::future::ready(Err::<(), _>(CallError::unanswered(reset(), repeatable)))
        };
        let _ = block_on(error_taxonomy::backon::retry(fetch, EXACT, sleep));
        assert_eq!(
            *calls.lock().expect("calls"),
            requests,
            "repeatable: {repeatable}"
        );
    }
    let by_question_mark: CallError<std::io::Error> = reset().into();
    assert_eq!(
        Retries::new(EXACT, 0).decide(&by_question_mark),
        Decision::DoNotRetry(error_taxonomy::retry::StopReason::NotRetryable)
    );
}

/// The hiring API's client side reads `Retry-After` too: `NUMBER_AT_CAP` waits the header's
/// delay exactly; a body that is no problem only after 429 or 503 with `Retry-After`.
#[test]
fn the_hiring_check_reads_retry_after() {
    let mut headers = http::HeaderMap::new();
    headers.insert("retry-after", http::HeaderValue::from_static("3"));
    let at_cap = br#"{"code": "NUMBER_AT_CAP", "status": 429}"#;
    let answers = Arc::new(Mutex::new(vec![
        (http::StatusCode::OK, &b"{}"[..]),
        (http::StatusCode::TOO_MANY_REQUESTS, &at_cap[..]),
    ]));
    let (slept, sleep) = recording();
    let fetch = || {
        let (status, body) = answers.lock().expect("answers").pop().expect("an answer");
        std::future::ready(hiring::check(status, &headers, body))
    };
    let body = block_on(error_taxonomy::backon::retry(fetch, EXACT, sleep)).expect("then 200");
    assert_eq!(body, b"{}");
    assert_eq!(*slept.lock().expect("slept"), [Duration::from_secs(3)]);
    let html =
        hiring::check(http::StatusCode::BAD_GATEWAY, &headers, &b"<html>"[..]).expect_err("502");
    assert!(html.problem.is_err());
    assert_eq!(
        Retries::new(EXACT, 0).decide(&html),
        Decision::DoNotRetry(error_taxonomy::retry::StopReason::NotRetryable)
    );
    // With no known code, the server's own `Retry-After` is honoured exactly, and only on a
    // status that turned the request away (429, 503): after a 502 or 500 the request may have
    // taken effect.
    let mut later = http::HeaderMap::new();
    later.insert("retry-after", http::HeaderValue::from_static("120"));
    let unavailable = http::StatusCode::SERVICE_UNAVAILABLE;
    let unknown = br#"{"code": "SOME_CODE_ADDED_LATER"}"#;
    let invalid = br#"{"code": "VALIDATION_ERROR"}"#;
    for (headers, body, expected) in [
        (&later, &b"<html>busy</html>"[..], Some(120)),
        (&later, &unknown[..], Some(120)),
        (&http::HeaderMap::new(), &b"<html>busy</html>"[..], None),
        (&http::HeaderMap::new(), &unknown[..], None),
        // A known code's class wins over the header.
        (&later, &invalid[..], None),
    ] {
        let error = hiring::check(unavailable, headers, body).expect_err("503");
        let limited =
            hiring::check(http::StatusCode::TOO_MANY_REQUESTS, headers, body).expect_err("429");
        assert_eq!(
            Retries::new(EXACT, 0).decide(&limited),
            Retries::new(EXACT, 0).decide(&error),
            "{body:?}"
        );
        for taken in [
            http::StatusCode::INTERNAL_SERVER_ERROR,
            http::StatusCode::GATEWAY_TIMEOUT,
            http::StatusCode::CONFLICT,
        ] {
            let error = hiring::check(taken, headers, body).expect_err("an error");
            let decision = Retries::new(EXACT, 0).decide(&error);
            assert!(
                matches!(decision, Decision::DoNotRetry(_)),
                "{taken} {decision:?}"
            );
        }
        let decision = Retries::new(EXACT, 0).decide(&error);
        match expected {
            Some(secs) => assert_eq!(decision, Decision::Retry(Duration::from_secs(secs))),
            None => assert!(
                matches!(decision, Decision::DoNotRetry(_)),
                "{decision:?} for {body:?}"
            ),
        }
    }
}

#[test]
fn retries_count_attempts_and_stop() {
    let mut retries = Retries::new(EXACT, 0);
    let unavailable = classify(503, RetryAfter::Absent, b"");
    let decisions: Vec<Decision> = (0..EXACT.max_attempts)
        .map(|_| retries.decide(&unavailable))
        .collect();
    assert!(
        decisions[..decisions.len() - 1]
            .iter()
            .all(|d| d.delay().is_some())
    );
    assert!(matches!(decisions.last(), Some(Decision::DoNotRetry(_))));
    assert_eq!(retries.attempts(), EXACT.max_attempts);
    let seeded = Retries::seeded(RetryPolicy::default());
    assert_eq!(seeded.attempts(), 0);
    assert!(
        error_taxonomy::retry::now() > 1_700_000_000,
        "the clock reads the present"
    );
    assert_ne!(
        error_taxonomy::retry::entropy(),
        error_taxonomy::retry::entropy()
    );
}

// ---- proptest and arbitrary ----

/// For every payload of the crate's list: each body of its strategy decodes whole, its owned
/// form is what was decoded, and what it writes reads back as itself.
struct EveryPayloadRoundTrips(Vec<&'static str>);

impl Visit for EveryPayloadRoundTrips {
    fn visit<P: Payload>(&mut self) {
        let mut runner = proptest::test_runner::TestRunner::default();
        let outcome = runner.run(&P::bodies(), |body| {
            let decoded = P::decode(&body).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(P::unreadable(&decoded).is_empty(), "{}", P::NAME);
            let json = serde_json::to_vec(&decoded).expect("encode");
            let again: P::Borrowed<'_> = serde_json::from_slice(&json).expect("decode");
            prop_assert_eq!(P::into_owned(again), P::into_owned(decoded), "{}", P::NAME);
            Ok(())
        });
        if let Err(failure) = outcome {
            panic!("{}: {failure}", P::NAME);
        }
        self.0.push(P::NAME);
    }
}

#[test]
fn every_payload_decodes_its_bodies_whole_and_back_to_itself() {
    let mut check = EveryPayloadRoundTrips(Vec::new());
    payload::each(&mut check);
    // Each went through under a name of its own.
    let names: std::collections::BTreeSet<_> = check.0.iter().collect();
    assert!(!check.0.is_empty());
    assert_eq!(names.len(), check.0.len(), "{:?}", check.0);
}

proptest! {
    /// Whenever serde_json accepts a document, every decoder that reads it agrees with serde_json
    /// on every field it says it read (`tests/support/differential.rs`).
    #[test]
    fn the_decoders_agree_with_serde_json(
        job in error_taxonomy::proptest::job_failed(),
        webhook in error_taxonomy::proptest::status_webhook(),
        change in error_taxonomy::proptest::status_change(),
        body in error_taxonomy::proptest::error_body(),
        problem in error_taxonomy::proptest::problem(),
        kind in any::<u8>(),
    ) {
        prop_assert!(differential::check(&job).job_failed);
        prop_assert!(differential::check(&webhook).status_webhook);
        prop_assert!(differential::check(&change).status_change);
        prop_assert!(differential::check(&problem).problem);
        // An error body may be any bytes: text, a page, nothing.
        differential::check(&body);
        for doc in [&job, &webhook, &change, &problem, &body] {
            differential::check(&mutate(doc, kind));
        }
        // Unknown values that serde_json's own `Value` refuses (a lone surrogate, `1E400`), at
        // any depth: each decoder reads what it read without them.
        if kind % 9 == 8 {
            let [j, w, c, p] = [&job, &webhook, &change, &problem].map(|doc| mutate(doc, kind));
            prop_assert_eq!(JobFailed::from_json(&j).ok(), JobFailed::from_json(&job).ok());
            prop_assert_eq!(StatusWebhook::from_json(&w).ok(), StatusWebhook::from_json(&webhook).ok());
            prop_assert_eq!(
                recall::StatusChange::from_json(&c).ok(),
                recall::StatusChange::from_json(&change).ok()
            );
            prop_assert_eq!(hiring::Problem::from_json(&p).ok(), hiring::Problem::from_json(&problem).ok());
        }
    }

    /// A classified error, body and `Retry-After` included, reads back as itself from its JSON.
    #[test]
    fn every_recall_error_decodes_back_to_itself(
        body in error_taxonomy::proptest::error_body(),
        status in 400u16..600,
        header in prop_oneof![
            Just(None),
            (0u64..100_000).prop_map(|s| Some(s.to_string())),
            Just(Some("-1".to_owned())),
            Just(Some("Sun, 06 Nov 1994 08:49:37 GMT".to_owned())),
            Just(Some("soon".to_owned())),
        ],
    ) {
        let error = recall::classify(status, RetryAfter::parse(header.as_deref(), 1_000_000_000), &body);
        let json = serde_json::to_vec(&error).expect("encode");
        prop_assert_eq!(serde_json::from_slice::<recall::RecallError>(&json).expect("decode"), error);
    }

    #[test]
    fn an_open_code_is_unknown_only_for_strings_its_table_does_not_know(
        open in any::<Open<'static, FailureCode>>(),
        raw in error_taxonomy::proptest::unknown::<FailureCode>(),
    ) {
        prop_assert_eq!(open.is_known(), FailureCode::from_bytes(open.as_str().as_bytes()).is_some());
        prop_assert!(FailureCode::parse(&raw).is_err());
        let json = serde_json::to_string(&open).expect("serialize");
        prop_assert_eq!(serde_json::from_str::<Open<FailureCode>>(&json).expect("decode"), open);
    }

    #[test]
    fn codes_are_arbitrary(code in any::<SubCodeAlias>()) {
        prop_assert_eq!(recall::SubCode::parse(code.as_str()), Ok(code));
    }
}

type SubCodeAlias = recall::SubCode;

#[test]
fn arbitrary_codes_and_open_codes() {
    use arbitrary::Unstructured;

    let bytes: Vec<u8> = (0..=255).cycle().take(4096).collect();
    let mut u = Unstructured::new(&bytes);
    let mut seen = std::collections::BTreeSet::new();
    while !u.is_empty() {
        let code: FailureCode = u.arbitrary().expect("a code");
        seen.insert(code);
        let open: Open<'static, FailureCode> = u.arbitrary().expect("an open code");
        assert_eq!(
            open.is_known(),
            FailureCode::from_bytes(open.as_str().as_bytes()).is_some()
        );
    }
    assert!(seen.len() > 1, "more than one code is chosen");
}
