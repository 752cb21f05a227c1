//! `error-taxonomy`: what a code means in every table that knows it, every code of a table, what a
//! webhook, a bot's whole history or a Recall.ai error response says, and the JSON Schema bundle. (The files generated
//! from the taxonomy are written by the repository's `cargo xtask codegen`, not by this tool.)
//!
//! Bad input (an unknown code, a file that is not the payload, a file over the input limit)
//! exits with status 2 and one line on standard error; bad usage exits 2 with clap's message.
//! Output to a closed pipe ends the command quietly.

mod answer;
mod input;
mod markdown;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use error_taxonomy::Table;

/// What the codes of Recall.ai, meetbot and the hiring API mean, and what a webhook or an
/// error response says.
#[derive(Parser, Debug)]
#[command(name = "error-taxonomy", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The most bytes read from a file or standard input; more is an error.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = input::DEFAULT_MAX_INPUT)]
    max_input: u64,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The card of CODE in every table that knows it (in any casing).
    Explain {
        /// A code: `bot_kicked_from_call`, `429`, `CLOCK_REJECTED`, ...
        code: String,
        /// Answer with a JSON array of cards.
        #[arg(long)]
        json: bool,
        /// Also print the phrases columns (a failure code's legacy phrases).
        #[arg(long)]
        verbose: bool,
    },
    /// Every code of every table, or of one, one line per code.
    List {
        /// Only this table: `meetbot.failure_code`, `recall.sub_code`, ...
        #[arg(long, value_name = "TABLE", value_parser = table)]
        table: Option<Table>,
        /// Answer with a JSON array of cards.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Answer with a Markdown table per table, every column of the table in it.
        #[arg(long)]
        markdown: bool,
    },
    /// What a Recall.ai status webhook (either shape) or a meetbot `job.failed` (v1 or v2) means.
    Webhook {
        /// The body: a file, or `-` for standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// Answer in JSON.
        #[arg(long)]
        json: bool,
    },
    /// What the crate reads of a body: every payload of its list that reads it (webhooks, a
    /// status change, a hiring problem, a Recall.ai error body), as JSON, with what each could
    /// not read.
    Decode {
        /// The body: a file, or `-` for standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// Answer in JSON: for each payload that reads it, its name, value and unreadable parts.
        #[arg(long)]
        json: bool,
    },
    /// A bot's whole history explained (a Retrieve Bot body, or its `status_changes` array): its
    /// timeline, one line per change with the time since the bot joined, then the verdict.
    Bot {
        /// The history: a file, or `-` for standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// The bot's log entries (a Get Bot Logs body), which may explain a change.
        #[arg(long, value_name = "FILE")]
        logs: Option<String>,
        /// Answer in JSON: the history and its verdict, with the library's keys.
        #[arg(long)]
        json: bool,
    },
    /// A Recall.ai error response classified, with the first retry decision.
    Response {
        /// The HTTP status: three digits, 100 to 599.
        #[arg(value_parser = status)]
        status: u16,
        /// The `Retry-After` header's value (seconds, or an HTTP-date).
        #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
        retry_after: Option<String>,
        /// The body: a file, or `-` for standard input.
        #[arg(long, value_name = "FILE|-")]
        body: Option<String>,
        /// Answer in JSON.
        #[arg(long)]
        json: bool,
    },
    /// The JSON Schema bundle of every code and payload type.
    Schema,
}

/// A table by its name.
fn table(name: &str) -> Result<Table, String> {
    Table::ALL
        .into_iter()
        .find(|table| table.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = Table::ALL.iter().map(|t| t.name()).collect();
            format!("no table {name:?}; the tables are: {}", names.join(", "))
        })
}

/// An HTTP status: exactly three digits, 100 to 599 (`+429` and `0429` are refused).
fn status(text: &str) -> Result<u16, String> {
    let digits = text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit());
    text.parse()
        .ok()
        .filter(|status| digits && (100..=599).contains(status))
        .ok_or_else(|| format!("{text:?} is not an HTTP status (three digits, 100 to 599)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let limit = cli.max_input;
    let result = match cli.command {
        Command::Explain {
            code,
            json,
            verbose,
        } => answer::explain(&code, json, verbose),
        Command::List {
            table,
            json,
            markdown,
        } => Ok(answer::list(table, json, markdown)),
        Command::Webhook { file, json } => {
            input::read(&file, limit).and_then(|body| answer::webhook(&file, &body, json))
        }
        Command::Decode { file, json } => {
            input::read(&file, limit).and_then(|body| answer::decode(&file, &body, json))
        }
        Command::Bot { file, logs, json } => input::read(&file, limit).and_then(|body| {
            let logs = logs.map(|path| input::read(&path, limit)).transpose()?;
            answer::bot(&file, &body, logs.as_deref(), json)
        }),
        Command::Response {
            status,
            retry_after,
            body,
            json,
        } => body
            .as_deref()
            .map_or(Ok(Vec::new()), |path| input::read(path, limit))
            .map(|body| answer::response(status, retry_after.as_deref(), &body, json)),
        Command::Schema => Ok(error_taxonomy::schema::bundle_text()),
    };
    finish(result)
}

/// Prints the answer, or the one-line error with exit status 2. A closed pipe ends quietly.
fn finish(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(output.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    say(&format!("cannot write the answer: {e}"));
                    ExitCode::FAILURE
                }
            }
        }
        Err(message) => {
            say(&message);
            ExitCode::from(2)
        }
    }
}

/// One line on standard error, whatever the message holds (its control and invisible characters
/// escaped); a closed standard error is no reason to panic.
fn say(message: &str) {
    let line = answer::escaped(message);
    let _ = writeln!(std::io::stderr().lock(), "error-taxonomy: {line}");
}
