// Must not type-check: a job.failed envelope of a version that does not exist.
import type { MeetbotJobFailed } from "../generated/taxonomy.js";

export const event: MeetbotJobFailed = {
  deliveryId: "dlv_1",
  event: "job.failed",
  emittedAt: "2026-05-09T14:00:00.000Z",
  attempt: 1,
  version: 3,
  data: { jobId: "job_1", status: "failed", failure_code: "host_denied_admission", failure_detail: "denied" },
};
