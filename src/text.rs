//! Free text in payloads, borrowed from the input where it can be.

use alloc::borrow::Cow;

/// The same text, owned.
pub(crate) fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}
