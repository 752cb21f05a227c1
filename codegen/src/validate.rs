//! Checks the parsed tables as a whole and builds the model that emission works from.
//!
//! Every problem is recorded with its file and entry; checking goes on after one is found, so a
//! single build reports all of them.

use std::collections::{BTreeMap, BTreeSet};

use crate::Problems;
use crate::model::{Column, Platform, RetryClass, Row, TableFile, Value};

/// The longest wire code a table may hold. (The crate's case-insensitive parse folds into a buffer
/// the size of the longest code there is, which the generator emits as `MAX_CODE_LEN`.)
pub const MAX_CODE_LEN: usize = 96;

/// Every table, in file order, each checked.
#[derive(Debug)]
pub struct Taxonomy {
    pub tables: Vec<Table>,
}

/// One checked table.
#[derive(Debug)]
pub struct Table {
    /// The file it came from, e.g. `taxonomy/recall/sub_codes.yaml`.
    pub file: String,
    /// `module.name`, e.g. `recall.sub_code`.
    pub key: String,
    /// The module the enum is emitted into, e.g. `recall`.
    pub module: String,
    /// The enum's name, e.g. `SubCode`.
    pub type_name: String,
    pub doc: String,
    /// The declared columns, each with whether a row may leave it out.
    pub columns: Vec<(Column, bool)>,
    pub rows: Vec<Row>,
    /// The variant identifier of each row, in row order.
    pub idents: Vec<String>,
    /// Whether the codes are upper case (case-insensitive parsing folds to the table's case).
    pub uppercase: bool,
}

impl Table {
    /// The identifier of this table in `Table` and `AnyCode`, e.g. `RecallSubCode`.
    pub fn tag(&self) -> String {
        let mut tag = to_ident(&self.module);
        tag.push_str(&self.type_name);
        tag
    }

    /// The variant identifier of `code`, if this table has it.
    pub fn ident_of(&self, code: &str) -> Option<&str> {
        let index = self.rows.iter().position(|row| row.code == code)?;
        Some(&self.idents[index])
    }

    /// Whether every code is a number (then the codes are HTTP statuses).
    pub fn numeric(&self) -> bool {
        self.rows
            .iter()
            .all(|row| row.code.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl Taxonomy {
    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|table| table.key == key)
    }

    /// The modules, in order of first appearance.
    pub fn modules(&self) -> Vec<&str> {
        let mut modules: Vec<&str> = Vec::new();
        for table in &self.tables {
            if !modules.contains(&table.module.as_str()) {
                modules.push(&table.module);
            }
        }
        modules
    }
}

/// Turns a wire code into a Rust type-like identifier: `bot_kicked_from_call` and
/// `BOT_KICKED_FROM_CALL` both give `BotKickedFromCall`.
pub fn to_ident(code: &str) -> String {
    let mut ident = String::with_capacity(code.len());
    for word in code.split(['_', '-', '.']).filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            ident.push(first.to_ascii_uppercase());
            ident.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    ident
}

fn is_type_ident(ident: &str) -> bool {
    let mut chars = ident.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && ident != "Self"
}

/// Rust's keywords, strict and reserved, which cannot name a module.
const KEYWORDS: [&str; 51] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

fn is_snake_ident(ident: &str) -> bool {
    let mut chars = ident.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&ident)
}

fn column_list() -> String {
    Column::ALL
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn validate(files: Vec<(String, TableFile)>, problems: &mut Problems) -> Taxonomy {
    let mut tables: Vec<Table> = Vec::with_capacity(files.len());
    for (file, table_file) in files {
        let table = check_table(&file, table_file, problems);
        if let Some(other) = tables.iter().find(|t| t.key == table.key) {
            problems.push(
                &file,
                None,
                format!("table `{}` is already defined by {}", table.key, other.file),
            );
        } else if let Some(other) = tables
            .iter()
            .find(|t| t.module == table.module && t.type_name == table.type_name)
        {
            problems.push(
                &file,
                None,
                format!(
                    "type `{}::{}` is already defined by {}",
                    table.module, table.type_name, other.file
                ),
            );
        } else if let Some(other) = tables.iter().find(|t| t.tag() == table.tag()) {
            problems.push(
                &file,
                None,
                format!(
                    "`Table::{}` would also name the table of {}; rename a type",
                    table.tag(),
                    other.file
                ),
            );
        }
        tables.push(table);
    }
    let taxonomy = Taxonomy { tables };
    check_references(&taxonomy, problems);
    taxonomy
}

fn check_table(file: &str, table_file: TableFile, problems: &mut Problems) -> Table {
    let TableFile {
        table: key,
        type_name,
        doc,
        columns: column_names,
        codes: rows,
    } = table_file;

    let (module, _) = key.split_once('.').unwrap_or((key.as_str(), ""));
    let module = module.to_owned();
    match key.split_once('.') {
        Some((m, name)) if is_snake_ident(m) && is_snake_ident(name) => {}
        _ => problems.push(
            file,
            None,
            format!("table `{key}` is not of the form `module.name` in snake_case"),
        ),
    }
    if !is_type_ident(&type_name) {
        problems.push(
            file,
            None,
            format!("type `{type_name}` is not an UpperCamelCase identifier"),
        );
    }
    if doc.trim().is_empty() {
        problems.push(file, None, "missing doc");
    }

    let mut columns: Vec<(Column, bool)> = Vec::new();
    for name in &column_names {
        let (bare, optional) = match name.strip_suffix('?') {
            Some(bare) => (bare, true),
            None => (name.as_str(), false),
        };
        match Column::from_name(bare) {
            Some(column) if columns.iter().any(|(c, _)| *c == column) => {
                problems.push(file, None, format!("column `{bare}` is declared twice"));
            }
            Some(column) => columns.push((column, optional)),
            None => problems.push(
                file,
                None,
                format!(
                    "unknown column `{bare}`; the known columns are: {}",
                    column_list()
                ),
            ),
        }
    }
    if rows.is_empty() {
        problems.push(file, None, "the table has no codes");
    } else if rows.len() > 256 {
        problems.push(
            file,
            None,
            "more than 256 codes do not fit the one-byte enum",
        );
    }

    let has_lower = rows
        .iter()
        .any(|r| r.code.bytes().any(|b| b.is_ascii_lowercase()));
    let has_upper = rows
        .iter()
        .any(|r| r.code.bytes().any(|b| b.is_ascii_uppercase()));
    if has_lower && has_upper {
        problems.push(
            file,
            None,
            "codes mix upper and lower case; a table's codes share one case",
        );
    }

    let mut idents = Vec::with_capacity(rows.len());
    let mut seen_codes: BTreeSet<&str> = BTreeSet::new();
    let mut seen_idents: BTreeMap<String, &str> = BTreeMap::new();
    let mut seen_phrases: BTreeMap<&str, &str> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate() {
        let position = format!("#{}", index + 1);
        let entry = if row.code.is_empty() {
            position.as_str()
        } else {
            row.code.as_str()
        };
        let mut problem = |message: String| problems.push(file, Some(entry), message);

        let mut code_ok = false;
        if row.code.is_empty() {
            problem("empty code".into());
        } else if !row
            .code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            problem("a code holds only ASCII letters, digits and `_`".into());
        } else if row.code.len() > MAX_CODE_LEN {
            problem(format!("code longer than {MAX_CODE_LEN} bytes"));
        } else if !seen_codes.insert(&row.code) {
            problem("duplicate code".into());
        } else {
            code_ok = true;
        }

        let ident = row.rust_name.clone().unwrap_or_else(|| to_ident(&row.code));
        // A bad or repeated code was reported above; its identifier would only repeat that.
        if code_ok || row.rust_name.is_some() {
            if !is_type_ident(&ident) {
                problem(format!(
                    "`{ident}` is not an UpperCamelCase identifier; set `rust_name:` to one"
                ));
            } else if let Some(other) = seen_idents.get(&ident) {
                problem(format!(
                    "identifier `{ident}` collides with entry {other}; set `rust_name:`"
                ));
            } else {
                seen_idents.insert(ident.clone(), &row.code);
            }
        }
        idents.push(ident);

        match row.description.as_deref().map(str::trim) {
            None | Some("") => problem("missing description".into()),
            Some(_) => {}
        }
        if row
            .deprecated
            .as_deref()
            .is_some_and(|note| note.trim().is_empty())
        {
            problem("`deprecated` needs a note saying what to use instead".into());
        }

        for column in Column::ALL {
            let declared = columns.iter().find(|(c, _)| *c == column);
            let value = column.value(row);
            match (declared, value) {
                (Some((_, false)), None) => {
                    problem(format!(
                        "missing `{}` (a column of this table)",
                        column.name()
                    ));
                }
                (None, Some(_)) => problem(format!(
                    "`{}` is not a column of this table (its columns: {})",
                    column.name(),
                    column_names.join(", ")
                )),
                _ => {}
            }
            let Some(value) = value else { continue };
            match value {
                Value::Text(text) if text.trim().is_empty() || text.trim() != text => {
                    problem(format!(
                        "`{}` is empty or has surrounding spaces",
                        column.name()
                    ));
                }
                Value::U16(status) if !(100..=599).contains(&status) => {
                    problem(format!("HTTP status {status} is outside 100-599"));
                }
                Value::Platform(platform) => check_platform(&row.code, platform, &mut problem),
                Value::Texts(phrases) => {
                    if phrases.is_empty() {
                        problem(format!("`{}` is empty", column.name()));
                    }
                    for phrase in phrases {
                        if phrase.trim().is_empty() || phrase.trim() != phrase {
                            problem(format!(
                                "phrase {phrase:?} is empty or has surrounding spaces"
                            ));
                        } else if !phrase.is_ascii() || phrase.to_ascii_lowercase() != *phrase {
                            problem(format!("phrase {phrase:?} must be lower-case ASCII"));
                        } else if let Some(other) = seen_phrases.insert(phrase, &row.code) {
                            problem(format!(
                                "phrase {phrase:?} is also a phrase of entry {other}"
                            ));
                        }
                    }
                }
                _ => {}
            }
        }

        check_retry(row, &mut problem);
        if let Some(status) = row.http_status {
            if row.code.bytes().all(|b| b.is_ascii_digit()) && row.code != status.to_string() {
                problem(format!(
                    "code {} disagrees with its http_status {status}",
                    row.code
                ));
            }
        }
    }

    Table {
        file: file.to_owned(),
        key,
        module,
        type_name,
        doc,
        columns,
        idents,
        rows,
        uppercase: has_upper,
    }
}

fn check_retry(row: &Row, problem: &mut impl FnMut(String)) {
    let Some(retry) = row.retry else {
        if row.retry_delay_s.is_some() {
            problem("`retry_delay_s` without `retry`".into());
        }
        return;
    };
    match (retry, row.retry_delay_s) {
        (RetryClass::Delay, None) => problem("`retry: delay` needs `retry_delay_s`".into()),
        (RetryClass::Delay | RetryClass::RetryAfter, Some(0)) => {
            problem("`retry_delay_s` must be at least 1".into());
        }
        (RetryClass::Delay | RetryClass::RetryAfter, _) => {}
        (_, Some(_)) => {
            problem("`retry_delay_s` goes only with `retry: delay` or `retry: retry_after`".into())
        }
        (_, None) => {}
    }
    if let Some(sends) = row.sends_retry_after {
        if sends != (retry == RetryClass::RetryAfter) {
            problem(
                "`sends_retry_after: true` goes with `retry: retry_after`, and only with it".into(),
            );
        }
    }
}

/// Recall.ai's rule: a platform's codes start with its name; codes without a prefix are for all.
fn check_platform(code: &str, platform: Platform, problem: &mut impl FnMut(String)) {
    let by_prefix = Platform::ALL
        .into_iter()
        .find(|p| p.prefix().is_some_and(|prefix| code.starts_with(prefix)))
        .unwrap_or(Platform::All);
    if by_prefix != platform {
        problem(format!(
            "platform {platform:?} disagrees with the code's prefix, which says {by_prefix:?}"
        ));
    }
}

fn check_references(taxonomy: &Taxonomy, problems: &mut Problems) {
    for table in &taxonomy.tables {
        for (column, _) in &table.columns {
            let Some(target_key) = column.target() else {
                continue;
            };
            let Some(target) = taxonomy.table(target_key) else {
                problems.push(
                    &table.file,
                    None,
                    format!(
                        "column `{}` refers to table `{target_key}`, which no file defines",
                        column.name()
                    ),
                );
                continue;
            };
            for row in &table.rows {
                let Some(Value::Ref(code)) = column.value(row) else {
                    continue;
                };
                let Some(index) = target.rows.iter().position(|r| r.code == code) else {
                    problems.push(
                        &table.file,
                        Some(&row.code),
                        format!("`{}: {code}` names no code of {target_key}", column.name()),
                    );
                    continue;
                };
                if *column == Column::Category && target.rows[index].sub_code != Some(true) {
                    problems.push(
                        &table.file,
                        Some(&row.code),
                        format!("category `{code}` is a status that carries no sub-code"),
                    );
                }
            }
        }
    }
}
