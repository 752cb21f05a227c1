//! Zero allocation, counted. A counting global allocator with per-thread counters, so that the
//! tests of this binary can run in parallel without seeing each other's allocations.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use error_taxonomy::columns::{FACTS, Value};
use error_taxonomy::meetbot::{FailureCode, JobFailed};
use error_taxonomy::recall::{self, BotStatus, ErrorCode, StatusWebhook, SubCode, classify};
use error_taxonomy::retry::{Decision, RetryAfter, RetryPolicy};
use error_taxonomy::{AnyCode, Code, MappedBy, Open, Table, hiring, lookup};

// `for_every_table!(check)`: `check::<T>()` for the enum of every table.
include!("../src/generated/for_every_table.rs");

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded to the system allocator unchanged; counting touches only a
// const-initialised thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns how many allocations it made on this thread.
fn allocations<R>(f: impl FnOnce() -> R) -> u64 {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    let after = ALLOCATIONS.with(Cell::get);
    drop(result);
    after - before
}

#[test]
fn the_counter_counts() {
    assert_eq!(allocations(|| Vec::<u8>::with_capacity(8)), 1);
    assert_eq!(allocations(|| String::from("x") + "y"), 2);
}

#[test]
fn parse_never_allocates() {
    let long = "x".repeat(4096);
    let upper = "HOST_DENIED_ADMISSION";
    let n = allocations(|| {
        let mut found = 0;
        for table in Table::ALL {
            for code in table.codes() {
                found += usize::from(table.parse(code.as_str()).is_ok());
            }
            found += usize::from(table.parse("no_such_code").is_ok());
            found += usize::from(table.parse(&long).is_ok());
        }
        found += usize::from(FailureCode::parse_ignore_ascii_case(upper).is_ok());
        found += usize::from(SubCode::parse_ignore_ascii_case(&long).is_ok());
        found += usize::from(hiring::ErrorCode::parse_ignore_ascii_case("clock_rejected").is_ok());
        found
    });
    assert_eq!(n, 0);
}

#[test]
fn a_miss_keeps_its_input_without_allocating() {
    let long = "é".repeat(2048);
    let n = allocations(|| {
        let error = SubCode::parse(&long).expect_err("miss");
        assert!(error.is_truncated());
        error.input().len()
    });
    assert_eq!(n, 0);
}

/// Every accessor of every code of `T`, through the column descriptors and the shared facts, so
/// that a column added to the YAML is covered too.
fn every_accessor<T: Code>() -> usize {
    let mut sum = 0;
    for &code in T::ALL {
        let any = code.to_any();
        sum += code.as_str().len() + code.description().len();
        sum += code.deprecation().map_or(0, str::len) + code.override_note().map_or(0, str::len);
        sum += any.table().name().len();
        for (column, value) in any.values() {
            sum += column.name.len() + value.map_or(0, |v| weigh(&v));
        }
        for fact in FACTS {
            sum += any.fact(fact.name).map_or(0, |v| weigh(&v));
        }
    }
    sum
}

/// A number from a value that reads all of it, so that nothing is optimised away.
fn weigh(value: &Value) -> usize {
    match *value {
        Value::Status(status) => usize::from(status),
        Value::Bool(b) => usize::from(b),
        Value::Text(text) => text.len(),
        Value::Phrases(phrases) => phrases.iter().map(|p| p.len()).sum(),
        Value::Term(term) => term.name().len() + term.parameter().map_or(0, |n| n as usize),
        Value::Code(code) => code.as_str().len(),
        _ => 1,
    }
}

#[test]
fn accessors_never_allocate() {
    let n = allocations(|| for_every_table!(every_accessor).into_iter().sum::<usize>());
    assert_eq!(n, 0);
}

#[test]
fn lookup_never_allocates() {
    let n = allocations(|| {
        let found: usize = ["meeting_not_found", "fatal", "429", "nothing", ""]
            .iter()
            .map(|code| lookup(code).count())
            .sum();
        found
            + lookup("meeting_ended")
                .map(AnyCode::as_str)
                .map(str::len)
                .sum::<usize>()
    });
    assert_eq!(n, 0);
}

#[test]
fn classify_never_allocates() {
    let policy = RetryPolicy::default();
    let n = allocations(|| {
        let update = classify(
            400,
            RetryAfter::Absent,
            br#"{"code": "update_bot_failed", "detail": "Not enough time to launch new bot"}"#,
        );
        assert_eq!(update.code(), Some(Open::Known(ErrorCode::UpdateBotFailed)));
        assert!(update.cause().is_some());
        let code_less = classify(
            400,
            RetryAfter::Absent,
            b"Cannot validate partial without join call task",
        );
        assert!(code_less.cause().is_some());
        let limited = classify(429, RetryAfter::parse(Some("7"), 0), b"");
        assert!(matches!(limited.decide(1, &policy, 0), Decision::Retry(_)));
        let pool = classify(507, RetryAfter::Absent, b"");
        assert!(matches!(pool.decide(1, &policy, 0), Decision::Retry(_)));
        let blocked = classify(
            403,
            RetryAfter::Absent,
            include_bytes!("data/recall_403.html"),
        );
        blocked.decide(1, &policy, 0)
    });
    assert_eq!(n, 0);
}

#[test]
fn decoding_the_seed_job_failed_never_allocates() {
    let body = include_bytes!("data/job_failed_v2.json");
    let n = allocations(|| {
        let event = JobFailed::from_json(body).expect("seed body");
        assert_eq!(
            event.failure_code(),
            Some(Open::Known(FailureCode::HostDeniedAdmission))
        );
        event
    });
    assert_eq!(n, 0);
}

/// The decoders allocate nothing of their own. What they do not read, serde_json skips with a
/// stack on the heap for each level past the first: the seed's `metadata` nests four deep, so
/// its skip stack is allocated once.
#[test]
fn decoding_status_webhooks_with_known_codes_never_allocates() {
    let current = include_bytes!("data/recall_current.json");
    let legacy = include_bytes!("data/recall_legacy.json");
    let n = allocations(|| {
        let legacy = StatusWebhook::from_json(legacy).expect("legacy");
        assert_eq!(legacy.status.code, BotStatus::CallEnded);
        legacy
    });
    assert_eq!(n, 0);
    let n = allocations(|| {
        let current = StatusWebhook::from_json(current).expect("current");
        assert_eq!(
            current.status.failure_code(),
            Some(FailureCode::AuthFailure)
        );
        current
    });
    assert_eq!(n, 1, "serde_json's skip stack, for the nested metadata");
}

#[test]
fn reading_past_any_metadata_and_unreadable_siblings_never_allocates() {
    let deep = format!(
        r#"{{"event": "bot.fatal", "data": {{"data": {{"code": "fatal", "message": ["x"]}},
            "extra": {{"a": {{"b": [1e400, "\ud800"]}}}},
            "bot": {{"id": "b", "metadata": {}"\ud800"{}}}}}}}"#,
        "[".repeat(1000),
        "]".repeat(1000)
    );
    let odd_error = br#"{"code": "cannot_command_completed_bot", "detail": ["x"], "x": {"y": {}}}"#;
    let n = allocations(|| {
        let webhook = StatusWebhook::from_json(deep.as_bytes()).expect("webhook");
        assert!(webhook.unreadable.contains("data.data.message"));
        webhook
    });
    // The skip stack doubles as it grows: a handful of allocations for 1,000 levels.
    assert!(n <= 11, "{n} allocations for 1,000 levels");
    let n = allocations(|| {
        let error = classify(409, RetryAfter::Absent, odd_error);
        assert_eq!(
            error.code(),
            Some(Open::Known(ErrorCode::CannotCommandCompletedBot))
        );
        error
    });
    assert_eq!(n, 1, "serde_json's skip stack, for {{\"y\": {{}}}}");
}

#[test]
fn retry_advice_never_allocates() {
    let policy = RetryPolicy::default();
    let n = allocations(|| {
        let hint = RetryAfter::parse(Some("Sun, 06 Nov 1994 08:49:37 GMT"), 0);
        let decision =
            error_taxonomy::retry::advise(recall::HttpStatus::TooManyRequests, 1, hint, &policy, 9);
        let delays: u128 =
            error_taxonomy::retry::Delays::new(error_taxonomy::RetryClass::Backoff, policy, 3)
                .map(|d| d.as_millis())
                .sum();
        (
            decision,
            delays,
            FailureCode::from_legacy_reason("host clicked 'Deny'"),
        )
    });
    assert_eq!(n, 0);
}

#[path = "support/owned.rs"]
mod owned;

/// The baseline of the `job_failed_v2` bench: owned `String`s, one allocation each.
#[test]
fn the_owned_baseline_allocates_once_per_string() {
    let body = include_bytes!("data/job_failed_v2.json");
    let n = allocations(|| serde_json::from_slice::<owned::OwnedJobFailed>(body).expect("owned"));
    assert_eq!(n, 8);
}

#[test]
fn writing_a_hiring_error_response_never_allocates() {
    let mut buffer = [0u8; 512];
    let n = allocations(|| {
        let response = hiring::ErrorResponse::new(hiring::ErrorCode::ClockRejected)
            .retry_after(30)
            .expect("CLOCK_REJECTED sends it")
            .detail("no slot before 18:00");
        let mut out = &mut buffer[..];
        serde_json::to_writer(&mut out, &response).expect("fits the buffer");
        let headers = response.headers().count();
        (out.len(), headers, response.status())
    });
    assert_eq!(n, 0);
    let written: serde_json::Value = serde_json::from_slice(
        &buffer[..buffer.iter().position(|&b| b == 0).unwrap_or(buffer.len())],
    )
    .expect("JSON");
    assert_eq!(written["type"], "urn:problem-type:hiring:CLOCK_REJECTED");
}

#[test]
fn placing_an_unknown_sub_code_and_reading_a_hiring_problem_never_allocate() {
    let unknown = br#"{"event": "bot.fatal", "data": {"data": {"code": "fatal",
        "sub_code": "zoom_a_newer_lobby_timeout"}, "bot": {"id": "b"}}}"#;
    let problem = include_bytes!("consumers/samples/good/HiringProblem--clock-rejected.json");
    let n = allocations(|| {
        let webhook = StatusWebhook::from_json(unknown).expect("webhook");
        assert!(
            webhook
                .status
                .sub_code
                .as_ref()
                .is_some_and(|s| !s.is_known())
        );
        let placed = webhook.status.failure_code();
        assert!(
            placed.is_some(),
            "a fatal status is a failure, known sub-code or not"
        );
        let problem = hiring::Problem::from_json(problem).expect("problem");
        (webhook, placed, problem)
    });
    assert_eq!(n, 0);
}

/// Every labelled reason of the regression sets, and a text at the reading's limit, is read
/// without allocating: the phrases, the cues and the learnt weights alike. (The measure sets
/// are read by `tests/corpus.rs` alone.)
#[test]
fn reading_free_text_never_allocates() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus");
    let mut reasons = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus").flatten() {
            let path = entry.path();
            // The generator's rule for the sets it learns from (`labelled_files`): a name
            // that holds `measure`, in any case, is a measure set.
            let name = entry.file_name().to_string_lossy().to_ascii_lowercase();
            if name.contains("measure") {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else if name.starts_with("v1_reasons") && name.ends_with(".tsv") {
                let text = std::fs::read_to_string(&path).expect("tsv");
                reasons.extend(
                    text.lines()
                        .filter_map(|l| Some(l.split('\t').nth(1)?.to_owned())),
                );
            }
        }
    }
    reasons.push("bot kicked from the waiting room ".repeat(2100));
    let mut learned = 0;
    let n = allocations(|| {
        for reason in &reasons {
            let reading = FailureCode::read_text(reason);
            learned += usize::from(matches!(reading.mapped_by, MappedBy::Learned(_)));
        }
    });
    assert_eq!(n, 0);
    assert!(learned > 0, "no reason was read by the learnt weights");
}
