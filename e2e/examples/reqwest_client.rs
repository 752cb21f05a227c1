//! A reqwest client of Recall.ai that retries as the codes say, against a local mock of
//! Recall.ai that starts and stops inside the example (127.0.0.1 only).
//!
//! `cargo run -p error-taxonomy-e2e --example reqwest_client`
//!
//! The glue `error-taxonomy` asks: `recall::check` on each response, and the retry loop in one
//! call (`error_taxonomy::backon::retry`: backon with each delay decided by the error). A
//! request that got no answer is retried only when it may be sent twice (`recall::may_repeat`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use backon::Retryable as _;
use bytes::Bytes;
use error_taxonomy::recall::{CallError, check, may_repeat};
use error_taxonomy::retry::RetryPolicy;

/// One request: the body of a success, else the error, classified. Without an answer, the
/// request is repeated only if it may be sent twice.
async fn fetch(request: reqwest::RequestBuilder) -> Result<Bytes, CallError<reqwest::Error>> {
    let (client, request) = request.build_split();
    let request = request?;
    let repeatable = may_repeat(request.method(), request.headers());
    let unanswered = |error| CallError::unanswered(error, repeatable);
    let response = client.execute(request).await.map_err(unanswered)?;
    let (status, headers) = (response.status(), response.headers().clone());
    check(
        status,
        &headers,
        response.bytes().await.map_err(unanswered)?,
    )
}

/// The mock: `GET /bot/1` answers 429 (`Retry-After: 1`), then 503, then the bot;
/// `POST /bot/1/leave_call` answers 409 `cannot_command_completed_bot`; `GET /bot/2` answers
/// 503 always, and counts the requests (`GET /count`).
fn mock() -> Router {
    let busy = Arc::new(AtomicU32::new(0));
    let (busy_count, busy_calls) = (Arc::clone(&busy), busy);
    let calls = Arc::new(AtomicU32::new(0));
    let bot = move || {
        let calls = Arc::clone(&calls);
        async move {
            let mut headers = HeaderMap::new();
            match calls.fetch_add(1, Ordering::Relaxed) {
                0 => {
                    headers.insert("retry-after", "1".parse().expect("header"));
                    (StatusCode::TOO_MANY_REQUESTS, headers, String::new())
                }
                1 => (StatusCode::SERVICE_UNAVAILABLE, headers, String::new()),
                _ => (
                    StatusCode::OK,
                    headers,
                    r#"{"id": "1", "status": "in_call_recording"}"#.to_owned(),
                ),
            }
        }
    };
    let leave = || async {
        let body =
            r#"{"code": "cannot_command_completed_bot", "detail": "The bot has already left."}"#;
        (StatusCode::CONFLICT, body)
    };
    Router::new()
        .route("/bot/1", get(bot))
        .route("/bot/1/leave_call", post(leave))
        .route(
            "/bot/2",
            get(move || {
                busy_calls.fetch_add(1, Ordering::Relaxed);
                async { StatusCode::SERVICE_UNAVAILABLE }
            }),
        )
        .route(
            "/count",
            get(move || {
                let count = busy_count.load(Ordering::Relaxed);
                async move { count.to_string() }
            }),
        )
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, mock())
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    let client = reqwest::Client::new();
    // Short backoff for the example; a server's `Retry-After` (1 s here) is waited exactly.
    let policy = RetryPolicy {
        base: Duration::from_millis(20),
        cap: Duration::from_secs(2),
        ..RetryPolicy::default()
    };

    // The retry loop, in one call: Retry-After and the codes' classes honoured.
    let started = Instant::now();
    let url = format!("{base}/bot/1");
    let bot = error_taxonomy::backon::retry(|| fetch(client.get(&url)), policy, tokio::time::sleep)
        .notify(|error, delay| println!("  {error}; retrying in {delay:?}"))
        .await?;
    println!(
        "GET /bot/1 -> {} after {:?}",
        String::from_utf8_lossy(&bot),
        started.elapsed()
    );

    // A code whose class is `never`: no retry, the error comes back at once.
    let url = format!("{base}/bot/1/leave_call");
    let left =
        error_taxonomy::backon::retry(|| fetch(client.post(&url)), policy, tokio::time::sleep)
            .notify(|error, delay| println!("  {error}; retrying in {delay:?}"))
            .await;
    match left {
        Err(CallError::Answered(error)) => {
            println!("POST /bot/1/leave_call -> {error} (not retried)")
        }
        other => return Err(format!("expected a 409, got {other:?}").into()),
    }

    // A forgotten step: the policy's backoff without `adjust`. Still a bounded backoff with
    // delays: no more requests than the policy's attempts.
    let url = format!("{base}/bot/2");
    let busy = (|| fetch(client.get(&url)))
        .retry(error_taxonomy::backon::backoff(policy))
        .await;
    let count = client
        .get(format!("{base}/count"))
        .send()
        .await?
        .text()
        .await?;
    println!(
        "GET /bot/2 (backoff without adjust) -> {} after {count} requests (policy: {})",
        if busy.is_err() { "an error" } else { "a body" },
        policy.max_attempts
    );

    let _ = stop.send(());
    server.await??;
    println!("stopped");
    Ok(())
}
