//! The cards people read, kept reviewed: a snapshot of each kind (`cli/tests/snapshots/`). A
//! change to a card's wording or order shows up here as a diff to accept or refuse
//! (`INSTA_UPDATE=always cargo test -p error-taxonomy-cli --test cards`, then review).

use std::process::Command;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/");

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_error-taxonomy"))
        .args(args)
        .output()
        .expect("run");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn data(name: &str) -> String {
    format!("{DATA}{name}")
}

#[test]
fn webhook_cards() {
    for sample in [
        "job_failed_v2.json",
        "job_failed_v1.json",
        "recall_current.json",
        "recall_legacy.json",
    ] {
        let name = sample.trim_end_matches(".json");
        insta::assert_snapshot!(format!("webhook_{name}"), run(&["webhook", &data(sample)]));
    }
}

#[test]
fn response_cards() {
    let cases: [(&str, &[&str]); 5] = [
        (
            "400_json",
            &["response", "400", "--body", &data("recall_400.json")],
        ),
        (
            "403_html",
            &["response", "403", "--body", &data("recall_403.html")],
        ),
        (
            "429_retry_after",
            &["response", "429", "--retry-after", "2"],
        ),
        ("507", &["response", "507"]),
        ("200", &["response", "200"]),
    ];
    for (name, args) in cases {
        insta::assert_snapshot!(format!("response_{name}"), run(args));
    }
}

#[test]
fn explain_and_list_cards() {
    for code in [
        "removed_from_meeting",
        "zoom_sdk_update_required",
        "429",
        "NUMBER_AT_CAP",
    ] {
        insta::assert_snapshot!(format!("explain_{code}"), run(&["explain", code]));
    }
    insta::assert_snapshot!(
        "list_meetbot",
        run(&["list", "--table", "meetbot.failure_code"])
    );
}

#[test]
fn bot_cards() {
    let dir = format!("{DATA}history");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("histories")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json") && !name.ends_with(".logs.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for name in files {
        let path = format!("{dir}/{name}");
        let logs = path.replace(".json", ".logs.json");
        let mut args = vec!["bot", path.as_str()];
        if std::path::Path::new(&logs).exists() {
            args.extend(["--logs", logs.as_str()]);
        }
        let stem = name.trim_end_matches(".json");
        insta::assert_snapshot!(format!("bot_{stem}"), run(&args));
    }
}
