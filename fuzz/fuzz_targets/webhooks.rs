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
    let event = JobFailed::from_json(data);
    // `Deserialize` is `from_json`'s own pass (a byte-order mark aside, which only `from_json`
    // skips): where both read the body, they agree.
    if let Ok(derived) = serde_json::from_slice::<JobFailed<'_>>(data) {
        assert_eq!(event.as_ref().ok(), Some(&derived));
    }
    if let Ok(event) = event {
        let _ = (event.failure_code(), event.detail(), event.headers());
        let json = serde_json::to_vec(&event).expect("a decoded envelope serializes");
        let again = JobFailed::from_json(&json).expect("and decodes again");
        // What was read comes back; of what was not, only the required fields, as `null`.
        assert_eq!((&again.data, again.version, again.attempt), (&event.data, event.version, event.attempt));
        assert!(again.unreadable.iter().all(|path| event.unreadable.contains(path)));
        let third = serde_json::to_vec(&again).expect("serializes");
        assert_eq!(JobFailed::from_json(&third).expect("decodes"), again);
    }
    if let Ok(problem) = Problem::from_json(data) {
        let _ = (problem.http_status(), problem.text());
    }
});
