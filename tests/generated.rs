//! The generated code is committed under `generated/`, and the default build uses it; with the
//! `regenerate` feature the build compiles `taxonomy/` itself. This test holds the two together:
//! the whole folder, both ways (a file the generator stopped making is stale too), the stamp, and
//! the published-codes list, which regenerating appends to.
//!
//! Regenerate with `UPDATE_SNAPSHOTS=1 cargo test --features regenerate --test generated`.

use std::collections::BTreeSet;
use std::path::Path;

/// Where the build put what the generator made from `taxonomy/` (`OUT_DIR` with `regenerate`).
const BUILT: &str = env!("ERROR_TAXONOMY_GENERATED");

/// The generator's output that is not kept in `generated/`: the list lives beside the YAML.
const PUBLISHED: &str = "published-codes.txt";

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn generated_matches_what_the_generator_makes_of_the_taxonomy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed_dir = root.join("generated");
    let built_dir = Path::new(BUILT);
    assert_ne!(
        built_dir, committed_dir,
        "the build used the committed code: this test needs the regenerate feature"
    );
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let built = names(built_dir);
    let mut stale = Vec::new();
    for name in &built {
        let contents =
            std::fs::read_to_string(built_dir.join(name)).expect("read the build's file");
        let path = if name == PUBLISHED {
            root.join("taxonomy").join(name)
        } else {
            committed_dir.join(name)
        };
        if std::fs::read_to_string(&path).ok().as_deref() != Some(contents.as_str()) {
            if update {
                std::fs::create_dir_all(&committed_dir).expect("create generated/");
                std::fs::write(&path, &contents).expect("write");
            } else {
                stale.push(name.clone());
            }
        }
    }
    for name in names(&committed_dir).difference(&built) {
        if update {
            std::fs::remove_file(committed_dir.join(name)).expect("remove a file no longer made");
        } else {
            stale.push(format!("{name} (no longer made)"));
        }
    }
    assert!(
        stale.is_empty(),
        "generated/ differs from what the generator makes of taxonomy/: {}. Review the change, \
         then run `UPDATE_SNAPSHOTS=1 cargo test --features regenerate --test generated`",
        stale.join(", ")
    );
    for name in &built {
        if name.ends_with(".rs") {
            let text = std::fs::read_to_string(built_dir.join(name)).expect("read");
            assert!(
                text.starts_with("// @generated"),
                "{name} lacks the @generated header"
            );
        }
    }
}
