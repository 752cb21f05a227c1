//! The one interpreter of the rule tables the generator writes from the YAML: where a code a
//! table does not know is placed ([`place`]), and what free text says ([`read`]). The generated
//! code holds the tables only (steps, lexicons, weights); what they mean is written here, once.

use crate::learned::Learned;
use crate::words::{
    Found, HYPOTHETICAL, Lexicon, Reading as Scan, Scoring, apostrophe, best, scan,
};
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
    let found = scan(rules.lexicon, code.as_bytes(), Scan::Code);
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

/// A table's reading of free text: its lexicon, how what it finds is weighed, and the word
/// weights learnt from labelled reasons, if it has them.
#[derive(Debug)]
pub(crate) struct FreeText {
    pub lexicon: &'static Lexicon,
    pub scoring: Scoring,
    pub learned: Option<&'static Learned>,
}

/// Reads `text` into one of `codes` (the table's, in order). A known code the text names (see
/// [`named_in_text`]) answers as its row does, unless a cue that holds rules that answer out.
/// Otherwise each phrase found adds its weight to its
/// code, each cue that holds (named by `cues`) adds its weight to its own (see
/// [`best`](crate::words::best)); the highest score wins, a tie goes to the code ranked first.
/// Then the learnt weights may answer (see [`learnt`]): where nothing matched, or over what
/// matched when they are far surer. Text that nothing answers gives no code. Reads at most
/// [`MAX_TEXT`](crate::MAX_TEXT) bytes; never allocates.
pub(crate) fn read<C: Code>(
    reading: &FreeText,
    codes: &[C],
    cues: &'static [Rule],
    text: &str,
) -> Reading<C> {
    let lexicon = reading.lexicon;
    let found = scan(lexicon, text.as_bytes(), Scan::Text(silent::<C>));
    // A named code answers as its row, unless the text's words rule that answer out (a billed
    // row, where the words say the bot never joined).
    let (named, mentions_a_code) = named_in_text::<C>(lexicon, text, &found);
    let placed = reading.scoring.placed(&found);
    let named = named_reading(codes, placed, named);
    // A named code answers, unless a contrast followed it and the words weigh most for a cause
    // stated after it ("mapped to `waiting_for_host`, but the host declined"): then that cause
    // answers.
    if let Some((reading, None)) = named {
        return reading;
    }
    let excluded = placed | reading.scoring.cleared(&found);
    let best = best(lexicon, &found, &reading.scoring, excluded);
    let stated = |source: Result<usize, usize>| match source {
        Ok(phrase) => found.is_late_phrase(phrase),
        Err(cue) => found.late.cues & (1 << cue) != 0,
    };
    if let Some((reading, Some(named_end))) = named {
        // What was stated begins after the code: a contrast after it was followed by a find.
        let set_aside = found.stated_from > named_end;
        if !set_aside || !best.is_some_and(|(_, source)| stated(source)) {
            return reading;
        }
    }
    // A text that mentions a code of any table (to state, suppose or deny it) is read by the
    // rules alone: a code is theirs to weigh.
    let vetoed = excluded | reading.scoring.placed_anywhere(&found);
    let learnt = reading
        .learned
        .filter(|_| !mentions_a_code)
        .and_then(|learned| learnt(learned, text, &found, vetoed, best.map(|(code, _)| code)));
    if let Some((code, words)) = learnt {
        return Reading {
            code: codes.get(code).copied(),
            mapped_by: MappedBy::Learned(words),
        };
    }
    answer_of(lexicon, codes, cues, best)
}

/// The reading of a code the text names, and where it ends if a contrast followed it; unless
/// what the words place the failure away from (`placed`) rules it out (what they clear does
/// not: the code says more than "the passcode was correct").
fn named_reading<C: Code>(
    codes: &[C],
    placed: u64,
    named: Option<(AnyCode, C, Option<usize>)>,
) -> Option<(Reading<C>, Option<usize>)> {
    let (named, code, contrast_after) = named?;
    let index = codes.iter().position(|c| c.as_str() == code.as_str())?;
    let reading = Reading {
        code: Some(code),
        mapped_by: MappedBy::Named(named),
    };
    (placed & (1 << index) == 0).then_some((reading, contrast_after))
}

/// The reading of what weighed most: the best code, and the phrase or cue that weighed most
/// for it; or no code.
fn answer_of<C: Code>(
    lexicon: &Lexicon,
    codes: &[C],
    cues: &'static [Rule],
    best: Option<(usize, Result<usize, usize>)>,
) -> Reading<C> {
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

/// What the learnt weights answer for `text`, and the words most particular to it (see
/// [`Scores::particular`](crate::learned::Scores::particular)), the words of the clauses that
/// `found` has as stating nothing (questions, suppositions, hedges) passed over: where enough of
/// the text's features were learnt (see
/// [`Scores::known_enough`](crate::learned::Scores::known_enough)), the best class, where it is a
/// code (never `none`) that no cue that held rules out (`excluded`: a guess goes against no
/// placement the words make, even one another contradicts), leading every other class by the
/// fallback margin where the phrases and cues `matched` no code, or by the override margin where
/// they matched another.
fn learnt(
    learned: &Learned,
    text: &str,
    found: &Found,
    excluded: u64,
    matched: Option<usize>,
) -> Option<(usize, &'static str)> {
    let text = &text.as_bytes()[..text.len().min(crate::MAX_TEXT)];
    let scores = learned.score_outside(text, |at| found.is_hypothetical(at));
    if !scores.known_enough(learned.min_known_percent, learned.min_known_features) {
        return None;
    }
    let classes = learned.classes();
    // The weights' favourite, among every class: where the words rule it out, the weights
    // cannot tell, and say nothing.
    let (class, lead) = scores.best(classes)?;
    let margin = match matched {
        _ if class + 1 == classes => return None,
        _ if class < 64 && excluded & (1 << class) != 0 => return None,
        Some(code) if code == class => return None,
        Some(_) => learned.override_margin,
        None => learned.fallback_margin,
    };
    if lead < margin {
        return None;
    }
    let (feature, _) = scores.particular[class]?;
    Some((class, learned.words.get(feature)?))
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

/// Whether `identifier` is a code some table knows and no row of it answers in `C`: a state
/// (`in_waiting_room`), whose words name no cause.
fn silent<C: Code>(identifier: &str) -> bool {
    let mut known = false;
    for code in lookup(identifier) {
        if answer::<C>(code).is_some() {
            return false;
        }
        known = true;
    }
    known
}

/// The first code of any table that is `identifier` and answers in `C`.
fn exactly<C: Code>(identifier: &str) -> Option<(AnyCode, C)> {
    lookup(identifier).find_map(|code| Some((code, answer::<C>(code)?)))
}

/// Whether `run` may be a wire code named in text: a `snake_case` or `SCREAMING_CASE` name (it
/// has a `_`), or a three-digit status. A plain word is never taken for a code.
fn is_identifier(run: &[u8]) -> bool {
    (run.contains(&b'_') && run.len() <= crate::MAX_CODE_LEN) || is_status(run)
}

/// Whether `run` is a three-digit status (`429`).
fn is_status(run: &[u8]) -> bool {
    run.len() == 3 && run.iter().all(u8::is_ascii_digit)
}

/// The known code that `text` names last, if it answers in `C` (after a contrast, the stated
/// cause comes last: "a 503, then a 402"; a last status whose row answers nothing here leaves the
/// words to decide, and a `snake_case` code whose row answers nothing, a state, leaves the code
/// before it): a run of letters, digits and `_` that is a code of some table
/// (`bot_kicked_from_call`, `RATE_LIMITED`, or a three-digit status such as `429` that is no
/// count of time: "waited 503 seconds" names none), quotes around it aside, not hypothetical
/// (right before `would`, or in a clause `found` has as hypothetical: "if this were a
/// `lobby_timeout`"), and not within a negation's reach (`not a 429`: the reach is the
/// scanner's, up to a comma, a colon, a bracket, a clause's end, or a word that ends it such as
/// `because` or `then`). Reads at most
/// [`MAX_TEXT`](crate::MAX_TEXT) bytes; never allocates. Where a contrast (a word after which
/// the stated cause follows: `but`, `then`) came after the code, the last item is where the code
/// ends, a byte offset in the text, to compare with [`Found::stated_from`](crate::words::Found).
/// The flag beside says whether the text mentions a code of any table at all, named or
/// supposed, denied, or one whose row answers nothing here.
pub(crate) fn named_in_text<C: Code>(
    lexicon: &Lexicon,
    text: &str,
    found: &Found,
) -> (Option<(AnyCode, C, Option<usize>)>, bool) {
    let text = &text.as_bytes()[..text.len().min(crate::MAX_TEXT)];
    let mut named = None;
    let mut named_end = 0;
    let mut contrast_after = false;
    let mut mentioned = false;
    // The runs since the last break, the latest last, up to a negation's reach: a negation is
    // looked for among them only when a code is named, which is rare, so that the text's words
    // are not stemmed twice.
    let mut recent: [&[u8]; 8] = [&[]; 8];
    let reach = usize::from(lexicon.negation_reach).min(recent.len());
    let mut since_break = 0usize;
    let mut runs = Runs { text, at: 0 };
    while let Some(item) = runs.next() {
        let run = match item {
            Run::Break => {
                since_break = 0;
                continue;
            }
            Run::Word(run) => run,
        };
        let bare = trim_quotes(run);
        let counted = bare.len() == 3 && runs.followed_by(lexicon, crate::words::UNIT);
        let hypothetical =
            || runs.followed_by(lexicon, HYPOTHETICAL) || found.is_hypothetical(runs.at);
        if let Some(code) = known_code(bare, counted) {
            mentioned = true;
            let looked = since_break.min(reach);
            if !hypothetical() && !denied(lexicon, &recent[recent.len() - looked..]) {
                // The last code named decides. A status whose row answers nothing here (a
                // `402`) leaves the words to decide, as they would without it; a `snake_case`
                // code whose row answers nothing is a state the bot was in
                // (`in_call_recording`), not a cause: the code named before it stands.
                let answers = exactly(code);
                if answers.is_some() || is_status(bare) {
                    named = answers;
                    named_end = runs.at;
                    contrast_after = false;
                }
                push(&mut recent, run);
                since_break += 1;
                continue;
            }
        }
        // Only once a code is named are the words after it looked up, which is rare.
        if named.is_some() && !contrast_after {
            contrast_after = crate::words::class_of(lexicon, run)
                .is_some_and(|class| lexicon.is(class, crate::words::STATED_AFTER));
        }
        push(&mut recent, run);
        since_break += 1;
    }
    let named = named.map(|(code, answer)| (code, answer, contrast_after.then_some(named_end)));
    (named, mentioned)
}

/// `bare` as a code of some table, where it may be one (see [`is_identifier`]) and counts no
/// time (`503 seconds`).
fn known_code(bare: &[u8], counted: bool) -> Option<&str> {
    if !is_identifier(bare) || counted {
        return None;
    }
    let code = core::str::from_utf8(bare).ok()?;
    lookup(code).next().is_some().then_some(code)
}

/// Adds `run` to the `recent` words, the latest last.
fn push<'t>(recent: &mut [&'t [u8]; 8], run: &'t [u8]) {
    recent.copy_within(1.., 0);
    recent[recent.len() - 1] = run;
}

/// Whether the latest of `recent` words (the last one last) deny what follows: a negation
/// among them, with no word after it that ends its reach (`because`, `then`).
fn denied(lexicon: &Lexicon, recent: &[&[u8]]) -> bool {
    use crate::words::{NEGATION_END, STATED_AFTER};

    for word in recent.iter().rev() {
        if is_negation(lexicon, word) {
            return true;
        }
        let class = crate::words::class_of(lexicon, word);
        if class.is_some_and(|c| lexicon.is(c, NEGATION_END) || lexicon.is(c, STATED_AFTER)) {
            return false;
        }
    }
    false
}

/// A word of text, or a break of a negation's reach.
enum Run<'t> {
    Word(&'t [u8]),
    Break,
}

/// The words of a text for [`named_in_text`]: runs of ASCII letters, digits, `_` and
/// apostrophes (`'`, `’`, `‘`, `ʼ`: `wasn’t` is one word), and the breaks of a negation's reach
/// between them (`,`, `:`, `;`, `.`, `!`, `?`, brackets, line breaks, dashes).
struct Runs<'t> {
    text: &'t [u8],
    at: usize,
}

impl<'t> Runs<'t> {
    /// The length of a word byte (or apostrophe) at `at`, or 0.
    fn word_len(&self, at: usize) -> usize {
        match self.text.get(at) {
            Some(b) if b.is_ascii_alphanumeric() || *b == b'_' || *b == b'\'' => 1,
            Some(b) if b.is_ascii() => 0,
            Some(_) => apostrophe(&self.text[at..]),
            None => 0,
        }
    }

    /// Whether the next word has `flag`: a unit of time (`seconds`, `ms`), after which a number
    /// is a duration, not a status; or a word that makes what comes before it hypothetical
    /// (`would`).
    fn followed_by(&self, lexicon: &Lexicon, flag: u16) -> bool {
        let rest = &self.text[self.at..];
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let word: &[u8] = &rest[start..];
        let end = word
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(word.len());
        crate::words::class_of(lexicon, &word[..end]).is_some_and(|class| lexicon.is(class, flag))
    }
}

impl<'t> Iterator for Runs<'t> {
    type Item = Run<'t>;

    fn next(&mut self) -> Option<Run<'t>> {
        while self.at < self.text.len() {
            let len = self.word_len(self.at);
            if len > 0 {
                let start = self.at;
                let mut end = start;
                loop {
                    let len = self.word_len(end);
                    if len == 0 {
                        break;
                    }
                    end += len;
                }
                self.at = end;
                return Some(Run::Word(&self.text[start..end]));
            }
            let byte = self.text[self.at];
            let dash = is_dash(&self.text[self.at..]);
            self.at += if dash { 3 } else { 1 };
            if dash
                || matches!(
                    byte,
                    b',' | b':'
                        | b';'
                        | b'.'
                        | b'!'
                        | b'?'
                        | b'('
                        | b')'
                        | b'['
                        | b']'
                        | b'\n'
                        | b'\r'
                )
            {
                return Some(Run::Break);
            }
        }
        None
    }
}

/// A word without the apostrophes quoting it (`'bot_kicked_from_call'`, `‘…’`).
fn trim_quotes(mut run: &[u8]) -> &[u8] {
    loop {
        let before = run.len();
        run = &run[apostrophe(run)..];
        for tail in 1..=3 {
            if run.len() >= tail && apostrophe(&run[run.len() - tail..]) == tail {
                run = &run[..run.len() - tail];
                break;
            }
        }
        if run.len() == before {
            return run;
        }
    }
}

/// Whether `text` starts with a dash, `–` or `—` (a byte test first: most bytes are no dash).
#[inline]
fn is_dash(text: &[u8]) -> bool {
    text.first() == Some(&0xE2) && matches!(text, [_, 0x80, 0x93 | 0x94, ..])
}

/// Whether `word` is a negation word of the lexicon (`not`, `never`, `didnt`), or a contraction
/// with `n't` (`wasn't`).
fn is_negation(lexicon: &Lexicon, word: &[u8]) -> bool {
    // `n't` after a word, with any of the scanner's apostrophes, in any casing.
    if let Some((b't' | b'T', rest)) = word.split_last() {
        let contracted = (1..=3).any(|len| {
            rest.len() > len + 1
                && apostrophe(&rest[rest.len() - len..]) == len
                && rest[rest.len() - len - 1].eq_ignore_ascii_case(&b'n')
        });
        if contracted {
            return true;
        }
    }
    crate::words::class_of(lexicon, word).is_some_and(|c| lexicon.is(c, crate::words::NEGATION))
}

/// The most `_`-separated parts of an unknown code that the crate looks inside for a code it
/// knows (`new_bot_kicked_from_call_v2`): past them, the code is left to the cues' words.
pub const MAX_PARTS: usize = 16;

/// The known code that `code` is, or holds between its `_`s (longest first, then leftmost; of
/// one part, only a three-digit status) with no phrase of the lexicon in the parts around it, and
/// that answers in `C`:
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
            let found = scan(lexicon, &code.as_bytes()[from..to], Scan::Code);
            found.phrases.iter().all(|&bits| bits == 0)
        }
        _ => true,
    };
    // Two parts at least: a code of one word is a word, which the cues read; but a three-digit
    // status is a code (`zoom_http_503`), as in text.
    for len in (1..parts.len()).rev() {
        for first in 0..=parts.len() - len {
            let last = first + len - 1;
            let inner = &code[parts[first].0..parts[last].1];
            if len == 1 && !is_status(inner.as_bytes()) {
                continue;
            }
            // A code first, which is cheap to rule out; then the words around it.
            if inner.len() > crate::MAX_CODE_LEN {
                continue;
            }
            let Some(found) = exactly(inner) else {
                continue;
            };
            if neutral(&parts[..first]) && neutral(&parts[last + 1..]) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use alloc::string::String;

    use crate::recall::{BotStatus, SubCode};
    use crate::{AnyCode, Placed};

    use super::MAX_PARTS;

    /// `bot_kicked_from_call` among fillers the rules do not read, `parts` parts in all.
    fn among(parts: usize) -> String {
        let mut code = String::new();
        for filler in 0..parts - 4 {
            code.push_str(&alloc::format!("x{filler}_"));
        }
        code.push_str("bot_kicked_from_call");
        code
    }

    #[test]
    fn a_code_is_looked_for_among_max_parts_and_no_more() {
        let named = |code: &str| match SubCode::place_unknown(code, Some(BotStatus::CallEnded)) {
            Some(Placed::Named { code, .. }) => Some(code),
            _ => None,
        };
        let kicked = Some(AnyCode::RecallSubCode(SubCode::BotKickedFromCall));
        assert_eq!(named(&among(5)), kicked);
        assert_eq!(named(&among(MAX_PARTS)), kicked, "at the limit");
        assert_eq!(
            named(&among(MAX_PARTS + 1)),
            None,
            "past it: left to the cues"
        );
    }
}
