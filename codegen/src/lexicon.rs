//! Word rules compiled from the YAML: a table's `unknown_codes` steps and its `free_text` reader.
//! Their phrases become a lexicon (each word by its stem, one class per stem), which the crate's
//! scan (`src/words.rs`) runs over a text in one pass; the steps and cues become `match` glue
//! around it. Both sides stem by one rule set, `src/stem.rs`, which this crate includes.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::Problem;
use crate::emit::{ident, table_path};
use crate::model::{Cell, StepKind, Table, Taxonomy, Type};
use serde_json::{Value, json};

/// The most words of a phrase, the cue groups and cues of a lexicon, and its phrases: the
/// crate's scan holds them in fixed arrays and bit sets.
const MAX_WORDS: usize = 8;
const MAX_BITS: usize = 64;
/// The most phrases a lexicon may have: the crate's `words::MAX_PHRASES`, which each emitted
/// lexicon asserts it fits when the crate compiles; here, to report the YAML's line first.
const MAX_PHRASES: usize = 2048;
/// The longest word a phrase may have.
const MAX_WORD_LEN: usize = 32;

/// A compiled lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Every stem and its class.
    stems: BTreeMap<String, u16>,
    /// Per class, what its words do besides being words of phrases: a [`Flag`] each.
    flags: Vec<u16>,
    /// How many words a negation reaches.
    negation_reach: u8,
    phrases: Vec<Phrase>,
    /// Per cue: the bits of its groups, and whether they may be anywhere in the text.
    cues: Vec<(u64, bool)>,
}

#[derive(Debug)]
struct Phrase {
    text: String,
    words: Vec<u16>,
    target: Option<usize>,
    weight: u16,
    bits: u64,
}

/// A phrase's words: lower-case ASCII letters and digits, an apostrophe joining a word. Each
/// word is given as its stem.
fn words(phrase: &str) -> Option<Vec<String>> {
    let words: Vec<String> = phrase.split(' ').map(|w| w.replace('\'', "")).collect();
    let ok = !words.is_empty()
        && words.len() <= MAX_WORDS
        && words.iter().all(|w| {
            !w.is_empty()
                && w.len() <= MAX_WORD_LEN
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    ok.then(|| words.iter().map(|w| stem(w)).collect())
}

/// A word's stem, by the rule set the crate's scan applies to every word it reads.
fn stem(word: &str) -> String {
    let mut bytes = word.as_bytes().to_vec();
    let len = crate::stem::stem(&mut bytes);
    bytes.truncate(len);
    String::from_utf8(bytes).expect("a stem of lower-case ASCII is ASCII")
}

/// A phrase to compile: its text, and what finding it means.
struct Entry<'a> {
    text: &'a str,
    target: Option<usize>,
    weight: u16,
    bits: u64,
    line: usize,
}

/// The words that are not only phrases: skipped ones, negations, the words that end a
/// negation's reach, and the words of a contrast.
#[derive(Default)]
struct Others<'a> {
    skip: &'a [String],
    negations: &'a [String],
    negation_ends: &'a [String],
    stated_after: &'a [String],
    stated_before: &'a [String],
    units: &'a [String],
    hypothetical: &'a [String],
    conditional: &'a [String],
    asking: &'a [String],
    affirmations: &'a [String],
}

/// Builds a lexicon from phrases and the other words, reporting bad phrases at their lines.
fn build(
    file: &str,
    entries: &[Entry<'_>],
    others: &Others<'_>,
    cues: Vec<(u64, bool)>,
    problems: &mut Vec<Problem>,
) -> Lexicon {
    let mut report = |line: usize, message: String| {
        problems.push(Problem {
            file: file.to_owned(),
            line: Some(line),
            entry: None,
            message,
        });
    };
    let first_line = entries.first().map_or(1, |e| e.line);
    let mut stems: BTreeSet<String> = others
        .flagged()
        .flat_map(|(l, _)| l)
        .map(|w| stem(w))
        .collect();
    let parsed = parse_phrases(entries, &mut stems, &mut report);
    let mut lexicon = Lexicon {
        stems: stems.iter().cloned().zip(0..).collect(),
        cues,
        ..Lexicon::default()
    };
    lexicon.flag(others);
    let mut skipped = Vec::with_capacity(others.skip.len());
    for word in others.skip {
        if stems.contains(&stem(word)) {
            report(
                first_line,
                format!("skip word {word:?} is also a word of a phrase"),
            );
        } else {
            skipped.push(word.clone());
        }
    }
    lexicon.mark(&skipped, Flag::Skip);
    // Words that only say how a question is asked or answered may be skipped words too (`was`).
    lexicon.mark(others.asking, Flag::Asking);
    lexicon.mark(others.affirmations, Flag::Affirmation);
    for (entry, words) in parsed {
        if let Some(earlier) = lexicon.add_phrase(entry, &words) {
            let message = format!(
                "phrase {:?} has the stems of {earlier:?}, a phrase of another code: one of them \
                 must go",
                entry.text
            );
            report(entry.line, message);
        }
    }
    if lexicon.phrases.len() > MAX_PHRASES {
        report(first_line, format!("more than {MAX_PHRASES} phrases"));
    }
    lexicon
}

/// Each entry with its words' stems, which join `stems`. A phrase that is not words of
/// lower-case ASCII letters and digits, one space apart, is reported (unless its row reported it
/// already).
fn parse_phrases<'e, 'a>(
    entries: &'e [Entry<'a>],
    stems: &mut BTreeSet<String>,
    report: &mut impl FnMut(usize, String),
) -> Vec<(&'e Entry<'a>, Vec<String>)> {
    let mut parsed = Vec::new();
    for entry in entries {
        match words(entry.text) {
            Some(words) => {
                stems.extend(words.iter().cloned());
                parsed.push((entry, words));
            }
            // A row's phrase that is not lower-case ASCII was reported with its row.
            None if entry.target.is_some() && !crate::check::plain_phrase(entry.text) => {}
            None => report(
                entry.line,
                format!(
                    "phrase {:?}: at most {MAX_WORDS} words of lower-case ASCII letters and digits, one space apart",
                    entry.text
                ),
            ),
        }
    }
    parsed
}

impl Lexicon {
    /// Sets `flag` on the class of each of `words`, a class of its own for a word the lexicon
    /// does not know yet (words of one stem, `it` and `its`, share one).
    fn mark(&mut self, words: &[String], flag: Flag) {
        for word in words {
            let stem = stem(word);
            let class = match self.stems.get(&stem) {
                Some(&class) => class,
                None => {
                    let class = self.flags.len() as u16;
                    self.flags.push(0);
                    self.stems.insert(stem, class);
                    class
                }
            };
            self.flags[usize::from(class)] |= flag.bit();
        }
    }

    /// A phrase, merged with an earlier one of the same stems: their bits join, and a row's
    /// target and weight win over a cue's. Two rows' phrases of the same stems that score for
    /// different codes are the earlier one's text, returned as a conflict.
    fn add_phrase(&mut self, entry: &Entry<'_>, words: &[String]) -> Option<String> {
        let words: Vec<u16> = words.iter().map(|w| self.stems[w]).collect();
        match self.phrases.iter_mut().find(|p| p.words == words) {
            Some(phrase) => {
                let conflict = match (phrase.target, entry.target) {
                    // The same text twice is reported with its rows (`check`).
                    (Some(before), Some(now)) if before != now && phrase.text != entry.text => {
                        Some(phrase.text.clone())
                    }
                    _ => None,
                };
                phrase.bits |= entry.bits;
                if entry.target.is_some() {
                    phrase.target = entry.target;
                    phrase.weight = entry.weight;
                }
                return conflict;
            }
            None => self.phrases.push(Phrase {
                text: entry.text.to_owned(),
                words,
                target: entry.target,
                weight: entry.weight,
                bits: entry.bits,
            }),
        }
        None
    }
}

impl Others<'_> {
    /// The word lists that flag their words' classes, each with the flag it sets.
    fn flagged(&self) -> impl Iterator<Item = (&[String], Flag)> {
        [
            (self.negations, Flag::Negation),
            (self.negation_ends, Flag::NegationEnd),
            (self.stated_after, Flag::StatedAfter),
            (self.stated_before, Flag::StatedBefore),
            (self.units, Flag::Unit),
            (self.hypothetical, Flag::Hypothetical),
            (self.conditional, Flag::Conditional),
        ]
        .into_iter()
    }
}

/// What a word is, besides a word of its phrases: a bit of its class's flags, in the order of
/// [`FLAGS`] (`crate::words::SKIP`, `NEGATION`, ... in the Rust).
#[derive(Clone, Copy)]
enum Flag {
    Skip,
    Negation,
    NegationEnd,
    StatedAfter,
    StatedBefore,
    Unit,
    Hypothetical,
    Conditional,
    Asking,
    Affirmation,
}

impl Flag {
    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl Lexicon {
    /// Contractions without their apostrophe (`didnt`): the class of `not`.
    fn add_contractions(&mut self, words: &[String], report: &mut impl FnMut(String)) {
        let not = self.not();
        for word in words {
            match (not, self.stems.get(&stem(word))) {
                (Some(not), None) => {
                    self.stems.insert(stem(word), not);
                }
                (None, _) => report(format!(
                    "contraction {word:?} needs `not` among the negations"
                )),
                (Some(_), Some(_)) => report(format!(
                    "contraction {word:?} is a word of the reader already"
                )),
            }
        }
    }

    /// Sizes the per-class flags to the classes so far, and sets those of `others`' words.
    fn flag(&mut self, others: &Others<'_>) {
        self.flags.resize(self.stems.len(), 0);
        for (list, flag) in others.flagged() {
            for word in list {
                self.flags[usize::from(self.stems[&stem(word)])] |= flag.bit();
            }
        }
    }

    /// The class of `not`, which contractions without their apostrophe (`didnt`) join.
    fn not(&self) -> Option<u16> {
        self.stems.get(&stem("not")).copied()
    }

    /// The longest stem, in bytes: a token longer than it is no word of the lexicon.
    fn max_token(&self) -> usize {
        self.stems.keys().map(String::len).max().unwrap_or(0)
    }

    /// Whether words of `class` have `flag`.
    fn is(&self, class: u16, flag: Flag) -> bool {
        self.flags[usize::from(class)] & flag.bit() != 0
    }
}

/// The cue groups as entries: each group gets the next bit; returns the cue's mask.
fn cue_entries<'a>(
    groups: &'a [Vec<String>],
    line: usize,
    next_bit: &mut usize,
    entries: &mut Vec<Entry<'a>>,
) -> u64 {
    let mut mask = 0;
    for group in groups {
        let bit = if *next_bit < MAX_BITS {
            1u64 << *next_bit
        } else {
            0
        };
        *next_bit += 1;
        mask |= bit;
        for text in group {
            entries.push(Entry {
                text,
                target: None,
                weight: 0,
                bits: bit,
                line,
            });
        }
    }
    mask
}

/// The compiled word rules of every table that has some, by table key.
#[derive(Default)]
pub struct Lexicons {
    unknown: BTreeMap<String, Lexicon>,
    free_text: BTreeMap<String, Lexicon>,
    learnt: BTreeMap<String, crate::learn::Learnt>,
}

/// Checks and compiles the word rules of every table, and learns the weights of a reader that
/// has `learned` from the `labelled` reasons.
pub fn compile(
    taxonomy: &Taxonomy,
    labelled: &[&crate::Source],
    problems: &mut Vec<Problem>,
) -> Lexicons {
    let mut lexicons = Lexicons::default();
    for table in &taxonomy.tables {
        if let Some(rules) = &table.unknown_codes {
            crate::check::check_unknown_codes(taxonomy, table, rules, problems);
            let lexicon = compile_unknown(table, rules, problems);
            lexicons.unknown.insert(table.key.clone(), lexicon);
        }
        if let Some(reader) = &table.free_text {
            crate::check::check_free_text(table, reader, problems);
            let lexicon = compile_free_text(table, reader, problems);
            lexicons.free_text.insert(table.key.clone(), lexicon);
            if let Some(learning) = &reader.learned {
                let learnt = crate::learn::learn(table, learning, labelled, problems);
                lexicons.learnt.insert(table.key.clone(), learnt);
            }
        }
    }
    lexicons
}

/// The lexicon of a table's `unknown_codes`: the phrases of its cue steps.
fn compile_unknown(
    table: &Table,
    rules: &crate::model::UnknownCodes,
    problems: &mut Vec<Problem>,
) -> Lexicon {
    let mut entries = Vec::new();
    let mut masks = Vec::new();
    let mut next_bit = 0;
    for step in &rules.steps {
        if let StepKind::Cue(groups) = &step.kind {
            let mask = cue_entries(groups, step.line, &mut next_bit, &mut entries);
            masks.push((mask, false));
        }
    }
    check_limits(table, rules.line, next_bit, masks.len(), problems);
    let others = Others {
        skip: &rules.skip,
        ..Others::default()
    };
    build(&table.file, &entries, &others, masks, problems)
}

/// Each row's phrases of the column `phrases`, scoring for the row the square of their words.
fn row_phrases<'t>(table: &'t Table, phrases: &str) -> Vec<Entry<'t>> {
    let mut entries = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        let Some(Cell::Phrases(list)) = row.cells.get(phrases) else {
            continue;
        };
        let line = row.cell_lines.get(phrases).copied().unwrap_or(row.line);
        for text in list {
            let n = text.split(' ').count() as u16;
            entries.push(Entry {
                text,
                target: Some(index),
                weight: n * n,
                bits: 0,
                line,
            });
        }
    }
    entries
}

/// The lexicon of a table's `free_text` reader: each row's phrases, weighted by their length,
/// and the reader's cues.
fn compile_free_text(
    table: &Table,
    reader: &crate::model::FreeText,
    problems: &mut Vec<Problem>,
) -> Lexicon {
    let mut entries = row_phrases(table, &reader.phrases);
    let mut masks = Vec::new();
    let mut next_bit = 0;
    for cue in &reader.cues {
        let mask = cue_entries(&cue.groups, cue.line, &mut next_bit, &mut entries);
        masks.push((mask, cue.whole_text));
    }
    check_limits(table, reader.line, next_bit, masks.len(), problems);
    let others = Others {
        skip: &reader.skip,
        negations: &reader.negations,
        negation_ends: &reader.negation_ends,
        stated_after: &reader.stated_after,
        stated_before: &reader.stated_before,
        units: &reader.units,
        hypothetical: &reader.hypothetical,
        conditional: &reader.conditional,
        asking: &reader.asking,
        affirmations: &reader.affirmations,
    };
    let mut lexicon = build(&table.file, &entries, &others, masks, problems);
    lexicon.negation_reach = reader.negation_reach;
    let mut report = |message: String| {
        problems.push(Problem {
            file: table.file.clone(),
            line: Some(reader.line),
            entry: None,
            message,
        });
    };
    lexicon.add_contractions(&reader.contractions, &mut report);
    // A word after which the stated cause follows ends a clause, so it is in no phrase.
    for phrase in &lexicon.phrases {
        if phrase
            .words
            .iter()
            .any(|&w| lexicon.is(w, Flag::StatedAfter))
        {
            report(format!(
                "phrase {:?} holds a word of `stated_after`, which ends a clause",
                phrase.text
            ));
        }
    }
    lexicon
}

fn check_limits(table: &Table, line: usize, bits: usize, cues: usize, problems: &mut Vec<Problem>) {
    if bits > MAX_BITS || cues > MAX_BITS {
        problems.push(Problem {
            file: table.file.clone(),
            line: Some(line),
            entry: None,
            message: format!("more than {MAX_BITS} cue groups or cues in one rule set"),
        });
    }
}

/// For each class, the phrases that end with it; and every phrase, as `crate::words::Phrase`.
fn phrase_tables(lexicon: &Lexicon) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut ending: Vec<Vec<u16>> = vec![Vec::new(); lexicon.flags.len()];
    for (index, phrase) in lexicon.phrases.iter().enumerate() {
        if let Some(&last) = phrase.words.last() {
            ending[usize::from(last)].push(index as u16);
        }
    }
    let ending = ending.iter().map(|list| quote!(&[#(#list),*])).collect();
    let phrases = lexicon
        .phrases
        .iter()
        .map(|p| {
            let text = p.text.as_str();
            let words = &p.words;
            let target = p.target.map_or(u16::MAX, |t| t as u16);
            let weight = p.weight;
            let bits = p.bits;
            quote! {
                crate::words::Phrase { text: #text, words: &[#(#words),*], target: #target, weight: #weight, bits: #bits }
            }
        })
        .collect();
    (ending, phrases)
}

/// The lexicon as a `static`: its words sorted by their bytes, with the hash table the crate
/// builds from them when it compiles (`crate::words::slots`), the flags of each class (skipped,
/// a negation, a contrast word, ...), and its phrases and cues.
fn emit_lexicon(name: &str, lexicon: &Lexicon) -> TokenStream {
    let static_name = format_ident!("{name}");
    let words_name = format_ident!("{name}_WORDS");
    let slots_name = format_ident!("{name}_SLOTS");
    let count = Literal::usize_unsuffixed(lexicon.stems.len());
    let max_token = Literal::usize_unsuffixed(lexicon.max_token());
    // A `BTreeMap` of `String`s iterates in byte order, the order the scan searches in.
    let words = lexicon.stems.iter().map(|(word, class)| {
        let bytes = Literal::byte_string(word.as_bytes());
        quote!((#bytes, #class))
    });
    let flags = &lexicon.flags;
    let negation_reach = lexicon.negation_reach;
    let (ending, phrases) = phrase_tables(lexicon);
    let phrase_count = Literal::usize_unsuffixed(lexicon.phrases.len());
    let cues = lexicon.cues.iter().map(|(mask, _)| mask);
    let whole_text = lexicon.cues.iter().map(|(_, whole)| whole);
    let not = match lexicon.not() {
        Some(class) => quote!(Some(#class)),
        None => quote!(None),
    };
    quote! {
        /// The lexicon's words, sorted, each with its class.
        static #words_name: [(&[u8], u16); #count] = [#(#words),*];

        static #slots_name: [u16; crate::words::slot_count(#count)] = crate::words::slots(&#words_name);

        // The scan's bit set of the phrases found holds them all: the crate's limit, not a copy.
        const _: () = crate::words::phrases_fit(#phrase_count);

        static #static_name: crate::words::Lexicon = crate::words::Lexicon {
            words: &#words_name,
            slots: &#slots_name,
            flags: &[#(#flags),*],
            negation_reach: #negation_reach,
            not: #not,
            max_token: #max_token,
            ending: &[#(#ending),*],
            phrases: &[#(#phrases),*],
            cues: &[#(#cues),*],
            whole_text: &[#(#whole_text),*],
        };
    }
}

/// The rules as `crate::Rule` constants, and the tokens of one rule by index.
fn rule(name: &str, reason: &str, kind: &str) -> TokenStream {
    let kind = format_ident!("{kind}");
    quote! { crate::Rule { name: #name, reason: #reason, kind: crate::RuleKind::#kind } }
}

/// The generated functions of a table's word rules, inside its `impl`, and the lexicons beside.
pub fn emit(taxonomy: &Taxonomy, lexicons: &Lexicons, table: &Table) -> TokenStream {
    let unknown = table
        .unknown_codes
        .as_ref()
        .zip(lexicons.unknown.get(&table.key))
        .map(|(rules, lexicon)| emit_unknown(taxonomy, table, rules, lexicon));
    let free_text = table
        .free_text
        .as_ref()
        .zip(lexicons.free_text.get(&table.key))
        .map(|(reader, lexicon)| {
            emit_free_text(table, reader, lexicon, lexicons.learnt.get(&table.key))
        });
    quote! { #unknown #free_text }
}

/// A step's `crate::Rule`: its name, its reason and its kind.
fn step_rule(step: &crate::model::Step) -> TokenStream {
    let kind = match step.kind {
        StepKind::StripPrefix(_) => "StripPrefix",
        StepKind::Cue(_) => "Cue",
        StepKind::Default => "Default",
        StepKind::Named => "NamedCode",
    };
    rule(&step.name, &step.reason, kind)
}

fn emit_unknown(
    taxonomy: &Taxonomy,
    table: &Table,
    rules: &crate::model::UnknownCodes,
    lexicon: &Lexicon,
) -> TokenStream {
    let name = ident(&table.type_name);
    let column_table = |column: &str| taxonomy.table(table.table_of(column)?);
    let (Some(decided), Some(given)) = (column_table(&rules.decides), column_table(&rules.given))
    else {
        return quote!();
    };
    let decided_path = table_path(decided);
    let given_path = table_path(given);
    let constants = rules.steps.iter().map(step_rule);
    let mut cues = 0;
    let steps = rules
        .steps
        .iter()
        .map(|step| unknown_step(taxonomy, step, &mut cues, (given, decided)));
    let lexicon_name = format!("UNKNOWN_{}", table.type_name.to_ascii_uppercase());
    let lexicon_ident = format_ident!("{lexicon_name}");
    let rules_ident = format_ident!("{lexicon_name}_RULES");
    let lexicon = emit_lexicon(&lexicon_name, lexicon);
    let steps_doc = crate::emit::doc(&format!(
        "The steps of [`UNKNOWN_RULES`]({}::UNKNOWN_RULES), as `crate::rules::place` reads them.",
        table.type_name
    ));
    let place_doc = crate::emit::doc(&format!(
        "Places a code this table does not know, given its `{}`: the first of",
        rules.given
    ));
    quote! {
        impl #name {
            /// The rules that place a code this table does not know, in the order they are tried
            /// (from the table's YAML, with the reason each exists).
            pub const UNKNOWN_RULES: &'static [crate::Rule] = &[#(#constants),*];

            #place_doc
            /// [`UNKNOWN_RULES`](Self::UNKNOWN_RULES) that holds, or `None`. Reads at most
            /// [`MAX_TEXT`](crate::MAX_TEXT) bytes of `code`, and never allocates.
            #[must_use]
            pub fn place_unknown(code: &str, given: Option<#given_path>) -> Option<crate::Placed<Self, #decided_path>> {
                crate::rules::place(&#rules_ident, code, given)
            }
        }

        #steps_doc
        static #rules_ident: crate::rules::Unknown<#given_path, #decided_path> = crate::rules::Unknown {
            lexicon: &#lexicon_ident,
            steps: &[#(#steps),*],
            rules: #name::UNKNOWN_RULES,
        };

        #lexicon
    }
}

/// One step of the unknown-code rules as data: its test and the given values it applies to.
/// `cues` counts the cue steps before it, whose bits in the scan's cues are numbered from 0.
/// `given` and `decided` are the tables of the given and the decided column.
fn unknown_step(
    taxonomy: &Taxonomy,
    step: &crate::model::Step,
    cues: &mut u32,
    (given, decided): (&Table, &Table),
) -> TokenStream {
    let given_path = table_path(given);
    let decided_path = table_path(decided);
    let given_values = step
        .given
        .iter()
        .filter_map(|code| given.row(code))
        .map(|i| {
            let variant = ident(&given.idents[i]);
            quote!(#given_path::#variant)
        });
    let value = step
        .value
        .as_deref()
        .and_then(|code| decided.row(code))
        .map(|i| {
            let variant = ident(&decided.idents[i]);
            quote!(#decided_path::#variant)
        });
    let test = match &step.kind {
        StepKind::StripPrefix(v) => {
            let prefixes = prefixes(taxonomy, *v);
            quote!(crate::rules::Test::StripPrefix(&[#(#prefixes),*]))
        }
        StepKind::Cue(_) => {
            let bit = Literal::u32_unsuffixed(*cues);
            *cues += 1;
            quote!(crate::rules::Test::Cue { bit: #bit, value: #value })
        }
        StepKind::Default => quote!(crate::rules::Test::Default(#value)),
        StepKind::Named => quote!(crate::rules::Test::Named),
    };
    quote!(crate::rules::Step { test: #test, given: &[#(#given_values),*] })
}

/// How a free-text reader weighs what it finds, as `crate::words::Scoring`: per cue its code,
/// weight and the codes it rules out, per code its rank, and what a stated cause weighs.
fn scoring(table: &Table, reader: &crate::model::FreeText) -> TokenStream {
    let cue_targets = reader
        .cues
        .iter()
        .map(|cue| cue_target(table, cue).map_or(u16::MAX, |row| row as u16));
    let ranks = ranks(table, reader).into_iter().map(|rank| rank as u8);
    let cue_weights = reader.cues.iter().map(|cue| cue_weight(reader, cue));
    let mask = |rows: Vec<usize>| rows.into_iter().fold(0u64, |mask, row| mask | 1 << row);
    let cue_excludes = reader
        .cues
        .iter()
        .map(|cue| mask(rows(table, &cue.excludes)));
    let cue_clears = reader.cues.iter().map(|cue| mask(rows(table, &cue.clears)));
    let stated_percent = reader.stated_percent;
    quote! {
        crate::words::Scoring {
            cue_targets: &[#(#cue_targets),*],
            cue_weights: &[#(#cue_weights),*],
            cue_excludes: &[#(#cue_excludes),*],
            cue_clears: &[#(#cue_clears),*],
            rank: &[#(#ranks),*],
            stated_percent: #stated_percent,
        }
    }
}

fn emit_free_text(
    table: &Table,
    reader: &crate::model::FreeText,
    lexicon: &Lexicon,
    learnt: Option<&crate::learn::Learnt>,
) -> TokenStream {
    let name = ident(&table.type_name);
    let constants = reader
        .cues
        .iter()
        .map(|cue| rule(&cue.name, &cue.reason, "Cue"));
    let scoring = scoring(table, reader);
    let lexicon_name = format!("TEXT_{}", table.type_name.to_ascii_uppercase());
    let lexicon_ident = format_ident!("{lexicon_name}");
    let reading_ident = format_ident!("{lexicon_name}_READING");
    let reading_doc = crate::emit::doc(&format!(
        "How [`read_text`]({}::read_text) weighs what it finds, as `crate::rules::read` reads it.",
        table.type_name
    ));
    let lexicon = emit_lexicon(&lexicon_name, lexicon);
    let learned_ident = format_ident!("{lexicon_name}_LEARNED");
    let (learned, learned_ref) = match learnt {
        Some(learnt) => (
            emit_learnt(&learned_ident, learnt),
            quote! { Some(&#learned_ident) },
        ),
        None => (quote! {}, quote! { None }),
    };
    quote! {
        impl #name {
            /// The cues that qualify a free-text reading, named, with the reason each exists.
            pub const TEXT_CUES: &'static [crate::Rule] = &[#(#constants),*];

            /// Reads free text into a code: each phrase found adds its weight (the square of its
            /// words) to its code, each cue that holds adds its weight to its own; the highest
            /// score wins, a tie goes to the code of higher priority, and text that nothing
            /// matches gives no code. Reads at most [`MAX_TEXT`](crate::MAX_TEXT) bytes, and never allocates.
            #[must_use]
            pub fn read_text(text: &str) -> crate::Reading<Self> {
                crate::rules::read(&#reading_ident, &Self::ALL, Self::TEXT_CUES, text)
            }
        }

        #reading_doc
        static #reading_ident: crate::rules::FreeText = crate::rules::FreeText {
            lexicon: &#lexicon_ident,
            scoring: #scoring,
            learned: #learned_ref,
        };

        #lexicon
        #learned
    }
}

/// The learnt weights as a `crate::learned::Learned` static.
fn emit_learnt(name: &proc_macro2::Ident, learnt: &crate::learn::Learnt) -> TokenStream {
    let ignore = &learnt.ignore;
    let features_name = format_ident!("{name}_FEATURES");
    let slots_name = format_ident!("{name}_SLOTS");
    let count = Literal::usize_unsuffixed(learnt.features.len());
    let hashes = learnt.features.keys();
    let words = learnt.features.values().map(|(text, _)| text);
    let mut starts = vec![0u32];
    let mut weights = Vec::new();
    for (_, per_class) in learnt.features.values() {
        for &(class, weight) in per_class {
            weights.push(quote! { (#class, #weight) });
        }
        starts.push(weights.len() as u32);
    }
    let unseen = &learnt.unseen;
    let prior = &learnt.prior;
    let min_known = u32::from(learnt.min_known_percent);
    let min_features = u32::from(learnt.min_known_features);
    let fallback = i64::from(learnt.fallback_margin);
    let override_margin = i64::from(learnt.override_margin);
    let doc = crate::emit::doc(&format!(
        "Word weights learnt from {} labelled reasons (see `crate::learned`).",
        learnt.reasons
    ));
    quote! {
        /// The hashes of the features learnt, sorted.
        static #features_name: [u32; #count] = [#(#hashes),*];

        static #slots_name: [u16; crate::words::slot_count(#count)] = crate::learned::slots(&#features_name);

        #doc
        static #name: crate::learned::Learned = crate::learned::Learned {
            ignore: &[#(#ignore),*],
            features: &#features_name,
            slots: &#slots_name,
            words: &[#(#words),*],
            starts: &[#(#starts),*],
            weights: &[#(#weights),*],
            unseen: &[#(#unseen),*],
            prior: &[#(#prior),*],
            min_known_percent: #min_known,
            min_known_features: #min_features,
            fallback_margin: #fallback,
            override_margin: #override_margin,
        };
    }
}

/// The crate's limits that an interpreter of the rule data must keep, in bytes (parts for
/// `max_parts`, clauses for `max_hypothetical`): the text read, a word stemmed, the
/// `_`-separated parts of a code looked inside, the hypothetical clauses told apart, and the
/// longest word the learnt weights read. The crate's tests hold them equal to its constants.
const LIMITS: [(&str, usize); 5] = [
    ("max_text", 64 * 1024),
    ("max_word", 64),
    ("max_parts", 16),
    ("max_hypothetical", 8),
    ("max_feature_word", crate::learned::MAX_FEATURE_WORD),
];

/// The bits set in `mask`, lowest first.
fn bits_of(mask: u64) -> Vec<u32> {
    (0..64).filter(|bit| mask & (1 << bit) != 0).collect()
}

/// The names of the scan's flags of a class, bit 0 first: `crate::words::SKIP`, `NEGATION`, ...
/// in the Rust, `flags` in the rule data.
const FLAGS: [&str; 10] = [
    "skip",
    "negation",
    "negation_end",
    "stated_after",
    "stated_before",
    "unit",
    "hypothetical",
    "conditional",
    "asking",
    "affirmation",
];

impl Lexicon {
    /// The lexicon as data (see `tests/conformance/README.md`): what [`emit_lexicon`] writes as a
    /// `static`, with bit sets as lists of bits, so that any language reads it.
    fn data(&self) -> Value {
        let flags = &self.flags;
        let phrases: Vec<Value> = self
            .phrases
            .iter()
            .map(|p| {
                json!({
                    "text": p.text,
                    "words": p.words,
                    "target": p.target,
                    "weight": p.weight,
                    "groups": bits_of(p.bits),
                })
            })
            .collect();
        let cues: Vec<Value> = self
            .cues
            .iter()
            .map(|(mask, whole)| json!({"groups": bits_of(*mask), "whole_text": whole}))
            .collect();
        json!({
            "words": self.stems.iter().map(|(stem, class)| json!([stem, class])).collect::<Vec<_>>(),
            "flags": flags,
            "negation_reach": self.negation_reach,
            "not": self.not(),
            "max_token": self.max_token(),
            "phrases": phrases,
            "cues": cues,
        })
    }
}

/// The prefixes of the values of vocabulary `v` (the platforms'), in its order.
fn prefixes(taxonomy: &Taxonomy, v: usize) -> Vec<&str> {
    taxonomy.vocabularies[v]
        .values
        .iter()
        .filter_map(|value| value.prefix.as_deref())
        .collect()
}

/// The name of a step's kind in the rule data, as [`step_rule`] names it in Rust.
fn step_kind(kind: &StepKind) -> &'static str {
    match kind {
        StepKind::StripPrefix(_) => "strip_prefix",
        StepKind::Cue(_) => "cue",
        StepKind::Default => "default",
        StepKind::Named => "named_code",
    }
}

/// One unknown-code step as data, as [`unknown_step`] writes it in Rust.
fn step_data(taxonomy: &Taxonomy, step: &crate::model::Step, cues: &mut u32) -> Value {
    let test = match &step.kind {
        StepKind::StripPrefix(v) => json!({"strip_prefix": prefixes(taxonomy, *v)}),
        StepKind::Cue(_) => {
            *cues += 1;
            json!({"cue": *cues - 1, "value": step.value})
        }
        StepKind::Default => json!({"default": step.value}),
        StepKind::Named => json!({"named": true}),
    };
    json!({
        "rule": {"name": step.name, "reason": step.reason, "kind": step_kind(&step.kind)},
        "given": step.given,
        "test": test,
    })
}

/// The row a cue scores for, if it names a code.
fn cue_target(table: &Table, cue: &crate::model::Cue) -> Option<usize> {
    cue.code.as_ref().and_then(|code| table.row(code))
}

/// What a cue adds to its code's score.
fn cue_weight(reader: &crate::model::FreeText, cue: &crate::model::Cue) -> u16 {
    cue.weight.unwrap_or(reader.cue_weight)
}

/// The rows of `codes` (a cue's `excludes`, what it rules out as a placement, or its `clears`).
fn rows(table: &Table, codes: &[String]) -> Vec<usize> {
    codes.iter().filter_map(|code| table.row(code)).collect()
}

/// Per row, its rank for ties (lower first): its place in `priority`, else its row.
fn ranks(table: &Table, reader: &crate::model::FreeText) -> Vec<usize> {
    (0..table.rows.len())
        .map(|row| {
            let code = &table.rows[row].code;
            reader
                .priority
                .iter()
                .position(|p| p == code)
                .unwrap_or(row)
        })
        .collect()
}

/// A free-text reader as data, as [`scoring`] and [`emit_free_text`] write it in Rust.
fn free_text_data(
    table: &Table,
    reader: &crate::model::FreeText,
    lexicon: &Lexicon,
    learnt: Option<&crate::learn::Learnt>,
) -> Value {
    let cues: Vec<Value> = reader
        .cues
        .iter()
        .map(|cue| {
            json!({
                "name": cue.name,
                "reason": cue.reason,
                "target": cue_target(table, cue),
                "weight": cue_weight(reader, cue),
                "excludes": rows(table, &cue.excludes),
                "clears": rows(table, &cue.clears),
            })
        })
        .collect();
    json!({
        "table": table.key,
        "codes": table.rows.iter().map(|row| &row.code).collect::<Vec<_>>(),
        "lexicon": lexicon.data(),
        "cues": cues,
        "rank": ranks(table, reader),
        "stated_percent": reader.stated_percent,
        "learned": learnt.map(learnt_data),
    })
}

/// The learnt weights as data, as [`emit_learnt`] writes them in Rust.
fn learnt_data(learnt: &crate::learn::Learnt) -> Value {
    json!({
        "ignore": learnt.ignore,
        "features": learnt.features.keys().collect::<Vec<_>>(),
        "words": learnt.features.values().map(|(text, _)| text).collect::<Vec<_>>(),
        "weights": learnt
            .features
            .values()
            .map(|(_, weights)| weights.iter().flat_map(|&(class, weight)| [i32::from(class), weight]).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
        "unseen": learnt.unseen,
        "prior": learnt.prior,
        "min_known_percent": learnt.min_known_percent,
        "min_known_features": learnt.min_known_features,
        "fallback_margin": learnt.fallback_margin,
        "override_margin": learnt.override_margin,
    })
}

/// A table's unknown-code rules as data, as [`emit_unknown`] writes them in Rust.
fn unknown_data(
    taxonomy: &Taxonomy,
    table: &Table,
    rules: &crate::model::UnknownCodes,
    lexicon: &Lexicon,
    (given, decides): (String, String),
) -> Value {
    let mut cues = 0;
    let steps: Vec<Value> = rules
        .steps
        .iter()
        .map(|step| step_data(taxonomy, step, &mut cues))
        .collect();
    json!({
        "table": table.key,
        "given": given,
        "decides": decides,
        "lexicon": lexicon.data(),
        "steps": steps,
    })
}

/// What each code of `table` answers in the table `answers_in`: itself when it is one of its
/// codes, else the first column of its row holding one (a sub-code's `failure_code`), else
/// `null`; as `crate::rules::answer` finds it.
fn answers(taxonomy: &Taxonomy, table: &Table, answers_in: &str) -> Value {
    let answer = |row: &crate::model::Row| -> Value {
        if table.key == answers_in {
            return json!(row.code);
        }
        let found = table.columns.iter().find_map(|column| match &column.ty {
            Type::Table(key) if key == answers_in => match taxonomy.value_of(table, row, column) {
                Some(Cell::Ref(code)) => Some(code.clone()),
                _ => None,
            },
            _ => None,
        });
        json!(found)
    };
    let map: serde_json::Map<String, Value> = table
        .rows
        .iter()
        .map(|row| (row.code.clone(), answer(row)))
        .collect();
    json!({"table": table.key, "answers": map})
}

/// The rule data of every table (`schema/rules.json` without its version): the lexicons, steps
/// and scoring the Rust `static`s hold, for the interpreters of other languages. The layout is
/// described in `tests/conformance/README.md`.
pub fn data(taxonomy: &Taxonomy, lexicons: &Lexicons) -> Value {
    let decided = |table: &Table| {
        let rules = table.unknown_codes.as_ref()?;
        let key = |column: &str| table.table_of(column).map(str::to_owned);
        Some((key(&rules.given)?, key(&rules.decides)?))
    };
    let mut unknown = Vec::new();
    let mut free_text = Vec::new();
    let mut answers_in = None;
    for table in &taxonomy.tables {
        let rules = table
            .unknown_codes
            .as_ref()
            .zip(lexicons.unknown.get(&table.key));
        if let (Some((rules, lexicon)), Some((given, decides))) = (rules, decided(table)) {
            answers_in.get_or_insert_with(|| decides.clone());
            unknown.push(unknown_data(
                taxonomy,
                table,
                rules,
                lexicon,
                (given, decides),
            ));
        }
        if let Some((reader, lexicon)) = table
            .free_text
            .as_ref()
            .zip(lexicons.free_text.get(&table.key))
        {
            answers_in.get_or_insert_with(|| table.key.clone());
            let learnt = lexicons.learnt.get(&table.key);
            free_text.push(free_text_data(table, reader, lexicon, learnt));
        }
    }
    let answers_in = answers_in.unwrap_or_default();
    let max_code_len = taxonomy.max_code_len();
    let mut limits: serde_json::Map<String, Value> = LIMITS
        .iter()
        .map(|(name, value)| ((*name).to_owned(), json!(value)))
        .collect();
    limits.insert("max_code_len".into(), json!(max_code_len));
    json!({
        "limits": limits,
        "flags": FLAGS.iter().enumerate().map(|(bit, name)| (*name, 1u16 << bit)).collect::<BTreeMap<_, _>>(),
        "answers_in": answers_in,
        "tables": taxonomy.tables.iter().map(|t| answers(taxonomy, t, &answers_in)).collect::<Vec<_>>(),
        "unknown": unknown,
        "free_text": free_text,
    })
}
