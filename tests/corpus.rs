//! The labelled corpora of `tests/data/corpus/`, written apart from the phrase lists as the
//! people who write such messages would, hold the word rules to their targets:
//!
//! - v1 `failure_reason`s: at least 95% read to their expected code (or to none);
//! - invented future sub-codes: every one in an acceptable code, `recording_permission_denied`
//!   still running;
//! - everywhere: no answer that flips billing against the expected code (the 60-second rule
//!   bills only a recorded portion), and none that retries what the expected code never retries.
//!
//! `cargo test --test corpus -- --nocapture` prints the figures and every miss.

use error_taxonomy::meetbot::FailureCode;
use error_taxonomy::recall::{BotStatus, Outcome, outcome};
use error_taxonomy::{Billing, MappedBy, RetryClass};

fn corpus(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
}

fn code(name: &str) -> FailureCode {
    FailureCode::parse(name).unwrap_or_else(|e| panic!("corpus: {e}"))
}

/// Whether an answer contradicts the expected code on what a user acts on: billing, or a retry
/// where the expected code says none (or only after someone acts) can help.
fn contradicts(answer: (Billing, RetryClass), expected: FailureCode) -> Option<&'static str> {
    if answer.0 != expected.billing() {
        return Some("flips billing");
    }
    if answer.1.is_automatic() && !expected.retry().is_automatic() {
        return Some("retries what must not be retried");
    }
    None
}

#[test]
fn v1_reasons_read_to_their_codes() {
    read_v1("v1_reasons.tsv", 150);
}

#[test]
fn held_out_v1_reasons_read_to_their_codes() {
    read_v1("v1_reasons_holdout.tsv", 100);
}

#[test]
fn second_held_out_v1_reasons_read_to_their_codes() {
    read_v1("v1_reasons_holdout2.tsv", 100);
}

fn read_v1(file: &str, at_least: usize) {
    let rows = corpus(file);
    assert!(
        rows.len() >= at_least,
        "{} v1 reasons in {file}",
        rows.len()
    );
    let mut right = 0;
    let mut misses = Vec::new();
    let mut contradictions = Vec::new();
    for row in &rows {
        let [expected, reason] = &row[..] else {
            panic!("a v1 line is `expected<TAB>reason`: {row:?}");
        };
        let expected = (expected != "none").then(|| code(expected));
        let reading = FailureCode::read_text(reason);
        if reading.code == expected {
            right += 1;
        } else {
            misses.push(format!(
                "  {reason:?}: expected {expected:?}, read {:?} by {}",
                reading.code, reading.mapped_by
            ));
        }
        if let (Some(answer), Some(expected)) = (reading.code, expected) {
            if let Some(why) = contradicts((answer.billing(), answer.retry()), expected) {
                contradictions.push(format!(
                    "  {reason:?}: {answer} {why} ({expected} expected)"
                ));
            }
        }
        match reading.code {
            None => assert_eq!(reading.mapped_by, MappedBy::Unmapped),
            Some(_) => assert!(matches!(
                reading.mapped_by,
                MappedBy::Phrase(_) | MappedBy::Rule(_)
            )),
        }
    }
    let accuracy = 100.0 * f64::from(right) / rows.len() as f64;
    println!("{file}: {right}/{} right ({accuracy:.1}%)", rows.len());
    for miss in &misses {
        println!("{miss}");
    }
    assert!(
        contradictions.is_empty(),
        "answers that contradict the expected code:\n{}",
        contradictions.join("\n")
    );
    assert!(accuracy >= 95.0, "{accuracy:.1}% is under the 95% target");
}

#[test]
fn invented_sub_codes_land_in_acceptable_codes() {
    let rows = corpus("sub_codes.tsv");
    assert!(rows.len() >= 60, "{} invented sub-codes", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        let [sub_code, status, acceptable, _why] = &row[..] else {
            panic!("a sub-code line is `sub_code<TAB>status<TAB>acceptable<TAB>why`: {row:?}");
        };
        let status = BotStatus::parse(status).unwrap_or_else(|e| panic!("corpus: {e}"));
        assert!(
            error_taxonomy::recall::SubCode::parse(sub_code).is_err(),
            "{sub_code} is a known code, not an invented one"
        );
        let answer = outcome(Some(status), Some(sub_code));
        if acceptable == "running" {
            if answer != Outcome::Running {
                wrong.push(format!("  {sub_code}: expected running, got {answer:?}"));
            }
            continue;
        }
        let acceptable: Vec<FailureCode> = acceptable.split(',').map(code).collect();
        let Some(advice) = answer.advice() else {
            wrong.push(format!("  {sub_code}: expected a failure, got {answer:?}"));
            continue;
        };
        if !acceptable.contains(&advice.failure_code) {
            wrong.push(format!(
                "  {sub_code} ({status}): {} by {}, expected one of {acceptable:?}",
                advice.failure_code, advice.mapped_by
            ));
        }
        if let Some(why) = contradicts((advice.billing(), advice.retry), acceptable[0]) {
            wrong.push(format!("  {sub_code}: {} {why}", advice.failure_code));
        }
        assert_ne!(advice.mapped_by, MappedBy::Row, "{sub_code}");
    }
    println!(
        "invented sub-codes: {}/{} in an acceptable code",
        rows.len() - wrong.len(),
        rows.len()
    );
    assert!(
        wrong.is_empty(),
        "sub-codes placed wrongly:\n{}",
        wrong.join("\n")
    );
}
