//! The generated API of every table: round trips, sizes, parsing, lookup, errors and the trait
//! impls every enum carries.

use std::mem::size_of;

use error_taxonomy::{
    AnyCode, Billing, Code, Facts, MAX_CODE_LEN, Table, UnknownCode, hiring, lookup, meetbot,
    recall,
};

// `for_every_table!(check)`: `check::<T>()` for the enum of every table, generated with them.
include!("../src/generated/for_every_table.rs");

fn round_trip<T: Code>() -> Table {
    for &code in T::ALL {
        assert_eq!(T::parse(code.as_str()), Ok(code));
        assert_eq!(T::from_str(code.as_str()), Ok(code));
        assert_eq!(code.to_string(), code.as_str());
        assert_eq!(code.to_any().as_str(), code.as_str());
        assert_eq!(code.to_any().table(), T::TABLE);
        assert_eq!(T::TABLE.parse(code.as_str()), Ok(code.to_any()));
        assert!(code.as_str().len() <= MAX_CODE_LEN);
        assert!(!code.description().is_empty());
        assert!(lookup(code.as_str()).any(|found| found == code.to_any()));
    }
    T::TABLE
}

#[test]
fn every_variant_round_trips() {
    for_every_table!(round_trip);
}

#[test]
fn every_table_is_walked() {
    let mut walked = for_every_table!(round_trip);
    walked.sort_unstable();
    assert_eq!(walked, Table::ALL);
}

fn one_byte<T: Code>() -> Table {
    assert_eq!(size_of::<T>(), 1, "{}", T::TABLE);
    assert_eq!(size_of::<Option<T>>(), 1, "{}", T::TABLE);
    T::TABLE
}

#[test]
fn every_code_enum_is_one_byte() {
    for_every_table!(one_byte);
    assert_eq!(size_of::<Table>(), 1);
    assert_eq!(size_of::<AnyCode>(), 2);
}

fn ignore_case<T: Code>() -> Table {
    for &code in T::ALL {
        let upper = code.as_str().to_ascii_uppercase();
        let lower = code.as_str().to_ascii_lowercase();
        let mixed: String = code
            .as_str()
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        for casing in [upper, lower, mixed] {
            assert_eq!(T::parse_ignore_ascii_case(&casing), Ok(code), "{casing}");
        }
    }
    T::TABLE
}

#[test]
fn case_insensitive_parse_accepts_every_casing() {
    for_every_table!(ignore_case);
    assert_eq!(
        meetbot::FailureCode::parse("Host_Denied_Admission").map_err(|e| e.input().to_owned()),
        Err("Host_Denied_Admission".to_owned())
    );
}

fn unique_wire_strings<T: Code>() -> Table {
    let mut seen = std::collections::BTreeSet::new();
    for &code in T::ALL {
        assert!(seen.insert(code.as_str()), "{} twice in {}", code, T::TABLE);
    }
    T::TABLE
}

#[test]
fn wire_strings_are_unique_within_a_table() {
    for_every_table!(unique_wire_strings);
}

#[test]
fn unknown_codes_are_typed_errors_that_keep_the_input() {
    let error = meetbot::FailureCode::parse("bot_exploded").expect_err("unknown");
    assert_eq!(error.table(), Table::MeetbotFailureCode);
    assert_eq!(error.input(), "bot_exploded");
    assert!(!error.is_truncated());
    assert_eq!(
        error.to_string(),
        "unknown meetbot.failure_code code \"bot_exploded\""
    );

    for input in [
        "",
        " ",
        "fatal ",
        "\0",
        "fatal\0",
        "ＦＡＴＡＬ",
        "fatal\u{301}",
    ] {
        let error = recall::BotStatus::parse(input).expect_err(input);
        assert_eq!(error.input(), input);
        assert_eq!(
            recall::BotStatus::parse_ignore_ascii_case(input).map_err(|e| e.table()),
            Err(Table::RecallBotStatus)
        );
    }
}

#[test]
fn long_inputs_are_truncated_at_a_character_boundary() {
    let long = "é".repeat(4096);
    let error = recall::SubCode::parse(&long).expect_err("4 KiB");
    assert!(error.is_truncated());
    assert!(error.input().len() <= UnknownCode::KEPT);
    assert!(long.starts_with(error.input()));
    assert_eq!(error.input().chars().count(), UnknownCode::KEPT / 2);
    assert!(error.to_string().ends_with(" (truncated)"));

    let miss = "x".repeat(MAX_CODE_LEN + 1);
    assert!(recall::SubCode::parse_ignore_ascii_case(&miss).is_err());
}

#[test]
fn unknown_code_is_copy_and_an_error() {
    fn is_error<E: std::error::Error + Copy + Send + Sync + 'static>(_: &E) {}
    let error = hiring::ErrorCode::parse("NOPE").expect_err("unknown");
    is_error(&error);
    assert!(format!("{error:?}").contains("HiringErrorCode"));
}

#[test]
fn lookup_answers_which_tables_know_a_code() {
    let tables = |code: &str| lookup(code).map(|c| c.table()).collect::<Vec<_>>();
    assert_eq!(
        tables("meeting_ended"),
        [Table::MeetbotFailureCode, Table::RecallSubCode]
    );
    assert_eq!(tables("fatal"), [Table::RecallBotStatus]);
    assert_eq!(tables("429"), [Table::RecallHttpStatus]);
    assert_eq!(tables("RATE_LIMITED"), [Table::HiringErrorCode]);
    assert_eq!(tables("rate_limited"), []);
    assert_eq!(tables(""), []);
}

#[test]
fn table_codes_walk_a_table_in_file_order() {
    for table in Table::ALL {
        let codes: Vec<AnyCode> = table.codes().collect();
        assert_eq!(codes.len(), table.len());
        assert!(!table.is_empty());
        assert_eq!(table.codes().next_back(), codes.last().copied());
        assert!(codes.iter().all(|c| c.table() == table));
    }
    assert_eq!(Table::RecallSubCode.to_string(), "recall.sub_code");
}

#[test]
fn try_from_and_display_padding() {
    let status = recall::BotStatus::try_from("call_ended").expect("known");
    assert_eq!(status, recall::BotStatus::CallEnded);
    assert_eq!(format!("[{status:>12}]"), "[  call_ended]");
    assert!(status == "call_ended");
    let wire: &'static str = status.into();
    assert_eq!(wire, "call_ended");
}

#[test]
fn http_status_and_detail_lookups() {
    assert_eq!(
        recall::HttpStatus::from_http_status(507),
        Some(recall::HttpStatus::InsufficientStorage)
    );
    assert_eq!(recall::HttpStatus::from_http_status(418), None);
    assert_eq!(
        recall::ErrorCause::from_message("Not enough time to launch new bot"),
        Some(recall::ErrorCause::NotEnoughTimeToLaunchNewBot)
    );
    assert_eq!(recall::ErrorCause::from_message("Not enough time"), None);
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::*;

    fn serde_round_trip<T: Code + serde::Serialize + serde::de::DeserializeOwned>() -> Table {
        for &code in T::ALL {
            let json = serde_json::to_string(&code).expect("serialize");
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<T>(&json).expect("deserialize"), code);
        }
        T::TABLE
    }

    #[test]
    fn every_variant_serializes_as_its_wire_string() {
        for_every_table!(serde_round_trip);
    }

    #[test]
    fn an_escaped_wire_string_still_decodes() {
        let code: meetbot::FailureCode =
            serde_json::from_str(r#""host\u005fdenied_admission""#).expect("escaped");
        assert_eq!(code, meetbot::FailureCode::HostDeniedAdmission);
    }

    #[test]
    fn unknown_or_mistyped_codes_are_serde_errors() {
        let error =
            serde_json::from_str::<meetbot::FailureCode>("\"bot_exploded\"").expect_err("unknown");
        assert!(
            error
                .to_string()
                .contains("expected a meetbot.failure_code code"),
            "{error}"
        );
        assert!(serde_json::from_str::<meetbot::FailureCode>("42").is_err());
        assert!(serde_json::from_str::<meetbot::FailureCode>("null").is_err());
    }
}

mod strum_impls {
    use super::*;
    use strum::{EnumCount, EnumMessage, IntoEnumIterator, VariantArray, VariantNames};

    #[test]
    fn strum_traits_agree_with_the_generated_data() {
        assert_eq!(
            <recall::SubCode as EnumCount>::COUNT,
            recall::SubCode::ALL.len()
        );
        assert_eq!(
            <recall::SubCode as VariantArray>::VARIANTS,
            recall::SubCode::ALL
        );
        let names: Vec<&str> = recall::SubCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            <recall::SubCode as VariantNames>::VARIANTS,
            names.as_slice()
        );
        assert!(recall::SubCode::iter().eq(recall::SubCode::ALL));
        assert_eq!(recall::SubCode::iter().len(), recall::SubCode::COUNT);
        let code = meetbot::FailureCode::AuthFailure;
        assert_eq!(code.get_message(), Some(code.description()));
        assert_eq!(code.get_detailed_message(), Some(code.action()));
        assert_eq!(code.get_serializations(), ["auth_failure"]);
    }
}

/// Every shared fact reads alike through `Facts`, as an `Option`, and through `AnyCode`.
fn facts_agree<T: Code>() -> Table {
    fn option<V>(value: impl Into<Option<V>>) -> Option<V> {
        value.into()
    }
    for &code in T::ALL {
        let any = code.to_any();
        macro_rules! agree {
            ($fact:ident) => {
                assert_eq!(option(code.$fact()), any.$fact(), "{code}");
            };
        }
        for_every_fact!(agree);
    }
    T::TABLE
}

#[test]
fn shared_facts_read_alike_through_every_path() {
    let tables = for_every_table!(facts_agree);
    assert_eq!(tables, Table::ALL);
}

/// A fact has one type for a table: its own method's, which the trait gives too; a table
/// without the column gives `None`. (The bindings below compile only if the types agree.)
#[test]
fn a_fact_has_one_type_per_table() {
    for code in meetbot::FailureCode::ALL {
        let own: Billing = code.billing();
        let through_trait: Billing = Facts::billing(code);
        assert_eq!(own, through_trait);
    }
    for code in recall::HttpStatus::ALL {
        let through_trait: Option<Billing> = Facts::billing(code);
        assert_eq!(through_trait, None);
    }
}
