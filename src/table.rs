//! Every table at once: [`Table`], [`AnyCode`], the [`Facts`] every code answers for, and
//! [`lookup`], which answers which table(s) a wire string belongs to. The enums and the trait are
//! generated from the list of tables; the behaviour around them is written here.

use core::fmt;

pub use crate::generated::tables::*;

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl fmt::Display for AnyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AnyCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Table {
    /// The table's codes, in file order.
    #[must_use]
    pub fn codes(self) -> Codes {
        Codes::new(self)
    }

    /// Whether the table has no code (never true of a generated table).
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Parses a wire string of this table.
    ///
    /// # Errors
    ///
    /// [`UnknownCode`](crate::UnknownCode) when the table has no such code.
    pub fn parse(self, code: &str) -> Result<AnyCode, crate::UnknownCode> {
        self.from_bytes(code.as_bytes())
            .ok_or_else(|| crate::UnknownCode::new(self, code))
    }

    /// Parses a wire string of this table in any ASCII casing.
    ///
    /// # Errors
    ///
    /// [`UnknownCode`](crate::UnknownCode) when the table has no such code.
    pub fn parse_ignore_ascii_case(self, code: &str) -> Result<AnyCode, crate::UnknownCode> {
        self.from_bytes_ignore_ascii_case(code.as_bytes())
            .ok_or_else(|| crate::UnknownCode::new(self, code))
    }
}

/// Which tables know `code`, in table order; never allocates.
///
/// ```
/// use error_taxonomy::{Table, lookup};
///
/// let tables: Vec<Table> = lookup("meeting_not_found").map(|c| c.table()).collect();
/// assert_eq!(tables, [Table::MeetbotFailureCode, Table::RecallSubCode]);
/// assert_eq!(lookup("no_such_code").count(), 0);
/// ```
#[must_use]
pub fn lookup(code: &str) -> Lookup<'_> {
    Lookup {
        code: code.as_bytes(),
        tables: Table::ALL.iter(),
    }
}

/// The codes that [`lookup`] finds, one per table at most, in table order.
#[derive(Clone, Debug)]
pub struct Lookup<'a> {
    code: &'a [u8],
    tables: core::slice::Iter<'static, Table>,
}

impl Iterator for Lookup<'_> {
    type Item = AnyCode;

    fn next(&mut self) -> Option<AnyCode> {
        let code = self.code;
        self.tables.find_map(|table| table.from_bytes(code))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.tables.len()))
    }
}

impl core::iter::FusedIterator for Lookup<'_> {}

/// The codes of one table, in file order (see [`Table::codes`]).
#[derive(Clone, Debug)]
pub struct Codes {
    table: Table,
    range: core::ops::Range<usize>,
}

impl Codes {
    pub(crate) fn new(table: Table) -> Self {
        Codes {
            table,
            range: 0..table.len(),
        }
    }
}

impl Iterator for Codes {
    type Item = AnyCode;

    fn next(&mut self) -> Option<AnyCode> {
        self.range.next().and_then(|index| self.table.get(index))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl DoubleEndedIterator for Codes {
    fn next_back(&mut self) -> Option<AnyCode> {
        self.range
            .next_back()
            .and_then(|index| self.table.get(index))
    }
}

impl ExactSizeIterator for Codes {}
impl core::iter::FusedIterator for Codes {}

impl AnyCode {
    /// Every column of the code's table with the code's value there (`None` where an optional
    /// column is left out), in the order of the table's YAML file.
    ///
    /// ```
    /// use error_taxonomy::columns::Value;
    /// use error_taxonomy::{AnyCode, meetbot::FailureCode};
    ///
    /// let code = AnyCode::MeetbotFailureCode(FailureCode::LobbyTimeout);
    /// let retry = code.values().find(|(column, _)| column.name == "retry");
    /// assert_eq!(retry.and_then(|(_, value)| value).map(|v| v.to_string()).as_deref(), Some("after 60 s"));
    /// ```
    #[must_use]
    pub fn values(self) -> Values {
        Values {
            code: self,
            columns: self.table().columns().iter().enumerate(),
        }
    }
}

/// The columns of a code's table with the code's values (see [`AnyCode::values`]).
#[derive(Clone, Debug)]
pub struct Values {
    code: AnyCode,
    columns: core::iter::Enumerate<core::slice::Iter<'static, crate::Column>>,
}

impl Iterator for Values {
    type Item = (&'static crate::Column, Option<crate::Value>);

    fn next(&mut self) -> Option<Self::Item> {
        let (index, column) = self.columns.next()?;
        Some((column, self.code.value(index)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.columns.size_hint()
    }
}

impl ExactSizeIterator for Values {}
impl core::iter::FusedIterator for Values {}
