//! The columns of the tables, described: what each fact of a code is ([`Column`]) and its value
//! ([`Value`]), so that generic code (a code's [`Card`](crate::Card), the schema, a tool that
//! lists codes) walks the facts of any table without naming them. A program that handles codes
//! reads their facts by name instead ([`Facts`](crate::Facts) and each table's methods).

use core::fmt;

use crate::{AnyCode, Table, Vocabulary};

pub use crate::table::{FACTS, Values};

/// A column of a table: a fact that each of its codes carries, declared in the table's YAML (or,
/// for the facts every table may have, in `taxonomy/taxonomy.yaml`).
///
/// ```
/// use error_taxonomy::Table;
/// use error_taxonomy::columns::Kind;
///
/// let columns = Table::RecallSubCode.columns();
/// let category = columns.iter().find(|c| c.name == "category").expect("a column");
/// assert_eq!(category.kind, Kind::Code(Table::RecallBotStatus));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub struct Column {
    /// The key in the YAML rows and in a code's JSON card, e.g. `http_status`.
    pub name: &'static str,
    /// How people read the name, e.g. `HTTP status`.
    pub label: &'static str,
    /// What the column says.
    pub doc: &'static str,
    /// What its values are.
    pub kind: Kind,
    /// Whether a code may have no value.
    pub optional: bool,
    /// Whether it is one of the facts every code answers for ([`Facts`](crate::Facts)).
    pub shared: bool,
    /// For a column a code may inherit: the column (a code of another table) it inherits through,
    /// when the code does not override it.
    pub inherits_through: Option<&'static str>,
}

/// What the values of a column are.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Kind {
    /// An HTTP status.
    Status,
    /// Yes or no.
    Bool,
    /// A line of text.
    Text,
    /// A list of lower-case phrases.
    Phrases,
    /// A value of a vocabulary.
    Term(Vocabulary),
    /// A code of a table.
    Code(Table),
}

/// The value of one column for one code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Value {
    /// An HTTP status.
    Status(u16),
    /// Yes or no.
    Bool(bool),
    /// A line of text.
    Text(&'static str),
    /// A list of phrases.
    Phrases(&'static [&'static str]),
    /// A value of a vocabulary.
    Term(Term),
    /// A code of a table.
    Code(AnyCode),
}

/// A value of a vocabulary: its wire name, the words for it, and the number it may carry.
///
/// ```
/// use error_taxonomy::RetryClass;
///
/// let term = RetryClass::Delay { secs: 60 }.term();
/// assert_eq!(term.name(), "delay");
/// assert_eq!(term.parameter(), Some(60));
/// assert_eq!(term.to_string(), "after 60 s");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Term {
    vocabulary: Vocabulary,
    name: &'static str,
    text: &'static str,
    parameter: Option<u32>,
}

impl Term {
    pub(crate) const fn new(
        vocabulary: Vocabulary,
        name: &'static str,
        text: &'static str,
        parameter: Option<u32>,
    ) -> Self {
        Term {
            vocabulary,
            name,
            text,
            parameter,
        }
    }

    /// The vocabulary it belongs to.
    #[must_use]
    pub const fn vocabulary(self) -> Vocabulary {
        self.vocabulary
    }

    /// The wire name, e.g. `retry_after`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        self.name
    }

    /// The number it carries, e.g. a delay in seconds.
    #[must_use]
    pub const fn parameter(self) -> Option<u32> {
        self.parameter
    }
}

/// The words for the value, its number in place (`after 60 s`).
impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.text.split_once("{}"), self.parameter) {
            (Some((before, after)), Some(n)) => write!(f, "{before}{n}{after}"),
            _ => f.write_str(self.text),
        }
    }
}

/// The value as people read it: a status as a number, `yes` or `no`, the words of a term, the wire
/// string of a code.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Status(status) => write!(f, "{status}"),
            Value::Bool(true) => f.write_str("yes"),
            Value::Bool(false) => f.write_str("no"),
            Value::Text(text) => f.write_str(text),
            Value::Phrases(phrases) => {
                for (i, phrase) in phrases.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(phrase)?;
                }
                Ok(())
            }
            Value::Term(term) => term.fmt(f),
            Value::Code(code) => f.write_str(code.as_str()),
        }
    }
}

/// The value as JSON: a number, a boolean, a string, a list of strings, a term's wire name, or a
/// code's wire string.
#[cfg(feature = "serde")]
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Status(status) => serializer.serialize_u16(*status),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Text(text) => serializer.serialize_str(text),
            Value::Phrases(phrases) => serializer.collect_seq(phrases.iter()),
            Value::Term(term) => serializer.serialize_str(term.name),
            Value::Code(code) => serializer.serialize_str(code.as_str()),
        }
    }
}

/// The facts a table gives a code it does not know (its YAML's `unknown_code`), and why.
///
/// ```
/// use error_taxonomy::columns::Value;
/// use error_taxonomy::{Handling, Table};
///
/// let unknown = Table::MeetbotFailureCode.unknown_code().expect("declared");
/// let handling = unknown.fact("handling");
/// assert!(matches!(handling, Some(Value::Term(term)) if term.name() == Handling::PageOnCall.as_str()));
/// assert!(!unknown.reason.is_empty());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct UnknownFacts {
    /// Why these facts.
    pub reason: &'static str,
    /// The value of each column it gives, by column name.
    pub facts: &'static [(&'static str, Value)],
}

impl UnknownFacts {
    /// The value it gives the column `name`.
    #[must_use]
    pub fn fact(&self, name: &str) -> Option<Value> {
        self.facts.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}
