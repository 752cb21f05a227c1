//! The scan behind every word rule: one pass over a text (a free-text reason, or a code's
//! `snake_case` words) that splits it into tokens, looks each one up in a lexicon compiled from
//! the YAML, and reports the phrases and cues found. It never allocates, and its work is linear
//! in the bytes it reads, of which it reads at most [`MAX_TEXT`].
//!
//! Tokens are runs of ASCII letters and digits, lower-cased, and split where a lower-case letter
//! meets an upper-case one, or an acronym meets a word (`NullPointerException` is `null pointer
//! exception`, `OOMKilled` is `oom killed`). An apostrophe
//! inside a word (`'`, `’`, `‘`, `ʼ`) joins it (`host’s` is `hosts`), except in the contraction
//! `n't`, which is the word `not` (`hasn’t` is `has not`). Every other byte separates words;
//! `.`, `;`, `!`, `?`, line breaks and dashes (`–`, `—`, a lone ` - `) also end a clause.
//!
//! A negation word of the lexicon (`not`, `never`) reaches over the next few words (the lexicon's
//! `negation_reach`), up to a comma, a colon, a bracket, the clause's end or a word that ends its
//! reach (`because`): a phrase found within its reach is not counted, unless the phrase holds a
//! negation itself (`host never joined`). A cue holds when each of its groups has a counted phrase
//! in one clause (or, for a cue of the whole text, anywhere).
//!
//! A contrast tells the stated cause from a preliminary one. After a word such as `then` or `but`
//! (which also ends a clause), what comes next is the stated cause, and what was found before it
//! is preliminary; after a word such as `after`, what follows up to the clause's end is
//! preliminary. [`Found::late`] holds what was stated. (A semicolon or a dash only ends a clause:
//! in the reasons people write it as often goes on with the same cause as turns to another.)
//! Words are compared by their stems (`src/stem.rs`, the rule set the generator stems the
//! lexicon's words by), so `deny`, `denies` and `denied` are one word.

/// The hash of a token, to find it in a lexicon's slots: FNV-1a, 32 bits. A `const fn`, so
/// that the slots are built when the crate compiles, here and nowhere else.
#[inline]
const fn hash(word: &[u8]) -> u32 {
    crate::learned::fnv(crate::learned::FNV_OFFSET, word)
}

/// The number of slots for `words` words: a power of two, at most half full.
pub(crate) const fn slot_count(words: usize) -> usize {
    let wanted = if words == 0 { 2 } else { words * 2 };
    wanted.next_power_of_two()
}

/// An open-addressing hash table of `words` (FNV-1a, linear probing): each slot holds the index
/// of a word, or `u16::MAX`. Built at compile time from the generated word list, so a lookup
/// hashes the token and compares one or two words.
pub(crate) const fn slots<const N: usize>(words: &[(&[u8], u16)]) -> [u16; N] {
    let mut slots = [u16::MAX; N];
    let mut index = 0;
    while index < words.len() {
        crate::learned::put(&mut slots, hash(words[index].0), index);
        index += 1;
    }
    slots
}

/// The most bytes of a text that are read; the rest is not looked at. A reason or a code longer
/// than this is no longer a sentence, and the bound keeps a hostile one from costing more.
pub const MAX_TEXT: usize = 64 * 1024;

/// The longest word the scan reads as a word: a longer run of letters and digits is a word no
/// lexicon knows (it is still a word, and still ends in `n't` when it does).
pub const MAX_WORD: usize = 64;
const _: () = assert!(
    MAX_WORD <= crate::stem::MAX,
    "every word the scan reads is stemmed"
);

/// A word the scan passes over (`the`).
pub(crate) const SKIP: u16 = 1;
/// A word that negates the phrases within its reach (`no`).
pub(crate) const NEGATION: u16 = 2;
/// A word that ends a negation's reach (`because`).
pub(crate) const NEGATION_END: u16 = 4;
/// A word after which the stated cause follows (`then`, `but`); it ends a clause.
pub(crate) const STATED_AFTER: u16 = 8;
/// A word after which a preliminary cause follows, up to the clause's end (`after`).
pub(crate) const STATED_BEFORE: u16 = 16;
/// A unit of time (`seconds`): a number before it is a duration.
pub(crate) const UNIT: u16 = 32;
/// A flag of a class: a word that makes what comes right before it hypothetical (`would`);
/// first in a clause and followed by a skipped word, it makes the clause hypothetical ("could be
/// the VPN").
pub(crate) const HYPOTHETICAL: u16 = 64;
/// A flag of a class: a word that makes its clause hypothetical from there to its end (`if`).
pub(crate) const CONDITIONAL: u16 = 128;
/// A flag of a class: a word that, first in a clause that ends in `?`, asks whether something
/// happened (`was`, `could`).
pub(crate) const ASKING: u16 = 256;
/// A flag of a class: a word that answers a question yes (`yes`).
pub(crate) const AFFIRMATION: u16 = 512;

/// The most hypothetical clauses of each kind a reading of free text tells apart: clauses from
/// `if`, `whether` or `maybe` to their end, and hedges ("could be the VPN"); and questions that
/// state nothing ("was it kicked? no, …", "could this be the VPN?"), in which nothing is found
/// and no code is named. Past them, the last of its kind grows to cover every further one, and
/// what lies between (a question that only asks is then read as any clause): past this many, a
/// text is no sentence.
pub const MAX_HYPOTHETICAL: usize = 8;

/// No phrase: a word the lexicon does not know, in the window of recent words.
const NONE: u16 = u16::MAX;

/// The most words of a phrase.
const MAX_WORDS: usize = 8;

/// The most phrases of a lexicon (the set of the phrases found is a fixed bit set).
pub(crate) const MAX_PHRASES: usize = 2048;

/// Fails the build where a generated lexicon holds more than [`MAX_PHRASES`] phrases: each
/// calls it in a `const` with its count.
pub(crate) const fn phrases_fit(count: usize) {
    assert!(
        count <= MAX_PHRASES,
        "a lexicon holds more phrases than MAX_PHRASES"
    );
}

/// A phrase of a lexicon: its words, and what finding it means.
#[derive(Debug)]
pub(crate) struct Phrase {
    /// The phrase as the YAML writes it.
    pub text: &'static str,
    /// Its words' classes, in order.
    pub words: &'static [u16],
    /// The code (an index into the reader's codes) it scores for, or `u16::MAX`.
    pub target: u16,
    /// What it adds to its code's score.
    pub weight: u16,
    /// The cue groups it belongs to, one bit each.
    pub bits: u64,
}

/// The words, phrases and cues of one rule set, compiled from the YAML by the generator: data
/// only, read by [`scan`] and [`best`].
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// The stem of every word the lexicon knows and its class, sorted by the stem's bytes.
    pub words: &'static [(&'static [u8], u16)],
    /// The words' hash table, from [`slots`].
    pub slots: &'static [u16],
    /// For each class, what its words do besides being words of phrases: [`SKIP`],
    /// [`NEGATION`], [`NEGATION_END`], [`STATED_AFTER`], [`STATED_BEFORE`], [`UNIT`],
    /// [`HYPOTHETICAL`], [`CONDITIONAL`], [`ASKING`], [`AFFIRMATION`], one bit each.
    pub flags: &'static [u16],
    /// How many words after a negation it reaches.
    pub negation_reach: u8,
    /// The class of `not`, if the lexicon has the word: the `n't` of a contraction.
    pub not: Option<u16>,
    /// The longest stem the lexicon knows.
    pub max_token: usize,
    /// For each class: the phrases that end with it.
    pub ending: &'static [&'static [u16]],
    pub phrases: &'static [Phrase],
    /// For each cue: the bits of its groups, all of which must be found in one clause.
    pub cues: &'static [u64],
    /// For each cue: whether its groups may be anywhere in the text, not in one clause.
    pub whole_text: &'static [bool],
}

/// What a scan found.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Found {
    /// The cues that held, one bit each.
    pub cues: u64,
    /// The phrases found, one bit each.
    pub phrases: [u64; MAX_PHRASES / 64],
    /// What was stated: the cues and phrases found after the last contrast that something
    /// followed, outside a preliminary clause. What was found and is not here is preliminary.
    pub late: Late,
    /// Where what was stated begins: the end (a byte offset in the text) of the contrast that
    /// [`late`](Found::late) follows, or 0 when no contrast was followed by a find. A code named
    /// before it yields to what was stated, whether or not anything was found before the
    /// contrast; one named after it does not.
    pub stated_from: usize,
    /// The questions that state nothing ("was it kicked? no, …", "could this be the VPN?", see
    /// [`questions`]), in which nothing is found.
    pub asked: Spans,
    /// The clauses from a [`CONDITIONAL`] word to their end, in which nothing is found.
    pub supposed: Spans,
}

/// Hypothetical clauses of one kind, as byte ranges of the text (start and end, both within),
/// added in the text's order: at most [`MAX_HYPOTHETICAL`], the last growing to cover every
/// further one.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Spans {
    spans: [(usize, usize); MAX_HYPOTHETICAL],
    len: usize,
}

impl Spans {
    /// The clauses, in the text's order.
    pub fn as_slice(&self) -> &[(usize, usize)] {
        &self.spans[..self.len]
    }

    /// Whether the byte offset `at` is in one of the clauses.
    pub fn contains(&self, at: usize) -> bool {
        self.as_slice()
            .iter()
            .any(|&(start, end)| start <= at && at <= end)
    }

    /// Whether [`MAX_HYPOTHETICAL`] clauses are told apart already.
    pub fn is_full(&self) -> bool {
        self.len == MAX_HYPOTHETICAL
    }

    /// Adds a clause that begins after the last; past [`MAX_HYPOTHETICAL`], the last one grows
    /// to its end.
    fn push(&mut self, start: usize, end: usize) {
        match self.spans.get_mut(self.len) {
            Some(slot) => {
                *slot = (start, end);
                self.len += 1;
            }
            None => self.spans[MAX_HYPOTHETICAL - 1].1 = end,
        }
    }
}

/// The cues and phrases of [`Found`] that were stated, not preliminary.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Late {
    /// The cues, one bit each.
    pub cues: u64,
    /// The phrases, one bit each.
    pub phrases: [u64; MAX_PHRASES / 64],
}

impl Found {
    /// Whether anything found is preliminary: a cause a contrast set aside.
    pub fn has_preliminary(&self) -> bool {
        self.cues & !self.late.cues != 0
            || self
                .phrases
                .iter()
                .zip(&self.late.phrases)
                .any(|(all, late)| all & !late != 0)
    }

    /// Whether the byte offset `at` is in a hypothetical clause of either kind.
    pub fn is_hypothetical(&self, at: usize) -> bool {
        self.asked.contains(at) || self.supposed.contains(at)
    }

    /// Whether phrase `index` was stated.
    pub fn is_late_phrase(&self, index: usize) -> bool {
        self.late.phrases[index / 64] & (1 << (index % 64)) != 0
    }
}

impl Found {
    /// The phrases found, by index.
    pub fn phrases(&self) -> impl Iterator<Item = usize> + '_ {
        self.phrases.iter().enumerate().flat_map(|(word, &bits)| {
            // The set bits alone, lowest first.
            let mut left = bits;
            core::iter::from_fn(move || {
                let bit = left.trailing_zeros() as usize;
                (left != 0).then(|| {
                    left &= left - 1;
                    word * 64 + bit
                })
            })
        })
    }
}

/// The cue groups found in a clause or a text, one bit each: all of them, and those found outside
/// a code that names no cause (see [`Reading`]). A cue holds where all its groups were found and
/// one of them outside such a code: the code's words may complete a cue, never make one alone
/// (`recording_permission_denied` is a status, not a refusal).
#[derive(Clone, Copy, Default)]
struct Groups {
    all: u64,
    outside: u64,
}

impl Groups {
    fn hold(self, mask: u64) -> bool {
        self.all & mask == mask && self.outside & mask != 0
    }
}

/// The scan's state: the recent words, the cue groups of the clause and the text so far, the
/// reach of a negation, and where the scan stands between contrasts.
struct Scanner<'l> {
    lexicon: &'l Lexicon,
    window: [u16; MAX_WORDS],
    /// For each word of `window`: whether a negation before it reached it.
    reached: [bool; MAX_WORDS],
    clause: Groups,
    text: Groups,
    found: Found,
    /// How many more words the last negation reaches.
    negated: u8,
    /// Whether the clause is preliminary from here (after `after`).
    preliminary: bool,
    /// Whether a contrast came, and nothing was found since: what is found next starts what
    /// is stated.
    contrast: bool,
    /// Where the word being read ends, as a byte offset in the text.
    at: usize,
    /// Where the last contrast ended.
    contrast_at: usize,
    /// Where the hypothetical clause being read began, if it is one.
    conditional: Option<usize>,
    /// Whether a word of the clause was read, skipped words aside.
    opened: bool,
    /// Where a [`HYPOTHETICAL`] word that began the clause was read, until the next word shows
    /// whether it hedges: a skipped word ("could be the VPN", "might have been") makes the
    /// clause hypothetical; any other ("could not join", "could only record") does not.
    hedge: Option<usize>,
    /// Whether the hypothetical clause being read began with a hedge: a comma, a colon or a
    /// bracket ends it ("could be the VPN, logs show the connection dropped").
    hedged: bool,
    /// The first question that states nothing and has not ended before the word being read.
    question: usize,
    /// Where the words of the last code that names no cause (see [`Reading`]) end: from its
    /// first `_` to the byte after its last letter.
    state: core::ops::Range<usize>,
}

/// What a scan reads: a code, whose parts are words; or free text, where the words of a code
/// that some table knows and whose row answers nothing in the reading's table (the function
/// tells which runs are such codes) name no cause: `in_waiting_room` is a state the bot was in, not a cause. They still
/// say where the bot was, so they count in cues (`in_call_recording` places the failure in the
/// call). A code whose row answers keeps its words as phrases: where the text rules that answer
/// out (`call_ended_by_host` before admission), they still say what happened.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Reading {
    Text(fn(&str) -> bool),
    Code,
}

impl Lexicon {
    /// Whether words of `class` have `flag`.
    pub(crate) fn is(&self, class: u16, flag: u16) -> bool {
        self.flags
            .get(usize::from(class))
            .is_some_and(|flags| flags & flag != 0)
    }
}

impl Scanner<'_> {
    fn word(&mut self, class: Option<u16>) {
        let lexicon = self.lexicon;
        if let Some(class) = class {
            if lexicon.is(class, SKIP) {
                if let Some(start) = self.hedge.take() {
                    if self.conditional.is_none() {
                        self.conditional = Some(start);
                        self.hedged = true;
                    }
                }
                return;
            }
            if lexicon.is(class, STATED_AFTER) {
                self.end_clause();
                self.contrast = true;
                self.contrast_at = self.at;
                return;
            }
            if lexicon.is(class, NEGATION_END) {
                self.negated = 0;
            }
        }
        self.hedges(class);
        self.window.copy_within(1.., 0);
        self.window[MAX_WORDS - 1] = class.unwrap_or(NONE);
        let reached = self.negated > 0;
        self.reached.copy_within(1.., 0);
        self.reached[MAX_WORDS - 1] = reached;
        self.negated = self.negated.saturating_sub(1);
        let Some(class) = class else { return };
        if lexicon.is(class, NEGATION) {
            self.negated = lexicon.negation_reach;
        }
        if lexicon.is(class, CONDITIONAL) && self.conditional.is_none() {
            self.conditional = Some(self.at);
        }
        let spent = self.phrases_ending(class, reached);
        if spent {
            self.negated = 0;
        }
        // What follows `after` is preliminary; a phrase that ends with it (`arrive after`) is
        // not.
        if lexicon.is(class, STATED_BEFORE) {
            self.preliminary = true;
        }
    }

    /// A [`HYPOTHETICAL`] word first in its clause (or after a comma, a colon or a bracket)
    /// makes the clause hypothetical from there when a skipped word follows it ("could be a
    /// wrong link", "might have been the VPN"; see [`word`](Self::word)); any other word after it
    /// states ("could not join", "could only record"), and so does this one.
    fn hedges(&mut self, class: Option<u16>) {
        let lexicon = self.lexicon;
        self.hedge = None;
        if !self.opened {
            self.opened = true;
            if class.is_some_and(|c| lexicon.is(c, HYPOTHETICAL)) {
                self.hedge = Some(self.at);
            }
        }
    }

    /// Finds the phrases that end with the word of `class` just read (`reached` by a negation
    /// or not); returns whether one of them holds the negation, which it then spends.
    fn phrases_ending(&mut self, class: u16, reached: bool) -> bool {
        if self.conditional.is_some() || self.asked() {
            return false;
        }
        let lexicon = self.lexicon;
        let ending = lexicon
            .ending
            .get(usize::from(class))
            .copied()
            .unwrap_or(&[]);
        let mut spent = false;
        for &index in ending {
            let phrase = &lexicon.phrases[usize::from(index)];
            if !self.window.ends_with(phrase.words) {
                continue;
            }
            // Within a negation's reach, only a phrase that holds a negation itself counts, and
            // only where no negation before it reaches its first word (`not meeting not found`);
            // a phrase whose first word a negation reaches is denied, wherever it ends ("not
            // removed: the bot ..." states no `remove bot`).
            let holds_negation = phrase.words.iter().any(|&w| lexicon.is(w, NEGATION));
            let first_reached = MAX_WORDS
                .checked_sub(phrase.words.len())
                .and_then(|first| self.reached.get(first))
                .is_some_and(|&reached| reached);
            if (reached && !holds_negation) || first_reached {
                continue;
            }
            // A phrase that holds the negation (`not allow`) spends it: what follows is read.
            spent |= holds_negation;
            self.clause.all |= phrase.bits;
            self.text.all |= phrase.bits;
            if self.state.contains(&self.at) {
                continue;
            }
            self.clause.outside |= phrase.bits;
            self.text.outside |= phrase.bits;
            let index = usize::from(index);
            self.found.phrases[index / 64] |= 1 << (index % 64);
            if !self.preliminary {
                self.stated();
                self.found.late.phrases[index / 64] |= 1 << (index % 64);
            }
        }
        spent
    }

    /// Whether the word being read is in a question that states nothing: the questions are in
    /// order and apart, so that each word looks at one.
    fn asked(&mut self) -> bool {
        let spans = self.found.asked.as_slice();
        while spans
            .get(self.question)
            .is_some_and(|&(_, end)| end < self.at)
        {
            self.question += 1;
        }
        spans
            .get(self.question)
            .is_some_and(|&(start, _)| start <= self.at)
    }

    /// Something stated was found: after a contrast, what was stated before is preliminary.
    fn stated(&mut self) {
        if self.contrast {
            self.contrast = false;
            self.found.stated_from = self.contrast_at;
            self.found.late = Late::default();
        }
    }

    /// The cues that hold on `groups`, among those of the clause or of the whole text.
    fn hold(&mut self, groups: Groups, whole_text: bool) {
        if groups.outside == 0 {
            return;
        }
        for (index, &mask) in self.lexicon.cues.iter().enumerate() {
            let scope = self.lexicon.whole_text.get(index) == Some(&true);
            if scope == whole_text && groups.hold(mask) {
                self.found.cues |= 1 << index;
                // A cue of a clause is stated where the clause is; one of the whole text sets
                // nothing aside.
                if !whole_text {
                    self.stated();
                }
                self.found.late.cues |= 1 << index;
            }
        }
    }

    /// A comma, a colon or a bracket: it ends a negation's reach and a hedged clause, and what
    /// follows it opens anew ("[11:03] marc: could be the VPN"). A colon ends any hypothetical
    /// clause: what follows it answers or explains ("asked whether it was rejected: it was not,
    /// the host never came").
    fn end_reach(&mut self, colon: bool) {
        self.negated = 0;
        if self.hedged || colon {
            self.hedged = false;
            if let Some(start) = self.conditional.take() {
                self.found.supposed.push(start, self.at);
            }
        }
        self.opened = false;
        self.hedge = None;
    }

    fn end_clause(&mut self) {
        if let Some(start) = self.conditional.take() {
            self.found.supposed.push(start, self.at);
        }
        self.hold(self.clause, false);
        self.clause = Groups::default();
        self.window = [NONE; MAX_WORDS];
        self.reached = [false; MAX_WORDS];
        self.negated = 0;
        self.preliminary = false;
        self.opened = false;
        self.hedge = None;
        self.hedged = false;
    }

    fn end_text(&mut self) {
        self.end_clause();
        self.hold(self.text, true);
    }
}

/// Finds the questions of `text` that state nothing, and adds each to `found.asked`. A question
/// is a clause that ends in `?` (or `??`, `?!?`), where the `?` is followed by no letter, digit
/// or `_` (as in a link's `?pwd=`). It states nothing when it is answered no: "was it kicked?
/// no, it never got in" asks about a kick and rules it out; or when it asks whether something
/// happened (its first word past a speaker's tag is an [`ASKING`] word: "could this be a
/// network issue? still investigating") and is not answered yes. The answer is the first word
/// after the `?`, past a speaker's tag (`[11:03] marc:`; see [`first_word`]): a negation or a
/// conditional word standing alone (`no`, `nope`, `maybe`) says no, an [`AFFIRMATION`] (`yes`,
/// "yes it was") says yes. Any other question ("why was it removed?") is read as any clause,
/// and so is one that only asks, past the [`MAX_HYPOTHETICAL`] questions told apart. Each byte
/// is looked at a bounded number of times: a question's clause ends at the clause before it,
/// the marks before its `?` are looked at back to the `?` before, and its answer is read up to
/// the next `?`.
fn questions(lexicon: &Lexicon, text: &[u8], found: &mut Found) {
    let mut from = 0;
    // Where the marks and spaces before the last `?` began.
    let mut previous = 0;
    while let Some(offset) = text[from..].iter().position(|&b| b == b'?') {
        let mark = from + offset;
        // The question's clause ends before the marks and spaces that end it (`?? `, `?!?`),
        // looked at back to the last `?`, whose own run this one then continues: each byte
        // once.
        let floor = from;
        from = mark + 1;
        let mut first = mark;
        while first > floor && matches!(text[first - 1], b'?' | b'!' | b' ' | b'\t') {
            first -= 1;
        }
        if first == floor && floor > 0 {
            first = previous;
        }
        previous = first;
        if text
            .get(mark + 1)
            .is_some_and(|&b| b == b'?' || is_code_byte(b))
        {
            continue;
        }
        let (class, alone) = match first_word(&text[mark + 1..]) {
            Some((word, alone)) => (class_of(lexicon, &text[mark + 1..][word]), alone),
            None => (None, false),
        };
        let is = |flag: u16| class.is_some_and(|class| lexicon.is(class, flag));
        let (no, yes) = (alone && (is(NEGATION) || is(CONDITIONAL)), is(AFFIRMATION));
        if yes {
            continue;
        }
        let start = (0..first)
            .rev()
            .find(|&at| breaks(text, at) == Break::Clause)
            .map_or(0, |at| at + 1);
        // Past the most questions told apart, one that only asks is read as any clause: the
        // last would grow over what the text states between them.
        let asking = !no && !found.asked.is_full() && asks(lexicon, &text[start..first]);
        if no || asking {
            found.asked.push(start, mark);
        }
    }
}

/// Whether the first word of `question`, past a speaker's tag, is an [`ASKING`] word (`was`,
/// `could`).
fn asks(lexicon: &Lexicon, question: &[u8]) -> bool {
    first_word(question)
        .and_then(|(word, _)| class_of(lexicon, &question[word]))
        .is_some_and(|class| lexicon.is(class, ASKING))
}

/// The first word of `text` (a question, or what follows one), past at most a timestamp and a
/// name that end in `:`, `]` or `)` (`[11:03] marc:`, `[raj]`), and whether it stands alone: at
/// the text's end, or before spaces and then a mark that ends a clause or a negation's reach
/// (`,`, `.`, `;`, a bracket, a dash), or a `-` and a space.
fn first_word(text: &[u8]) -> Option<(core::ops::Range<usize>, bool)> {
    let mut at = 0;
    for _ in 0..3 {
        while text
            .get(at)
            .is_some_and(|&b| !b.is_ascii_alphabetic() && b != b'?')
        {
            at += 1;
        }
        if !text.get(at).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let len = text[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let rest = &text[at + len..];
        let next = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
        if let Some(b':' | b']' | b')') = rest.get(next) {
            at += len + next + 1;
            continue;
        }
        let alone = next == rest.len()
            || matches!(breaks(rest, next), Break::Clause | Break::Reach)
            || (rest[next] == b'-' && rest.get(next + 1).is_some_and(u8::is_ascii_whitespace));
        return Some((at..at + len, alone));
    }
    None
}

/// Whether `byte` may be in a code: an ASCII letter, a digit or `_`.
#[inline]
fn is_code_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Whether `run` (letters, digits and `_`) is, as `silent` tells, a code whose words name no
/// cause.
fn is_silent_code(run: &[u8], silent: fn(&str) -> bool) -> bool {
    run.len() <= crate::MAX_CODE_LEN && core::str::from_utf8(run).is_ok_and(silent)
}

pub(crate) use crate::learned::apostrophe;

/// What the byte at `at`, which is no letter or digit, does to a clause.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Break {
    /// Nothing.
    None,
    /// It ends a negation's reach: `,`, `:`, a bracket.
    Reach,
    /// It ends the clause: `.`, `;`, `!`, `?`, a line break, `–`, `—`, a ` - `.
    Clause,
}

/// What the byte at `at` does to a clause (see [`Break`]).
fn breaks(text: &[u8], at: usize) -> Break {
    match text[at..] {
        // A dot inside a name (`participant.removed`, `bot.fatal`, `3.5`) ends no clause.
        [b'.', next, ..] if next.is_ascii_alphanumeric() => Break::None,
        [b'.' | b';' | b'!' | b'?' | b'\n' | b'\r', ..] => Break::Clause,
        [0xE2, 0x80, 0x93 | 0x94, ..] => Break::Clause,
        [b'-', b' ', ..] if at > 0 && text[at - 1] == b' ' => Break::Clause,
        [b',' | b':' | b'(' | b')' | b'[' | b']', ..] => Break::Reach,
        _ => Break::None,
    }
}

/// Scans at most [`MAX_TEXT`] bytes of `text` with `lexicon`, read as `reading` says.
pub(crate) fn scan(lexicon: &Lexicon, text: &[u8], reading: Reading) -> Found {
    let text = &text[..text.len().min(MAX_TEXT)];
    let mut scanner = Scanner {
        lexicon,
        window: [NONE; MAX_WORDS],
        reached: [false; MAX_WORDS],
        clause: Groups::default(),
        text: Groups::default(),
        found: Found::default(),
        negated: 0,
        preliminary: false,
        contrast: false,
        at: 0,
        contrast_at: 0,
        state: 0..0,
        conditional: None,
        opened: false,
        hedge: None,
        hedged: false,
        question: 0,
    };
    if let Reading::Text(_) = reading {
        questions(lexicon, text, &mut scanner.found);
    }
    let mut token = Token::default();
    let mut at = 0;
    // Where the run of letters, digits and `_` being read began, and where the last one looked
    // up as a code ended: each run with a `_` is looked up once, at its first `_`.
    let mut run_start = 0;
    let mut looked_up = 0;
    while at < text.len() {
        scanner.at = at;
        let byte = text[at];
        if byte.is_ascii_alphanumeric() {
            if token.len == 0 && (at == 0 || !is_code_byte(text[at - 1])) {
                run_start = at;
            }
            at = token.letter(&mut scanner, text, at);
            continue;
        }
        if let (b'_', Reading::Text(silent)) = (byte, reading)
            && at >= looked_up
            && at > run_start
        {
            let end = at + text[at..].iter().take_while(|b| is_code_byte(**b)).count();
            looked_up = end;
            if is_silent_code(&text[run_start..end], silent) {
                // Its first word ends here, its last one at `end`.
                scanner.state = at..end + 1;
            }
        }
        at = token.other(&mut scanner, text, at);
    }
    scanner.at = text.len();
    token.end(&mut scanner);
    scanner.end_text();
    scanner.found
}

/// The word being read: its first [`MAX_WORD`] bytes lower-cased, its length (which may pass
/// `MAX_WORD`), and its last byte, lower-cased.
struct Token {
    bytes: [u8; MAX_WORD],
    len: usize,
    last: u8,
}

impl Default for Token {
    fn default() -> Self {
        Token {
            bytes: [0; MAX_WORD],
            len: 0,
            last: 0,
        }
    }
}

impl Token {
    /// Reads the letter or digit at `at`; where a camel-cased word starts (`lowerUpper`,
    /// `ACRONYMWord`), the word before it ends. Returns where to read next.
    fn letter(&mut self, scanner: &mut Scanner<'_>, text: &[u8], at: usize) -> usize {
        let byte = text[at];
        if crate::learned::camel_starts(text, at) {
            self.end(scanner);
        }
        self.last = byte.to_ascii_lowercase();
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = self.last;
        }
        self.len += 1;
        at + 1
    }

    /// Reads the byte at `at`, which is no letter or digit: an apostrophe inside a word joins it
    /// (or, in `n't`, ends it and reads `not`); anything else ends the word, and may end the
    /// clause. Returns where to read next.
    fn other(&mut self, scanner: &mut Scanner<'_>, text: &[u8], at: usize) -> usize {
        let joined = if self.len > 0 {
            apostrophe(&text[at..])
        } else {
            0
        };
        if joined > 0 {
            let after = text.get(at + joined).map(u8::to_ascii_lowercase);
            let word_after = text
                .get(at + joined + 1)
                .is_some_and(u8::is_ascii_alphanumeric);
            if self.len > 1 && self.last == b'n' && after == Some(b't') && !word_after {
                // `hasn't`: `has`, then `not`.
                scanner.word(lookup(scanner.lexicon, &mut self.bytes, self.len - 1));
                scanner.word(scanner.lexicon.not);
                self.len = 0;
                return at + joined + 1;
            }
            return at + joined;
        }
        self.end(scanner);
        match breaks(text, at) {
            Break::None => {}
            Break::Reach => scanner.end_reach(text[at] == b':'),
            Break::Clause => scanner.end_clause(),
        }
        at + 1
    }

    /// Ends the word being read, if any.
    fn end(&mut self, scanner: &mut Scanner<'_>) {
        if self.len > 0 {
            scanner.word(lookup(scanner.lexicon, &mut self.bytes, self.len));
            self.len = 0;
        }
    }
}

/// The class of `word` (in any casing, by its stem), if the lexicon knows it.
pub(crate) fn class_of(lexicon: &Lexicon, word: &[u8]) -> Option<u16> {
    if word.len() > MAX_WORD {
        return None;
    }
    let mut token = [0; MAX_WORD];
    for (slot, byte) in token.iter_mut().zip(word) {
        *slot = byte.to_ascii_lowercase();
    }
    lookup(lexicon, &mut token, word.len())
}

/// The class of the stem of the token's first `len` bytes, found in the lexicon's hash table.
/// The token is stemmed in place: it is read once.
fn lookup(lexicon: &Lexicon, token: &mut [u8; MAX_WORD], len: usize) -> Option<u16> {
    if len > MAX_WORD || len > lexicon.max_token + crate::stem::MAX_CUT || lexicon.slots.is_empty()
    {
        return None;
    }
    let len = crate::stem::stem(&mut token[..len]);
    if len > lexicon.max_token {
        return None;
    }
    let word = &token[..len];
    let mask = lexicon.slots.len() - 1;
    let mut slot = hash(word) as usize & mask;
    // At most half full: an empty slot ends every probe.
    for _ in 0..lexicon.slots.len() {
        let &(known, class) = lexicon.words.get(usize::from(lexicon.slots[slot]))?;
        if known == word {
            return Some(class);
        }
        slot = (slot + 1) & mask;
    }
    None
}

/// How a free-text reading weighs what the scan found: per cue its code, weight and the codes it
/// rules out; per code its rank for ties (lower first); and, where a contrast set a cause aside,
/// what the stated cause weighs, in percent of what it would.
#[derive(Debug)]
pub(crate) struct Scoring {
    pub cue_targets: &'static [u16],
    pub cue_weights: &'static [u16],
    /// Per cue: the codes it rules out as a placement, one bit per code.
    pub cue_excludes: &'static [u64],
    /// Per cue: the codes it clears whatever else held, one bit per code.
    pub cue_clears: &'static [u64],
    pub rank: &'static [u8],
    pub stated_percent: u16,
}

impl Scoring {
    /// The codes that the cues that held rule out, one bit per code: those they place the
    /// failure away from ([`placed`](Self::placed)), and those a stated cue clears
    /// ([`cleared`](Self::cleared)). (`crate::rules::read` computes the two apart, and needs
    /// `placed` alone for a code the text names.)
    #[cfg(test)]
    pub(crate) fn excluded(&self, found: &Found) -> u64 {
        self.placed(found) | self.cleared(found)
    }

    /// The codes that a cue that held and was stated (not set aside by a contrast: "network
    /// stable until 10:14, then the bot dropped") clears ("the passcode was correct"), whatever
    /// else held, one bit per code.
    pub(crate) fn cleared(&self, found: &Found) -> u64 {
        self.cue_clears
            .iter()
            .enumerate()
            .filter(|(cue, _)| found.late.cues & (1 << cue) != 0)
            .fold(0, |all, (_, codes)| all | codes)
    }

    /// The codes that any cue that held rules out as a placement, whether or not another
    /// contradicts it: what a guess must not go against.
    pub(crate) fn placed_anywhere(&self, found: &Found) -> u64 {
        self.cue_excludes
            .iter()
            .enumerate()
            .filter(|(cue, _)| found.cues & (1 << cue) != 0)
            .fold(0, |all, (_, codes)| all | codes)
    }

    /// The codes that the cues that held place the failure away from, one bit per code. Cues
    /// that name no code and only rule codes out (`excludes`) say where the failure was (before
    /// the bot joined, in the call); where two of them held and disagree, the text contradicts
    /// itself on where, and neither rules anything out.
    pub(crate) fn placed(&self, found: &Found) -> u64 {
        let held = |cue: &usize| found.cues & (1 << cue) != 0;
        let placing = |cue: &usize| self.cue_targets.get(*cue) == Some(&u16::MAX);
        let mut places = self
            .cue_excludes
            .iter()
            .enumerate()
            .filter(|(cue, codes)| held(cue) && placing(cue) && **codes != 0)
            .map(|(_, codes)| *codes);
        let first = places.next();
        let agree = places.all(|codes| Some(codes) == first);
        self.cue_excludes
            .iter()
            .enumerate()
            .filter(|(cue, _)| held(cue) && (agree || !placing(cue)))
            .fold(0, |all, (_, codes)| all | codes)
    }
}

/// The best code of a free-text reading: each phrase found adds its weight to its code, each cue
/// that held adds its weight to its own, what was stated after a contrast weighing
/// `stated_percent` of that; a code the cues that held rule out (`excluded`: what they place
/// the failure away from, [`Scoring::placed`], and what they clear, [`Scoring::cleared`])
/// scores nothing. The highest score wins, a tie goes to the code that comes first in `rank` (lower is first). Returns the code's
/// index and what weighed most for it: `Ok(phrase)` or `Err(cue)`.
pub(crate) fn best(
    lexicon: &Lexicon,
    found: &Found,
    scoring: &Scoring,
    excluded: u64,
) -> Option<(usize, Result<usize, usize>)> {
    let contrast = found.has_preliminary();
    let weigh = |weight: u16, late: bool| -> u32 {
        if contrast && late {
            u32::from(weight) * u32::from(scoring.stated_percent)
        } else {
            u32::from(weight) * 100
        }
    };
    // Per code: its score and its strongest source.
    let mut scores = [(0u32, 0u32, Ok(0)); 64];
    let mut add = |target: u16, weight: u32, source: Result<usize, usize>| {
        let Some(entry) = scores.get_mut(usize::from(target)) else {
            return;
        };
        if excluded & (1 << target) != 0 {
            return;
        }
        entry.0 += weight;
        if weight > entry.1 {
            entry.1 = weight;
            entry.2 = source;
        }
    };
    for index in found.phrases() {
        let phrase = &lexicon.phrases[index];
        if phrase.target != u16::MAX {
            add(
                phrase.target,
                weigh(phrase.weight, found.is_late_phrase(index)),
                Ok(index),
            );
        }
    }
    let cues = scoring.cue_targets.iter().zip(scoring.cue_weights);
    for (cue, (&target, &weight)) in cues.enumerate() {
        if found.cues & (1 << cue) != 0 {
            add(
                target,
                weigh(weight, found.late.cues & (1 << cue) != 0),
                Err(cue),
            );
        }
    }
    (0..scoring.rank.len().min(scores.len()))
        .filter(|&code| scores[code].0 > 0)
        .max_by_key(|&code| (scores[code].0, core::cmp::Reverse(scoring.rank[code])))
        .map(|code| (code, scores[code].2))
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::vec::Vec;

    use super::*;

    /// Free text in which no run of `_` is a code that names no cause.
    const TEXT: Reading = Reading::Text(|_| false);

    /// A lexicon of five stems: `deni` (`deny`, `denied`, …), `host`, `the` (skipped), and the
    /// negations `no` and `not`; the phrases `deny` and `host deny`; one cue, `host` with `deny`
    /// in one clause.
    const WORDS: [(&[u8], u16); 5] = [
        (b"deni", 0),
        (b"host", 1),
        (b"no", 3),
        (b"not", 4),
        (b"the", 2),
    ];

    static SLOTS: [u16; slot_count(WORDS.len())] = slots(&WORDS);

    static LEXICON: Lexicon = Lexicon {
        words: &WORDS,
        slots: &SLOTS,
        // deni, host, the (skipped), no, not.
        flags: &[0, 0, SKIP, NEGATION, NEGATION],
        negation_reach: 4,
        not: Some(4),
        max_token: 4,
        ending: &[&[0, 1], &[2], &[], &[], &[]],
        phrases: &[
            Phrase {
                text: "deny",
                words: &[0],
                target: 0,
                weight: 1,
                bits: 0b10,
            },
            Phrase {
                text: "host deny",
                words: &[1, 0],
                target: 1,
                weight: 4,
                bits: 0,
            },
            Phrase {
                text: "host",
                words: &[1],
                target: u16::MAX,
                weight: 0,
                bits: 0b01,
            },
        ],
        cues: &[0b11],
        whole_text: &[false],
    };

    fn phrases(text: &str) -> Vec<usize> {
        scan(&LEXICON, text.as_bytes(), TEXT).phrases().collect()
    }

    #[test]
    fn the_hash_is_fnv_1a() {
        // The standard test vectors of 32-bit FNV-1a.
        assert_eq!(hash(b""), 0x811c_9dc5);
        assert_eq!(hash(b"a"), 0xe40c_292c);
        assert_eq!(hash(b"foobar"), 0xbf9c_f968);
    }

    #[test]
    fn every_word_is_found_and_no_other() {
        assert_eq!(SLOTS.len(), 16);
        assert_eq!(
            SLOTS.iter().filter(|&&s| s != u16::MAX).count(),
            WORDS.len()
        );
        assert!(
            LEXICON
                .words
                .iter()
                .all(|&(word, class)| class_of(word) == class)
        );
        for other in [&b"dent"[..], b"hos", b"hostile", b"", b"x"] {
            assert_eq!(class_of(other), u16::MAX, "{other:?}");
        }
    }

    fn class_of(word: &[u8]) -> u16 {
        let mut token = [0; MAX_WORD];
        token[..word.len()].copy_from_slice(word);
        lookup(&LEXICON, &mut token, word.len()).unwrap_or(u16::MAX)
    }

    #[test]
    fn inflections_casing_and_apostrophes() {
        assert_eq!(phrases("DENIED"), [0]);
        assert_eq!(phrases("the host denied"), [0, 1, 2]);
        assert_eq!(phrases("host the denies"), [0, 1, 2]);
        assert_eq!(
            phrases("host’denied"),
            Vec::<usize>::new(),
            "one word, hostdenied"
        );
        assert_eq!(phrases("'deny'"), [0]);
        assert_eq!(phrases("host, x deny"), [0, 2]);
        assert_eq!(phrases("denying"), [0]);
        assert_eq!(phrases("Hosts DENIES"), [0, 1, 2]);
        assert_eq!(phrases(""), Vec::<usize>::new());
    }

    #[test]
    fn camel_case_contractions_and_negations() {
        assert_eq!(phrases("HostDenied"), [0, 1, 2]);
        assert_eq!(phrases("hostDENIED"), [0, 1, 2]);
        assert_eq!(phrases("HOSTDenied"), [0, 1, 2], "an acronym, then a word");
        assert_eq!(phrases("no deny"), Vec::<usize>::new());
        assert_eq!(phrases("not the deny"), Vec::<usize>::new());
        assert_eq!(phrases("hasn’t denied"), Vec::<usize>::new(), "n't is not");
        assert_eq!(
            phrases("hasn't, deny"),
            [0],
            "a comma ends a negation's reach"
        );
        assert_eq!(
            phrases("not the x x x deny"),
            Vec::<usize>::new(),
            "within its reach"
        );
        assert_eq!(phrases("not x x x x deny"), [0], "past its reach");
        assert_eq!(phrases("not: deny"), [0], "a colon ends its reach");
        assert_eq!(
            phrases("host’s deny"),
            [0, 1, 2],
            "an apostrophe joins: hosts"
        );
        assert_eq!(
            phrases("host’sdeny"),
            Vec::<usize>::new(),
            "one word, hostsdeny"
        );
    }

    #[test]
    fn cues_hold_within_one_clause() {
        assert_eq!(
            scan(&LEXICON, b"host \xE2\x80\x94 deny", TEXT).cues,
            0,
            "a dash ends a clause"
        );
        assert_eq!(
            scan(&LEXICON, b"host - deny", TEXT).cues,
            0,
            "so does a lone hyphen"
        );
        assert_eq!(scan(&LEXICON, b"host-deny", TEXT).cues, 1);
        assert_eq!(scan(&LEXICON, b"host: they deny it", TEXT).cues, 1);
        assert_eq!(scan(&LEXICON, b"host here. deny there", TEXT).cues, 0);
        assert_eq!(scan(&LEXICON, b"deny", TEXT).cues, 0);
    }

    /// A lexicon with a contrast: `then` (the stated cause follows) and `after` (a
    /// preliminary one follows); the phrases `deny` (code 0) and `host` (code 1), one each.
    const CONTRAST_WORDS: [(&[u8], u16); 7] = [
        (b"after", 3),
        (b"deni", 0),
        (b"host", 1),
        (b"if", 6),
        (b"no", 4),
        (b"not", 5),
        (b"then", 2),
    ];

    static CONTRAST_SLOTS: [u16; slot_count(CONTRAST_WORDS.len())] = slots(&CONTRAST_WORDS);

    static CONTRAST: Lexicon = Lexicon {
        words: &CONTRAST_WORDS,
        slots: &CONTRAST_SLOTS,
        // deni, host, then, after, no, not, if.
        flags: &[
            0,
            0,
            STATED_AFTER,
            STATED_BEFORE,
            NEGATION,
            NEGATION,
            CONDITIONAL,
        ],
        negation_reach: 2,
        not: Some(5),
        max_token: 5,
        ending: &[&[0], &[1], &[], &[], &[], &[], &[]],
        phrases: &[
            Phrase {
                text: "deny",
                words: &[0],
                target: 0,
                weight: 1,
                bits: 0,
            },
            Phrase {
                text: "host",
                words: &[1],
                target: 1,
                weight: 1,
                bits: 0,
            },
        ],
        cues: &[],
        whole_text: &[],
    };

    const CONTRAST_SCORING: Scoring = Scoring {
        cue_targets: &[],
        cue_weights: &[],
        cue_excludes: &[],
        cue_clears: &[],
        // A tie goes to `host`.
        rank: &[1, 0],
        stated_percent: 200,
    };

    fn winner(text: &str) -> Option<usize> {
        let found = scan(&CONTRAST, text.as_bytes(), TEXT);
        let excluded = CONTRAST_SCORING.excluded(&found);
        best(&CONTRAST, &found, &CONTRAST_SCORING, excluded).map(|(code, _)| code)
    }

    fn contrast(text: &str) -> Found {
        scan(&CONTRAST, text.as_bytes(), TEXT)
    }

    #[test]
    fn a_conditional_clause_states_nothing_to_its_end() {
        // From `if` to the clause's end nothing is found; the next clause is read.
        assert!(contrast("if host deny").phrases().next().is_none());
        let found = contrast("if host. deny");
        assert!(found.phrases().eq([0]));
        assert_eq!(found.supposed.as_slice(), [(2, 7)]);
        assert!(found.is_hypothetical(4) && !found.is_hypothetical(10));
        // A contrast ends the clause; a comma does not.
        assert!(contrast("if host then deny").phrases().eq([0]));
        assert!(contrast("if host, deny").phrases().next().is_none());
        // Before `if`, the clause is read.
        assert!(contrast("deny if host").phrases().eq([0]));
    }

    #[test]
    fn hypothetical_clauses_past_the_limit_reach_on_to_the_last() {
        let clause = "if host. deny. ";
        let spans = |count: usize| -> Vec<(usize, usize)> {
            (0..count)
                .map(|k| (k * clause.len() + 2, k * clause.len() + 7))
                .collect()
        };
        for count in [MAX_HYPOTHETICAL - 1, MAX_HYPOTHETICAL] {
            let found = contrast(&clause.repeat(count));
            assert_eq!(found.supposed.as_slice(), spans(count));
        }
        for count in [MAX_HYPOTHETICAL + 1, MAX_HYPOTHETICAL + 5] {
            let found = contrast(&clause.repeat(count));
            let mut expected = spans(MAX_HYPOTHETICAL);
            expected[MAX_HYPOTHETICAL - 1].1 = spans(count)[count - 1].1;
            assert_eq!(found.supposed.as_slice(), expected);
            // Every clause after `if` is covered, and what follows the last is not.
            for (start, end) in spans(count) {
                assert!(found.is_hypothetical(start) && found.is_hypothetical(end));
            }
            assert!(!found.is_hypothetical(count * clause.len()));
        }
        // Each kind grows on its own: a conditional clause before questions past the limit
        // covers nothing of what lies between them.
        for count in [MAX_HYPOTHETICAL, MAX_HYPOTHETICAL + 1] {
            let text = format!("if x. deny. {}", "host? no. ".repeat(count));
            let found = contrast(&text);
            assert!(found.phrases().eq([0]), "{text}");
            assert_eq!(found.supposed.as_slice(), [(2, 4)]);
            assert_eq!(found.asked.as_slice().len(), MAX_HYPOTHETICAL);
        }
    }

    #[test]
    fn a_question_answered_no_states_nothing() {
        for text in [
            "host? no, deny",
            "host? No - deny",
            "host?? no. deny",
            "[ana] host? [11:03] raj: no, deny",
            "host? [raj] no; deny",
            "a host? (raj) if. deny",
            "host?!? no, deny",
            "host? ? no, deny",
        ] {
            let found = contrast(text);
            assert!(found.phrases().eq([0]), "{text}");
            let host = text.find("host").unwrap_or_default();
            assert!(found.is_hypothetical(host), "{text}");
        }
        // Unanswered, answered with words, or with a no that is part of a word: read as any
        // clause. A `?` inside a link asks nothing.
        for text in [
            "host? deny",
            "host?",
            "host? not really deny",
            "host? no-show deny",
            "host?no, deny",
            "a host: ? no deny",
        ] {
            let found = contrast(text);
            assert!(found.phrases().any(|p| p == 1), "{text}");
            assert!(found.asked.as_slice().is_empty(), "{text}");
        }
        // The question's clause begins after the clause before it.
        let found = contrast("deny. host? no");
        assert!(found.phrases().eq([0]));
        assert_eq!(found.asked.as_slice(), [(5, 10)]);
        // Nothing of a code is a question: codes are read whole.
        let found = scan(&CONTRAST, b"host? no", Reading::Code);
        assert!(found.phrases().eq([1]));
    }

    #[test]
    fn the_stated_cause_outweighs_a_preliminary_one() {
        // Alone, the tie goes to `host`.
        assert_eq!(winner("host deny"), Some(1));
        let found = scan(&CONTRAST, b"host then deny", TEXT);
        assert!(found.has_preliminary());
        assert!(found.is_late_phrase(0) && !found.is_late_phrase(1));
        assert_eq!(
            winner("host then deny"),
            Some(0),
            "what follows `then` is stated"
        );
        assert_eq!(winner("deny then host"), Some(1));
        assert_eq!(
            winner("deny after host"),
            Some(0),
            "what follows `after` is preliminary"
        );
        assert_eq!(winner("host after deny"), Some(1));
        // A contrast with nothing after it sets nothing aside.
        assert!(!scan(&CONTRAST, b"host deny then", TEXT).has_preliminary());
        // `after` reaches to the end of its clause only.
        assert_eq!(winner("deny after x. host"), Some(1));
    }

    #[test]
    fn a_negation_reaches_over_its_words_and_no_further() {
        assert_eq!(winner("not deny, host"), Some(1));
        assert_eq!(winner("not deny host"), None, "both within its reach of 2");
        assert_eq!(winner("not x deny host"), Some(1), "host past it");
        assert_eq!(
            winner("host not x x deny"),
            Some(1),
            "deny past its reach: a tie, host"
        );
        assert!(scan(&CONTRAST, b"no x x deny", TEXT).phrases().eq([0]));
        assert!(
            scan(&CONTRAST, b"no (deny)", TEXT).phrases().eq([0]),
            "a bracket ends its reach"
        );
        assert!(
            scan(&CONTRAST, b"no. deny", TEXT).phrases().eq([0]),
            "so does a clause's end"
        );
    }

    #[test]
    fn long_tokens_and_long_texts_are_bounded() {
        let long = "x".repeat(100) + " deny";
        assert_eq!(phrases(&long), [0]);
        let mut huge = "a ".repeat(MAX_TEXT);
        huge.push_str("deny");
        assert!(phrases(&huge).is_empty(), "past MAX_TEXT is not read");
    }

    #[test]
    fn words_at_and_past_max_word_before_every_apostrophe() {
        for len in [1, 2, MAX_WORD - 1, MAX_WORD, MAX_WORD + 1, 2 * MAX_WORD] {
            for apostrophe in ["'", "\u{2019}", "\u{2018}", "\u{2bc}"] {
                let word = "n".repeat(len);
                // A word of any length, joined or contracted, then `deny`: never a panic.
                let joined = alloc::format!("{word}{apostrophe}s deny");
                assert_eq!(phrases(&joined), [0], "{len} {apostrophe:?}");
                let end = alloc::format!("{word}{apostrophe}");
                assert!(phrases(&end).is_empty(), "{len} {apostrophe:?}");
                // `n't` is `not` after a word of any length: the `deny` after it is negated.
                let contracted = alloc::format!("{word}{apostrophe}t deny");
                let expected: &[usize] = if len > 1 { &[] } else { &[0] };
                assert_eq!(phrases(&contracted), expected, "{len} {apostrophe:?}");
            }
        }
    }

    const fn scoring(cue_weight: &'static [u16], cue_excludes: &'static [u64]) -> Scoring {
        Scoring {
            cue_targets: &[0],
            cue_weights: cue_weight,
            cue_excludes,
            cue_clears: &[0],
            rank: &[0, 1],
            stated_percent: 200,
        }
    }

    fn best_of(found: &Found, scoring: &Scoring) -> Option<(usize, Result<usize, usize>)> {
        best(&LEXICON, found, scoring, scoring.excluded(found))
    }

    #[test]
    fn the_best_code_by_score_then_rank() {
        let found = scan(&LEXICON, b"host denied", TEXT);
        // `deny` (code 0, 1) and `host deny` (code 1, 4): code 1.
        assert_eq!(best_of(&found, &scoring(&[0], &[0])), Some((1, Ok(1))));
        // A cue for code 0 worth 9 wins.
        assert_eq!(best_of(&found, &scoring(&[9], &[0])), Some((0, Err(0))));
        // A cue that rules code 0 out leaves code 1, whatever it weighs.
        assert_eq!(best_of(&found, &scoring(&[9], &[0b01])), Some((1, Ok(1))));
        let found = scan(&LEXICON, b"nothing here", TEXT);
        assert_eq!(best_of(&found, &scoring(&[9], &[0])), None);
    }

    #[test]
    fn placements_that_disagree_cancel_and_what_a_stated_cue_clears_stays_out() {
        const PLACES: Scoring = Scoring {
            cue_targets: &[u16::MAX, u16::MAX, u16::MAX],
            cue_weights: &[0, 0, 0],
            cue_excludes: &[0b01, 0b10, 0],
            cue_clears: &[0, 0, 0b100],
            rank: &[0, 1, 2],
            stated_percent: 100,
        };
        // Held and stated.
        let held = |cues: u64| Found {
            cues,
            late: Late {
                cues,
                ..Late::default()
            },
            ..Found::default()
        };
        // One placement, or two that agree, rule out what they exclude.
        assert_eq!(PLACES.excluded(&held(0b001)), 0b01);
        assert_eq!(PLACES.excluded(&held(0b010)), 0b10);
        // Two that disagree: the text contradicts itself on where, and neither rules out.
        assert_eq!(PLACES.excluded(&held(0b011)), 0);
        // What a cue clears is out whatever else held, and is no placement.
        assert_eq!(PLACES.excluded(&held(0b100)), 0b100);
        assert_eq!(PLACES.excluded(&held(0b101)), 0b101);
        assert_eq!(PLACES.excluded(&held(0b111)), 0b100);
        // A clearing cue a contrast set aside clears nothing; placements stay.
        let set_aside = Found {
            late: Late::default(),
            ..held(0b101)
        };
        assert_eq!(PLACES.excluded(&set_aside), 0b001);
        // What places the failure, apart from what clears it, for a code the text names.
        assert_eq!(PLACES.placed(&held(0b101)), 0b001);
    }
}
