//! Small helpers on bytes and strings that several modules share: a search in any ASCII casing,
//! and a cut at a character boundary. Neither allocates.

/// Whether `needle` occurs in `haystack`, in any ASCII casing (an empty needle always does).
pub(crate) fn contains_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || (needle.len() <= haystack.len()
            && haystack
                .windows(needle.len())
                .any(|window| window.eq_ignore_ascii_case(needle)))
}

/// The longest start of `text` that is at most `max` bytes and ends at a character boundary.
pub(crate) fn truncate(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether `c`, printed raw, could change how a line reads: a control character (a line break,
/// a terminal escape), or a character std does not count as printable: a format character (a
/// bidirectional override such as U+202E, a zero-width joiner, a byte-order mark), a line or
/// paragraph separator, a private-use or unassigned code point. Quotes and backslashes are
/// printable.
#[cfg(feature = "alloc")]
pub(crate) fn is_hidden(c: char) -> bool {
    if c.is_control() {
        return true;
    }
    if matches!(c, '\\' | '"' | '\'') {
        return false;
    }
    // `str::escape_debug` escapes what std's tables call unprintable; the `x` before `c` keeps
    // it from escaping a combining mark only for coming first.
    let mut buf = [b'x'; 5];
    let len = 1 + c.encode_utf8(&mut buf[1..]).len();
    core::str::from_utf8(&buf[..len]).is_ok_and(|pair| pair.escape_debug().nth(1) == Some('\\'))
}

/// Text shown on one line: control and invisible characters escaped (`\n`, `\u{1b}`,
/// `\u{202e}`, see [`is_hidden`]), cut after the most bytes given, with `…`.
#[cfg(feature = "alloc")]
pub(crate) struct Line<'a>(pub &'a str, pub usize);

#[cfg(feature = "alloc")]
impl core::fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use core::fmt::Write;

        let Line(text, max) = *self;
        let kept = truncate(text, max);
        for c in kept.chars() {
            if is_hidden(c) {
                write!(f, "{}", c.escape_default())?;
            } else {
                f.write_char(c)?;
            }
        }
        if kept.len() < text.len() {
            f.write_char('…')?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_in_any_casing() {
        assert!(contains_ignore_ascii_case(
            b"<H1>403 ERROR</H1>",
            b"403 error"
        ));
        assert!(contains_ignore_ascii_case(b"abc", b""));
        assert!(!contains_ignore_ascii_case(b"ab", b"abc"));
        assert!(!contains_ignore_ascii_case(b"403 err", b"403 error"));
    }

    #[test]
    #[cfg(feature = "alloc")]
    fn lines_escape_control_characters_and_cut() {
        let shown = |text: &str, max| alloc::format!("{}", Line(text, max));
        assert_eq!(shown("a\nb\u{1b}[31mc\r", 64), "a\\nb\\u{1b}[31mc\\r");
        assert_eq!(shown("héllo", 2), "h…");
        assert_eq!(shown("hello", 5), "hello");
        // Bidirectional and format controls, separators: escaped; other scripts, marks, quotes
        // and emoji stay as they are.
        assert_eq!(
            shown("a\u{202e}b\u{2066}c\u{200b}d\u{feff}e\u{2028}f\u{ad}g", 64),
            "a\\u{202e}b\\u{2066}c\\u{200b}d\\u{feff}e\\u{2028}f\\u{ad}g"
        );
        assert_eq!(
            shown("caf\u{e9} cafe\u{301} 'x' \"y\" \\ 日本 🙂", 64),
            "caf\u{e9} cafe\u{301} 'x' \"y\" \\ 日本 🙂"
        );
    }

    #[test]
    fn cuts_at_a_character_boundary() {
        assert_eq!(truncate("héllo", 2), "h");
        assert_eq!(truncate("héllo", 3), "hé");
        assert_eq!(truncate("hi", 64), "hi");
        assert_eq!(truncate("", 0), "");
    }
}
