//! The second phase of `cargo xtask codegen`: the files made from the compiled crate, the JSON
//! Schema of its payload types (the bundle, and the OpenAPI document) and the conformance cases
//! (its answers, which the interpreters of the rule data in other languages give back).

use std::path::Path;

use error_taxonomy::schema;
use xtask::PAYLOAD_SCHEMAS;

pub mod conformance;

/// The repository of the compiled crate, whose corpora the cases are made from (the root written
/// to may be elsewhere).
const SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The paths of this phase's files, in the order [`files`] gives them.
pub const PATHS: [&str; 3] = [PAYLOAD_SCHEMAS[0], PAYLOAD_SCHEMAS[1], conformance::CASES];

/// Every file of this phase: its path under the root, and its text.
///
/// # Errors
///
/// A corpus of the crate's repository that cannot be read.
pub fn files() -> Result<Vec<(String, String)>, String> {
    let [bundle, openapi] = PAYLOAD_SCHEMAS;
    let source = Path::new(SOURCE);
    let mut cases =
        serde_json::to_string_pretty(&conformance::document(source, error_taxonomy::VERSION)?)
            .map_err(|e| e.to_string())?;
    cases.push('\n');
    Ok(vec![
        (bundle.to_owned(), schema::bundle_text()),
        (openapi.to_owned(), schema::to_text(&schema::openapi())),
        (conformance::CASES.to_owned(), cases),
    ])
}
