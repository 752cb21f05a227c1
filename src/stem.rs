//! The stem of a word: Porter's suffix rules for inflection (M. F. Porter, "An algorithm for
//! suffix stripping", 1980, steps 1a, 1b, 1c and 5), on lower-case ASCII bytes, without
//! allocating. `deny`, `denies` and `denied` all stem to `deni`; `admit` and `admitted` to
//! `admit`; `expire`, `expires` and `expiring` to `expir`.
//!
//! This one file is the rule set of both sides: the generator stems every word of a phrase
//! (`codegen/` includes this file), and the crate's scan stems every word it reads, so that a
//! phrase matches its inflected forms without a list of made-up forms. Porter's later steps
//! (`-ational`, `-ness`, …) join words of different meanings and are left out.

/// The longest word that is stemmed; a longer one is its own stem. Each letter has a bit of a
/// `u64`.
pub(crate) const MAX: usize = 64;
const _: () = assert!(MAX <= u64::BITS as usize);

/// The most bytes stemming takes off a word (an `s`, `-ing`, the `e` of `-eed`, a final `e` or
/// `l`, with room to spare): a word this much longer than a stem is not of its family.
pub(crate) const MAX_CUT: usize = 8;

/// The letters that are consonants, one bit each: every letter but `a`, `e`, `i`, `o` and `u`,
/// and but a `y` after a consonant.
fn consonants(word: &[u8]) -> u64 {
    let mut bits = 0u64;
    for (at, &byte) in word.iter().enumerate() {
        let consonant = match byte {
            b'a' | b'e' | b'i' | b'o' | b'u' => false,
            b'y' => at == 0 || bits & (1 << (at - 1)) == 0,
            _ => true,
        };
        if consonant {
            bits |= 1 << at;
        }
    }
    bits
}

/// A word's first `len` letters, with the consonant bits of the whole word.
#[derive(Clone, Copy)]
struct Part {
    consonants: u64,
    len: usize,
}

impl Part {
    /// The bits of the first `len` letters.
    fn mask(self) -> u64 {
        u64::MAX.checked_shr(64 - self.len as u32).unwrap_or(0)
    }

    fn consonant(self, at: usize) -> bool {
        self.consonants & (1 << at) != 0
    }

    fn vowels(self) -> u64 {
        !self.consonants & self.mask()
    }

    /// Porter's `m`: the number of vowel-consonant sequences.
    fn measure(self) -> u32 {
        (self.consonants & (self.vowels() << 1) & self.mask()).count_ones()
    }

    fn has_vowel(self) -> bool {
        self.vowels() != 0
    }

    /// Ends in a double consonant (`tt`).
    fn double(self, word: &[u8]) -> bool {
        self.len >= 2 && word[self.len - 1] == word[self.len - 2] && self.consonant(self.len - 1)
    }

    /// Ends consonant, vowel, consonant, the last not `w`, `x` or `y` (`hop`, not `bow`).
    fn cvc(self, word: &[u8]) -> bool {
        let n = self.len;
        n >= 3
            && self.consonant(n - 3)
            && !self.consonant(n - 2)
            && self.consonant(n - 1)
            && !matches!(word[n - 1], b'w' | b'x' | b'y')
    }
}

/// Stems `word` in place and returns the stem's length: the stem is `word[..len]`, and is never
/// longer than the word. A word of at most two letters, over [`MAX`] bytes long, or with a byte
/// that is no lower-case ASCII letter (a digit) is its own stem.
pub(crate) fn stem(word: &mut [u8]) -> usize {
    let mut n = word.len();
    // Every rule ends in `s`, `d`, `g`, `y`, `e` or `l`: another word is its own stem.
    let last = word.last().copied().unwrap_or_default();
    if n <= 2 || n > MAX || !matches!(last, b's' | b'd' | b'g' | b'y' | b'e' | b'l') {
        return n;
    }
    if !word.iter().all(u8::is_ascii_lowercase) {
        return n;
    }
    // The letters' kinds are read once: the rules only cut the end, or write a vowel there.
    let mut bits = consonants(word);
    let part = |bits: u64, len: usize| Part {
        consonants: bits,
        len,
    };
    let ends = |word: &[u8], n: usize, suffix: &[u8]| word[..n].ends_with(suffix);
    // Step 1a: plurals.
    if ends(word, n, b"sses") || ends(word, n, b"ies") {
        n -= 2;
    } else if ends(word, n, b"s") && !ends(word, n, b"ss") {
        n -= 1;
    }
    n = step_1b(word, n, &mut bits);
    // Step 1c: a final `y` after a vowel is `i`.
    if ends(word, n, b"y") && part(bits, n - 1).has_vowel() {
        word[n - 1] = b'i';
        bits &= !(1 << (n - 1));
    }
    // Step 5: a final `e`, and a final `ll`.
    if ends(word, n, b"e") {
        let rest = part(bits, n - 1);
        let m = rest.measure();
        if m > 1 || (m == 1 && !rest.cvc(word)) {
            n -= 1;
        }
    }
    if ends(word, n, b"ll") && part(bits, n).measure() > 1 {
        n -= 1;
    }
    n
}

/// Step 1b: `-eed`, `-ed` and `-ing`, then the ending mended (`hopp` is `hop`, `hop` is `hope`).
/// One departure from Porter: a word that ends in `eed` once `-ed` or `-ing` is cut loses the
/// same letter as the `-eed` rule takes, so that `exceeded` meets `exceed` (Porter's own steps
/// give `exceed` and `exce`). `bits` are the consonants, kept as letters are written.
fn step_1b(word: &mut [u8], mut n: usize, bits: &mut u64) -> usize {
    let part = |bits: u64, len: usize| Part {
        consonants: bits,
        len,
    };
    if word[..n].ends_with(b"eed") {
        if part(*bits, n - 3).measure() > 0 {
            n -= 1;
        }
        return n;
    }
    let cut = if word[..n].ends_with(b"ed") {
        2
    } else if word[..n].ends_with(b"ing") {
        3
    } else {
        return n;
    };
    if !part(*bits, n - cut).has_vowel() {
        return n;
    }
    n -= cut;
    if word[..n].ends_with(b"eed") {
        return if part(*bits, n - 3).measure() > 0 {
            n - 1
        } else {
            n
        };
    }
    let rest = part(*bits, n);
    let add_e = if [b"at", b"bl", b"iz"]
        .iter()
        .any(|end| word[..n].ends_with(*end))
    {
        true
    } else if rest.double(word) && !matches!(word[n - 1], b'l' | b's' | b'z') {
        return n - 1;
    } else {
        rest.measure() == 1 && rest.cvc(word)
    };
    if add_e {
        // Two or three letters were cut: the `e` fits where they were.
        word[n] = b'e';
        *bits &= !(1 << n);
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that `word` stems to `expected`.
    #[track_caller]
    fn check(word: &str, expected: &str) {
        let mut bytes = [0u8; MAX];
        bytes[..word.len()].copy_from_slice(word.as_bytes());
        let len = stem(&mut bytes[..word.len()]);
        assert_eq!(&bytes[..len], expected.as_bytes(), "{word}");
    }

    /// Porter's own examples of steps 1 and 5, from the paper.
    #[test]
    fn the_papers_examples() {
        for (word, expected) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "ti"),
            ("caress", "caress"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("bled", "bled"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"),
            ("troubled", "troubl"),
            ("sized", "size"),
            ("hopping", "hop"),
            ("tanned", "tan"),
            ("falling", "fall"),
            ("hissing", "hiss"),
            ("fizzed", "fizz"),
            ("failing", "fail"),
            ("filing", "file"),
            ("happy", "happi"),
            ("sky", "sky"),
            ("probate", "probat"),
            ("rate", "rate"),
            ("cease", "ceas"),
            ("controll", "control"),
            ("roll", "roll"),
        ] {
            check(word, expected);
        }
    }

    #[test]
    fn inflections_meet() {
        for family in [
            &["deny", "denies", "denied", "denying"][..],
            &["admit", "admits", "admitted", "admitting"],
            &["expire", "expires", "expired", "expiring"],
            &["record", "records", "recorded", "recording"],
            &["unauthorized", "unauthorize"],
            &["kick", "kicked", "kicks", "kicking"],
            &["exceed", "exceeds", "exceeded", "exceeding"],
            &["agree", "agrees", "agreed", "agreeing"],
            &["feed", "feeds", "feeding"],
        ] {
            let mut first = [0u8; MAX];
            first[..family[0].len()].copy_from_slice(family[0].as_bytes());
            let len = stem(&mut first[..family[0].len()]);
            let first = core::str::from_utf8(&first[..len]).expect("ASCII");
            for word in family {
                check(word, first);
            }
        }
    }

    #[test]
    fn short_long_and_digits_are_their_own_stems() {
        for word in ["no", "is", "v2s", "404s", "http2ed"] {
            check(word, word);
        }
        let mut long = [b's'; MAX + 1];
        assert_eq!(stem(&mut long), MAX + 1);
        // At the limit a word is stemmed: `walk` fifteen times and `ed`, 62 letters.
        let mut at_limit = [0u8; MAX];
        for (i, byte) in at_limit.iter_mut().take(60).enumerate() {
            *byte = b"walk"[i % 4];
        }
        at_limit[60..62].copy_from_slice(b"ed");
        assert_eq!(stem(&mut at_limit[..62]), 60);
        let mut full = [b'a'; MAX];
        full[MAX - 3..].copy_from_slice(b"ing");
        assert!(stem(&mut full) <= MAX);
    }

    /// Every word of up to four letters from an alphabet of vowels, `y` and the consonants the
    /// rules name, and pseudo-random words of every length to [`MAX`]: no panic, and no stem
    /// longer than its word.
    #[test]
    fn a_stem_is_never_longer_than_its_word() {
        let letters = b"aeiysltdnzgb";
        let mut word = [0u8; MAX];
        let count = letters.len();
        for seed in 0..count.pow(4) {
            let mut rest = seed;
            for len in 0..=4 {
                let mut copy = word;
                assert!(stem(&mut copy[..len]) <= len);
                word[len % 4] = letters[rest % count];
                rest /= count;
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..=MAX {
            for _ in 0..64 {
                for byte in &mut word[..len] {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    *byte = letters[(state % count as u64) as usize];
                }
                let mut copy = word;
                let stemmed = stem(&mut copy[..len]);
                assert!(stemmed <= len && len - stemmed <= MAX_CUT);
            }
        }
        for word in ["eedings", "tellings", "cessings", "agreeing", "hoppings"] {
            let mut copy = [0u8; MAX];
            copy[..word.len()].copy_from_slice(word.as_bytes());
            assert!(
                word.len() - stem(&mut copy[..word.len()]) <= MAX_CUT,
                "{word}"
            );
        }
    }
}
