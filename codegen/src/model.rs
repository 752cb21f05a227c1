//! The typed model of one `taxonomy/**/*.yaml` file, as serde reads it.
//!
//! Every struct denies unknown fields and every closed vocabulary is a serde enum, so a typo in
//! the data fails with the list of what is allowed.

use serde::Deserialize;

/// One YAML file: one table of codes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    /// `module.name`, e.g. `recall.sub_code`: the module the enum lives in and the table's name.
    pub table: String,
    /// The Rust type name of the enum, e.g. `SubCode`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// The enum's doc comment.
    pub doc: String,
    /// The columns every row carries; a name ending in `?` is optional per row.
    pub columns: Vec<String>,
    /// The rows, in the order the enum lists them.
    pub codes: Vec<Row>,
}

/// One row: one code and its facts. Which facts a row must carry is set by its table's columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The wire string.
    pub code: String,
    /// Overrides the identifier derived from `code`.
    pub rust_name: Option<String>,
    /// What the code means, in a sentence or two.
    pub description: Option<String>,
    /// Present when the code is retired: says what to use instead. A retired code still parses.
    pub deprecated: Option<String>,
    pub http_status: Option<u16>,
    pub retry: Option<RetryClass>,
    /// The delay of `retry: delay`, or the fallback of `retry: retry_after`, in seconds.
    pub retry_delay_s: Option<u32>,
    pub billing: Option<Billing>,
    pub action: Option<String>,
    pub handling: Option<Handling>,
    pub when: Option<String>,
    pub sends_retry_after: Option<bool>,
    pub terminal: Option<bool>,
    pub sub_code: Option<bool>,
    pub legacy_only: Option<bool>,
    pub category: Option<String>,
    pub platform: Option<Platform>,
    pub failure_code: Option<String>,
    pub error_code: Option<String>,
    pub message: Option<String>,
    pub ignorable_when: Option<String>,
    pub legacy_phrases: Option<Vec<String>>,
}

/// How a client retries. The crate's `RetryClass` has the same variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryClass {
    Never,
    Backoff,
    Once,
    Delay,
    RetryAfter,
    UserAction,
}

/// Whether a failure is billed. The crate's `Billing` has the same variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Billing {
    NotBilled,
    RecordedPortion,
}

/// The action group of a failure. The crate's `Handling` has the same variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    NotifyUser,
    RetryLater,
    PageOnCall,
    Log,
    TreatAsFinalized,
}

/// A meeting platform. The crate's `Platform` has the same variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    All,
    Zoom,
    GoogleMeet,
    MicrosoftTeams,
    Webex,
}

impl Platform {
    /// The prefix that Recall.ai gives the codes of this platform; `None` for all platforms.
    pub fn prefix(self) -> Option<&'static str> {
        match self {
            Platform::All => None,
            Platform::Zoom => Some("zoom_"),
            Platform::GoogleMeet => Some("google_meet_"),
            Platform::MicrosoftTeams => Some("microsoft_teams_"),
            Platform::Webex => Some("webex_"),
        }
    }

    pub const ALL: [Platform; 5] = [
        Platform::All,
        Platform::Zoom,
        Platform::GoogleMeet,
        Platform::MicrosoftTeams,
        Platform::Webex,
    ];
}

/// A column a table can declare: a fact that each of its rows carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    HttpStatus,
    Retry,
    Billing,
    Action,
    Handling,
    When,
    SendsRetryAfter,
    Terminal,
    SubCode,
    LegacyOnly,
    Category,
    Platform,
    FailureCode,
    ErrorCode,
    Message,
    IgnorableWhen,
    LegacyPhrases,
}

/// A column's value in one row.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    U16(u16),
    Bool(bool),
    Text(&'a str),
    Texts(&'a [String]),
    Retry(RetryClass, Option<u32>),
    Billing(Billing),
    Handling(Handling),
    Platform(Platform),
    /// A code of another table (the column's `target`).
    Ref(&'a str),
}

impl Column {
    pub const ALL: [Column; 17] = [
        Column::HttpStatus,
        Column::Retry,
        Column::Billing,
        Column::Action,
        Column::Handling,
        Column::When,
        Column::SendsRetryAfter,
        Column::Terminal,
        Column::SubCode,
        Column::LegacyOnly,
        Column::Category,
        Column::Platform,
        Column::FailureCode,
        Column::ErrorCode,
        Column::Message,
        Column::IgnorableWhen,
        Column::LegacyPhrases,
    ];

    /// The field name in YAML.
    pub fn name(self) -> &'static str {
        match self {
            Column::HttpStatus => "http_status",
            Column::Retry => "retry",
            Column::Billing => "billing",
            Column::Action => "action",
            Column::Handling => "handling",
            Column::When => "when",
            Column::SendsRetryAfter => "sends_retry_after",
            Column::Terminal => "terminal",
            Column::SubCode => "sub_code",
            Column::LegacyOnly => "legacy_only",
            Column::Category => "category",
            Column::Platform => "platform",
            Column::FailureCode => "failure_code",
            Column::ErrorCode => "error_code",
            Column::Message => "message",
            Column::IgnorableWhen => "ignorable_when",
            Column::LegacyPhrases => "legacy_phrases",
        }
    }

    /// The name of the generated `const fn`.
    pub fn accessor(self) -> &'static str {
        match self {
            Column::SendsRetryAfter => "sends_retry_after",
            Column::Terminal => "is_terminal",
            Column::SubCode => "has_sub_code",
            Column::LegacyOnly => "is_legacy_only",
            other => other.name(),
        }
    }

    /// The doc comment of the generated accessor.
    pub fn doc(self) -> &'static str {
        match self {
            Column::HttpStatus => "The HTTP status of a response that carries this code.",
            Column::Retry => "How a client retries after this code.",
            Column::Billing => "Whether a job that failed with this code is billed.",
            Column::Action => "What to do about this code.",
            Column::Handling => "The action group a handler puts this code in.",
            Column::When => "When the server answers with this code.",
            Column::SendsRetryAfter => "Whether the response carries a `Retry-After` header.",
            Column::Terminal => "Whether the bot's time in the call is over at this status.",
            Column::SubCode => "Whether a status change with this code carries a `sub_code`.",
            Column::LegacyOnly => {
                "Whether only the legacy `bot.status_change` webhook sends this code."
            }
            Column::Category => "The bot status that this sub-code comes with.",
            Column::Platform => "The meeting platform this code is about.",
            Column::FailureCode => "The meetbot failure code this maps to.",
            Column::ErrorCode => {
                "The error `code` this detail comes with (`None`: a body with no code)."
            }
            Column::Message => "The `detail` text of the error body, as the server sends it.",
            Column::IgnorableWhen => "When this code can safely be ignored.",
            Column::LegacyPhrases => {
                "Lower-case phrases that identify this code in a legacy free-text reason."
            }
        }
    }

    /// The table a reference column points into.
    pub fn target(self) -> Option<&'static str> {
        match self {
            Column::Category => Some("recall.bot_status"),
            Column::FailureCode => Some("meetbot.failure_code"),
            Column::ErrorCode => Some("recall.error_code"),
            _ => None,
        }
    }

    pub fn from_name(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// This column's value in `row`, if the row has it.
    pub fn value(self, row: &Row) -> Option<Value<'_>> {
        match self {
            Column::HttpStatus => row.http_status.map(Value::U16),
            Column::Retry => row.retry.map(|r| Value::Retry(r, row.retry_delay_s)),
            Column::Billing => row.billing.map(Value::Billing),
            Column::Action => row.action.as_deref().map(Value::Text),
            Column::Handling => row.handling.map(Value::Handling),
            Column::When => row.when.as_deref().map(Value::Text),
            Column::SendsRetryAfter => row.sends_retry_after.map(Value::Bool),
            Column::Terminal => row.terminal.map(Value::Bool),
            Column::SubCode => row.sub_code.map(Value::Bool),
            Column::LegacyOnly => row.legacy_only.map(Value::Bool),
            Column::Category => row.category.as_deref().map(Value::Ref),
            Column::Platform => row.platform.map(Value::Platform),
            Column::FailureCode => row.failure_code.as_deref().map(Value::Ref),
            Column::ErrorCode => row.error_code.as_deref().map(Value::Ref),
            Column::Message => row.message.as_deref().map(Value::Text),
            Column::IgnorableWhen => row.ignorable_when.as_deref().map(Value::Text),
            Column::LegacyPhrases => row.legacy_phrases.as_deref().map(Value::Texts),
        }
    }
}
