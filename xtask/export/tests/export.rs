//! The second phase of `cargo xtask codegen`, run as the command runs it: the committed files are
//! fresh, `--check` fails on a stale file of each kind, and no target is written through a link,
//! read without bound, or half written.

use std::path::PathBuf;
use std::process::{Command, Output};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn export(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask-export"))
        .args(args)
        .output()
        .expect("run xtask-export")
}

/// The one-line error of a run that fails.
fn fail(args: &[&str]) -> String {
    let output = export(args);
    assert_eq!(output.status.code(), Some(1), "{args:?}");
    let error = String::from_utf8(output.stderr).expect("UTF-8");
    let line = error
        .strip_suffix('\n')
        .unwrap_or_else(|| panic!("{args:?}: {error}"));
    assert!(!line.contains('\n'), "{args:?}: {error}");
    line.to_owned()
}

/// A fresh, empty directory of this test run's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

#[test]
fn the_committed_files_are_fresh() {
    let output = export(&[ROOT, "--check"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn check_fails_on_a_stale_file_of_each_kind() {
    let dir = scratch("stale");
    let dir_text = dir.to_str().expect("UTF-8");
    let wrote = String::from_utf8(export(&[dir_text]).stdout).expect("UTF-8");
    let paths: Vec<&str> = wrote
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .collect();
    let mut written = paths.clone();
    written.sort_unstable();
    let mut expected = xtask_export::PATHS.to_vec();
    expected.sort_unstable();
    assert_eq!(written, expected, "{wrote}");
    assert!(export(&[dir_text, "--check"]).status.success());
    for path in &paths {
        let target = dir.join(path);
        let text = std::fs::read(&target).expect("read");
        std::fs::write(&target, b"stale").expect("write");
        assert_eq!(
            fail(&[dir_text, "--check"]),
            format!("stale generated files: {path}; run `{}`", xtask::COMMAND)
        );
        std::fs::write(&target, text).expect("restore");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Export writes no file through a symbolic link, reads no more of a target than it would
/// write, refuses what is no regular file, and writes nothing when one target is refused.
#[cfg(unix)]
#[test]
fn export_follows_no_link_and_reads_within_bounds() {
    use std::os::unix::fs::symlink;

    let outside = scratch("outside");
    let victim = outside.join("victim.txt");
    std::fs::write(&victim, "keep").expect("write");
    let fifo = outside.join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    // The second of the phase's files, so that the first would be written before it.
    const TARGET: &str = xtask::PAYLOAD_SCHEMAS[1];
    type Plant<'a> = &'a dyn Fn(&std::path::Path);
    let cases: [(&str, Plant<'_>); 5] = [
        ("a linked file", &|dir| {
            std::fs::create_dir_all(dir.join("schema")).expect("dir");
            symlink(&victim, dir.join(TARGET)).expect("link");
        }),
        ("a linked directory", &|dir| {
            symlink(&outside, dir.join("schema")).expect("link")
        }),
        ("endless bytes", &|dir| {
            std::fs::create_dir_all(dir.join("schema")).expect("dir");
            symlink("/dev/zero", dir.join(TARGET)).expect("link");
        }),
        ("a FIFO", &|dir| {
            std::fs::create_dir_all(dir.join("schema")).expect("dir");
            let made = Command::new("mkfifo")
                .arg(dir.join(TARGET))
                .status()
                .expect("mkfifo");
            assert!(made.success());
        }),
        ("a directory", &|dir| {
            std::fs::create_dir_all(dir.join(TARGET)).expect("dir");
        }),
    ];
    for (what, plant) in cases {
        let dir = scratch("export-hostile");
        plant(&dir);
        let dir_text = dir.to_str().expect("UTF-8");
        for args in [vec![dir_text], vec![dir_text, "--check"]] {
            let line = fail(&args);
            assert!(line.starts_with("nothing written: "), "{what}: {line}");
            assert!(
                line.contains("openapi.json") || line.contains("schema"),
                "{what}: {line}"
            );
        }
        // Nothing was written: not the other file, not the file outside.
        let other = xtask::PAYLOAD_SCHEMAS[0];
        assert!(!dir.join(other).exists(), "{what}");
        assert!(
            !outside.join(other.trim_start_matches("schema/")).exists(),
            "{what}"
        );
        assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "keep");
        let _ = std::fs::remove_dir_all(&dir);
    }
    // A large regular file is read only as far as needed to tell it is stale.
    let dir = scratch("export-large");
    assert!(export(&[dir.to_str().expect("UTF-8")]).status.success());
    let target = dir.join(TARGET);
    let file = std::fs::File::create(&target).expect("create");
    file.set_len(1 << 34).expect("a sparse 16 GiB file");
    let line = fail(&[dir.to_str().expect("UTF-8"), "--check"]);
    assert!(
        line.starts_with(&format!("stale generated files: {TARGET}")),
        "{line}"
    );
    assert!(export(&[dir.to_str().expect("UTF-8")]).status.success());
    assert!(std::fs::metadata(&target).expect("target").len() < 1 << 20);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}
