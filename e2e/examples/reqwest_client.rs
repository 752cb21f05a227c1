//! A reqwest client of Recall.ai that retries as the codes say, against a local mock of
//! Recall.ai that starts and stops inside the example (127.0.0.1 only).
//!
//! `cargo run -p error-taxonomy-e2e --example reqwest_client`
//!
//! The glue `error-taxonomy` asks: `recall::check` on each response, and the retry loop
//! (backon, its delays decided by `error_taxonomy::backon::adjust`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use backon::Retryable as _;
use bytes::Bytes;
use error_taxonomy::recall::{CallError, check};
use error_taxonomy::retry::RetryPolicy;

/// One request: the body of a success, else the error, classified.
async fn fetch(request: reqwest::RequestBuilder) -> Result<Bytes, CallError<reqwest::Error>> {
    let response = request.send().await?;
    let (status, headers) = (response.status(), response.headers().clone());
    check(status, &headers, response.bytes().await?)
}

/// The mock: `GET /bot/1` answers 429 (`Retry-After: 1`), then 503, then the bot;
/// `POST /bot/1/leave_call` answers 409 `cannot_command_completed_bot`.
fn mock() -> Router {
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
    // Short delays for the example: no wait is longer than the cap, `Retry-After` included.
    let policy = RetryPolicy {
        cap: Duration::from_millis(200),
        ..RetryPolicy::default()
    };

    // The retry loop: Retry-After and the codes' classes honoured.
    let started = Instant::now();
    let url = format!("{base}/bot/1");
    let bot = (|| fetch(client.get(&url)))
        .retry(error_taxonomy::backon::backoff())
        .adjust(error_taxonomy::backon::adjust(policy))
        .notify(|error, delay| println!("  {error}; retrying in {delay:?}"))
        .await?;
    println!(
        "GET /bot/1 -> {} after {:?}",
        String::from_utf8_lossy(&bot),
        started.elapsed()
    );

    // A code whose class is `never`: no retry, the error comes back at once.
    let url = format!("{base}/bot/1/leave_call");
    let left = (|| fetch(client.post(&url)))
        .retry(error_taxonomy::backon::backoff())
        .adjust(error_taxonomy::backon::adjust(policy))
        .notify(|error, delay| println!("  {error}; retrying in {delay:?}"))
        .await;
    match left {
        Err(CallError::Answered(error)) => {
            println!("POST /bot/1/leave_call -> {error} (not retried)")
        }
        other => return Err(format!("expected a 409, got {other:?}").into()),
    }

    let _ = stop.send(());
    server.await??;
    println!("stopped");
    Ok(())
}
