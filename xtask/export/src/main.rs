//! The second phase of `cargo xtask codegen`: the files made from the compiled crate, the JSON
//! Schema of its payload types (the bundle, and the OpenAPI document), written under the
//! repository's root or, with `--check`, checked against what is there.
//!
//! `xtask-export ROOT [--check]`; run through `cargo xtask codegen`, which runs the first phase
//! before it.

use std::path::Path;
use std::process::ExitCode;

use xtask::Mode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, mode) = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [root] => (root, Mode::Write),
        [root, "--check"] => (root, Mode::Check),
        _ => {
            eprintln!(
                "usage: xtask-export ROOT [--check] (run through `{}`)",
                xtask::COMMAND
            );
            return ExitCode::from(2);
        }
    };
    let generated = match xtask_export::files() {
        Ok(files) => files,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    // The first phase owns `schema/`, and knows these files as this phase's.
    match xtask::ensure(Path::new(root), &generated, &[], mode) {
        Ok(written) => {
            written.iter().for_each(|path| println!("wrote {path}"));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
