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

/// The same body with every string borrowed: the least a typed serde_json decoder can do, with
/// no tolerance (a lone surrogate or a wrong type refuses the whole body).
#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct BorrowedJobFailed<'a> {
    #[serde(rename = "deliveryId")]
    delivery_id: &'a str,
    event: &'a str,
    #[serde(rename = "emittedAt")]
    emitted_at: &'a str,
    attempt: u32,
    version: u8,
    #[serde(borrow)]
    data: BorrowedData<'a>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct BorrowedData<'a> {
    #[serde(rename = "jobId")]
    job_id: &'a str,
    status: &'a str,
    failure_code: &'a str,
    failure_detail: &'a str,
    failure_reason: &'a str,
}

/// Every field lent as raw JSON: what the one pass of the crate's decoders keeps.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct RawJobFailed<'a> {
    #[serde(rename = "deliveryId", borrow)]
    delivery_id: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    event: &'a serde_json::value::RawValue,
    #[serde(rename = "emittedAt", borrow)]
    emitted_at: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    attempt: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    version: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    data: RawData<'a>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
pub struct RawData<'a> {
    #[serde(rename = "jobId", borrow)]
    job_id: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    status: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    failure_code: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    failure_detail: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    failure_reason: &'a serde_json::value::RawValue,
}
