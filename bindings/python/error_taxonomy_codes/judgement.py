"""The judgements of error-taxonomy, from its rule data: free text read into a meetbot failure
code, a Recall.ai bot status change (its sub-code known or not) turned into an outcome, a
`Retry-After` header read, and a Recall.ai error response classified into a retry decision.

The rules are data (``RULES``, schema/rules.json); this module interprets them exactly as the
Rust crate does, byte for byte: a text is read as its UTF-8 bytes, limits are in bytes, and
casing is folded in ASCII only. tests/conformance/cases.json holds the crate's own answers, which
every answer here matches.

Nothing here raises on any input string: what cannot be read gets a typed answer (no code, an
``unknown`` outcome, a ``Retry-After`` ignored as malformed, a body kept as raw bytes).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Final, Literal, Mapping, Optional, Sequence, Union

from . import (
    MEETBOT_FAILURE_CODE,
    RECALL_BOT_STATUS,
    RECALL_ERROR_CAUSE,
    RECALL_ERROR_CODE,
    RECALL_HTTP_STATUS,
    RECALL_SUB_CODE,
    Handling,
    MeetbotFailureCode,
    RecallErrorCause,
    RecallErrorCode,
    RecallSubCode,
    RetryClass,
    is_meetbot_failure_code,
    is_recall_bot_status,
    is_recall_error_code,
    is_recall_http_status,
    is_recall_sub_code,
)
from ._rules import RULES

__all__ = [
    "AfterUserAction",
    "Advice",
    "BodyKind",
    "Decision",
    "DoNotRetry",
    "ErrorBody",
    "Jitter",
    "MappedBy",
    "MappedByLearned",
    "MappedByNamed",
    "MappedByPhrase",
    "MappedByPrefixStripped",
    "MappedByRow",
    "MappedByRule",
    "Outcome",
    "OutcomeKind",
    "Placed",
    "PlacedNamed",
    "PlacedRow",
    "PlacedValue",
    "Reading",
    "RecallError",
    "Retry",
    "RetryAfter",
    "RetryAfterAbsent",
    "RetryAfterDelay",
    "RetryAfterError",
    "RetryAfterIgnored",
    "RetryPolicy",
    "Rule",
    "RuleKind",
    "StopReason",
    "Unmapped",
    "backoff",
    "classify",
    "decide",
    "find_cause",
    "outcome",
    "parse_error_body",
    "parse_retry_after",
    "place_unknown_sub_code",
    "read_text",
]

_U64: Final = (1 << 64) - 1
_U32: Final = (1 << 32) - 1


def _bytes_of(text: object) -> bytes:
    """The UTF-8 bytes of a text, a lone surrogate as U+FFFD (as JavaScript's ``TextEncoder``
    writes it; two surrogates in a row are the pair they make); bytes as they are; anything else
    as no bytes."""
    if isinstance(text, str):
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            pairs = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            return pairs.encode("utf-8")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    return b""


def _text_of(raw: bytes) -> Optional[str]:
    """``raw`` as text, if it is UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------------------------------------
# Provenance: how an answer was reached.

RuleKind = Literal["strip_prefix", "named_code", "cue", "default"]
"""The kinds of rules: strip a platform prefix, look for a named code, a word cue, a default."""

_RULE_KINDS: Final[Mapping[str, RuleKind]] = {
    "strip_prefix": "strip_prefix",
    "named_code": "named_code",
    "cue": "cue",
    "default": "default",
}

_BY_KIND: Final[Mapping[RuleKind, str]] = {
    "strip_prefix": "prefix_stripped",
    "named_code": "named",
    "cue": "cue",
    "default": "status_default",
}


@dataclass(frozen=True)
class Rule:
    """A rule of the taxonomy's YAML: its name, why it exists, and its kind."""

    name: str
    reason: str
    kind: RuleKind


@dataclass(frozen=True)
class MappedByRow:
    """The table's row of the code itself."""

    def to_json(self) -> dict[str, str]:
        """``{"by": "row"}``."""
        return {"by": "row"}


@dataclass(frozen=True)
class MappedByPrefixStripped:
    """The row of the code without its platform prefix (``zoom_meeting_password_incorrect``)."""

    row: str

    def to_json(self) -> dict[str, str]:
        """``{"by": "prefix_stripped", "row": row}``."""
        return {"by": "prefix_stripped", "row": self.row}


@dataclass(frozen=True)
class MappedByNamed:
    """The row of a known code that free text or an unknown code names, and its table."""

    row: str
    table: str

    def to_json(self) -> dict[str, str]:
        """``{"by": "named", "row": row, "table": table}``."""
        return {"by": "named", "row": self.row, "table": self.table}


@dataclass(frozen=True)
class MappedByRule:
    """A named rule of the YAML: a word cue, or the default of a status."""

    rule: Rule

    @property
    def by(self) -> str:
        """The kind of answer: ``cue``, ``status_default``, ``prefix_stripped`` or ``named``."""
        return _BY_KIND[self.rule.kind]

    def to_json(self) -> dict[str, str]:
        """``{"by": "cue" | "status_default", "rule": name, "reason": reason}``."""
        return {"by": self.by, "rule": self.rule.name, "reason": self.rule.reason}


@dataclass(frozen=True)
class MappedByPhrase:
    """A phrase of the code's row, found in free text."""

    phrase: str

    def to_json(self) -> dict[str, str]:
        """``{"by": "phrase", "phrase": phrase}``."""
        return {"by": "phrase", "phrase": self.phrase}


@dataclass(frozen=True)
class MappedByLearned:
    """The word weights learnt from labelled reasons, and the words (a stem, or two) that
    weighed most for the code."""

    words: str

    def to_json(self) -> dict[str, str]:
        """``{"by": "learned", "words": words}``."""
        return {"by": "learned", "words": self.words}


@dataclass(frozen=True)
class Unmapped:
    """Nothing matched: there is no code."""

    def to_json(self) -> dict[str, str]:
        """``{"by": "unmapped"}``."""
        return {"by": "unmapped"}


MappedBy = Union[
    MappedByRow,
    MappedByPrefixStripped,
    MappedByNamed,
    MappedByRule,
    MappedByPhrase,
    MappedByLearned,
    Unmapped,
]
"""How an answer was reached; ``to_json()`` gives the crate's JSON of it."""


# ---------------------------------------------------------------------------------------------
# The rule data, read once.

_LIMITS: Final[Mapping[str, int]] = RULES["limits"]
_MAX_TEXT: Final = int(_LIMITS["max_text"])
_MAX_WORD: Final = int(_LIMITS["max_word"])
_MAX_CODE_LEN: Final = int(_LIMITS["max_code_len"])
_MAX_PARTS: Final = int(_LIMITS["max_parts"])
_MAX_HYPOTHETICAL: Final = int(_LIMITS["max_hypothetical"])
_MAX_FEATURE_WORD: Final = int(_LIMITS["max_feature_word"])
_FLAGS: Final[Mapping[str, int]] = RULES["flags"]
_SKIP: Final = int(_FLAGS["skip"])
_NEGATION: Final = int(_FLAGS["negation"])
_NEGATION_END: Final = int(_FLAGS["negation_end"])
_STATED_AFTER: Final = int(_FLAGS["stated_after"])
_STATED_BEFORE: Final = int(_FLAGS["stated_before"])
_UNIT: Final = int(_FLAGS["unit"])
_HYPOTHETICAL: Final = int(_FLAGS["hypothetical"])
_CONDITIONAL: Final = int(_FLAGS["conditional"])
_ASKING: Final = int(_FLAGS["asking"])
_AFFIRMATION: Final = int(_FLAGS["affirmation"])

# The stemmer's limits: the longest word stemmed, and the most bytes stemming takes off.
_STEM_MAX: Final = 64
_MAX_CUT: Final = 8
# The most words of a phrase: the scan's window of recent words.
_MAX_WORDS: Final = 8
# No class: a word the lexicon does not know, in the window.
_NONE: Final = -1


def _bits(indices: Sequence[int]) -> int:
    """A set of indices as bits."""
    bits = 0
    for index in indices:
        bits |= 1 << int(index)
    return bits


@dataclass(frozen=True)
class _Phrase:
    """A phrase of a lexicon: its words' classes, its code (an index) and weight, its cue groups."""

    text: str
    words: tuple[int, ...]
    target: Optional[int]
    weight: int
    bits: int


@dataclass(frozen=True)
class _Lexicon:
    """The words, phrases and cues of one rule set."""

    words: Mapping[bytes, int]
    flags: tuple[int, ...]
    negation_reach: int
    not_class: Optional[int]
    max_token: int
    phrases: tuple[_Phrase, ...]
    ending: Mapping[int, tuple[int, ...]]
    cues: tuple[int, ...]
    whole_text: tuple[bool, ...]

    def is_(self, cls: Optional[int], flag: int) -> bool:
        """Whether words of class ``cls`` have ``flag``."""
        return cls is not None and 0 <= cls < len(self.flags) and self.flags[cls] & flag != 0

    @staticmethod
    def of(data: Mapping[str, Any]) -> _Lexicon:
        """A lexicon from its JSON."""
        phrases = tuple(
            _Phrase(
                text=str(p["text"]),
                words=tuple(int(w) for w in p["words"]),
                target=None if p["target"] is None else int(p["target"]),
                weight=int(p["weight"]),
                bits=_bits(p["groups"]),
            )
            for p in data["phrases"]
        )
        ending: dict[int, list[int]] = {}
        for index, phrase in enumerate(phrases):
            if phrase.words:
                ending.setdefault(phrase.words[-1], []).append(index)
        return _Lexicon(
            words={str(stem).encode("utf-8"): int(cls) for stem, cls in data["words"]},
            flags=tuple(int(f) for f in data["flags"]),
            negation_reach=int(data["negation_reach"]),
            not_class=None if data["not"] is None else int(data["not"]),
            max_token=int(data["max_token"]),
            phrases=phrases,
            ending={cls: tuple(indices) for cls, indices in ending.items()},
            cues=tuple(_bits(c["groups"]) for c in data["cues"]),
            whole_text=tuple(bool(c["whole_text"]) for c in data["cues"]),
        )


@dataclass(frozen=True)
class _Table:
    """A table of codes, in lookup order, with what each answers in meetbot.failure_code."""

    name: str
    answers: Mapping[str, Optional[str]]


_TABLES: Final[tuple[_Table, ...]] = tuple(
    _Table(name=str(t["table"]), answers=dict(t["answers"])) for t in RULES["tables"]
)
_TABLE: Final[Mapping[str, _Table]] = {t.name: t for t in _TABLES}


@dataclass(frozen=True)
class _Step:
    """A step of the unknown-code rules: its rule, the given values it applies to (any when
    empty), and its test."""

    rule: Rule
    given: frozenset[str]
    strip_prefix: tuple[str, ...]
    named: bool
    cue: Optional[int]
    value: Optional[str]
    default: bool


@dataclass(frozen=True)
class _Unknown:
    """A table's rules for codes it does not know."""

    table: str
    given: str
    lexicon: _Lexicon
    steps: tuple[_Step, ...]


def _rule(data: Mapping[str, Any]) -> Rule:
    """A rule from its JSON."""
    kind = _RULE_KINDS.get(str(data["kind"]), "cue")
    return Rule(name=str(data["name"]), reason=str(data["reason"]), kind=kind)


def _step(data: Mapping[str, Any]) -> _Step:
    """A step of the unknown-code rules from its JSON."""
    test: Mapping[str, Any] = data["test"]
    value = test.get("value", test.get("default"))
    return _Step(
        rule=_rule(data["rule"]),
        given=frozenset(str(g) for g in data["given"]),
        strip_prefix=tuple(str(p) for p in test.get("strip_prefix", ())),
        named=bool(test.get("named", False)),
        cue=None if test.get("cue") is None else int(test["cue"]),
        value=None if value is None else str(value),
        default="default" in test,
    )


_UNKNOWN: Final[Mapping[str, _Unknown]] = {
    str(u["table"]): _Unknown(
        table=str(u["table"]),
        given=str(u["given"]),
        lexicon=_Lexicon.of(u["lexicon"]),
        steps=tuple(_step(s) for s in u["steps"]),
    )
    for u in RULES["unknown"]
}


@dataclass(frozen=True)
class _Cue:
    """A cue of a free-text reading: its rule, code (an index, or none), weight, and the codes
    it rules out as a placement and those it clears (one bit each)."""

    rule: Rule
    target: Optional[int]
    weight: int
    excludes: int
    clears: int


@dataclass(frozen=True)
class _FreeText:
    """A table's reading of free text."""

    table: str
    codes: tuple[str, ...]
    lexicon: _Lexicon
    cues: tuple[_Cue, ...]
    rank: tuple[int, ...]
    stated_percent: int
    learned: Optional[_Learned]


@dataclass(frozen=True)
class _Learned:
    """Word weights learnt from labelled reasons, in thousandths of a natural log; classes are
    the reader's codes by index, then ``none``."""

    ignore: frozenset[int]
    features: Mapping[int, int]
    words: tuple[str, ...]
    weights: tuple[Mapping[int, int], ...]
    unseen: tuple[int, ...]
    prior: tuple[int, ...]
    min_known_percent: int
    min_known_features: int
    fallback_margin: int
    override_margin: int

    @staticmethod
    def of(data: Optional[Mapping[str, Any]]) -> Optional[_Learned]:
        if data is None:
            return None
        weights = tuple(
            {int(w[at]): int(w[at + 1]) for at in range(0, len(w) - 1, 2)} for w in data["weights"]
        )
        return _Learned(
            ignore=frozenset(int(h) for h in data["ignore"]),
            features={int(h): index for index, h in enumerate(data["features"])},
            words=tuple(str(w) for w in data["words"]),
            weights=weights,
            unseen=tuple(int(u) for u in data["unseen"]),
            prior=tuple(int(p) for p in data["prior"]),
            min_known_percent=int(data["min_known_percent"]),
            min_known_features=int(data["min_known_features"]),
            fallback_margin=int(data["fallback_margin"]),
            override_margin=int(data["override_margin"]),
        )


_FREE_TEXT: Final[Mapping[str, _FreeText]] = {
    str(f["table"]): _FreeText(
        table=str(f["table"]),
        codes=tuple(str(c) for c in f["codes"]),
        lexicon=_Lexicon.of(f["lexicon"]),
        cues=tuple(
            _Cue(
                rule=Rule(name=str(c["name"]), reason=str(c["reason"]), kind="cue"),
                target=None if c["target"] is None else int(c["target"]),
                weight=int(c["weight"]),
                excludes=_bits(c["excludes"]),
                clears=_bits(c["clears"]),
            )
            for c in f["cues"]
        ),
        rank=tuple(int(r) for r in f["rank"]),
        stated_percent=int(f["stated_percent"]),
        learned=_Learned.of(f.get("learned")),
    )
    for f in RULES["free_text"]
}

_ANSWERS_IN: Final = str(RULES["answers_in"])


# ---------------------------------------------------------------------------------------------
# The stemmer: Porter's steps 1a, 1b, 1c and 5 on lower-case ASCII bytes.


def _consonants(word: bytearray) -> int:
    """The letters that are consonants, one bit each (a `y` after a consonant is a vowel)."""
    bits = 0
    for at, byte in enumerate(word):
        if byte in b"aeiou":
            continue
        if byte == 0x79 and at > 0 and bits & (1 << (at - 1)):
            continue
        bits |= 1 << at
    return bits


def _mask(length: int) -> int:
    """The bits of the first ``length`` letters."""
    return (1 << length) - 1


def _measure(bits: int, length: int) -> int:
    """Porter's `m` of the first ``length`` letters: the vowel-consonant sequences."""
    mask = _mask(length)
    vowels = ~bits & mask
    return bin(bits & (vowels << 1) & mask).count("1")


def _has_vowel(bits: int, length: int) -> bool:
    """Whether the first ``length`` letters hold a vowel."""
    return ~bits & _mask(length) != 0


def _cvc(word: bytearray, bits: int, n: int) -> bool:
    """The first ``n`` letters end consonant, vowel, consonant, the last not `w`, `x`, `y`."""
    return (
        n >= 3
        and bits & (1 << (n - 3)) != 0
        and bits & (1 << (n - 2)) == 0
        and bits & (1 << (n - 1)) != 0
        and word[n - 1] not in b"wxy"
    )


def _step_1b(word: bytearray, n: int, bits: int) -> tuple[int, int]:
    """`-eed`, `-ed` and `-ing`, the ending mended; the new length and consonant bits."""
    if word[:n].endswith(b"eed"):
        if _measure(bits, n - 3) > 0:
            n -= 1
        return n, bits
    if word[:n].endswith(b"ed"):
        cut = 2
    elif word[:n].endswith(b"ing"):
        cut = 3
    else:
        return n, bits
    if not _has_vowel(bits, n - cut):
        return n, bits
    n -= cut
    if word[:n].endswith(b"eed"):
        return (n - 1 if _measure(bits, n - 3) > 0 else n), bits
    stem = word[:n]
    if stem.endswith(b"at") or stem.endswith(b"bl") or stem.endswith(b"iz"):
        add_e = True
    elif (
        n >= 2
        and word[n - 1] == word[n - 2]
        and bits & (1 << (n - 1)) != 0
        and word[n - 1] not in b"lsz"
    ):
        return n - 1, bits
    else:
        add_e = _measure(bits, n) == 1 and _cvc(word, bits, n)
    if add_e:
        word[n] = 0x65
        bits &= ~(1 << n)
        n += 1
    return n, bits


def _stem(word: bytearray) -> int:
    """Stems ``word`` in place; the stem is ``word[:returned]``."""
    n = len(word)
    if n <= 2 or n > _STEM_MAX or word[-1] not in b"sdgyel":
        return n
    if not all(0x61 <= byte <= 0x7A for byte in word):
        return n
    bits = _consonants(word)
    if word.endswith(b"sses") or word.endswith(b"ies"):
        n -= 2
    elif word.endswith(b"s") and not word.endswith(b"ss"):
        n -= 1
    n, bits = _step_1b(word, n, bits)
    if word[:n].endswith(b"y") and _has_vowel(bits, n - 1):
        word[n - 1] = 0x69
        bits &= ~(1 << (n - 1))
    if word[:n].endswith(b"e"):
        m = _measure(bits, n - 1)
        if m > 1 or (m == 1 and not _cvc(word, bits, n - 1)):
            n -= 1
    if word[:n].endswith(b"ll") and _measure(bits, n) > 1:
        n -= 1
    return n


# ---------------------------------------------------------------------------------------------
# The scan: tokens, classes, phrases and cues.

_ALNUM: Final = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_UPPER: Final = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER: Final = frozenset(b"abcdefghijklmnopqrstuvwxyz")
_ASCII_SPACE: Final = frozenset(b" \t\n\x0c\r")
_LETTERS: Final = _UPPER | _LOWER
_CODE_BYTES: Final = _ALNUM | {0x5F}
_CLAUSE_END: Final = frozenset(b".;!?\n\r")
_REACH_END: Final = frozenset(b",:()[]")
_RUN_BREAK: Final = frozenset(b",:;.!?()[]\n\r")


def _lower(byte: int) -> int:
    """A byte in ASCII lower case."""
    return byte + 32 if byte in _UPPER else byte


def _lookup(lexicon: _Lexicon, token: Union[bytes, bytearray], length: int) -> Optional[int]:
    """The class of the stem of a lower-cased token of ``length`` bytes (of which ``token``
    holds the first ``max_word``), if the lexicon knows it."""
    if length > _MAX_WORD or length > lexicon.max_token + _MAX_CUT:
        return None
    word = bytearray(token[:length])
    length = _stem(word)
    if length > lexicon.max_token:
        return None
    return lexicon.words.get(bytes(word[:length]))


def _class_of(lexicon: _Lexicon, word: bytes) -> Optional[int]:
    """The class of ``word`` in any ASCII casing, by its stem."""
    if len(word) > _MAX_WORD:
        return None
    return _lookup(lexicon, word.translate(_LOWER_TABLE), len(word))


_LOWER_TABLE: Final = bytes(_lower(b) for b in range(256))


def _apostrophe(text: bytes, at: int) -> int:
    """The length of an apostrophe at ``at`` (`'`, `’`, `‘`, `ʼ`), or 0."""
    n = len(text)
    if at >= n:
        return 0
    byte = text[at]
    if byte == 0x27:
        return 1
    if byte == 0xE2 and at + 2 < n and text[at + 1] == 0x80 and text[at + 2] in (0x98, 0x99):
        return 3
    if byte == 0xCA and at + 1 < n and text[at + 1] == 0xBC:
        return 2
    return 0


@dataclass
class _Found:
    """What a scan found: cues and phrases (bits), and those stated (not preliminary)."""

    cues: int = 0
    phrases: int = 0
    late_cues: int = 0
    late_phrases: int = 0
    # Where what was stated begins: the end (a byte offset) of the contrast the late finds
    # follow, or 0 when no contrast was followed by a find.
    stated_from: int = 0
    # The hypothetical clauses (start and end, byte offsets, in the text's order), in which
    # nothing is found: questions answered no, and clauses from a conditional word to their end.
    # At most `max_hypothetical` of each kind: past them, the last one grows to cover the rest.
    asked: list[tuple[int, int]] = field(default_factory=list)
    supposed: list[tuple[int, int]] = field(default_factory=list)

    def has_preliminary(self) -> bool:
        """Whether anything found is preliminary: a cause a contrast set aside."""
        return self.cues & ~self.late_cues != 0 or self.phrases & ~self.late_phrases != 0

    def is_hypothetical(self, at: int) -> bool:
        """Whether the byte offset ``at`` is in a hypothetical clause of either kind."""
        return _in_spans(self.asked, at) or _in_spans(self.supposed, at)


def _in_spans(spans: Sequence[tuple[int, int]], at: int) -> bool:
    """Whether the byte offset ``at`` is in one of ``spans``."""
    return any(start <= at <= end for start, end in spans)


def _push_span(spans: list[tuple[int, int]], start: int, end: int) -> None:
    """Adds a clause that begins after the last; past the limit, the last one grows to its end."""
    if len(spans) < _MAX_HYPOTHETICAL:
        spans.append((start, end))
    else:
        spans[-1] = (spans[-1][0], end)


class _Scanner:
    """The scan's state: recent words, cue groups of the clause and text, a negation's reach,
    and where the scan stands between contrasts."""

    __slots__ = (
        "lexicon", "window", "reached", "clause", "clause_outside", "text", "text_outside",
        "found", "negated", "preliminary", "contrast", "at", "contrast_at", "conditional",
        "opened", "hedge", "hedged", "state",
    )

    def __init__(self, lexicon: _Lexicon) -> None:
        self.lexicon = lexicon
        self.window = [_NONE] * _MAX_WORDS
        # For each word of the window: whether a negation before it reached it.
        self.reached = [False] * _MAX_WORDS
        # The cue groups of the clause and of the text: all, and those found outside a code that
        # names no cause (whose words may complete a cue, never make one alone).
        self.clause = 0
        self.clause_outside = 0
        self.text = 0
        self.text_outside = 0
        self.found = _Found()
        self.negated = 0
        self.preliminary = False
        self.contrast = False
        # Where the word being read ends, and where the last contrast ended (byte offsets).
        self.at = 0
        self.contrast_at = 0
        # Where the hypothetical clause being read began, if it is one.
        self.conditional: Optional[int] = None
        # Whether a word of the clause was read (skipped words aside), and where a hypothetical
        # word that began the clause was read, until the next word shows whether it hedges.
        self.opened = False
        self.hedge: Optional[int] = None
        # Whether the hypothetical clause being read began with a hedge: a comma, a colon or a
        # bracket ends it.
        self.hedged = False
        # The words of the last code that names no cause end within [start, end).
        self.state = (0, 0)

    def word(self, cls: Optional[int]) -> None:
        """Reads the next word, of class ``cls`` (``None``: unknown to the lexicon)."""
        lexicon = self.lexicon
        if cls is not None:
            if lexicon.is_(cls, _SKIP):
                if self.hedge is not None:
                    start, self.hedge = self.hedge, None
                    if self.conditional is None:
                        self.conditional = start
                        self.hedged = True
                return
            if lexicon.is_(cls, _STATED_AFTER):
                self.end_clause()
                self.contrast = True
                self.contrast_at = self.at
                return
            if lexicon.is_(cls, _NEGATION_END):
                self.negated = 0
        self.hedges(cls)
        window = self.window
        del window[0]
        window.append(_NONE if cls is None else cls)
        reached = self.negated > 0
        del self.reached[0]
        self.reached.append(reached)
        self.negated = max(self.negated - 1, 0)
        if cls is None:
            return
        if lexicon.is_(cls, _NEGATION):
            self.negated = lexicon.negation_reach
        if lexicon.is_(cls, _CONDITIONAL) and self.conditional is None:
            self.conditional = self.at
        spent = False
        found = self.found
        ending: Sequence[int] = lexicon.ending.get(cls, ())
        if self.conditional is not None or _in_spans(found.asked, self.at):
            ending = ()
        in_state = self.state[0] <= self.at < self.state[1]
        for index in ending:
            phrase = lexicon.phrases[index]
            size = len(phrase.words)
            if size > _MAX_WORDS or tuple(window[_MAX_WORDS - size:]) != phrase.words:
                continue
            # Within a negation's reach, only a phrase that holds a negation itself counts, and
            # only where no negation before it reaches its first word (`not meeting not found`);
            # a phrase whose first word a negation reaches is denied, wherever it ends.
            holds_negation = any(lexicon.is_(w, _NEGATION) for w in phrase.words)
            first_reached = 0 < size <= _MAX_WORDS and self.reached[_MAX_WORDS - size]
            if (reached and not holds_negation) or first_reached:
                continue
            spent |= holds_negation
            self.clause |= phrase.bits
            self.text |= phrase.bits
            if in_state:
                continue
            self.clause_outside |= phrase.bits
            self.text_outside |= phrase.bits
            found.phrases |= 1 << index
            if not self.preliminary:
                self.stated()
                found.late_phrases |= 1 << index
        if spent:
            self.negated = 0
        if lexicon.is_(cls, _STATED_BEFORE):
            self.preliminary = True

    def hedges(self, cls: Optional[int]) -> None:
        """A hypothetical word first in its clause (or after a comma, a colon or a bracket)
        makes the clause hypothetical from there when a skipped word follows it ("could be a
        wrong link"; see ``word``); any other word after it states ("could not join")."""
        lexicon = self.lexicon
        self.hedge = None
        if not self.opened:
            self.opened = True
            if cls is not None and lexicon.is_(cls, _HYPOTHETICAL):
                self.hedge = self.at

    def stated(self) -> None:
        """Something stated was found: after a contrast, what came before is preliminary."""
        if self.contrast:
            self.contrast = False
            self.found.stated_from = self.contrast_at
            self.found.late_cues = 0
            self.found.late_phrases = 0

    def hold(self, bits: int, outside: int, whole_text: bool) -> None:
        """Marks the cues that hold on ``bits`` (one group of each found ``outside`` a code that
        names no cause), among those of a clause or of the whole text."""
        if outside == 0:
            return
        lexicon = self.lexicon
        for index, mask in enumerate(lexicon.cues):
            scope = index < len(lexicon.whole_text) and lexicon.whole_text[index]
            if scope == whole_text and bits & mask == mask and outside & mask != 0:
                self.found.cues |= 1 << index
                if not whole_text:
                    self.stated()
                self.found.late_cues |= 1 << index

    def end_reach(self, colon: bool) -> None:
        """A comma, a colon or a bracket: it ends a negation's reach and a hedged clause, and
        what follows it opens anew; a colon ends any hypothetical clause."""
        self.negated = 0
        if self.hedged or colon:
            self.hedged = False
            if self.conditional is not None:
                _push_span(self.found.supposed, self.conditional, self.at)
                self.conditional = None
        self.opened = False
        self.hedge = None

    def end_clause(self) -> None:
        """Ends a clause: a hypothetical one's extent, its cues, and a fresh window."""
        if self.conditional is not None:
            _push_span(self.found.supposed, self.conditional, self.at)
            self.conditional = None
        self.hold(self.clause, self.clause_outside, False)
        self.clause = 0
        self.clause_outside = 0
        self.window = [_NONE] * _MAX_WORDS
        self.reached = [False] * _MAX_WORDS
        self.negated = 0
        self.preliminary = False
        self.opened = False
        self.hedge = None
        self.hedged = False

    def end_text(self) -> None:
        """Ends the text: the last clause, then the cues of the whole text."""
        self.end_clause()
        self.hold(self.text, self.text_outside, True)


_BREAK_NONE: Final = 0
_BREAK_REACH: Final = 1
_BREAK_CLAUSE: Final = 2


def _breaks(text: Union[bytes, memoryview], at: int) -> int:
    """What the byte at ``at`` does to a clause: nothing, end a negation's reach, or end it."""
    n = len(text)
    byte = text[at]
    if byte == 0x2E and at + 1 < n and text[at + 1] in _ALNUM:
        return _BREAK_NONE
    if byte in _CLAUSE_END:
        return _BREAK_CLAUSE
    if byte == 0xE2 and at + 2 < n and text[at + 1] == 0x80 and text[at + 2] in (0x93, 0x94):
        return _BREAK_CLAUSE
    if byte == 0x2D and at > 0 and at + 1 < n and text[at - 1] == 0x20 and text[at + 1] == 0x20:
        return _BREAK_CLAUSE
    if byte in _REACH_END:
        return _BREAK_REACH
    return _BREAK_NONE


def _first_word(text: bytes, at: int, stop: int) -> Optional[tuple[int, int, bool]]:
    """The first word of ``text[at:stop]`` (a question, or what follows one), past at most a
    timestamp and a name that end in `:`, `]` or `)`, and whether it stands alone: at the end, or
    before spaces and then a mark that ends a clause or a negation's reach, or a `-` and a
    space."""
    n = stop
    # The text up to `stop`, read in place: no copy per question.
    bounded = memoryview(text)[:stop]
    for _ in range(3):
        while at < n and text[at] not in _LETTERS and text[at] != 0x3F:
            at += 1
        if at >= n or text[at] not in _LETTERS:
            return None
        end = at
        while end < n and text[end] in _ALNUM:
            end += 1
        following = end
        while following < n and text[following] == 0x20:
            following += 1
        if following < n and text[following] in b":])":
            at = following + 1
            continue
        alone = (
            following == n
            or _breaks(bounded, following) != _BREAK_NONE
            or (text[following] == 0x2D and following + 1 < n and text[following + 1] in _ASCII_SPACE)
        )
        return at, end, alone
    return None


def _questions(lexicon: _Lexicon, text: bytes, found: _Found) -> None:
    """Adds each question of ``text`` that states nothing to ``found.asked``: a clause that ends
    in `?` (or `??`, `?!?`), not followed by a letter, digit or `_` (as in a link's `?pwd=`),
    answered by a no standing alone, or asking whether something happened (its first word past
    a speaker's tag) and not answered yes; past the limit of questions told apart, one that only
    asks is read as any clause."""
    n = len(text)
    mark = text.find(b"?")
    floor = 0
    # Where the marks and spaces before the last `?` began.
    previous = 0
    while mark >= 0:
        # The question's clause ends before the marks and spaces that end it, looked at back to
        # the last `?`, whose own run this one then continues.
        first = mark
        while first > floor and text[first - 1] in b"?! \t":
            first -= 1
        if first == floor and floor > 0:
            first = previous
        previous = first
        following = text[mark + 1] if mark + 1 < n else None
        if not (following is not None and (following == 0x3F or following in _CODE_BYTES)):
            reply = _first_word(text, mark + 1, n)
            cls = None if reply is None else _class_of(lexicon, text[reply[0]:reply[1]])
            alone = reply is not None and reply[2]
            no = alone and (lexicon.is_(cls, _NEGATION) or lexicon.is_(cls, _CONDITIONAL))
            yes = lexicon.is_(cls, _AFFIRMATION)
            if not yes:
                start = 0
                for at in range(first - 1, -1, -1):
                    if _breaks(text, at) == _BREAK_CLAUSE:
                        start = at + 1
                        break
                asking = False
                if not no and len(found.asked) < _MAX_HYPOTHETICAL:
                    opener = _first_word(text, start, first)
                    asking = opener is not None and lexicon.is_(
                        _class_of(lexicon, text[opener[0]:opener[1]]), _ASKING
                    )
                if no or asking:
                    _push_span(found.asked, start, mark)
        floor = mark + 1
        mark = text.find(b"?", mark + 1)


def _is_silent_code(run: bytes) -> bool:
    """Whether ``run`` (letters, digits and `_`) is a code some table knows whose row answers
    no failure: its words name no cause."""
    if len(run) > _MAX_CODE_LEN:
        return False
    code = _text_of(run)
    return code is not None and _lookup_tables(code) and _exactly(code) is None


def _scan(lexicon: _Lexicon, text: bytes, free_text: bool) -> _Found:
    """Scans at most ``max_text`` bytes of ``text``: free text, where the words of a code
    whose row answers no failure name no cause, or a code, whose parts are words."""
    text = text[:_MAX_TEXT]
    n = len(text)
    scanner = _Scanner(lexicon)
    if free_text:
        _questions(lexicon, text, scanner.found)
    token = bytearray()
    length = 0
    last = 0
    at = 0
    # Where the run of letters, digits and `_` being read began, and where the last one looked
    # up as a code ended: each run with a `_` is looked up once, at its first `_`.
    run_start = 0
    looked_up = 0

    def end() -> None:
        """Ends the word being read, if any."""
        nonlocal length
        if length > 0:
            scanner.word(_lookup(lexicon, token, length))
            token.clear()
            length = 0

    while at < n:
        scanner.at = at
        byte = text[at]
        if byte in _ALNUM:
            if length == 0 and (at == 0 or text[at - 1] not in _CODE_BYTES):
                run_start = at
            if (
                byte in _UPPER
                and at > 0
                and (
                    text[at - 1] in _LOWER
                    or (text[at - 1] in _UPPER and at + 1 < n and text[at + 1] in _LOWER)
                )
            ):
                end()
            last = _lower(byte)
            if length < _MAX_WORD:
                token.append(last)
            length += 1
            at += 1
            continue
        if byte == 0x5F and free_text and at >= looked_up and at > run_start:
            end_of_run = at
            while end_of_run < n and text[end_of_run] in _CODE_BYTES:
                end_of_run += 1
            looked_up = end_of_run
            if end_of_run - run_start <= _MAX_CODE_LEN and _is_silent_code(text[run_start:end_of_run]):
                # Its first word ends here, its last one at the run's end.
                scanner.state = (at, end_of_run + 1)
        joined = _apostrophe(text, at) if length > 0 else 0
        if joined > 0:
            after = _lower(text[at + joined]) if at + joined < n else None
            word_after = at + joined + 1 < n and text[at + joined + 1] in _ALNUM
            if length > 1 and last == 0x6E and after == 0x74 and not word_after:
                # `hasn't`: `has`, then `not`.
                scanner.word(_lookup(lexicon, token, length - 1))
                scanner.word(lexicon.not_class)
                token.clear()
                length = 0
                at += joined + 1
                continue
            at += joined
            continue
        end()
        if byte == 0x2E and at + 1 < n and text[at + 1] in _ALNUM:
            # A dot inside a name (`participant.removed`, `bot.fatal`, `3.5`) ends no clause.
            pass
        elif byte in _CLAUSE_END:
            scanner.end_clause()
        elif byte == 0xE2 and at + 2 < n and text[at + 1] == 0x80 and text[at + 2] in (0x93, 0x94):
            scanner.end_clause()
        elif byte == 0x2D and 0 < at < n - 1 and text[at - 1] == 0x20 and text[at + 1] == 0x20:
            scanner.end_clause()
        elif byte in _REACH_END:
            scanner.end_reach(byte == 0x3A)
        at += 1
    scanner.at = n
    end()
    scanner.end_text()
    return scanner.found


@dataclass
class _Score:
    """A code's score in a reading: the total, and the strongest source and its weight."""

    total: int = 0
    strongest: int = 0
    source: Optional[Union[_Phrase, _Cue]] = None


def _best(reading: _FreeText, found: _Found) -> Optional[tuple[int, Union[_Phrase, _Cue]]]:
    """The best code of a free-text reading (an index into its codes), and what weighed most."""
    lexicon = reading.lexicon
    excluded = _excluded(reading, found)
    contrast = found.has_preliminary()

    def weigh(weight: int, late: bool) -> int:
        """A weight, in percent: a stated cause after a contrast weighs more."""
        return weight * (reading.stated_percent if contrast and late else 100)

    scores: dict[int, _Score] = {}

    def add(target: Optional[int], weight: int, source: Union[_Phrase, _Cue]) -> None:
        """Adds a weight to a code not ruled out, noting its strongest source."""
        if target is None or not 0 <= target < 64:
            return
        if excluded & (1 << target):
            return
        entry = scores.setdefault(target, _Score())
        entry.total += weight
        if weight > entry.strongest:
            entry.strongest = weight
            entry.source = source

    phrases = found.phrases
    index = 0
    while phrases:
        if phrases & 1:
            phrase = lexicon.phrases[index]
            if phrase.target is not None:
                late = found.late_phrases & (1 << index) != 0
                add(phrase.target, weigh(phrase.weight, late), phrase)
        phrases >>= 1
        index += 1
    for cue_index, cue in enumerate(reading.cues):
        if found.cues & (1 << cue_index):
            add(cue.target, weigh(cue.weight, found.late_cues & (1 << cue_index) != 0), cue)
    best: Optional[int] = None
    best_key = (0, 0)
    for code in range(min(len(reading.rank), 64)):
        entry = scores.get(code)
        if entry is None or entry.total <= 0:
            continue
        key = (entry.total, -reading.rank[code])
        # The last of equal keys wins, as Rust's `max_by_key` has it.
        if best is None or key >= best_key:
            best, best_key = code, key
    if best is None:
        return None
    source = scores[best].source
    return None if source is None else (best, source)


def _stated(reading: _FreeText, found: _Found, source: Union[_Phrase, _Cue]) -> bool:
    """Whether ``source`` (a phrase or a cue the scan found) was stated, not preliminary."""
    if isinstance(source, _Phrase):
        index = next(i for i, p in enumerate(reading.lexicon.phrases) if p is source)
        return found.late_phrases & (1 << index) != 0
    index = next(i for i, c in enumerate(reading.cues) if c is source)
    return found.late_cues & (1 << index) != 0


def _excluded(reading: _FreeText, found: _Found) -> int:
    """The codes the cues that held rule out, one bit each: those they place the failure away
    from, and those a stated cue (not set aside by a contrast) clears, whatever else held."""
    excluded = _placed(reading, found)
    for index, cue in enumerate(reading.cues):
        if found.late_cues & (1 << index):
            excluded |= cue.clears
    return excluded


def _placed_anywhere(reading: _FreeText, found: _Found) -> int:
    """The codes any cue that held rules out as a placement, contradicted or not."""
    placed = 0
    for index, cue in enumerate(reading.cues):
        if found.cues & (1 << index):
            placed |= cue.excludes
    return placed


def _placed(reading: _FreeText, found: _Found) -> int:
    """The codes the cues that held place the failure away from, one bit each. Cues that name
    no code and only rule codes out (`excludes`) say where the failure was; where two of them
    held and disagree, neither rules anything out."""
    held = [cue for index, cue in enumerate(reading.cues) if found.cues & (1 << index)]
    places = {cue.excludes for cue in held if cue.target is None and cue.excludes}
    agree = len(places) <= 1
    placed = 0
    for cue in held:
        if agree or cue.target is not None:
            placed |= cue.excludes
    return placed


# ---------------------------------------------------------------------------------------------
# Codes named in text or inside a code.


def _lookup_tables(code: str) -> bool:
    """Whether some table knows ``code``."""
    return any(code in table.answers for table in _TABLES)


def _exactly(code: str) -> Optional[tuple[str, str, str]]:
    """The first code of any table that is ``code`` and answers in meetbot.failure_code: its
    table, the code, and the answer."""
    for table in _TABLES:
        if code in table.answers:
            answer = table.answers[code]
            if answer is not None:
                return table.name, code, answer
    return None


def _is_identifier(run: bytes) -> bool:
    """Whether ``run`` may be a code named in text: it has a `_`, or is three digits."""
    return (b"_" in run and len(run) <= _MAX_CODE_LEN) or _is_status(run)


def _is_status(run: bytes) -> bool:
    """Whether ``run`` is a three-digit status (`429`)."""
    return len(run) == 3 and run.isdigit()


def _trim_quotes(run: bytes) -> bytes:
    """A word without the apostrophes quoting it."""
    while True:
        before = len(run)
        run = run[_apostrophe(run, 0):]
        for tail in (1, 2, 3):
            if len(run) >= tail and _apostrophe(run, len(run) - tail) == tail:
                run = run[: len(run) - tail]
                break
        if len(run) == before:
            return run


def _is_negation(lexicon: _Lexicon, word: bytes) -> bool:
    """Whether ``word`` is a negation word of the lexicon, or a contraction with `n't`."""
    if word and word[-1] in b"tT":
        rest = word[:-1]
        for size in (1, 2, 3):
            if (
                len(rest) > size + 1
                and _apostrophe(rest[len(rest) - size:], 0) == size
                and rest[len(rest) - size - 1] in b"nN"
            ):
                return True
    return lexicon.is_(_class_of(lexicon, word), _NEGATION)


def _denied(lexicon: _Lexicon, recent: Sequence[bytes]) -> bool:
    """Whether the latest of ``recent`` words deny what follows."""
    for word in reversed(recent):
        if _is_negation(lexicon, word):
            return True
        cls = _class_of(lexicon, word)
        if lexicon.is_(cls, _NEGATION_END) or lexicon.is_(cls, _STATED_AFTER):
            return False
    return False


def _word_len(text: bytes, at: int) -> int:
    """The length of a word byte (or apostrophe) at ``at``, or 0."""
    if at >= len(text):
        return 0
    byte = text[at]
    if byte in _ALNUM or byte == 0x5F or byte == 0x27:
        return 1
    if byte < 0x80:
        return 0
    return _apostrophe(text, at)


def _runs(text: bytes) -> list[Optional[tuple[bytes, int]]]:
    """The words of a text (each with where it ends), and the breaks of a negation's reach
    between them (``None``)."""
    runs: list[Optional[tuple[bytes, int]]] = []
    n = len(text)
    at = 0
    while at < n:
        if _word_len(text, at) > 0:
            end = at
            while True:
                size = _word_len(text, end)
                if size == 0:
                    break
                end += size
            runs.append((text[at:end], end))
            at = end
            continue
        byte = text[at]
        dash = byte == 0xE2 and at + 2 < n and text[at + 1] == 0x80 and text[at + 2] in (0x93, 0x94)
        at += 3 if dash else 1
        if dash or byte in _RUN_BREAK:
            runs.append(None)
    return runs


def _followed_by(lexicon: _Lexicon, text: bytes, at: int, flag: int) -> bool:
    """Whether the word after ``at`` has ``flag``: a unit of time, or a word that makes what
    comes before it hypothetical (``would``)."""
    n = len(text)
    while at < n and text[at] in _ASCII_SPACE:
        at += 1
    end = at
    while end < n and (text[end] in _UPPER or text[end] in _LOWER):
        end += 1
    return lexicon.is_(_class_of(lexicon, text[at:end]), flag)


def _named_in_text(
    lexicon: _Lexicon, text: bytes, found: _Found
) -> tuple[Optional[tuple[str, str, str]], Optional[int], bool]:
    """The known code that ``text`` names last, outside a negation's reach and the hypothetical
    clauses ``found`` has, if it answers; where a contrast (a word after which the stated cause
    follows) came after it, where the code ends (a byte offset); and whether the text mentions a
    code of any table at all."""
    text = text[:_MAX_TEXT]
    named: Optional[tuple[str, str, str]] = None
    named_end = 0
    contrast_after = False
    mentioned = False
    recent: list[bytes] = [b""] * 8
    reach = min(lexicon.negation_reach, len(recent))
    since_break = 0
    for item in _runs(text):
        if item is None:
            since_break = 0
            continue
        run, end = item
        bare = _trim_quotes(run)
        counted = len(bare) == 3 and _followed_by(lexicon, text, end, _UNIT)
        code = _text_of(bare) if _is_identifier(bare) and not counted else None
        if code is not None and _lookup_tables(code):
            mentioned = True
            looked = min(since_break, reach)
            hypothetical = _followed_by(lexicon, text, end, _HYPOTHETICAL) or found.is_hypothetical(
                end
            )
            if not hypothetical and not _denied(lexicon, recent[len(recent) - looked :]):
                # A `snake_case` code whose row answers nothing is a state: the code before it
                # stands.
                answers = _exactly(code)
                if answers is not None or _is_status(bare):
                    named = answers
                    named_end = end
                    contrast_after = False
                del recent[0]
                recent.append(run)
                since_break += 1
                continue
        if named is not None and not contrast_after:
            contrast_after = lexicon.is_(_class_of(lexicon, run), _STATED_AFTER)
        del recent[0]
        recent.append(run)
        since_break += 1
    return named, (named_end if contrast_after else None), mentioned


def _named_in_code(lexicon: _Lexicon, code: bytes) -> Optional[tuple[str, str, str]]:
    """The known code that ``code`` is, or holds between its `_`s with no phrase around it."""
    whole = _text_of(code)
    if whole is not None:
        found = _exactly(whole)
        if found is not None:
            return found
    parts: list[tuple[int, int]] = []
    start = 0
    for at, byte in enumerate(code + b"_"):
        if byte == 0x5F:
            if len(parts) == _MAX_PARTS:
                return None
            parts.append((start, at))
            start = at + 1

    def neutral(side: Sequence[tuple[int, int]]) -> bool:
        """Whether no phrase of the lexicon is found in the parts of ``side``."""
        if not side:
            return True
        return _scan(lexicon, code[side[0][0]:side[-1][1]], False).phrases == 0

    # Two parts at least, but a three-digit status is a code of one part (`zoom_http_503`).
    for size in range(len(parts) - 1, 0, -1):
        for first in range(len(parts) - size + 1):
            last = first + size - 1
            inner = code[parts[first][0]:parts[last][1]]
            if size == 1 and not (len(inner) == 3 and all(b in _DIGITS for b in inner)):
                continue
            if len(inner) > _MAX_CODE_LEN:
                continue
            text = _text_of(inner)
            found = None if text is None else _exactly(text)
            if found is None:
                continue
            if neutral(parts[:first]) and neutral(parts[last + 1:]):
                return found
    return None


# ---------------------------------------------------------------------------------------------
# Free text.


@dataclass(frozen=True)
class Reading:
    """Free text read into a meetbot failure code, with how; ``code`` is ``None`` when nothing
    in the text matched (no guess)."""

    code: Optional[MeetbotFailureCode]
    mapped_by: MappedBy

    def to_json(self) -> dict[str, Any]:
        """``{"code": code or null, "mapped_by": MAPPED_BY}``."""
        return {"code": self.code, "mapped_by": self.mapped_by.to_json()}


_UNMAPPED: Final = Reading(code=None, mapped_by=Unmapped())


def _failure_code(code: object) -> Optional[MeetbotFailureCode]:
    """``code`` as a meetbot failure code, if it is one."""
    return code if is_meetbot_failure_code(code) else None


def read_text(text: str) -> Reading:
    """Reads free text (a legacy `failure_reason`) into a meetbot failure code.

    A known code the text names last, outside a negation's reach, answers as its row does,
    unless a cue that holds rules that answer out; otherwise each phrase found adds its weight
    to its code and each cue that holds adds its own, the highest score wins and a tie goes to
    the code ranked first, unless the learnt word weights are far surer (or answer where
    nothing matched). Reads at most the first 64 KiB of the text's UTF-8 bytes.
    """
    reading = _FREE_TEXT.get(_ANSWERS_IN)
    if reading is None:
        return _UNMAPPED
    # The reader reads at most `max_text` bytes, and each character is one byte at least.
    raw = _bytes_of(text[: _MAX_TEXT + 1] if isinstance(text, str) else text)
    lexicon = reading.lexicon
    found = _scan(lexicon, raw, True)
    excluded = _excluded(reading, found)
    # What the words place away from rules a named code out; what they clear does not.
    placed = _placed(reading, found)
    named, named_end, mentioned = _named_in_text(lexicon, raw, found)
    set_aside: Optional[Reading] = None
    if named is not None:
        table, code, answer = named
        if answer in reading.codes and not placed & (1 << reading.codes.index(answer)):
            answered = _failure_code(answer)
            if answered is not None:
                set_aside = Reading(code=answered, mapped_by=MappedByNamed(row=code, table=table))
    # A named code answers, unless a contrast followed it and the words weigh most for a cause
    # stated after it: then that cause answers.
    if set_aside is not None and named_end is None:
        return set_aside
    best = _best(reading, found)
    if set_aside is not None:
        # What was stated begins after the code: a contrast after it was followed by a find.
        after_code = named_end is not None and found.stated_from > named_end
        if not after_code or best is None or not _stated(reading, found, best[1]):
            return set_aside
    # A text that mentions a code of any table (to state, suppose or deny it) is read by the
    # rules alone.
    if reading.learned is not None and not mentioned:
        # A guess goes against no placement the words make, even one another contradicts.
        vetoed = excluded | _placed_anywhere(reading, found)
        learnt = _learnt(
            reading.learned, raw[:_MAX_TEXT], found, vetoed, None if best is None else best[0]
        )
        if learnt is not None:
            answered = _failure_code(reading.codes[learnt[0]])
            if answered is not None:
                return Reading(code=answered, mapped_by=MappedByLearned(words=learnt[1]))
    if best is None:
        return _UNMAPPED
    index, source = best
    answered = _failure_code(reading.codes[index]) if index < len(reading.codes) else None
    if answered is None:
        return _UNMAPPED
    if isinstance(source, _Phrase):
        return Reading(code=answered, mapped_by=MappedByPhrase(phrase=source.text))
    return Reading(code=answered, mapped_by=MappedByRule(rule=source.rule))


# ---------------------------------------------------------------------------------------------
# The learnt word weights (src/learned.rs).

_FNV_OFFSET: Final = 0x811C9DC5


def _fnv(hash_: int, data: Union[bytes, bytearray]) -> int:
    """FNV-1a, 32 bits, over ``data``, going on from ``hash_``."""
    for byte in data:
        hash_ = ((hash_ ^ byte) * 0x01000193) & 0xFFFFFFFF
    return hash_


def _features(
    text: bytes, ignore: frozenset[int], hidden: Callable[[int], bool] = lambda at: False
) -> list[int]:
    """The hashes of the features of ``text``, in order: each word's stem, and each pair of
    consecutive stems; words whose stem hashes into ``ignore`` are passed over, and so are the
    words that begin where ``hidden`` holds (a clause that states nothing), which pair with
    nothing."""
    out: list[int] = []
    previous: Optional[int] = None
    word = bytearray()
    length = 0
    hidden_word = False

    def end() -> None:
        nonlocal previous, word, length, hidden_word
        n = length
        stemmed = word
        word = bytearray()
        length = 0
        if hidden_word:
            hidden_word = False
            previous = None
            return
        # A word of digits alone (a time, a count, an id) says nothing of a cause.
        if n == 0 or n > _MAX_FEATURE_WORD or stemmed.isdigit():
            return
        s = _stem(stemmed)
        hash_ = _fnv(_FNV_OFFSET, stemmed[:s])
        if hash_ in ignore:
            return
        out.append(hash_)
        if previous is not None:
            out.append(_fnv(_fnv(previous, b" "), stemmed[:s]))
        previous = hash_

    at = 0
    n = len(text)
    while at < n:
        byte = text[at]
        if byte < 0x80 and chr(byte).isalnum():
            upper = 0x41 <= byte <= 0x5A
            before = text[at - 1] if at > 0 else 0
            after = text[at + 1] if at + 1 < n else 0
            camel = (
                upper
                and at > 0
                and (0x61 <= before <= 0x7A or (0x41 <= before <= 0x5A and 0x61 <= after <= 0x7A))
            )
            if camel:
                end()
            if length == 0:
                hidden_word = hidden(at)
            if length < _MAX_FEATURE_WORD:
                word.append(byte | 0x20 if upper else byte)
            length += 1
            at += 1
            continue
        joined = _apostrophe(text, at)
        if joined > 0 and length > 0 and at + joined < n:
            following = text[at + joined]
            if following < 0x80 and chr(following).isalnum():
                at += joined
                continue
        end()
        at += 1
    end()
    return out


def _learnt(
    learned: _Learned,
    text: bytes,
    hypothetical: _Found,
    excluded: int,
    found: Optional[int],
) -> Optional[tuple[int, str]]:
    """What the learnt weights answer for ``text``: the class (a code's index) and the words
    most particular to it, or ``None`` (see the crate's ``rules::learnt`` and
    ``learned::Learned::score``)."""
    classes = min(len(learned.prior), 65)
    scores = list(learned.prior[:classes])
    # Per class: the feature whose weight for it leads its weight for any other class the most.
    particular: list[Optional[tuple[int, int]]] = [None] * classes
    features = _features(text, learned.ignore, hypothetical.is_hypothetical)
    known = [learned.features[h] for h in features if h in learned.features]
    for index in known:
        weights = list(learned.unseen[:classes])
        for cls, beyond in learned.weights[index].items():
            if cls < classes:
                weights[cls] += beyond
        top = next_ = None
        top_class = 0
        for cls, weight in enumerate(weights):
            scores[cls] += weight
            if top is None or weight > top:
                next_, top, top_class = top, weight, cls
            elif next_ is None or weight > next_:
                next_ = weight
        for cls, weight in enumerate(weights):
            other = next_ if cls == top_class else top
            lead = weight - (other if other is not None else weight)
            best = particular[cls]
            if best is None or lead > best[1]:
                particular[cls] = (index, lead)
    enough = len(known) >= learned.min_known_features
    if not enough or len(known) * 100 < len(features) * learned.min_known_percent:
        return None
    # The weights' favourite among every class: where the words rule it out, they say nothing.
    none = classes - 1
    first: Optional[int] = None
    second: Optional[int] = None
    for cls in range(classes):
        if first is not None and scores[cls] <= scores[first]:
            if second is None or scores[cls] > scores[second]:
                second = cls
        else:
            second, first = first, cls
    if first is None or second is None or first == none or first == found:
        return None
    if first < 64 and excluded & (1 << first):
        return None
    margin = learned.fallback_margin if found is None else learned.override_margin
    if scores[first] - scores[second] < margin:
        return None
    feature = particular[first]
    return None if feature is None else (first, learned.words[feature[0]])


# ---------------------------------------------------------------------------------------------
# Unknown sub-codes and outcomes.


@dataclass(frozen=True)
class PlacedRow:
    """A known row: the code without its platform prefix is one."""

    row: RecallSubCode
    rule: Rule


@dataclass(frozen=True)
class PlacedNamed:
    """A known code of any table that the code is or holds, and the failure code its row
    answers."""

    code: str
    table: str
    value: MeetbotFailureCode
    rule: Rule


@dataclass(frozen=True)
class PlacedValue:
    """A failure code, given by a word cue or a status's default."""

    value: MeetbotFailureCode
    rule: Rule


Placed = Union[PlacedRow, PlacedNamed, PlacedValue]
"""Where the rules placed a code the table does not know."""


def _mapped_by_placed(placed: Placed) -> MappedBy:
    """The provenance of a code the rules placed."""
    if isinstance(placed, PlacedRow):
        return MappedByPrefixStripped(row=placed.row)
    if isinstance(placed, PlacedNamed):
        return MappedByNamed(row=placed.code, table=placed.table)
    return MappedByRule(rule=placed.rule)


def place_unknown_sub_code(code: str, status: Optional[str]) -> Optional[Placed]:
    """Places a sub-code that recall.sub_code does not know, given its bot status (its
    `category`): the first rule of taxonomy/recall/sub_codes.yaml that holds, or ``None``."""
    rules = _UNKNOWN.get("recall.sub_code")
    if rules is None:
        return None
    raw = _bytes_of(code)
    text = _text_of(raw)
    found = _scan(rules.lexicon, raw, False)
    own = _TABLE.get(rules.table)
    for step in rules.steps:
        if step.given and (status is None or status not in step.given):
            continue
        if step.strip_prefix:
            prefix = next((p for p in step.strip_prefix if text and text.startswith(p)), None)
            if prefix is not None and text is not None:
                rest = text[len(prefix):]
                if own is not None and rest in own.answers and is_recall_sub_code(rest):
                    return PlacedRow(row=rest, rule=step.rule)
        elif step.named:
            named = _named_in_code(rules.lexicon, raw)
            if named is not None:
                table, named_code, answer = named
                value = _failure_code(answer)
                if value is not None:
                    return PlacedNamed(code=named_code, table=table, value=value, rule=step.rule)
        elif step.cue is not None:
            value = _failure_code(step.value)
            if value is not None and found.cues & (1 << step.cue):
                return PlacedValue(value=value, rule=step.rule)
        elif step.default:
            value = _failure_code(step.value)
            if value is not None:
                return PlacedValue(value=value, rule=step.rule)
    return None


@dataclass(frozen=True)
class Advice:
    """What a failed job tells the integrator: the failure code, how to retry, who must act,
    and how the failure code was reached."""

    failure_code: MeetbotFailureCode
    retry: RetryClass
    retry_delay_s: Optional[int]
    handling: Handling
    mapped_by: MappedBy

    @staticmethod
    def of_row(row: RecallSubCode, mapped_by: MappedBy) -> Advice:
        """The advice of a sub-code's row."""
        facts = RECALL_SUB_CODE[row]
        return Advice(
            failure_code=facts["failure_code"],
            retry=facts["retry"],
            retry_delay_s=facts["retry_delay_s"],
            handling=facts["handling"],
            mapped_by=mapped_by,
        )

    @staticmethod
    def of_failure_code(code: MeetbotFailureCode, mapped_by: MappedBy) -> Advice:
        """The advice of a failure code's own row."""
        facts = MEETBOT_FAILURE_CODE[code]
        return Advice(
            failure_code=code,
            retry=facts["retry"],
            retry_delay_s=facts["retry_delay_s"],
            handling=facts["handling"],
            mapped_by=mapped_by,
        )


OutcomeKind = Literal["running", "ended", "failed", "unknown"]
"""What a status change means for the job."""


@dataclass(frozen=True)
class Outcome:
    """What a status change means: ``running`` (not final), ``ended`` (final, no failure),
    ``failed`` (with ``advice``) or ``unknown`` (no answer)."""

    kind: OutcomeKind
    advice: Optional[Advice] = None

    def to_json(self) -> dict[str, Any]:
        """``{"outcome": ...}``, and for a failure its advice."""
        if self.advice is None:
            return {"outcome": self.kind}
        advice = self.advice
        return {
            "outcome": self.kind,
            "failure_code": advice.failure_code,
            "retry": advice.retry,
            "retry_delay_s": advice.retry_delay_s,
            "handling": advice.handling,
            "mapped_by": advice.mapped_by.to_json(),
        }


def outcome(status: Optional[str], sub_code: Optional[str]) -> Outcome:
    """What a bot status change means, from its status and sub-code, known or not: a status
    that is not final is ``running``, a final one without a sub-code ``ended``; a known
    sub-code gives its row's advice; an unknown one (or none) is placed by the table's rules."""
    if status is None or not is_recall_bot_status(status):
        return Outcome("unknown")
    facts = RECALL_BOT_STATUS[status]
    if not facts["terminal"]:
        return Outcome("running")
    if not facts["has_sub_code"]:
        return Outcome("ended")
    raw = sub_code if isinstance(sub_code, str) else ""
    if is_recall_sub_code(raw):
        return Outcome("failed", Advice.of_row(raw, MappedByRow()))
    placed = place_unknown_sub_code(raw, status)
    if placed is None:
        return Outcome("unknown")
    if isinstance(placed, PlacedRow):
        return Outcome("failed", Advice.of_row(placed.row, _mapped_by_placed(placed)))
    if isinstance(placed, PlacedNamed) and placed.table == "recall.sub_code":
        if is_recall_sub_code(placed.code):
            return Outcome("failed", Advice.of_row(placed.code, _mapped_by_placed(placed)))
    return Outcome("failed", Advice.of_failure_code(placed.value, _mapped_by_placed(placed)))


# ---------------------------------------------------------------------------------------------
# Retry-After.


@dataclass(frozen=True)
class RetryAfterAbsent:
    """No header, or `0`."""

    def to_json(self) -> dict[str, Any]:
        """``{"absent": true}``."""
        return {"absent": True}


@dataclass(frozen=True)
class RetryAfterDelay:
    """Wait this many seconds (not yet capped: the policy caps it)."""

    secs: int

    def to_json(self) -> dict[str, Any]:
        """``{"after_secs": "<decimal>"}``."""
        return {"after_secs": str(self.secs)}


RetryAfterError = Literal["negative", "past_date", "malformed"]
"""Why a `Retry-After` value was ignored."""


@dataclass(frozen=True)
class RetryAfterIgnored:
    """The header was there but unusable; the decision goes on as if it were absent."""

    reason: RetryAfterError

    def to_json(self) -> dict[str, Any]:
        """``{"ignored": reason}``."""
        return {"ignored": self.reason}


RetryAfter = Union[RetryAfterAbsent, RetryAfterDelay, RetryAfterIgnored]
"""The server's `Retry-After`, read."""

_MALFORMED: Final = RetryAfterIgnored("malformed")


def parse_retry_after(value: Optional[str], now_unix_secs: int) -> RetryAfter:
    """Reads a `Retry-After` value: delay-seconds (`120`) or an HTTP-date (IMF-fixdate, RFC 850
    or asctime), given the current time in seconds since the Unix epoch. `0` is absent; values
    too large to count saturate at 2^64 - 1 seconds."""
    if value is None:
        return RetryAfterAbsent()
    if not isinstance(value, str):
        return _MALFORMED
    raw = _bytes_of(value).strip(b" \t")
    if not raw:
        return _MALFORMED
    if raw.isdigit():
        # As many digits as a server sends: past 20 significant ones, the count saturates.
        digits = raw.lstrip(b"0")
        secs = _U64 if len(digits) > 20 else min(int(digits or b"0"), _U64)
        return RetryAfterAbsent() if secs == 0 else RetryAfterDelay(secs)
    if raw[0] == 0x2D and len(raw) > 1 and raw[1:].isdigit():
        return RetryAfterIgnored("negative")
    now = _u64(now_unix_secs)
    at = _http_date(raw, now)
    if at is None:
        return _MALFORMED
    ahead = at - now
    if ahead > 0:
        return RetryAfterDelay(min(ahead, _U64))
    return RetryAfterIgnored("past_date")


_SHORT_WEEKDAYS: Final = (b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat")
_LONG_WEEKDAYS: Final = (
    b"Sunday", b"Monday", b"Tuesday", b"Wednesday", b"Thursday", b"Friday", b"Saturday"
)
_MONTHS: Final = (
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"
)


def _digits(raw: bytes) -> Optional[int]:
    """The number that ASCII digits write, or ``None`` for another byte."""
    if not all(0x30 <= b <= 0x39 for b in raw):
        return None
    number = 0
    for b in raw:
        number = number * 10 + b - 0x30
    return number


def _month(name: bytes) -> Optional[int]:
    """The month of a name, 1 for January."""
    return _MONTHS.index(name) + 1 if name in _MONTHS else None


def _time_of_day(raw: bytes) -> Optional[tuple[int, bytes]]:
    """`08:49:37` and what follows, as seconds into the day (a leap second allowed)."""
    if len(raw) < 8 or raw[2] != 0x3A or raw[5] != 0x3A:
        return None
    hour, minute, second = _digits(raw[0:2]), _digits(raw[3:5]), _digits(raw[6:8])
    if hour is None or minute is None or second is None:
        return None
    if hour > 23 or minute > 59 or second > 60:
        return None
    return hour * 3600 + minute * 60 + second, raw[8:]


def _days_from_civil(year: int, month: int, day: int) -> Optional[int]:
    """Days since 1970-01-01 of a proleptic Gregorian date; ``None`` where it does not exist."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if month == 2:
        length = 29 if leap else 28
    elif month in (4, 6, 9, 11):
        length = 30
    else:
        length = 31
    if day == 0 or day > length:
        return None
    y = year - 1 if month <= 2 else year
    era = y // 400
    yoe = y % 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146_097 + doe - 719_468


def _year_of_day(days: int) -> int:
    """The proleptic Gregorian year of a day counted from 1970-01-01."""
    z = days + 719_468
    era = z // 146_097
    doe = z % 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    year = yoe + era * 400
    return year + 1 if mp >= 10 else year


def _dated(weekday: int, year: int, month: int, day: int, seconds: int) -> Optional[int]:
    """The instant of a date that exists and falls on its weekday (0 for Sunday)."""
    days = _days_from_civil(year, month, day)
    if days is None or days % 7 != (weekday + 3) % 7:
        return None
    return days * 86_400 + seconds


def _imf_fixdate(raw: bytes) -> Optional[tuple[int, int, int, int]]:
    """`SP 06 SP Nov SP 1994 SP 08:49:37 SP GMT`: year, month, day, seconds."""
    if len(raw) < 13 or raw[0] != 0x20 or raw[3] != 0x20 or raw[7] != 0x20 or raw[12] != 0x20:
        return None
    timed = _time_of_day(raw[13:])
    if timed is None or timed[1] != b" GMT":
        return None
    year, month, day = _digits(raw[8:12]), _month(raw[4:7]), _digits(raw[1:3])
    if year is None or month is None or day is None:
        return None
    return year, month, day, timed[0]


def _asctime(raw: bytes) -> Optional[tuple[int, int, int, int]]:
    """`Nov SP ( 2DIGIT / SP DIGIT ) SP 08:49:37 SP 1994`: year, month, day, seconds."""
    if len(raw) < 7 or raw[3] != 0x20 or raw[6] != 0x20:
        return None
    day = _digits(raw[5:6]) if raw[4] == 0x20 else _digits(raw[4:6])
    if day is None:
        return None
    timed = _time_of_day(raw[7:])
    if timed is None or len(timed[1]) != 5 or timed[1][0] != 0x20:
        return None
    year, month = _digits(timed[1][1:]), _month(raw[0:3])
    if year is None or month is None:
        return None
    return year, month, day, timed[0]


def _rfc_850(raw: bytes, now: int) -> Optional[int]:
    """`Sunday, 06-Nov-94 08:49:37 GMT`, a two-digit year placed by ``now``."""
    comma = raw.find(b",")
    if comma < 0 or raw[:comma] not in _LONG_WEEKDAYS:
        return None
    weekday = _LONG_WEEKDAYS.index(raw[:comma])
    rest = raw[comma + 1:]
    if (
        len(rest) < 11
        or rest[0] != 0x20
        or rest[3] != 0x2D
        or rest[7] != 0x2D
        or rest[10] != 0x20
    ):
        return None
    timed = _time_of_day(rest[11:])
    if timed is None or timed[1] != b" GMT":
        return None
    seconds = timed[0]
    this_year = _year_of_day(now // 86_400)
    two = _digits(rest[8:10])
    if two is None:
        return None
    year = this_year - this_year % 100 + two
    month, day = _month(rest[4:7]), _digits(rest[1:3])
    if month is None or day is None:
        return None
    fifty_years = 50 * 146_097 * 86_400 // 400
    days = _days_from_civil(year, month, day)
    if days is None:
        return None
    if days * 86_400 + seconds > now + fifty_years:
        year -= 100
    return _dated(weekday, year, month, day, seconds)


def _http_date(raw: bytes, now: int) -> Optional[int]:
    """Seconds since the Unix epoch of an HTTP-date, by RFC 9110's grammar exactly."""
    if len(raw) < 3:
        return None
    if raw[:3] not in _SHORT_WEEKDAYS:
        return _rfc_850(raw, now)
    weekday = _SHORT_WEEKDAYS.index(raw[:3])
    if len(raw) < 4:
        return None
    if raw[3] == 0x2C:
        date = _imf_fixdate(raw[4:])
    elif raw[3] == 0x20:
        date = _asctime(raw[4:])
    else:
        return _rfc_850(raw, now)
    if date is None:
        return None
    return _dated(weekday, *date)


# ---------------------------------------------------------------------------------------------
# Retry decisions.

Jitter = Literal["none", "full", "equal"]
"""How the delay of a computed backoff is randomised."""


@dataclass(frozen=True)
class RetryPolicy:
    """The knobs of the retry arithmetic: the first backoff delay, the longest wait accepted,
    the attempts in all (the first included), and the jitter."""

    base_ms: int = 1000
    cap_ms: int = 300_000
    max_attempts: int = 5
    jitter: Jitter = "full"

    def to_json(self) -> dict[str, Any]:
        """``{"base_ms", "cap_ms", "max_attempts", "jitter"}``."""
        return {
            "base_ms": self.base_ms,
            "cap_ms": self.cap_ms,
            "max_attempts": self.max_attempts,
            "jitter": self.jitter,
        }


@dataclass(frozen=True)
class Retry:
    """Retry after this many nanoseconds."""

    delay_ns: int

    def to_json(self) -> dict[str, Any]:
        """``{"retry_ns": "<decimal>"}``."""
        return {"retry_ns": str(self.delay_ns)}


StopReason = Literal["not_retryable", "attempts_exhausted", "wait_too_long"]
"""Why not to retry."""


@dataclass(frozen=True)
class DoNotRetry:
    """Do not retry; for a wait too long, the wait asked for in seconds."""

    reason: StopReason
    wait_secs: Optional[int] = None

    def to_json(self) -> dict[str, Any]:
        """``{"do_not_retry": reason}``, with ``"wait_secs"`` for a wait too long."""
        if self.reason == "wait_too_long":
            return {"do_not_retry": self.reason, "wait_secs": str(self.wait_secs or 0)}
        return {"do_not_retry": self.reason}


@dataclass(frozen=True)
class AfterUserAction:
    """Retry only after someone acts; the text says what to do."""

    action: str

    def to_json(self) -> dict[str, Any]:
        """``{"after_user_action": action}``."""
        return {"after_user_action": self.action}


Decision = Union[Retry, DoNotRetry, AfterUserAction]
"""What to do after a failed attempt."""

_NANOS: Final = 1_000_000_000


def _whole(value: object) -> int:
    """``value`` as a whole number: an ``int`` as it is, a finite ``float`` rounded down, anything
    else (``None``, NaN, infinity) 0."""
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) and math.isfinite(value):
        return math.floor(value)
    return 0


def _u32(value: object) -> int:
    """``value`` saturated to an unsigned 32-bit integer."""
    return min(max(_whole(value), 0), _U32)


def _u64(value: object) -> int:
    """``value`` saturated to an unsigned 64-bit integer."""
    return min(max(_whole(value), 0), _U64)


def _entropy(value: object) -> int:
    """Entropy as an unsigned 64-bit integer: an ``int`` wraps modulo 2^64, as a random 64-bit
    word should; a fraction in [0, 1) (``random.random()``) is scaled to 53 bits, so that jitter
    stays jitter; anything else is 0."""
    if isinstance(value, float) and 0.0 <= value < 1.0:
        return math.floor(value * 2.0**53)
    return _whole(value) & _U64


def _draw(entropy: int, bound: int) -> int:
    """A number in ``0..=bound`` from the caller's entropy, spread by a 64-bit mixer."""
    z = (entropy + 0x9E37_79B9_7F4A_7C15) & _U64
    z = ((z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9) & _U64
    z = ((z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB) & _U64
    z ^= z >> 31
    return z if bound == _U64 else z % (bound + 1)


def backoff(policy: RetryPolicy, attempt: int, entropy: int) -> int:
    """The jittered exponential delay after ``attempt`` failed attempts, capped, in
    nanoseconds."""
    cap = _u64(policy.cap_ms) * 1_000_000
    exponent = max(_u32(attempt) - 1, 0)
    full = cap if exponent > 31 else min(_u64(policy.base_ms) * 1_000_000 * (1 << exponent), cap)
    nanos = min(full, _U64)
    entropy = _entropy(entropy)
    if policy.jitter == "full":
        return _draw(entropy, nanos)
    if policy.jitter == "equal":
        return nanos // 2 + _draw(entropy, nanos - nanos // 2)
    return full


def decide(
    retry_class: RetryClass,
    retry_delay_s: Optional[int],
    action: str,
    attempt: int,
    hint: RetryAfter,
    policy: RetryPolicy,
    entropy: int,
) -> Decision:
    """The decision for a retry class after ``attempt`` attempts (the failed one included). A
    server's `Retry-After` and a class's own delay are honoured exactly, never shortened: past
    the policy's cap the decision is to stop; only a computed backoff is cut to the cap."""
    cap = _u64(policy.cap_ms) * 1_000_000

    def exactly(secs: int) -> Decision:
        """A wait that is not the caller's, honoured exactly or refused past the cap."""
        if secs * _NANOS > cap:
            return DoNotRetry("wait_too_long", secs)
        return Retry(secs * _NANOS)

    if retry_class == "never":
        return DoNotRetry("not_retryable")
    if retry_class == "user_action":
        return AfterUserAction(action)
    attempt = _u32(attempt)
    if retry_class == "once":
        allowed = attempt < 2 and _u32(policy.max_attempts) >= 2
    else:
        allowed = attempt < _u32(policy.max_attempts)
    if not allowed:
        return DoNotRetry("attempts_exhausted")
    if isinstance(hint, RetryAfterDelay):
        return exactly(hint.secs)
    if retry_class in ("delay", "once", "retry_after") and retry_delay_s is not None:
        return exactly(_u32(retry_delay_s))
    return Retry(backoff(policy, attempt, entropy))


# ---------------------------------------------------------------------------------------------
# Error bodies.


class _NotJson(Exception):
    """A body that is not JSON; ``unicode`` when a value read was not UTF-8."""

    def __init__(self, unicode: bool = False) -> None:
        super().__init__()
        self.unicode = unicode


_JSON_SPACE: Final = b" \t\n\r"
_HEX: Final = frozenset(b"0123456789abcdefABCDEF")
_DIGITS: Final = frozenset(b"0123456789")
_PLAIN: Final = re.compile(rb'[^"\\\x00-\x1f]*')
_PLAIN_KEY: Final = re.compile(rb'[^"\\]*')


def _space(body: bytes, at: int) -> int:
    """Where JSON's white space from ``at`` ends."""
    n = len(body)
    while at < n and body[at] in _JSON_SPACE:
        at += 1
    return at


def _hex4(body: bytes, at: int) -> int:
    """The four hex digits of a `\\u` escape at ``at``."""
    quad = body[at:at + 4]
    if len(quad) < 4 or not all(b in _HEX for b in quad):
        raise _NotJson()
    return int(quad, 16)


def _skip_string(body: bytes, at: int) -> int:
    """Skips a string whose opening quote is before ``at``, as JSON requires it."""
    n = len(body)
    while True:
        match = _PLAIN.match(body, at)
        at = match.end() if match else at
        if at >= n:
            raise _NotJson()
        byte = body[at]
        if byte == 0x22:
            return at + 1
        if byte != 0x5C:
            raise _NotJson()
        at += 1
        if at >= n:
            raise _NotJson()
        escape = body[at]
        if escape in b'"\\/bfnrt':
            at += 1
        elif escape == 0x75:
            _hex4(body, at + 1)
            at += 5
        else:
            raise _NotJson()


def _key(body: bytes, at: int) -> tuple[bytes, int]:
    """A key whose opening quote is before ``at``, its escapes read without judging them."""
    n = len(body)
    out = bytearray()
    while True:
        match = _PLAIN_KEY.match(body, at)
        if match:
            out += match.group()
            at = match.end()
        if at >= n:
            raise _NotJson()
        if body[at] == 0x22:
            return bytes(out), at + 1
        at = _key_escape(body, at + 1, out)


_ESCAPES: Final[Mapping[int, bytes]] = {
    0x22: b'"', 0x5C: b"\\", 0x2F: b"/", 0x62: b"\b", 0x66: b"\f", 0x6E: b"\n", 0x72: b"\r",
    0x74: b"\t",
}


def _key_escape(body: bytes, at: int, out: bytearray) -> int:
    """Reads an escape of a key after its backslash into ``out``; lone surrogates are kept as
    their three bytes."""
    if at >= len(body):
        raise _NotJson()
    escape = body[at]
    simple = _ESCAPES.get(escape)
    if simple is not None:
        out += simple
        return at + 1
    if escape != 0x75:
        raise _NotJson()
    unit = _hex4(body, at + 1)
    at += 5
    while True:
        if unit < 0xD800 or unit > 0xDBFF:
            out += chr(unit).encode("utf-8", "surrogatepass")
            return at
        if at >= len(body):
            raise _NotJson()
        if body[at] != 0x5C:
            out += chr(unit).encode("utf-8", "surrogatepass")
            return at
        at += 1
        if at >= len(body):
            raise _NotJson()
        if body[at] != 0x75:
            out += chr(unit).encode("utf-8", "surrogatepass")
            return _key_escape(body, at, out)
        low = _hex4(body, at + 1)
        at += 5
        if low < 0xDC00 or low > 0xDFFF:
            out += chr(unit).encode("utf-8", "surrogatepass")
            unit = low
            continue
        out += chr(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)).encode("utf-8")
        return at


def _skip_number(body: bytes, at: int) -> int:
    """Skips a number whose sign (if any) is before ``at``, by JSON's grammar."""
    n = len(body)
    if at >= n:
        raise _NotJson()
    first = body[at]
    at += 1
    if first == 0x30:
        if at < n and body[at] in _DIGITS:
            raise _NotJson()
    elif 0x31 <= first <= 0x39:
        while at < n and body[at] in _DIGITS:
            at += 1
    else:
        raise _NotJson()
    if at < n and body[at] == 0x2E:
        at += 1
        start = at
        while at < n and body[at] in _DIGITS:
            at += 1
        if at == start:
            raise _NotJson()
    if at < n and body[at] in b"eE":
        at += 1
        if at < n and body[at] in b"+-":
            at += 1
        if at >= n or body[at] not in _DIGITS:
            raise _NotJson()
        while at < n and body[at] in _DIGITS:
            at += 1
    return at


def _skip_key_colon(body: bytes, at: int) -> int:
    """Skips an object's key and its colon from ``at``."""
    at = _space(body, at)
    if at >= len(body) or body[at] != 0x22:
        raise _NotJson()
    at = _space(body, _skip_string(body, at + 1))
    if at >= len(body) or body[at] != 0x3A:
        raise _NotJson()
    return at + 1


def _skip_value(body: bytes, at: int) -> int:
    """Skips one JSON value from ``at`` (white space first), at any depth; where it ends."""
    n = len(body)
    stack: list[int] = []
    while True:
        at = _space(body, at)
        if at >= n:
            raise _NotJson()
        byte = body[at]
        if byte == 0x6E or byte == 0x74 or byte == 0x66:
            word = {0x6E: b"null", 0x74: b"true", 0x66: b"false"}[byte]
            if body[at:at + len(word)] != word:
                raise _NotJson()
            at += len(word)
        elif byte == 0x2D:
            at = _skip_number(body, at + 1)
        elif byte in _DIGITS:
            at = _skip_number(body, at)
        elif byte == 0x22:
            at = _skip_string(body, at + 1)
        elif byte == 0x5B or byte == 0x7B:
            close = 0x5D if byte == 0x5B else 0x7D
            inside = _space(body, at + 1)
            if inside < n and body[inside] == close:
                at = inside + 1
            else:
                stack.append(byte)
                at = _skip_key_colon(body, inside) if byte == 0x7B else inside
                continue
        else:
            raise _NotJson()
        while True:
            if not stack:
                return at
            at = _space(body, at)
            if at >= n:
                raise _NotJson()
            byte = body[at]
            top = stack[-1]
            if byte == 0x2C:
                at += 1
                if top == 0x7B:
                    at = _skip_key_colon(body, at)
                break
            if (byte == 0x5D and top == 0x5B) or (byte == 0x7D and top == 0x7B):
                at += 1
                stack.pop()
                continue
            raise _NotJson()


def _read_object(
    body: bytes, members: Mapping[bytes, bool]
) -> tuple[dict[bytes, str], set[bytes]]:
    """Reads an object's members in one pass: each member's raw JSON (``True``: kept, and
    required to be UTF-8; ``False``: only noted as there, as ``""``), and those that came
    twice (the first kept)."""
    n = len(body)
    at = _space(body, 0)
    if at >= n or body[at] != 0x7B:
        raise _NotJson()
    at += 1
    values: dict[bytes, str] = {}
    twice: set[bytes] = set()
    first = True
    while True:
        at = _space(body, at)
        if at >= n:
            raise _NotJson()
        if body[at] == 0x7D:
            at += 1
            break
        if not first:
            if body[at] != 0x2C:
                raise _NotJson()
            at = _space(body, at + 1)
            if at >= n or body[at] != 0x22:
                raise _NotJson()
        elif body[at] != 0x22:
            raise _NotJson()
        first = False
        key, at = _key(body, at + 1)
        at = _space(body, at)
        if at >= n or body[at] != 0x3A:
            raise _NotJson()
        start = _space(body, at + 1)
        at = _skip_value(body, start)
        kept = members.get(key)
        if kept is None:
            continue
        if key in values:
            twice.add(key)
        if kept:
            text = _text_of(body[start:at])
            if text is None:
                raise _NotJson(unicode=True)
            values.setdefault(key, text)
        else:
            values[key] = ""
    if _space(body, at) != n:
        raise _NotJson()
    return values, twice


def _is_json(body: bytes) -> bool:
    """Whether ``body`` is one JSON value (strings not read as text)."""
    try:
        return _space(body, _skip_value(body, 0)) == len(body)
    except _NotJson:
        return False


_NUMBER: Final = re.compile(rb"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def _is_json_value(body: bytes) -> bool:
    """Whether ``body``, which is no object, is one JSON value."""
    if body in (b"null", b"true", b"false"):
        return True
    if body[:1] in (b'"', b"["):
        return _is_json(body)
    return _NUMBER.fullmatch(body) is not None


class _Unreadable(Exception):
    """A field that is there but cannot be read as text."""


def _text(span: str) -> Optional[str]:
    """A string value as text; ``None`` for `null`; raises for another value, or a string
    with a lone surrogate."""
    if span == "null":
        return None
    if len(span) < 2 or not span.startswith('"') or not span.endswith('"'):
        raise _Unreadable()
    inner = span[1:-1]
    if "\\" not in inner:
        return inner
    try:
        value = json.loads(span)
    except ValueError:
        raise _Unreadable() from None
    if not isinstance(value, str) or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise _Unreadable()
    return value


BodyKind = Literal["empty", "json", "text", "blocked_page", "raw"]
"""What a Recall.ai error body was: nothing, an error object, text, the firewall's page, or
anything else (kept as bytes)."""


@dataclass(frozen=True)
class ErrorBody:
    """The body of a Recall.ai error response, read: its kind; for an error object its `code`
    (known or not) and `detail` (else `message`), and the fields that were there but could not
    be read; for text, the text; for anything else, the bytes."""

    kind: BodyKind
    json_code: Optional[str] = None
    json_detail: Optional[str] = None
    unreadable: tuple[str, ...] = ()
    text: Optional[str] = None
    raw: Optional[bytes] = None

    @property
    def code(self) -> Optional[str]:
        """The body's code, known or not: the JSON `code`, or `request_blocked` for the
        firewall's page."""
        if self.kind == "json":
            return self.json_code
        if self.kind == "blocked_page":
            return "request_blocked"
        return None

    @property
    def detail(self) -> Optional[str]:
        """The human-readable detail: the JSON `detail` (else `message`), or a text body."""
        if self.kind == "json":
            return self.json_detail
        if self.kind == "text":
            return self.text
        return None


_EMPTY: Final = ErrorBody("empty")
_BLOCKED: Final = ErrorBody("blocked_page")
_MEMBERS: Final[Mapping[bytes, bool]] = {b"code": True, b"detail": True, b"message": True}
_CODE_ONLY: Final[Mapping[bytes, bool]] = {b"code": True, b"detail": False, b"message": False}


def _lenient(span: Optional[str], path: str, unreadable: list[str]) -> Optional[str]:
    """A text field's value, or ``None`` and the field named unreadable."""
    if span is None:
        return None
    try:
        return _text(span)
    except _Unreadable:
        unreadable.append(path)
        return None


def _object(body: bytes, values: Mapping[bytes, str], twice: set[bytes]) -> ErrorBody:
    """An error object, each field read on its own; the `code` twice makes it raw."""
    if b"code" in twice:
        return ErrorBody("raw", raw=body)
    unreadable: list[str] = []
    spans: dict[str, Optional[str]] = {}
    for name in ("code", "detail", "message"):
        key = name.encode()
        if key in twice:
            unreadable.append(name)
            spans[name] = None
        else:
            spans[name] = values.get(key)
    code = _lenient(spans["code"], "code", unreadable)
    detail = _lenient(spans["detail"], "detail", unreadable)
    message = _lenient(spans["message"], "message", unreadable)
    order = ("code", "detail", "message")
    return ErrorBody(
        "json",
        json_code=code,
        json_detail=detail if detail is not None else message,
        unreadable=tuple(p for p in order if p in unreadable),
    )


def _code_only(trimmed: bytes) -> Optional[ErrorBody]:
    """An error object whose text is not all UTF-8: its `code`, and `detail` and `message` named
    unreadable where they are there."""
    try:
        values, twice = _read_object(trimmed, _CODE_ONLY)
    except _NotJson:
        return None
    if b"code" in twice:
        return None
    unreadable: list[str] = [name for name in ("detail", "message") if name.encode() in values]
    code = _lenient(values.get(b"code"), "code", unreadable)
    order = ("code", "detail", "message")
    return ErrorBody(
        "json", json_code=code, unreadable=tuple(p for p in order if p in unreadable)
    )


def _contains_ignore_case(haystack: bytes, needle: bytes) -> bool:
    """Whether ``needle`` occurs in ``haystack`` in any ASCII casing."""
    return needle.translate(_LOWER_TABLE) in haystack.translate(_LOWER_TABLE)


def parse_error_body(body: Union[bytes, str]) -> ErrorBody:
    """Reads a Recall.ai error response body, whatever it is: nothing (or white space), an
    error object (a leading UTF-8 byte-order mark skipped), the firewall's HTML page, UTF-8
    text, or bytes kept as they came. In an error object a code that can be read is read,
    whatever its siblings hold; the `code` twice makes the body raw."""
    raw = _bytes_of(body)
    unmarked = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    trimmed = unmarked.strip(_JSON_SPACE)
    if not trimmed:
        return _EMPTY
    if trimmed[0] == 0x7B:
        try:
            values, twice = _read_object(trimmed, _MEMBERS)
            return _object(raw, values, twice)
        except _NotJson as error:
            if error.unicode:
                only = _code_only(trimmed)
                if only is not None:
                    return only
    elif _is_json_value(trimmed):
        return ErrorBody("raw", raw=raw)
    if trimmed[0] == 0x3C and all(
        _contains_ignore_case(trimmed, marker) for marker in (b"request blocked", b"403 error")
    ):
        return _BLOCKED
    text = _text_of(trimmed)
    if text is None:
        return ErrorBody("raw", raw=raw)
    return ErrorBody("text", text=text)


def find_cause(detail: Optional[str]) -> Optional[RecallErrorCause]:
    """The cause whose `detail` text ``detail`` is, or contains in any ASCII casing."""
    if not isinstance(detail, str):
        return None
    for cause, facts in RECALL_ERROR_CAUSE.items():
        if facts["message"] == detail:
            return cause
    haystack = _bytes_of(detail)
    for cause, facts in RECALL_ERROR_CAUSE.items():
        if _contains_ignore_case(haystack, facts["message"].encode("utf-8")):
            return cause
    return None


_DEFAULT_ACTION: Final = "Read the status and body, and fix the request."


@dataclass(frozen=True)
class RecallError:
    """A Recall.ai error response, classified: its status, its `Retry-After` read, and its
    body; the code (known or not), detail and cause, and how to retry."""

    status: int
    retry_after: RetryAfter
    body: ErrorBody

    @property
    def code(self) -> Optional[str]:
        """The error code, known or not."""
        return self.body.code

    @property
    def known(self) -> Optional[RecallErrorCode]:
        """The error code, if recall.error_code knows it."""
        code = self.body.code
        return code if is_recall_error_code(code) else None

    @property
    def detail(self) -> Optional[str]:
        """The human-readable detail."""
        return self.body.detail

    @property
    def cause(self) -> Optional[RecallErrorCause]:
        """The known cause the detail names."""
        return find_cause(self.body.detail)

    def _known_retry(self) -> Optional[tuple[RetryClass, Optional[int], str]]:
        """The retry class, its number and action of a known code, else cause, else status."""
        known = self.known
        if known is not None:
            code = RECALL_ERROR_CODE[known]
            return code["retry"], code["retry_delay_s"], code["action"]
        cause = self.cause
        if cause is not None:
            facts = RECALL_ERROR_CAUSE[cause]
            return facts["retry"], facts["retry_delay_s"], facts["action"]
        status = str(self.status)
        if is_recall_http_status(status):
            row = RECALL_HTTP_STATUS[status]
            return row["retry"], row["retry_delay_s"], row["action"]
        return None

    @property
    def retry_class(self) -> RetryClass:
        """How to retry: a known code's class wins, then a known cause's, then the status's; an
        unknown status retries with backoff when it is a 5xx and not at all otherwise."""
        known = self._known_retry()
        if known is not None:
            return known[0]
        return "backoff" if 500 <= self.status < 600 else "never"

    @property
    def retry_delay_s(self) -> Optional[int]:
        """The number the retry class carries (a delay, or a fallback)."""
        known = self._known_retry()
        return None if known is None else known[1]

    @property
    def action(self) -> str:
        """What to do about the error, from the same source as the retry class."""
        known = self._known_retry()
        return _DEFAULT_ACTION if known is None else known[2]

    def decide(self, attempt: int, policy: RetryPolicy, entropy: int) -> Decision:
        """The retry decision after ``attempt`` attempts, with the server's `Retry-After`."""
        return decide(
            self.retry_class,
            self.retry_delay_s,
            self.action,
            attempt,
            self.retry_after,
            policy,
            entropy,
        )


def classify(status: int, retry_after: RetryAfter, body: Union[bytes, str]) -> RecallError:
    """Classifies a Recall.ai error response from its status, its `Retry-After` (read with
    ``parse_retry_after``) and its body (bytes; text is read as its UTF-8)."""
    return RecallError(status=int(status), retry_after=retry_after, body=parse_error_body(body))
