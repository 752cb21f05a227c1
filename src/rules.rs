//! The one interpreter of the rule tables the generator writes from the YAML: where a code a
//! table does not know is placed ([`place`]), and what free text says ([`read`]). The generated
//! code holds the tables only (steps, lexicons, weights); what they mean is written here, once.

use crate::words::{Lexicon, best, scan};
use crate::{Code, MappedBy, Placed, Reading, Rule};

/// What one step of the unknown-code rules tests, and what it places.
#[derive(Debug)]
pub(crate) enum Test<V: 'static> {
    /// The code without the first of these prefixes it has is a known row.
    StripPrefix(&'static [&'static str]),
    /// The lexicon's cue of this bit held: `value`.
    Cue { bit: u8, value: V },
    /// Nothing before held: `value`.
    Default(V),
}

/// One step: its test, and the given values it applies to (any when empty).
#[derive(Debug)]
pub(crate) struct Step<S: 'static, V: 'static> {
    pub test: Test<V>,
    pub given: &'static [S],
}

/// A table's rules for codes it does not know: the steps, tried in order, each named by the
/// [`Rule`] of the same index, and the lexicon their cues come from.
#[derive(Debug)]
pub(crate) struct Unknown<S: 'static, V: 'static> {
    pub lexicon: &'static Lexicon,
    pub steps: &'static [Step<S, V>],
    pub rules: &'static [Rule],
}

/// Places `code`, which the table `R` does not know, given the value of its given column: the
/// first step that holds. Reads at most [`MAX_TEXT`](crate::MAX_TEXT) bytes; never allocates.
pub(crate) fn place<R: Code, S: Copy + PartialEq, V: Copy>(
    rules: &Unknown<S, V>,
    code: &str,
    given: Option<S>,
) -> Option<Placed<R, V>> {
    let found = scan(rules.lexicon, code.as_bytes());
    for (step, rule) in rules.steps.iter().zip(rules.rules) {
        let applies = step.given.is_empty() || given.is_some_and(|g| step.given.contains(&g));
        if !applies {
            continue;
        }
        match step.test {
            Test::StripPrefix(prefixes) => {
                let rest = prefixes.iter().find_map(|prefix| code.strip_prefix(prefix));
                if let Some(row) = rest.and_then(|rest| R::from_bytes(rest.as_bytes())) {
                    return Some(Placed::Row { row, rule });
                }
            }
            Test::Cue { bit, value } if found.cues & (1 << bit) != 0 => {
                return Some(Placed::Value { value, rule });
            }
            Test::Cue { .. } => {}
            Test::Default(value) => return Some(Placed::Value { value, rule }),
        }
    }
    None
}

/// A table's reading of free text: its lexicon, and per cue its code and weight, per code its
/// rank for ties (lower first).
#[derive(Debug)]
pub(crate) struct FreeText {
    pub lexicon: &'static Lexicon,
    pub cue_targets: &'static [u16],
    pub cue_weights: &'static [u16],
    pub rank: &'static [u8],
}

/// Reads `text` into one of `codes` (the table's, in order): each phrase found adds its weight to
/// its code, each cue that holds (named by `cues`) adds its weight to its own; the highest score
/// wins, a tie goes to the code ranked first, and text that nothing matches gives no code.
/// Reads at most [`MAX_TEXT`](crate::MAX_TEXT) bytes; never allocates.
pub(crate) fn read<C: Copy>(
    reading: &FreeText,
    codes: &[C],
    cues: &'static [Rule],
    text: &str,
) -> Reading<C> {
    let lexicon = reading.lexicon;
    let found = scan(lexicon, text.as_bytes());
    let best = best(
        lexicon,
        &found,
        reading.cue_targets,
        reading.cue_weights,
        reading.rank,
    );
    let answer = best.and_then(|(code, source)| {
        let mapped_by = match source {
            Ok(phrase) => MappedBy::Phrase(lexicon.phrases.get(phrase)?.text),
            Err(cue) => MappedBy::Rule(cues.get(cue)?),
        };
        Some(Reading {
            code: Some(*codes.get(code)?),
            mapped_by,
        })
    });
    answer.unwrap_or(Reading {
        code: None,
        mapped_by: MappedBy::Unmapped,
    })
}
