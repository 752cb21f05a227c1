//! Compiles `taxonomy/**/*.yaml` into the Rust that `src/` includes; the work is done by the
//! `error-taxonomy-codegen` crate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let taxonomy = manifest_dir.join("taxonomy");
    println!("cargo::rerun-if-changed={}", taxonomy.display());

    let result = error_taxonomy_codegen::load_dir(&taxonomy).and_then(|(sources, paths)| {
        for path in &paths {
            println!("cargo::rerun-if-changed={}", path.display());
        }
        error_taxonomy_codegen::generate(&sources)
    });
    match result {
        Ok(generated) => {
            for (name, contents) in &generated.files {
                if let Err(e) = write_if_changed(&out_dir.join(name), contents) {
                    eprintln!("error: cannot write {name}: {e}");
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("error: {problems}");
            ExitCode::FAILURE
        }
    }
}

fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents)
}
