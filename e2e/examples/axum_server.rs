//! An axum hiring-API server and a webhook receiver, as a user writes them. It serves on
//! 127.0.0.1 (a port the system picks), calls itself, prints what it got, and stops.
//!
//! `cargo run -p error-taxonomy-e2e --example axum_server`
//!
//! The glue `error-taxonomy` asks of a handler: returning `ErrorResponse` as its error (the
//! status, `content-type`, `Retry-After` and problem body follow), and the `Webhook` extractor.

use axum::Router;
use axum::extract::Path;
use axum::routing::{get, post};
use error_taxonomy::axum::Webhook;
use error_taxonomy::hiring::{ErrorCode, ErrorResponse, Problem};
use error_taxonomy::meetbot::JobFailed;

/// Books an interview slot: hours before 9 are too soon, with the hour in the detail.
async fn book(Path(hour): Path<u8>) -> Result<String, ErrorResponse<'static>> {
    if hour < 9 {
        // The one line of glue: a hiring error with a formatted detail.
        return Err(ErrorResponse::new(ErrorCode::WindowTooSoon)
            .detail(format!("{hour}:00 is before the window opens at 9:00")));
    }
    Ok(format!("booked {hour}:00"))
}

/// Receives meetbot's `job.failed`: a malformed body is answered 400 by the extractor.
async fn job_failed(Webhook(event): Webhook<JobFailed<'static>>) -> String {
    let code = event
        .failure_code()
        .map_or_else(String::new, |c| c.to_string());
    format!("{code}: {} must act", event.handling())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = Router::new()
        .route("/slots/{hour}", get(book))
        .route("/webhooks/meetbot", post(job_failed));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });

    let client = reqwest::Client::new();
    let early = client.get(format!("{base}/slots/7")).send().await?;
    let status = early.status();
    let content_type = early.headers()["content-type"].to_str()?.to_owned();
    let problem = early.bytes().await?;
    let problem = Problem::from_json(&problem)?;
    println!("GET /slots/7 -> {status} {content_type}: {problem}");
    assert_eq!(problem.code, ErrorCode::WindowTooSoon);

    let late = client
        .get(format!("{base}/slots/10"))
        .send()
        .await?
        .text()
        .await?;
    println!("GET /slots/10 -> {late}");

    let seed = include_bytes!("../../tests/data/job_failed_v2.json");
    let received = client
        .post(format!("{base}/webhooks/meetbot"))
        .header("content-type", "application/json")
        .body(&seed[..])
        .send()
        .await?;
    println!(
        "POST job.failed -> {} {}",
        received.status(),
        received.text().await?
    );

    let malformed = client
        .post(format!("{base}/webhooks/meetbot"))
        .header("content-type", "application/json")
        .body("{\"event\": 5}")
        .send()
        .await?;
    let status = malformed.status();
    println!("POST malformed -> {status} {}", malformed.text().await?);
    assert_eq!(status, 400);

    // A cross-site form or text POST is not JSON: refused before its body is read.
    let text = client
        .post(format!("{base}/webhooks/meetbot"))
        .header("content-type", "text/plain")
        .body(&seed[..])
        .send()
        .await?;
    let status = text.status();
    println!("POST text/plain -> {status} {}", text.text().await?);
    assert_eq!(status, 415);

    let _ = stop.send(());
    server.await??;
    println!("stopped");
    Ok(())
}
