//! The Rust runner of the conformance suite: every case of `tests/conformance/cases.json`, answered
//! by the crate as it is now, gives the answer the file holds. The TypeScript and Python runners
//! read the same file (see `tests/conformance/README.md`).

use std::path::Path;

use xtask_export::conformance::{CASES, answer};

#[test]
fn the_crate_gives_every_answer_of_the_conformance_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join(CASES)).expect("the cases");
    let document: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let cases = document["cases"].as_array().expect("a list of cases");
    let differences: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(index, case)| {
            let got = answer(case);
            (got.as_ref() != Some(&case["expect"])).then(|| {
                let input = case.to_string().chars().take(300).collect::<String>();
                format!("case {index}: {input}\n  got {got:?}")
            })
        })
        .collect();
    println!(
        "conformance: {} cases, {} differences",
        cases.len(),
        differences.len()
    );
    assert!(
        differences.is_empty(),
        "{}",
        differences
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Every kind of case is there, and every kind of answer each gives.
    for kind in ["read_text", "outcome", "retry_after", "classify"] {
        assert!(cases.iter().any(|c| c["kind"] == kind), "no {kind} case");
    }
    for by in [
        "row",
        "prefix_stripped",
        "named",
        "cue",
        "status_default",
        "phrase",
        "unmapped",
    ] {
        let answered = |c: &&serde_json::Value| c["expect"]["mapped_by"]["by"] == by;
        assert!(
            cases.iter().any(|c| answered(&c)),
            "no case answered by {by}"
        );
    }
}

#[test]
fn the_rule_data_carries_the_crates_limits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("schema/rules.json")).expect("the rule data");
    let rules: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let limits = &rules["limits"];
    assert_eq!(limits["max_text"], error_taxonomy::MAX_TEXT);
    assert_eq!(limits["max_word"], error_taxonomy::MAX_WORD);
    assert_eq!(limits["max_code_len"], error_taxonomy::MAX_CODE_LEN);
    assert_eq!(limits["max_parts"], error_taxonomy::MAX_PARTS);
    assert_eq!(limits["max_hypothetical"], error_taxonomy::MAX_HYPOTHETICAL);
    assert_eq!(limits["max_feature_word"], error_taxonomy::MAX_FEATURE_WORD);
}
