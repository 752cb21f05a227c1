//! backon (feature `backon`): retries decided by the error's code class and `Retry-After`.
//!
//! backon asks its backoff for the next delay, then lets `adjust` change it; [`adjust`] makes
//! the whole decision from the error ([`Retries::decide`]) and [`backoff`] only keeps the
//! sequence going, so a class that never retries stops at once, a `Retry-After` is honoured, and
//! the policy's attempts bound the rest.
//!
//! ```no_run
//! use backon::Retryable as _;
//! use error_taxonomy::recall::{RecallError, classify};
//! use error_taxonomy::retry::{RetryAfter, RetryPolicy};
//!
//! async fn fetch() -> Result<Vec<u8>, RecallError<'static>> {
//!     // A real client sends a request here, and classifies the response it gets.
//!     Err(classify(429, RetryAfter::parse_now(Some("2")), b"").into_owned())
//! }
//!
//! # async fn tokio_sleep(_: std::time::Duration) {}
//! # async fn run() -> Result<(), RecallError<'static>> {
//! let policy = RetryPolicy::default();
//! let body = fetch
//!     .retry(error_taxonomy::backon::backoff())
//!     .adjust(error_taxonomy::backon::adjust(policy))
//!     .sleep(tokio_sleep) // Not needed with backon's default features (tokio's sleep).
//!     .await?;
//! # let _ = body; Ok(()) }
//! ```

use core::time::Duration;

use crate::retry::{Retries, RetryPolicy, Retryable};

/// A backoff that never ends on its own: [`adjust`] decides when to stop, and how long to wait.
#[must_use]
pub fn backoff() -> Unbounded {
    Unbounded
}

/// The backoff of [`backoff`]: zero delays without end, each replaced by [`adjust`]'s decision.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Unbounded;

impl Iterator for Unbounded {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        Some(Duration::ZERO)
    }
}

/// The closure for backon's `adjust`: counts the attempts of one call, and gives the delay
/// before the next attempt, or `None` to stop with the error, as [`Retries::decide`] decides
/// from the error's class, its `Retry-After` and `policy` (jitter seeded from
/// [`entropy`](crate::retry::entropy)). The caller's own backoff bounds it too: once that
/// backoff has ended (`with_max_times`), no retry is made, whatever the error.
pub fn adjust<E: Retryable>(
    policy: RetryPolicy,
) -> impl FnMut(&E, Option<Duration>) -> Option<Duration> {
    let mut retries = Retries::seeded(policy);
    move |error, backoff| backoff.and_then(|_| retries.decide(error).delay())
}
