//! Recall.ai error responses: any status, any Retry-After read at any time, any body.
#![no_main]

use error_taxonomy::recall::{ErrorBody, classify};
use error_taxonomy::retry::{Decision, RetryAfter, RetryPolicy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&[high, low, split], rest)) = data.split_first_chunk::<3>() else { return };
    let Some((now, rest)) = rest.split_first_chunk::<8>() else { return };
    let status = u16::from_be_bytes([high, low]);
    let (header, body) = rest.split_at(usize::from(split).min(rest.len()));
    let hint = RetryAfter::parse(std::str::from_utf8(header).ok(), u64::from_be_bytes(*now));
    let policy = RetryPolicy::default();
    let error = classify(status, hint, body);
    for attempt in [0, 1, 2, 7, u32::MAX] {
        if let Decision::Retry(delay) = error.decide(attempt, &policy, u64::from(status)) {
            assert!(delay <= policy.cap);
        }
    }
    let _ = (error.code(), error.detail(), error.cause(), error.action(), error.http_status());
    if let ErrorBody::Text(text) = &error.body {
        // The text is the body less a leading byte-order mark and JSON's white space around it.
        let unmarked = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        let json_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
        let start = unmarked.iter().position(|b| !json_space(b)).unwrap_or(unmarked.len());
        let end = unmarked.iter().rposition(|b| !json_space(b)).map_or(start, |i| i + 1);
        assert_eq!(&unmarked[start..end], text.as_bytes());
        assert!(serde_json::from_slice::<serde_json::Value>(text.as_bytes()).is_err());
    }
});
