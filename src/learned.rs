//! Word weights learnt from labelled reasons: the second reader of free text, beside the
//! phrases and cues of the YAML. The generator counts, in every labelled v1 reason of the
//! regression sets (`tests/data/corpus/`, the measure sets left out), how often each feature
//! comes with each code, and writes the smoothed log-odds as integers; the crate adds them up.
//! A text's features are its words' stems and each pair of consecutive stems, once per time they
//! occur.
//!
//! This one file is the rule set of both sides: the generator includes it to learn from the
//! same features the crate reads, so that both split, stem and hash a text alike.
//!
//! Words here are simpler than the scan's (`src/words.rs`): runs of ASCII letters and digits,
//! lower-cased, split where a lower-case letter meets an upper-case one or an acronym meets a
//! word (`NullPointerException`), an apostrophe inside a word joining it (`didn't` is
//! `didnt`, `host’s` is `hosts`); a word longer than [`MAX_FEATURE_WORD`], a word of digits
//! alone and a word of the `ignore` list are passed over, and the words around them pair.

/// The longest word, in bytes, that the word weights learnt from labelled reasons read: a
/// longer one (a token, a hash, a path) is passed over, as no word of a reason is.
pub const MAX_FEATURE_WORD: usize = 32;

/// The classes a reading weighs: every code of a table (at most 64, one bit each elsewhere), and
/// `none`, the text that a careful reader would not map.
pub(crate) const MAX_CLASSES: usize = 65;

/// FNV-1a's offset basis: the hash of no bytes.
pub(crate) const FNV_OFFSET: u32 = 0x811c_9dc5;

/// FNV-1a, 32 bits, over `bytes`, going on from `hash`: `fnv(fnv(FNV_OFFSET, a), b)` is the
/// hash of `a` then `b`.
#[inline]
pub(crate) const fn fnv(mut hash: u32, bytes: &[u8]) -> u32 {
    let mut at = 0;
    while at < bytes.len() {
        hash = (hash ^ bytes[at] as u32).wrapping_mul(0x0100_0193);
        at += 1;
    }
    hash
}

/// The length of an apostrophe that joins a word at the start of `rest`: `'`, or the UTF-8 of
/// `’`, `‘` or `ʼ`; 0 for none.
#[inline]
pub(crate) fn apostrophe(rest: &[u8]) -> usize {
    match rest {
        [b'\'', ..] => 1,
        [0xCA, 0xBC, ..] => 2,
        [0xE2, 0x80, 0x98 | 0x99, ..] => 3,
        _ => 0,
    }
}

/// Whether a camel-cased word starts at `at`, a letter or digit: `lowerUpper`, `ACRONYMWord`.
#[inline]
pub(crate) fn camel_starts(text: &[u8], at: usize) -> bool {
    text[at].is_ascii_uppercase()
        && at > 0
        && (text[at - 1].is_ascii_lowercase()
            || (text[at - 1].is_ascii_uppercase()
                && text.get(at + 1).is_some_and(u8::is_ascii_lowercase)))
}

/// The word being read and the one before it, by their stems.
struct Words {
    word: [u8; MAX_FEATURE_WORD],
    len: usize,
    previous: [u8; MAX_FEATURE_WORD],
    previous_len: usize,
    previous_hash: Option<u32>,
    /// Whether the word being read is passed over, and breaks the pairs.
    hidden: bool,
}

impl Words {
    /// Ends the word being read: its stem is a feature, and so is the pair it makes with the
    /// word before, unless its stem is one of `ignore`.
    fn end(&mut self, ignore: &[u32], feature: &mut impl FnMut(u32, &[u8], &[u8])) {
        let len = core::mem::take(&mut self.len);
        if core::mem::take(&mut self.hidden) {
            self.previous_hash = None;
            return;
        }
        // A word of digits alone (a time, a count, an id) says nothing of a cause.
        if len == 0 || len > MAX_FEATURE_WORD || self.word[..len].iter().all(u8::is_ascii_digit) {
            return;
        }
        let len = crate::stem::stem(&mut self.word[..len]);
        let stem = &self.word[..len];
        let hash = fnv(FNV_OFFSET, stem);
        if ignore.binary_search(&hash).is_ok() {
            return;
        }
        feature(hash, &[], stem);
        if let Some(previous) = self.previous_hash {
            let pair = fnv(fnv(previous, b" "), stem);
            feature(pair, &self.previous[..self.previous_len], stem);
        }
        self.previous[..len].copy_from_slice(stem);
        self.previous_len = len;
        self.previous_hash = Some(hash);
    }
}

/// Calls `feature` with each feature of `text`, in order: the hash of a word's stem (with no
/// first word), and of a pair of consecutive stems, `first second`, with both. Words whose stem
/// hashes to one of `ignore` (sorted) are passed over, and pair with nothing. Reads every byte
/// once; never allocates.
#[cfg(test)]
pub(crate) fn features(text: &[u8], ignore: &[u32], feature: impl FnMut(u32, &[u8], &[u8])) {
    features_outside(text, ignore, |_| false, feature);
}

/// [`features`], passing over the words that begin at a byte offset `hidden` holds (a clause
/// that states nothing): they are no feature, and pair with nothing.
pub(crate) fn features_outside(
    text: &[u8],
    ignore: &[u32],
    hidden: impl Fn(usize) -> bool,
    mut feature: impl FnMut(u32, &[u8], &[u8]),
) {
    let mut words = Words {
        word: [0; MAX_FEATURE_WORD],
        len: 0,
        previous: [0; MAX_FEATURE_WORD],
        previous_len: 0,
        previous_hash: None,
        hidden: false,
    };
    let mut at = 0;
    while at < text.len() {
        let byte = text[at];
        if byte.is_ascii_alphanumeric() {
            if camel_starts(text, at) {
                words.end(ignore, &mut feature);
            }
            if words.len == 0 {
                words.hidden = hidden(at);
            }
            if let Some(slot) = words.word.get_mut(words.len) {
                *slot = byte.to_ascii_lowercase();
            }
            words.len = words.len.saturating_add(1);
            at += 1;
            continue;
        }
        let joined = apostrophe(&text[at..]);
        let inside = joined > 0
            && words.len > 0
            && text.get(at + joined).is_some_and(u8::is_ascii_alphanumeric);
        if inside {
            at += joined;
            continue;
        }
        words.end(ignore, &mut feature);
        at += 1;
    }
    words.end(ignore, &mut feature);
}

/// The word weights of one table, as the generator writes them: all in thousandths of a
/// natural log. Classes are the table's codes by index, then `none`.
#[derive(Debug)]
pub(crate) struct Learned {
    /// The hashes of the stems passed over, sorted.
    pub ignore: &'static [u32],
    /// The hashes of the features learnt, sorted.
    pub features: &'static [u32],
    /// The features' hash table: a power of two of slots, at most half full, each the index of
    /// a feature or `u16::MAX`; a feature is in the slot its hash masks to, or the next free one.
    pub slots: &'static [u16],
    /// Per feature, its words: a stem, or two.
    pub words: &'static [&'static str],
    /// Per feature, where its weights begin in `weights`; one more at the end.
    pub starts: &'static [u32],
    /// The weights: a class, and what the feature adds to it beyond `unseen`.
    pub weights: &'static [(u8, i32)],
    /// Per class: what every feature learnt adds, the log of the smoothed chance of a feature
    /// never seen with the class.
    pub unseen: &'static [i32],
    /// Per class: the log of its share of the labelled reasons.
    pub prior: &'static [i32],
    /// The share of a text's features, in percent, that must have been learnt for the weights
    /// to answer at all: text in words they never saw (another language) gets no guess.
    pub min_known_percent: u32,
    /// How many of a text's features must have been learnt for the weights to answer at all:
    /// a text of a few words ("bot disconnected") is too short to guess from.
    pub min_known_features: u32,
    /// How far the best class must lead the next for the weights to answer where the phrases
    /// and cues found nothing.
    pub fallback_margin: i64,
    /// How far it must lead for the weights to answer over what the phrases and cues found.
    pub override_margin: i64,
}

/// Puts `index` in the first free slot (`u16::MAX`) from the one `hash` masks to, going on
/// past the end from the start: the open-addressing table, linear probing, of both the
/// lexicon's words ([`crate::words::slots`]) and the features learnt. `slots` is a power of two
/// long, and has a free slot.
pub(crate) const fn put(slots: &mut [u16], hash: u32, index: usize) {
    let mask = slots.len() - 1;
    let mut slot = hash as usize & mask;
    while slots[slot] != u16::MAX {
        slot = (slot + 1) & mask;
    }
    slots[slot] = index as u16;
}

/// The hash table of `features` that [`Learned::slots`] holds, built when the crate compiles:
/// `N` is [`slot_count`](crate::words::slot_count) of them.
pub(crate) const fn slots<const N: usize>(features: &[u32]) -> [u16; N] {
    let mut slots = [u16::MAX; N];
    let mut index = 0;
    while index < features.len() {
        put(&mut slots, features[index], index);
        index += 1;
    }
    slots
}

/// What the weights say of one text: per class its score and the feature most particular to it,
/// and how many of the text's features were learnt, of how many.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scores {
    pub scores: [i64; MAX_CLASSES],
    /// Per class: the feature (an index) whose weight for it leads its weight for any other
    /// class the most, and by how much: the words an answer names.
    pub particular: [Option<(usize, i64)>; MAX_CLASSES],
    pub known: usize,
    pub features: usize,
}

impl Learned {
    /// The number of classes: the table's codes, and `none`.
    pub fn classes(&self) -> usize {
        self.prior.len().min(MAX_CLASSES)
    }

    /// Weighs every feature of `text`, in one pass. Never allocates.
    #[cfg(test)]
    pub fn score(&self, text: &[u8]) -> Scores {
        self.score_outside(text, |_| false)
    }

    /// Weighs every feature of `text` but those of the words that begin where `hidden` holds,
    /// in one pass. Never allocates.
    pub fn score_outside(&self, text: &[u8], hidden: impl Fn(usize) -> bool) -> Scores {
        let classes = self.classes();
        let mut scores = Scores {
            scores: [0; MAX_CLASSES],
            particular: [None; MAX_CLASSES],
            known: 0,
            features: 0,
        };
        for (score, &prior) in scores.scores.iter_mut().zip(self.prior) {
            *score = i64::from(prior);
        }
        let mut weights = [0i64; MAX_CLASSES];
        features_outside(text, self.ignore, hidden, |hash, _, _| {
            scores.features += 1;
            if let Some(index) = self.find(hash) {
                scores.known += 1;
                self.add(index, &mut weights[..classes], &mut scores);
            }
        });
        scores
    }

    /// The index of the feature that hashes to `hash`, if it was learnt.
    fn find(&self, hash: u32) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = hash as usize & mask;
        // At most half full: an empty slot ends every probe.
        for _ in 0..self.slots.len() {
            let index = usize::from(*self.slots.get(slot)?);
            if *self.features.get(index)? == hash {
                return Some(index);
            }
            slot = (slot + 1) & mask;
        }
        None
    }

    /// Adds what feature `index` weighs for each class (`weights` is room for them), and keeps
    /// it where it is the most particular to a class so far.
    fn add(&self, index: usize, weights: &mut [i64], scores: &mut Scores) {
        for (class, weight) in weights.iter_mut().enumerate() {
            *weight = self.unseen.get(class).copied().map_or(0, i64::from);
        }
        let (Some(&start), Some(&end)) = (self.starts.get(index), self.starts.get(index + 1))
        else {
            return;
        };
        for &(class, beyond) in self
            .weights
            .get(start as usize..end as usize)
            .unwrap_or(&[])
        {
            if let Some(weight) = weights.get_mut(usize::from(class)) {
                *weight += i64::from(beyond);
            }
        }
        // The two highest weights, and the class of the first.
        let (mut top, mut next, mut top_class) = (i64::MIN, i64::MIN, 0);
        for (class, &weight) in weights.iter().enumerate() {
            scores.scores[class] += weight;
            if weight > top {
                (next, top, top_class) = (top, weight, class);
            } else if weight > next {
                next = weight;
            }
        }
        for (class, &weight) in weights.iter().enumerate() {
            let lead = weight.saturating_sub(if class == top_class { next } else { top });
            if scores.particular[class].is_none_or(|(_, best)| lead > best) {
                scores.particular[class] = Some((index, lead));
            }
        }
    }
}

impl Scores {
    /// Whether enough of the text's features were learnt for its scores to answer: at least
    /// `min_features`, and `min_percent` of them.
    pub fn known_enough(&self, min_percent: u32, min_features: u32) -> bool {
        self.known >= min_features as usize
            && self.known * 100 >= self.features * min_percent as usize
    }

    /// The best of the first `classes` classes, and how far it leads the next one. Ties go to
    /// the lower class.
    pub fn best(&self, classes: usize) -> Option<(usize, i64)> {
        let mut first: Option<usize> = None;
        let mut second: Option<usize> = None;
        for class in 0..classes.min(MAX_CLASSES) {
            let score = self.scores[class];
            match first {
                Some(top) if score <= self.scores[top] => {
                    if second.is_none_or(|next| score > self.scores[next]) {
                        second = Some(class);
                    }
                }
                _ => {
                    second = first;
                    first = Some(class);
                }
            }
        }
        let (first, second) = (first?, second?);
        Some((first, self.scores[first] - self.scores[second]))
    }
}

#[cfg(test)]
mod tests {
    // The generator includes this file too, as a crate with `std`.
    extern crate alloc;

    use super::*;

    /// The features of `text` (at most 16), with `ignore` passed over.
    fn of(text: &str, ignore: &[u32]) -> ([u32; 16], usize) {
        let mut out = [0; 16];
        let mut len = 0;
        features(text.as_bytes(), ignore, |hash, _, _| {
            out[len] = hash;
            len += 1;
        });
        (out, len)
    }

    fn hash(text: &str) -> u32 {
        fnv(FNV_OFFSET, text.as_bytes())
    }

    #[test]
    fn the_hash_is_fnv_1a_and_goes_on() {
        assert_eq!(fnv(FNV_OFFSET, b""), 0x811c_9dc5);
        assert_eq!(fnv(FNV_OFFSET, b"a"), 0xe40c_292c);
        assert_eq!(fnv(fnv(FNV_OFFSET, b"host "), b"deni"), hash("host deni"));
    }

    #[test]
    fn words_stems_and_pairs() {
        // `Host denied`: `host`, `deni`, and the pair.
        let (out, len) = of("Host denied", &[]);
        assert_eq!(&out[..len], [hash("host"), hash("deni"), hash("host deni")]);
        // Camel case and acronyms split; punctuation separates; the pair goes on over it.
        let (out, len) = of("OOMKilled, bot", &[]);
        assert_eq!(
            &out[..len],
            [
                hash("oom"),
                hash("kill"),
                hash("oom kill"),
                hash("bot"),
                hash("kill bot")
            ]
        );
    }

    #[test]
    fn every_apostrophe_joins_a_word_and_none_ends_one() {
        for apostrophe in ["'", "\u{2019}", "\u{2018}", "\u{2bc}"] {
            let (out, len) = of(&alloc::format!("didn{apostrophe}t"), &[]);
            assert_eq!(&out[..len], [hash("didnt")], "{apostrophe:?}");
            // At a word's end it joins nothing.
            let (out, len) = of(&alloc::format!("hosts{apostrophe} bot"), &[]);
            assert_eq!(&out[..len], [hash("host"), hash("bot"), hash("host bot")]);
        }
    }

    #[test]
    fn ignored_words_and_numbers_make_no_feature_and_break_no_pair() {
        let ignore = [hash("the")];
        let (out, len) = of("kicked the bot", &ignore);
        assert_eq!(&out[..len], [hash("kick"), hash("bot"), hash("kick bot")]);
        // A word of digits alone is passed over; one with a letter is a word.
        let (out, len) = of("kicked 00 01 bot 2fa", &[]);
        assert_eq!(
            &out[..len],
            [
                hash("kick"),
                hash("bot"),
                hash("kick bot"),
                hash("2fa"),
                hash("bot 2fa")
            ]
        );
    }

    #[test]
    fn words_at_and_past_the_longest_feature_word() {
        let at = "a".repeat(MAX_FEATURE_WORD);
        let past = "a".repeat(MAX_FEATURE_WORD + 1);
        assert_eq!(of(&at, &[]).1, 1);
        // A longer word is passed over, and the words around it pair.
        let (out, len) = of(&alloc::format!("host {past} deny"), &[]);
        assert_eq!(&out[..len], [hash("host"), hash("deni"), hash("host deni")]);
    }

    #[test]
    fn the_best_class_and_its_lead() {
        let mut scores = Scores {
            scores: [0; MAX_CLASSES],
            particular: [None; MAX_CLASSES],
            known: 8,
            features: 10,
        };
        scores.scores[..4].copy_from_slice(&[5, 9, 7, 1]);
        assert_eq!(scores.best(4), Some((1, 2)));
        assert_eq!(scores.best(1), None, "one class leads nothing");
        // A tie goes to the lower class, with no lead.
        scores.scores[2] = 9;
        assert_eq!(scores.best(4), Some((1, 0)));
    }

    const HOST: u32 = fnv(FNV_OFFSET, b"host");
    const KICK: u32 = fnv(FNV_OFFSET, b"kick");
    const HOST_FIRST: bool = HOST < KICK;
    static TWO_FEATURES: [u32; 2] = if HOST_FIRST {
        [HOST, KICK]
    } else {
        [KICK, HOST]
    };
    static TWO_SLOTS: [u16; 4] = slots(&TWO_FEATURES);
    /// `host` weighs a little for class 0 and almost as much for class 1; `kick` much for class
    /// 0. Three classes, the last `none`.
    static TWO: Learned = Learned {
        ignore: &[],
        features: &TWO_FEATURES,
        slots: &TWO_SLOTS,
        words: if HOST_FIRST {
            &["host", "kick"]
        } else {
            &["kick", "host"]
        },
        starts: &[0, 2, 3],
        weights: if HOST_FIRST {
            &[(0, 1000), (1, 900), (0, 3000)]
        } else {
            &[(0, 3000), (0, 1000), (1, 900)]
        },
        unseen: &[-5000, -5000, -5000],
        prior: &[0, 0, 0],
        min_known_percent: 30,
        min_known_features: 1,
        fallback_margin: 1000,
        override_margin: 5000,
    };

    #[test]
    fn hidden_words_are_no_feature_and_pair_with_nothing() {
        let text = "host deny bot call";
        let deny = text.find("deny").unwrap_or_default();
        let mut seen = alloc::vec::Vec::new();
        features_outside(
            text.as_bytes(),
            &[],
            |at| at == deny,
            |hash, _, _| seen.push(hash),
        );
        // As if the text were two: `host`, and `bot call`.
        let (host, host_len) = of("host", &[]);
        let (bot_call, bot_call_len) = of("bot call", &[]);
        let expected: alloc::vec::Vec<u32> = host[..host_len]
            .iter()
            .chain(&bot_call[..bot_call_len])
            .copied()
            .collect();
        assert_eq!(seen, expected);
        // Hidden nowhere, the text is read whole.
        let (whole, len) = of(text, &[]);
        assert_eq!(len, 7);
        assert!(whole[..len].iter().any(|h| !expected.contains(h)));
    }

    #[test]
    fn scores_and_the_feature_most_particular_to_each_class() {
        let index = |word: &str| TWO.words.iter().position(|w| *w == word);
        let scores = TWO.score(b"host kicks");
        // `host kick` is no feature learnt.
        assert_eq!((scores.known, scores.features), (2, 3));
        assert_eq!(&scores.scores[..3], [-6000, -9100, -10000]);
        // `kick` leads its next class by 3000 for class 0; for class 1, `host` trails by least.
        assert_eq!(
            scores.particular[0],
            Some((index("kick").expect("kick"), 3000))
        );
        assert_eq!(
            scores.particular[1],
            Some((index("host").expect("host"), -100))
        );
        assert_eq!(scores.best(3), Some((0, 3100)));
    }

    #[test]
    fn enough_features_learnt() {
        let scores = |known, features| Scores {
            scores: [0; MAX_CLASSES],
            particular: [None; MAX_CLASSES],
            known,
            features,
        };
        assert!(scores(8, 26).known_enough(30, 8));
        assert!(!scores(8, 27).known_enough(30, 8));
        assert!(!scores(7, 7).known_enough(30, 8));
        assert!(!scores(0, 0).known_enough(30, 1));
    }
}
