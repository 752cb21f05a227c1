//! Decoding, each group with its baselines measured in the same run: serde_json's `IgnoredAny`
//! (the floor: reading the JSON and keeping nothing) and an owned-`String` struct; for reading
//! a v1 `failure_reason`, a plain split into words (the floor of any reading by words).
//!
//! `cargo bench --bench wire`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use error_taxonomy::MAX_TEXT;
use error_taxonomy::meetbot::{FailureCode, JobFailed};
use error_taxonomy::recall::{History, StatusWebhook, classify};
use error_taxonomy::retry::RetryAfter;
use serde::de::IgnoredAny;

const JOB_FAILED_V2: &[u8] = include_bytes!("../tests/data/job_failed_v2.json");
const RECALL_CURRENT: &[u8] = include_bytes!("../tests/data/recall_current.json");
const RECALL_LEGACY: &[u8] = include_bytes!("../tests/data/recall_legacy.json");
const RECALL_403: &[u8] = include_bytes!("../tests/data/recall_403.html");
const RECALL_400: &[u8] = include_bytes!("../tests/data/recall_400.json");

#[path = "../tests/support/owned.rs"]
mod owned;
use owned::{BorrowedJobFailed, OwnedJobFailed, RawJobFailed};
#[path = "../tests/support/history.rs"]
mod changes;

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
    group.bench_function("borrowed_strs_one_utf8_check", |b| {
        b.iter(|| {
            let text = std::str::from_utf8(black_box(JOB_FAILED_V2)).ok()?;
            serde_json::from_str::<BorrowedJobFailed>(text).ok()
        })
    });
    group.bench_function("raw_values_one_utf8_check", |b| {
        b.iter(|| {
            let text = std::str::from_utf8(black_box(JOB_FAILED_V2)).ok()?;
            serde_json::from_str::<RawJobFailed>(text).ok()
        })
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

/// `len` bytes of the labelled corpus's reasons, one after another: text with many phrases.
fn reasons(len: usize) -> String {
    reasons_where(len, |_| true)
}

/// `len` bytes of the labelled corpus's reasons that `keep`, one after another.
fn reasons_where(len: usize, keep: impl Fn(&str) -> bool) -> String {
    let corpus = include_str!("../tests/data/corpus/v1_reasons.tsv");
    let lines = corpus
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(_, text)| text)
        .filter(|text| keep(text));
    let mut text = String::with_capacity(len + 256);
    for line in lines.cycle() {
        if text.len() >= len {
            break;
        }
        text.push_str(line);
        text.push_str(". ");
    }
    let mut end = len.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// Reading a v1 reason: the scan over the [`MAX_TEXT`] bytes it reads, and the whole cost of a
/// 1 MiB reason (bounded: what lies past `MAX_TEXT` is not read), in a webhook and alone. A text
/// that mentions a code is read by the rules alone; one that mentions none (no `_`, no digit)
/// is weighed by the learnt word weights too, and costs a second pass.
fn v1_reason(c: &mut Criterion) {
    let window = reasons(MAX_TEXT);
    let no_code = reasons_where(MAX_TEXT, |text| {
        !text.contains('_') && !text.bytes().any(|b| b.is_ascii_digit())
    });
    let mib = reasons(1 << 20);
    let envelope = format!(
        r#"{{"deliveryId": "d", "event": "job.failed", "emittedAt": "t", "attempt": 1,
        "data": {{"jobId": "j", "status": "failed", "failure_reason": "{}"}}}}"#,
        mib.replace('\\', "/").replace('"', "'")
    );
    let mut group = c.benchmark_group("v1_reason");
    group.throughput(Throughput::Bytes(window.len() as u64));
    group.bench_function("split_words_floor_64k", |b| {
        b.iter(|| {
            black_box(&window)
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .count()
        })
    });
    group.bench_function("read_text_64k", |b| {
        b.iter(|| FailureCode::read_text(black_box(&window)).code)
    });
    group.bench_function("read_text_64k_no_code", |b| {
        b.iter(|| FailureCode::read_text(black_box(&no_code)).code)
    });
    // Hostile: a question mark every other byte, each looked back from once.
    let marks = "? ".repeat(MAX_TEXT / 2);
    group.bench_function("read_text_64k_question_marks", |b| {
        b.iter(|| FailureCode::read_text(black_box(&marks)).code)
    });
    group.throughput(Throughput::Bytes(mib.len() as u64));
    group.bench_function("read_text_1mib", |b| {
        b.iter(|| FailureCode::from_legacy_reason(black_box(&mib)))
    });
    group.throughput(Throughput::Bytes(envelope.len() as u64));
    group.bench_function("ignored_any_floor_1mib_webhook", |b| {
        b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(envelope.as_bytes())).ok())
    });
    group.bench_function("job_failed_v1_1mib_webhook", |b| {
        b.iter(|| {
            JobFailed::from_json(black_box(envelope.as_bytes()))
                .ok()
                .and_then(|event| event.failure_code().and_then(|code| code.known()))
        })
    });
    group.finish();
}

/// A bot's history of unknown codes read to its verdict, at ten times the changes: the time per
/// change stays flat when the reading is linear.
fn history(c: &mut Criterion) {
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    for n in [100_000, 1_000_000] {
        let body = changes::unknown_changes(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("ignored_any_floor_{n}"), |b| {
            b.iter(|| serde_json::from_slice::<IgnoredAny>(black_box(body.as_bytes())).ok())
        });
        group.bench_function(format!("verdict_{n}"), |b| {
            b.iter(|| {
                History::from_json(black_box(body.as_bytes()), None).map(|h| h.verdict().billed)
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    job_failed,
    status_webhook,
    classify_responses,
    v1_reason,
    history
);
criterion_main!(benches);
