//! meetbot's job failure codes, carried by `job.failed` webhooks: billing, retry class,
//! recommended action and handling group of each, the billing rule, and the mapping of v1's
//! free-text `failure_reason` to a code.
#![doc = include_str!("../generated/meetbot.md")]

use core::time::Duration;

pub use crate::generated::meetbot::*;

#[cfg(feature = "schemars")]
mod schema;
#[cfg(feature = "serde")]
pub(crate) mod webhook;
#[cfg(feature = "serde")]
mod wire;
#[cfg(feature = "serde")]
pub use webhook::{
    Billed, Delivery, EncodeError, Failure, JobFailed, JobFailedData, JobFailedEvent,
    VERSION_HEADER, Version,
};

#[cfg(feature = "alloc")]
impl crate::Open<'_, FailureCode> {
    /// Who must act: the code's group, or [`FailureCode::UNKNOWN_HANDLING`] (the cautious one)
    /// for a code this crate does not know.
    ///
    /// ```
    /// use error_taxonomy::{Handling, Open, meetbot::FailureCode};
    ///
    /// assert_eq!(Open::Known(FailureCode::LobbyTimeout).handling(), Handling::RetryLater);
    /// assert_eq!(Open::<FailureCode>::new("bot_teleported").handling(), FailureCode::UNKNOWN_HANDLING);
    /// ```
    #[must_use]
    pub fn handling(&self) -> crate::Handling {
        self.known()
            .map_or(FailureCode::UNKNOWN_HANDLING, FailureCode::handling)
    }

    /// How to retry: the code's class, or [`FailureCode::UNKNOWN_RETRY`] for a code this crate
    /// does not know.
    #[must_use]
    pub fn retry(&self) -> crate::RetryClass {
        self.known()
            .map_or(FailureCode::UNKNOWN_RETRY, FailureCode::retry)
    }
}

/// The least recording that is billed: a failure with less is never billed.
pub const MIN_BILLED_RECORDING: Duration = Duration::from_secs(60);

impl FailureCode {
    /// Whether a job that failed with this code after recording `recorded` is billed: only the
    /// codes billed for the recorded portion, and only when at least
    /// [`MIN_BILLED_RECORDING`] was recorded.
    ///
    /// ```
    /// use core::time::Duration;
    /// use error_taxonomy::meetbot::FailureCode;
    ///
    /// assert!(FailureCode::NetworkLoss.is_billed(Duration::from_secs(60)));
    /// assert!(!FailureCode::NetworkLoss.is_billed(Duration::from_secs(59)));
    /// assert!(!FailureCode::HostDeniedAdmission.is_billed(Duration::from_secs(3600)));
    /// ```
    #[must_use]
    pub const fn is_billed(self, recorded: Duration) -> bool {
        self.billing().may_bill() && recorded.as_secs() >= MIN_BILLED_RECORDING.as_secs()
    }

    /// Whether the partial manifest is uploaded: exactly when the failure is billed.
    #[must_use]
    pub const fn uploads_manifest(self, recorded: Duration) -> bool {
        self.is_billed(recorded)
    }

    /// The code for a v1 envelope's free-text `failure_reason`, by the phrases and cues of the
    /// table's `free_text` reader (see [`read_text`](Self::read_text), which also says how the
    /// code was reached). `None` when nothing matches: no guess. Never allocates.
    ///
    /// ```
    /// use error_taxonomy::meetbot::FailureCode;
    ///
    /// let reason = "host clicked 'Deny' after 47s in waiting room";
    /// assert_eq!(FailureCode::from_legacy_reason(reason), Some(FailureCode::HostDeniedAdmission));
    /// assert_eq!(FailureCode::from_legacy_reason("Recording request refused by host"), Some(FailureCode::RecordingDisabled));
    /// assert_eq!(FailureCode::from_legacy_reason("all good"), None);
    /// ```
    #[must_use]
    pub fn from_legacy_reason(reason: &str) -> Option<FailureCode> {
        FailureCode::read_text(reason).code
    }
}
