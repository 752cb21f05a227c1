//! A tolerant reader of JSON documents, for the payload decoders: one iterative pass checks the
//! document's syntax (nesting up to [`MAX_DEPTH`], on no stack but a bit set), then an object's
//! members can be walked as raw key and value spans, each read on its own. So a value that is
//! syntactically JSON but that Rust cannot hold (`1e400`, `"\ud800"`, bytes that are not UTF-8
//! inside a string) costs only itself, never a good code beside it. Nothing here allocates.

/// The deepest nesting of arrays and objects that a document may have.
pub const MAX_DEPTH: usize = 1024;

// The syntax error below names the depth.
const _: () = assert!(MAX_DEPTH == 1024);

/// Why a document is not JSON, and where: a byte offset into the body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Syntax {
    pub offset: usize,
    pub expected: &'static str,
}

impl Syntax {
    /// Whether the document is JSON nested deeper than [`MAX_DEPTH`], rather than not JSON.
    pub fn is_too_deep(&self) -> bool {
        self.expected == TOO_DEEP
    }
}

fn fail<T>(offset: usize, expected: &'static str) -> Result<T, Syntax> {
    Err(Syntax { offset, expected })
}

/// The document's one value, whitespace and a leading UTF-8 byte-order mark stripped, once its
/// whole syntax is checked.
pub(crate) fn document(body: &[u8]) -> Result<&[u8], Syntax> {
    let start = if body.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let begin = skip_space(body, start);
    let end = check(body, begin)?;
    let after = skip_space(body, end);
    if after != body.len() {
        return fail(after, "the end of the document");
    }
    Ok(&body[begin..end])
}

/// JSON's four white space characters (RFC 8259): space, tab, line feed, carriage return.
pub(crate) const fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && is_space(bytes[at]) {
        at += 1;
    }
    at
}

/// What [`Syntax::expected`] says of a document nested deeper than [`MAX_DEPTH`].
const TOO_DEEP: &str = "nesting of at most 1024 levels";

/// The container stack of [`check`]: one bit per level, set for an object.
struct Stack {
    bits: [u64; MAX_DEPTH / 64],
    depth: usize,
}

impl Stack {
    fn push(&mut self, object: bool, at: usize) -> Result<(), Syntax> {
        if self.depth == MAX_DEPTH {
            return fail(at, TOO_DEEP);
        }
        let (word, bit) = (self.depth / 64, self.depth % 64);
        if object {
            self.bits[word] |= 1 << bit;
        } else {
            self.bits[word] &= !(1 << bit);
        }
        self.depth += 1;
        Ok(())
    }

    fn top_is_object(&self) -> bool {
        let top = self.depth - 1;
        self.bits[top / 64] & (1 << (top % 64)) != 0
    }
}

/// Checks the value that starts at `at` (after whitespace), and returns where it ends.
fn check(bytes: &[u8], at: usize) -> Result<usize, Syntax> {
    let mut stack = Stack {
        bits: [0; MAX_DEPTH / 64],
        depth: 0,
    };
    let mut at = at;
    loop {
        // A value.
        at = skip_space(bytes, at);
        match bytes.get(at) {
            Some(b'{') => {
                stack.push(true, at)?;
                at = skip_space(bytes, at + 1);
                if bytes.get(at) == Some(&b'}') {
                    stack.depth -= 1;
                    at += 1;
                } else {
                    at = key(bytes, at)?;
                    continue;
                }
            }
            Some(b'[') => {
                stack.push(false, at)?;
                at = skip_space(bytes, at + 1);
                if bytes.get(at) == Some(&b']') {
                    stack.depth -= 1;
                    at += 1;
                } else {
                    continue;
                }
            }
            Some(b'"') => at = string_end(bytes, at)?,
            Some(b'-' | b'0'..=b'9') => at = number_end(bytes, at)?,
            Some(b't') => at = literal(bytes, at, b"true")?,
            Some(b'f') => at = literal(bytes, at, b"false")?,
            Some(b'n') => at = literal(bytes, at, b"null")?,
            _ => return fail(at, "a value"),
        }
        let (next, whole) = after_value(bytes, at, &mut stack)?;
        if whole {
            return Ok(next);
        }
        at = next;
    }
}

/// After a value: past what closes containers, to the next member or item. `Ok((at, true))`
/// when the document's value is whole at `at`.
fn after_value(bytes: &[u8], mut at: usize, stack: &mut Stack) -> Result<(usize, bool), Syntax> {
    loop {
        if stack.depth == 0 {
            return Ok((at, true));
        }
        at = skip_space(bytes, at);
        let object = stack.top_is_object();
        match bytes.get(at) {
            Some(b',') if object => return Ok((key(bytes, skip_space(bytes, at + 1))?, false)),
            Some(b',') => return Ok((at + 1, false)),
            Some(b'}') if object => {
                stack.depth -= 1;
                at += 1;
            }
            Some(b']') if !object => {
                stack.depth -= 1;
                at += 1;
            }
            _ if object => return fail(at, "`,` or `}`"),
            _ => return fail(at, "`,` or `]`"),
        }
    }
}

/// A member's key and its `:`, returning where its value starts.
fn key(bytes: &[u8], at: usize) -> Result<usize, Syntax> {
    if bytes.get(at) != Some(&b'"') {
        return fail(at, "a key (a string)");
    }
    let end = skip_space(bytes, string_end(bytes, at)?);
    if bytes.get(end) != Some(&b':') {
        return fail(end, "`:`");
    }
    Ok(end + 1)
}

fn literal(bytes: &[u8], at: usize, word: &'static [u8]) -> Result<usize, Syntax> {
    if bytes[at..].starts_with(word) {
        Ok(at + word.len())
    } else {
        fail(at, "`true`, `false` or `null`")
    }
}

/// The end of the string that starts at `at` (its opening quote): escapes are checked, control
/// characters refused; the bytes are not required to be UTF-8 (reading the value checks that).
fn string_end(bytes: &[u8], at: usize) -> Result<usize, Syntax> {
    let mut i = at + 1;
    while i < bytes.len() {
        i = plain_run_end(bytes, i);
        let Some(&byte) = bytes.get(i) else { break };
        match byte {
            b'"' => return Ok(i + 1),
            b'\\' => match bytes.get(i + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                Some(b'u') => {
                    let hex = bytes.get(i + 2..i + 6);
                    if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                        return fail(i, "four hex digits after `\\u`");
                    }
                    i += 6;
                }
                _ => {
                    return fail(
                        i,
                        "an escape: `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\u`",
                    );
                }
            },
            0x00..=0x1F => return fail(i, "no control character inside a string"),
            _ => i += 1,
        }
    }
    fail(bytes.len(), "the end of the string")
}

/// Where the run of plain string bytes from `at` ends: the first `"`, `\\` or control byte, or
/// the end. Eight bytes at a time, each word tested for those bytes without a branch per byte.
fn plain_run_end(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A high bit per byte that is zero (`has_zero`), or less than 0x20 (`below_space`).
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        let special = has_zero(word ^ (ONES * u64::from(b'"')))
            | has_zero(word ^ (ONES * u64::from(b'\\')))
            | below_space;
        if special != 0 {
            // The lowest flagged byte is the first special one: a borrow only runs upwards, so
            // no byte below it is flagged falsely.
            return at + (special.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes
        .get(at)
        .is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20)
    {
        at += 1;
    }
    at
}

/// The end of the number that starts at `at`, by JSON's grammar.
fn number_end(bytes: &[u8], at: usize) -> Result<usize, Syntax> {
    let digits = |mut i: usize| {
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i, i > start)
    };
    let mut i = at;
    if bytes[i] == b'-' {
        i += 1;
    }
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(i).0,
        _ => return fail(i, "a digit"),
    }
    if bytes.get(i) == Some(&b'.') {
        let (end, any) = digits(i + 1);
        if !any {
            return fail(i + 1, "a digit after `.`");
        }
        i = end;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let (end, any) = digits(i);
        if !any {
            return fail(i, "a digit in the exponent");
        }
        i = end;
    }
    Ok(i)
}

/// The end of a value in a document already checked: strings skipped whole, containers by
/// counting their brackets.
fn value_end(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'"') => string_end(bytes, at).unwrap_or(bytes.len()),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut i = at;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => {
                        i = string_end(bytes, i).unwrap_or(bytes.len());
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            bytes.len()
        }
        _ => {
            let mut i = at;
            while i < bytes.len()
                && !matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            {
                i += 1;
            }
            i
        }
    }
}

/// The members of an object in a checked document: each key's raw bytes (between its quotes,
/// escapes as they came) and its value's span.
pub(crate) struct Members<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// The members of `value`, if it is an object of a checked document.
pub(crate) fn members(value: &[u8]) -> Option<Members<'_>> {
    (value.first() == Some(&b'{')).then_some(Members {
        bytes: value,
        at: 1,
    })
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.bytes;
        let at = skip_space(bytes, self.at);
        let at = match bytes.get(at) {
            Some(b',') => skip_space(bytes, at + 1),
            Some(b'"') => at,
            _ => return None,
        };
        let key_end = string_end(bytes, at).ok()?;
        let key = &bytes[at + 1..key_end - 1];
        let colon = skip_space(bytes, key_end);
        let start = skip_space(bytes, colon + 1);
        let end = value_end(bytes, start);
        self.at = end;
        Some((key, &bytes[start..end]))
    }
}

/// Whether a raw key is `name`. A key written with escapes is compared unescaped.
pub(crate) fn key_is(raw: &[u8], name: &str) -> bool {
    if !raw.contains(&b'\\') {
        return raw == name.as_bytes();
    }
    let mut unescaped = [0u8; 64];
    let mut len = 0;
    let mut i = 0;
    while i < raw.len() {
        let (byte, width) = match raw[i] {
            b'\\' => match raw.get(i + 1) {
                Some(b'u') => {
                    let hex = raw
                        .get(i + 2..i + 6)
                        .and_then(|h| core::str::from_utf8(h).ok());
                    match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        // A name is ASCII: a key with any other escaped character is not it.
                        Some(code) if code.is_ascii() => (code, 6),
                        _ => return false,
                    }
                }
                Some(b'b') => (0x08, 2),
                Some(b'f') => (0x0C, 2),
                Some(b'n') => (b'\n', 2),
                Some(b'r') => (b'\r', 2),
                Some(b't') => (b'\t', 2),
                Some(&escaped) => (escaped, 2),
                None => return false,
            },
            other => (other, 1),
        };
        i += width;
        if len == unescaped.len() {
            return false;
        }
        unescaped[len] = byte;
        len += 1;
    }
    &unescaped[..len] == name.as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_checked_whole() {
        for good in [
            &b"{}"[..],
            b" [1, -2.5e+3, true, false, null, \"a\\u00e9\\n\"] ",
            b"\xEF\xBB\xBF{\"a\": {\"b\": [[], {}]}}",
            b"{\"m\": 1e400, \"s\": \"\\ud800\", \"x\": \"\xFF\"}",
            b"0",
        ] {
            assert!(document(good).is_ok(), "{}", String::from_utf8_lossy(good));
        }
        for (bad, offset) in [
            (&b""[..], 0),
            (b"{", 1),
            (b"{\"a\" 1}", 5),
            (b"{\"a\": 1,}", 8),
            (b"[1 2]", 3),
            (b"{\"a\": tru}", 6),
            (b"{\"a\": \"\\x\"}", 7),
            (b"{\"a\": \"\x01\"}", 7),
            (b"01", 1),
            (b"1.", 2),
            (b"-", 1),
            (b"{} x", 3),
            (b"[}", 1),
            (b"{]", 1),
        ] {
            let error = document(bad).expect_err(&String::from_utf8_lossy(bad));
            assert_eq!(error.offset, offset, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn nesting_is_bounded_without_recursion() {
        let deep = |n: usize| {
            let mut doc = "[".repeat(n);
            doc.push_str(&"]".repeat(n));
            doc
        };
        assert!(document(deep(MAX_DEPTH).as_bytes()).is_ok());
        let error = document(deep(MAX_DEPTH + 1).as_bytes()).expect_err("too deep");
        assert_eq!(error.expected, "nesting of at most 1024 levels");
        // A million levels are refused after 1024, with no stack to overflow.
        assert!(document(deep(1_000_000).as_bytes()).is_err());
    }

    #[test]
    fn members_are_raw_spans() {
        let doc =
            document(br#"{"a": 1, "b" : {"c": [1, "]"]}, "d\"e": "x,y", "f":null}"#).expect("JSON");
        let found: Vec<(&[u8], &[u8])> = members(doc).expect("an object").collect();
        assert_eq!(
            found,
            [
                (&b"a"[..], &b"1"[..]),
                (b"b", br#"{"c": [1, "]"]}"#),
                (br#"d\"e"#, br#""x,y""#),
                (b"f", b"null"),
            ]
        );
        assert!(members(b"[1]").is_none());
        assert_eq!(members(b"{}").map(Iterator::count), Some(0));
    }

    #[test]
    fn plain_runs_stop_at_the_first_special_byte() {
        let text = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for special in [b'"', b'\\', 0x00, 0x1F, b'\n'] {
            for at in 0..text.len() {
                let mut bytes = text.to_vec();
                bytes[at] = special;
                assert_eq!(plain_run_end(&bytes, 0), at, "{special:#x} at {at}");
                bytes[at..].fill(special);
                assert_eq!(
                    plain_run_end(&bytes, 0),
                    at,
                    "a run of {special:#x} at {at}"
                );
            }
        }
        assert_eq!(plain_run_end(text, 0), text.len());
        let high = "é€😀 and more plain text".as_bytes();
        assert_eq!(
            plain_run_end(high, 0),
            high.len(),
            "bytes above 0x7F are plain"
        );
    }

    #[test]
    fn keys_compare_unescaped() {
        assert!(key_is(b"code", "code"));
        assert!(key_is(b"co\\u0064e", "code"));
        assert!(key_is(b"\\u0065vent", "event"));
        assert!(key_is(b"\\u0063\\u006f\\u0064\\u0065", "code"));
        assert!(!key_is(b"codes", "code"));
        assert!(!key_is(b"co\\u00e9", "code"));
        assert!(!key_is(b"\\bot", "bot"), "`\\b` is a backspace");
    }
}
