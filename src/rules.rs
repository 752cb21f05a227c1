//! The one interpreter of the rule tables the generator writes from the YAML: where a code a
//! table does not know is placed ([`place`]), and what free text says ([`read`]). The generated
//! code holds the tables only (steps, lexicons, weights); what they mean is written here, once.

use crate::words::{Lexicon, Scoring, best, scan};
use crate::{AnyCode, Code, MappedBy, Placed, Reading, Rule, Value, lookup};

/// What one step of the unknown-code rules tests, and what it places.
#[derive(Debug)]
pub(crate) enum Test<V: 'static> {
    /// The code without the first of these prefixes it has is a known row.
    StripPrefix(&'static [&'static str]),
    /// The code is, or holds between its `_`s with no phrase of the lexicon around it, a code
    /// of any table whose row answers (see [`named_in_code`]).
    Named,
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
pub(crate) fn place<R: Code, S: Copy + PartialEq, V: Code>(
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
            Test::Named => {
                if let Some((code, value)) = named_in_code(rules.lexicon, code) {
                    return Some(Placed::Named { code, value, rule });
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

/// A table's reading of free text: its lexicon, and how what it finds is weighed.
#[derive(Debug)]
pub(crate) struct FreeText {
    pub lexicon: &'static Lexicon,
    pub scoring: Scoring,
}

/// Reads `text` into one of `codes` (the table's, in order). A known code the text names (see
/// [`named_in_text`]) answers as its row does, unless a cue that holds rules that answer out.
/// Otherwise each phrase found adds its weight to its
/// code, each cue that holds (named by `cues`) adds its weight to its own (see
/// [`best`](crate::words::best)); the highest score wins, a tie goes to the code ranked first,
/// and text that nothing matches gives no code. Reads at most [`MAX_TEXT`](crate::MAX_TEXT)
/// bytes; never allocates.
pub(crate) fn read<C: Code>(
    reading: &FreeText,
    codes: &[C],
    cues: &'static [Rule],
    text: &str,
) -> Reading<C> {
    let lexicon = reading.lexicon;
    let found = scan(lexicon, text.as_bytes());
    // A named code answers as its row, unless the text's words rule that answer out (a billed
    // row, where the words say the bot never joined).
    let excluded = reading.scoring.excluded(&found);
    let named = named_in_text::<C>(lexicon, text).filter(|(_, code)| {
        codes
            .iter()
            .position(|c| c.as_str() == code.as_str())
            .is_some_and(|index| excluded & (1 << index) == 0)
    });
    if let Some((named, code)) = named {
        return Reading {
            code: Some(code),
            mapped_by: MappedBy::Named(named),
        };
    }
    let best = best(lexicon, &found, &reading.scoring);
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

/// What a known code answers in the table `C`: itself, if it is one of `C`'s; else the first
/// column of its row that holds a code of `C` (a sub-code's `failure_code`); else nothing.
fn answer<C: Code>(code: AnyCode) -> Option<C> {
    if code.table() == C::TABLE {
        return C::from_bytes(code.as_str().as_bytes());
    }
    code.values().find_map(|(_, value)| match value {
        Some(Value::Code(target)) if target.table() == C::TABLE => {
            C::from_bytes(target.as_str().as_bytes())
        }
        _ => None,
    })
}

/// The first code of any table that is `identifier` and answers in `C`.
fn exactly<C: Code>(identifier: &str) -> Option<(AnyCode, C)> {
    lookup(identifier).find_map(|code| Some((code, answer::<C>(code)?)))
}

/// Whether `run` may be a wire code named in text: a `snake_case` or `SCREAMING_CASE` name (it
/// has a `_`), or a three-digit status. A plain word is never taken for a code.
fn is_identifier(run: &[u8]) -> bool {
    (run.contains(&b'_') && run.len() <= crate::MAX_CODE_LEN)
        || (run.len() == 3 && run.iter().all(u8::is_ascii_digit))
}

/// The known code that `text` names last, if it answers in `C` (after a contrast, the stated
/// cause comes last: "a 503, then a 402"; a last code whose row answers nothing here leaves the
/// words to decide): a run of letters, digits and `_` that is a code of
/// some table (`bot_kicked_from_call`, `429`, `RATE_LIMITED`), and not within a negation's reach
/// (`not a 429`; the reach is the lexicon's, up to a comma, a colon, a bracket or a clause's
/// end). Reads at most [`MAX_TEXT`](crate::MAX_TEXT) bytes; never allocates.
pub(crate) fn named_in_text<C: Code>(lexicon: &Lexicon, text: &str) -> Option<(AnyCode, C)> {
    let text = &text.as_bytes()[..text.len().min(crate::MAX_TEXT)];
    // Letters, digits, `_`, apostrophes (any of them: `wasn’t` is one run) and other letters.
    let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'\'' || *b >= 0x80;
    let mut named = None;
    // The runs since the last break, the latest last, up to a negation's reach: a negation is
    // looked for among them only when a code is named, which is rare, so that the text's words
    // are not stemmed twice.
    let mut recent: [&[u8]; 8] = [&[]; 8];
    let reach = usize::from(lexicon.negation_reach).min(recent.len());
    let mut since_break = 0usize;
    let mut at = 0;
    while at < text.len() {
        // A dash (`–`, `—`) breaks like the punctuation that ends a negation's reach.
        let dash = is_dash(&text[at..]);
        if dash || !is_word(&text[at]) {
            if dash
                || matches!(
                    text[at],
                    b',' | b':' | b';' | b'.' | b'!' | b'?' | b'(' | b')' | b'\n'
                )
            {
                since_break = 0;
            }
            at += if dash { 3 } else { 1 };
            continue;
        }
        let mut end = at;
        while end < text.len() && is_word(&text[end]) && !is_dash(&text[end..]) {
            end += 1;
        }
        let run = &text[at..end];
        at = end;
        if is_identifier(run) {
            let looked = since_break.min(reach);
            let denied = recent[recent.len() - looked..]
                .iter()
                .any(|word| is_negation(lexicon, word));
            // The last code named decides: one whose row has no answer here (a `402`) leaves
            // the words to decide, as they would without it.
            if let (false, Ok(run)) = (denied, core::str::from_utf8(run)) {
                if lookup(run).next().is_some() {
                    named = exactly(run);
                }
            }
        }
        recent.copy_within(1.., 0);
        recent[recent.len() - 1] = run;
        since_break += 1;
    }
    named
}

/// Whether `text` starts with a dash, `–` or `—` (a byte test first: most bytes are no dash).
#[inline]
fn is_dash(text: &[u8]) -> bool {
    text.first() == Some(&0xE2) && matches!(text, [_, 0x80, 0x93 | 0x94, ..])
}

/// Whether `word` is a negation word of the lexicon (`not`, `never`, `didnt`), or a contraction
/// with `n't` (`wasn't`).
fn is_negation(lexicon: &Lexicon, word: &[u8]) -> bool {
    let contracted = ["n't", "n\u{2019}t", "n\u{2018}t", "n\u{2bc}t"]
        .iter()
        .any(|suffix| word.len() > suffix.len() && word.ends_with(suffix.as_bytes()));
    if contracted || word.ends_with(b"N'T") {
        return true;
    }
    crate::words::class_of(lexicon, word).is_some_and(|c| lexicon.is(c, crate::words::NEGATION))
}

/// The most `_`-separated parts of a code that [`named_in_code`] looks inside.
const MAX_PARTS: usize = 16;

/// The known code that `code` is, or holds between its `_`s (longest first, then leftmost) with
/// no phrase of the lexicon in the parts around it, and that answers in `C`:
/// `new_bot_kicked_from_call_v2` holds `bot_kicked_from_call`, but
/// `bot_kicked_from_waiting_room_lobby` is left to the cues, since `lobby` means something to
/// them. At most [`MAX_PARTS`] parts are looked at; never allocates.
pub(crate) fn named_in_code<C: Code>(lexicon: &Lexicon, code: &str) -> Option<(AnyCode, C)> {
    if let Some(found) = exactly(code) {
        return Some(found);
    }
    // The byte ranges of the parts.
    let mut parts = [(0usize, 0usize); MAX_PARTS];
    let mut count = 0;
    let mut start = 0;
    for (at, byte) in code.bytes().chain(core::iter::once(b'_')).enumerate() {
        if byte == b'_' {
            if count == MAX_PARTS {
                return None;
            }
            parts[count] = (start, at);
            count += 1;
            start = at + 1;
        }
    }
    let parts = &parts[..count];
    // A side is neutral when no phrase of the lexicon is found in it.
    let neutral = |side: &[(usize, usize)]| match (side.first(), side.last()) {
        (Some(&(from, _)), Some(&(_, to))) => {
            let found = scan(lexicon, &code.as_bytes()[from..to]);
            found.phrases.iter().all(|&bits| bits == 0)
        }
        _ => true,
    };
    // Two parts at least: a code of one word is a word, which the cues read.
    for len in (2..parts.len()).rev() {
        for first in 0..=parts.len() - len {
            let last = first + len - 1;
            let inner = &code[parts[first].0..parts[last].1];
            if !neutral(&parts[..first]) || !neutral(&parts[last + 1..]) {
                continue;
            }
            if let Some(found) = exactly(inner) {
                return Some(found);
            }
        }
    }
    None
}
