//! The words around the code stay true to it: the CHANGELOG names every table and every retired
//! code. (The README's table of tables is generated: `cargo xtask codegen --check` keeps it.)

use std::path::Path;

use error_taxonomy::Table;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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
