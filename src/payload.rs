//! The payloads the crate decodes, behind one trait: what the `axum` extractor, the proptest
//! strategies, the schema bundle, the command-line tool and the fuzz targets iterate over.
//!
//! A payload type is one file: the type, its decoder (the `Deserialize` of the crate's one
//! serde_json pass, with the list of members it reads), and its `impl Payload` (for a JSON
//! payload, one line of the crate's `impl_payload!`). It joins every consumer by one line in the
//! list behind [`each`], which names the type and its members: the paths of those it may name
//! unreadable join [`Unreadable::PATHS`] from there.
//!
//! ```
//! use error_taxonomy::payload::{self, Payload, Visit};
//!
//! // What a body is: the first payload that reads it, by name.
//! struct Names(Vec<&'static str>);
//!
//! impl Visit for Names {
//!     fn visit<P: Payload>(&mut self) {
//!         self.0.push(P::NAME);
//!     }
//! }
//!
//! let mut names = Names(Vec::new());
//! payload::each(&mut names);
//! assert!(names.0.contains(&"meetbot job.failed webhook"));
//! ```

use core::fmt;

use crate::{DecodeError, Unreadable};

/// A wire payload the crate decodes: implemented on the owned form (`JobFailed<'static>`), with
/// the form that borrows from a body as [`Payload::Borrowed`].
///
/// Sealed: the set of payloads is the crate's, listed in [`each`]. With the feature `schemars`
/// every payload is also `JsonSchema` (its schema is the one the bundle publishes); with
/// `proptest` it has a strategy of the bodies a server may send.
pub trait Payload: sealed::Sealed + Sized + Clone + PartialEq + fmt::Debug + 'static {
    /// The payload borrowing from the body it was read from (`JobFailed<'a>`). Its `Serialize`
    /// writes what its `Deserialize` reads back as itself. For a JSON payload, `Deserialize` is
    /// [`decode`]'s own pass, and `Serialize` writes the wire form; an error response body,
    /// which may be any bytes, is written as it was read.
    ///
    /// [`decode`]: Payload::decode
    type Borrowed<'a>: serde::Serialize + serde::Deserialize<'a> + Clone + PartialEq + fmt::Debug;

    /// What the payload is, for people: `meetbot job.failed webhook`.
    const NAME: &'static str;

    /// Decodes a body, borrowing its text where it has no escapes.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not this payload.
    fn decode(body: &[u8]) -> Result<Self::Borrowed<'_>, DecodeError>;

    /// The same payload, owning what it borrowed.
    fn into_owned(payload: Self::Borrowed<'_>) -> Self;

    /// The parts of a decoded payload that were there but could not be read.
    fn unreadable(payload: &Self::Borrowed<'_>) -> Unreadable;

    /// The bodies a server may send, unknown codes and odd text included: each decodes whole
    /// (nothing [`unreadable`](Payload::unreadable)).
    #[cfg(feature = "proptest")]
    #[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
    fn bodies() -> ::proptest::strategy::BoxedStrategy<alloc::vec::Vec<u8>>;
}

/// What goes through every payload type: [`each`] calls [`Visit::visit`] once per type.
pub trait Visit {
    /// Called with one payload type.
    fn visit<P: Payload>(&mut self);
}

/// The payload types, each with the members its decoder reads: [`each`] and the member lists
/// behind [`Unreadable::PATHS`].
macro_rules! payloads {
    ($($payload:ty => $members:path),* $(,)?) => {
        /// Visits every payload type, in the order a reader that does not know which one it
        /// holds tries them: webhooks first (each refuses a body whose `event` is not its own),
        /// then the bodies of error responses. Adding a payload is one line of the list behind
        /// it.
        pub fn each<V: Visit + ?Sized>(visitor: &mut V) {
            $(visitor.visit::<$payload>();)*
        }

        /// The members each payload's decoder reads, in the order of [`each`].
        pub(crate) const LISTS: &[&[crate::decode::Member]] = &[$($members.list),*];
    };
}

payloads! {
    crate::meetbot::JobFailed<'static> => crate::meetbot::webhook::MEMBERS,
    crate::recall::StatusWebhook<'static> => crate::recall::webhook::MEMBERS,
    crate::recall::StatusChange<'static> => crate::recall::webhook::ALONE,
    crate::hiring::Problem<'static> => crate::hiring::problem::MEMBERS,
    crate::recall::ErrorBody<'static> => crate::recall::error::MEMBERS,
}

/// `impl Payload` for a JSON payload `$ty<'a>` decoded by its `from_json`, whose unreadable parts
/// are its `unreadable` field, named `$name`, with the proptest strategy `$bodies`.
macro_rules! impl_payload {
    ($ty:ident, $name:literal, $bodies:path) => {
        impl $crate::payload::Payload for $ty<'static> {
            type Borrowed<'a> = $ty<'a>;
            const NAME: &'static str = $name;

            fn decode(body: &[u8]) -> Result<$ty<'_>, $crate::DecodeError> {
                $ty::from_json(body)
            }

            fn into_owned(payload: $ty<'_>) -> Self {
                payload.into_owned()
            }

            fn unreadable(payload: &$ty<'_>) -> $crate::Unreadable {
                payload.unreadable
            }

            #[cfg(feature = "proptest")]
            fn bodies() -> ::proptest::strategy::BoxedStrategy<alloc::vec::Vec<u8>> {
                ::proptest::strategy::Strategy::boxed($bodies())
            }
        }

        impl $crate::payload::sealed::Sealed for $ty<'static> {}
    };
}
pub(crate) use impl_payload;

pub(crate) mod sealed {
    /// Only the crate's payloads are [`Payload`](super::Payload)s; with `schemars`, each has
    /// its schema.
    #[cfg(feature = "schemars")]
    pub trait Sealed: schemars::JsonSchema {}
    /// Only the crate's payloads are [`Payload`](super::Payload)s.
    #[cfg(not(feature = "schemars"))]
    pub trait Sealed {}
}
