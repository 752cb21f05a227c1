//! `cargo xtask codegen [--check]`: writes every file generated from `taxonomy/`, in two
//! phases (see the library's docs); `--check` writes nothing and fails on a stale file.

use std::path::Path;
use std::process::{Command, ExitCode};

use xtask::{COMMAND, Mode};

const USAGE: &str = "usage: cargo xtask codegen [--check]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["codegen"] => Mode::Write,
        ["codegen", "--check"] => Mode::Check,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    let phase1 = xtask::tables(root, mode);
    match &phase1 {
        Ok(written) => written.iter().for_each(|path| println!("wrote {path}")),
        Err(message) => eprintln!("{message}"),
    }
    if phase1.is_err() && mode == Mode::Write {
        return ExitCode::FAILURE;
    }
    // Phase 2 runs on the crate as phase 1 left it, so it is built anew, as its own program.
    let mut export = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    export.args(["run", "--quiet", "--package", "xtask-export", "--"]);
    export.arg(root);
    if mode == Mode::Check {
        export.arg("--check");
    }
    let phase2 = export.status().map(|status| status.success());
    match (phase1, phase2) {
        (Ok(_), Ok(true)) => {
            if mode == Mode::Check {
                println!("every generated file is fresh");
            }
            ExitCode::SUCCESS
        }
        (_, Err(e)) => {
            eprintln!("cannot run the second phase of `{COMMAND}`: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::FAILURE,
    }
}
