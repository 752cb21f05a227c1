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
//! for example behind a `map_future` layer that collects the body.
//!
//! A request is sent again only when sending it twice is safe, or when the answer shows that
//! the first one took no effect:
//! - a request whose method is idempotent (RFC 9110 §9.2.2: `GET`, `HEAD`, `OPTIONS`, `TRACE`,
//!   `PUT`, `DELETE`), or that carries an `Idempotency-Key` header, is retried as its answer's
//!   code class says, and after a failed connection with backoff;
//! - any other request (a `POST` that creates a bot) is retried only after a status whose row
//!   says the server turned it away before it took effect
//!   ([`HttpStatus::unprocessed`](crate::recall::HttpStatus::unprocessed): `429 Too Many
//!   Requests`, `503 Service Unavailable`, Recall.ai's `507`, no ad-hoc bot was free); never
//!   after a failed connection, a `500`, a gateway's `502` or `504`, or a `409`, after which a
//!   second bot may be launched.
//!
//! [`with_budget`](RecallRetry::with_budget) adds tower's retry budget, which bounds the
//! retries across all calls to a share of the requests that succeed.
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
use std::sync::Arc;

use ::tower::retry::budget::{Budget, TpsBudget};

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
    /// The budget every clone shares, if one was given.
    budget: Option<Arc<TpsBudget>>,
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
            budget: None,
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
            budget: None,
        }
    }

    /// The same policy, its retries also bounded by `budget`, which every clone (every call)
    /// shares: each success deposits, each retry withdraws, and a retry the budget cannot pay
    /// for is not made. `TpsBudget::new(Duration::from_secs(10), 10, 0.2)` allows, beyond 10
    /// retries a second, one retry per five successes.
    #[must_use]
    pub fn with_budget(mut self, budget: Arc<TpsBudget>) -> Self {
        self.budget = Some(budget);
        self
    }

    /// The decision after a failed attempt of this call.
    fn next(&mut self, error: &impl Retryable) -> Option<S::Future> {
        if self.reseed && self.retries.attempts() == 0 {
            self.retries = Retries::new(*self.retries.policy(), crate::retry::entropy());
        }
        match self.retries.decide(error) {
            Decision::Retry(delay) if self.budget.as_ref().is_none_or(|b| b.withdraw()) => {
                Some(self.sleep.sleep(delay))
            }
            Decision::Retry(_) | Decision::DoNotRetry(_) | Decision::AfterUserAction(_) => None,
        }
    }
}

/// Whether a request may be sent twice ([`crate::recall::may_repeat`]).
fn may_repeat<B>(request: &::http::Request<B>) -> bool {
    crate::recall::may_repeat(request.method(), request.headers())
}

/// Whether a status says the request was turned away before it took effect: its row's
/// `unprocessed` (`429`, `503`, and Recall.ai's `507`: no ad-hoc bot was free, so none was
/// launched).
fn refused_unprocessed(status: u16) -> bool {
    crate::recall::HttpStatus::from_http_status(status)
        .is_some_and(crate::recall::HttpStatus::unprocessed)
}

impl<S, Q, B, E> ::tower::retry::Policy<::http::Request<Q>, ::http::Response<B>, E>
    for RecallRetry<S>
where
    S: Sleep,
    Q: Clone,
    B: AsRef<[u8]>,
{
    type Future = S::Future;

    fn retry(
        &mut self,
        request: &mut ::http::Request<Q>,
        result: &mut Result<::http::Response<B>, E>,
    ) -> Option<Self::Future> {
        let repeatable = may_repeat(request);
        match result {
            Ok(response) if response.status().as_u16() < 400 => {
                if let Some(budget) = &self.budget {
                    budget.deposit();
                }
                None
            }
            // It may have taken effect, and sending it again may: not retried.
            Ok(response) if !repeatable && !refused_unprocessed(response.status().as_u16()) => None,
            Ok(response) => {
                let error: RecallError<'_> = classify_http(
                    response.status(),
                    response.headers(),
                    response.body().as_ref(),
                    crate::retry::now(),
                );
                self.next(&error)
            }
            // No response: retried with backoff, as a call that got no answer is, when it may
            // be sent twice.
            Err(_) if repeatable => self.next(&CallError::unanswered((), true)),
            Err(_) => None,
        }
    }

    fn clone_request(&mut self, request: &::http::Request<Q>) -> Option<::http::Request<Q>> {
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
