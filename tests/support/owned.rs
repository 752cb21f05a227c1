//! What a hand-written client decodes a `job.failed` v2 body into: every string owned. The
//! baseline of the `job_failed_v2` bench, whose allocations `tests/allocations.rs` counts.

#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct OwnedJobFailed {
    #[serde(rename = "deliveryId")]
    delivery_id: String,
    event: String,
    #[serde(rename = "emittedAt")]
    emitted_at: String,
    attempt: u32,
    version: u8,
    data: OwnedData,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct OwnedData {
    #[serde(rename = "jobId")]
    job_id: String,
    status: String,
    failure_code: String,
    failure_detail: String,
    failure_reason: String,
}
