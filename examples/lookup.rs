//! From code: which tables know a wire string, and what a Recall.ai error response means.
//!
//! `cargo run --example lookup` (the command-line tool, `error-taxonomy`, answers the same from a
//! shell: `cargo run -p error-taxonomy-cli -- explain meeting_not_found`).

use error_taxonomy::recall::classify;
use error_taxonomy::retry::{RetryAfter, RetryPolicy};
use error_taxonomy::{Card, lookup};

fn main() {
    // Every table that knows the string, each with every fact of the code.
    for code in lookup("meeting_not_found") {
        println!("{}", Card::of(code));
    }

    // A 429 with `Retry-After: 7`: retry in 7 s. A 409 whose code is `never`: stop.
    let responses: [(u16, Option<&str>, &[u8]); 2] = [
        (429, Some("7"), b""),
        (
            409,
            None,
            br#"{"code": "cannot_command_completed_bot", "detail": "Bot is done."}"#,
        ),
    ];
    for (status, retry_after, body) in responses {
        let error = classify(status, RetryAfter::parse_now(retry_after), body);
        let decision = error.decide(1, &RetryPolicy::default(), 0);
        println!("{error}\n  {decision:?}: {}\n", error.action());
    }
}
