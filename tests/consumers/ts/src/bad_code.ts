// Must not type-check: a misspelled failure code.
import type { MeetbotFailureCode } from "../generated/taxonomy.js";

export const code: MeetbotFailureCode = "host_denid_admission";
