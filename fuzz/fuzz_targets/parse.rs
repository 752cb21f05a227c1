//! Parsing any bytes in every table: a hit is the input itself, a miss keeps a prefix of it.
#![no_main]

use error_taxonomy::{Open, Table, lookup, recall::SubCode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for table in Table::ALL {
        if let Some(code) = table.from_bytes(data) {
            assert_eq!(code.as_str().as_bytes(), data);
        }
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    for table in Table::ALL {
        match table.parse(text) {
            Ok(code) => assert_eq!(code.as_str(), text),
            Err(error) => assert!(text.starts_with(error.input())),
        }
        if let Ok(code) = table.parse_ignore_ascii_case(text) {
            assert!(code.as_str().eq_ignore_ascii_case(text));
        }
    }
    assert!(lookup(text).all(|code| code.as_str() == text));
    assert_eq!(Open::<SubCode>::new(text).as_str(), text);
});
