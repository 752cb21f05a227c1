//! The closed vocabularies that the tables' columns use (billing, retry class, handling group,
//! platform, as `taxonomy/taxonomy.yaml` declares them), and the behaviour around them.

use core::fmt;

pub use crate::generated::vocabularies::*;

impl Billing {
    /// Whether a failure with this billing can be billed at all.
    #[must_use]
    pub const fn may_bill(self) -> bool {
        matches!(self, Billing::RecordedPortion)
    }
}

impl RetryClass {
    /// Whether a client may retry without anyone acting first.
    #[must_use]
    pub const fn is_automatic(self) -> bool {
        !matches!(self, RetryClass::Never | RetryClass::UserAction)
    }
}

/// `Display` (the wire name) and `Serialize` (the wire name) for a vocabulary's enum.
macro_rules! impl_vocabulary_traits {
    ($ty:ty) => {
        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use impl_vocabulary_traits;

impl fmt::Display for Vocabulary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}
