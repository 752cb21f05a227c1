// The judgement of error-taxonomy's rules, in TypeScript: the same answers as the Rust crate's,
// from the same rule data (schema/rules.json, as `RULES` in ./rules.ts) and the same code tables
// (./index.ts). tests/conformance/cases.json holds every language to the crate's answers.
//
// Texts are read as the crate reads them: as their UTF-8 bytes, with limits in bytes and case
// folded in ASCII only. Nothing here throws: every input, however odd, gets a typed answer.

import {
  type Handling,
  MeetbotFailureCode,
  RecallBotStatus,
  RecallErrorCause,
  RecallErrorCode,
  RecallHttpStatus,
  RecallSubCode,
  type RetryClass,
  isMeetbotFailureCode,
  isRecallBotStatus,
  isRecallErrorCode,
  isRecallSubCode,
} from "./index.js";
import { RULES } from "./rules.js";

// ---------------------------------------------------------------------------------------------
// The rule data: the layout of schema/rules.json (see tests/conformance/README.md).
// ---------------------------------------------------------------------------------------------

/** The rule data of every table, as schema/rules.json holds it. */
export interface Rules {
  /** Where the data comes from (schema/rules.json only). */
  readonly $comment?: string;
  /** The crate version the data was written from (schema/rules.json only). */
  readonly version?: string;
  /** The limits the interpreter keeps, in bytes (`max_parts` in `_`-separated parts). */
  readonly limits: RulesLimits;
  /** The bit of each word flag in a lexicon's `flags`. */
  readonly flags: RulesFlags;
  /** The table every answer is a code of (`meetbot.failure_code`). */
  readonly answers_in: string;
  /** Every table, in lookup order, with what each of its codes answers. */
  readonly tables: readonly TableAnswers[];
  /** The rules of tables for codes they do not know. */
  readonly unknown: readonly UnknownRules[];
  /** The readers of free text. */
  readonly free_text: readonly FreeTextRules[];
}

/** The limits of a reading, in bytes, as the crate keeps them. */
export interface RulesLimits {
  /** The most bytes of a text that are read. */
  readonly max_text: number;
  /** The longest word that is looked up. */
  readonly max_word: number;
  /** The longest code of any table: a longer run is never a code named in text. */
  readonly max_code_len: number;
  /** The most `_`-separated parts of a code that are looked inside. */
  readonly max_parts: number;
  /** The most hypothetical clauses of each kind a scan tells apart; past them, the last grows. */
  readonly max_hypothetical: number;
  /** The longest word the learnt word weights read; a longer one is passed over. */
  readonly max_feature_word: number;
}

/** The bit of each flag a lexicon's word class may have. */
export interface RulesFlags {
  /** A word the scan passes over (`the`). */
  readonly skip: number;
  /** A word that negates the phrases within its reach (`not`). */
  readonly negation: number;
  /** A word that ends a negation's reach (`because`). */
  readonly negation_end: number;
  /** A word after which the stated cause follows (`then`, `but`); it ends a clause. */
  readonly stated_after: number;
  /** A word after which a preliminary cause follows, up to the clause's end (`after`). */
  readonly stated_before: number;
  /** A unit of time (`seconds`): a number before it is a duration, not a status. */
  readonly unit: number;
  /** A word that makes what comes right before it hypothetical (`would`). */
  readonly hypothetical: number;
  /** A word that makes its clause hypothetical from there to its end (`if`). */
  readonly conditional: number;
  /** A word that, first in a clause that ends in `?`, asks whether something happened (`was`). */
  readonly asking: number;
  /** A word that answers a question yes (`yes`). */
  readonly affirmation: number;
}

/** One table's codes, each with the code it answers in `answers_in`, or `null`. */
export interface TableAnswers {
  /** The table, e.g. `recall.sub_code`. */
  readonly table: string;
  /** Each code of the table, with what it answers. */
  readonly answers: Readonly<Record<string, string | null>>;
}

/** A rule of the YAML: its name, why it exists, and its kind. */
export interface RuleData {
  /** The rule's name in the YAML. */
  readonly name: string;
  /** Why the rule exists, as the YAML says. */
  readonly reason: string;
  /** What kind of rule it is. */
  readonly kind: "strip_prefix" | "named_code" | "cue" | "default";
}

/** What a step of the unknown-code rules tests. */
export type StepTest =
  | { readonly strip_prefix: readonly string[] }
  | { readonly named: true }
  | { readonly cue: number; readonly value: string }
  | { readonly default: string };

/** One step of the unknown-code rules: its rule, the given codes it applies to, its test. */
export interface StepData {
  /** The rule the step is, named in an answer it gives. */
  readonly rule: RuleData;
  /** The codes of the given table it applies to; any when empty. */
  readonly given: readonly string[];
  /** What it tests, and what it places. */
  readonly test: StepTest;
}

/** A table's rules for codes it does not know. */
export interface UnknownRules {
  /** The table whose unknown codes these rules place. */
  readonly table: string;
  /** The table of the code each unknown code comes with (a bot status). */
  readonly given: string;
  /** The table of the answer. */
  readonly decides: string;
  /** The words the steps' cues are made of. */
  readonly lexicon: LexiconData;
  /** The steps, tried in order: the first that holds places the code. */
  readonly steps: readonly StepData[];
}

/** A cue of a free-text reader: what it scores for, and the codes it rules out. */
export interface FreeTextCue {
  /** The cue's name in the YAML. */
  readonly name: string;
  /** Why the cue exists. */
  readonly reason: string;
  /** The index in `codes` it scores for, or `null`. */
  readonly target: number | null;
  /** What it adds to its code's score. */
  readonly weight: number;
  /** The indices in `codes` it rules out, as a placement of the failure. */
  readonly excludes: readonly number[];
  /** The indices in `codes` it clears, whatever else held. */
  readonly clears: readonly number[];
}

/** A reader of free text into the codes of one table. */
export interface FreeTextRules {
  /** The table whose codes the text is read into. */
  readonly table: string;
  /** Every code of the table, in order: targets are indices here. */
  readonly codes: readonly string[];
  /** The words, phrases and cues the text is scanned for. */
  readonly lexicon: LexiconData;
  /** The lexicon's cues, by the same index, with what each weighs. */
  readonly cues: readonly FreeTextCue[];
  /** Per code, its rank for ties, lower first. */
  readonly rank: readonly number[];
  /** What a stated cause weighs after a contrast, in percent. */
  readonly stated_percent: number;
  /** The word weights learnt from labelled reasons, or `null`. */
  readonly learned: LearnedData | null;
}

/**
 * Word weights learnt from labelled reasons, in thousandths of a natural log. Classes are the
 * reader's codes by index, then `none`.
 */
export interface LearnedData {
  /** The hashes of the stems passed over, sorted. */
  readonly ignore: readonly number[];
  /** The hashes of the features learnt, sorted. */
  readonly features: readonly number[];
  /** Per feature, its words: a stem, or two. */
  readonly words: readonly string[];
  /** Per feature, `[class, weight, class, weight, ...]`: what it adds beyond `unseen`. */
  readonly weights: readonly (readonly number[])[];
  /** Per class, what every feature learnt adds. */
  readonly unseen: readonly number[];
  /** Per class, the log of its share of the labelled reasons. */
  readonly prior: readonly number[];
  /** The share of a text's features, in percent, that must have been learnt to answer. */
  readonly min_known_percent: number;
  /** How many of a text's features must have been learnt to answer. */
  readonly min_known_features: number;
  /** How far the best class must lead the next where the phrases and cues found nothing. */
  readonly fallback_margin: number;
  /** How far it must lead to answer over what the phrases and cues found. */
  readonly override_margin: number;
}

/** A phrase of a lexicon. */
export interface PhraseData {
  /** The phrase as the YAML writes it. */
  readonly text: string;
  /** The classes of its words, in order. */
  readonly words: readonly number[];
  /** The index of the code it scores for, or `null`. */
  readonly target: number | null;
  /** What it adds to its code's score. */
  readonly weight: number;
  /** The cue groups it belongs to. */
  readonly groups: readonly number[];
}

/** A cue of a lexicon: groups that must all be found, in one clause or anywhere. */
export interface LexiconCue {
  /** The groups, each of which must have a phrase found. */
  readonly groups: readonly number[];
  /** Whether the groups may be anywhere in the text, not in one clause. */
  readonly whole_text: boolean;
}

/** The words, phrases and cues of one rule set. */
export interface LexiconData {
  /** Every stem and its class, sorted by the stem's bytes. */
  readonly words: readonly (readonly [string, number])[];
  /** Per class, its flags (`RulesFlags`), or-ed. */
  readonly flags: readonly number[];
  /** How many words after a negation it reaches. */
  readonly negation_reach: number;
  /** The class of `not`, the `n't` of a contraction, or `null`. */
  readonly not: number | null;
  /** The longest stem, in bytes. */
  readonly max_token: number;
  /** The phrases, each a run of word classes. */
  readonly phrases: readonly PhraseData[];
  /** The cues, each a set of groups found together. */
  readonly cues: readonly LexiconCue[];
}

// ---------------------------------------------------------------------------------------------
// The answers.
// ---------------------------------------------------------------------------------------------

/** A rule of the YAML that gave an answer: its name and why it exists. */
export interface Rule {
  /** The rule's name in the YAML, e.g. `waiting_room`. */
  readonly name: string;
  /** Why the rule exists, as the YAML says. */
  readonly reason: string;
}

/**
 * How an answer was reached. As JSON (`JSON.stringify`) it is exactly the crate's:
 * `{"by": "row"}`, `{"by": "prefix_stripped", "row"}`, `{"by": "named", "row", "table"}`,
 * `{"by": "cue" | "status_default", "rule", "reason"}`, `{"by": "phrase", "phrase"}`,
 * `{"by": "learned", "words"}` or `{"by": "unmapped"}`.
 */
export type MappedBy =
  | { readonly by: "row" }
  | { readonly by: "prefix_stripped"; readonly row: string }
  | { readonly by: "named"; readonly row: string; readonly table: string }
  | { readonly by: "cue" | "status_default"; readonly rule: string; readonly reason: string }
  | { readonly by: "phrase"; readonly phrase: string }
  | { readonly by: "learned"; readonly words: string }
  | { readonly by: "unmapped" };

/** Free text read into a failure code, with how; `code` is `null` when nothing matched. */
export interface Reading {
  /** The failure code, or `null`: no guess. */
  readonly code: MeetbotFailureCode | null;
  /** How the code was reached. */
  readonly mappedBy: MappedBy;
}

/** A code of any table. */
export interface AnyCode {
  /** The table, e.g. `recall.sub_code`. */
  readonly table: string;
  /** The wire string. */
  readonly code: string;
}

/** Where the rules placed a sub-code the table does not know. */
export type Placed =
  /** A known row: the code without its platform prefix is one. */
  | { readonly kind: "row"; readonly row: RecallSubCode; readonly rule: Rule }
  /** A known code of any table that the code is or holds, and what its row answers. */
  | {
      readonly kind: "named";
      /** The known code named. */
      readonly code: AnyCode;
      /** What its row answers. */
      readonly value: MeetbotFailureCode;
      /** The rule that looked for it. */
      readonly rule: Rule;
    }
  /** A failure code given by a cue or by the default of the status. */
  | {
      readonly kind: "value";
      /** The failure code. */
      readonly value: MeetbotFailureCode;
      /** The rule that gave it. */
      readonly rule: Rule;
      /** The rule's kind, as `MappedBy` says it. */
      readonly by: "cue" | "status_default";
    };

/** What a failed job tells the integrator. */
export interface Advice {
  /** The meetbot failure code (its billing says whether anything recorded is billed). */
  readonly failureCode: MeetbotFailureCode;
  /** How to retry: the failure code's class, unless the sub-code overrides it. */
  readonly retry: RetryClass;
  /** The number the retry class carries (its delay in seconds), or `null`. */
  readonly retryDelayS: number | null;
  /** Who must act. */
  readonly handling: Handling;
  /** How the failure code was reached. */
  readonly mappedBy: MappedBy;
}

/** What a status change means for the job. */
export type Outcome =
  | { readonly outcome: "running" }
  | { readonly outcome: "ended" }
  | { readonly outcome: "unknown" }
  | ({ readonly outcome: "failed" } & Advice);

// ---------------------------------------------------------------------------------------------
// Bytes.
// ---------------------------------------------------------------------------------------------

const EMPTY = new Uint8Array(0);

/** The UTF-8 bytes of `text`; a lone surrogate is U+FFFD, as `TextEncoder` writes it. */
function utf8(text: string): Uint8Array {
  if (typeof text !== "string") {
    return EMPTY;
  }
  const out = new Uint8Array(text.length * 3);
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        c = 0xfffd;
      }
    }
    if (c < 0x80) {
      out[at++] = c;
    } else if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    } else {
      out[at++] = 0xf0 | (c >> 18);
      out[at++] = 0x80 | ((c >> 12) & 0x3f);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, at);
}

/** The byte at `at`, or -1 past the end. */
function byteAt(bytes: Uint8Array, at: number): number {
  return at < bytes.length ? (bytes[at] ?? -1) : -1;
}

/** `bytes[from..to]` as text, or `null` when it is not UTF-8 (as Rust's `str::from_utf8`). */
function decodeUtf8(bytes: Uint8Array, from = 0, to = bytes.length): string | null {
  let out = "";
  let chunk: number[] = [];
  let at = from;
  while (at < to) {
    const b0 = byteAt(bytes, at);
    let code: number;
    let len: number;
    if (b0 < 0x80) {
      code = b0;
      len = 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      len = 2;
      code = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      len = 3;
      code = b0 & 0x0f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      len = 4;
      code = b0 & 0x07;
    } else {
      return null;
    }
    if (at + len > to) {
      return null;
    }
    for (let k = 1; k < len; k++) {
      const b = byteAt(bytes, at + k);
      if ((b & 0xc0) !== 0x80) {
        return null;
      }
      code = (code << 6) | (b & 0x3f);
    }
    if (
      (len === 3 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff))) ||
      (len === 4 && (code < 0x10000 || code > 0x10ffff))
    ) {
      return null;
    }
    if (code >= 0x10000) {
      chunk.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff));
    } else {
      chunk.push(code);
    }
    if (chunk.length >= 4096) {
      out += String.fromCharCode(...chunk);
      chunk = [];
    }
    at += len;
  }
  return out + String.fromCharCode(...chunk);
}

/** `bytes[from..to]` as a key of one character per byte: how codes and stems are compared. */
function key(bytes: Uint8Array, from = 0, to = bytes.length): string {
  let out = "";
  for (let at = from; at < to; at++) {
    out += String.fromCharCode(bytes[at] ?? 0);
  }
  return out;
}

/** `text` as a key of one character per UTF-8 byte. */
function keyOf(text: string): string {
  return key(utf8(text));
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

function isUpper(b: number): boolean {
  return b >= 0x41 && b <= 0x5a;
}

function isLower(b: number): boolean {
  return b >= 0x61 && b <= 0x7a;
}

function isAlpha(b: number): boolean {
  return isUpper(b) || isLower(b);
}

function isAlnum(b: number): boolean {
  return isAlpha(b) || isDigit(b);
}

function toLower(b: number): number {
  return isUpper(b) ? b + 0x20 : b;
}

/** Rust's `u8::is_ascii_whitespace`: space, tab, line feed, form feed, carriage return. */
function isAsciiWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d;
}

/** `text` with A-Z lower-cased, every other character as it is. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/**
 * The length of an apostrophe that joins a word at `bytes[at..end]`: `'`, or the UTF-8 of `’`,
 * `‘` or `ʼ`; 0 for none.
 */
function apostrophe(bytes: Uint8Array, at: number, end = bytes.length): number {
  const b0 = at < end ? byteAt(bytes, at) : -1;
  if (b0 === 0x27) {
    return 1;
  }
  if (b0 === 0xe2 && at + 3 <= end) {
    const b2 = byteAt(bytes, at + 2);
    if (byteAt(bytes, at + 1) === 0x80 && (b2 === 0x98 || b2 === 0x99)) {
      return 3;
    }
  }
  if (b0 === 0xca && at + 2 <= end && byteAt(bytes, at + 1) === 0xbc) {
    return 2;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The stem of a word: Porter's steps 1a, 1b, 1c and 5 on lower-case ASCII bytes.
// ---------------------------------------------------------------------------------------------

/** The longest word that is stemmed; a longer one is its own stem. */
const STEM_MAX = 64;
/** The most bytes stemming takes off a word. */
const MAX_CUT = 8;

/** The first `len` letters of a word, with the consonants of the whole word. */
class Part {
  constructor(
    readonly consonants: boolean[],
    readonly len: number,
  ) {}

  consonant(at: number): boolean {
    return this.consonants[at] === true;
  }

  /** Porter's `m`: the number of vowel-consonant sequences. */
  measure(): number {
    let m = 0;
    for (let at = 1; at < this.len; at++) {
      if (this.consonant(at) && !this.consonant(at - 1)) {
        m++;
      }
    }
    return m;
  }

  hasVowel(): boolean {
    for (let at = 0; at < this.len; at++) {
      if (!this.consonant(at)) {
        return true;
      }
    }
    return false;
  }

  /** Ends in a double consonant (`tt`). */
  double(word: Uint8Array): boolean {
    const n = this.len;
    return n >= 2 && word[n - 1] === word[n - 2] && this.consonant(n - 1);
  }

  /** Ends consonant, vowel, consonant, the last not `w`, `x` or `y`. */
  cvc(word: Uint8Array): boolean {
    const n = this.len;
    const last = byteAt(word, n - 1);
    return (
      n >= 3 &&
      this.consonant(n - 3) &&
      !this.consonant(n - 2) &&
      this.consonant(n - 1) &&
      last !== 0x77 &&
      last !== 0x78 &&
      last !== 0x79
    );
  }
}

/** Whether `word[..n]` ends with `suffix`. */
function endsWith(word: Uint8Array, n: number, suffix: string): boolean {
  if (suffix.length > n) {
    return false;
  }
  for (let k = 0; k < suffix.length; k++) {
    if (word[n - suffix.length + k] !== suffix.charCodeAt(k)) {
      return false;
    }
  }
  return true;
}

/**
 * Stems `word` (mutable, its bytes written where a rule writes a letter) and returns the stem's
 * length. A word of at most two letters, over 64 bytes long, or with a byte that is no
 * lower-case ASCII letter is its own stem.
 */
function stem(word: Uint8Array): number {
  let n = word.length;
  const last = n > 0 ? byteAt(word, n - 1) : 0;
  if (
    n <= 2 ||
    n > STEM_MAX ||
    !(last === 0x73 || last === 0x64 || last === 0x67 || last === 0x79 || last === 0x65 || last === 0x6c)
  ) {
    return n;
  }
  for (const b of word) {
    if (!isLower(b)) {
      return n;
    }
  }
  const consonants: boolean[] = [];
  for (let at = 0; at < n; at++) {
    const b = byteAt(word, at);
    let consonant: boolean;
    if (b === 0x61 || b === 0x65 || b === 0x69 || b === 0x6f || b === 0x75) {
      consonant = false;
    } else if (b === 0x79) {
      consonant = at === 0 || !consonants[at - 1];
    } else {
      consonant = true;
    }
    consonants.push(consonant);
  }
  // Step 1a: plurals.
  if (endsWith(word, n, "sses") || endsWith(word, n, "ies")) {
    n -= 2;
  } else if (endsWith(word, n, "s") && !endsWith(word, n, "ss")) {
    n -= 1;
  }
  n = step1b(word, n, consonants);
  // Step 1c: a final `y` after a vowel is `i`.
  if (endsWith(word, n, "y") && new Part(consonants, n - 1).hasVowel()) {
    word[n - 1] = 0x69;
    consonants[n - 1] = false;
  }
  // Step 5: a final `e`, and a final `ll`.
  if (endsWith(word, n, "e")) {
    const rest = new Part(consonants, n - 1);
    const m = rest.measure();
    if (m > 1 || (m === 1 && !rest.cvc(word))) {
      n -= 1;
    }
  }
  if (endsWith(word, n, "ll") && new Part(consonants, n).measure() > 1) {
    n -= 1;
  }
  return n;
}

/** Step 1b: `-eed`, `-ed` and `-ing`, then the ending mended. */
function step1b(word: Uint8Array, n: number, consonants: boolean[]): number {
  if (endsWith(word, n, "eed")) {
    return new Part(consonants, n - 3).measure() > 0 ? n - 1 : n;
  }
  let cut: number;
  if (endsWith(word, n, "ed")) {
    cut = 2;
  } else if (endsWith(word, n, "ing")) {
    cut = 3;
  } else {
    return n;
  }
  if (!new Part(consonants, n - cut).hasVowel()) {
    return n;
  }
  n -= cut;
  if (endsWith(word, n, "eed")) {
    return new Part(consonants, n - 3).measure() > 0 ? n - 1 : n;
  }
  const rest = new Part(consonants, n);
  let addE: boolean;
  if (endsWith(word, n, "at") || endsWith(word, n, "bl") || endsWith(word, n, "iz")) {
    addE = true;
  } else if (rest.double(word)) {
    const last = byteAt(word, n - 1);
    if (last !== 0x6c && last !== 0x73 && last !== 0x7a) {
      return n - 1;
    }
    addE = rest.measure() === 1 && rest.cvc(word);
  } else {
    addE = rest.measure() === 1 && rest.cvc(word);
  }
  if (addE) {
    word[n] = 0x65;
    consonants[n] = false;
    n += 1;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// The scan: one pass over a text, its words looked up by their stems.
// ---------------------------------------------------------------------------------------------

const LIMITS = RULES.limits;
const MAX_TEXT = LIMITS.max_text;
const MAX_WORD = Math.min(LIMITS.max_word, STEM_MAX);
const SKIP = RULES.flags.skip;
const NEGATION = RULES.flags.negation;
const NEGATION_END = RULES.flags.negation_end;
const STATED_AFTER = RULES.flags.stated_after;
const STATED_BEFORE = RULES.flags.stated_before;
const UNIT = RULES.flags.unit;
const HYPOTHETICAL = RULES.flags.hypothetical;
const CONDITIONAL = RULES.flags.conditional;
const ASKING = RULES.flags.asking;
const AFFIRMATION = RULES.flags.affirmation;

/** No class: a word the lexicon does not know, in the window of recent words. */
const NONE = -1;
/** The most words of a phrase: the window of recent words. */
const MAX_WORDS = 8;

/** A phrase, ready for the scan. */
interface Phrase {
  readonly text: string;
  readonly words: readonly number[];
  readonly target: number | null;
  readonly weight: number;
  readonly bits: bigint;
  readonly holdsNegation: boolean;
}

/** A lexicon, ready for the scan. */
interface Lexicon {
  readonly classes: ReadonlyMap<string, number>;
  readonly flags: readonly number[];
  readonly negationReach: number;
  readonly not: number | null;
  readonly maxToken: number;
  readonly phrases: readonly Phrase[];
  /** Per class, the phrases that end with it. */
  readonly ending: readonly (readonly number[])[];
  readonly cues: readonly bigint[];
  readonly wholeText: readonly boolean[];
}

/** A set of bits, one per index of `groups` (below 64). */
function bitsOf(groups: readonly number[]): bigint {
  let bits = 0n;
  for (const group of groups) {
    if (Number.isInteger(group) && group >= 0 && group < 64) {
      bits |= 1n << BigInt(group);
    }
  }
  return bits;
}

/** A lexicon of the data, ready for the scan. */
function compile(data: LexiconData): Lexicon {
  const classes = new Map<string, number>();
  for (const [word, cls] of data.words) {
    classes.set(keyOf(word), cls);
  }
  const flags = data.flags;
  const is = (cls: number, flag: number): boolean => ((flags[cls] ?? 0) & flag) !== 0;
  const phrases = data.phrases.map((p): Phrase => ({
    text: p.text,
    words: p.words,
    target: p.target,
    weight: p.weight,
    bits: bitsOf(p.groups),
    holdsNegation: p.words.some((w) => is(w, NEGATION)),
  }));
  const ending: number[][] = flags.map(() => []);
  phrases.forEach((phrase, index) => {
    const last = phrase.words[phrase.words.length - 1];
    if (last !== undefined) {
      ending[last]?.push(index);
    }
  });
  return {
    classes,
    flags,
    negationReach: data.negation_reach,
    not: data.not,
    maxToken: data.max_token,
    phrases,
    ending,
    cues: data.cues.map((cue) => bitsOf(cue.groups)),
    wholeText: data.cues.map((cue) => cue.whole_text),
  };
}

/** Whether words of class `cls` have `flag`. */
function has(lexicon: Lexicon, cls: number, flag: number): boolean {
  return ((lexicon.flags[cls] ?? 0) & flag) !== 0;
}

/** The class of the stem of `token[..len]` (lower-case bytes), if the lexicon knows it. */
function lookup(lexicon: Lexicon, token: Uint8Array, len: number): number | null {
  if (len > MAX_WORD || len > lexicon.maxToken + MAX_CUT) {
    return null;
  }
  const word = token.slice(0, len);
  const stemmed = stem(word);
  if (stemmed > lexicon.maxToken) {
    return null;
  }
  return lexicon.classes.get(key(word, 0, stemmed)) ?? null;
}

/** The class of `word` (in any ASCII casing, by its stem), if the lexicon knows it. */
function classOf(lexicon: Lexicon, word: Uint8Array, from = 0, to = word.length): number | null {
  const len = to - from;
  if (len > MAX_WORD) {
    return null;
  }
  const token = new Uint8Array(len);
  for (let k = 0; k < len; k++) {
    token[k] = toLower(word[from + k] ?? 0);
  }
  return lookup(lexicon, token, len);
}

/** What a scan found: the cues that held, the phrases, and which of them were stated. */
interface Found {
  cues: bigint;
  readonly phrases: Uint8Array;
  lateCues: bigint;
  readonly latePhrases: Uint8Array;
  /**
   * Where what was stated begins: the end (a byte offset) of the contrast the late finds follow,
   * or 0 when no contrast was followed by a find.
   */
  statedFrom: number;
  /**
   * The hypothetical clauses (start and end, byte offsets, in the text's order), in which nothing
   * is found: questions answered no, and clauses from a conditional word to their end. At most
   * `max_hypothetical` of each kind: past them, the last one grows to cover the rest.
   */
  readonly asked: [number, number][];
  readonly supposed: [number, number][];
}

/** Whether the byte offset `at` is in one of `spans`. */
function inSpans(spans: readonly [number, number][], at: number): boolean {
  return spans.some(([start, end]) => start <= at && at <= end);
}

/** Whether the byte offset `at` is in a hypothetical clause of either kind. */
function isHypothetical(found: Found, at: number): boolean {
  return inSpans(found.asked, at) || inSpans(found.supposed, at);
}

/** Adds a clause that begins after the last; past the limit, the last one grows to its end. */
function pushSpan(spans: [number, number][], start: number, end: number): void {
  if (spans.length < LIMITS.max_hypothetical) {
    spans.push([start, end]);
    return;
  }
  const last = spans[spans.length - 1];
  if (last !== undefined) {
    spans[spans.length - 1] = [last[0], end];
  }
}

/** Whether anything found is preliminary: a cause a contrast set aside. */
function hasPreliminary(found: Found): boolean {
  if ((found.cues & ~found.lateCues) !== 0n) {
    return true;
  }
  for (let index = 0; index < found.phrases.length; index++) {
    if (found.phrases[index] === 1 && found.latePhrases[index] !== 1) {
      return true;
    }
  }
  return false;
}

/** Whether any phrase was found. */
function anyPhrase(found: Found): boolean {
  return found.phrases.includes(1);
}

/** The scan's state: recent words, cue groups, a negation's reach, the contrasts. */
class Scanner {
  readonly window: number[] = new Array<number>(MAX_WORDS).fill(NONE);
  /** For each word of `window`: whether a negation before it reached it. */
  readonly reached: boolean[] = new Array<boolean>(MAX_WORDS).fill(false);
  /** The cue groups of the clause and of the text: all, and those found outside a code that
   * names no cause (whose words may complete a cue, never make one alone). */
  clause = 0n;
  clauseOutside = 0n;
  text = 0n;
  textOutside = 0n;
  readonly found: Found;
  negated = 0;
  preliminary = false;
  contrast = false;
  /** Where the word being read ends, as a byte offset. */
  at = 0;
  /** Where the last contrast ended. */
  contrastAt = 0;
  /** Where the hypothetical clause being read began, if it is one. */
  conditional: number | null = null;
  /** Whether a word of the clause was read, skipped words aside. */
  opened = false;
  /** Where a hypothetical word that began the clause was read, until the next word shows
   * whether it hedges ("could be the VPN") or states ("could not join"). */
  hedge: number | null = null;
  /** Whether the hypothetical clause being read began with a hedge: a comma, a colon or a
   * bracket ends it. */
  hedged = false;
  /** The words of the last code that names no cause end within [start, end). */
  state: [number, number] = [0, 0];

  constructor(readonly lexicon: Lexicon) {
    this.found = {
      cues: 0n,
      phrases: new Uint8Array(lexicon.phrases.length),
      lateCues: 0n,
      statedFrom: 0,
      latePhrases: new Uint8Array(lexicon.phrases.length),
      asked: [],
      supposed: [],
    };
  }

  /** Reads a word of class `cls` (`null`: a word the lexicon does not know). */
  word(cls: number | null): void {
    const lexicon = this.lexicon;
    if (cls !== null) {
      if (has(lexicon, cls, SKIP)) {
        if (this.hedge !== null) {
          const start = this.hedge;
          this.hedge = null;
          if (this.conditional === null) {
            this.conditional = start;
            this.hedged = true;
          }
        }
        return;
      }
      if (has(lexicon, cls, STATED_AFTER)) {
        this.endClause();
        this.contrast = true;
        this.contrastAt = this.at;
        return;
      }
      if (has(lexicon, cls, NEGATION_END)) {
        this.negated = 0;
      }
    }
    this.hedges(cls);
    this.window.shift();
    this.window.push(cls ?? NONE);
    const reached = this.negated > 0;
    this.reached.shift();
    this.reached.push(reached);
    this.negated = Math.max(this.negated - 1, 0);
    if (cls === null) {
      return;
    }
    if (has(lexicon, cls, NEGATION)) {
      this.negated = lexicon.negationReach;
    }
    if (has(lexicon, cls, CONDITIONAL) && this.conditional === null) {
      this.conditional = this.at;
    }
    let spent = false;
    const found = this.found;
    const hypothetical = this.conditional !== null || inSpans(found.asked, this.at);
    const ending = hypothetical ? [] : (lexicon.ending[cls] ?? []);
    const inState = this.state[0] <= this.at && this.at < this.state[1];
    for (const index of ending) {
      const phrase = lexicon.phrases[index];
      if (phrase === undefined || !this.windowEndsWith(phrase.words)) {
        continue;
      }
      // Within a negation's reach, only a phrase that holds a negation itself counts, and only
      // where no negation before it reaches its first word (`not meeting not found`); a phrase
      // whose first word a negation reaches is denied, wherever it ends.
      const size = phrase.words.length;
      const firstReached = size > 0 && size <= MAX_WORDS && this.reached[MAX_WORDS - size] === true;
      if ((reached && !phrase.holdsNegation) || firstReached) {
        continue;
      }
      spent ||= phrase.holdsNegation;
      this.clause |= phrase.bits;
      this.text |= phrase.bits;
      if (inState) {
        continue;
      }
      this.clauseOutside |= phrase.bits;
      this.textOutside |= phrase.bits;
      found.phrases[index] = 1;
      if (!this.preliminary) {
        this.stated();
        found.latePhrases[index] = 1;
      }
    }
    if (spent) {
      this.negated = 0;
    }
    if (has(lexicon, cls, STATED_BEFORE)) {
      this.preliminary = true;
    }
  }

  /** A hypothetical word first in its clause (or after a comma, a colon or a bracket) makes the
   * clause hypothetical from there when a skipped word follows it ("could be a wrong link"; see
   * `word`); any other word after it states ("could not join"). */
  hedges(cls: number | null): void {
    const lexicon = this.lexicon;
    this.hedge = null;
    if (!this.opened) {
      this.opened = true;
      if (cls !== null && has(lexicon, cls, HYPOTHETICAL)) {
        this.hedge = this.at;
      }
    }
  }

  /** Whether the recent words end with `words`. */
  windowEndsWith(words: readonly number[]): boolean {
    if (words.length > MAX_WORDS) {
      return false;
    }
    const offset = MAX_WORDS - words.length;
    return words.every((w, k) => this.window[offset + k] === w);
  }

  /** Something stated was found: after a contrast, what was stated before is preliminary. */
  stated(): void {
    if (this.contrast) {
      this.contrast = false;
      this.found.statedFrom = this.contrastAt;
      this.found.lateCues = 0n;
      this.found.latePhrases.fill(0);
    }
  }

  /** The cues that hold on `bits` (one group of each found `outside` a code that names no
   * cause), among those of the clause or of the whole text. */
  hold(bits: bigint, outside: bigint, wholeText: boolean): void {
    if (outside === 0n) {
      return;
    }
    this.lexicon.cues.forEach((mask, index) => {
      const scope = this.lexicon.wholeText[index] === true;
      if (scope === wholeText && (bits & mask) === mask && (outside & mask) !== 0n) {
        const bit = 1n << BigInt(index);
        this.found.cues |= bit;
        if (!wholeText) {
          this.stated();
        }
        this.found.lateCues |= bit;
      }
    });
  }

  /** A comma, a colon or a bracket: it ends a negation's reach and a hedged clause, and what
   * follows it opens anew; a colon ends any hypothetical clause. */
  endReach(colon: boolean): void {
    this.negated = 0;
    if (this.hedged || colon) {
      this.hedged = false;
      if (this.conditional !== null) {
        pushSpan(this.found.supposed, this.conditional, this.at);
        this.conditional = null;
      }
    }
    this.opened = false;
    this.hedge = null;
  }

  /** Ends a clause: a hypothetical one's extent is kept, its cues are held, its words and
   * negation forgotten. */
  endClause(): void {
    if (this.conditional !== null) {
      pushSpan(this.found.supposed, this.conditional, this.at);
      this.conditional = null;
    }
    this.hold(this.clause, this.clauseOutside, false);
    this.clause = 0n;
    this.clauseOutside = 0n;
    this.window.fill(NONE);
    this.reached.fill(false);
    this.negated = 0;
    this.preliminary = false;
    this.opened = false;
    this.hedge = null;
    this.hedged = false;
  }

  /** Ends the text: the last clause, then the cues of the whole text. */
  endText(): void {
    this.endClause();
    this.hold(this.text, this.textOutside, true);
  }
}

/** What a byte that is no letter or digit does: nothing, end a negation's reach, or end the clause. */
type Break = 0 | 1 | 2;
const Break = { None: 0, Reach: 1, Clause: 2 } as const;

/** What the byte at `at` does: `.`, `;`, `!`, `?`, a line break, `–`, `—` or a lone ` - ` end the
 * clause; `,`, `:` and brackets end a negation's reach. */
function breaks(text: Uint8Array, at: number): Break {
  const b = byteAt(text, at);
  if (b === 0x2e && isAlnum(byteAt(text, at + 1))) {
    // A dot inside a name (`participant.removed`, `bot.fatal`, `3.5`) ends no clause.
    return Break.None;
  }
  switch (b) {
    case 0x2e: // .
    case 0x3b: // ;
    case 0x21: // !
    case 0x3f: // ?
    case 0x0a:
    case 0x0d:
      return Break.Clause;
    case 0x2c: // ,
    case 0x3a: // :
    case 0x28:
    case 0x29:
    case 0x5b:
    case 0x5d:
      return Break.Reach;
    default:
      break;
  }
  if (b === 0xe2 && byteAt(text, at + 1) === 0x80) {
    const b2 = byteAt(text, at + 2);
    if (b2 === 0x93 || b2 === 0x94) {
      return Break.Clause;
    }
  }
  if (b === 0x2d && byteAt(text, at + 1) === 0x20 && at > 0 && byteAt(text, at - 1) === 0x20) {
    return Break.Clause;
  }
  return Break.None;
}

/** The word being read: its first bytes lower-cased, its length, its last byte. */
class Token {
  readonly bytes = new Uint8Array(MAX_WORD);
  len = 0;
  last = 0;

  /** Reads the letter or digit at `at`, ending the word before a camel-cased one; where to read next. */
  letter(scanner: Scanner, text: Uint8Array, at: number): number {
    const b = byteAt(text, at);
    const before = at > 0 ? byteAt(text, at - 1) : -1;
    const camel =
      isUpper(b) && at > 0 && (isLower(before) || (isUpper(before) && isLower(byteAt(text, at + 1))));
    if (camel) {
      this.end(scanner);
    }
    this.last = toLower(b);
    if (this.len < MAX_WORD) {
      this.bytes[this.len] = this.last;
    }
    this.len += 1;
    return at + 1;
  }

  /**
   * Reads the byte at `at`, no letter or digit: an apostrophe inside a word joins it (in `n't`,
   * ends it and reads `not`); anything else ends the word, and may end the clause. Where to read next.
   */
  other(scanner: Scanner, text: Uint8Array, at: number): number {
    const joined = this.len > 0 ? apostrophe(text, at) : 0;
    if (joined > 0) {
      const after = toLower(byteAt(text, at + joined));
      const wordAfter = isAlnum(byteAt(text, at + joined + 1));
      if (this.len > 1 && this.last === 0x6e && after === 0x74 && !wordAfter) {
        // `hasn't`: `has`, then `not`.
        scanner.word(lookup(scanner.lexicon, this.bytes, this.len - 1));
        scanner.word(scanner.lexicon.not);
        this.len = 0;
        return at + joined + 1;
      }
      return at + joined;
    }
    this.end(scanner);
    switch (breaks(text, at)) {
      case Break.None:
        break;
      case Break.Reach:
        scanner.endReach(byteAt(text, at) === 0x3a);
        break;
      case Break.Clause:
        scanner.endClause();
        break;
    }
    return at + 1;
  }

  /** Ends the word being read, if any. */
  end(scanner: Scanner): void {
    if (this.len > 0) {
      scanner.word(lookup(scanner.lexicon, this.bytes, this.len));
      this.len = 0;
    }
  }
}

/** Whether `b` may be in a code: an ASCII letter, a digit or `_`. */
function isCodeByte(b: number): boolean {
  return isAlnum(b) || b === 0x5f;
}

/**
 * The first word of `text[from..to)` (a question, or what follows one), past at most a timestamp
 * and a name that end in `:`, `]` or `)`, as `[start, end, alone]`: whether it stands alone (at
 * the end, or before spaces and then a mark that ends a clause or a negation's reach, or a `-`
 * and a space).
 */
function firstWord(text: Uint8Array, from: number, to: number): [number, number, boolean] | null {
  const slice = text.subarray(from, to);
  const n = slice.length;
  let at = 0;
  for (let tag = 0; tag < 3; tag++) {
    while (at < n && !isAlpha(byteAt(slice, at)) && byteAt(slice, at) !== 0x3f) {
      at += 1;
    }
    if (!isAlpha(byteAt(slice, at))) {
      return null;
    }
    let end = at;
    while (isAlnum(byteAt(slice, end))) {
      end += 1;
    }
    const rest = slice.subarray(end);
    let next = 0;
    while (next < rest.length && rest[next] === 0x20) {
      next += 1;
    }
    const b = byteAt(rest, next);
    if (b === 0x3a || b === 0x5d || b === 0x29) {
      at = end + next + 1;
      continue;
    }
    const alone =
      next === rest.length ||
      breaks(rest, next) !== Break.None ||
      (b === 0x2d && isAsciiWhitespace(byteAt(rest, next + 1)));
    return [from + at, from + end, alone];
  }
  return null;
}

/** Adds each question of `text` that states nothing to `found.asked`: a clause that ends in `?`
 * (or `??`, `?!?`), not followed by a letter, digit or `_` (as in a link's `?pwd=`), answered by
 * a no standing alone, or asking whether something happened (its first word past a speaker's
 * tag) and not answered yes; past the limit of questions told apart, one that only asks is read
 * as any clause. */
function questions(lexicon: Lexicon, text: Uint8Array, found: Found): void {
  let floor = 0;
  // Where the marks and spaces before the last `?` began.
  let previous = 0;
  for (let mark = text.indexOf(0x3f); mark >= 0; floor = mark + 1, mark = text.indexOf(0x3f, mark + 1)) {
    // The question's clause ends before the marks and spaces that end it, looked at back to the
    // last `?`, whose own run this one then continues.
    let first = mark;
    while (first > floor) {
      const before = text[first - 1];
      if (before !== 0x3f && before !== 0x21 && before !== 0x20 && before !== 0x09) {
        break;
      }
      first -= 1;
    }
    if (first === floor && floor > 0) {
      first = previous;
    }
    previous = first;
    const following = byteAt(text, mark + 1);
    if (following === 0x3f || isCodeByte(following)) {
      continue;
    }
    const reply = firstWord(text, mark + 1, text.length);
    const cls = reply === null ? null : classOf(lexicon, text, reply[0], reply[1]);
    const alone = reply !== null && reply[2];
    const no = alone && cls !== null && (has(lexicon, cls, NEGATION) || has(lexicon, cls, CONDITIONAL));
    const yes = cls !== null && has(lexicon, cls, AFFIRMATION);
    if (yes) {
      continue;
    }
    let start = 0;
    for (let at = first - 1; at >= 0; at--) {
      if (breaks(text, at) === Break.Clause) {
        start = at + 1;
        break;
      }
    }
    let asking = false;
    if (!no && found.asked.length < LIMITS.max_hypothetical) {
      const opener = firstWord(text, start, first);
      const openerClass = opener === null ? null : classOf(lexicon, text, opener[0], opener[1]);
      asking = openerClass !== null && has(lexicon, openerClass, ASKING);
    }
    if (no || asking) {
      pushSpan(found.asked, start, mark);
    }
  }
}

/** Whether `text[from..to]` (letters, digits and `_`) is a code some table knows whose row
 * answers no failure: its words name no cause. */
function isSilentCode(text: Uint8Array, from: number, to: number): boolean {
  if (to - from > LIMITS.max_code_len) {
    return false;
  }
  const code = key(text, from, to);
  return KNOWN.has(code) && exactly(code) === null;
}

/**
 * Scans at most `max_text` bytes of `text` with `lexicon`: free text, where the words of a code
 * whose row answers no failure name no cause, or a code, whose parts are words.
 */
function scan(lexicon: Lexicon, text: Uint8Array, freeText: boolean): Found {
  const read = text.subarray(0, Math.min(text.length, MAX_TEXT));
  const scanner = new Scanner(lexicon);
  if (freeText) {
    questions(lexicon, read, scanner.found);
  }
  const token = new Token();
  let at = 0;
  // Where the run of letters, digits and `_` being read began, and where the last one looked up
  // as a code ended: each run with a `_` is looked up once, at its first `_`.
  let runStart = 0;
  let lookedUp = 0;
  while (at < read.length) {
    scanner.at = at;
    const b = byteAt(read, at);
    if (isAlnum(b)) {
      if (token.len === 0 && (at === 0 || !isCodeByte(byteAt(read, at - 1)))) {
        runStart = at;
      }
      at = token.letter(scanner, read, at);
      continue;
    }
    if (b === 0x5f && freeText && at >= lookedUp && at > runStart) {
      let end = at;
      while (isCodeByte(byteAt(read, end))) {
        end += 1;
      }
      lookedUp = end;
      if (isSilentCode(read, runStart, end)) {
        // Its first word ends here, its last one at the run's end.
        scanner.state = [at, end + 1];
      }
    }
    at = token.other(scanner, read, at);
  }
  scanner.at = read.length;
  token.end(scanner);
  scanner.endText();
  return scanner.found;
}

// ---------------------------------------------------------------------------------------------
// Codes named in text or in a code.
// ---------------------------------------------------------------------------------------------

/** A known code and what it answers. */
interface Answer {
  /** The table that knows the code. */
  readonly table: string;
  /** The code, as the table writes it. */
  readonly code: string;
  /** The code of `answers_in` its row answers, or `null`. */
  readonly answer: string | null;
}

/** Every table's codes by their bytes, each with the tables that know it, in lookup order. */
const KNOWN = new Map<string, Answer[]>();
/** Each table's codes by their bytes. */
const TABLE_CODES = new Map<string, Map<string, string>>();
for (const table of RULES.tables) {
  const codes = new Map<string, string>();
  for (const [code, answer] of Object.entries(table.answers)) {
    const bytes = keyOf(code);
    codes.set(bytes, code);
    const known = KNOWN.get(bytes) ?? [];
    known.push({ table: table.table, code, answer });
    KNOWN.set(bytes, known);
  }
  TABLE_CODES.set(table.table, codes);
}

/** The first code of any table that is `identifier` (its bytes) and answers. */
function exactly(identifier: string): Answer | null {
  for (const known of KNOWN.get(identifier) ?? []) {
    if (known.answer !== null) {
      return known;
    }
  }
  return null;
}

/** Whether `run` may be a code named in text: it has a `_`, or it is a three-digit status. */
function isIdentifier(run: Uint8Array): boolean {
  return (run.includes(0x5f) && run.length <= LIMITS.max_code_len) || isStatus(run);
}

/** Whether `run` is a three-digit status (`429`). */
function isStatus(run: Uint8Array): boolean {
  return run.length === 3 && run.every(isDigit);
}

/** A break of a negation's reach, among the words of a text. */
const BREAK = Symbol("break");

/** The words of a text for `namedInText`, and the breaks of a negation's reach between them. */
class Runs {
  at = 0;

  constructor(readonly text: Uint8Array) {}

  /** The length of a word byte (a letter, a digit, `_`) or apostrophe at `at`, or 0. */
  wordLen(at: number): number {
    const b = byteAt(this.text, at);
    if (b < 0) {
      return 0;
    }
    if (isAlnum(b) || b === 0x5f || b === 0x27) {
      return 1;
    }
    if (b < 0x80) {
      return 0;
    }
    return apostrophe(this.text, at);
  }

  /** Whether the next word has `flag`: a unit of time, or a word that makes what comes before it
   * hypothetical (`would`). */
  followedBy(lexicon: Lexicon, flag: number): boolean {
    const text = this.text;
    let start = this.at;
    while (start < text.length && isAsciiWhitespace(byteAt(text, start))) {
      start++;
    }
    let end = start;
    while (end < text.length && isAlpha(byteAt(text, end))) {
      end++;
    }
    const cls = classOf(lexicon, text, start, end);
    return cls !== null && has(lexicon, cls, flag);
  }

  /** The next word, or a break, or `null` at the end. */
  next(): Uint8Array | typeof BREAK | null {
    const text = this.text;
    while (this.at < text.length) {
      if (this.wordLen(this.at) > 0) {
        const start = this.at;
        let end = start;
        for (let len = this.wordLen(end); len > 0; len = this.wordLen(end)) {
          end += len;
        }
        this.at = end;
        return text.subarray(start, end);
      }
      const b = byteAt(text, this.at);
      const dash = isDash(text, this.at);
      this.at += dash ? 3 : 1;
      if (
        dash ||
        b === 0x2c ||
        b === 0x3a ||
        b === 0x3b ||
        b === 0x2e ||
        b === 0x21 ||
        b === 0x3f ||
        b === 0x28 ||
        b === 0x29 ||
        b === 0x5b ||
        b === 0x5d ||
        b === 0x0a ||
        b === 0x0d
      ) {
        return BREAK;
      }
    }
    return null;
  }
}

/** Whether `text[at..]` starts with a dash, `–` or `—`. */
function isDash(text: Uint8Array, at: number): boolean {
  if (byteAt(text, at) !== 0xe2 || at + 3 > text.length) {
    return false;
  }
  const b2 = byteAt(text, at + 2);
  return byteAt(text, at + 1) === 0x80 && (b2 === 0x93 || b2 === 0x94);
}

/** A word without the apostrophes quoting it. */
function trimQuotes(run: Uint8Array): Uint8Array {
  let word = run;
  for (;;) {
    const before = word.length;
    word = word.subarray(apostrophe(word, 0));
    for (let tail = 1; tail <= 3; tail++) {
      if (word.length >= tail && apostrophe(word, word.length - tail) === tail) {
        word = word.subarray(0, word.length - tail);
        break;
      }
    }
    if (word.length === before) {
      return word;
    }
  }
}

/** Whether `word` is a negation of the lexicon, or a contraction with `n't`. */
function isNegation(lexicon: Lexicon, word: Uint8Array): boolean {
  const last = byteAt(word, word.length - 1);
  if (word.length > 0 && (last === 0x74 || last === 0x54)) {
    const rest = word.length - 1;
    for (let len = 1; len <= 3; len++) {
      if (
        rest > len + 1 &&
        apostrophe(word, rest - len, rest) === len &&
        toLower(byteAt(word, rest - len - 1)) === 0x6e
      ) {
        return true;
      }
    }
  }
  const cls = classOf(lexicon, word);
  return cls !== null && has(lexicon, cls, NEGATION);
}

/** Whether the latest of `recent` words deny what follows. */
function denied(lexicon: Lexicon, recent: readonly Uint8Array[]): boolean {
  for (let k = recent.length - 1; k >= 0; k--) {
    const word = recent[k] ?? EMPTY;
    if (isNegation(lexicon, word)) {
      return true;
    }
    const cls = classOf(lexicon, word);
    if (cls !== null && (has(lexicon, cls, NEGATION_END) || has(lexicon, cls, STATED_AFTER))) {
      return false;
    }
  }
  return false;
}

/**
 * The known code that `text` names last, if it answers (see the crate's `named_in_text`), and
 * whether the text mentions a code of any table at all.
 */
function namedInText(
  lexicon: Lexicon,
  bytes: Uint8Array,
  found: Found,
): { named: Answer | null; contrastAfter: boolean; namedEnd: number; mentioned: boolean } {
  const text = bytes.subarray(0, Math.min(bytes.length, MAX_TEXT));
  let named: Answer | null = null;
  // Where the code ends, a byte offset.
  let namedEnd = 0;
  // Whether a contrast (a word after which the stated cause follows) came after the code.
  let contrastAfter = false;
  let mentioned = false;
  const recent: Uint8Array[] = new Array<Uint8Array>(8).fill(EMPTY);
  const reach = Math.min(lexicon.negationReach, recent.length);
  let sinceBreak = 0;
  const runs = new Runs(text);
  for (let item = runs.next(); item !== null; item = runs.next()) {
    if (item === BREAK) {
      sinceBreak = 0;
      continue;
    }
    const bare = trimQuotes(item);
    const counted = bare.length === 3 && runs.followedBy(lexicon, UNIT);
    const hypothetical = (): boolean =>
      runs.followedBy(lexicon, HYPOTHETICAL) || isHypothetical(found, runs.at);
    const code = isIdentifier(bare) && !counted ? key(bare) : null;
    if (code !== null && KNOWN.has(code)) {
      mentioned = true;
      const looked = Math.min(sinceBreak, reach);
      if (!hypothetical() && !denied(lexicon, recent.slice(recent.length - looked))) {
        // A `snake_case` code whose row answers nothing is a state: the code before it stands.
        const answers = exactly(code);
        if (answers !== null || isStatus(bare)) {
          named = answers;
          namedEnd = runs.at;
          contrastAfter = false;
        }
        recent.shift();
        recent.push(item);
        sinceBreak += 1;
        continue;
      }
    }
    if (named !== null && !contrastAfter) {
      const cls = classOf(lexicon, item);
      contrastAfter = cls !== null && has(lexicon, cls, STATED_AFTER);
    }
    recent.shift();
    recent.push(item);
    sinceBreak += 1;
  }
  return { named, contrastAfter, namedEnd, mentioned };
}

/** The known code that `code` is, or holds between its `_`s with no phrase around it. */
function namedInCode(lexicon: Lexicon, code: Uint8Array): Answer | null {
  const whole = exactly(key(code));
  if (whole !== null) {
    return whole;
  }
  const parts: [number, number][] = [];
  let start = 0;
  for (let at = 0; at <= code.length; at++) {
    if (at === code.length || code[at] === 0x5f) {
      if (parts.length === LIMITS.max_parts) {
        return null;
      }
      parts.push([start, at]);
      start = at + 1;
    }
  }
  const neutral = (from: number, to: number): boolean => {
    const first = parts[from];
    const last = parts[to - 1];
    if (from >= to || first === undefined || last === undefined) {
      return true;
    }
    return !anyPhrase(scan(lexicon, code.subarray(first[0], last[1]), false));
  };
  // Two parts at least, but a three-digit status is a code of one part (`zoom_http_503`).
  for (let len = parts.length - 1; len >= 1; len--) {
    for (let first = 0; first + len <= parts.length; first++) {
      const last = first + len - 1;
      const from = parts[first]?.[0] ?? 0;
      const to = parts[last]?.[1] ?? 0;
      if (to - from > LIMITS.max_code_len) {
        continue;
      }
      if (len === 1 && !(to - from === 3 && code.subarray(from, to).every(isDigit))) {
        continue;
      }
      const found = exactly(key(code, from, to));
      if (found === null) {
        continue;
      }
      if (neutral(0, first) && neutral(last + 1, parts.length)) {
        return found;
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Unknown sub-codes, free text, status changes.
// ---------------------------------------------------------------------------------------------

const SUB_CODE_RULES = RULES.unknown.find(
  (rules) => rules.table === "recall.sub_code" && rules.decides === "meetbot.failure_code",
);
const SUB_CODE_LEXICON = SUB_CODE_RULES === undefined ? null : compile(SUB_CODE_RULES.lexicon);

const FAILURE_TEXT = RULES.free_text.find((reader) => reader.table === "meetbot.failure_code");
const FAILURE_TEXT_LEXICON = FAILURE_TEXT === undefined ? null : compile(FAILURE_TEXT.lexicon);

/** The name and reason of a rule of the data. */
function ruleOf(data: RuleData): Rule {
  return { name: data.name, reason: data.reason };
}

/** Whether `code[..]` starts with the bytes of `prefix`. */
function startsWith(code: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.length <= code.length && prefix.every((b, k) => code[k] === b);
}

/**
 * Places a sub-code that `recall.sub_code` does not know, given the bot status it came with (or
 * `null`): the first of the table's unknown-code rules that holds, or `null`.
 */
export function placeUnknownSubCode(code: string, status: string | null): Placed | null {
  const rules = SUB_CODE_RULES;
  const lexicon = SUB_CODE_LEXICON;
  if (rules === undefined || lexicon === null) {
    return null;
  }
  const bytes = utf8(code);
  const found = scan(lexicon, bytes, false);
  const rows = TABLE_CODES.get(rules.table);
  for (const step of rules.steps) {
    const applies = step.given.length === 0 || (status !== null && step.given.includes(status));
    if (!applies) {
      continue;
    }
    const test = step.test;
    const rule = ruleOf(step.rule);
    if ("strip_prefix" in test) {
      const prefix = test.strip_prefix.map(utf8).find((p) => startsWith(bytes, p));
      const row = prefix === undefined ? undefined : rows?.get(key(bytes, prefix.length));
      if (row !== undefined && isRecallSubCode(row)) {
        return { kind: "row", row, rule };
      }
    } else if ("named" in test) {
      const named = namedInCode(lexicon, bytes);
      if (named !== null && isMeetbotFailureCode(named.answer)) {
        return { kind: "named", code: { table: named.table, code: named.code }, value: named.answer, rule };
      }
    } else if ("cue" in test) {
      const held = test.cue >= 0 && test.cue < 64 && (found.cues & (1n << BigInt(test.cue))) !== 0n;
      if (held && isMeetbotFailureCode(test.value)) {
        return { kind: "value", value: test.value, rule, by: "cue" };
      }
    } else if (isMeetbotFailureCode(test.default)) {
      return { kind: "value", value: test.default, rule, by: "status_default" };
    }
  }
  return null;
}

/** How the rules placed a code, as `MappedBy`. */
export function mappedByOfPlaced(placed: Placed): MappedBy {
  switch (placed.kind) {
    case "row":
      return { by: "prefix_stripped", row: placed.row };
    case "named":
      return { by: "named", row: placed.code.code, table: placed.code.table };
    case "value":
      return { by: placed.by, rule: placed.rule.name, reason: placed.rule.reason };
  }
}

/** The best code of a reading and what weighed most for it: a phrase or a cue, by index. */
function best(
  lexicon: Lexicon,
  found: Found,
  reader: FreeTextRules,
  excluded: bigint,
): { code: number; source: { phrase: number } | { cue: number } } | null {
  const contrast = hasPreliminary(found);
  const weigh = (weight: number, late: boolean): number =>
    contrast && late ? weight * reader.stated_percent : weight * 100;
  const scores: { score: number; strongest: number; source: { phrase: number } | { cue: number } }[] = [];
  for (let code = 0; code < 64; code++) {
    scores.push({ score: 0, strongest: 0, source: { phrase: 0 } });
  }
  const add = (target: number | null, weight: number, source: { phrase: number } | { cue: number }): void => {
    if (target === null || target < 0 || target >= 64) {
      return;
    }
    const entry = scores[target];
    if (entry === undefined || (excluded & (1n << BigInt(target))) !== 0n) {
      return;
    }
    entry.score += weight;
    if (weight > entry.strongest) {
      entry.strongest = weight;
      entry.source = source;
    }
  };
  lexicon.phrases.forEach((phrase, index) => {
    if (found.phrases[index] === 1 && phrase.target !== null) {
      add(phrase.target, weigh(phrase.weight, found.latePhrases[index] === 1), { phrase: index });
    }
  });
  reader.cues.forEach((cue, index) => {
    const bit = index < 64 ? 1n << BigInt(index) : 0n;
    if ((found.cues & bit) !== 0n) {
      add(cue.target, weigh(cue.weight, (found.lateCues & bit) !== 0n), { cue: index });
    }
  });
  // The highest score wins; a tie goes to the lower rank, and then to the later code.
  let winner: number | null = null;
  const count = Math.min(reader.rank.length, 64);
  for (let code = 0; code < count; code++) {
    const entry = scores[code];
    if (entry === undefined || entry.score <= 0) {
      continue;
    }
    const top = winner === null ? undefined : scores[winner];
    const rank = reader.rank[code] ?? 0;
    const topRank = winner === null ? 0 : (reader.rank[winner] ?? 0);
    if (top === undefined || entry.score > top.score || (entry.score === top.score && rank <= topRank)) {
      winner = code;
    }
  }
  const entry = winner === null ? undefined : scores[winner];
  return winner === null || entry === undefined ? null : { code: winner, source: entry.source };
}

/** The codes that the cues that held rule out, one bit per code. */
function excludedBy(found: Found, reader: FreeTextRules): bigint {
  // What a stated cue clears stays out, whatever else held (see the crate's `Scoring::excluded`).
  let excluded = placedBy(found, reader);
  reader.cues.forEach((cue, index) => {
    if (index < 64 && (found.lateCues & (1n << BigInt(index))) !== 0n) {
      excluded |= bitsOf(cue.clears);
    }
  });
  return excluded;
}

/** The codes that any cue that held rules out as a placement, contradicted or not. */
function placedAnywhere(found: Found, reader: FreeTextRules): bigint {
  let placed = 0n;
  reader.cues.forEach((cue, index) => {
    if (index < 64 && (found.cues & (1n << BigInt(index))) !== 0n) {
      placed |= bitsOf(cue.excludes);
    }
  });
  return placed;
}

/** The codes that the cues that held place the failure away from, one bit per code. */
function placedBy(found: Found, reader: FreeTextRules): bigint {
  const held = reader.cues.filter((_, index) => index < 64 && (found.cues & (1n << BigInt(index))) !== 0n);
  // Cues that name no code and only rule codes out (`excludes`) say where the failure was; where
  // two of them held and disagree, neither rules anything out.
  const places = new Set(
    held.filter((cue) => cue.target === null && cue.excludes.length > 0).map((cue) => bitsOf(cue.excludes)),
  );
  const agree = places.size <= 1;
  let placed = 0n;
  for (const cue of held) {
    if (agree || cue.target !== null) {
      placed |= bitsOf(cue.excludes);
    }
  }
  return placed;
}

/** Nothing matched: no code, and no guess. */
const UNMAPPED: Reading = { code: null, mappedBy: { by: "unmapped" } };

// ---------------------------------------------------------------------------------------------
// The learnt word weights (src/learned.rs).
// ---------------------------------------------------------------------------------------------

/** The longest word a feature holds; a longer word is passed over. */
const MAX_FEATURE_WORD = LIMITS.max_feature_word;
/** FNV-1a's offset basis. */
const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bits, over `bytes[from..to]`, going on from `hash`. */
function fnv(hash: number, bytes: Uint8Array, from = 0, to = bytes.length): number {
  let h = hash;
  for (let at = from; at < to; at++) {
    h = Math.imul(h ^ byteAt(bytes, at), 0x01000193) >>> 0;
  }
  return h;
}

/** Whether `sorted` holds `value`. */
function holds(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid] ?? 0;
    if (at === value) {
      return mid;
    }
    if (at < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return -1;
}

const SPACE = new Uint8Array([0x20]);

/**
 * Calls `feature` with the hash of each feature of `text`, in order: each word's stem, and each
 * pair of consecutive stems; words whose stem hashes into `ignore` are passed over, and so are
 * the words that begin where `hidden` holds (a clause that states nothing), which pair with
 * nothing.
 */
function features(
  text: Uint8Array,
  ignore: readonly number[],
  hidden: (at: number) => boolean,
  feature: (hash: number) => void,
): void {
  const word = new Uint8Array(MAX_FEATURE_WORD);
  let len = 0;
  let previous: number | null = null;
  let hiddenWord = false;
  const end = (): void => {
    const n = len;
    len = 0;
    if (hiddenWord) {
      hiddenWord = false;
      previous = null;
      return;
    }
    // A word of digits alone (a time, a count, an id) says nothing of a cause.
    if (n === 0 || n > MAX_FEATURE_WORD || word.subarray(0, n).every(isDigit)) {
      return;
    }
    const stemmed = word.subarray(0, n);
    const s = stem(stemmed);
    const hash = fnv(FNV_OFFSET, stemmed, 0, s);
    if (holds(ignore, hash) >= 0) {
      return;
    }
    feature(hash);
    if (previous !== null) {
      feature(fnv(fnv(previous, SPACE), stemmed, 0, s));
    }
    previous = hash;
  };
  let at = 0;
  while (at < text.length) {
    const b = byteAt(text, at);
    if (isAlnum(b)) {
      const camel =
        isUpper(b) &&
        at > 0 &&
        (isLower(byteAt(text, at - 1)) || (isUpper(byteAt(text, at - 1)) && isLower(byteAt(text, at + 1))));
      if (camel) {
        end();
      }
      if (len === 0) {
        hiddenWord = hidden(at);
      }
      if (len < MAX_FEATURE_WORD) {
        word[len] = toLower(b);
      }
      len++;
      at++;
      continue;
    }
    const joined = apostrophe(text, at);
    if (joined > 0 && len > 0 && at + joined < text.length && isAlnum(byteAt(text, at + joined))) {
      at += joined;
      continue;
    }
    end();
    at++;
  }
  end();
}

/** A learnt reader: its data, and how many classes it weighs. */
interface Learned {
  readonly data: LearnedData;
  readonly classes: number;
}

/**
 * What the learnt weights answer for `text`: the class (a code's index) and the words most
 * particular to it, or `null` (see the crate's `rules::learnt` and `learned::Learned::score`).
 */
function learnt(
  learned: Learned,
  text: Uint8Array,
  hypothetical: Found,
  excluded: bigint,
  found: number | null,
): [number, string] | null {
  const data = learned.data;
  const classes = learned.classes;
  const scores = data.prior.slice(0, classes);
  // Per class: the feature whose weight for it leads its weight for any other class the most.
  const particular: ([number, number] | null)[] = new Array<[number, number] | null>(classes).fill(null);
  let known = 0;
  let all = 0;
  const weights: number[] = new Array<number>(classes).fill(0);
  features(text, data.ignore, (at) => isHypothetical(hypothetical, at), (hash) => {
    all++;
    const index = holds(data.features, hash);
    if (index < 0) {
      return;
    }
    known++;
    for (let cls = 0; cls < classes; cls++) {
      weights[cls] = data.unseen[cls] ?? 0;
    }
    const beyond = data.weights[index] ?? [];
    for (let at = 0; at + 1 < beyond.length; at += 2) {
      const cls = beyond[at] ?? classes;
      if (cls < classes) {
        weights[cls] = (weights[cls] ?? 0) + (beyond[at + 1] ?? 0);
      }
    }
    let top = -Infinity;
    let next = -Infinity;
    let topClass = 0;
    for (let cls = 0; cls < classes; cls++) {
      const weight = weights[cls] ?? 0;
      scores[cls] = (scores[cls] ?? 0) + weight;
      if (weight > top) {
        next = top;
        top = weight;
        topClass = cls;
      } else if (weight > next) {
        next = weight;
      }
    }
    for (let cls = 0; cls < classes; cls++) {
      const lead = (weights[cls] ?? 0) - (cls === topClass ? next : top);
      const best = particular[cls];
      if (best === null || best === undefined || lead > best[1]) {
        particular[cls] = [index, lead];
      }
    }
  });
  if (known < data.min_known_features || known * 100 < all * data.min_known_percent) {
    return null;
  }
  // The weights' favourite among every class: where the words rule it out, they say nothing.
  const none = classes - 1;
  let first: number | null = null;
  let second: number | null = null;
  for (let cls = 0; cls < classes; cls++) {
    const score = scores[cls] ?? 0;
    if (first !== null && score <= (scores[first] ?? 0)) {
      if (second === null || score > (scores[second] ?? 0)) {
        second = cls;
      }
    } else {
      second = first;
      first = cls;
    }
  }
  if (first === null || second === null || first === none || first === found) {
    return null;
  }
  if (first < 64 && (excluded & (1n << BigInt(first))) !== 0n) {
    return null;
  }
  const margin = found === null ? data.fallback_margin : data.override_margin;
  if ((scores[first] ?? 0) - (scores[second] ?? 0) < margin) {
    return null;
  }
  const feature = particular[first];
  const words = feature === null || feature === undefined ? undefined : data.words[feature[0]];
  return words === undefined ? null : [first, words];
}

const FAILURE_LEARNED: Learned | null =
  FAILURE_TEXT === undefined || FAILURE_TEXT.learned === null
    ? null
    : { data: FAILURE_TEXT.learned, classes: Math.min(FAILURE_TEXT.learned.prior.length, 65) };

/**
 * Reads free text (a legacy failure reason) into a meetbot failure code: a known code the text
 * names answers as its row does, unless the text's words rule that answer out; else its phrases
 * and cues are weighed and the highest score wins, unless the learnt word weights are far surer
 * (or answer where nothing matched); text that nothing answers gives `null`. Reads at most
 * `max_text` bytes.
 */
export function readText(text: string): Reading {
  const reader = FAILURE_TEXT;
  const lexicon = FAILURE_TEXT_LEXICON;
  if (reader === undefined || lexicon === null || typeof text !== "string") {
    return UNMAPPED;
  }
  // The reader reads at most `MAX_TEXT` bytes; each UTF-16 unit is one byte at least, and a pair
  // cut at the end is past them.
  const bytes = utf8(text.slice(0, MAX_TEXT + 1));
  const found = scan(lexicon, bytes, true);
  const excluded = excludedBy(found, reader);
  // What the words place away from rules a named code out; what they clear does not.
  const placed = placedBy(found, reader);
  const { named, contrastAfter, namedEnd, mentioned } = namedInText(lexicon, bytes, found);
  let setAside: Reading | null = null;
  if (named !== null && isMeetbotFailureCode(named.answer)) {
    const index = reader.codes.indexOf(named.answer);
    if (index >= 0 && index < 64 && (placed & (1n << BigInt(index))) === 0n) {
      setAside = { code: named.answer, mappedBy: { by: "named", row: named.code, table: named.table } };
    }
  }
  // A named code answers, unless a contrast followed it and the words weigh most for a cause
  // stated after it: then that cause answers.
  if (setAside !== null && !contrastAfter) {
    return setAside;
  }
  const winner = best(lexicon, found, reader, excluded);
  if (setAside !== null) {
    const source = winner?.source;
    const stated =
      source !== undefined &&
      ("phrase" in source
        ? found.latePhrases[source.phrase] === 1
        : (found.lateCues & (1n << BigInt(source.cue))) !== 0n);
    // What was stated begins after the code: a contrast after it was followed by a find.
    if (found.statedFrom <= namedEnd || !stated) {
      return setAside;
    }
  }
  // A text that mentions a code of any table (to state, suppose or deny it) is read by the rules
  // alone.
  // A guess goes against no placement the words make, even one another contradicts.
  const vetoed = excluded | placedAnywhere(found, reader);
  const learnedAnswer =
    FAILURE_LEARNED === null || mentioned
      ? null
      : learnt(FAILURE_LEARNED, bytes.subarray(0, MAX_TEXT), found, vetoed, winner?.code ?? null);
  if (learnedAnswer !== null) {
    const code = reader.codes[learnedAnswer[0]];
    if (isMeetbotFailureCode(code)) {
      return { code, mappedBy: { by: "learned", words: learnedAnswer[1] } };
    }
  }
  if (winner === null) {
    return UNMAPPED;
  }
  const code = reader.codes[winner.code];
  if (!isMeetbotFailureCode(code)) {
    return UNMAPPED;
  }
  const source = winner.source;
  if ("phrase" in source) {
    const phrase = lexicon.phrases[source.phrase];
    return phrase === undefined ? UNMAPPED : { code, mappedBy: { by: "phrase", phrase: phrase.text } };
  }
  const cue = reader.cues[source.cue];
  return cue === undefined ? UNMAPPED : { code, mappedBy: { by: "cue", rule: cue.name, reason: cue.reason } };
}

/** A failure as a known sub-code's row says it. */
function ofRow(row: RecallSubCode, mappedBy: MappedBy): Outcome {
  const facts = RecallSubCode[row];
  return {
    outcome: "failed",
    failureCode: facts.failure_code,
    retry: facts.retry,
    retryDelayS: facts.retry_delay_s,
    handling: facts.handling,
    mappedBy,
  };
}

/** A failure as its failure code says it. */
function ofValue(value: MeetbotFailureCode, mappedBy: MappedBy): Outcome {
  const facts = MeetbotFailureCode[value];
  return {
    outcome: "failed",
    failureCode: value,
    retry: facts.retry,
    retryDelayS: facts.retry_delay_s,
    handling: facts.handling,
    mappedBy,
  };
}

/** The `event` of a Recall.ai status webhook of the legacy shape. */
export const LEGACY_STATUS_EVENT = "bot.status_change";

/**
 * Whether a Recall.ai status webhook is of the legacy shape (`event` is `bot.status_change`), as a
 * type guard over the payload types a generator made from the schema (`RecallStatusWebhook`): it
 * narrows both branches, which `webhook.event === "bot.status_change"` cannot, since the current
 * shape's `event` is any `bot.<code>`, a `string`.
 */
export function isLegacyStatusWebhook<T extends { event: unknown }>(
  webhook: T,
): webhook is Extract<T, { event: typeof LEGACY_STATUS_EVENT }> {
  return webhook.event === LEGACY_STATUS_EVENT;
}

/**
 * What a Recall.ai status change means for the job, from its status and sub-code, known or not:
 * a status that is not final is `running`, a final one without a sub-code `ended`; a known
 * sub-code answers as its row, an unknown one as the unknown-code rules place it; a status this
 * version does not know (or `null`) is `unknown`.
 */
export function outcome(status: string | null, subCode: string | null): Outcome {
  if (status === null || !isRecallBotStatus(status)) {
    return { outcome: "unknown" };
  }
  const facts = RecallBotStatus[status];
  if (!facts.terminal) {
    return { outcome: "running" };
  }
  if (!facts.has_sub_code) {
    return { outcome: "ended" };
  }
  const raw = typeof subCode === "string" ? subCode : "";
  if (isRecallSubCode(raw)) {
    return ofRow(raw, { by: "row" });
  }
  const placed = placeUnknownSubCode(raw, status);
  if (placed === null) {
    return { outcome: "unknown" };
  }
  const mappedBy = mappedByOfPlaced(placed);
  switch (placed.kind) {
    case "row":
      return ofRow(placed.row, mappedBy);
    case "named":
      return placed.code.table === "recall.sub_code" && isRecallSubCode(placed.code.code)
        ? ofRow(placed.code.code, mappedBy)
        : ofValue(placed.value, mappedBy);
    case "value":
      return ofValue(placed.value, mappedBy);
  }
}

// ---------------------------------------------------------------------------------------------
// Retry-After.
// ---------------------------------------------------------------------------------------------

const U64_MAX = (1n << 64n) - 1n;

/** Why a `Retry-After` value was ignored. */
export type RetryAfterError = "negative" | "past_date" | "malformed";

/** The server's `Retry-After`, read: absent (or `0`), a wait in seconds, or ignored. */
export type RetryAfter =
  | { readonly kind: "absent" }
  | { readonly kind: "after"; readonly secs: bigint }
  | { readonly kind: "ignored"; readonly reason: RetryAfterError };

/** A count as an unsigned 64-bit integer: negative, fractional or odd input is clamped. */
function u64(value: bigint | number): bigint {
  if (typeof value === "bigint") {
    return value < 0n ? 0n : value > U64_MAX ? U64_MAX : value;
  }
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
    return 0n;
  }
  if (!Number.isFinite(value)) {
    return U64_MAX;
  }
  const whole = BigInt(Math.floor(value));
  return whole > U64_MAX ? U64_MAX : whole;
}

/**
 * Entropy as an unsigned 64-bit integer: an integer (`bigint` or `number`) wraps modulo 2^64, as a
 * random 64-bit word should; a fraction in [0, 1) (`Math.random()`) is scaled to 53 bits, so that
 * jitter stays jitter; anything else is 0.
 */
function entropyOf(value: bigint | number): bigint {
  if (typeof value === "bigint") {
    return BigInt.asUintN(64, value);
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return 0n;
  }
  if (value >= 0 && value < 1) {
    return BigInt(Math.floor(value * 2 ** 53));
  }
  return BigInt.asUintN(64, BigInt(Math.floor(value)));
}

/** A count as an unsigned 32-bit integer, clamped. */
function u32(value: number): number {
  if (typeof value !== "number" || Number.isNaN(value) || value <= 0) {
    return 0;
  }
  return Math.min(Math.floor(value), 0xffffffff);
}

/**
 * Reads a `Retry-After` value: delay-seconds (`120`) or an HTTP-date (IMF-fixdate, RFC 850 or
 * asctime), given the current time in seconds since the Unix epoch. `0` counts as absent;
 * values too large to count saturate at 2^64 - 1.
 */
export function parseRetryAfter(value: string | null | undefined, nowUnixSecs: bigint | number): RetryAfter {
  if (typeof value !== "string") {
    return { kind: "absent" };
  }
  let start = 0;
  let end = value.length;
  while (start < end && (value[start] === " " || value[start] === "\t")) {
    start++;
  }
  while (end > start && (value[end - 1] === " " || value[end - 1] === "\t")) {
    end--;
  }
  const trimmed = value.slice(start, end);
  if (trimmed === "") {
    return { kind: "ignored", reason: "malformed" };
  }
  const bytes = utf8(trimmed);
  if (bytes.every(isDigit)) {
    let secs = 0n;
    for (const b of bytes) {
      secs = secs * 10n + BigInt(b - 0x30);
      if (secs > U64_MAX) {
        secs = U64_MAX;
      }
    }
    return secs === 0n ? { kind: "absent" } : { kind: "after", secs };
  }
  if (bytes[0] === 0x2d && bytes.length > 1 && bytes.subarray(1).every(isDigit)) {
    return { kind: "ignored", reason: "negative" };
  }
  const now = u64(nowUnixSecs);
  const at = httpDate(bytes, now);
  if (at === null) {
    return { kind: "ignored", reason: "malformed" };
  }
  const ahead = at - now;
  if (ahead <= 0n) {
    return { kind: "ignored", reason: "past_date" };
  }
  return { kind: "after", secs: ahead > U64_MAX ? U64_MAX : ahead };
}

const SHORT_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const LONG_WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Where `b[from..to]` stands in `names`, from 0; names are case-sensitive. */
function indexOf(names: readonly string[], b: Uint8Array, from: number, to: number): number | null {
  const name = key(b, from, to);
  const index = names.indexOf(name);
  return index < 0 ? null : index;
}

/** The number the ASCII digits `b[from..to]` write, or `null`. */
function digits(b: Uint8Array, from: number, to: number): bigint | null {
  let n = 0n;
  for (let at = from; at < to; at++) {
    const d = byteAt(b, at);
    if (!isDigit(d)) {
      return null;
    }
    n = n * 10n + BigInt(d - 0x30);
  }
  return n;
}

function divEuclid(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b < 0n ? (b > 0n ? q - 1n : q + 1n) : q;
}

function remEuclid(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r < 0n ? r + (b < 0n ? -b : b) : r;
}

/** A calendar date and time of day, as written. */
interface Written {
  readonly year: bigint;
  readonly month: number;
  readonly day: number;
  readonly seconds: bigint;
}

/** Seconds since the Unix epoch of an HTTP-date, by RFC 9110 §5.6.7's grammar exactly. */
function httpDate(b: Uint8Array, now: bigint): bigint | null {
  if (b.length < 3) {
    return null;
  }
  const weekday = indexOf(SHORT_WEEKDAYS, b, 0, 3);
  if (weekday === null) {
    return rfc850(b, now);
  }
  if (b.length < 4) {
    return null;
  }
  let date: Written | null;
  if (b[3] === 0x2c) {
    date = imfFixdate(b, 4);
  } else if (b[3] === 0x20) {
    date = asctime(b, 4);
  } else {
    return rfc850(b, now);
  }
  return date === null ? null : dated(weekday, date);
}

/** The instant of a written date whose weekday is `weekday` (0 for Sunday). */
function dated(weekday: number, date: Written): bigint | null {
  const days = daysFromCivil(date.year, date.month, date.day);
  if (days === null || remEuclid(days, 7n) !== BigInt((weekday + 3) % 7)) {
    return null;
  }
  return days * 86_400n + date.seconds;
}

/** `SP 06 SP Nov SP 1994 SP 08:49:37 SP GMT`, from `at`. */
function imfFixdate(b: Uint8Array, at: number): Written | null {
  if (
    b.length - at < 13 ||
    b[at] !== 0x20 ||
    b[at + 3] !== 0x20 ||
    b[at + 7] !== 0x20 ||
    b[at + 12] !== 0x20
  ) {
    return null;
  }
  const time = timeOfDay(b, at + 13);
  if (time === null || key(b, time.rest) !== " GMT") {
    return null;
  }
  const year = digits(b, at + 8, at + 12);
  const month = indexOf(MONTHS, b, at + 4, at + 7);
  const day = digits(b, at + 1, at + 3);
  if (year === null || month === null || day === null) {
    return null;
  }
  return { year, month: month + 1, day: Number(day), seconds: time.seconds };
}

/** `Nov SP ( 2DIGIT / SP DIGIT ) SP 08:49:37 SP 1994`, from `at`. */
function asctime(b: Uint8Array, at: number): Written | null {
  if (b.length - at < 7 || b[at + 3] !== 0x20 || b[at + 6] !== 0x20) {
    return null;
  }
  const day = b[at + 4] === 0x20 ? digits(b, at + 5, at + 6) : digits(b, at + 4, at + 6);
  if (day === null) {
    return null;
  }
  const time = timeOfDay(b, at + 7);
  if (time === null || b.length - time.rest !== 5 || b[time.rest] !== 0x20) {
    return null;
  }
  const year = digits(b, time.rest + 1, time.rest + 5);
  const month = indexOf(MONTHS, b, at, at + 3);
  if (year === null || month === null) {
    return null;
  }
  return { year, month: month + 1, day: Number(day), seconds: time.seconds };
}

/** `Sunday, 06-Nov-94 08:49:37 GMT`; `now` places the two-digit year (RFC 9110 §5.6.7). */
function rfc850(b: Uint8Array, now: bigint): bigint | null {
  const comma = b.indexOf(0x2c);
  if (comma < 0) {
    return null;
  }
  const weekday = indexOf(LONG_WEEKDAYS, b, 0, comma);
  if (weekday === null) {
    return null;
  }
  const at = comma + 1;
  if (
    b.length - at < 11 ||
    b[at] !== 0x20 ||
    b[at + 3] !== 0x2d ||
    b[at + 7] !== 0x2d ||
    b[at + 10] !== 0x20
  ) {
    return null;
  }
  const time = timeOfDay(b, at + 11);
  if (time === null || key(b, time.rest) !== " GMT") {
    return null;
  }
  const thisYear = yearOfDay(divEuclid(now, 86_400n));
  const twoDigits = digits(b, at + 8, at + 10);
  const month = indexOf(MONTHS, b, at + 4, at + 7);
  const day = digits(b, at + 1, at + 3);
  if (twoDigits === null || month === null || day === null) {
    return null;
  }
  let year = thisYear - remEuclid(thisYear, 100n) + twoDigits;
  const fiftyYears = (50n * 146_097n * 86_400n) / 400n;
  const days = daysFromCivil(year, month + 1, Number(day));
  if (days === null) {
    return null;
  }
  if (days * 86_400n + time.seconds > now + fiftyYears) {
    year -= 100n;
  }
  return dated(weekday, { year, month: month + 1, day: Number(day), seconds: time.seconds });
}

/** `08:49:37` from `at`, as seconds into the day (a leap second allowed), and where it ends. */
function timeOfDay(b: Uint8Array, at: number): { seconds: bigint; rest: number } | null {
  if (b.length - at < 8 || b[at + 2] !== 0x3a || b[at + 5] !== 0x3a) {
    return null;
  }
  const hour = digits(b, at, at + 2);
  const minute = digits(b, at + 3, at + 5);
  const second = digits(b, at + 6, at + 8);
  if (hour === null || minute === null || second === null || hour > 23n || minute > 59n || second > 60n) {
    return null;
  }
  return { seconds: hour * 3_600n + minute * 60n + second, rest: at + 8 };
}

/** The proleptic Gregorian year of a day counted from 1970-01-01. */
function yearOfDay(days: bigint): bigint {
  const z = days + 719_468n;
  const era = divEuclid(z, 146_097n);
  const doe = remEuclid(z, 146_097n);
  const yoe = (doe - doe / 1460n + doe / 36_524n - doe / 146_096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const year = yoe + era * 400n;
  return mp >= 10n ? year + 1n : year;
}

/** Days since 1970-01-01 of a proleptic Gregorian date, `null` for a date that does not exist. */
function daysFromCivil(year: bigint, month: number, day: number): bigint | null {
  const leap = year % 4n === 0n && (year % 100n !== 0n || year % 400n === 0n);
  const length = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day === 0 || day > length) {
    return null;
  }
  const y = month <= 2 ? year - 1n : year;
  const era = divEuclid(y, 400n);
  const yoe = remEuclid(y, 400n);
  const mp = BigInt((month + 9) % 12);
  const doy = (153n * mp + 2n) / 5n + BigInt(day) - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146_097n + doe - 719_468n;
}

// ---------------------------------------------------------------------------------------------
// Retry decisions.
// ---------------------------------------------------------------------------------------------

/** How the delay of a computed backoff is randomised. */
export type Jitter = "none" | "full" | "equal";

/** The knobs of the retry arithmetic. */
export interface RetryPolicy {
  /** The first backoff delay, in milliseconds; attempt `n` waits `base * 2^(n-1)` before jitter. */
  readonly baseMs: number | bigint;
  /** The longest wait accepted, in milliseconds: a backoff is cut to it, a longer asked wait stops. */
  readonly capMs: number | bigint;
  /** The number of attempts in all, the first included. */
  readonly maxAttempts: number;
  /** How computed backoff delays are randomised; a server's `Retry-After` never is. */
  readonly jitter: Jitter;
}

/** One second base, five minutes cap, five attempts, full jitter. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  baseMs: 1000,
  capMs: 300_000,
  maxAttempts: 5,
  jitter: "full",
});

/** What to do after a failed attempt. */
export type Decision =
  | { readonly kind: "retry"; readonly delayNs: bigint }
  | { readonly kind: "do_not_retry"; readonly reason: "not_retryable" | "attempts_exhausted" }
  | { readonly kind: "do_not_retry"; readonly reason: "wait_too_long"; readonly waitSecs: bigint }
  | { readonly kind: "after_user_action"; readonly action: string };

const NANOS_PER_MS = 1_000_000n;
const NANOS_PER_SEC = 1_000_000_000n;

/** A number in `0..=bound` from the caller's entropy, spread by a 64-bit mixer. */
function draw(entropy: bigint, bound: bigint): bigint {
  let z = BigInt.asUintN(64, entropy + 0x9e37_79b9_7f4a_7c15n);
  z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58_476d_1ce4_e5b9n);
  z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d0_49bb_1331_11ebn);
  z ^= z >> 31n;
  return bound === U64_MAX ? z : z % (bound + 1n);
}

/** The jittered exponential delay after `attempt` failed attempts, capped, in nanoseconds. */
export function backoff(policy: RetryPolicy, attempt: number, entropy: bigint | number): bigint {
  policy = policy ?? DEFAULT_RETRY_POLICY;
  const base = u64(policy.baseMs) * NANOS_PER_MS;
  const cap = u64(policy.capMs) * NANOS_PER_MS;
  const exponent = Math.max(u32(attempt) - 1, 0);
  const exact = exponent > 31 ? cap : base * (1n << BigInt(exponent));
  const full = exact < cap ? exact : cap;
  const nanos = full > U64_MAX ? U64_MAX : full;
  const seed = entropyOf(entropy);
  switch (policy.jitter) {
    case "full":
      return draw(seed, nanos);
    case "equal":
      return nanos / 2n + draw(seed, nanos - nanos / 2n);
    default:
      return full;
  }
}

/**
 * The decision for a retry class (with its delay in seconds, where it carries one) after
 * `attempt` attempts; `action` is what an `after_user_action` decision says. A server's
 * `Retry-After` and a class's own delay are honoured exactly, never shortened: past the policy's
 * cap the decision is to stop (`wait_too_long`). Only a computed backoff is cut to the cap.
 */
export function decide(
  retry: RetryClass,
  retryDelayS: number | null,
  action: string,
  attempt: number,
  hint: RetryAfter,
  policy: RetryPolicy,
  entropy: bigint | number,
): Decision {
  policy = policy ?? DEFAULT_RETRY_POLICY;
  hint = hint ?? { kind: "absent" };
  const cap = u64(policy.capMs) * NANOS_PER_MS;
  const exactly = (delay: bigint): Decision =>
    delay > cap
      ? { kind: "do_not_retry", reason: "wait_too_long", waitSecs: delay / NANOS_PER_SEC }
      : { kind: "retry", delayNs: delay };
  if (retry === "never") {
    return { kind: "do_not_retry", reason: "not_retryable" };
  }
  if (retry === "user_action") {
    return { kind: "after_user_action", action };
  }
  const tries = u32(attempt);
  const allowed =
    retry === "once" ? tries < 2 && u32(policy.maxAttempts) >= 2 : tries < u32(policy.maxAttempts);
  if (!allowed) {
    return { kind: "do_not_retry", reason: "attempts_exhausted" };
  }
  if (hint.kind === "after") {
    return exactly(hint.secs * NANOS_PER_SEC);
  }
  if (retryDelayS !== null && (retry === "delay" || retry === "once" || retry === "retry_after")) {
    return exactly(BigInt(u32(retryDelayS)) * NANOS_PER_SEC);
  }
  return { kind: "retry", delayNs: backoff(policy, tries, entropy) };
}

// ---------------------------------------------------------------------------------------------
// Recall.ai error responses.
// ---------------------------------------------------------------------------------------------

/** A field of an error object that was there but could not be read. */
export type UnreadableField = "code" | "detail" | "message";

/**
 * The body of a Recall.ai error response, read whatever it is: nothing, a JSON object (its
 * `code`, known or not, and `detail`, else `message`), the firewall's blocked page, text, or
 * anything else kept as its bytes.
 */
export type ErrorBody =
  | { readonly kind: "empty" }
  | {
      readonly kind: "json";
      /** The `code`, known or not, as the server sent it. */
      readonly code: string | null;
      /** The `detail`, else the `message`. */
      readonly detail: string | null;
      /** The fields that were there but could not be read, in the order code, detail, message. */
      readonly unreadable: readonly UnreadableField[];
    }
  | { readonly kind: "blocked_page" }
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "raw"; readonly bytes: Uint8Array };

/** The members of an error object the reader keeps: each raw, or only noted as there. */
interface Member {
  readonly key: string;
  readonly skipped: boolean;
}

const MEMBERS: readonly Member[] = [
  { key: "code", skipped: false },
  { key: "detail", skipped: false },
  { key: "message", skipped: false },
];

const CODE_ONLY: readonly Member[] = [
  { key: "code", skipped: false },
  { key: "detail", skipped: true },
  { key: "message", skipped: true },
];

/** What one pass over an object read: each member's raw JSON (the first), and which came twice. */
interface Read {
  readonly values: (Uint8Array | null)[];
  readonly twice: boolean[];
}

/** Why a pass failed: a raw value that is not UTF-8, or anything else that is not JSON. */
type NotJson = "invalid_unicode" | "syntax";

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function isHex(b: number): boolean {
  return isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

/** What each one-letter escape of a JSON string (`\n`, ...) stands for, by the letter's byte. */
const ESCAPES: ReadonlyMap<number, number> = new Map([
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x2f, 0x2f],
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
]);

/** A strict JSON reader of bytes, as serde_json reads a slice. */
class JsonReader {
  at = 0;

  constructor(readonly b: Uint8Array) {}

  peek(): number {
    return byteAt(this.b, this.at);
  }

  /** Skips white space; the byte after it, or -1 at the end. */
  ws(): number {
    while (isSpace(this.peek())) {
      this.at++;
    }
    return this.peek();
  }

  /** Four hex digits after `\u`; their value, or `null`. */
  hex4(): number | null {
    if (this.at + 4 > this.b.length) {
      return null;
    }
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const d = byteAt(this.b, this.at + k);
      if (!isHex(d)) {
        return null;
      }
      n = n * 16 + (isDigit(d) ? d - 0x30 : (d | 0x20) - 0x57);
    }
    this.at += 4;
    return n;
  }

  /** The rest of a string skipped (after its `"`): control characters refused. */
  ignoreString(): boolean {
    for (;;) {
      const c = this.peek();
      if (c < 0) {
        return false;
      }
      this.at++;
      if (c === 0x22) {
        return true;
      }
      if (c === 0x5c) {
        const e = this.peek();
        this.at++;
        if (e === 0x75) {
          if (this.hex4() === null) {
            return false;
          }
        } else if (!ESCAPES.has(e)) {
          return false;
        }
      } else if (c < 0x20) {
        return false;
      }
    }
  }

  /**
   * The rest of a key (after its `"`), its escapes decoded to bytes: control characters pass,
   * and a lone surrogate is kept, as serde_json reads a key as bytes. `null` when it is no string.
   */
  rawKey(): number[] | null {
    const out: number[] = [];
    for (;;) {
      const c = this.peek();
      if (c < 0) {
        return null;
      }
      this.at++;
      if (c === 0x22) {
        return out;
      }
      if (c !== 0x5c) {
        out.push(c);
        continue;
      }
      if (!this.escape(out)) {
        return null;
      }
    }
  }

  /** One escape of a key (after its `\`), its bytes pushed to `out`. */
  escape(out: number[]): boolean {
    const e = this.peek();
    this.at++;
    const plain = ESCAPES.get(e);
    if (plain !== undefined) {
      out.push(plain);
      return true;
    }
    if (e !== 0x75) {
      return false;
    }
    let n = this.hex4();
    if (n === null) {
      return false;
    }
    for (;;) {
      if (n < 0xd800 || n > 0xdbff) {
        pushWtf8(out, n);
        return true;
      }
      const lead = n;
      if (this.peek() < 0) {
        return false;
      }
      if (this.peek() !== 0x5c) {
        pushWtf8(out, lead);
        return true;
      }
      this.at++;
      if (this.peek() < 0) {
        return false;
      }
      if (this.peek() !== 0x75) {
        pushWtf8(out, lead);
        return this.escape(out);
      }
      this.at++;
      const trail = this.hex4();
      if (trail === null) {
        return false;
      }
      if (trail < 0xdc00 || trail > 0xdfff) {
        pushWtf8(out, lead);
        n = trail;
        continue;
      }
      pushWtf8(out, 0x10000 + ((lead - 0xd800) << 10) + (trail - 0xdc00));
      return true;
    }
  }

  ident(word: string): boolean {
    for (let k = 0; k < word.length; k++) {
      if (this.peek() !== word.charCodeAt(k)) {
        return false;
      }
      this.at++;
    }
    return true;
  }

  number(): boolean {
    if (this.peek() === 0x2d) {
      this.at++;
    }
    const first = this.peek();
    if (first === 0x30) {
      this.at++;
      if (isDigit(this.peek())) {
        return false;
      }
    } else if (isDigit(first)) {
      while (isDigit(this.peek())) {
        this.at++;
      }
    } else {
      return false;
    }
    if (this.peek() === 0x2e) {
      this.at++;
      if (!isDigit(this.peek())) {
        return false;
      }
      while (isDigit(this.peek())) {
        this.at++;
      }
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.at++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) {
        this.at++;
      }
      if (!isDigit(this.peek())) {
        return false;
      }
      while (isDigit(this.peek())) {
        this.at++;
      }
    }
    return true;
  }

  /** One value skipped, however deep, without recursion; `false` where it is no JSON. */
  ignoreValue(): boolean {
    const frames: number[] = [];
    for (;;) {
      const c = this.ws();
      let opened = false;
      if (c === 0x6e) {
        this.at++;
        if (!this.ident("ull")) return false;
      } else if (c === 0x74) {
        this.at++;
        if (!this.ident("rue")) return false;
      } else if (c === 0x66) {
        this.at++;
        if (!this.ident("alse")) return false;
      } else if (c === 0x2d || isDigit(c)) {
        if (!this.number()) return false;
      } else if (c === 0x22) {
        this.at++;
        if (!this.ignoreString()) return false;
      } else if (c === 0x5b || c === 0x7b) {
        this.at++;
        frames.push(c);
        opened = true;
      } else {
        return false;
      }
      let acceptComma = !opened;
      for (;;) {
        const frame = frames[frames.length - 1];
        if (frame === undefined) {
          return true;
        }
        const d = this.ws();
        if (d === 0x2c && acceptComma) {
          this.at++;
          break;
        }
        if ((d === 0x5d && frame === 0x5b) || (d === 0x7d && frame === 0x7b)) {
          this.at++;
          frames.pop();
          acceptComma = true;
          continue;
        }
        if (d < 0 || acceptComma) {
          return false;
        }
        break;
      }
      if (frames[frames.length - 1] === 0x7b) {
        if (this.ws() !== 0x22) return false;
        this.at++;
        if (!this.ignoreString()) return false;
        if (this.ws() !== 0x3a) return false;
        this.at++;
      }
    }
  }

  /** The end of the document: only white space may follow. */
  end(): boolean {
    return this.ws() < 0;
  }
}

/** Appends the WTF-8 bytes of a code point (a surrogate included). */
function pushWtf8(out: number[], n: number): void {
  if (n < 0x80) {
    out.push(n);
  } else if (n < 0x800) {
    out.push(0xc0 | (n >> 6), 0x80 | (n & 0x3f));
  } else if (n < 0x10000) {
    out.push(0xe0 | (n >> 12), 0x80 | ((n >> 6) & 0x3f), 0x80 | (n & 0x3f));
  } else {
    out.push(0xf0 | (n >> 18), 0x80 | ((n >> 12) & 0x3f), 0x80 | ((n >> 6) & 0x3f), 0x80 | (n & 0x3f));
  }
}

/** Reads an object's members in one pass, as the crate's decoder does over serde_json. */
function readObject(body: Uint8Array, members: readonly Member[]): Read | NotJson {
  const json = new JsonReader(body);
  const read: Read = { values: members.map(() => null), twice: members.map(() => false) };
  if (json.ws() !== 0x7b) {
    return "syntax";
  }
  json.at++;
  let first = true;
  for (;;) {
    const c = json.ws();
    if (c < 0) {
      return "syntax";
    }
    if (c === 0x7d) {
      json.at++;
      break;
    }
    if (first) {
      first = false;
      if (c !== 0x22) return "syntax";
    } else if (c === 0x2c) {
      json.at++;
      if (json.ws() !== 0x22) return "syntax";
    } else {
      return "syntax";
    }
    json.at++;
    const name = json.rawKey();
    if (name === null) return "syntax";
    if (json.ws() !== 0x3a) return "syntax";
    json.at++;
    const index = members.findIndex(
      (m) => m.key.length === name.length && name.every((b, k) => m.key.charCodeAt(k) === b),
    );
    const member = members[index];
    if (member === undefined) {
      if (!json.ignoreValue()) return "syntax";
      continue;
    }
    if (read.values[index] !== null) {
      read.twice[index] = true;
    }
    if (member.skipped) {
      if (!json.ignoreValue()) return "syntax";
      read.values[index] = EMPTY;
      continue;
    }
    json.ws();
    const start = json.at;
    if (!json.ignoreValue()) return "syntax";
    const raw = body.subarray(start, json.at);
    if (decodeUtf8(raw) === null) {
      return "invalid_unicode";
    }
    read.values[index] ??= raw;
  }
  return json.end() ? read : "syntax";
}

/** A raw JSON value as text: `null` for `null`, `undefined` where it is no string Rust holds. */
function textOf(raw: Uint8Array): string | null | undefined {
  if (raw.length === 4 && key(raw) === "null") {
    return null;
  }
  if (raw.length < 2 || raw[0] !== 0x22 || raw[raw.length - 1] !== 0x22) {
    return undefined;
  }
  const inner = decodeUtf8(raw, 1, raw.length - 1);
  if (inner === null) {
    return undefined;
  }
  if (!inner.includes("\\")) {
    return inner;
  }
  try {
    const value: unknown = JSON.parse(`"${inner}"`);
    return typeof value === "string" && isWellFormed(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `text` has no lone surrogate. */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, RFC 8259's number, and nothing else. */
function isJsonNumber(body: Uint8Array): boolean {
  const json = new JsonReader(body);
  return json.number() && json.at === body.length;
}

/** Whether `body`, which is no object, is one JSON value. */
function isJsonValue(body: Uint8Array): boolean {
  const text = body.length <= 5 ? key(body) : "";
  if (text === "null" || text === "true" || text === "false") {
    return true;
  }
  if (body[0] === 0x22 || body[0] === 0x5b) {
    const json = new JsonReader(body);
    return json.ignoreValue() && json.end();
  }
  return isJsonNumber(body);
}

/** Whether `body` holds `needle` in any ASCII casing. */
function containsIgnoreAsciiCase(body: Uint8Array, needle: string): boolean {
  const lowered = body.map(toLower);
  const wanted = utf8(needle).map(toLower);
  outer: for (let at = 0; at + wanted.length <= lowered.length; at++) {
    for (let k = 0; k < wanted.length; k++) {
      if (lowered[at + k] !== wanted[k]) {
        continue outer;
      }
    }
    return true;
  }
  return wanted.length === 0;
}

/** The firewall's page carries both its heading and its sentence. */
function isBlockedPage(body: Uint8Array): boolean {
  return containsIgnoreAsciiCase(body, "request blocked") && containsIgnoreAsciiCase(body, "403 error");
}

/** An error object: each field read on its own. */
function errorObject(body: Uint8Array, read: Read): ErrorBody {
  if (read.twice[0] === true) {
    // The code twice: which one the server meant is unknown, so none is read.
    return { kind: "raw", bytes: body };
  }
  const unreadable: UnreadableField[] = [];
  const spans = [0, 1, 2].map((i) => (read.twice[i] === true ? undefined : (read.values[i] ?? null)));
  const field = (i: number, name: UnreadableField): string | null => {
    const span = spans[i];
    if (span === undefined) {
      unreadable.push(name);
      return null;
    }
    if (span === null) {
      return null;
    }
    const text = textOf(span);
    if (text === undefined) {
      unreadable.push(name);
      return null;
    }
    return text;
  };
  const code = field(0, "code");
  const detail = field(1, "detail");
  const message = field(2, "message");
  const order: readonly UnreadableField[] = ["code", "detail", "message"];
  return {
    kind: "json",
    code,
    detail: detail ?? message,
    unreadable: order.filter((name) => unreadable.includes(name)),
  };
}

/** An error object whose text is not all UTF-8: its `code` read, if it is. */
function codeOnly(object: Uint8Array): ErrorBody | null {
  const read = readObject(object, CODE_ONLY);
  if (typeof read === "string" || read.twice[0] === true) {
    return null;
  }
  const unreadable: UnreadableField[] = [];
  const span = read.values[0] ?? null;
  let code: string | null = null;
  if (span !== null) {
    const text = textOf(span);
    if (text === undefined) {
      unreadable.push("code");
    } else {
      code = text;
    }
  }
  if (read.values[1] !== null) unreadable.push("detail");
  if (read.values[2] !== null) unreadable.push("message");
  return { kind: "json", code, detail: null, unreadable };
}

/**
 * Reads a response body (a string is read as its UTF-8 bytes). A leading byte-order mark is
 * skipped; reading never fails: what is not an error object is kept as it came.
 */
export function parseErrorBody(body: string | Uint8Array | ArrayBuffer): ErrorBody {
  const bytes =
    typeof body === "string"
      ? utf8(body)
      : body instanceof Uint8Array
        ? body
        : body instanceof ArrayBuffer
          ? new Uint8Array(body)
          : EMPTY;
  const marked = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const unmarked = marked ? bytes.subarray(3) : bytes;
  let start = 0;
  while (start < unmarked.length && isSpace(byteAt(unmarked, start))) {
    start++;
  }
  let end = unmarked.length;
  while (end > start && isSpace(byteAt(unmarked, end - 1))) {
    end--;
  }
  const trimmed = unmarked.subarray(start, end);
  if (trimmed.length === 0) {
    return { kind: "empty" };
  }
  if (trimmed[0] === 0x7b) {
    const read = readObject(trimmed, MEMBERS);
    if (typeof read !== "string") {
      return errorObject(bytes, read);
    }
    if (read === "invalid_unicode") {
      const json = codeOnly(trimmed);
      if (json !== null) {
        return json;
      }
    }
  } else if (isJsonValue(trimmed)) {
    // JSON, but no error object: kept as it came.
    return { kind: "raw", bytes };
  }
  if (trimmed[0] === 0x3c && isBlockedPage(trimmed)) {
    return { kind: "blocked_page" };
  }
  const text = decodeUtf8(trimmed);
  return text === null ? { kind: "raw", bytes } : { kind: "text", text };
}

/** The known cause that a detail text is, or contains in any ASCII casing. */
export function findCause(detail: string): RecallErrorCause | null {
  if (typeof detail !== "string") {
    return null;
  }
  const causes = Object.keys(RecallErrorCause) as RecallErrorCause[];
  const exact = causes.find((cause) => RecallErrorCause[cause].message === detail);
  if (exact !== undefined) {
    return exact;
  }
  const lowered = asciiLower(detail);
  return causes.find((cause) => lowered.includes(asciiLower(RecallErrorCause[cause].message))) ?? null;
}

/** A Recall.ai error response, classified: its code decides the retry, then its cause, then its status. */
export interface RecallError {
  /** The HTTP status. */
  readonly status: number;
  /** The server's `Retry-After`, read. */
  readonly retryAfter: RetryAfter;
  /** The body, as it was read. */
  readonly body: ErrorBody;
  /** The body's code, known or not: the JSON `code`, or `request_blocked` for the firewall's page. */
  readonly code: string | null;
  /** The code, when it is a known `RecallErrorCode`. */
  readonly knownCode: RecallErrorCode | null;
  /** The human-readable detail: the JSON `detail` (else `message`), or a text body. */
  readonly detail: string | null;
  /** The known cause the detail names. */
  readonly cause: RecallErrorCause | null;
  /** How to retry. */
  readonly retryClass: RetryClass;
  /** The number the retry class carries (its delay in seconds), or `null`. */
  readonly retryDelayS: number | null;
  /** What to do about the error. */
  readonly action: string;
  /** The retry decision after `attempt` attempts, the failed one included. */
  decide(attempt: number, policy: RetryPolicy, entropy: bigint | number): Decision;
}

/** What to do about an error that no known code, cause or status explains. */
const DEFAULT_ACTION = "Read the status and body, and fix the request.";

/**
 * Classifies a Recall.ai error response from its status, its `Retry-After` (read with
 * `parseRetryAfter`) and its body. Never fails.
 */
export function classify(
  status: number,
  retryAfter: RetryAfter,
  body: string | Uint8Array | ArrayBuffer,
): RecallError {
  const read = parseErrorBody(body);
  const code = read.kind === "json" ? read.code : read.kind === "blocked_page" ? "request_blocked" : null;
  const knownCode = isRecallErrorCode(code) ? code : null;
  const detail = read.kind === "json" ? read.detail : read.kind === "text" ? read.text : null;
  const cause = detail === null ? null : findCause(detail);
  const statusCode = String(status);
  const knownStatus =
    Number.isInteger(status) && status >= 0 && status <= 0xffff && Object.hasOwn(RecallHttpStatus, statusCode)
      ? RecallHttpStatus[statusCode as RecallHttpStatus]
      : null;
  const known =
    knownCode !== null ? RecallErrorCode[knownCode] : cause !== null ? RecallErrorCause[cause] : knownStatus;
  const retryClass: RetryClass = known?.retry ?? (status >= 500 && status < 600 ? "backoff" : "never");
  const retryDelayS = known?.retry_delay_s ?? null;
  const action = known?.action ?? DEFAULT_ACTION;
  return {
    status,
    retryAfter,
    body: read,
    code,
    knownCode,
    detail,
    cause,
    retryClass,
    retryDelayS,
    action,
    decide(attempt: number, policy: RetryPolicy, entropy: bigint | number): Decision {
      return decide(retryClass, retryDelayS, action, attempt, retryAfter, policy, entropy);
    },
  };
}
