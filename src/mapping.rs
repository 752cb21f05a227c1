//! How an answer was reached: the table row, the row without its platform prefix, a named rule of
//! the YAML (a word cue, or the default of a status), a phrase found in free text, or nothing.
//! Every answer that a rule rather than a row gives names its rule, so that a support engineer
//! can see why.

use core::fmt;

use crate::AnyCode;

/// A rule of the YAML: its name, why it exists, and what kind it is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Rule {
    /// The rule's name in the YAML, e.g. `waiting_room_refused`.
    pub name: &'static str,
    /// Why the rule exists, as the YAML says.
    pub reason: &'static str,
    /// What kind of rule it is.
    pub kind: RuleKind,
}

/// The kinds of rules.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum RuleKind {
    /// Strip the platform prefix and look the rest up as a known code.
    StripPrefix,
    /// A word cue: words that, found together, place a code.
    Cue,
    /// The default for what the other rules leave, such as the default of a status.
    Default,
    /// Look for a known code of any table inside the code, and answer as its row.
    NamedCode,
}

/// Where a table's rules placed a code it does not know.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Placed<R, V> {
    /// A known row: the code without its platform prefix is one.
    Row {
        /// The row.
        row: R,
        /// The prefix rule.
        rule: &'static Rule,
    },
    /// A known code of any table that the code is or holds (`new_bot_kicked_from_call_v2`), and
    /// the value its row answers.
    Named {
        /// The code named.
        code: AnyCode,
        /// What its row answers.
        value: V,
        /// The rule that looked for it.
        rule: &'static Rule,
    },
    /// A value, given by a cue or a default.
    Value {
        /// The value.
        value: V,
        /// The rule that gave it.
        rule: &'static Rule,
    },
}

/// Free text read into a code, with how.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Reading<C> {
    /// The code, or `None` when nothing in the text matched: no guess.
    pub code: Option<C>,
    /// How the code was reached.
    pub mapped_by: MappedBy,
}

/// How an answer was reached.
///
/// As JSON: `{"by": "row"}`, `{"by": "prefix_stripped", "row": "<code>"}`,
/// `{"by": "named", "row": "<code>", "table": "<table>"}`,
/// `{"by": "cue" | "status_default", "rule": "<name>", "reason": "<why>"}`,
/// `{"by": "phrase", "phrase": "<phrase>"}`, `{"by": "learned", "words": "<stems>"}`, or
/// `{"by": "unmapped"}`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum MappedBy {
    /// The table's row of the code itself.
    Row,
    /// The row of the code without its platform prefix, e.g. `meeting_password_incorrect` for
    /// `zoom_meeting_password_incorrect`.
    PrefixStripped(AnyCode),
    /// The row of a known code that free text or an unknown code names (`bot_kicked_from_call`
    /// in a sentence, or inside `new_bot_kicked_from_call_v2`): the answer is that row's.
    Named(AnyCode),
    /// A named rule of the YAML: a word cue, or a default.
    Rule(&'static Rule),
    /// A phrase of the code's row, found in free text.
    Phrase(&'static str),
    /// The word weights learnt from labelled reasons, and the words (a stem, or two) most
    /// particular to the code: those whose weight for it leads their weight for any other code
    /// the most. Where the phrases and cues found nothing, or far less surely.
    Learned(&'static str),
    /// Nothing matched: there is no code, and the text or code is kept as it came.
    Unmapped,
}

impl MappedBy {
    /// The kind of answer, as the JSON's `by` says it: `row`, `prefix_stripped`, `named`, `cue`,
    /// `status_default`, `phrase`, `learned` or `unmapped`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            MappedBy::Row => "row",
            MappedBy::PrefixStripped(_) => "prefix_stripped",
            MappedBy::Named(_) => "named",
            MappedBy::Rule(rule) => match rule.kind {
                RuleKind::StripPrefix => "prefix_stripped",
                RuleKind::NamedCode => "named",
                RuleKind::Cue => "cue",
                RuleKind::Default => "status_default",
            },
            MappedBy::Phrase(_) => "phrase",
            MappedBy::Learned(_) => "learned",
            MappedBy::Unmapped => "unmapped",
        }
    }

    /// The provenance of a code a table placed with its rules.
    #[must_use]
    pub fn of_placed<R: crate::Code, V>(placed: &Placed<R, V>) -> MappedBy {
        match placed {
            Placed::Row { row, .. } => MappedBy::PrefixStripped(row.to_any()),
            Placed::Named { code, .. } => MappedBy::Named(*code),
            Placed::Value { rule, .. } => MappedBy::Rule(rule),
        }
    }
}

/// For people: `row`, `prefix stripped: <code>`, `cue <name>: <reason>`, ...
impl fmt::Display for MappedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MappedBy::Row => f.write_str("the table's row"),
            MappedBy::PrefixStripped(row) => {
                write!(f, "the row of {row}, its platform prefix stripped")
            }
            MappedBy::Named(code) => write!(f, "the row of {code} ({}), named", code.table()),
            MappedBy::Rule(rule) => {
                for word in self.kind().split('_') {
                    write!(f, "{word} ")?;
                }
                write!(f, "{}: {}", rule.name, rule.reason)
            }
            MappedBy::Phrase(phrase) => write!(f, "the phrase {phrase:?}"),
            MappedBy::Learned(words) => write!(f, "the learnt weight of the words {words:?}"),
            MappedBy::Unmapped => f.write_str("nothing matched"),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MappedBy {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("by", self.kind())?;
        match self {
            MappedBy::PrefixStripped(row) => map.serialize_entry("row", row.as_str())?,
            MappedBy::Named(code) => {
                map.serialize_entry("row", code.as_str())?;
                map.serialize_entry("table", &code.table())?;
            }
            MappedBy::Rule(rule) => {
                map.serialize_entry("rule", rule.name)?;
                map.serialize_entry("reason", rule.reason)?;
            }
            MappedBy::Phrase(phrase) => map.serialize_entry("phrase", phrase)?,
            MappedBy::Learned(words) => map.serialize_entry("words", words)?,
            MappedBy::Row | MappedBy::Unmapped => {}
        }
        map.end()
    }
}
