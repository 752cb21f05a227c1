//! Every payload decoder on any bytes, through the crate's list of payloads: no panic, and what
//! a payload writes reads back as itself. Then the answers of the two webhooks, which run the
//! rules on the text a sender wrote.
#![no_main]

use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::payload::{self, Payload, Visit};
use error_taxonomy::recall::StatusWebhook;
use libfuzzer_sys::fuzz_target;

struct RoundTrip<'d>(&'d [u8]);

impl Visit for RoundTrip<'_> {
    fn visit<P: Payload>(&mut self) {
        let Ok(decoded) = P::decode(self.0) else { return };
        let json = serde_json::to_vec(&decoded).expect("a decoded payload serializes");
        let again: P::Borrowed<'_> = serde_json::from_slice(&json).expect("and reads back");
        // What was read comes back; of what was not, at most the required fields, as `null`.
        let (before, after) = (P::unreadable(&decoded), P::unreadable(&again));
        assert!(after.iter().all(|path| before.contains(path)), "{}", P::NAME);
        let third = serde_json::to_vec(&again).expect("serializes");
        let owned = P::into_owned(serde_json::from_slice(&third).expect("reads back"));
        assert_eq!(owned, P::into_owned(again), "{}", P::NAME);
    }
}

fuzz_target!(|data: &[u8]| {
    payload::each(&mut RoundTrip(data));
    if let Ok(webhook) = StatusWebhook::from_json(data) {
        let _ = (webhook.status.failure_code(), webhook.status.platform(), webhook.status.at());
    }
    let event = JobFailed::from_json(data);
    // `Deserialize` is `from_json`'s own pass (a byte-order mark aside, which only `from_json`
    // skips): where both read the body, they agree.
    if let Ok(derived) = serde_json::from_slice::<JobFailed<'_>>(data) {
        assert_eq!(event.as_ref().ok(), Some(&derived));
    }
    if let Ok(event) = event {
        let _ = (event.failure_code(), event.detail(), event.headers());
    }
});
