//! The [`Code`] trait that every table implements, the [`UnknownCode`] error, and the trait
//! impls every generated enum gets (`Display`, `FromStr`, strum's traits, serde).

use core::fmt;
use core::hash::Hash;
use core::str::FromStr;

use crate::{AnyCode, Column, Facts, Table, Value};

pub(crate) mod sealed {
    /// Only the crate's generated enums implement [`Code`](super::Code).
    pub trait Sealed {}
}

/// What every code enum of the taxonomy shares, so that generic code (and tests) can walk all
/// tables. Each enum also has the same names as inherent `const fn`s, with exact types; its
/// columns are described by [`COLUMNS`](Code::COLUMNS), and the facts every code answers for come
/// from its supertrait [`Facts`].
///
/// ```
/// use error_taxonomy::{Code, meetbot::FailureCode};
///
/// fn card<C: Code>(code: C) -> String {
///     format!("{} ({}): {}", code, C::TABLE, code.description())
/// }
/// assert!(card(FailureCode::HostDeniedAdmission).starts_with("host_denied_admission"));
/// ```
pub trait Code:
    sealed::Sealed
    + Facts
    + Copy
    + Eq
    + Ord
    + Hash
    + fmt::Debug
    + fmt::Display
    + FromStr<Err = UnknownCode>
    + Send
    + Sync
    + 'static
{
    /// The table this enum is generated from.
    const TABLE: Table;
    /// Every code, in the order of the table's YAML file.
    const ALL: &'static [Self];
    /// The table's columns, in the order of its YAML file.
    const COLUMNS: &'static [Column];

    /// The wire string.
    fn as_str(self) -> &'static str;

    /// What the code means.
    fn description(self) -> &'static str;

    /// The code whose wire string is exactly `code`. The hot path under every parse.
    fn from_bytes(code: &[u8]) -> Option<Self>;

    /// Parses a wire string exactly.
    ///
    /// # Errors
    ///
    /// [`UnknownCode`] when the table has no such code.
    #[inline]
    fn parse(code: &str) -> Result<Self, UnknownCode> {
        Self::from_bytes(code.as_bytes()).ok_or_else(|| UnknownCode::new(Self::TABLE, code))
    }

    /// The code whose wire string is `code` in any ASCII casing.
    fn from_bytes_ignore_ascii_case(code: &[u8]) -> Option<Self>;

    /// Parses a wire string in any ASCII casing, without allocating.
    ///
    /// # Errors
    ///
    /// [`UnknownCode`] when the table has no such code.
    #[inline]
    fn parse_ignore_ascii_case(code: &str) -> Result<Self, UnknownCode> {
        Self::from_bytes_ignore_ascii_case(code.as_bytes())
            .ok_or_else(|| UnknownCode::new(Self::TABLE, code))
    }

    /// The value of the column at `column` in [`COLUMNS`](Code::COLUMNS); `None` where the code
    /// has no value there.
    fn value(self, column: usize) -> Option<Value>;

    /// The note of a retired code: what to use instead. Retired codes still parse.
    fn deprecation(self) -> Option<&'static str> {
        None
    }

    /// Why the code overrides a value it would inherit, where it does.
    fn override_note(self) -> Option<&'static str> {
        None
    }

    /// The inherited columns the code overrides, by name.
    fn overrides(self) -> &'static [&'static str] {
        &[]
    }

    /// This code as a code of any table.
    fn to_any(self) -> AnyCode;
}

/// A wire string that a table does not know.
///
/// Keeps the table and the first bytes of the input (cut at a character boundary), so that it
/// never allocates and stays `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub struct UnknownCode {
    table: Table,
    len: u8,
    truncated: bool,
    kept: [u8; UnknownCode::KEPT],
}

impl UnknownCode {
    /// How many bytes of the input are kept.
    pub const KEPT: usize = 32;

    /// An error for `input`, which `table` does not know.
    #[must_use]
    #[inline]
    pub fn new(table: Table, input: &str) -> Self {
        let bytes = input.as_bytes();
        let mut kept = [0u8; Self::KEPT];
        // A fixed-size copy for long inputs: the common case of a miss, and the cheapest.
        match bytes.first_chunk::<{ Self::KEPT }>() {
            Some(first) => kept = *first,
            None => kept[..bytes.len()].copy_from_slice(bytes),
        }
        let len = crate::bytes::truncate(input, Self::KEPT).len();
        Self {
            table,
            len: len as u8,
            truncated: len < bytes.len(),
            kept,
        }
    }

    /// The table that was asked.
    #[must_use]
    pub const fn table(&self) -> Table {
        self.table
    }

    /// The input, or its first [`KEPT`](Self::KEPT) bytes when it was longer.
    #[must_use]
    pub fn input(&self) -> &str {
        // Cut at a character boundary of a `&str`, so always UTF-8.
        core::str::from_utf8(&self.kept[..usize::from(self.len)]).unwrap_or_default()
    }

    /// Whether [`input`](Self::input) is only the start of a longer input.
    #[must_use]
    pub const fn is_truncated(&self) -> bool {
        self.truncated
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} code {:?}", self.table.name(), self.input())?;
        if self.truncated {
            f.write_str(" (truncated)")?;
        }
        Ok(())
    }
}

impl fmt::Debug for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownCode")
            .field("table", &self.table)
            .field("input", &self.input())
            .field("truncated", &self.truncated)
            .finish()
    }
}

/// Deserializes any code from a string, borrowing nothing and allocating nothing.
#[cfg(feature = "serde")]
pub(crate) struct CodeVisitor<T>(pub(crate) core::marker::PhantomData<T>);

#[cfg(feature = "serde")]
impl<T: Code> serde::de::Visitor<'_> for CodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} code", T::TABLE.name())
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        T::from_bytes(value.as_bytes())
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(value), &self))
    }

    fn visit_bytes<E: serde::de::Error>(self, value: &[u8]) -> Result<T, E> {
        T::from_bytes(value)
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Bytes(value), &self))
    }
}

/// The trait impls that every generated code enum gets, written once here.
macro_rules! impl_code_traits {
    ($ty:ident) => {
        impl $crate::code::sealed::Sealed for $ty {}

        impl ::core::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::core::str::FromStr for $ty {
            type Err = $crate::UnknownCode;

            #[inline]
            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Self::parse(code)
            }
        }

        impl<'a> ::core::convert::TryFrom<&'a str> for $ty {
            type Error = $crate::UnknownCode;

            #[inline]
            fn try_from(code: &'a str) -> Result<Self, Self::Error> {
                Self::parse(code)
            }
        }

        impl ::core::convert::AsRef<str> for $ty {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::convert::From<$ty> for &'static str {
            #[inline]
            fn from(code: $ty) -> Self {
                code.as_str()
            }
        }

        impl ::core::cmp::PartialEq<str> for $ty {
            #[inline]
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::core::cmp::PartialEq<&str> for $ty {
            #[inline]
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::strum::EnumCount for $ty {
            const COUNT: usize = Self::COUNT;
        }

        impl ::strum::VariantArray for $ty {
            const VARIANTS: &'static [Self] = &Self::ALL;
        }

        impl ::strum::VariantNames for $ty {
            const VARIANTS: &'static [&'static str] = &{
                let mut names = [""; Self::COUNT];
                let mut i = 0;
                while i < Self::COUNT {
                    names[i] = Self::ALL[i].as_str();
                    i += 1;
                }
                names
            };
        }

        impl ::strum::IntoEnumIterator for $ty {
            type Iterator = ::core::iter::Copied<::core::slice::Iter<'static, Self>>;

            fn iter() -> Self::Iterator {
                <Self as $crate::Code>::ALL.iter().copied()
            }
        }

        impl ::strum::EnumMessage for $ty {
            fn get_message(&self) -> Option<&'static str> {
                Some(self.description())
            }

            fn get_detailed_message(&self) -> Option<&'static str> {
                <Self as $crate::Facts>::action(*self).into()
            }

            fn get_documentation(&self) -> Option<&'static str> {
                None
            }

            fn get_serializations(&self) -> &'static [&'static str] {
                let names = <Self as ::strum::VariantNames>::VARIANTS;
                match names.get(*self as usize) {
                    Some(name) => ::core::slice::from_ref(name),
                    None => &[],
                }
            }
        }

        /// Any code of the table.
        #[cfg(feature = "proptest")]
        impl ::proptest::arbitrary::Arbitrary for $ty {
            type Parameters = ();
            type Strategy = ::proptest::sample::Select<Self>;

            fn arbitrary_with((): ()) -> Self::Strategy {
                ::proptest::sample::select(<Self as $crate::Code>::ALL)
            }
        }

        /// Any code of the table.
        #[cfg(feature = "arbitrary")]
        impl<'a> ::arbitrary::Arbitrary<'a> for $ty {
            fn arbitrary(u: &mut ::arbitrary::Unstructured<'a>) -> ::arbitrary::Result<Self> {
                u.choose(<Self as $crate::Code>::ALL).copied()
            }
        }

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for $ty {
            fn schema_name() -> ::alloc::borrow::Cow<'static, str> {
                ::alloc::borrow::Cow::Borrowed(<Self as $crate::Code>::TABLE.type_name())
            }

            fn schema_id() -> ::alloc::borrow::Cow<'static, str> {
                ::alloc::borrow::Cow::Borrowed(concat!(module_path!(), "::", stringify!($ty)))
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                $crate::schema::code_schema::<Self>()
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::code::CodeVisitor(::core::marker::PhantomData))
            }
        }
    };
}
pub(crate) use impl_code_traits;
