//! Open code sets: at a wire boundary a code is [`Open::Known`] or [`Open::Unknown`], and an
//! unknown one keeps its raw string, so that a code a server adds tomorrow never turns a
//! payload into a parse error.

use alloc::borrow::Cow;
use core::fmt;
use core::marker::PhantomData;

use crate::Code;

/// A code that a table may or may not know.
///
/// The raw string of an unknown code is borrowed from the input where it can be; a known code
/// costs nothing beyond its byte. Either way it serializes back to the same string. An `Open` is
/// [`Known`](Open::Known) exactly when its string is a code of the table: only this crate makes
/// an [`Unknown`], after looking the string up, so no `Unknown("lobby_timeout")` can exist for
/// the table that knows `lobby_timeout`.
///
/// ```
/// use error_taxonomy::{Open, recall::SubCode};
///
/// let known: Open<SubCode> = Open::new("bot_kicked_from_call");
/// assert_eq!(known, Open::Known(SubCode::BotKickedFromCall));
/// let unknown: Open<SubCode> = Open::new("zoom_new_failure");
/// assert_eq!(unknown.as_str(), "zoom_new_failure");
/// assert!(matches!(&unknown, Open::Unknown(raw) if raw == "zoom_new_failure"));
/// assert!(unknown.known().is_none());
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Open<'a, T> {
    /// A code of the table.
    Known(T),
    /// A string the table does not know, kept exactly as it came.
    Unknown(Unknown<'a, T>),
}

/// A string that is no code of the table `T`, kept exactly as it came: borrowed from the input
/// where it could be. It reads as a `str` (`Deref`, `AsRef`, `==` with a `str`).
pub struct Unknown<'a, T> {
    raw: Cow<'a, str>,
    table: PhantomData<fn() -> T>,
}

impl<'a, T> Unknown<'a, T> {
    /// The string, as it came.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Whether the string is borrowed from the input (it had no escapes), not a copy.
    #[must_use]
    pub fn is_borrowed(&self) -> bool {
        matches!(self.raw, Cow::Borrowed(_))
    }

    /// The string as it came: borrowed from the input, or owned when it had to be unescaped.
    #[must_use]
    pub fn into_cow(self) -> Cow<'a, str> {
        self.raw
    }

    /// The same string, owned.
    #[must_use]
    pub fn into_owned(self) -> Unknown<'static, T> {
        Unknown {
            raw: Cow::Owned(self.raw.into_owned()),
            table: PhantomData,
        }
    }

    fn reborrow(&self) -> Unknown<'_, T> {
        Unknown {
            raw: Cow::Borrowed(&self.raw),
            table: PhantomData,
        }
    }
}

impl<T> Clone for Unknown<'_, T> {
    fn clone(&self) -> Self {
        Unknown {
            raw: self.raw.clone(),
            table: PhantomData,
        }
    }
}

impl<T> PartialEq for Unknown<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl<T> Eq for Unknown<'_, T> {}

impl<T> PartialOrd for Unknown<'_, T> {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Unknown<'_, T> {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.raw.cmp(&other.raw)
    }
}

impl<T> core::hash::Hash for Unknown<'_, T> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.raw.hash(state);
    }
}

impl<T> fmt::Debug for Unknown<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.raw, f)
    }
}

impl<T> fmt::Display for Unknown<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.raw)
    }
}

impl<T> core::ops::Deref for Unknown<'_, T> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.raw
    }
}

impl<T> AsRef<str> for Unknown<'_, T> {
    fn as_ref(&self) -> &str {
        &self.raw
    }
}

impl<T> PartialEq<str> for Unknown<'_, T> {
    fn eq(&self, other: &str) -> bool {
        *self.raw == *other
    }
}

impl<T> PartialEq<&str> for Unknown<'_, T> {
    fn eq(&self, other: &&str) -> bool {
        *self.raw == **other
    }
}

impl<'a, T: Code> Open<'a, T> {
    /// The code `raw` names, borrowing `raw` when the table does not know it.
    #[must_use]
    pub fn new(raw: &'a str) -> Self {
        Self::from_cow(Cow::Borrowed(raw))
    }

    /// The code `raw` names, keeping `raw` as it is when the table does not know it.
    #[must_use]
    pub fn from_cow(raw: Cow<'a, str>) -> Self {
        match T::from_bytes(raw.as_bytes()) {
            Some(code) => Open::Known(code),
            None => Open::Unknown(Unknown {
                raw,
                table: PhantomData,
            }),
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
            Open::Unknown(raw) => Open::Unknown(raw.reborrow()),
        }
    }

    /// The same code, owning its raw string.
    #[must_use]
    pub fn into_owned(self) -> Open<'static, T> {
        match self {
            Open::Known(code) => Open::Known(code),
            Open::Unknown(raw) => Open::Unknown(raw.into_owned()),
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
                    None => Open::Unknown(Unknown {
                        raw: Cow::Owned(alloc::string::String::from(value)),
                        table: PhantomData,
                    }),
                })
            }

            fn visit_string<E>(self, value: alloc::string::String) -> Result<Open<'de, T>, E> {
                Ok(Open::from_cow(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(Visitor(core::marker::PhantomData))
    }
}
