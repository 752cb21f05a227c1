//! A bot's whole history, as seed 002 ("Debugging Bots") reads it: the `status_changes` of a
//! Retrieve Bot body, and the bot's log entries, turned into one answer: when the bot joined and
//! how long it waited, what it recorded and for how long, how it ended, whether the job is billed
//! by the 60-second rule, what to retry and who must act, and what the logs explain.
//!
//! ```
//! use error_taxonomy::meetbot::FailureCode;
//! use error_taxonomy::recall::{Billed, History};
//!
//! let body = br#"{"id": "bot_1", "status_changes": [
//!   {"code": "joining_call", "created_at": "2024-02-17T16:44:00Z", "sub_code": null, "message": null},
//!   {"code": "in_call_recording", "created_at": "2024-02-17T16:44:30Z"},
//!   {"code": "call_ended", "sub_code": "bot_kicked_from_call", "created_at": "2024-02-17T16:44:50Z"}]}"#;
//! let history = History::from_json(body, None)?;
//! let verdict = history.verdict();
//! assert_eq!(verdict.recorded, Some(std::time::Duration::from_secs(20)));
//! assert_eq!(verdict.failure.map(|a| a.failure_code), Some(FailureCode::RemovedFromMeeting));
//! // Removed after 20 s: the code bills a recorded portion, but under 60 s nothing is billed.
//! assert_eq!(verdict.billed, Billed::No);
//! # Ok::<(), error_taxonomy::DecodeError>(())
//! ```

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;
use core::time::Duration;

use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{Advice, BotLogCode, BotStatus, Outcome, SubCode, outcome};
use crate::meetbot::MIN_BILLED_RECORDING;
use crate::{DecodeError, Open};

/// One status change: its status and sub-code (known or kept as they came), its message, and
/// when it happened.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct Change<'a> {
    /// The status; `None` when the change had none that is text.
    pub code: Option<Open<'a, BotStatus>>,
    /// The sub-code, if any.
    pub sub_code: Option<Open<'a, SubCode>>,
    /// The message, if any.
    pub message: Option<Cow<'a, str>>,
    /// When, as the change says it (`created_at`).
    pub created_at: Option<Cow<'a, str>>,
    /// When, read: microseconds since the Unix epoch; `None` when absent or not RFC 3339.
    pub at: Option<i64>,
}

/// One bot log entry: its code (known or not), level and message, and when.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct LogEntry<'a> {
    /// The log code: the entry's `code`, else a known code its `message` names.
    pub code: Option<Open<'a, BotLogCode>>,
    /// The level (`error`, `info`, ...).
    pub level: Option<Cow<'a, str>>,
    /// The message.
    pub message: Option<Cow<'a, str>>,
    /// When, read as for [`Change::at`].
    pub at: Option<i64>,
}

/// What was wrong with a history, and where (the index of the change as it came).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Note {
    /// A change without a readable `created_at`: where it falls is a guess, so no time that
    /// depends on it is given.
    NoTime(usize),
    /// A change that came before one it follows in time: the history is read in time order.
    OutOfOrder(usize),
    /// The same change twice (same status, sub-code and time): counted once.
    Duplicate(usize),
    /// An entry that is no object, or a status that is no text: skipped.
    Unreadable(usize),
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::NoTime(i) => write!(f, "change {i} has no readable created_at"),
            Note::OutOfOrder(i) => write!(f, "change {i} came out of time order"),
            Note::Duplicate(i) => write!(f, "change {i} repeats an earlier one"),
            Note::Unreadable(i) => write!(f, "change {i} could not be read"),
        }
    }
}

/// A bot's history: its changes in time order (those without a time where they came), its log
/// entries, and what was wrong with it. As JSON, times are microseconds since the Unix epoch and
/// durations seconds.
#[derive(Clone, PartialEq, Eq, Debug, Default, serde::Serialize)]
pub struct History<'a> {
    /// The bot's id, from a Retrieve Bot body (`id` or `bot_id`).
    pub bot_id: Option<Cow<'a, str>>,
    /// The status changes, in time order, duplicates dropped.
    pub changes: Vec<Change<'a>>,
    /// The log entries, in time order.
    pub logs: Vec<LogEntry<'a>>,
    /// What was wrong with the history.
    pub notes: Vec<Note>,
}

/// Whether the job was billed, by the 60-second rule on the recorded time.
pub use crate::meetbot::Billed;

/// A span of recording: from `in_call_recording` to the next change, in microseconds since the
/// Unix epoch; `end` is `None` while it has not ended.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, serde::Serialize)]
pub struct Span {
    /// When it started.
    pub start: i64,
    /// When it ended, if it has.
    pub end: Option<i64>,
}

/// A `recording_permission_denied` and what came of it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, serde::Serialize)]
pub struct Denial {
    /// The index of the change in [`History::changes`].
    pub change: usize,
    /// Whether the bot recorded after it: the host granted permission after all. A denial that
    /// it did not recover from ended the recording.
    pub recovered: bool,
}

/// A log entry that the taxonomy knows, with what it means for this history.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, serde::Serialize)]
pub struct Explained {
    /// The index of the entry in [`History::logs`].
    pub entry: usize,
    /// Its code.
    pub code: BotLogCode,
    /// The index of the change it explains (its `explains` status, the first at or after it),
    /// if the history has one.
    pub explains: Option<usize>,
}

/// What a history means.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct Verdict {
    /// When the bot joined the call: its first `in_call_*` change.
    pub joined_at: Option<i64>,
    /// How long it waited in the waiting room, from its first `in_waiting_room` to the change
    /// that ended the wait; `None` when the history ends while it waits.
    #[serde(serialize_with = "seconds")]
    pub waiting_room: Option<Duration>,
    /// The spans it recorded.
    pub recordings: Vec<Span>,
    /// The total recorded time; `None` when a span lacks a time or has not ended: never a guess.
    #[serde(serialize_with = "seconds")]
    pub recorded: Option<Duration>,
    /// The last status.
    pub final_status: Option<BotStatus>,
    /// The index in [`History::changes`] of the change that [`outcome`](Self::outcome) reads.
    pub ending: Option<usize>,
    /// What the history's end means: its last final change that says why (`call_ended`,
    /// `fatal`), else its last change.
    pub outcome: Outcome,
    /// The failure, its retry class and who must act, with how it was reached.
    pub failure: Option<Advice>,
    /// Each permission denial, and whether the bot recovered from it.
    pub denials: Vec<Denial>,
    /// Billed by the 60-second rule on [`recorded`](Self::recorded).
    pub billed: Billed,
    /// Where the rule and the failure code's own billing disagree, why.
    pub billing_note: Option<BillingNote>,
    /// The log entries the taxonomy knows.
    pub explained: Vec<Explained>,
}

/// Why billing by the recorded time and the failure code's billing disagree. As JSON, its
/// sentence.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum BillingNote {
    /// The code bills a recorded portion, but under 60 s was recorded: nothing is billed.
    UnderAMinute(Duration),
    /// The code bills nothing, but at least 60 s were recorded: by seed 003's rule the
    /// recorded portion is billed, and the envelope's `billed` says so.
    RecordedAMinute(Duration),
}

impl fmt::Display for BillingNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BillingNote::UnderAMinute(recorded) => write!(
                f,
                "the failure code bills a recorded portion, but only {} s were recorded: under 60 s nothing is billed",
                recorded.as_secs()
            ),
            BillingNote::RecordedAMinute(recorded) => write!(
                f,
                "the failure code bills nothing, but {} s were recorded: by the 60 s rule the recorded portion is billed",
                recorded.as_secs()
            ),
        }
    }
}

impl serde::Serialize for BillingNote {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A duration as JSON: seconds, with their fraction.
#[allow(clippy::ref_option)]
fn seconds<S: serde::Serializer>(
    duration: &Option<Duration>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match duration {
        Some(duration) => serializer.serialize_f64(duration.as_secs_f64()),
        None => serializer.serialize_none(),
    }
}

impl<'a> History<'a> {
    /// Reads a Retrieve Bot body (or its `status_changes` array alone) and, optionally, the
    /// bot's log entries (a Get Bot Logs array, or an object with them under `logs` or
    /// `results`). Unknown statuses, sub-codes and log codes are kept; a change that is no object
    /// is skipped and noted; changes are put in time order, and duplicates dropped, each noted.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when a body is not JSON, or holds no array of changes (of entries).
    pub fn from_json(body: &'a [u8], logs: Option<&'a [u8]>) -> Result<Self, DecodeError> {
        let raw: RawBody<'a> = from_slice(body)?;
        let Some(changes) = raw.changes.or(raw.array) else {
            return Err(DecodeError::Shape {
                expected: "bot history",
                reason: "no status_changes array",
            });
        };
        let mut history = History {
            bot_id: raw.id,
            ..History::default()
        };
        history.read_changes(changes);
        if let Some(logs) = logs {
            let raw: RawBody<'a> = from_slice(logs)?;
            let entries = raw.entries.or(raw.array).ok_or(DecodeError::Shape {
                expected: "bot logs",
                reason: "no array of log entries",
            })?;
            history.read_logs(entries);
        }
        Ok(history)
    }

    fn read_changes(&mut self, raw: Vec<Option<RawEntry<'a>>>) {
        let mut changes: Vec<(usize, Change<'a>)> = Vec::with_capacity(raw.len());
        for (index, entry) in raw.into_iter().enumerate() {
            let Some(entry) = entry.filter(|e| !e.code_unreadable) else {
                self.notes.push(Note::Unreadable(index));
                continue;
            };
            let at = entry.created_at.as_deref().and_then(rfc3339_micros);
            if at.is_none() {
                self.notes.push(Note::NoTime(index));
            }
            changes.push((
                index,
                Change {
                    code: entry.code.map(Open::from_cow),
                    sub_code: entry.sub_code.map(Open::from_cow),
                    message: entry.message,
                    created_at: entry.created_at,
                    at,
                },
            ));
        }
        // In time order; a change without a time keeps its place after the one before it.
        let mut last = i64::MIN;
        for (index, change) in &changes {
            match change.at {
                Some(at) if at < last => self.notes.push(Note::OutOfOrder(*index)),
                Some(at) => last = at,
                None => {}
            }
        }
        let mut key = i64::MIN;
        let mut keyed: Vec<(i64, usize, Change<'a>)> = changes
            .into_iter()
            .map(|(index, change)| {
                key = change.at.unwrap_or(key);
                (key, index, change)
            })
            .collect();
        keyed.sort_by_key(|(key, index, _)| (*key, *index));
        for (_, index, change) in keyed {
            let repeated = self.changes.last().is_some_and(|last| {
                last.at.is_some()
                    && last.at == change.at
                    && last.code == change.code
                    && last.sub_code == change.sub_code
            });
            if repeated {
                self.notes.push(Note::Duplicate(index));
            } else {
                self.changes.push(change);
            }
        }
        self.notes.sort_by_key(|note| match note {
            Note::NoTime(i) | Note::OutOfOrder(i) | Note::Duplicate(i) | Note::Unreadable(i) => *i,
        });
    }

    fn read_logs(&mut self, raw: Vec<Option<RawEntry<'a>>>) {
        for entry in raw.into_iter().flatten() {
            let named = entry.message.as_deref().and_then(|message| {
                BotLogCode::ALL
                    .into_iter()
                    .find(|code| message.contains(code.as_str()))
            });
            let code = entry.code.map(Open::from_cow).or(named.map(Open::Known));
            self.logs.push(LogEntry {
                code,
                level: entry.level,
                message: entry.message,
                at: entry.created_at.as_deref().and_then(rfc3339_micros),
            });
        }
        self.logs.sort_by_key(|entry| entry.at.unwrap_or(i64::MAX));
    }

    /// The status of change `index`, when this crate knows it.
    fn status(&self, index: usize) -> Option<BotStatus> {
        self.changes.get(index)?.code.as_ref()?.known()
    }

    /// What the history means (see [`Verdict`]).
    #[must_use]
    pub fn verdict(&self) -> Verdict {
        let (recordings, recorded) = self.recordings();
        let final_status = self.changes.last().and_then(|c| c.code.as_ref()?.known());
        // The failure is the last final change that says why (`call_ended`, `fatal`); what
        // follows it (`done`, `recording_done`) only reports on it.
        let ending = self
            .changes
            .iter()
            .rposition(|c| {
                c.code
                    .as_ref()
                    .and_then(Open::known)
                    .is_some_and(|s| s.is_terminal() && s.has_sub_code())
            })
            .or(self.changes.len().checked_sub(1));
        let outcome = match ending.map(|i| &self.changes[i]) {
            Some(change) if change.code.is_some() => outcome(
                change.code.as_ref().and_then(Open::known),
                change.sub_code.as_ref().map(|s| s.as_str()),
            ),
            _ => Outcome::Unknown,
        };
        let failure = outcome.advice().copied();
        // Nothing recorded is a recorded time of zero; a span without a time is unknown.
        let billed = match recorded {
            Some(time) if time >= MIN_BILLED_RECORDING => Billed::Yes,
            Some(_) => Billed::No,
            None => Billed::Unknown,
        };
        let billing_note = match (failure.map(|f| f.billing().may_bill()), recorded) {
            (Some(true), Some(time)) if time < MIN_BILLED_RECORDING => {
                Some(BillingNote::UnderAMinute(time))
            }
            (Some(false), Some(time)) if time >= MIN_BILLED_RECORDING => {
                Some(BillingNote::RecordedAMinute(time))
            }
            _ => None,
        };
        Verdict {
            ending,
            joined_at: self.joined_at(),
            waiting_room: self.waiting_room(),
            recordings,
            recorded,
            final_status,
            outcome,
            failure,
            denials: self.denials(),
            billed,
            billing_note,
            explained: self.explained(),
        }
    }

    /// When the bot was first in the call.
    fn joined_at(&self) -> Option<i64> {
        self.changes
            .iter()
            .find(|c| {
                c.code.as_ref().and_then(Open::known).is_some_and(|s| {
                    matches!(
                        s,
                        BotStatus::InCallNotRecording | BotStatus::InCallRecording
                    )
                })
            })?
            .at
    }

    /// From the first `in_waiting_room` to the change after the waiting ends.
    fn waiting_room(&self) -> Option<Duration> {
        let start =
            (0..self.changes.len()).find(|&i| self.status(i) == Some(BotStatus::InWaitingRoom))?;
        let from = self.changes[start].at?;
        // Until the change that ends the wait; a history that ends in the waiting room does not
        // say how long the wait was.
        let until = self.changes[start + 1..]
            .iter()
            .find(|c| c.code.as_ref().and_then(Open::known) != Some(BotStatus::InWaitingRoom))?
            .at?;
        micros(until.checked_sub(from)?)
    }

    /// Each recording span, and their total. A span starts at `in_call_recording` and ends at
    /// the next change that stops recording (see [`stops_recording`]); the total is `None` when a
    /// recording has not ended, or when what happened inside a span is not known: a change
    /// without a time, or a status this crate does not know. Never a guess.
    fn recordings(&self) -> (Vec<Span>, Option<Duration>) {
        let mut spans: Vec<Span> = Vec::new();
        let mut total: Option<i64> = Some(0);
        // The start of the open span, if one is open (`Some(None)`: one without a time).
        let mut open: Option<Option<i64>> = None;
        for change in &self.changes {
            let status = change.code.as_ref().and_then(Open::known);
            match (open, status) {
                (None, Some(BotStatus::InCallRecording)) => {
                    if change.at.is_none() {
                        total = None;
                    }
                    open = Some(change.at);
                }
                (None, _) => {}
                (Some(start), Some(status)) if stops_recording(status) => {
                    open = None;
                    match (start, change.at) {
                        (Some(start), Some(end)) => {
                            spans.push(Span {
                                start,
                                end: Some(end),
                            });
                            total = total.and_then(|t| t.checked_add(end.checked_sub(start)?));
                        }
                        _ => total = None,
                    }
                }
                // Inside a span: a change it goes on through, unless its time or its status is
                // not known, when how long the bot recorded is not known either.
                (Some(_), status) => {
                    if change.at.is_none() || status.is_none() {
                        total = None;
                    }
                }
            }
        }
        if let Some(start) = open {
            total = None;
            if let Some(start) = start {
                spans.push(Span { start, end: None });
            }
        }
        (spans, total.and_then(micros))
    }

    /// Each permission denial, and whether the bot recorded after it.
    fn denials(&self) -> Vec<Denial> {
        let recorded_after = |index: usize| {
            self.changes[index + 1..].iter().any(|c| {
                matches!(
                    c.code.as_ref().and_then(Open::known),
                    Some(BotStatus::InCallRecording | BotStatus::RecordingPermissionAllowed)
                )
            })
        };
        (0..self.changes.len())
            .filter(|&i| self.status(i) == Some(BotStatus::RecordingPermissionDenied))
            .map(|change| Denial {
                change,
                recovered: recorded_after(change),
            })
            .collect()
    }

    /// The known log codes, each with the change it explains.
    fn explained(&self) -> Vec<Explained> {
        self.logs
            .iter()
            .enumerate()
            .filter_map(|(entry, log)| {
                let code = log.code.as_ref()?.known()?;
                let explains = (0..self.changes.len()).find(|&i| {
                    self.status(i) == Some(code.explains())
                        && match (log.at, self.changes[i].at) {
                            (Some(log), Some(change)) => change >= log,
                            _ => true,
                        }
                });
                Some(Explained {
                    entry,
                    code,
                    explains,
                })
            })
            .collect()
    }
}

/// Whether a bot that was recording stops at `status`: it left the call or the recording
/// (`in_call_not_recording`, a permission denial, back to the waiting room or to joining), or
/// its time in the call is over. Another person in the waiting room, `ready`, a permission
/// granted, or `in_call_recording` again, stop nothing.
const fn stops_recording(status: BotStatus) -> bool {
    status.is_terminal()
        || matches!(
            status,
            BotStatus::InCallNotRecording
                | BotStatus::RecordingPermissionDenied
                | BotStatus::InWaitingRoom
                | BotStatus::JoiningCall
        )
}

/// A non-negative span of microseconds.
fn micros(span: i64) -> Option<Duration> {
    Some(Duration::from_micros(u64::try_from(span).ok()?))
}

/// Microseconds since the Unix epoch of an RFC 3339 date-time (`2024-02-17T16:44:00.505440Z`,
/// `…+01:00`): a fraction of any length (read to the microsecond), `T` or a space, `Z` or an
/// offset. Every year from 0000 to 9999: nothing here overflows.
#[must_use]
pub fn rfc3339_micros(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let digits = |range: core::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        part.iter().try_fold(0i64, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0'))
        })
    };
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let separators = b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && b.get(13) == Some(&b':')
        && b.get(16) == Some(&b':');
    if !separators || !(1..=12).contains(&month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let (fraction, at) = fraction(b, 19)?;
    let offset = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let hh = digits(at + 1..at + 3)?;
            let mm = digits(at + 4..at + 6)?;
            let _ = (h1, h2, m1, m2);
            if hh > 23 || mm > 59 {
                return None;
            }
            let minutes = hh * 60 + mm;
            if *sign == b'+' { minutes } else { -minutes }
        }
        _ => return None,
    };
    // A leap second ends a UTC day's last minute only.
    if second == 60 && (hour * 60 + minute - offset).rem_euclid(1440) != 1439 {
        return None;
    }
    let days = i64::try_from(crate::retry::days_from_civil(
        i128::from(year),
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )?)
    .ok()?;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60;
    Some(seconds * 1_000_000 + fraction)
}

/// The fraction of a second at `at` (`.505440`), to the microsecond, and where it ends; none is
/// zero.
fn fraction(b: &[u8], mut at: usize) -> Option<(i64, usize)> {
    let mut fraction = 0i64;
    if b.get(at) != Some(&b'.') {
        return Some((0, at));
    }
    at += 1;
    let start = at;
    while b.get(at).is_some_and(u8::is_ascii_digit) {
        if at - start < 6 {
            fraction = fraction * 10 + i64::from(b[at] - b'0');
        }
        at += 1;
    }
    if at == start {
        return None;
    }
    for _ in (at - start)..6 {
        fraction *= 10;
    }
    Some((fraction, at))
}

fn from_slice<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, DecodeError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    serde_json::from_slice(body).map_err(|error| {
        if error.is_data() {
            DecodeError::Shape {
                expected: "bot history",
                reason: "not an object or an array of changes",
            }
        } else {
            DecodeError::syntax(body, &error)
        }
    })
}

/// A Retrieve Bot body, a logs body, or a bare array of changes or entries.
#[derive(Default)]
struct RawBody<'a> {
    id: Option<Cow<'a, str>>,
    changes: Option<Vec<Option<RawEntry<'a>>>>,
    entries: Option<Vec<Option<RawEntry<'a>>>>,
    array: Option<Vec<Option<RawEntry<'a>>>>,
}

impl<'de> Deserialize<'de> for RawBody<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Body;

        impl<'de> Visitor<'de> for Body {
            type Value = RawBody<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a bot, or an array of status changes or log entries")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawBody<'de>, A::Error> {
                Ok(RawBody {
                    array: Some(entries(seq)?),
                    ..RawBody::default()
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawBody<'de>, A::Error> {
                let mut body = RawBody::default();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "id" | "bot_id" => body.id = map.next_value::<Text<'de>>()?.0,
                        "status_changes" => {
                            body.changes = Some(map.next_value::<Entries<'de>>()?.0)
                        }
                        "logs" | "results" => {
                            body.entries = Some(map.next_value::<Entries<'de>>()?.0)
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(body)
            }
        }

        deserializer.deserialize_any(Body)
    }
}

fn entries<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Vec<Option<RawEntry<'de>>>, A::Error> {
    let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
    while let Some(entry) = seq.next_element::<Entry<'de>>()? {
        entries.push(entry.0);
    }
    Ok(entries)
}

struct Entries<'a>(Vec<Option<RawEntry<'a>>>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Seq;

        impl<'de> Visitor<'de> for Seq {
            type Value = Entries<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Entries<'de>, A::Error> {
                entries(seq).map(Entries)
            }
        }

        deserializer.deserialize_seq(Seq)
    }
}

/// A change or a log entry, read leniently: a field of the wrong type is left out.
#[derive(Default)]
struct RawEntry<'a> {
    code: Option<Cow<'a, str>>,
    /// The status is there but is no text.
    code_unreadable: bool,
    sub_code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    level: Option<Cow<'a, str>>,
    created_at: Option<Cow<'a, str>>,
}

/// An entry, or `None` for one that is no object.
struct Entry<'a>(Option<RawEntry<'a>>);

impl<'de> Deserialize<'de> for Entry<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Fields)
    }
}

/// The visitor of [`Entry`].
struct Fields;

impl<'de> Visitor<'de> for Fields {
    type Value = Entry<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a status change or a log entry")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry<'de>, A::Error> {
        let mut entry = RawEntry::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let slot = match key.as_ref() {
                "code" => {
                    let code = map.next_value::<Text<'de>>()?;
                    entry.code_unreadable = code.1;
                    entry.code = code.0;
                    continue;
                }
                "sub_code" => &mut entry.sub_code,
                "message" => &mut entry.message,
                "level" => &mut entry.level,
                "created_at" => &mut entry.created_at,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value::<Text<'de>>()?.0;
        }
        Ok(Entry(Some(entry)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entry<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entry(None))
    }

    fn visit_unit<E>(self) -> Result<Entry<'de>, E> {
        Ok(Entry(None))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Entry<'de>, E> {
        Ok(Entry(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Entry<'de>, E> {
        Ok(Entry(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Entry<'de>, E> {
        Ok(Entry(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Entry<'de>, E> {
        Ok(Entry(None))
    }

    fn visit_str<E>(self, _: &str) -> Result<Entry<'de>, E> {
        Ok(Entry(None))
    }
}

/// Text, borrowed where it has no escapes; anything else is `None`, and noted (`.1`) unless it
/// is `null`.
struct Text<'a>(Option<Cow<'a, str>>, bool);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Any)
    }
}

/// The visitor of [`Text`]: any JSON value.
struct Any;

impl<'de> Visitor<'de> for Any {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Some(Cow::Borrowed(value)), false))
    }

    fn visit_str<E>(self, value: &str) -> Result<Text<'de>, E> {
        Ok(Text(Some(Cow::Owned(value.into())), false))
    }

    fn visit_unit<E>(self) -> Result<Text<'de>, E> {
        Ok(Text(None, false))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Text<'de>, E> {
        Ok(Text(None, true))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Text<'de>, E> {
        Ok(Text(None, true))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Text<'de>, E> {
        Ok(Text(None, true))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Text<'de>, E> {
        Ok(Text(None, true))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Text(None, true))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Text(None, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_reads_fractions_offsets_and_the_extremes() {
        assert_eq!(rfc3339_micros("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(rfc3339_micros("1970-01-01T00:00:01.5Z"), Some(1_500_000));
        assert_eq!(
            rfc3339_micros("2024-02-17T16:44:00.505440Z"),
            Some(1_708_188_240_505_440)
        );
        assert_eq!(
            rfc3339_micros("2024-02-17T17:44:00+01:00"),
            rfc3339_micros("2024-02-17T16:44:00Z")
        );
        assert_eq!(
            rfc3339_micros("1970-01-01T00:00:00.1234567890123Z"),
            Some(123_456)
        );
        assert!(rfc3339_micros("0000-01-01T00:00:00Z").is_some());
        assert!(rfc3339_micros("9999-12-31T23:59:60.999999999Z").is_some());
        assert_eq!(rfc3339_micros("2023-02-29T00:00:00Z"), None);
        assert_eq!(rfc3339_micros("2024-02-29T00:00:00Z").map(|_| ()), Some(()));
        for bad in [
            "",
            "2024-02-17",
            "2024-02-17T16:44:00",
            "2024-13-01T00:00:00Z",
            "2024-02-17T16:44:00.Z",
            "2024-02-17T16:44:00+1:00",
            "２０２４-02-17T16:44:00Z",
        ] {
            assert_eq!(rfc3339_micros(bad), None, "{bad}");
        }
    }
}
