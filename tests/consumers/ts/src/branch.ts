// The seed's "branch on code" handler, against the types generated from the schema: the switch
// must cover every failure code, and the metadata map must have an entry for each.
import type { MeetbotFailureCode, MeetbotJobFailed } from "../generated/taxonomy.js";
import { MeetbotFailureCodeMeta } from "../generated/meta.js";

type Action = "notify_user" | "retry_later" | "page_on_call" | "log" | "finalize";

/** Whether a string from the wire is a code this version knows. */
export function isKnown(code: string): code is MeetbotFailureCode {
  return Object.hasOwn(MeetbotFailureCodeMeta, code);
}

export function branch(code: MeetbotFailureCode): Action {
  switch (code) {
    case "host_denied_admission":
    case "recording_disabled":
    case "meeting_not_found":
      return "notify_user";
    case "waiting_for_host":
    case "lobby_timeout":
    case "dispatch_timeout":
      return "retry_later";
    case "auth_failure":
    case "quota_exceeded":
      return "page_on_call";
    case "internal_error":
      return "log";
    case "removed_from_meeting":
    case "network_loss":
    case "meeting_ended":
      return "finalize";
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export function onJobFailed(event: MeetbotJobFailed): string {
  const code = event.version === 2 ? event.data.failure_code : "internal_error";
  if (!isKnown(code)) {
    return `unknown failure code ${code}: log it and treat it as internal_error`;
  }
  const meta = MeetbotFailureCodeMeta[code];
  const billed: boolean = meta.billing === "recorded_portion";
  const delay: number | null = meta.retryDelayS;
  return `${branch(code)} (${meta.description}; billed: ${billed}; retry: ${meta.retry}, ${delay ?? "-"} s)`;
}
