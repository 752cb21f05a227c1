//! Recall.ai bot status webhooks in both shapes, and the `status_changes[]` items of Retrieve
//! Bot: decoded in one pass, borrowing known codes and unescaped text, with unknown codes kept.

use alloc::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{BotStatus, Outcome, SubCode, outcome};
use crate::decode;
use crate::meetbot::FailureCode;
use crate::{DecodeError, Open, Platform, Unreadable};

/// One status change: a webhook's `data.data` or `data.status`, or an item of Retrieve Bot's
/// `status_changes`.
///
/// ```
/// use error_taxonomy::recall::{BotStatus, StatusChange, SubCode};
///
/// let item = br#"{"code": "fatal", "message": null, "created_at": "2024-02-17T16:44:00Z", "sub_code": "meeting_full"}"#;
/// let change: StatusChange = serde_json::from_slice(item)?;
/// assert_eq!(change.code, BotStatus::Fatal);
/// assert_eq!(change.sub_code.and_then(|s| s.known()), Some(SubCode::MeetingFull));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(
        rename = "RecallStatusChange",
        description = "One Recall.ai bot status change: a webhook's data.data or data.status, or an item of Retrieve Bot's status_changes."
    )
)]
pub struct StatusChange<'a> {
    /// The status, known or not.
    pub code: Open<'a, BotStatus>,
    /// Why, for the statuses that carry a reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_code: Option<Open<'a, SubCode>>,
    /// The human-readable text of the legacy shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub message: Option<Cow<'a, str>>,
    /// When the status changed, in the current shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub updated_at: Option<Cow<'a, str>>,
    /// When the status changed, in the legacy shape and Retrieve Bot.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub created_at: Option<Cow<'a, str>>,
    /// The parts that were there but could not be read, left out of the change.
    #[serde(skip)]
    #[cfg_attr(feature = "schemars", schemars(skip))]
    pub unreadable: Unreadable,
}

impl StatusChange<'_> {
    /// The same change, owning what it borrowed from the payload.
    #[must_use]
    pub fn into_owned(self) -> StatusChange<'static> {
        StatusChange {
            code: self.code.into_owned(),
            sub_code: self.sub_code.map(Open::into_owned),
            message: self.message.map(crate::text::owned),
            updated_at: self.updated_at.map(crate::text::owned),
            created_at: self.created_at.map(crate::text::owned),
            unreadable: self.unreadable,
        }
    }

    /// When the status changed, whichever shape said so.
    #[must_use]
    pub fn at(&self) -> Option<&str> {
        self.updated_at.as_deref().or(self.created_at.as_deref())
    }

    /// What this change means for the job (see [`outcome`](super::outcome)): the bot still
    /// running, its time over, or a failure with its advice and how it was reached.
    #[must_use]
    pub fn outcome(&self) -> Outcome {
        outcome(self.code.known(), self.sub_code.as_ref().map(Open::as_str))
    }

    /// The meetbot failure code this change stands for: for every `fatal` and `call_ended`
    /// change, known sub-code or not; `None` when the change is no failure.
    #[must_use]
    pub fn failure_code(&self) -> Option<FailureCode> {
        self.outcome().advice().map(|advice| advice.failure_code)
    }

    /// The platform the sub-code is about, by its prefix; [`Platform::All`] without one.
    #[must_use]
    pub fn platform(&self) -> Platform {
        self.sub_code
            .as_ref()
            .map_or(Platform::All, |s| SubCode::platform_of(s.as_str()))
    }
}

/// Which webhook shape a status change came in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Shape {
    /// One event per status, `bot.<code>`, with `data.data` and `data.bot`.
    Current,
    /// The single `bot.status_change` event, with `data.status` and `data.bot_id`.
    Legacy,
}

/// A Recall.ai bot status webhook, either shape.
///
/// ```
/// use error_taxonomy::meetbot::FailureCode;
/// use error_taxonomy::recall::{BotStatus, Shape, StatusWebhook};
///
/// let body = br#"{"event": "bot.call_ended", "data": {
///   "data": {"code": "call_ended", "sub_code": "bot_kicked_from_call", "updated_at": "2026-05-09T14:00:00Z"},
///   "bot": {"id": "bot_1", "metadata": {"deep": [[[1e400]]], "odd": "\ud800"}}}}"#;
/// let webhook = StatusWebhook::from_json(body)?;
/// assert_eq!(webhook.shape, Shape::Current);
/// assert_eq!(webhook.status.code, BotStatus::CallEnded);
/// assert_eq!(webhook.status.failure_code(), Some(FailureCode::RemovedFromMeeting));
/// assert!(webhook.unreadable.is_empty(), "metadata is the caller's own JSON, read past");
/// # Ok::<(), error_taxonomy::DecodeError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct StatusWebhook<'a> {
    /// The event name: `bot.<code>` or `bot.status_change`.
    pub event: Cow<'a, str>,
    /// The shape it came in.
    pub shape: Shape,
    /// The bot's id.
    pub bot_id: Cow<'a, str>,
    /// The status change.
    pub status: StatusChange<'a>,
    /// The parts that were there but could not be read (a `message` Rust cannot hold, a
    /// `sub_code` that is not a string, ...): left out of `status`, which is otherwise whole.
    pub unreadable: Unreadable,
}

impl StatusWebhook<'_> {
    /// The same webhook, owning what it borrowed from the body: to keep it past the body, or to
    /// send it across threads.
    #[must_use]
    pub fn into_owned(self) -> StatusWebhook<'static> {
        StatusWebhook {
            event: crate::text::owned(self.event),
            shape: self.shape,
            bot_id: crate::text::owned(self.bot_id),
            status: self.status.into_owned(),
            unreadable: self.unreadable,
        }
    }
}

const EXPECTED: &str = "Recall.ai bot status webhook";

/// The event of the legacy shape.
pub(super) const LEGACY_EVENT: &str = "bot.status_change";

fn shape(reason: &'static str) -> DecodeError {
    DecodeError::Shape {
        expected: EXPECTED,
        reason,
    }
}

impl<'a> StatusWebhook<'a> {
    /// Decodes a status webhook body in either shape. Unknown codes and sub-codes are kept, not
    /// rejected; the caller's `metadata` is read past whatever it holds (any depth, numbers
    /// beyond `f64`, lone surrogates); a free-text field
    /// Rust cannot hold is named in [`unreadable`](Self::unreadable) and costs nothing else.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not JSON, is neither shape, has a status `code` that is
    /// not a string, or has a field twice.
    pub fn from_json(body: &'a [u8]) -> Result<Self, DecodeError> {
        decode::from_json(body)
    }
}

crate::payload::impl_payload!(
    StatusWebhook,
    "Recall.ai bot status webhook",
    crate::proptest::status_webhook
);

impl<'a> decode::Fields<'a> for StatusWebhook<'a> {
    const MEMBERS: decode::Members = MEMBERS;

    fn from_read(read: &decode::Read<'a>) -> Result<Self, DecodeError> {
        if let Some(error) = read.duplicate_among(0b11) {
            return Err(error);
        }
        read.object(1)?;
        let event_span = read.get(0).unwrap_or_default();
        let event = decode::required_text(read.get(0), "event", EXPECTED, "event is missing")?;
        if read.get(1).is_none() {
            return Err(shape("data is missing"));
        }
        let change = read.get(2);
        // The shape is told by structure as well as by name: a current-shape webhook whose
        // status is literally `status_change` has `data.data`, which the legacy shape has not.
        let legacy = event == LEGACY_EVENT && change.is_none() && read.object(2).is_ok();
        if !event.starts_with("bot.") {
            return Err(DecodeError::value(
                "event",
                event_span,
                "bot.<status> or bot.status_change",
            ));
        }
        let (shape_of, bot_id, change) = if legacy {
            Self::legacy(read)?
        } else {
            Self::current(read)?
        };
        Ok(StatusWebhook {
            event,
            shape: shape_of,
            bot_id,
            unreadable: change.unreadable,
            status: change,
        })
    }
}

/// What a shape's members give: the shape, the bot's id and the status change.
type Parts<'a> = (Shape, Cow<'a, str>, StatusChange<'a>);

impl<'a> StatusWebhook<'a> {
    /// The legacy shape's `data.bot_id` and `data.status`.
    fn legacy(read: &decode::Read<'a>) -> Result<Parts<'a>, DecodeError> {
        if let Some(error) = read.duplicate_among(LEGACY) {
            return Err(error);
        }
        read.object(4)?;
        read.get(4)
            .ok_or(shape("a bot.status_change event without data.status"))?;
        let bot_id = decode::required_text(
            read.get(5),
            "data.bot_id",
            EXPECTED,
            "data.bot_id is missing",
        )?;
        Ok((
            Shape::Legacy,
            bot_id,
            StatusChange::read(read, Within::Legacy)?,
        ))
    }

    /// The current shape's `data.data` and `data.bot.id`; the bot's `metadata` is the caller's
    /// own JSON, skipped unread.
    fn current(read: &decode::Read<'a>) -> Result<Parts<'a>, DecodeError> {
        if let Some(error) = read.duplicate_among(CURRENT) {
            return Err(error);
        }
        read.object(2)?;
        read.object(3)?;
        read.get(2).ok_or(shape("data.data is missing"))?;
        read.get(3).ok_or(shape("data.bot is missing"))?;
        let id = decode::required_text(
            read.get(6),
            "data.bot.id",
            EXPECTED,
            "data.bot.id is missing",
        )?;
        Ok((
            Shape::Current,
            id,
            StatusChange::read(read, Within::Current)?,
        ))
    }
}

/// The same pass as [`StatusWebhook::from_json`]: with serde_json reading a slice or a string.
impl<'de: 'a, 'a> Deserialize<'de> for StatusWebhook<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode::deserialize::<StatusWebhook<'de>, D>(deserializer)
    }
}

/// The webhook in the shape it came in: the current shape's `data.data` and `data.bot.id`, or the
/// legacy shape's `data.status` and `data.bot_id`. What could not be read is left out, so that
/// it decodes to itself, its `unreadable` empty.
impl Serialize for StatusWebhook<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'b, D> {
            event: &'b str,
            data: D,
        }
        #[derive(Serialize)]
        struct Bot<'b> {
            id: &'b str,
        }
        #[derive(Serialize)]
        struct Current<'b, 'a> {
            data: &'b StatusChange<'a>,
            bot: Bot<'b>,
        }
        #[derive(Serialize)]
        struct Legacy<'b, 'a> {
            bot_id: &'b str,
            status: &'b StatusChange<'a>,
        }
        let event = &self.event;
        match self.shape {
            Shape::Current => Out {
                event,
                data: Current {
                    data: &self.status,
                    bot: Bot { id: &self.bot_id },
                },
            }
            .serialize(serializer),
            Shape::Legacy => Out {
                event,
                data: Legacy {
                    bot_id: &self.bot_id,
                    status: &self.status,
                },
            }
            .serialize(serializer),
        }
    }
}

impl<'a> StatusChange<'a> {
    /// Decodes one status change, such as an item of Retrieve Bot's `status_changes`, field by
    /// field: its `code` must be a string; a `sub_code` that is no string, and free text Rust
    /// cannot hold, are named in [`unreadable`](Self::unreadable) and cost nothing else.
    /// `Deserialize` is this same pass, through serde_json reading a slice or a string.
    ///
    /// ```
    /// use error_taxonomy::recall::{BotStatus, StatusChange, SubCode};
    ///
    /// let item = br#"{"code": "fatal", "sub_code": "meeting_full", "message": ["odd"]}"#;
    /// let change = StatusChange::from_json(item)?;
    /// assert_eq!(change.code, BotStatus::Fatal);
    /// assert_eq!(change.sub_code.and_then(|s| s.known()), Some(SubCode::MeetingFull));
    /// assert!(change.unreadable.contains("message"));
    /// # Ok::<(), error_taxonomy::DecodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not JSON, is not an object, has no string `code`, or has
    /// a field twice.
    pub fn from_json(body: &'a [u8]) -> Result<Self, DecodeError> {
        decode::from_json(body)
    }

    /// A status change's fields, as the pass read them, from where `within` says.
    fn read(read: &decode::Read<'a>, within: Within) -> Result<Self, DecodeError> {
        let first = within.first();
        let [code, sub_code, message, updated_at, created_at] =
            [0, 1, 2, 3, 4].map(|i| read.get(first + i));
        let path = |i: usize| within.members()[first + i].path;
        let code = code.ok_or(shape("the status change has no code"))?;
        let code = match decode::open(code) {
            Ok(Some(code)) => code,
            _ => {
                return Err(DecodeError::value(
                    path(0),
                    code,
                    "a status code (a string)",
                ));
            }
        };
        let mut unreadable = Unreadable::default();
        let sub_code = decode::lenient(sub_code, path(1), &mut unreadable, decode::open);
        Ok(StatusChange {
            code,
            sub_code,
            message: decode::free_text(message, path(2), &mut unreadable),
            updated_at: decode::free_text(updated_at, path(3), &mut unreadable),
            created_at: decode::free_text(created_at, path(4), &mut unreadable),
            unreadable,
        })
    }
}

crate::payload::impl_payload!(
    StatusChange,
    "Recall.ai bot status change",
    crate::proptest::status_change
);

impl<'a> decode::Fields<'a> for StatusChange<'a> {
    const MEMBERS: decode::Members = ALONE;

    fn from_read(read: &decode::Read<'a>) -> Result<Self, DecodeError> {
        read.unique()?;
        Self::read(read, Within::Alone)
    }
}

/// The same pass as [`StatusChange::from_json`]: with serde_json reading a slice or a string.
impl<'de: 'a, 'a> Deserialize<'de> for StatusChange<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode::deserialize::<StatusChange<'de>, D>(deserializer)
    }
}

use decode::ROOT;

/// The objects of a status webhook, by the index of their member.
const DATA: u8 = 1;
const DATA_DATA: u8 = 2;
const DATA_BOT: u8 = 3;
const DATA_STATUS: u8 = 4;

decode::members! {
    /// The fields of a status webhook, in either shape, as the one pass reads them.
    pub(crate) const MEMBERS = [
        raw(ROOT, "event", "event"),
        object(ROOT, "data", "data"),
        object(DATA, "data", "data.data"),
        object(DATA, "bot", "data.bot"),
        object(DATA, "status", "data.status"),
        raw(DATA, "bot_id", "data.bot_id"),
        raw(DATA_BOT, "id", "data.bot.id"),
        raw(DATA_DATA, "code", "data.data.code"),
        lenient(DATA_DATA, "sub_code", "data.data.sub_code"),
        lenient(DATA_DATA, "message", "data.data.message"),
        lenient(DATA_DATA, "updated_at", "data.data.updated_at"),
        lenient(DATA_DATA, "created_at", "data.data.created_at"),
        raw(DATA_STATUS, "code", "data.status.code"),
        lenient(DATA_STATUS, "sub_code", "data.status.sub_code"),
        lenient(DATA_STATUS, "message", "data.status.message"),
        lenient(DATA_STATUS, "updated_at", "data.status.updated_at"),
        lenient(DATA_STATUS, "created_at", "data.status.created_at"),
    ];
}

/// The members each shape reads, one bit each: a key twice among members a shape does not read
/// costs nothing, as for any key no decoder reads.
const CURRENT: u32 = 0b11 | 1 << 2 | 1 << 3 | 1 << 6 | 0b11111 << 7;
const LEGACY: u32 = 0b11 | 1 << 4 | 1 << 5 | 0b11111 << 12;

decode::members! {
    /// The fields of a status change on its own.
    pub(crate) const ALONE = [
        raw(ROOT, "code", "code"),
        lenient(ROOT, "sub_code", "sub_code"),
        lenient(ROOT, "message", "message"),
        lenient(ROOT, "updated_at", "updated_at"),
        lenient(ROOT, "created_at", "created_at"),
    ];
}

/// Where a status change is: the names of its parts are their paths from there.
#[derive(Clone, Copy)]
enum Within {
    /// `data.data` of the current shape.
    Current,
    /// `data.status` of the legacy shape.
    Legacy,
    /// On its own, as an item of Retrieve Bot's `status_changes`.
    Alone,
}

impl Within {
    /// The fields this change is read from.
    fn members(self) -> &'static [decode::Member] {
        match self {
            Within::Current | Within::Legacy => MEMBERS.list,
            Within::Alone => ALONE.list,
        }
    }

    /// The index of its `code` among them; the other four follow.
    fn first(self) -> usize {
        match self {
            Within::Current => 7,
            Within::Legacy => 12,
            Within::Alone => 0,
        }
    }
}
