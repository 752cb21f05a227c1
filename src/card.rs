//! The card of a code: every fact of it, read from its table's column descriptors, for people
//! (`Display`) and for JSON (`Serialize`), so that a tool that shows codes copies no knowledge.

use core::fmt;

use crate::{AnyCode, Value};
#[cfg(feature = "serde")]
use crate::{Column, columns::FACTS};

/// Every fact of one code: its table, wire string and description, the value of every column of
/// its table (the facts every code answers for among them), the note of an override, and the
/// deprecation.
///
/// As JSON it is one flat object: `table`, `code`, `description`, then every fact of
/// [`FACTS`](crate::columns::FACTS)
/// (`null` where the table has no such column), then the table's other columns, each under its
/// name; a vocabulary value that carries a number adds `<column>_<key>` (e.g. `retry_delay_s`);
/// then `overrides`, `override` and `deprecated`.
///
/// ```
/// use error_taxonomy::{Card, recall::SubCode};
///
/// let card = Card::new(SubCode::BotKickedFromCall);
/// let text = card.to_string();
/// assert!(text.starts_with("bot_kicked_from_call (recall.sub_code)\n"));
/// assert!(text.contains("\n  failure code  removed_from_meeting (meetbot.failure_code): "));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Card {
    code: AnyCode,
    phrases: bool,
}

impl Card {
    /// The card of `code`.
    #[must_use]
    pub fn new(code: impl crate::Code) -> Self {
        Card {
            code: code.to_any(),
            phrases: false,
        }
    }

    /// The card of a code of any table.
    #[must_use]
    pub const fn of(code: AnyCode) -> Self {
        Card {
            code,
            phrases: false,
        }
    }

    /// The same card, its phrases columns (a failure code's legacy phrases, long lists for
    /// machines) shown for people too, or not (the default). JSON always has them.
    #[must_use]
    pub const fn with_phrases(self, phrases: bool) -> Self {
        Card { phrases, ..self }
    }

    /// The code.
    #[must_use]
    pub const fn code(&self) -> AnyCode {
        self.code
    }

    /// The columns of the code's table, each with the code's value (see [`AnyCode::values`]).
    #[must_use]
    pub fn values(&self) -> crate::columns::Values {
        self.code.values()
    }
}

/// The card for people: the code and its table, then one fact per line, its label padded. A
/// code whose table has no billing but a failure code says the failure code's billing; the
/// phrases columns are left out unless [`Card::with_phrases`] asks for them.
impl fmt::Display for Card {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code;
        writeln!(f, "{} ({})", code.as_str(), code.table())?;
        writeln!(f, "  {:<13} {}", "description", code.description())?;
        for (column, value) in code.values() {
            let Some(value) = value else { continue };
            if matches!(column.kind, crate::Kind::Phrases) && !self.phrases {
                continue;
            }
            write!(f, "  {:<13} ", column.label)?;
            match value {
                Value::Code(target) => {
                    write!(
                        f,
                        "{} ({}): {}",
                        target.as_str(),
                        target.table(),
                        target.description()
                    )?;
                }
                other => write!(f, "{other}")?,
            }
            if code.overrides().contains(&column.name) {
                f.write_str(" (overrides what it would inherit)")?;
            }
            f.write_str("\n")?;
        }
        if let (None, Some(failure)) = (code.billing(), code.failure_code()) {
            let billing = failure.billing().term();
            writeln!(f, "  {:<13} {billing} (its failure code's)", "billing")?;
        }
        if let Some(note) = code.override_note() {
            writeln!(f, "  {:<13} {note}", "override")?;
        }
        if let Some(note) = code.deprecation() {
            writeln!(f, "  {:<13} {note}", "deprecated")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Card {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let code = self.code;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("table", &code.table())?;
        map.serialize_entry("code", code.as_str())?;
        map.serialize_entry("description", code.description())?;
        let columns = code.table().columns();
        for fact in FACTS {
            let value = code.fact(fact.name);
            let column = columns.iter().find(|c| c.name == fact.name).unwrap_or(fact);
            entry(&mut map, column, value)?;
        }
        for (column, value) in code.values().filter(|(c, _)| !c.shared) {
            entry(&mut map, column, value)?;
        }
        map.serialize_entry("overrides", code.overrides())?;
        map.serialize_entry("override", &code.override_note())?;
        map.serialize_entry("deprecated", &code.deprecation())?;
        map.end()
    }
}

/// One column under its name, and a vocabulary's number under `<name>_<key>`.
#[cfg(feature = "serde")]
fn entry<M: serde::ser::SerializeMap>(
    map: &mut M,
    column: &Column,
    value: Option<Value>,
) -> Result<(), M::Error> {
    map.serialize_entry(column.name, &value)?;
    if let crate::Kind::Term(vocabulary) = column.kind {
        if let Some(key) = vocabulary.parameter_key() {
            let number = match value {
                Some(Value::Term(term)) => term.parameter(),
                _ => None,
            };
            map.serialize_key(&format_args!("{}_{key}", column.name))?;
            map.serialize_value(&number)?;
        }
    }
    Ok(())
}
