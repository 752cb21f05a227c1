//! An independent check of the generated enums against `taxonomy/`: this test reads the YAML
//! with its own untyped reading (no shared model with the generator) and asserts that every row
//! matches the generated accessors and that the counts agree.

use std::path::{Path, PathBuf};

use error_taxonomy::{AnyCode, Code, Table, hiring, meetbot, recall};
use serde_yaml::Value;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read taxonomy/") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn tables() -> Vec<(PathBuf, Value)> {
    let mut paths = Vec::new();
    yaml_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("taxonomy"),
        &mut paths,
    );
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read yaml");
            let value = serde_yaml::from_str(&text).expect("parse yaml");
            (path, value)
        })
        .collect()
}

fn text<'a>(row: &'a Value, key: &str) -> Option<&'a str> {
    row.get(key).and_then(Value::as_str).map(str::trim)
}

fn flag(row: &Value, key: &str) -> bool {
    row.get(key)
        .and_then(Value::as_bool)
        .unwrap_or_else(|| panic!("{key} is not a bool"))
}

fn retry_of(row: &Value) -> Option<(String, Option<u32>)> {
    let class = text(row, "retry")?.to_owned();
    let secs = row
        .get("retry_delay_s")
        .and_then(Value::as_u64)
        .map(|s| s as u32);
    Some((class, secs))
}

#[test]
fn every_file_is_a_table_and_every_table_a_file() {
    let files = tables();
    let mut names: Vec<&str> = files
        .iter()
        .map(|(path, value)| {
            text(value, "table").unwrap_or_else(|| panic!("{path:?} has no table"))
        })
        .collect();
    names.sort_unstable();
    let mut generated: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
    generated.sort_unstable();
    assert_eq!(names, generated);
}

#[test]
fn every_row_matches_the_generated_accessors() {
    let mut total = 0;
    for (path, value) in tables() {
        let name = text(&value, "table").expect("table name");
        let table = Table::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .expect("generated table");
        let rows = value
            .get("codes")
            .and_then(Value::as_sequence)
            .expect("codes");
        assert_eq!(rows.len(), table.len(), "{path:?}: row count");
        for (index, row) in rows.iter().enumerate() {
            let code = table.get(index).expect("row index");
            let wire = text(row, "code").expect("code");
            let at = format!("{path:?} {wire}");
            assert_eq!(code.as_str(), wire, "{at}");
            assert_eq!(table.parse(wire), Ok(code), "{at}");
            assert_eq!(Some(code.description()), text(row, "description"), "{at}");
            assert_eq!(
                code.http_status(),
                row.get("http_status")
                    .and_then(Value::as_u64)
                    .map(|s| s as u16),
                "{at}"
            );
            assert_eq!(code.action(), text(row, "action"), "{at}");
            assert_eq!(
                code.billing().map(|b| b.as_str()),
                text(row, "billing"),
                "{at}"
            );
            assert_eq!(code.deprecation(), text(row, "deprecated"), "{at}");
            assert_eq!(
                code.retry()
                    .map(|r| (r.as_str().to_owned(), r.delay_secs())),
                retry_of(row),
                "{at}"
            );
            let failure = text(row, "failure_code");
            match code {
                // A failure code is its own canonical code only through the sub-code mapping.
                AnyCode::MeetbotFailureCode(_) => assert_eq!(code.failure_code(), None),
                _ => assert_eq!(code.failure_code().map(|f| f.as_str()), failure, "{at}"),
            }
            check_table_columns(code, row, &at);
            total += 1;
        }
    }
    let generated: usize = Table::ALL.iter().map(|t| t.len()).sum();
    assert_eq!(total, generated);
}

/// The columns that only one table has.
fn check_table_columns(code: AnyCode, row: &Value, at: &str) {
    match code {
        AnyCode::RecallBotStatus(status) => {
            assert_eq!(status.is_terminal(), flag(row, "terminal"), "{at}");
            assert_eq!(status.has_sub_code(), flag(row, "sub_code"), "{at}");
            assert_eq!(status.is_legacy_only(), flag(row, "legacy_only"), "{at}");
        }
        AnyCode::RecallSubCode(sub_code) => {
            assert_eq!(
                Some(sub_code.category().as_str()),
                text(row, "category"),
                "{at}"
            );
            assert_eq!(
                Some(sub_code.platform().as_str()),
                text(row, "platform"),
                "{at}"
            );
        }
        AnyCode::RecallBotLogCode(log) => {
            assert_eq!(Some(log.platform().as_str()), text(row, "platform"), "{at}");
            assert_eq!(
                Some(log.ignorable_when()),
                text(row, "ignorable_when"),
                "{at}"
            );
        }
        AnyCode::RecallErrorCause(cause) => {
            assert_eq!(Some(cause.message()), text(row, "message"), "{at}");
            assert_eq!(
                cause.error_code().map(|c| c.as_str()),
                text(row, "error_code"),
                "{at}"
            );
            assert_eq!(
                recall::ErrorCause::from_message(cause.message()),
                Some(cause),
                "{at}"
            );
        }
        AnyCode::HiringErrorCode(error) => {
            assert_eq!(Some(error.when()), text(row, "when"), "{at}");
            assert_eq!(
                error.sends_retry_after(),
                flag(row, "sends_retry_after"),
                "{at}"
            );
        }
        AnyCode::MeetbotFailureCode(failure) => {
            assert_eq!(
                Some(failure.handling().as_str()),
                text(row, "handling"),
                "{at}"
            );
            let phrases: Vec<&str> = row
                .get("legacy_phrases")
                .and_then(Value::as_sequence)
                .expect("legacy_phrases")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            assert_eq!(failure.legacy_phrases(), phrases.as_slice(), "{at}");
        }
        AnyCode::RecallHttpStatus(status) => {
            assert_eq!(
                recall::HttpStatus::from_http_status(status.http_status()),
                Some(status)
            );
        }
        AnyCode::RecallErrorCode(_) => {}
        other => panic!("{at}: no column check for table {}", other.table()),
    }
}

#[test]
fn counts_per_table() {
    assert_eq!(recall::HttpStatus::COUNT, 13);
    assert_eq!(recall::ErrorCode::COUNT, 5);
    assert_eq!(recall::ErrorCause::COUNT, 5);
    assert_eq!(recall::BotStatus::COUNT, 15);
    assert_eq!(recall::SubCode::COUNT, 80);
    assert_eq!(recall::BotLogCode::COUNT, 2);
    assert_eq!(hiring::ErrorCode::COUNT, 32);
    assert_eq!(meetbot::FailureCode::COUNT, 12);
    assert_eq!(
        <meetbot::FailureCode as Code>::ALL.len(),
        meetbot::FailureCode::COUNT
    );
}
