//! Recall.ai's API: its HTTP statuses, the `code` and `detail` of its error bodies, bot status
//! codes and their sub-codes, and bot log codes; and, with the `serde` feature, the decoding of
//! its error responses and bot status webhooks.
//!
//! Recall.ai adds codes without notice: every enum here is `#[non_exhaustive]`, and every wire
//! position holds an [`Open`](crate::Open) code that keeps a string it does not know.
#![doc = include_str!(concat!(env!("ERROR_TAXONOMY_GENERATED"), "/recall.md"))]

use crate::Platform;
use crate::meetbot::FailureCode;

#[allow(deprecated)]
mod generated {
    include!(concat!(env!("ERROR_TAXONOMY_GENERATED"), "/recall.rs"));
}
pub use generated::*;

#[cfg(feature = "serde")]
mod error;
#[cfg(feature = "serde")]
mod webhook;
#[cfg(feature = "serde")]
pub use error::{ErrorBody, RecallError, classify};
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

/// The meetbot failure code for a status change: the cross-walk of the YAML for a known
/// sub-code, and for an unknown or missing one a fallback by status and by the words of the
/// sub-code, so that every `fatal`, `call_ended` and `recording_permission_denied` change maps
/// to a code. Other statuses are not failures: `None`.
///
/// The fallback, for a sub-code this crate does not know (its platform prefix aside):
///
/// | the sub-code names | failure code |
/// |---|---|
/// | `sign_in`, `login`, `credentials`, `captcha`, `token`, `oauth`, `2fa`, `signature` | `auth_failure` |
/// | `kicked`, `removed` | `removed_from_meeting` |
/// | `waiting_room`, `lobby` | `lobby_timeout` |
/// | `not_found`, `invalid`, `expired` | `meeting_not_found` |
/// | anything else, with status `fatal` | `internal_error` |
/// | anything else, with status `call_ended` | `meeting_ended` |
/// | anything else, with status `recording_permission_denied` | `recording_disabled` |
///
/// ```
/// use error_taxonomy::meetbot::FailureCode;
/// use error_taxonomy::recall::{BotStatus, SubCode, failure_code_for};
///
/// let kicked = failure_code_for(Some(BotStatus::CallEnded), Some("bot_kicked_from_call"));
/// assert_eq!(kicked, Some(FailureCode::RemovedFromMeeting));
/// let unknown = failure_code_for(Some(BotStatus::Fatal), Some("zoom_new_sign_in_wall"));
/// assert_eq!(unknown, Some(FailureCode::AuthFailure));
/// assert_eq!(failure_code_for(Some(BotStatus::Done), None), None);
/// ```
#[must_use]
pub fn failure_code_for(status: Option<BotStatus>, sub_code: Option<&str>) -> Option<FailureCode> {
    let default = match status? {
        BotStatus::Fatal => FailureCode::InternalError,
        BotStatus::CallEnded => FailureCode::MeetingEnded,
        BotStatus::RecordingPermissionDenied => FailureCode::RecordingDisabled,
        _ => return None,
    };
    let Some(raw) = sub_code else {
        return Some(default);
    };
    if let Ok(known) = SubCode::parse(raw) {
        return Some(known.failure_code());
    }
    const WORDS: [(&[&str], FailureCode); 4] = [
        (
            &[
                "sign_in",
                "login",
                "credentials",
                "captcha",
                "token",
                "oauth",
                "2fa",
                "signature",
            ],
            FailureCode::AuthFailure,
        ),
        (&["kicked", "removed"], FailureCode::RemovedFromMeeting),
        (&["waiting_room", "lobby"], FailureCode::LobbyTimeout),
        (
            &["not_found", "invalid", "expired"],
            FailureCode::MeetingNotFound,
        ),
    ];
    let rest = Platform::of_code(raw)
        .prefix()
        .and_then(|p| raw.strip_prefix(p))
        .unwrap_or(raw);
    let code = WORDS
        .iter()
        .find(|(words, _)| {
            words
                .iter()
                .any(|word| crate::words::contains_words(rest.as_bytes(), word.as_bytes()))
        })
        .map_or(default, |(_, code)| *code);
    Some(code)
}
