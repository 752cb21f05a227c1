//! Retry advice: from a code's [`RetryClass`], the attempt number, the server's `Retry-After`
//! and a [`RetryPolicy`] to a [`Decision`].
//!
//! Everything here is pure: the current time and the jitter's entropy are arguments, so the
//! same inputs always give the same decision, and nothing allocates. With `std`, [`now`] and
//! [`entropy`] supply them, and [`Retries`] keeps the count of one call's attempts.

use core::fmt;
use core::time::Duration;

use crate::{Code, RetryClass};

/// How the delay of a computed backoff is randomised. A server's `Retry-After` is never jittered.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Jitter {
    /// The exact exponential delay.
    None,
    /// A delay drawn uniformly from zero to the exponential delay ("full jitter").
    #[default]
    Full,
    /// Half the exponential delay plus a draw from zero to the other half ("equal jitter").
    Equal,
}

/// The knobs of the retry arithmetic.
///
/// ```
/// use core::time::Duration;
/// use error_taxonomy::RetryClass;
/// use error_taxonomy::retry::{Decision, Jitter, RetryAfter, RetryPolicy, StopReason, decide};
///
/// // Exponential from 500 ms, at most 10 s, three attempts in all, no jitter.
/// let policy = RetryPolicy {
///     base: Duration::from_millis(500),
///     cap: Duration::from_secs(10),
///     max_attempts: 3,
///     jitter: Jitter::None,
/// };
/// let after = |attempt| decide(RetryClass::Backoff, "", attempt, RetryAfter::Absent, &policy, 0);
/// assert_eq!(after(1), Decision::Retry(Duration::from_millis(500)));
/// assert_eq!(after(2), Decision::Retry(Duration::from_secs(1)));
/// assert_eq!(after(3), Decision::DoNotRetry(StopReason::AttemptsExhausted));
/// // A server's `Retry-After` is never shortened: past the cap, the answer is to stop.
/// let hint = RetryAfter::After(Duration::from_secs(3600));
/// assert_eq!(
///     decide(RetryClass::Backoff, "", 1, hint, &policy, 0),
///     Decision::DoNotRetry(StopReason::WaitTooLong(Duration::from_secs(3600)))
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct RetryPolicy {
    /// The first backoff delay; attempt `n` waits `base * 2^(n-1)` before jitter.
    pub base: Duration,
    /// The longest wait the caller accepts. A computed backoff is cut to it; a wait that is not
    /// the caller's to shorten (a server's `Retry-After`, a code's own delay) is honoured
    /// exactly, and past the cap the decision is to stop ([`StopReason::WaitTooLong`]).
    pub cap: Duration,
    /// The number of attempts in all, the first included; past it the decision is
    /// [`Decision::DoNotRetry`] with [`StopReason::AttemptsExhausted`].
    pub max_attempts: u32,
    /// How computed backoff delays are randomised.
    pub jitter: Jitter,
}

impl RetryPolicy {
    /// One second base, five minutes cap, five attempts, full jitter.
    pub const DEFAULT: RetryPolicy = RetryPolicy {
        base: Duration::from_secs(1),
        cap: Duration::from_secs(300),
        max_attempts: 5,
        jitter: Jitter::Full,
    };
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Why a `Retry-After` value was ignored. As JSON: `"negative"`, `"past_date"`, `"malformed"`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum RetryAfterError {
    /// A negative number of seconds.
    Negative,
    /// An HTTP-date that is not in the future.
    PastDate,
    /// Neither delay-seconds nor an HTTP-date.
    Malformed,
}

impl fmt::Display for RetryAfterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RetryAfterError::Negative => "Retry-After is negative",
            RetryAfterError::PastDate => "Retry-After is a date in the past",
            RetryAfterError::Malformed => "Retry-After is neither delay-seconds nor an HTTP-date",
        })
    }
}

impl core::error::Error for RetryAfterError {}

/// The server's `Retry-After`, read. As JSON: `"absent"`, `{"after": {"secs": 7, "nanos": 0}}`,
/// or `{"ignored": "past_date"}`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum RetryAfter {
    /// No header, or `0`.
    Absent,
    /// Wait this long (not yet capped: the policy caps it).
    After(Duration),
    /// The header was there but unusable; the reason is kept, and the decision goes on as if it
    /// were absent.
    Ignored(RetryAfterError),
}

impl RetryAfter {
    /// Reads a `Retry-After` value: delay-seconds (`120`) or an HTTP-date
    /// (`Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete RFC 850 and asctime forms), given the
    /// current time as seconds since the Unix epoch. `0` counts as absent; values too large to
    /// count saturate (the policy caps them).
    ///
    /// ```
    /// use core::time::Duration;
    /// use error_taxonomy::retry::{RetryAfter, RetryAfterError};
    ///
    /// assert_eq!(RetryAfter::parse(Some("120"), 0), RetryAfter::After(Duration::from_secs(120)));
    /// assert_eq!(RetryAfter::parse(Some("0"), 0), RetryAfter::Absent);
    /// assert_eq!(RetryAfter::parse(Some("-1"), 0), RetryAfter::Ignored(RetryAfterError::Negative));
    /// let now = 784_111_717; // Sun, 06 Nov 1994 08:48:37 GMT
    /// assert_eq!(
    ///     RetryAfter::parse(Some("Sun, 06 Nov 1994 08:49:37 GMT"), now),
    ///     RetryAfter::After(Duration::from_secs(60))
    /// );
    /// ```
    #[must_use]
    pub fn parse(value: Option<&str>, now_unix_secs: u64) -> RetryAfter {
        let Some(value) = value else {
            return RetryAfter::Absent;
        };
        let value = value.trim_matches(|c| c == ' ' || c == '\t');
        if value.is_empty() {
            return RetryAfter::Ignored(RetryAfterError::Malformed);
        }
        let bytes = value.as_bytes();
        if bytes.iter().all(u8::is_ascii_digit) {
            let secs = bytes.iter().fold(0u64, |acc, &d| {
                acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
            });
            return if secs == 0 {
                RetryAfter::Absent
            } else {
                RetryAfter::After(Duration::from_secs(secs))
            };
        }
        if bytes[0] == b'-' && bytes.len() > 1 && bytes[1..].iter().all(u8::is_ascii_digit) {
            return RetryAfter::Ignored(RetryAfterError::Negative);
        }
        match http_date(value, now_unix_secs).map(|at| at - i128::from(now_unix_secs)) {
            Some(ahead) if ahead > 0 => RetryAfter::After(Duration::from_secs(
                u64::try_from(ahead).unwrap_or(u64::MAX),
            )),
            Some(_) => RetryAfter::Ignored(RetryAfterError::PastDate),
            None => RetryAfter::Ignored(RetryAfterError::Malformed),
        }
    }

    /// The delay, when the header gave a usable one.
    #[must_use]
    pub const fn delay(self) -> Option<Duration> {
        match self {
            RetryAfter::After(delay) => Some(delay),
            _ => None,
        }
    }
}

/// Why not to retry.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum StopReason {
    /// The code's retry class is `never`: retrying cannot help.
    NotRetryable,
    /// The policy's attempts (or the class's single retry) are used up.
    AttemptsExhausted,
    /// The wait the server asked for (`Retry-After`), or the code's own delay, is longer than
    /// the policy's cap: it is never shortened, so the caller stops, or waits it out itself.
    WaitTooLong(Duration),
}

impl StopReason {
    /// The wire name: `not_retryable`, `attempts_exhausted` or `wait_too_long`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            StopReason::NotRetryable => "not_retryable",
            StopReason::AttemptsExhausted => "attempts_exhausted",
            StopReason::WaitTooLong(_) => "wait_too_long",
        }
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StopReason::NotRetryable => f.write_str("a retry cannot help"),
            StopReason::AttemptsExhausted => f.write_str("the attempts are used up"),
            StopReason::WaitTooLong(wait) => write!(
                f,
                "the wait asked for ({} s) is longer than the policy accepts",
                wait.as_secs()
            ),
        }
    }
}

/// What to do after a failed attempt.
///
/// ```
/// use error_taxonomy::hiring::ErrorCode;
/// use error_taxonomy::recall::HttpStatus;
/// use error_taxonomy::retry::{Decision, RetryAfter, RetryPolicy, advise};
///
/// let policy = RetryPolicy::default();
/// for (decision, what) in [
///     (advise(HttpStatus::InsufficientStorage, 1, RetryAfter::Absent, &policy, 0), "a full pool"),
///     (advise(ErrorCode::DuplicateCandidate, 1, RetryAfter::Absent, &policy, 0), "a duplicate"),
///     (advise(HttpStatus::PaymentRequired, 1, RetryAfter::Absent, &policy, 0), "no credit"),
/// ] {
///     match decision {
///         Decision::Retry(delay) => println!("{what}: retry in {delay:?}"),
///         Decision::DoNotRetry(reason) => println!("{what}: give up ({reason:?})"),
///         Decision::AfterUserAction(action) => println!("{what}: first, {action}"),
///     }
/// }
/// assert_eq!(advise(HttpStatus::PaymentRequired, 1, RetryAfter::Absent, &policy, 0).as_str(), "after_user_action");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Decision {
    /// Retry after this delay.
    Retry(Duration),
    /// Do not retry.
    DoNotRetry(StopReason),
    /// Retry only after someone acts; the text says what to do.
    AfterUserAction(&'static str),
}

impl Decision {
    /// The wire name: `retry`, `do_not_retry` or `after_user_action`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Retry(_) => "retry",
            Decision::DoNotRetry(_) => "do_not_retry",
            Decision::AfterUserAction(_) => "after_user_action",
        }
    }

    /// The delay of a retry.
    #[must_use]
    pub const fn delay(self) -> Option<Duration> {
        match self {
            Decision::Retry(delay) => Some(delay),
            _ => None,
        }
    }
}

/// The decision for any code of the taxonomy: its retry class decides, its action says what a
/// user must do. A code without a retry class is not retried.
///
/// `attempt` counts the attempts made so far, the failed one included (1 after the first).
///
/// ```
/// use core::time::Duration;
/// use error_taxonomy::recall::HttpStatus;
/// use error_taxonomy::retry::{Decision, RetryAfter, RetryPolicy, advise};
///
/// let policy = RetryPolicy::default();
/// let decision = advise(HttpStatus::InsufficientStorage, 1, RetryAfter::Absent, &policy, 0);
/// assert_eq!(decision, Decision::Retry(Duration::from_secs(30)));
/// ```
#[must_use]
pub fn advise<C: Code>(
    code: C,
    attempt: u32,
    hint: RetryAfter,
    policy: &RetryPolicy,
    entropy: u64,
) -> Decision {
    let class: Option<RetryClass> = code.retry().into();
    let action: Option<&str> = code.action().into();
    let (class, action) = (
        class.unwrap_or(RetryClass::Never),
        action.unwrap_or(DEFAULT_ACTION),
    );
    decide(class, action, attempt, hint, policy, entropy)
}

/// What someone must do about an error whose code names no action.
const DEFAULT_ACTION: &str = "act on the error's cause";

/// The decision for `error` after `attempt` attempts: [`decide`] with its class, action and
/// `Retry-After`.
pub(crate) fn decide_for(
    error: &impl Retryable,
    attempt: u32,
    policy: &RetryPolicy,
    entropy: u64,
) -> Decision {
    decide(
        error.retry_class(),
        error.action(),
        attempt,
        error.retry_after(),
        policy,
        entropy,
    )
}

/// The decision for a retry class; `action` is what [`Decision::AfterUserAction`] says. A
/// server's `Retry-After` and a class's own delay are honoured exactly, never shortened: past
/// the policy's cap the decision is [`StopReason::WaitTooLong`]. Only a computed backoff is cut
/// to the cap.
#[must_use]
pub fn decide(
    class: RetryClass,
    action: &'static str,
    attempt: u32,
    hint: RetryAfter,
    policy: &RetryPolicy,
    entropy: u64,
) -> Decision {
    // A wait that is not the caller's (the server's, or the code's own) is honoured exactly.
    let exactly = |delay: Duration| {
        if delay > policy.cap {
            Decision::DoNotRetry(StopReason::WaitTooLong(delay))
        } else {
            Decision::Retry(delay)
        }
    };
    match class {
        RetryClass::Never => return Decision::DoNotRetry(StopReason::NotRetryable),
        RetryClass::UserAction => return Decision::AfterUserAction(action),
        _ => {}
    }
    let allowed = match class {
        RetryClass::Once { .. } => attempt < 2 && policy.max_attempts >= 2,
        _ => attempt < policy.max_attempts,
    };
    if !allowed {
        return Decision::DoNotRetry(StopReason::AttemptsExhausted);
    }
    if let Some(delay) = hint.delay() {
        return exactly(delay);
    }
    match class {
        RetryClass::Delay { secs }
        | RetryClass::Once {
            after_secs: Some(secs),
        }
        | RetryClass::RetryAfter {
            fallback_secs: Some(secs),
        } => exactly(Duration::from_secs(u64::from(secs))),
        _ => Decision::Retry(backoff(policy, attempt, entropy)),
    }
}

/// The jittered exponential delay after `attempt` failed attempts, capped.
#[must_use]
pub fn backoff(policy: &RetryPolicy, attempt: u32, entropy: u64) -> Duration {
    let exponent = attempt.saturating_sub(1);
    let full = if exponent > 31 {
        policy.cap
    } else {
        policy.base.saturating_mul(1 << exponent).min(policy.cap)
    };
    let nanos = u64::try_from(full.as_nanos()).unwrap_or(u64::MAX);
    match policy.jitter {
        Jitter::None => full,
        Jitter::Full => Duration::from_nanos(draw(entropy, nanos)),
        Jitter::Equal => Duration::from_nanos(nanos / 2 + draw(entropy, nanos - nanos / 2)),
    }
}

/// The entropy of one step of a sequence seeded with `seed`: the seed is mixed before the step
/// is added, so that neighbouring seeds do not share draws.
const fn step_entropy(seed: u64, step: u32) -> u64 {
    seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ step as u64
}

/// A number in `0..=bound` from the caller's entropy, spread by a 64-bit mixer.
fn draw(entropy: u64, bound: u64) -> u64 {
    let mut z = entropy.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    match bound.checked_add(1) {
        Some(span) => z % span,
        None => z,
    }
}

/// The delays of a whole retry sequence, one per retry, for a class and a policy: plugs into
/// retry crates that take an `Iterator<Item = Duration>` (backon's custom backoff, say).
///
/// It ends when the decision is no longer to retry. The entropy of each step is derived from
/// the seed, so a sequence is reproducible.
///
/// ```
/// use core::time::Duration;
/// use error_taxonomy::RetryClass;
/// use error_taxonomy::retry::{Delays, Jitter, RetryPolicy};
///
/// let policy = RetryPolicy { jitter: Jitter::None, ..RetryPolicy::default() };
/// let delays: Vec<Duration> = Delays::new(RetryClass::Backoff, policy, 0).collect();
/// assert_eq!(delays, [1, 2, 4, 8].map(Duration::from_secs));
/// ```
#[derive(Clone, Debug)]
pub struct Delays {
    class: RetryClass,
    policy: RetryPolicy,
    seed: u64,
    attempt: u32,
}

impl Delays {
    /// The delays for `class` under `policy`, jittered from `seed`.
    #[must_use]
    pub const fn new(class: RetryClass, policy: RetryPolicy, seed: u64) -> Self {
        Delays {
            class,
            policy,
            seed,
            attempt: 0,
        }
    }
}

impl Iterator for Delays {
    type Item = Duration;

    fn next(&mut self) -> Option<Duration> {
        self.attempt = self.attempt.checked_add(1)?;
        let entropy = step_entropy(self.seed, self.attempt);
        let decision = decide(
            self.class,
            "",
            self.attempt,
            RetryAfter::Absent,
            &self.policy,
            entropy,
        );
        let delay = decision.delay();
        if delay.is_none() {
            self.attempt = u32::MAX;
        }
        delay
    }
}

impl core::iter::FusedIterator for Delays {}

/// An error that says how it may be retried: what [`Retries`] and the retry drivers (the
/// `tower` policy, the `backon` adapter) decide from. [`RecallError`](crate::recall::RecallError)
/// and [`Problem`](crate::hiring::Problem) implement it; an application's own error type can
/// too, delegating to the one it wraps.
pub trait Retryable {
    /// How to retry.
    fn retry_class(&self) -> RetryClass;

    /// What someone must do when the class is [`RetryClass::UserAction`].
    fn action(&self) -> &'static str {
        DEFAULT_ACTION
    }

    /// The server's `Retry-After`, read.
    fn retry_after(&self) -> RetryAfter {
        RetryAfter::Absent
    }
}

impl<T: Retryable + ?Sized> Retryable for &T {
    fn retry_class(&self) -> RetryClass {
        (**self).retry_class()
    }

    fn action(&self) -> &'static str {
        (**self).action()
    }

    fn retry_after(&self) -> RetryAfter {
        (**self).retry_after()
    }
}

/// The retries of one call: counts its attempts, draws the jitter of each from one seed, and
/// decides after each failure. The engine under every retry driver of the crate; a hand-written
/// loop needs nothing else.
///
/// ```
/// use core::time::Duration;
/// use error_taxonomy::recall::classify;
/// use error_taxonomy::retry::{Decision, Jitter, RetryAfter, RetryPolicy, Retries};
///
/// let policy = RetryPolicy { jitter: Jitter::None, ..RetryPolicy::default() };
/// let mut retries = Retries::new(policy, 7);
/// let busy = classify(507, RetryAfter::Absent, b"");
/// assert_eq!(retries.decide(&busy), Decision::Retry(Duration::from_secs(30)));
/// let limited = classify(429, RetryAfter::parse(Some("3"), 0), b"");
/// assert_eq!(retries.decide(&limited), Decision::Retry(Duration::from_secs(3)));
/// assert_eq!(retries.attempts(), 2);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Retries {
    policy: RetryPolicy,
    seed: u64,
    attempts: u32,
}

impl Retries {
    /// No attempt made yet; the jitter of each retry is drawn from `seed`.
    #[must_use]
    pub const fn new(policy: RetryPolicy, seed: u64) -> Self {
        Retries {
            policy,
            seed,
            attempts: 0,
        }
    }

    /// No attempt made yet, seeded from [`entropy`], so that clients do not retry in step.
    #[cfg(feature = "std")]
    #[must_use]
    pub fn seeded(policy: RetryPolicy) -> Self {
        Self::new(policy, entropy())
    }

    /// Counts a failed attempt and decides what to do about `error`.
    pub fn decide(&mut self, error: &impl Retryable) -> Decision {
        self.attempts = self.attempts.saturating_add(1);
        let entropy = step_entropy(self.seed, self.attempts);
        decide_for(error, self.attempts, &self.policy, entropy)
    }

    /// The failed attempts counted so far.
    #[must_use]
    pub const fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The policy.
    #[must_use]
    pub const fn policy(&self) -> &RetryPolicy {
        &self.policy
    }
}

/// Seconds since the Unix epoch, now: the `now` of [`RetryAfter::parse`]. A clock set before
/// 1970 reads 0.
#[cfg(feature = "std")]
#[must_use]
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// Entropy for the jitter: different in each process and at each call (std's randomly keyed
/// hasher, over the time and a counter). Not for cryptography.
#[cfg(feature = "std")]
#[must_use]
pub fn entropy() -> u64 {
    use core::sync::atomic::{AtomicU64, Ordering};
    use std::hash::{BuildHasher, Hasher};

    static CALLS: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u64(CALLS.fetch_add(1, Ordering::Relaxed));
    if let Ok(since) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(since.as_nanos());
    }
    hasher.finish()
}

impl RetryAfter {
    /// Reads a `Retry-After` value at the current time ([`now`]).
    #[cfg(feature = "std")]
    #[must_use]
    pub fn parse_now(value: Option<&str>) -> RetryAfter {
        Self::parse(value, now())
    }
}

#[cfg(feature = "http")]
impl RetryAfter {
    /// Reads the `Retry-After` of a response's headers at `now_unix_secs`: absent when there is
    /// none, ignored as malformed when it is not visible ASCII or when it comes more than once
    /// (which one the server meant is unknown).
    ///
    /// ```
    /// use core::time::Duration;
    /// use error_taxonomy::retry::RetryAfter;
    ///
    /// let mut headers = http::HeaderMap::new();
    /// assert_eq!(RetryAfter::from_headers(&headers, 0), RetryAfter::Absent);
    /// headers.insert("retry-after", http::HeaderValue::from_static("120"));
    /// assert_eq!(RetryAfter::from_headers(&headers, 0), RetryAfter::After(Duration::from_secs(120)));
    /// ```
    #[must_use]
    pub fn from_headers(headers: &::http::HeaderMap, now_unix_secs: u64) -> RetryAfter {
        let mut values = headers.get_all(::http::header::RETRY_AFTER).iter();
        match (values.next(), values.next()) {
            (None, _) => RetryAfter::Absent,
            (Some(value), None) => match value.to_str() {
                Ok(text) => RetryAfter::parse(Some(text), now_unix_secs),
                Err(_) => RetryAfter::Ignored(RetryAfterError::Malformed),
            },
            (Some(_), Some(_)) => RetryAfter::Ignored(RetryAfterError::Malformed),
        }
    }
}

/// Seconds since the Unix epoch (negative before 1970) of an HTTP-date, by RFC 9110 §5.6.7's
/// grammar exactly: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime (`Sun Nov  6 08:49:37 1994`). The date must
/// exist and fall on its weekday; `now` places RFC 850's two-digit years. Wide enough for any
/// year and any `now`: nothing here can overflow.
fn http_date(value: &str, now_unix_secs: u64) -> Option<i128> {
    let b = value.as_bytes();
    let (weekday, date) = if let Some(weekday) = short_weekday(b.get(..3)?) {
        match b.get(3)? {
            // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
            b',' => (weekday, imf_fixdate(b.get(4..)?)?),
            // asctime: `Sun Nov  6 08:49:37 1994`.
            b' ' => (weekday, asctime(b.get(4..)?)?),
            _ => return rfc_850(b, now_unix_secs),
        }
    } else {
        return rfc_850(b, now_unix_secs);
    };
    dated(weekday, date)
}

/// A calendar date and time of day, as written.
struct Written {
    year: i128,
    month: u8,
    day: u8,
    seconds: i128,
}

/// The instant of a written date whose weekday is `weekday` (0 for Sunday).
fn dated(weekday: u8, date: Written) -> Option<i128> {
    let days = days_from_civil(date.year, date.month, date.day)?;
    // 1970-01-01 was a Thursday.
    (days.rem_euclid(7) == i128::from((weekday + 3) % 7)).then_some(days * 86_400 + date.seconds)
}

/// `SP 06 SP Nov SP 1994 SP 08:49:37 SP GMT`.
fn imf_fixdate(b: &[u8]) -> Option<Written> {
    let [
        b' ',
        d1,
        d2,
        b' ',
        m1,
        m2,
        m3,
        b' ',
        y1,
        y2,
        y3,
        y4,
        b' ',
        rest @ ..,
    ] = b
    else {
        return None;
    };
    let (seconds, b" GMT") = time_of_day(rest)? else {
        return None;
    };
    Some(Written {
        year: digits(&[*y1, *y2, *y3, *y4])?,
        month: month(&[*m1, *m2, *m3])?,
        day: u8::try_from(digits(&[*d1, *d2])?).ok()?,
        seconds,
    })
}

/// `Nov SP ( 2DIGIT / SP DIGIT ) SP 08:49:37 SP 1994`.
fn asctime(b: &[u8]) -> Option<Written> {
    let [m1, m2, m3, b' ', d1, d2, b' ', rest @ ..] = b else {
        return None;
    };
    let day = if *d1 == b' ' {
        digits(&[*d2])?
    } else {
        digits(&[*d1, *d2])?
    };
    let (seconds, [b' ', y1, y2, y3, y4]) = time_of_day(rest)? else {
        return None;
    };
    Some(Written {
        year: digits(&[*y1, *y2, *y3, *y4])?,
        month: month(&[*m1, *m2, *m3])?,
        day: u8::try_from(day).ok()?,
        seconds,
    })
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`: a two-digit year more than 50 years ahead of `now` is the
/// most recent past year with the same last two digits (RFC 9110 §5.6.7).
fn rfc_850(b: &[u8], now_unix_secs: u64) -> Option<i128> {
    let comma = b.iter().position(|&c| c == b',')?;
    let weekday = long_weekday(&b[..comma])?;
    let [
        b' ',
        d1,
        d2,
        b'-',
        m1,
        m2,
        m3,
        b'-',
        y1,
        y2,
        b' ',
        rest @ ..,
    ] = &b[comma + 1..]
    else {
        return None;
    };
    let (seconds, b" GMT") = time_of_day(rest)? else {
        return None;
    };
    let now = i128::from(now_unix_secs);
    let this_year = year_of_day(now.div_euclid(86_400));
    let year = this_year - this_year.rem_euclid(100) + digits(&[*y1, *y2])?;
    let (month, day) = (
        month(&[*m1, *m2, *m3])?,
        u8::try_from(digits(&[*d1, *d2])?).ok()?,
    );
    // The instant in the century of `now` or the next: more than 50 years (of 365.2425 days)
    // after `now` means the century before.
    let fifty_years = 50 * 146_097 * 86_400 / 400;
    let mut year = year;
    let instant = |year| days_from_civil(year, month, day).map(|d| d * 86_400 + seconds);
    if instant(year)? > now + fifty_years {
        year -= 100;
    }
    let date = Written {
        year,
        month,
        day,
        seconds,
    };
    dated(weekday, date)
}

/// `08:49:37` and what follows it, as seconds into the day (a leap second `60` allowed).
fn time_of_day(b: &[u8]) -> Option<(i128, &[u8])> {
    let [h1, h2, b':', m1, m2, b':', s1, s2, rest @ ..] = b else {
        return None;
    };
    let (hour, minute, second) = (
        digits(&[*h1, *h2])?,
        digits(&[*m1, *m2])?,
        digits(&[*s1, *s2])?,
    );
    (hour <= 23 && minute <= 59 && second <= 60)
        .then_some((hour * 3_600 + minute * 60 + second, rest))
}

fn digits(b: &[u8]) -> Option<i128> {
    b.iter().try_fold(0, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + i128::from(d - b'0'))
    })
}

const SHORT_WEEKDAYS: [&[u8]; 7] = [b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat"];
const LONG_WEEKDAYS: [&[u8]; 7] = [
    b"Sunday",
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
];

/// The weekday of a name, 0 for Sunday; names are case-sensitive (RFC 9110 §5.6.7).
fn short_weekday(name: &[u8]) -> Option<u8> {
    index_of(&SHORT_WEEKDAYS, name)
}

fn long_weekday(name: &[u8]) -> Option<u8> {
    index_of(&LONG_WEEKDAYS, name)
}

/// The month of a name, 1 for January.
fn month(name: &[u8]) -> Option<u8> {
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    index_of(&MONTHS, name).map(|i| i + 1)
}

/// Where `name` stands in `names`, from 0.
fn index_of(names: &[&[u8]], name: &[u8]) -> Option<u8> {
    names
        .iter()
        .position(|n| *n == name)
        .and_then(|i| u8::try_from(i).ok())
}

/// The proleptic Gregorian year of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn year_of_day(days: i128) -> i128 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400;
    if mp >= 10 { year + 1 } else { year }
}

/// Days since 1970-01-01 of a proleptic Gregorian date, `None` for a date that does not exist
/// (`31 Feb`, `29 Feb` of a common year) (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i128, month: u8, day: u8) -> Option<i128> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let length = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 || day > length {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i128::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i128::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_795_676_400; // Thu, 26 Nov 2026 07:00:00 GMT

    #[test]
    fn http_dates_in_all_three_forms() {
        let date = |value| http_date(value, NOW);
        let expected = Some(784_111_777);
        assert_eq!(date("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
        assert_eq!(date("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
        assert_eq!(date("Sun Nov  6 08:49:37 1994"), expected);
        assert_eq!(date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(date("Thu, 26 Nov 2026 07:00:00 GMT"), Some(i128::from(NOW)));
        assert_eq!(date("Sun, 06 Nov 1994 08:49:37 UTC"), None);
        assert_eq!(date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(date("Sun, 32 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(date("Sun, 06 Nov 1994 25:49:37 GMT"), None);
        assert_eq!(date("Sun, 06 Nov 1994 08:49 GMT"), None);
        assert_eq!(date("Sun, 06 Nov 1994 08:49:37 GMT extra"), None);
        assert_eq!(date("Wed, 01 Jan 1969 00:00:00 GMT"), Some(-365 * 86_400));
        assert_eq!(
            date("Sun, 6 Nov 1994 08:49:37 GMT"),
            None,
            "two digits for the day"
        );
        assert_eq!(date("Sun,  06 Nov 1994 08:49:37 GMT"), None, "one space");
        assert_eq!(
            date("sun, 06 Nov 1994 08:49:37 GMT"),
            None,
            "names are case-sensitive"
        );
        assert_eq!(
            date("Sun, 06 Nov 94 08:49:37 GMT"),
            None,
            "four digits for the year"
        );
        assert_eq!(
            date("Sun Nov 06 08:49:37 1994"),
            expected,
            "asctime's day may be 2DIGIT"
        );
        assert_eq!(
            date("Sunday, 06-Nov-1994 08:49:37 GMT"),
            None,
            "two for RFC 850's"
        );
    }

    #[test]
    fn rfc_850_years_are_at_most_50_years_ahead() {
        let date = |value| http_date(value, NOW);
        assert_eq!(
            date("Thursday, 26-Nov-26 07:00:00 GMT"),
            Some(i128::from(NOW))
        );
        assert_eq!(
            date("Wednesday, 01-Jan-76 00:00:00 GMT"),
            date("Wed, 01 Jan 2076 00:00:00 GMT")
        );
        assert!(date("Wednesday, 01-Jan-76 00:00:00 GMT").is_some());
        assert_eq!(
            date("Saturday, 01-Jan-77 00:00:00 GMT"),
            date("Sat, 01 Jan 1977 00:00:00 GMT")
        );
        assert!(date("Saturday, 01-Jan-77 00:00:00 GMT").is_some());
        // Fifty years are counted in instants: 31 Dec 76 is more than 50 years after 1 Jan 26.
        let jan_2026 = 1_767_225_600; // Thu, 01 Jan 2026 00:00:00 GMT
        assert_eq!(
            http_date("Friday, 31-Dec-76 00:00:00 GMT", jan_2026),
            http_date("Fri, 31 Dec 1976 00:00:00 GMT", jan_2026)
        );
        assert!(http_date("Fri, 31 Dec 1976 00:00:00 GMT", jan_2026).is_some());
        // And 1 Jan 76 is exactly 50 years ahead, not more: 2076.
        assert_eq!(
            http_date("Wednesday, 01-Jan-76 00:00:00 GMT", jan_2026),
            http_date("Wed, 01 Jan 2076 00:00:00 GMT", jan_2026)
        );
        assert!(http_date("Wed, 01 Jan 2076 00:00:00 GMT", jan_2026).is_some());
        assert_eq!(year_of_day(i128::from(NOW) / 86_400), 2026);
        assert_eq!(year_of_day(-1), 1969);
        assert_eq!(year_of_day(0), 1970);
        assert_eq!(year_of_day(365), 1971);
        assert_eq!(year_of_day(10_956), 1999);
        assert_eq!(year_of_day(10_957), 2000);
        assert_eq!(year_of_day(11_016), 2000);
        assert_eq!(year_of_day(11_322), 2000);
        assert_eq!(year_of_day(11_323), 2001);
    }

    #[test]
    fn dates_exist_and_fall_on_their_weekday() {
        let date = |value| http_date(value, NOW);
        assert_eq!(date("Sat, 29 Feb 2020 00:00:00 GMT"), Some(18_321 * 86_400));
        assert_eq!(date("Fri, 29 Feb 2019 00:00:00 GMT"), None);
        assert_eq!(date("Tue, 29 Feb 2000 00:00:00 GMT"), Some(11_016 * 86_400));
        assert_eq!(date("Mon, 29 Feb 2100 00:00:00 GMT"), None);
        assert_eq!(date("Sun, 31 Apr 1994 00:00:00 GMT"), None);
        assert_eq!(
            date("Mon, 06 Nov 1994 08:49:37 GMT"),
            None,
            "6 Nov 1994 was a Sunday"
        );
        assert_eq!(date("Monday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(date("Mon Nov  6 08:49:37 1994"), None);
        // Weekdays far from 1970, on both sides.
        assert!(date("Sat, 01 Jan 2000 00:00:00 GMT").is_some());
        assert!(date("Sat, 01 Jan 1600 00:00:00 GMT").is_some());
        assert!(date("Mon, 01 Jan 0001 00:00:00 GMT").is_some());
        assert!(date("Fri, 31 Dec 9999 23:59:59 GMT").is_some());
        assert!(date("Sat, 01 Jan 0000 00:00:00 GMT").is_some());
        assert!(date("Sun, 01 Jan 1600 00:00:00 GMT").is_none());
    }

    #[test]
    fn draw_stays_within_its_bound() {
        for entropy in [0, 1, u64::MAX, 0xDEAD_BEEF] {
            assert!(draw(entropy, 10) <= 10);
            assert_eq!(draw(entropy, 0), 0);
        }
        let _ = draw(7, u64::MAX);
    }
}
