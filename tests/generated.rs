//! The generated code, formatted, is committed under `generated/` so that it can be reviewed;
//! this test fails when the build's output differs from it.
//!
//! Refresh it with `UPDATE_SNAPSHOTS=1 cargo test --test generated`.

use std::path::Path;

const FILES: [(&str, &str); 4] = [
    (
        "recall.rs",
        include_str!(concat!(env!("OUT_DIR"), "/recall.rs")),
    ),
    (
        "hiring.rs",
        include_str!(concat!(env!("OUT_DIR"), "/hiring.rs")),
    ),
    (
        "meetbot.rs",
        include_str!(concat!(env!("OUT_DIR"), "/meetbot.rs")),
    ),
    (
        "tables.rs",
        include_str!(concat!(env!("OUT_DIR"), "/tables.rs")),
    ),
];

/// The build's output as a reviewer reads it: the header comment, then the code formatted.
fn formatted(name: &str, generated: &str) -> String {
    let header: String = generated
        .lines()
        .take_while(|line| line.starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect();
    let file = syn::parse_file(generated).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    format!("{header}\n{}", prettyplease::unparse(&file))
}

#[test]
fn generated_code_matches_the_committed_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for (name, generated) in FILES {
        assert!(
            generated.starts_with("// @generated"),
            "{name} lacks the @generated header"
        );
        let actual = formatted(name, generated);
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).expect("create generated/");
            std::fs::write(&path, &actual).expect("write snapshot");
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != actual {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "generated/{{{}}} differ from the build's output; review the change, then run \
         `UPDATE_SNAPSHOTS=1 cargo test --test generated`",
        stale.join(",")
    );
}
