//! backon (feature `backon`): retries decided by the error's code class and `Retry-After`.
//!
//! [`retry`] is the whole retry in one call: the policy's backoff and the decision of each
//! retry from the error ([`Retries::decide`]) together, so a class that never retries stops at
//! once, a `Retry-After` is waited exactly (or, past the policy's cap, not at all: the error comes
//! back), and the policy's attempts bound the rest. A request that may have been received is
//! retried only when it is idempotent: see [`CallError`](crate::recall::CallError).
//!
//! ```no_run
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
//! // `tokio::time::sleep` in a tokio program.
//! let body = error_taxonomy::backon::retry(fetch, RetryPolicy::default(), tokio_sleep).await?;
//! # let _ = body; Ok(()) }
//! ```
//!
//! The parts stay available for a loop of one's own: [`backoff`] alone is the policy's bounded,
//! jittered backoff (never a retry without delay, never more attempts than the policy's), and
//! [`adjust`] turns each of its delays into the error's decision.

use core::future::Future;
use core::time::Duration;

use crate::RetryClass;
use crate::retry::{Delays, Retries, RetryPolicy, Retryable};

/// Calls `call` until it succeeds or the policy says to stop, sleeping with `sleep` between
/// attempts (`tokio::time::sleep`, say): [`backoff`] and [`adjust`] together, so that neither
/// can be forgotten. The error of the last attempt comes back when the policy stops. It is
/// backon's own `Retry`, a future: `.notify(..)` still logs each retry.
#[allow(clippy::type_complexity)]
pub fn retry<T, E, Fut, F, S>(
    call: F,
    policy: RetryPolicy,
    sleep: S,
) -> backon::Retry<
    Delays,
    T,
    E,
    Fut,
    F,
    S,
    fn(&E) -> bool,
    fn(&E, Duration),
    impl FnMut(&E, Option<Duration>) -> Option<Duration>,
>
where
    E: Retryable,
    Fut: Future<Output = Result<T, E>>,
    F: FnMut() -> Fut,
    S: backon::Sleeper,
{
    use backon::Retryable as _;

    call.retry(backoff(policy))
        .sleep(sleep)
        .adjust(adjust(policy))
}

/// The policy's backoff: exponential from `policy.base`, capped, jittered as the policy says,
/// and ending after `policy.max_attempts` attempts in all. Used alone (without [`adjust`]), it is
/// still a bounded backoff with delays; with [`adjust`], each delay is replaced by the error's
/// decision, and the sequence's end still stops the retries.
#[must_use]
pub fn backoff(policy: RetryPolicy) -> Delays {
    Delays::new(RetryClass::Backoff, policy, crate::retry::entropy())
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
