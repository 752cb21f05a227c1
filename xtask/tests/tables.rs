//! The first phase of `cargo xtask codegen`: the committed tables are what the generator makes
//! of `taxonomy/`, and `--check` fails on a stale file of each kind, naming it and the command.

use std::path::{Path, PathBuf};

use xtask::{COMMAND, Mode};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// A copy of what the first phase reads and writes: `taxonomy/`, the labelled reasons the word
/// weights are learnt from, `src/`, the README and the manifest; the files it writes elsewhere
/// (`schema/`, `bindings/`, `docs/`) are written anew.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["taxonomy", "src", error_taxonomy_codegen::LABELLED] {
        copy_dir(&root().join(sub), &dir.join(sub));
    }
    for file in ["README.md", "Cargo.toml"] {
        std::fs::copy(root().join(file), dir.join(file)).expect(file);
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

#[test]
fn the_committed_tables_are_fresh() {
    assert_eq!(xtask::tables(root(), Mode::Check), Ok(Vec::new()));
}

#[test]
fn check_fails_on_a_stale_file_of_each_kind_and_write_mends_it() {
    let generated = xtask::generated_tables(root()).expect("the generator runs");
    let dir = scratch("stale");
    assert!(xtask::tables(&dir, Mode::Write).is_ok());
    for kind in [
        ".rs",
        ".md",
        "schema/",
        "bindings/typescript/",
        "bindings/python/",
    ] {
        assert!(generated.iter().any(|(p, _)| p.contains(kind)), "{kind}");
    }
    for (path, text) in &generated {
        let target = dir.join(path);
        let stale = match path.as_str() {
            // The README's own text is its authors'; only its table of tables is generated.
            "README.md" => text.replacen("<!-- /tables -->", "| stale |\n<!-- /tables -->", 1),
            // The list is read as well as written: stale is a current code not yet in it.
            "taxonomy/published-codes.txt" => {
                let last = text.trim_end().rsplit('\n').next().unwrap_or_default();
                text.replacen(&format!("{last}\n"), "", 1)
            }
            _ => format!("{text}\nstale"),
        };
        std::fs::write(&target, stale).expect("write");
        let error = xtask::tables(&dir, Mode::Check).expect_err(path);
        assert_eq!(
            error,
            format!("stale generated files: {path}; run `{COMMAND}`")
        );
        assert_eq!(xtask::tables(&dir, Mode::Write), Ok(vec![path.clone()]));
        assert_eq!(&std::fs::read_to_string(&target).expect("read"), text);
    }
    // A file the generator no longer makes is stale too, and writing removes it.
    std::fs::write(dir.join("src/generated/gone.rs"), "// @generated\n").expect("write");
    let error = xtask::tables(&dir, Mode::Check).expect_err("an orphan");
    assert!(
        error.contains("src/generated/gone.rs (no longer generated)"),
        "{error}"
    );
    assert!(xtask::tables(&dir, Mode::Write).is_ok());
    assert!(!dir.join("src/generated/gone.rs").exists());
    // So is one under `schema/`, but not a payload schema, which the second phase writes.
    for path in xtask::PAYLOAD_SCHEMAS {
        std::fs::write(dir.join(path), "{}").expect("write");
    }
    assert_eq!(xtask::tables(&dir, Mode::Check), Ok(Vec::new()));
    std::fs::write(dir.join("schema/gone.json"), "{}").expect("write");
    let error = xtask::tables(&dir, Mode::Check).expect_err("an orphan");
    assert!(
        error.contains("schema/gone.json (no longer generated)"),
        "{error}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_version_is_read_from_the_package_table_only() {
    let dir = std::env::temp_dir().join(format!("xtask-version-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (manifest, expected) in [
        (
            "[package]\nname = \"a\"\nversion = \"1.2.3\" # the release\n",
            Ok("1.2.3"),
        ),
        (
            "[workspace]\nversion = \"9\"\n\n[package]\nversion = \"0.4.0\"\n",
            Ok("0.4.0"),
        ),
        (
            "[package]\nname = \"a\"\n[dependencies]\nversion = \"1\"\n",
            Err(()),
        ),
        ("[package]\nversion.workspace = true\n", Err(())),
        ("[workspace]\nmembers = []\n", Err(())),
    ] {
        std::fs::write(dir.join("Cargo.toml"), manifest).expect("write");
        let read = xtask::crate_version(&dir);
        assert_eq!(read.as_deref().map_err(|_| ()), expected, "{manifest}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_exported_files_carry_the_crates_version() {
    let version = xtask::crate_version(root()).expect("a version");
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains(&format!("version = \"{version}\"")));
    let generated = xtask::generated_tables(root()).expect("the generator runs");
    let file = |name: &str| {
        generated
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, text)| text.clone())
            .expect(name)
    };
    assert!(file("schema/codes.json").contains(&format!("\"version\": \"{version}\"")));
    assert!(
        file("bindings/typescript/package.json").contains(&format!("\"version\": \"{version}\""))
    );
    assert!(file("bindings/python/pyproject.toml").contains(&format!("version = \"{version}\"")));
}

#[test]
fn every_generated_rust_file_says_so_and_names_the_command() {
    for (path, text) in xtask::generated_tables(root()).expect("the generator runs") {
        if path.ends_with(".rs") {
            assert!(text.starts_with("// @generated"), "{path}");
            assert!(text.contains(COMMAND), "{path}");
        }
    }
}

#[test]
fn a_missing_published_codes_list_is_an_error_not_an_empty_list() {
    let dir = scratch("published");
    std::fs::remove_file(dir.join("taxonomy/published-codes.txt")).expect("remove");
    for mode in [Mode::Check, Mode::Write] {
        let error = xtask::tables(&dir, mode).expect_err("no list");
        assert!(
            error.contains("taxonomy/published-codes.txt: the list of published codes is missing"),
            "{error}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
