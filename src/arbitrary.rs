//! `arbitrary::Arbitrary` for open codes (feature `arbitrary`); every code enum implements it
//! too, choosing among its codes. An arbitrary string that is a code of the table is that code:
//! an [`Open`] is never `Unknown` for a string its table knows.

use alloc::borrow::Cow;
use alloc::string::String;

use crate::{Code, Open};

impl<'a, T: Code> arbitrary::Arbitrary<'a> for Open<'static, T> {
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        if u.arbitrary()? {
            Ok(Open::Known(*u.choose(T::ALL)?))
        } else {
            let raw: String = u.arbitrary()?;
            Ok(Open::from_cow(Cow::Owned(raw)))
        }
    }
}
