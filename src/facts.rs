//! The closed vocabularies that the tables' columns use: billing, retry class, handling group and
//! platform. Their variants match the generator's model one for one.

use core::fmt;

/// Whether a failed job is billed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum Billing {
    /// The failure produced nothing worth charging for.
    NotBilled,
    /// The recorded portion is billed (when at least 60 s were recorded), and its manifest is
    /// uploaded.
    RecordedPortion,
}

impl Billing {
    /// The wire name: `not_billed` or `recorded_portion`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Billing::NotBilled => "not_billed",
            Billing::RecordedPortion => "recorded_portion",
        }
    }

    /// Whether a failure with this billing can be billed at all.
    #[must_use]
    pub const fn may_bill(self) -> bool {
        matches!(self, Billing::RecordedPortion)
    }
}

/// How a client retries after a code. The code decides, not the HTTP status: Recall.ai's 409
/// is retried with backoff, the hiring API's 409s are not.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum RetryClass {
    /// Retrying cannot help.
    Never,
    /// Retry with exponential backoff.
    Backoff,
    /// Retry once, then give up.
    Once,
    /// Retry after a fixed delay.
    Delay {
        /// The delay, in seconds.
        secs: u32,
    },
    /// Retry after the server's `Retry-After` header.
    RetryAfter {
        /// The delay when the header is absent, in seconds; `None` falls back to backoff.
        fallback_secs: Option<u32>,
    },
    /// Retry only after someone acts (the code's action says what).
    UserAction,
}

impl RetryClass {
    /// The wire name: `never`, `backoff`, `once`, `delay`, `retry_after` or `user_action`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            RetryClass::Never => "never",
            RetryClass::Backoff => "backoff",
            RetryClass::Once => "once",
            RetryClass::Delay { .. } => "delay",
            RetryClass::RetryAfter { .. } => "retry_after",
            RetryClass::UserAction => "user_action",
        }
    }

    /// The fixed delay of `Delay`, or the fallback of `RetryAfter`, in seconds.
    #[must_use]
    pub const fn delay_secs(self) -> Option<u32> {
        match self {
            RetryClass::Delay { secs } => Some(secs),
            RetryClass::RetryAfter { fallback_secs } => fallback_secs,
            _ => None,
        }
    }

    /// Whether a client may retry without anyone acting first.
    #[must_use]
    pub const fn is_automatic(self) -> bool {
        !matches!(self, RetryClass::Never | RetryClass::UserAction)
    }
}

/// The action group of a meetbot failure: the branches of the "branch on code" handler.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum Handling {
    /// User-facing: do not retry, tell the user.
    NotifyUser,
    /// Transient: retry with a delay.
    RetryLater,
    /// Account-level: page on-call.
    PageOnCall,
    /// Our problem: log, acknowledge, move on.
    Log,
    /// The recording is partial or final: treat it like a finalized job.
    TreatAsFinalized,
}

impl Handling {
    /// The wire name, e.g. `notify_user`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Handling::NotifyUser => "notify_user",
            Handling::RetryLater => "retry_later",
            Handling::PageOnCall => "page_on_call",
            Handling::Log => "log",
            Handling::TreatAsFinalized => "treat_as_finalized",
        }
    }
}

/// A meeting platform that a Recall.ai code is about.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum Platform {
    /// Every platform (the code has no platform prefix).
    All,
    /// Zoom (`zoom_` codes).
    Zoom,
    /// Google Meet (`google_meet_` codes).
    GoogleMeet,
    /// Microsoft Teams (`microsoft_teams_` codes).
    MicrosoftTeams,
    /// Webex (`webex_` codes).
    Webex,
}

impl Platform {
    /// Every platform.
    pub const ALL: [Platform; 5] = [
        Platform::All,
        Platform::Zoom,
        Platform::GoogleMeet,
        Platform::MicrosoftTeams,
        Platform::Webex,
    ];

    /// The wire name, e.g. `google_meet`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Platform::All => "all",
            Platform::Zoom => "zoom",
            Platform::GoogleMeet => "google_meet",
            Platform::MicrosoftTeams => "microsoft_teams",
            Platform::Webex => "webex",
        }
    }

    /// The prefix that Recall.ai gives this platform's codes; `None` for [`Platform::All`].
    #[must_use]
    pub const fn prefix(self) -> Option<&'static str> {
        match self {
            Platform::All => None,
            Platform::Zoom => Some("zoom_"),
            Platform::GoogleMeet => Some("google_meet_"),
            Platform::MicrosoftTeams => Some("microsoft_teams_"),
            Platform::Webex => Some("webex_"),
        }
    }

    /// The platform a code is about, by Recall.ai's prefix rule; this also places codes that no
    /// table knows yet.
    #[must_use]
    pub fn of_code(code: &str) -> Platform {
        Platform::ALL
            .into_iter()
            .find(|p| p.prefix().is_some_and(|prefix| code.starts_with(prefix)))
            .unwrap_or(Platform::All)
    }
}

macro_rules! display_as_str {
    ($($ty:ty),*) => {$(
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(Billing, RetryClass, Handling, Platform);
