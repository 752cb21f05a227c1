//! Recall.ai's API: its HTTP statuses, the `code` and `detail` of its error bodies, bot status
//! codes and their sub-codes, and bot log codes; and, with the `serde` feature, the decoding of
//! its error responses and bot status webhooks.
//!
//! Recall.ai adds codes without notice: every enum here is `#[non_exhaustive]`, and every wire
//! position holds an [`Open`](crate::Open) code that keeps a string it does not know.
#![doc = include_str!("../generated/recall.md")]

use crate::meetbot::FailureCode;
use crate::{Billing, Handling, MappedBy, Placed, Platform, RetryClass};

pub use crate::generated::recall::*;

#[cfg(feature = "serde")]
pub(crate) mod error;
#[cfg(feature = "serde")]
mod history;
#[cfg(feature = "schemars")]
mod schema;
#[cfg(feature = "serde")]
pub(crate) mod webhook;
#[cfg(feature = "http")]
pub use error::{CallError, check, classify_http, classify_parts, may_repeat};
#[cfg(feature = "serde")]
pub use error::{ErrorBody, RecallError, classify};
#[cfg(feature = "serde")]
pub use history::{
    Billed, BillingNote, Change, Denial, Explained, History, LogEntry, Note, Span, Verdict,
    rfc3339_micros,
};
#[cfg(feature = "serde")]
pub use webhook::{Shape, StatusChange, StatusWebhook};

impl ErrorCause {
    /// The cause whose `detail` text `detail` is, or contains (in any ASCII casing): servers
    /// add punctuation and advice around the same sentence.
    ///
    /// ```
    /// use error_taxonomy::recall::ErrorCause;
    ///
    /// let detail = "Not enough time to launch new bot. Use an ad-hoc bot instead.";
    /// assert_eq!(ErrorCause::find(detail), Some(ErrorCause::NotEnoughTimeToLaunchNewBot));
    /// ```
    #[must_use]
    pub fn find(detail: &str) -> Option<ErrorCause> {
        ErrorCause::from_message(detail).or_else(|| {
            ErrorCause::ALL.into_iter().find(|cause| {
                crate::bytes::contains_ignore_ascii_case(
                    detail.as_bytes(),
                    cause.message().as_bytes(),
                )
            })
        })
    }
}

impl SubCode {
    /// The platform of a sub-code string, known or not, by Recall.ai's prefix rule.
    #[must_use]
    pub fn platform_of(raw: &str) -> Platform {
        SubCode::parse(raw).map_or_else(|_| Platform::of_code(raw), SubCode::platform)
    }
}

/// What a status change means for the job.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Outcome {
    /// The bot may go on: the status is not final (`recording_permission_denied` among them),
    /// so nothing is retried and nobody is told of a failure yet.
    Running,
    /// The bot's time in the call is over, without a failure (`done`, `recording_done`, ...).
    Ended,
    /// The job failed: the failure code, and what to act on.
    Failed(Advice),
    /// A status this crate does not know: no answer.
    Unknown,
}

impl Outcome {
    /// The wire name: `running`, `ended`, `failed` or `unknown`.
    #[must_use]
    pub const fn as_str(&self) -> &'static str {
        match self {
            Outcome::Running => "running",
            Outcome::Ended => "ended",
            Outcome::Failed(_) => "failed",
            Outcome::Unknown => "unknown",
        }
    }

    /// The advice of a failure.
    #[must_use]
    pub const fn advice(&self) -> Option<&Advice> {
        match self {
            Outcome::Failed(advice) => Some(advice),
            _ => None,
        }
    }
}

/// The wire name (`failed`, ...); a failure's advice is given apart.
#[cfg(feature = "serde")]
impl serde::Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What a failed job tells the integrator: the failure code (whose billing says whether anything
/// recorded is billed), whether and when a retry can help, who must act, and how it was reached.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Advice {
    /// The meetbot failure code.
    pub failure_code: FailureCode,
    /// How to retry: the failure code's class, unless the sub-code overrides it.
    pub retry: RetryClass,
    /// Who must act: the failure code's group, unless the sub-code overrides it.
    pub handling: Handling,
    /// How the failure code was reached.
    pub mapped_by: MappedBy,
}

impl Advice {
    /// Whether a job that failed so is billed for what it recorded.
    #[must_use]
    pub const fn billing(&self) -> Billing {
        self.failure_code.billing()
    }

    fn of_row(row: SubCode, mapped_by: MappedBy) -> Self {
        Advice {
            failure_code: row.failure_code(),
            retry: row.retry(),
            handling: row.handling(),
            mapped_by,
        }
    }
}

/// What a status change means, from its status and sub-code, known or not:
///
/// - a status that is not final ([`BotStatus::is_terminal`]) is [`Outcome::Running`], and one
///   that is final and carries no sub-code ([`BotStatus::has_sub_code`]) is [`Outcome::Ended`];
/// - a known sub-code gives its row's failure code, retry class and handling group
///   ([`MappedBy::Row`]);
/// - a sub-code no row knows, or none at all, is placed by the rules of
///   `taxonomy/recall/sub_codes.yaml` ([`SubCode::place_unknown`]): the row of the code without
///   its platform prefix, then word cues, then the default of the status
///   ([`SubCode::UNKNOWN_RULES`] says each, and why).
///
/// ```
/// use error_taxonomy::MappedBy;
/// use error_taxonomy::meetbot::FailureCode;
/// use error_taxonomy::recall::{BotStatus, Outcome, outcome};
///
/// let kicked = outcome(Some(BotStatus::CallEnded), Some("bot_kicked_from_call"));
/// let advice = kicked.advice().expect("a failure");
/// assert_eq!(advice.failure_code, FailureCode::RemovedFromMeeting);
/// assert_eq!(advice.mapped_by, MappedBy::Row);
///
/// let prefixed = outcome(Some(BotStatus::Fatal), Some("zoom_meeting_password_incorrect"));
/// assert_eq!(prefixed.advice().map(|a| a.failure_code), Some(FailureCode::MeetingNotFound));
///
/// let refused = outcome(Some(BotStatus::CallEnded), Some("bot_removed_from_waiting_room"));
/// assert_eq!(refused.advice().map(|a| a.failure_code), Some(FailureCode::HostDeniedAdmission));
///
/// assert_eq!(outcome(Some(BotStatus::RecordingPermissionDenied), Some("zoom_host_not_present")), Outcome::Running);
/// assert_eq!(outcome(Some(BotStatus::Done), None), Outcome::Ended);
/// ```
#[must_use]
pub fn outcome(status: Option<BotStatus>, sub_code: Option<&str>) -> Outcome {
    let Some(status) = status else {
        return Outcome::Unknown;
    };
    if !status.is_terminal() {
        return Outcome::Running;
    }
    if !status.has_sub_code() {
        return Outcome::Ended;
    }
    let raw = sub_code.unwrap_or_default();
    if let Ok(row) = SubCode::parse(raw) {
        return Outcome::Failed(Advice::of_row(row, MappedBy::Row));
    }
    match SubCode::place_unknown(raw, Some(status)) {
        Some(placed @ Placed::Row { row, .. }) => {
            Outcome::Failed(Advice::of_row(row, MappedBy::of_placed(&placed)))
        }
        Some(Placed::Named {
            code: code @ crate::AnyCode::RecallSubCode(row),
            ..
        }) => Outcome::Failed(Advice::of_row(row, MappedBy::Named(code))),
        Some(placed @ (Placed::Value { value, .. } | Placed::Named { value, .. })) => {
            Outcome::Failed(Advice {
                failure_code: value,
                retry: value.retry(),
                handling: value.handling(),
                mapped_by: MappedBy::of_placed(&placed),
            })
        }
        None => Outcome::Unknown,
    }
}

/// The meetbot failure code of a status change: the failure code of its [`outcome`], `None`
/// when it is not a failure.
///
/// ```
/// use error_taxonomy::meetbot::FailureCode;
/// use error_taxonomy::recall::{BotStatus, failure_code_for};
///
/// let unknown = failure_code_for(Some(BotStatus::Fatal), Some("zoom_new_sign_in_wall"));
/// assert_eq!(unknown, Some(FailureCode::AuthFailure));
/// assert_eq!(failure_code_for(Some(BotStatus::Done), None), None);
/// ```
#[must_use]
pub fn failure_code_for(status: Option<BotStatus>, sub_code: Option<&str>) -> Option<FailureCode> {
    outcome(status, sub_code).advice().map(|a| a.failure_code)
}
