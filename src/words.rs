//! Finding a phrase as whole words, in any ASCII casing and without allocating: used to map
//! v1's free-text `failure_reason` and to place sub-codes no table knows yet.

/// Whether `needle` (lower case) occurs in `haystack` in any ASCII casing, not inside a word.
pub(crate) fn contains_words(haystack: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() || needle.len() > haystack.len() {
        return false;
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    (0..=haystack.len() - needle.len()).any(|start| {
        let end = start + needle.len();
        haystack[start..end].eq_ignore_ascii_case(needle)
            && (start == 0 || !is_word(haystack[start - 1]))
            && (end == haystack.len() || !is_word(haystack[end]))
    })
}

#[cfg(test)]
mod tests {
    use super::contains_words;

    #[test]
    fn whole_words_in_any_casing() {
        assert!(contains_words(b"Host clicked DENY", b"deny"));
        assert!(contains_words(b"deny", b"deny"));
        assert!(contains_words(b"(deny)", b"deny"));
        assert!(!contains_words(b"denying", b"deny"));
        assert!(!contains_words(b"undeny", b"deny"));
        assert!(!contains_words(b"", b"deny"));
        assert!(!contains_words(b"de", b"deny"));
        assert!(contains_words("café deny".as_bytes(), b"deny"));
        assert!(contains_words(b"zoom_new_sign_in_wall", b"sign_in"));
        assert!(!contains_words(b"zoom_tokenizer_crash", b"token"));
    }
}
