//! The words around the code stay true to it: the README's table of tables is the generated one,
//! and the CHANGELOG names every table and every retired code.
//!
//! Refresh the README's table with `UPDATE_SNAPSHOTS=1 cargo test --test docs`.

use std::path::Path;

use error_taxonomy::Table;

const START: &str = "<!-- tables: generated/README.tables.md -->\n";
const END: &str = "<!-- /tables -->";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_readme_shows_the_generated_table_of_tables() {
    let generated = include_str!(concat!(
        env!("ERROR_TAXONOMY_GENERATED"),
        "/README.tables.md"
    ));
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme.find(START).expect("the README marks its table") + START.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("the README ends its table");
    if &readme[start..end] == generated {
        return;
    }
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let updated = format!("{}{generated}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
    } else {
        panic!(
            "README.md's table of tables is stale; run `UPDATE_SNAPSHOTS=1 cargo test --test docs`"
        );
    }
}

#[test]
fn the_changelog_names_every_table_and_every_retired_code() {
    let changelog = std::fs::read_to_string(root().join("CHANGELOG.md")).expect("CHANGELOG.md");
    for table in Table::ALL {
        assert!(
            changelog.contains(&format!("`{}`", table.name())),
            "CHANGELOG.md does not mention the table `{table}`"
        );
        for code in table.codes().filter(|c| c.deprecation().is_some()) {
            assert!(
                changelog.contains(&format!("`{code}`")),
                "CHANGELOG.md does not mention the retirement of `{code}` ({table})"
            );
        }
    }
}
