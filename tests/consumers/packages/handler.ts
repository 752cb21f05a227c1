// A user's handler of meetbot's job.failed, written against the installed package as the seed's
// own handler branches: on the failure code, exhaustively on who must act.
import {
  type Handling,
  MeetbotFailureCode,
  MeetbotFailureCodeUnknown,
  isMeetbotFailureCode,
} from "error-taxonomy-codes";

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
