//! A `tower` retry policy for Recall.ai (feature `tower`): each failed response is classified
//! ([`classify_http`]) and the code's class and the server's
//! `Retry-After` decide whether and when to retry, as [`Retries`] does.
//!
//! For reqwest, the most used client, the retry loop is [`backon::adjust`](crate::backon) with
//! [`recall::check`](crate::recall::check): reqwest's `Client` answers with its own
//! `reqwest::Response`, whose body is read after the policy would have to decide. This policy is
//! for stacks built on `tower::Service` that answer with an `http::Response`, the interface
//! hyper-util's client, axum and tonic build on; reqwest-middleware was not chosen because it
//! serves reqwest alone, through a wrapper client every call site must adopt, and its strategy
//! sees the response before its body, so it cannot read the code either.
//!
//! The policy reads the response body to find the code, so the service must answer with a
//! buffered body (`http::Response<B>` where `B: AsRef<[u8]>`: `Bytes`, `Vec<u8>`, `String`),
//! for example behind a `map_future` layer that collects the body. A request without a response
//! (a connection that failed) is retried with backoff: it may not have reached the server, but
//! it may have, so use the policy for requests that are safe to send twice (a GET, or a POST
//! with an idempotency key), not to create a bot without one.
//!
//! ```
//! use error_taxonomy::retry::RetryPolicy;
//! use error_taxonomy::tower::RecallRetry;
//!
//! let layer = tower::retry::RetryLayer::new(RecallRetry::new(RetryPolicy::default()));
//! # let _ = layer;
//! ```

use core::future::Future;
use core::time::Duration;

use crate::recall::{CallError, RecallError, classify_http};
use crate::retry::{Decision, Retries, RetryPolicy, Retryable};

/// How the policy waits: `tokio::time::sleep` unless another is given.
pub trait Sleep: Clone {
    /// The wait.
    type Future: Future<Output = ()>;

    /// Waits `delay`.
    fn sleep(&mut self, delay: Duration) -> Self::Future;
}

impl<F, Fut> Sleep for F
where
    F: FnMut(Duration) -> Fut + Clone,
    Fut: Future<Output = ()>,
{
    type Future = Fut;

    fn sleep(&mut self, delay: Duration) -> Fut {
        self(delay)
    }
}

/// `tokio::time::sleep`.
pub type TokioSleep = fn(Duration) -> tokio::time::Sleep;

/// The retry policy: one per call (tower clones it for each request), counting that call's
/// attempts.
#[derive(Clone, Debug)]
pub struct RecallRetry<S = TokioSleep> {
    retries: Retries,
    /// Whether each call draws its own seed (`new`), or all use the one given (`with_sleep`).
    reseed: bool,
    sleep: S,
}

impl RecallRetry {
    /// The policy, waiting with `tokio::time::sleep` (inside a tokio runtime with its timer),
    /// each call's jitter drawn from [`entropy`](crate::retry::entropy).
    #[must_use]
    pub fn new(policy: RetryPolicy) -> Self {
        RecallRetry {
            retries: Retries::new(policy, 0),
            reseed: true,
            sleep: tokio::time::sleep,
        }
    }
}

impl<S: Sleep> RecallRetry<S> {
    /// The policy, waiting with `sleep`, every call's jitter drawn from `seed` (reproducible).
    #[must_use]
    pub const fn with_sleep(policy: RetryPolicy, seed: u64, sleep: S) -> Self {
        RecallRetry {
            retries: Retries::new(policy, seed),
            reseed: false,
            sleep,
        }
    }

    /// The decision after a failed attempt of this call.
    fn next(&mut self, error: &impl Retryable) -> Option<S::Future> {
        if self.reseed && self.retries.attempts() == 0 {
            self.retries = Retries::new(*self.retries.policy(), crate::retry::entropy());
        }
        match self.retries.decide(error) {
            Decision::Retry(delay) => Some(self.sleep.sleep(delay)),
            Decision::DoNotRetry(_) | Decision::AfterUserAction(_) => None,
        }
    }
}

impl<S, Req, B, E> ::tower::retry::Policy<Req, ::http::Response<B>, E> for RecallRetry<S>
where
    S: Sleep,
    Req: Clone,
    B: AsRef<[u8]>,
{
    type Future = S::Future;

    fn retry(
        &mut self,
        _request: &mut Req,
        result: &mut Result<::http::Response<B>, E>,
    ) -> Option<Self::Future> {
        match result {
            Ok(response) if response.status().as_u16() < 400 => None,
            Ok(response) => {
                let error: RecallError<'_> = classify_http(
                    response.status(),
                    response.headers(),
                    response.body().as_ref(),
                    crate::retry::now(),
                );
                self.next(&error)
            }
            // No response: retried with backoff, as a call that got no answer is.
            Err(_) => self.next(&CallError::Unanswered(())),
        }
    }

    fn clone_request(&mut self, request: &Req) -> Option<Req> {
        Some(request.clone())
    }
}

impl<S> RecallRetry<S> {
    /// The failed attempts of this call so far.
    #[must_use]
    pub const fn attempts(&self) -> u32 {
        self.retries.attempts()
    }
}
