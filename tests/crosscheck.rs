//! An independent check of the generated enums against `taxonomy/`: this test reads the YAML
//! with its own untyped reading (no shared model with the generator) and walks every table's
//! column descriptors, so that it names no table, no column and no vocabulary. Every row must
//! match the generated values, inherited values included, and every shared fact must agree with
//! its column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use error_taxonomy::columns::{Kind, Value};
use error_taxonomy::{AnyCode, Table};
use marked_yaml::Node;
use serde_json::Value as Yaml;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read taxonomy/") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// A YAML node as JSON: a plain (unquoted) scalar that reads as a bool or a whole number is one,
/// as YAML reads it; every other scalar, quoted ones included, is a string.
fn json(node: &Node) -> Yaml {
    match node {
        Node::Scalar(s) => s
            .as_bool()
            .map(Yaml::Bool)
            .or_else(|| s.as_u64().map(Yaml::from))
            .unwrap_or_else(|| Yaml::String(s.as_str().to_owned())),
        Node::Sequence(items) => Yaml::Array(items.iter().map(json).collect()),
        Node::Mapping(map) => Yaml::Object(
            map.iter()
                .map(|(key, value)| (key.as_str().to_owned(), json(value)))
                .collect(),
        ),
    }
}

struct Taxonomy {
    /// Table name to its YAML.
    tables: BTreeMap<String, Yaml>,
    /// The shared facts' names.
    facts: Vec<String>,
}

fn taxonomy() -> Taxonomy {
    let mut paths = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("taxonomy");
    yaml_files(&root, &mut paths);
    let mut tables = BTreeMap::new();
    let mut facts = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("read yaml");
        let options = marked_yaml::LoaderOptions::default()
            .error_on_duplicate_keys(true)
            .prevent_coercion(true);
        let node = marked_yaml::parse_yaml_with_options(0, &text, options).expect("parse yaml");
        let value = json(&node);
        match value.get("table").and_then(Yaml::as_str) {
            Some(name) => {
                tables.insert(name.to_owned(), value);
            }
            None => {
                facts = value["facts"]
                    .as_array()
                    .expect("the vocabularies file lists the facts")
                    .iter()
                    .map(|f| f["name"].as_str().expect("fact name").to_owned())
                    .collect();
            }
        }
    }
    Taxonomy { tables, facts }
}

/// A column's name as the YAML declares it: a bare name or a mapping with `name`.
fn column_name(entry: &Yaml) -> &str {
    entry
        .as_str()
        .or_else(|| entry["name"].as_str())
        .expect("a column name")
}

fn text(row: &Yaml, key: &str) -> Option<String> {
    row.get(key)
        .and_then(Yaml::as_str)
        .map(|s| s.trim().to_owned())
}

fn rows(table: &Yaml) -> &[Yaml] {
    table["codes"].as_array().expect("codes")
}

fn code_of(row: &Yaml) -> String {
    match &row["code"] {
        Yaml::String(s) => s.clone(),
        Yaml::Number(n) => n.to_string(),
        other => panic!("code {other:?}"),
    }
}

/// The YAML value of a row's column: its own, or for an inherited column the value of the row it
/// references.
fn yaml_value<'a>(
    taxonomy: &'a Taxonomy,
    row: &'a Yaml,
    column: &error_taxonomy::columns::Column,
) -> Option<(&'a Yaml, &'a Yaml)> {
    if let Some(value) = row.get(column.name) {
        return Some((value, row));
    }
    let through = column.inherits_through?;
    let target_code = text(row, through)?;
    let target = taxonomy.tables.values().find(|t| {
        rows(t).iter().any(|r| code_of(r) == target_code)
            && t["columns"]
                .as_array()
                .is_some_and(|cols| cols.iter().any(|c| column_name(c) == column.name))
    })?;
    let target_row = rows(target).iter().find(|r| code_of(r) == target_code)?;
    Some((target_row.get(column.name)?, target_row))
}

fn check_value(
    column: &error_taxonomy::columns::Column,
    yaml: &Yaml,
    holder: &Yaml,
    value: Value,
    at: &str,
) {
    match (column.kind, value) {
        (Kind::Status, Value::Status(status)) => {
            assert_eq!(yaml.as_u64(), Some(u64::from(status)), "{at}");
        }
        (Kind::Bool, Value::Bool(b)) => assert_eq!(yaml.as_bool(), Some(b), "{at}"),
        (Kind::Text, Value::Text(t)) => assert_eq!(yaml.as_str().map(str::trim), Some(t), "{at}"),
        (Kind::Phrases, Value::Phrases(list)) => {
            // A phrase that YAML reads as a number (`404`) is its digits.
            let expected: Vec<String> = yaml
                .as_array()
                .expect("phrases")
                .iter()
                .map(|p| match p {
                    Yaml::Number(n) => n.to_string(),
                    other => other.as_str().expect("a phrase").to_owned(),
                })
                .collect();
            assert_eq!(list, expected.as_slice(), "{at}");
        }
        (Kind::Term(vocabulary), Value::Term(term)) => {
            assert_eq!(term.vocabulary(), vocabulary, "{at}");
            assert_eq!(yaml.as_str(), Some(term.name()), "{at}");
            assert!(vocabulary.values().contains(&term.name()), "{at}");
            let key = vocabulary
                .parameter_key()
                .map(|key| format!("{}_{key}", column.name));
            let parameter = key
                .and_then(|key| holder.get(key.as_str()))
                .and_then(Yaml::as_u64)
                .map(|n| u32::try_from(n).expect("u32"));
            assert_eq!(term.parameter(), parameter, "{at}");
        }
        (Kind::Code(table), Value::Code(code)) => {
            assert_eq!(code.table(), table, "{at}");
            assert_eq!(yaml.as_str(), Some(code.as_str()), "{at}");
        }
        (kind, value) => panic!("{at}: a {kind:?} column holds {value:?}"),
    }
}

#[test]
fn every_file_is_a_table_and_every_table_a_file() {
    let taxonomy = taxonomy();
    let names: Vec<&str> = taxonomy.tables.keys().map(String::as_str).collect();
    let mut generated: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
    generated.sort_unstable();
    assert_eq!(names, generated);
    for table in Table::ALL {
        let yaml = &taxonomy.tables[table.name()];
        let type_name = yaml["type"].as_str().expect("type");
        assert!(table.type_name().ends_with(type_name), "{table}");
        assert_eq!(text(yaml, "doc").as_deref(), Some(table.doc()), "{table}");
        assert!(table.file().ends_with(".yaml"), "{table}");
    }
}

#[test]
fn every_table_declares_the_columns_it_has() {
    let taxonomy = taxonomy();
    for table in Table::ALL {
        let yaml = &taxonomy.tables[table.name()];
        let declared: Vec<&str> = yaml["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .map(column_name)
            .collect();
        let generated: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        assert_eq!(declared, generated, "{table}");
        for column in table.columns() {
            assert_eq!(
                column.shared,
                taxonomy.facts.iter().any(|f| f == column.name),
                "{table} {}",
                column.name
            );
            assert!(
                !column.doc.is_empty() && !column.label.is_empty(),
                "{table} {}",
                column.name
            );
        }
    }
}

#[test]
fn every_row_matches_the_generated_values() {
    let taxonomy = taxonomy();
    let mut total = 0;
    for table in Table::ALL {
        let yaml = &taxonomy.tables[table.name()];
        let rows = rows(yaml);
        assert_eq!(rows.len(), table.len(), "{table}: row count");
        for (index, row) in rows.iter().enumerate() {
            let code = table.get(index).expect("row index");
            let wire = code_of(row);
            let at = format!("{table} {wire}");
            assert_eq!(code.as_str(), wire, "{at}");
            assert_eq!(table.parse(&wire), Ok(code), "{at}");
            assert_eq!(
                Some(code.description().to_owned()),
                text(row, "description"),
                "{at}"
            );
            assert_eq!(
                code.deprecation().map(str::to_owned),
                text(row, "deprecated"),
                "{at}"
            );
            assert_eq!(
                code.override_note().map(str::to_owned),
                text(row, "override"),
                "{at}"
            );
            for (column, value) in code.values() {
                let at = format!("{at}: {}", column.name);
                match (yaml_value(&taxonomy, row, column), value) {
                    (Some((yaml, holder)), Some(value)) => {
                        check_value(column, yaml, holder, value, &at)
                    }
                    (None, None) => {
                        assert!(column.optional, "{at}: a required column has no value")
                    }
                    (yaml, value) => panic!("{at}: the YAML says {yaml:?}, the code {value:?}"),
                }
                let overridden =
                    column.inherits_through.is_some() && row.get(column.name).is_some();
                assert_eq!(code.overrides().contains(&column.name), overridden, "{at}");
            }
            total += 1;
        }
    }
    let generated: usize = Table::ALL.iter().map(|t| t.len()).sum();
    assert_eq!(total, generated);
}

#[test]
fn shared_facts_agree_with_their_columns() {
    let taxonomy = taxonomy();
    for table in Table::ALL {
        for code in table.codes() {
            for name in &taxonomy.facts {
                let column = table.columns().iter().position(|c| c.name == name.as_str());
                let expected = column.and_then(|index| code.value(index));
                assert_eq!(code.fact(name), expected, "{table} {code}: {name}");
            }
            assert_eq!(code.fact("no_such_fact"), None);
        }
    }
}

#[test]
fn lookup_columns_find_their_rows() {
    // A column declared `lookup: true` gets a `from_<column>` function, which needs its values
    // to be unique.
    let taxonomy = taxonomy();
    for table in Table::ALL {
        let yaml = &taxonomy.tables[table.name()];
        for entry in yaml["columns"].as_array().expect("columns") {
            if entry.get("lookup").and_then(Yaml::as_bool) != Some(true) {
                continue;
            }
            let name = column_name(entry);
            let index = table
                .columns()
                .iter()
                .position(|c| c.name == name)
                .expect("column");
            let mut seen = std::collections::BTreeSet::new();
            for code in table.codes() {
                let value = code.value(index).expect("a lookup column is required");
                assert!(
                    seen.insert(value.to_string()),
                    "{table} {code}: {name} repeats"
                );
            }
        }
    }
}

#[test]
fn a_code_walks_its_table() {
    for table in Table::ALL {
        for code in table.codes() {
            assert_eq!(code.table(), table);
            assert_eq!(code.values().len(), table.columns().len());
            let _: AnyCode = code;
        }
    }
}
