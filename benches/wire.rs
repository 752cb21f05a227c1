//! Decoding, each group with its baselines measured in the same run: serde_json's `IgnoredAny`
//! (the floor: reading the JSON and keeping nothing) and an owned-`String` struct.
//!
//! `cargo bench --bench wire`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use error_taxonomy::meetbot::JobFailed;
use error_taxonomy::recall::{StatusWebhook, classify};
use error_taxonomy::retry::RetryAfter;
use serde::de::IgnoredAny;

const JOB_FAILED_V2: &[u8] = include_bytes!("../tests/data/job_failed_v2.json");
const RECALL_CURRENT: &[u8] = include_bytes!("../tests/data/recall_current.json");
const RECALL_LEGACY: &[u8] = include_bytes!("../tests/data/recall_legacy.json");
const RECALL_403: &[u8] = include_bytes!("../tests/data/recall_403.html");
const RECALL_400: &[u8] = include_bytes!("../tests/data/recall_400.json");

#[path = "../tests/support/owned.rs"]
mod owned;
use owned::OwnedJobFailed;

fn job_failed(c: &mut Criterion) {
    let mut group = c.benchmark_group("job_failed_v2");
    group.bench_function("ignored_any_floor", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(JOB_FAILED_V2)).ok())
    });
    group.bench_function("job_failed", |b| {
        b.iter(|| JobFailed::from_json(black_box(JOB_FAILED_V2)).ok())
    });
    group.bench_function("owned_strings", |b| {
        b.iter(|| serde_json::from_slice::<OwnedJobFailed>(black_box(JOB_FAILED_V2)).ok())
    });
    group.finish();
}

fn status_webhook(c: &mut Criterion) {
    let mut group = c.benchmark_group("status_webhook");
    group.bench_function("ignored_any_floor", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(RECALL_CURRENT)).ok())
    });
    group.bench_function("current", |b| {
        b.iter(|| StatusWebhook::from_json(black_box(RECALL_CURRENT)).ok())
    });
    group.bench_function("legacy", |b| {
        b.iter(|| StatusWebhook::from_json(black_box(RECALL_LEGACY)).ok())
    });
    group.finish();
}

fn classify_responses(c: &mut Criterion) {
    let mut group = c.benchmark_group("classify");
    group.bench_function("ignored_any_floor_400", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(RECALL_400)).ok())
    });
    group.bench_function("400_json", |b| {
        b.iter(|| classify(400, RetryAfter::Absent, black_box(RECALL_400)).retry_class())
    });
    group.bench_function("429_retry_after", |b| {
        b.iter(|| classify(429, RetryAfter::parse(black_box(Some("7")), 0), b"").retry_class())
    });
    group.bench_function("507_empty", |b| {
        b.iter(|| classify(black_box(507), RetryAfter::Absent, b"").retry_class())
    });
    group.bench_function("403_html", |b| {
        b.iter(|| classify(403, RetryAfter::Absent, black_box(RECALL_403)).retry_class())
    });
    group.finish();
}

criterion_group!(benches, job_failed, status_webhook, classify_responses);
criterion_main!(benches);
