//! The second phase of `cargo xtask codegen`: every file made from the compiled crate for other
//! languages and for people (the JSON Schema bundle, `schema/codes.json` and its schema, the
//! OpenAPI document, both bindings, `docs/CATALOG.md`), written under the repository's root or,
//! with `--check`, checked against what is there.
//!
//! `xtask-export ROOT [--check]`; run through `cargo xtask codegen`, which runs the first phase
//! before it.

mod catalog;
#[path = "../../../cli/src/markdown.rs"]
mod markdown;
mod python;
mod typescript;

use std::path::Path;
use std::process::ExitCode;

use error_taxonomy::schema;
use xtask::Mode;

/// Every generated file: its path under the root, and its text.
pub fn files() -> Vec<(&'static str, String)> {
    let version = error_taxonomy::VERSION;
    vec![
        ("schema/error-taxonomy.schema.json", schema::bundle_text()),
        ("schema/codes.json", schema::to_text(&schema::codes())),
        (
            "schema/codes.schema.json",
            schema::to_text(&schema::codes_schema()),
        ),
        ("schema/openapi.json", schema::to_text(&schema::openapi())),
        ("bindings/typescript/src/index.ts", typescript::module()),
        (
            "bindings/typescript/package.json",
            typescript::package(version),
        ),
        ("bindings/typescript/tsconfig.json", typescript::tsconfig()),
        (
            "bindings/python/error_taxonomy_codes/__init__.py",
            python::module(),
        ),
        (
            "bindings/python/error_taxonomy_codes/py.typed",
            String::new(),
        ),
        ("bindings/python/pyproject.toml", python::pyproject(version)),
        ("docs/CATALOG.md", catalog::markdown()),
    ]
}

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
    let generated: Vec<(String, String)> = files()
        .into_iter()
        .map(|(path, text)| (path.to_owned(), text))
        .collect();
    match xtask::ensure(Path::new(root), &generated, &["schema"], mode) {
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

/// A string as a JSON (and so a TypeScript and a Python) string literal.
pub fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A fact of a table's codes, as a card writes it: its key, and what its values are.
pub struct Fact {
    pub key: String,
    pub kind: FactKind,
    pub doc: String,
    pub presence: Presence,
}

/// Whether every code of a table has a value for a fact.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Every code has one.
    Always,
    /// Some codes have one, others `null`.
    Sometimes,
    /// No code has one: the fact is not a column of the table (it is always `null`).
    Never,
}

/// What the values of a fact are.
pub enum FactKind {
    Text,
    OptionalText,
    Status,
    Bool,
    Number,
    Phrases,
    Strings,
    Term(error_taxonomy::Vocabulary),
    Code(error_taxonomy::Table),
}

/// The facts of a table's codes, in the order of their cards: every key but `table` and
/// `code`, each with the kind of its column.
pub fn facts(table: error_taxonomy::Table) -> Vec<Fact> {
    use error_taxonomy::Card;
    use error_taxonomy::columns::{FACTS, Kind};

    let Some(first) = table.codes().next() else {
        return Vec::new();
    };
    let card = serde_json::to_value(Card::of(first)).unwrap_or_default();
    let keys: Vec<String> = card
        .as_object()
        .map(|object| object.keys().cloned().collect())
        .unwrap_or_default();
    let columns: Vec<&error_taxonomy::columns::Column> =
        table.columns().iter().chain(FACTS).collect();
    let codes_schema = error_taxonomy::schema::codes_schema();
    let card_docs = &codes_schema["$defs"]["Code"]["properties"];
    keys.into_iter()
        .filter(|key| key != "table" && key != "code")
        .map(|key| {
            let column = columns.iter().find(|c| c.name == key);
            let parameter_of = columns.iter().find(|c| match c.kind {
                Kind::Term(v) => v
                    .parameter_key()
                    .is_some_and(|k| key == format!("{}_{k}", c.name)),
                _ => false,
            });
            // The card's own keys and a value's number are described by the codes schema.
            let card_doc = card_docs[key.as_str()]["description"].as_str();
            let card_doc = || card_doc.unwrap_or_default().to_owned();
            let (kind, doc) = match (key.as_str(), column, parameter_of) {
                ("description", _, _) => (FactKind::Text, card_doc()),
                ("overrides", _, _) => (FactKind::Strings, card_doc()),
                ("override" | "deprecated", _, _) => (FactKind::OptionalText, card_doc()),
                (_, Some(column), _) => (
                    match column.kind {
                        Kind::Status => FactKind::Status,
                        Kind::Bool => FactKind::Bool,
                        Kind::Phrases => FactKind::Phrases,
                        Kind::Term(vocabulary) => FactKind::Term(vocabulary),
                        Kind::Code(target) => FactKind::Code(target),
                        _ => FactKind::OptionalText,
                    },
                    column.doc.to_owned(),
                ),
                (_, None, Some(_)) => (FactKind::Number, card_doc()),
                _ => (FactKind::OptionalText, String::new()),
            };
            let presence = presence(table, &key, &kind);
            Fact {
                key,
                kind,
                doc,
                presence,
            }
        })
        .collect()
}

/// Whether every code of `table` has a value for the fact `key` of `kind`.
fn presence(table: error_taxonomy::Table, key: &str, kind: &FactKind) -> Presence {
    let own = table.columns().iter().find(|c| c.name == key);
    match (key, own, kind) {
        ("description" | "overrides", _, _) => Presence::Always,
        (_, Some(column), _) if !column.optional => Presence::Always,
        (_, Some(_), _) | (_, None, FactKind::Number | FactKind::OptionalText) => {
            Presence::Sometimes
        }
        _ => Presence::Never,
    }
}

/// Every table's cards as JSON objects, keyed by code.
pub fn cards(
    table: error_taxonomy::Table,
) -> Vec<(String, serde_json::Map<String, serde_json::Value>)> {
    table
        .codes()
        .map(|code| {
            let card = serde_json::to_value(error_taxonomy::Card::of(code)).unwrap_or_default();
            let mut object = card.as_object().cloned().unwrap_or_default();
            object.remove("table");
            object.remove("code");
            (code.as_str().to_owned(), object)
        })
        .collect()
}
