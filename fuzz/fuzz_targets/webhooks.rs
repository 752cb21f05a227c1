//! Every payload decoder on any bytes: Recall.ai status webhooks and status changes, meetbot's
//! job.failed, the hiring API's problem details.
#![no_main]

use error_taxonomy::hiring::Problem;
use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::recall::{StatusChange, StatusWebhook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(webhook) = StatusWebhook::from_json(data) {
        let _ = (webhook.status.failure_code(), webhook.status.platform(), webhook.status.at());
    }
    if let Ok(change) = serde_json::from_slice::<StatusChange>(data) {
        let _ = change.failure_code();
    }
    if let Ok(event) = JobFailed::from_json(data) {
        let _ = (event.failure_code(), event.detail(), event.headers());
        let json = serde_json::to_vec(&event).expect("a decoded envelope serializes");
        assert_eq!(JobFailed::from_json(&json).expect("and decodes again"), event);
    }
    if let Ok(problem) = Problem::from_json(data) {
        let _ = (problem.http_status(), problem.text());
    }
});
