//! The end-to-end examples run and stop on their own, saying what they did.

use std::path::PathBuf;
use std::process::Command;

/// The example binary `name`, which `cargo test` builds beside the tests.
fn example(name: &str) -> PathBuf {
    let deps = std::env::current_exe().expect("test binary");
    let target = deps.parent().and_then(|d| d.parent()).expect("target dir");
    target.join("examples").join(name)
}

fn run(name: &str) -> String {
    let output = Command::new(example(name)).output().expect("example runs");
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_axum_server_answers_problems_and_webhooks() {
    let out = run("axum_server");
    let too_soon = error_taxonomy::hiring::ErrorCode::WindowTooSoon;
    let status = too_soon.http_status();
    assert!(out.contains(&format!("GET /slots/7 -> {status} ")), "{out}");
    assert!(out.contains(&format!("application/problem+json: {too_soon} ({status}): 7:00 is before the window opens at 9:00")), "{out}");
    assert!(out.contains("GET /slots/10 -> booked 10:00"), "{out}");
    let seed = error_taxonomy::meetbot::FailureCode::HostDeniedAdmission;
    assert!(
        out.contains(&format!(
            "POST job.failed -> 200 OK {seed}: {} must act",
            seed.handling()
        )),
        "{out}"
    );
    assert!(out.contains("POST malformed -> 400 Bad Request"), "{out}");
    assert!(
        out.contains("POST text/plain -> 415 Unsupported Media Type"),
        "{out}"
    );
    assert!(out.ends_with("stopped\n"), "{out}");
}

#[test]
fn the_reqwest_client_retries_as_the_codes_say() {
    let out = run("reqwest_client");
    let retries: Vec<&str> = out.lines().filter(|l| l.contains("retrying in")).collect();
    assert_eq!(retries.len(), 2, "{out}");
    assert!(retries[0].starts_with("  Recall.ai answered 429"), "{out}");
    assert!(retries[1].starts_with("  Recall.ai answered 503"), "{out}");
    assert!(
        out.contains(r#"GET /bot/1 -> {"id": "1", "status": "in_call_recording"}"#),
        "{out}"
    );
    assert!(out.contains("POST /bot/1/leave_call -> Recall.ai answered 409 cannot_command_completed_bot: The bot has already left. (not retried)"), "{out}");
    // A forgotten `adjust` cannot storm: the policy's attempts, no more.
    let policy = error_taxonomy::retry::RetryPolicy::default();
    assert!(
        out.contains(&format!(
            "GET /bot/2 (backoff without adjust) -> an error after {0} requests (policy: {0})",
            policy.max_attempts
        )),
        "{out}"
    );
    assert!(out.ends_with("stopped\n"), "{out}");
}
