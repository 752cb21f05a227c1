//! The stem of a word: Porter's suffix rules for inflection (M. F. Porter, "An algorithm for
//! suffix stripping", 1980, steps 1a, 1b, 1c and 5), on lower-case ASCII bytes, without
//! allocating. `deny`, `denies` and `denied` all stem to `deni`; `admit` and `admitted` to
//! `admit`; `expire`, `expires` and `expiring` to `expir`.
//!
//! This one file is the rule set of both sides: the generator stems every word of a phrase
//! (`codegen/` includes this file), and the crate's scan stems every word it reads, so that a
//! phrase matches its inflected forms without a list of made-up forms. Porter's later steps
//! (`-ational`, `-ness`, …) join words of different meanings and are left out.

/// The longest word that is stemmed; a longer one is its own stem.
const MAX: usize = 64;

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
    fn consonant(self, at: usize) -> bool {
        self.consonants & (1 << at) != 0
    }

    /// Porter's `m`: the number of vowel-consonant sequences.
    fn measure(self) -> usize {
        (1..self.len)
            .filter(|&at| !self.consonant(at - 1) && self.consonant(at))
            .count()
    }

    fn has_vowel(self) -> bool {
        (0..self.len).any(|at| !self.consonant(at))
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
    if n <= 2 || n > MAX || !word.iter().all(u8::is_ascii_lowercase) {
        return n;
    }
    let ends = |word: &[u8], n: usize, suffix: &[u8]| word[..n].ends_with(suffix);
    // Step 1a: plurals.
    if ends(word, n, b"sses") || ends(word, n, b"ies") {
        n -= 2;
    } else if ends(word, n, b"s") && !ends(word, n, b"ss") {
        n -= 1;
    }
    n = step_1b(word, n);
    // Step 1c: a final `y` after a vowel is `i`.
    let part = |word: &[u8], len| Part {
        consonants: consonants(word),
        len,
    };
    if ends(word, n, b"y") && part(word, n - 1).has_vowel() {
        word[n - 1] = b'i';
    }
    // Step 5: a final `e`, and a final `ll`.
    if ends(word, n, b"e") {
        let rest = part(word, n - 1);
        let m = rest.measure();
        if m > 1 || (m == 1 && !rest.cvc(word)) {
            n -= 1;
        }
    }
    let whole = part(word, n);
    if whole.measure() > 1 && ends(word, n, b"ll") {
        n -= 1;
    }
    n
}

/// Step 1b: `-eed`, `-ed` and `-ing`, then the ending mended (`hopp` is `hop`, `hop` is `hope`).
fn step_1b(word: &mut [u8], mut n: usize) -> usize {
    let part = |word: &[u8], len| Part {
        consonants: consonants(word),
        len,
    };
    if word[..n].ends_with(b"eed") {
        if part(word, n - 3).measure() > 0 {
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
    if !part(word, n - cut).has_vowel() {
        return n;
    }
    n -= cut;
    let rest = part(word, n);
    if [b"at", b"bl", b"iz"]
        .iter()
        .any(|end| word[..n].ends_with(*end))
    {
        // Two or three letters were cut: the `e` fits where they were.
        word[n] = b'e';
        n + 1
    } else if rest.double(word) && !matches!(word[n - 1], b'l' | b's' | b'z') {
        n - 1
    } else if rest.measure() == 1 && rest.cvc(word) {
        word[n] = b'e';
        n + 1
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmed(word: &str) -> String {
        let mut bytes = word.as_bytes().to_vec();
        let len = stem(&mut bytes);
        String::from_utf8(bytes[..len].to_vec()).unwrap()
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
            assert_eq!(stemmed(word), expected, "{word}");
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
        ] {
            let stems: Vec<String> = family.iter().map(|w| stemmed(w)).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{family:?}: {stems:?}"
            );
        }
    }

    #[test]
    fn short_long_and_digits_are_their_own_stems() {
        for word in ["no", "is", "v2s", "404s", "http2ed"] {
            assert_eq!(stemmed(word), word);
        }
        let long = "s".repeat(MAX + 1);
        assert_eq!(stemmed(&long), long);
        let at_limit = format!("{}ed", "walk".repeat((MAX - 2) / 4));
        assert!(at_limit.len() <= MAX);
        assert_eq!(stemmed(&at_limit), "walk".repeat((MAX - 2) / 4));
    }

    #[test]
    fn a_stem_is_never_longer_than_its_word() {
        let letters = b"abeilstyz";
        let mut word = [0u8; 5];
        for seed in 0..letters.len().pow(5) {
            let mut rest = seed;
            for byte in &mut word {
                *byte = letters[rest % letters.len()];
                rest /= letters.len();
            }
            for len in 0..=word.len() {
                let mut copy = word;
                assert!(stem(&mut copy[..len]) <= len);
            }
        }
    }
}
