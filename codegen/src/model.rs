//! The model of the taxonomy, as read from YAML: vocabularies, shared facts, tables with their
//! declared columns, and rows. Every item remembers its file and line, so that later checks can
//! locate their problems.

use std::collections::BTreeMap;

/// The whole taxonomy.
#[derive(Debug)]
pub struct Taxonomy {
    /// The closed vocabularies, in file order.
    pub vocabularies: Vec<Vocabulary>,
    /// The facts every code answers for (`None` where its table lacks the column), in order.
    pub facts: Vec<Column>,
    /// The tables, in path order.
    pub tables: Vec<Table>,
    /// Every code ever published: `(table, code, line)`, in file order.
    pub published: Vec<(String, String, usize)>,
}

impl Taxonomy {
    /// The length in bytes of the longest code of any table: the crate's `MAX_CODE_LEN`.
    pub fn max_code_len(&self) -> usize {
        self.tables
            .iter()
            .flat_map(|table| table.rows.iter().map(|row| row.code.len()))
            .max()
            .unwrap_or(0)
    }

    /// The table with `key` (`module.name`).
    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }

    /// The value `row` of `table` inherits for `column` through its reference column `through`:
    /// the referenced row's.
    pub fn inherited(
        &self,
        table: &Table,
        row: &Row,
        through: &str,
        column: &str,
    ) -> Option<&Cell> {
        let (_, target_row) = self.referenced(table, row, through)?;
        target_row.cells.get(column)
    }

    /// The table and the row that `row` of `table` references in its code column `through`.
    fn referenced(&self, table: &Table, row: &Row, through: &str) -> Option<(&Table, &Row)> {
        let Some(Cell::Ref(code)) = row.cells.get(through) else {
            return None;
        };
        let target = self.table(table.table_of(through)?)?;
        Some((target, &target.rows[target.row(code)?]))
    }

    /// The value `row` has in `column`, as the crate's accessor answers: its own, or for an
    /// inherited column the value of the row it references (which may inherit in turn).
    pub fn value_of<'t>(
        &'t self,
        table: &'t Table,
        row: &'t Row,
        column: &Column,
    ) -> Option<&'t Cell> {
        if let Some(cell) = row.cells.get(&column.name) {
            return Some(cell);
        }
        let (target, target_row) = self.referenced(table, row, column.inherit.as_deref()?)?;
        self.value_of(target, target_row, target.column(&column.name)?)
    }

    /// The row key of the number a column's vocabulary value may carry, e.g. `retry_delay_s`.
    pub fn parameter_key(&self, column: &Column) -> Option<String> {
        match column.ty {
            Type::Vocab(v) => self.vocabularies[v]
                .parameter
                .as_ref()
                .map(|p| format!("{}_{}", column.name, p.key)),
            _ => None,
        }
    }
}

/// A closed vocabulary: the values one kind of column can take.
#[derive(Debug)]
pub struct Vocabulary {
    pub line: usize,
    /// The name columns use as their type, e.g. `retry`.
    pub name: String,
    /// The Rust type, e.g. `RetryClass`.
    pub type_name: String,
    pub doc: String,
    /// The number some values carry, and the suffix of its row key (`retry_delay_s`).
    pub parameter: Option<Parameter>,
    pub values: Vec<VocabValue>,
}

/// The number a vocabulary's values may carry.
#[derive(Debug)]
pub struct Parameter {
    /// The suffix of the row key: a row says `<column>_<key>`.
    pub key: String,
    /// The name of the generated accessor of the number.
    pub accessor: String,
    pub doc: String,
}

/// One value of a vocabulary.
#[derive(Debug)]
pub struct VocabValue {
    pub line: usize,
    /// The wire name, e.g. `retry_after`.
    pub value: String,
    /// The Rust variant, e.g. `RetryAfter`.
    pub ident: String,
    /// The words for it in a sentence; `{}` stands for its field.
    pub text: String,
    /// The words when the optional field is present; `{}` stands for it.
    pub text_with_field: Option<String>,
    /// The name of the number it carries, if any.
    pub field: Option<String>,
    /// Whether the number may be left out.
    pub optional_field: bool,
    pub field_doc: Option<String>,
    /// The code prefix that names this value (a naming rule), if any.
    pub prefix: Option<String>,
    /// Whether a code with no prefix has this value.
    pub default: bool,
    pub doc: String,
}

impl VocabValue {
    /// Its words: `text_with_field` for an optional field's value that carries its number,
    /// `text` otherwise; `{}` stands for the number.
    pub fn text_for(&self, with_number: bool) -> &str {
        match (&self.text_with_field, self.optional_field && with_number) {
            (Some(with), true) => with,
            _ => &self.text,
        }
    }
}

impl Vocabulary {
    /// Whether the vocabulary is a naming rule: its values carry code prefixes.
    pub fn has_prefixes(&self) -> bool {
        self.values.iter().any(|v| v.prefix.is_some())
    }

    pub fn find(&self, value: &str) -> Option<usize> {
        self.values.iter().position(|v| v.value == value)
    }

    pub fn value_list(&self) -> String {
        self.values
            .iter()
            .map(|v| v.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// An HTTP status, 100-599.
    Status,
    Bool,
    /// One line of text.
    Text,
    /// A list of lower-case phrases.
    Phrases,
    /// A value of the vocabulary at this index.
    Vocab(usize),
    /// A code of the table with this key.
    Table(String),
}

/// A column: declared by a table, or a shared fact declared in `taxonomy.yaml`.
#[derive(Debug, Clone)]
pub struct Column {
    pub line: usize,
    /// The row key, and the JSON key of the code's card.
    pub name: String,
    pub ty: Type,
    pub doc: String,
    /// How people read the name, e.g. `HTTP status`.
    pub label: String,
    /// The name of the generated accessor.
    pub accessor: String,
    /// Whether a row may leave it out.
    pub optional: bool,
    /// Whether values are unique, with a `from_<name>` lookup.
    pub lookup: bool,
    /// A reference column: a row that leaves this column out takes the value of the row it
    /// references there.
    pub inherit: Option<String>,
    /// For a table reference: the referenced row must have these values.
    pub where_: Vec<(String, Scalar)>,
    /// For a bool: true exactly when the other column has this vocabulary value.
    pub true_exactly_when: Option<(String, String)>,
    /// Whether it is one of the shared facts.
    pub shared: bool,
}

impl Column {
    /// Whether a code may have no value here, so that its accessor returns an `Option`: the
    /// column is optional and inherits nothing.
    pub fn may_lack_value(&self) -> bool {
        self.optional && self.inherit.is_none()
    }

    /// A table's own column of type `ty`, with its defaults: accessor and label from the name.
    pub fn new(name: &str, ty: Type, line: usize) -> Self {
        Column {
            line,
            accessor: name.to_owned(),
            name: name.to_owned(),
            ty,
            doc: String::new(),
            label: name.replace('_', " "),
            optional: false,
            lookup: false,
            inherit: None,
            where_: Vec::new(),
            true_exactly_when: None,
            shared: false,
        }
    }
}

/// A plain value in a constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scalar {
    Bool(bool),
    Text(String),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Text(t) => f.write_str(t),
        }
    }
}

/// One table: one YAML file, one code enum.
#[derive(Debug)]
pub struct Table {
    pub file: String,
    /// `module.name`, e.g. `recall.sub_code`.
    pub key: String,
    pub key_line: usize,
    /// The module the enum is emitted into, e.g. `recall`.
    pub module: String,
    /// The enum's name, e.g. `SubCode`.
    pub type_name: String,
    pub doc: String,
    /// The column whose value each code is the decimal form of.
    pub code_is: Option<(String, usize)>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The variant identifier of each row, in row order.
    pub idents: Vec<String>,
    /// Whether the codes are upper case (case-insensitive parsing folds to the table's case).
    pub uppercase: bool,
    /// The columns whose declaration could not be read (already reported).
    pub broken: Vec<String>,
    /// How the table places codes it does not know.
    pub unknown_codes: Option<UnknownCodes>,
    /// How the table reads free text into a code.
    pub free_text: Option<FreeText>,
    /// The facts a code this table does not know is given.
    pub unknown_code: Option<UnknownCode>,
}

/// `unknown_code:`: the facts of a code the table does not know (a newer server's), and why.
#[derive(Debug)]
pub struct UnknownCode {
    pub reason: String,
    /// The values, by column name, read like a row's.
    pub cells: BTreeMap<String, Cell>,
}

impl Table {
    /// The identifier of this table in `Table` and `AnyCode`, e.g. `RecallSubCode`.
    pub fn tag(&self) -> String {
        let mut tag = to_ident(&self.module);
        tag.push_str(&self.type_name);
        tag
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The key of the table that column `name` refers to, if it is a reference column.
    pub fn table_of(&self, name: &str) -> Option<&str> {
        match &self.column(name)?.ty {
            Type::Table(key) => Some(key),
            _ => None,
        }
    }

    pub fn row(&self, code: &str) -> Option<usize> {
        self.rows.iter().position(|row| row.code == code)
    }

    /// Whether any row overrides an inherited column, so that the table has override notes.
    pub fn has_inheritance(&self) -> bool {
        self.columns.iter().any(|c| c.inherit.is_some())
    }

    /// The inherited columns `row` gives a value of its own, by name.
    pub fn overridden<'t>(&'t self, row: &'t Row) -> impl Iterator<Item = &'t str> {
        self.columns
            .iter()
            .filter(|c| c.inherit.is_some() && row.cells.contains_key(&c.name))
            .map(|c| c.name.as_str())
    }
}

/// One row: one code and its facts.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    /// The wire string.
    pub code: String,
    pub rust_name: Option<String>,
    pub description: String,
    /// Present when the code is retired: says what to use instead.
    pub deprecated: Option<String>,
    /// Why the row overrides an inherited column.
    pub override_note: Option<String>,
    /// The values, by column name.
    pub cells: BTreeMap<String, Cell>,
    /// The line of each value, by column name.
    pub cell_lines: BTreeMap<String, usize>,
    /// The columns whose value was there but could not be read (already reported).
    pub unreadable: Vec<String>,
}

/// A value in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Status(u16),
    Bool(bool),
    Text(String),
    Phrases(Vec<String>),
    /// A vocabulary value (its index) and the number it carries.
    Vocab(usize, Option<u32>),
    /// A code of another table.
    Ref(String),
}

/// Turns a wire code or a snake_case name into an UpperCamelCase identifier:
/// `bot_kicked_from_call` and `BOT_KICKED_FROM_CALL` both give `BotKickedFromCall`.
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

pub fn is_type_ident(ident: &str) -> bool {
    let mut chars = ident.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric())
        && ident != "Self"
}

/// Rust's keywords, strict and reserved, which cannot name a module or a method.
const KEYWORDS: [&str; 51] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

pub fn is_snake_ident(ident: &str) -> bool {
    let mut chars = ident.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&ident)
}

/// How a table places a code it does not know: steps in order, the first that places it wins.
#[derive(Debug)]
pub struct UnknownCodes {
    pub line: usize,
    /// The column whose value the steps give, e.g. `failure_code`.
    pub decides: String,
    /// The column whose value the caller knows, e.g. `category`.
    pub given: String,
    /// Words the scan passes over, e.g. `the`.
    pub skip: Vec<String>,
    pub steps: Vec<Step>,
}

/// One step of [`UnknownCodes`].
#[derive(Debug)]
pub struct Step {
    pub line: usize,
    pub name: String,
    pub reason: String,
    pub kind: StepKind,
    /// The values of the `given` column the step applies to; empty: any.
    pub given: Vec<String>,
    /// The code it gives (a code of the `decides` column's table); none for `strip_prefix`.
    pub value: Option<String>,
}

#[derive(Debug)]
pub enum StepKind {
    /// Strip the prefix of this vocabulary's value and look the rest up as a known code.
    StripPrefix(usize),
    /// A cue: one phrase of each group, in one clause.
    Cue(Vec<Vec<String>>),
    /// A known code of any table that the code is, or holds between its `_`s with nothing
    /// around it the steps' words know: the answer of its row.
    Named,
    /// The value for what the earlier steps left.
    Default,
}

/// How a table reads free text into one of its codes: phrases of a column score for their row,
/// cues for theirs; the highest score wins, a tie by priority; nothing matched gives no code.
#[derive(Debug)]
pub struct FreeText {
    pub line: usize,
    /// The phrases column, e.g. `legacy_phrases`.
    pub phrases: String,
    /// What a cue adds to its code's score.
    pub cue_weight: u16,
    pub skip: Vec<String>,
    /// Words after which a phrase does not count (`no recording`), within `negation_reach`
    /// words.
    pub negations: Vec<String>,
    /// How many words a negation reaches.
    pub negation_reach: u8,
    /// Contractions written without their apostrophe (`didnt`), read as the word `not`.
    pub contractions: Vec<String>,
    /// Words that end a negation's reach (`because`).
    pub negation_ends: Vec<String>,
    /// Words after which the stated cause follows (`then`, `but`); each ends a clause.
    pub stated_after: Vec<String>,
    /// Words after which a preliminary cause follows, to the clause's end (`after`).
    pub stated_before: Vec<String>,
    /// Units of time (`seconds`): a three-digit number before one is a duration, no status.
    pub units: Vec<String>,
    /// Words that make what comes before them hypothetical (`would`): a code named right before
    /// one ("`lobby_timeout` would have fired") is not the cause the text states.
    pub hypothetical: Vec<String>,
    /// Words that make their clause hypothetical from there to its end (`if`, `whether`): what
    /// is found there, a code named there included, is not what the text states.
    pub conditional: Vec<String>,
    /// Words that, first in a clause that ends in `?`, ask whether something happened (`was`,
    /// `could`): the question states nothing unless its answer begins with an affirmation.
    pub asking: Vec<String>,
    /// Words that answer a question yes (`yes`): the question then states what it asks.
    pub affirmations: Vec<String>,
    /// What the stated cause weighs, in percent, where a contrast set another aside.
    pub stated_percent: u16,
    pub cues: Vec<Cue>,
    /// Every code of the table, the first winning a tie.
    pub priority: Vec<String>,
    /// How word weights are learnt from the labelled reasons, if they are.
    pub learned: Option<Learning>,
}

/// `free_text.learned`: word weights learnt from the labelled reasons under
/// [`LABELLED`](crate::LABELLED), the measure sets left out.
#[derive(Debug)]
pub struct Learning {
    pub line: usize,
    /// Words that make no feature (`the`, `to`): passed over, as if not there.
    pub ignore: Vec<String>,
    /// The additive smoothing of a feature's chance with a class, in hundredths.
    pub smoothing_percent: u16,
    /// In how many labelled reasons a feature must be to be learnt.
    pub min_reasons: u16,
    /// How many labelled reasons each code and `none` must have: a class with few would
    /// lose little on each feature, and win texts it knows nothing of.
    pub min_class_reasons: u16,
    /// The share of a text's features, in percent, that must have been learnt for the weights
    /// to answer at all.
    pub min_known_percent: u16,
    /// How many of a text's features must have been learnt for the weights to answer at all.
    pub min_known_features: u16,
    /// How far, in thousandths of a natural log, the best class must lead the next for the
    /// weights to answer where the phrases and cues found nothing.
    pub fallback_margin: u32,
    /// How far it must lead for the weights to answer over what the phrases and cues found.
    pub override_margin: u32,
}

/// A named cue of [`FreeText`].
#[derive(Debug)]
pub struct Cue {
    pub line: usize,
    pub name: String,
    pub reason: String,
    pub groups: Vec<Vec<String>>,
    /// The code it scores for; none for a cue that only rules codes out.
    pub code: Option<String>,
    /// Whether its groups may be anywhere in the text, not in one clause.
    pub whole_text: bool,
    /// What it adds to its code's score, when not the reader's `cue_weight`.
    pub weight: Option<u16>,
    /// The codes it rules out when it holds, as a placement: where two cues that only place
    /// the failure disagree, neither rules anything out.
    pub excludes: Vec<String>,
    /// The codes it clears when it holds ("the passcode was correct"), whatever else held.
    pub clears: Vec<String>,
}
