//! Recall.ai bot status webhooks in both shapes, and the `status_changes[]` items of Retrieve
//! Bot: decoded without allocating for known codes and unescaped text, with unknown codes kept.

use alloc::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{BotStatus, Outcome, SubCode, outcome};
use crate::meetbot::FailureCode;
use crate::{DecodeError, Open, Platform};

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
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
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
    #[serde(borrow)]
    pub code: Open<'a, BotStatus>,
    /// Why, for the statuses that carry a reason.
    #[serde(default, borrow, skip_serializing_if = "Option::is_none")]
    pub sub_code: Option<Open<'a, SubCode>>,
    /// The human-readable text of the legacy shape.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub message: Option<Cow<'a, str>>,
    /// When the status changed, in the current shape.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub updated_at: Option<Cow<'a, str>>,
    /// When the status changed, in the legacy shape and Retrieve Bot.
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schemars", schemars(with = "Option<alloc::string::String>"))]
    pub created_at: Option<Cow<'a, str>>,
}

impl StatusChange<'_> {
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
///   "bot": {"id": "bot_1", "metadata": {}}}}"#;
/// let webhook = StatusWebhook::from_json(body)?;
/// assert_eq!(webhook.shape, Shape::Current);
/// assert_eq!(webhook.status.code, BotStatus::CallEnded);
/// assert_eq!(webhook.status.failure_code(), Some(FailureCode::RemovedFromMeeting));
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
}

#[derive(Deserialize)]
struct WireWebhook<'a> {
    #[serde(borrow)]
    event: Cow<'a, str>,
    #[serde(borrow)]
    data: WireData<'a>,
}

#[derive(Deserialize)]
struct WireData<'a> {
    #[serde(default, borrow)]
    data: Option<StatusChange<'a>>,
    #[serde(default, borrow)]
    bot: Option<WireBot<'a>>,
    #[serde(default, borrow)]
    status: Option<StatusChange<'a>>,
    #[serde(default, borrow, deserialize_with = "crate::text::optional")]
    bot_id: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct WireBot<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    /// The caller's own JSON: read past without allocating.
    #[serde(default, rename = "metadata")]
    _metadata: crate::text::Skipped,
}

const EXPECTED: &str = "Recall.ai bot status webhook";

impl<'a> StatusWebhook<'a> {
    /// Decodes a status webhook body in either shape. Unknown codes and sub-codes are kept, not
    /// rejected.
    ///
    /// # Errors
    ///
    /// [`DecodeError`] when the body is not JSON or is neither shape.
    pub fn from_json(body: &'a [u8]) -> Result<Self, DecodeError> {
        let wire: WireWebhook<'a> = crate::decode::from_json(body)?;
        let WireData {
            data,
            bot,
            status,
            bot_id,
        } = wire.data;
        let legacy = wire.event == "bot.status_change";
        let (shape, bot_id, status) = match (legacy, data, bot, status, bot_id) {
            (false, _, _, _, _) if !wire.event.starts_with("bot.") => {
                return Err(DecodeError::value(
                    "event",
                    &wire.event,
                    "bot.<status> or bot.status_change",
                ));
            }
            (false, Some(data), Some(bot), _, _) => (Shape::Current, bot.id, data),
            (true, _, _, Some(status), Some(bot_id)) => (Shape::Legacy, bot_id, status),
            (false, Some(_), None, _, _) => {
                return Err(DecodeError::Shape {
                    expected: EXPECTED,
                    reason: "data.bot is missing",
                });
            }
            (true, _, _, Some(_), None) => {
                return Err(DecodeError::Shape {
                    expected: EXPECTED,
                    reason: "data.bot_id is missing",
                });
            }
            (true, _, _, None, _) => {
                return Err(DecodeError::Shape {
                    expected: EXPECTED,
                    reason: "a bot.status_change event without data.status",
                });
            }
            (false, None, _, _, _) => {
                return Err(DecodeError::Shape {
                    expected: EXPECTED,
                    reason: "data.data is missing",
                });
            }
        };
        Ok(StatusWebhook {
            event: wire.event,
            shape,
            bot_id,
            status,
        })
    }
}
