//! Open code sets: at a wire boundary a code is [`Open::Known`] or [`Open::Unknown`], and an
//! unknown one keeps its raw string, so that a code a server adds tomorrow never turns a
//! payload into a parse error.

use alloc::borrow::Cow;
use core::fmt;

use crate::Code;

/// A code that a table may or may not know.
///
/// The raw string of an unknown code is borrowed from the input where it can be; a known code
/// costs nothing beyond its byte. Either way it serializes back to the same string.
///
/// ```
/// use error_taxonomy::{Open, recall::SubCode};
///
/// let known: Open<SubCode> = Open::new("bot_kicked_from_call");
/// assert_eq!(known, Open::Known(SubCode::BotKickedFromCall));
/// let unknown: Open<SubCode> = Open::new("zoom_new_failure");
/// assert_eq!(unknown.as_str(), "zoom_new_failure");
/// assert!(unknown.known().is_none());
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Open<'a, T> {
    /// A code of the table.
    Known(T),
    /// A string the table does not know, kept exactly as it came.
    Unknown(Cow<'a, str>),
}

impl<'a, T: Code> Open<'a, T> {
    /// The code `raw` names, borrowing `raw` when the table does not know it.
    #[must_use]
    pub fn new(raw: &'a str) -> Self {
        match T::from_bytes(raw.as_bytes()) {
            Some(code) => Open::Known(code),
            None => Open::Unknown(Cow::Borrowed(raw)),
        }
    }

    /// The code `raw` names, keeping `raw` as it is when the table does not know it.
    #[must_use]
    pub fn from_cow(raw: Cow<'a, str>) -> Self {
        match T::from_bytes(raw.as_bytes()) {
            Some(code) => Open::Known(code),
            None => Open::Unknown(raw),
        }
    }

    /// The wire string, known or not.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Open::Known(code) => code.as_str(),
            Open::Unknown(raw) => raw,
        }
    }

    /// The known code, if it is one.
    #[must_use]
    pub fn known(&self) -> Option<T> {
        match self {
            Open::Known(code) => Some(*code),
            Open::Unknown(_) => None,
        }
    }

    /// Whether the table knows the code.
    #[must_use]
    pub fn is_known(&self) -> bool {
        matches!(self, Open::Known(_))
    }

    /// The same code, borrowing from `self` instead of the input.
    #[must_use]
    pub fn reborrow(&self) -> Open<'_, T> {
        match self {
            Open::Known(code) => Open::Known(*code),
            Open::Unknown(raw) => Open::Unknown(Cow::Borrowed(raw)),
        }
    }

    /// The same code, owning its raw string.
    #[must_use]
    pub fn into_owned(self) -> Open<'static, T> {
        match self {
            Open::Known(code) => Open::Known(code),
            Open::Unknown(raw) => Open::Unknown(Cow::Owned(raw.into_owned())),
        }
    }
}

impl<T: Code> From<T> for Open<'_, T> {
    fn from(code: T) -> Self {
        Open::Known(code)
    }
}

impl<T: Code> PartialEq<T> for Open<'_, T> {
    fn eq(&self, other: &T) -> bool {
        self.known() == Some(*other)
    }
}

impl<T: Code> fmt::Display for Open<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<T: Code> serde::Serialize for Open<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de: 'a, 'a, T: Code> serde::Deserialize<'de> for Open<'a, T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(core::marker::PhantomData<T>);

        impl<'de, T: Code> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Open<'de, T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a {} code (a string)", T::TABLE.name())
            }

            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Open<'de, T>, E> {
                Ok(Open::new(value))
            }

            fn visit_str<E>(self, value: &str) -> Result<Open<'de, T>, E> {
                // Escaped text cannot be borrowed: only an unknown code needs its own copy.
                Ok(match T::from_bytes(value.as_bytes()) {
                    Some(code) => Open::Known(code),
                    None => Open::Unknown(Cow::Owned(alloc::string::String::from(value))),
                })
            }

            fn visit_string<E>(self, value: alloc::string::String) -> Result<Open<'de, T>, E> {
                Ok(Open::from_cow(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(Visitor(core::marker::PhantomData))
    }
}
