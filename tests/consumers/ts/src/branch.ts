// The seed's "branch on code" handler, as a TypeScript receiver writes it: the payload types come
// from the schema (json-schema-to-typescript), the codes' facts from bindings/typescript. The
// switch is over the handling groups, so a code added tomorrow needs no new case; it must cover
// every group, and a code this version does not know gets the table's cautious facts.
import type { MeetbotJobFailed, RecallStatusWebhook } from "../generated/taxonomy.js";
import {
  type Handling,
  MeetbotFailureCode,
  MeetbotFailureCodeUnknown,
  isMeetbotFailureCode,
} from "../../../../bindings/typescript/src/index.js";
import { isLegacyStatusWebhook } from "../../../../bindings/typescript/src/judgement.js";

type Action = "tell_the_user" | "retry_later" | "page_on_call" | "log" | "finalize";

export function act(handling: Handling): Action {
  switch (handling) {
    case "notify_user":
      return "tell_the_user";
    case "retry_later":
      return "retry_later";
    case "page_on_call":
      return "page_on_call";
    case "log":
      return "log";
    case "treat_as_finalized":
      return "finalize";
    default: {
      const unreachable: never = handling;
      return unreachable;
    }
  }
}

export function onJobFailed(event: MeetbotJobFailed): string {
  // v1 carries only free text: the crate's reader maps it; this receiver treats it as unknown.
  const code = event.version === 2 ? event.data.failure_code : undefined;
  if (code === undefined || !isMeetbotFailureCode(code)) {
    return `${act(MeetbotFailureCodeUnknown.handling)} (unknown failure code ${code ?? "in v1"})`;
  }
  const facts = MeetbotFailureCode[code];
  const billed: boolean = facts.billing === "recorded_portion";
  const delay: number | null = facts.retry_delay_s;
  return `${act(facts.handling)} (${facts.description}; billed: ${billed}; retry: ${facts.retry}, ${delay ?? "-"} s)`;
}

/**
 * The sub-code of a Recall.ai status webhook of either shape. `event` alone cannot narrow the
 * union (the current shape's is any `bot.<code>`); the binding's guard narrows both branches.
 */
export function subCodeOf(webhook: RecallStatusWebhook): string | null | undefined {
  if (isLegacyStatusWebhook(webhook)) {
    return webhook.data.status.sub_code;
  }
  return webhook.data.data.sub_code;
}
