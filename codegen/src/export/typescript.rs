//! `bindings/typescript`: each table as a union type of its codes and an `as const` record of
//! their facts, the vocabularies as union types, and `Open<T>` for positions a server may fill
//! with a code this version does not know.

use std::fmt::Write as _;

use serde_json::Value;

use super::{Export, Fact, Presence, cards, facts, generated_by, json_of, quoted, unknown_facts};
use crate::COMMAND;
use crate::model::Table;

/// The module `src/index.ts`.
pub(super) fn module(export: Export<'_>) -> String {
    let mut out = format!("// {}\n\n", generated_by(export.version));
    out.push_str(
        "/** A code where a server may send one this version does not know yet: a known code, or \
         any other string (`T | (string & {})` keeps the known codes in completions). */\n\
         export type Open<T extends string> = T | (string & {});\n\n\
         /** A table as it is exported: frozen, with no prototype (so `table[\"constructor\"]` is \
         `undefined` and `table[code] ?? fallback` holds for any string), each row and its lists \
         frozen too: importers share it, and none can change it. */\n\
         function frozen<T extends object>(rows: T): T {\n  \
           for (const row of Object.values(rows)) {\n    \
             for (const value of Object.values(row as object)) {\n      \
               if (Array.isArray(value)) Object.freeze(value);\n    \
             }\n    \
             Object.freeze(row);\n  \
           }\n  \
           return Object.freeze(Object.assign(Object.create(null) as T, rows));\n\
         }\n",
    );
    for vocabulary in &export.taxonomy.vocabularies {
        let _ = write!(
            out,
            "\n/** {} */\nexport type {} =",
            comment(&vocabulary.doc),
            vocabulary.type_name
        );
        for value in &vocabulary.values {
            let _ = write!(out, "\n  | {}", quoted(&value.value));
        }
        out.push_str(";\n");
    }
    for table in &export.taxonomy.tables {
        table_module(&mut out, export, table);
    }
    out
}

fn table_module(out: &mut String, export: Export<'_>, table: &Table) {
    let name = &table.tag();
    let facts = facts(export, table);
    let _ = write!(
        out,
        "\n/** {} (table `{}`) */\nexport type {name} =",
        comment(&table.doc),
        table.key
    );
    for row in &table.rows {
        let _ = write!(out, "\n  | {}", quoted(&row.code));
    }
    out.push_str(";\n");
    let _ = writeln!(
        out,
        "\n/** The facts of a `{name}`. */\nexport interface {name}Facts {{"
    );
    for fact in &facts {
        let _ = writeln!(
            out,
            "  /** {} */\n  readonly {}: {};",
            comment(&fact.doc),
            fact.key,
            ts_type(fact)
        );
    }
    out.push_str("}\n");
    let _ = writeln!(
        out,
        "\n/** Every `{name}`, with its facts. */\nexport const {name} = frozen({{"
    );
    for (code, card) in cards(export, table) {
        if let Some(Value::String(note)) = card.get("deprecated") {
            let _ = writeln!(out, "  /** @deprecated {} */", comment(note));
        }
        let _ = writeln!(out, "  {}: {{", quoted(&code));
        for fact in &facts {
            let value = card.get(&fact.key).cloned().unwrap_or(Value::Null);
            let _ = writeln!(out, "    {}: {},", fact.key, value);
        }
        out.push_str("  },\n");
    }
    let _ = writeln!(out, "}} as const satisfies Record<{name}, {name}Facts>);");
    let _ = writeln!(
        out,
        "\n/** Whether `code` is a `{name}` this version knows: a string, and one of its codes. */\nexport function is{name}(code: unknown): code is {name} {{\n  return typeof code === \"string\" && Object.hasOwn({name}, code);\n}}"
    );
    unknown(out, export, table, name);
}

/// The facts a code of `table` this version does not know gets, if the table says.
fn unknown(out: &mut String, export: Export<'_>, table: &Table, name: &str) {
    if let Some(unknown) = &table.unknown_code {
        let _ = writeln!(
            out,
            "\n/** The facts of a `{name}` this version does not know: {} */",
            comment(&unknown.reason)
        );
        let _ = write!(out, "export const {name}Unknown = Object.freeze({{");
        for (column, cell) in unknown_facts(table) {
            let value = json_of(export.taxonomy, column, cell);
            let _ = write!(out, " {}: {value},", column.name);
        }
        out.push_str(" } as const);\n");
    }
}

fn ts_type(fact: &Fact) -> String {
    use super::FactKind;

    let ty = match &fact.kind {
        FactKind::Text | FactKind::OptionalText => "string".to_owned(),
        FactKind::Status | FactKind::Number => "number".to_owned(),
        FactKind::Bool => "boolean".to_owned(),
        FactKind::Phrases | FactKind::Strings => "readonly string[]".to_owned(),
        FactKind::Term(_) | FactKind::Code(_) => fact.kind.type_name().unwrap_or_default(),
    };
    match fact.presence {
        Presence::Always => ty,
        Presence::Sometimes => format!("{ty} | null"),
        Presence::Never => "null".to_owned(),
    }
}

/// Text fit for a `/** */` comment on one line.
fn comment(text: &str) -> String {
    text.replace("*/", "*\\/").replace('\n', " ")
}

/// `package.json`, versioned with the crate. `prepare` builds `dist/` wherever npm installs
/// the package from its sources (a folder, a git URL) and before `npm pack`, so that the
/// tarball carries what runs.
pub(super) fn package(version: &str) -> String {
    // Written by hand: `exports` conditions are matched in order, `types` first. The judgement
    // (the interpreter of the rule data) is its own entry, so that the tables load without it.
    format!(
        r#"{{
  "name": "error-taxonomy-codes",
  "version": "{version}",
  "description": "The error codes of Recall.ai's API, the hiring API and meetbot, with every fact of each: generated from error-taxonomy's tables.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "dist/index.js",
  "types": "dist/index.d.ts",
  "exports": {{
    ".": {{
      "types": "./dist/index.d.ts",
      "default": "./dist/index.js"
    }},
    "./judgement": {{
      "types": "./dist/judgement.d.ts",
      "default": "./dist/judgement.js"
    }}
  }},
  "files": ["dist", "src"],
  "sideEffects": false,
  "scripts": {{
    "build": "tsc -p .",
    "prepare": "tsc -p ."
  }},
  "devDependencies": {{
    "typescript": "5.9.3"
  }}
}}
"#
    )
}

/// `tsconfig.json`: strict, declarations beside the JavaScript in `dist/`.
pub(super) fn tsconfig() -> String {
    let config = serde_json::json!({
        "compilerOptions": {
            "target": "ES2022",
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "strict": true,
            "noUncheckedIndexedAccess": true,
            "exactOptionalPropertyTypes": true,
            "declaration": true,
            "outDir": "dist",
            "rootDir": "src",
        },
        "include": ["src"],
    });
    super::to_text(&config)
}

/// `src/rules.ts`: the rule data of `schema/rules.json` (without its version), which
/// `judgement.ts` interprets and types.
pub(super) fn rules(data: &Value) -> String {
    format!(
        "// @generated by `{COMMAND}` from taxonomy/. Do not edit.\n\
         // The rule data that ./judgement.ts interprets: schema/rules.json without its version.\n\
         import type {{ Rules }} from \"./judgement.js\";\n\
         export const RULES: Rules = {};\n",
        super::pretty(data)
    )
}
