// A user's handler of meetbot's job.failed, written against the installed package as the seed's
// own handler branches: on the failure code, exhaustively on who must act.
import {
  type Handling,
  MeetbotFailureCode,
  MeetbotFailureCodeUnknown,
  isMeetbotFailureCode,
} from "error-taxonomy-codes";
import { classify, parseRetryAfter, readText } from "error-taxonomy-codes/judgement";

function act(handling: Handling): string {
  switch (handling) {
    case "notify_user":
      return "tell the user";
    case "retry_later":
      return "retry later";
    case "page_on_call":
      return "page on-call";
    case "log":
      return "log";
    case "treat_as_finalized":
      return "finalize";
    default: {
      const never: never = handling;
      return never;
    }
  }
}

function onJobFailed(code: string): string {
  if (!isMeetbotFailureCode(code)) {
    return act(MeetbotFailureCodeUnknown.handling);
  }
  const facts = MeetbotFailureCode[code];
  return `${act(facts.handling)}: ${facts.description} (billing ${facts.billing})`;
}

const answers = [onJobFailed("host_denied_admission"), onJobFailed("a_code_from_tomorrow")];
if (!answers[0].startsWith("tell the user") || answers[1] !== "page on-call") {
  throw new Error(`unexpected answers: ${answers.join(" | ")}`);
}
console.log(answers.join("\n"));

// The rules, as the crate applies them: a legacy free-text reason read into a failure code, and a
// Recall.ai error response classified into a retry decision.
const reading = readText("Host has not joined yet, giving up");
if (reading.code !== "waiting_for_host" || reading.mappedBy.by !== "phrase") {
  throw new Error(`unexpected reading: ${JSON.stringify(reading)}`);
}
const error = classify(409, parseRetryAfter(null, 0), '{"code": "cannot_command_completed_bot"}');
const decision = error.decide(1, { baseMs: 1000, capMs: 300_000, maxAttempts: 5, jitter: "full" }, 0n);
if (error.knownCode !== "cannot_command_completed_bot" || decision.kind !== "do_not_retry") {
  throw new Error(`unexpected decision: ${error.retryClass} ${decision.kind}`);
}
console.log(`${reading.code} (${reading.mappedBy.phrase}); ${error.knownCode}: ${decision.reason}`);
