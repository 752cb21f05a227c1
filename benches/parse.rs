//! Parsing and accessors, each group with its baselines measured in the same run: a
//! `phf::Map` and a std `HashMap` over the same codes, and a plain `u16` load for accessors.
//!
//! `cargo bench --bench parse`

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use error_taxonomy::{hiring, meetbot::FailureCode, recall::SubCode};

/// The largest table: 80 codes, the longest 62 bytes.
type Table = SubCode;

/// A deterministic shuffle, so that lookups hit the codes in random order.
fn shuffled<T: Clone>(items: &[T], rounds: usize) -> Vec<T> {
    let mut out: Vec<T> = (0..rounds).flat_map(|_| items.iter().cloned()).collect();
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    for i in (1..out.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.swap(i, (state % (i as u64 + 1)) as usize);
    }
    out
}

/// A real `phf::Map`, built at run time from the same codes with phf's own generator (what its
/// macros do at compile time).
fn phf_map() -> phf::Map<&'static str, Table> {
    let keys: Vec<&'static str> = Table::ALL.iter().map(|c| c.as_str()).collect();
    let state = phf_generator::generate_hash(&keys);
    let entries: Vec<(&'static str, Table)> = state
        .map
        .iter()
        .map(|&i| (keys[i], Table::ALL[i]))
        .collect();
    phf::Map {
        key: state.key,
        disps: state.disps.leak(),
        entries: entries.leak(),
    }
}

fn hash_map() -> HashMap<&'static str, Table> {
    Table::ALL.iter().map(|c| (c.as_str(), *c)).collect()
}

/// One call per iteration, cycling through `items`.
fn each<T: Copy, R>(items: &[T], mut f: impl FnMut(T) -> R) -> impl FnMut() -> R {
    let mut i = 0;
    move || {
        i = if i + 1 == items.len() { 0 } else { i + 1 };
        f(black_box(items[i]))
    }
}

/// `each` as a criterion routine.
fn each_iter<T: Copy, R>(
    items: &[T],
    f: impl FnMut(T) -> R,
) -> impl FnMut(&mut criterion::Bencher<'_>) {
    let mut call = each(items, f);
    move |b| b.iter(&mut call)
}

fn parse(c: &mut Criterion) {
    let phf = phf_map();
    let std = hash_map();
    let hits: Vec<&str> = shuffled(&Table::ALL.map(|c| c.as_str()), 8);
    let misses: Vec<String> = Table::ALL
        .iter()
        .map(|c| {
            let mut near = c.as_str().to_owned();
            near.pop();
            near.push('x');
            near
        })
        .chain([
            "zoom_new_failure_mode".to_owned(),
            "bot_unknown".to_owned(),
            String::new(),
        ])
        .collect();
    let misses: Vec<&str> = shuffled(&misses.iter().map(String::as_str).collect::<Vec<_>>(), 8);
    let long = "a".repeat(4096);
    let long_miss: Vec<&str> = vec![long.as_str()];
    let upper: Vec<String> = Table::ALL
        .iter()
        .map(|c| c.as_str().to_ascii_uppercase())
        .collect();
    let upper: Vec<&str> = shuffled(&upper.iter().map(String::as_str).collect::<Vec<_>>(), 8);

    let mut group = c.benchmark_group("parse_hit");
    group.bench_function("match", each_iter(&hits, |s| Table::parse(s).ok()));
    group.bench_function("phf", each_iter(&hits, |s| phf.get(s).copied()));
    group.bench_function("hashmap", each_iter(&hits, |s| std.get(s).copied()));
    group.finish();

    let mut group = c.benchmark_group("parse_miss");
    group.bench_function("match", each_iter(&misses, |s| Table::parse(s).ok()));
    group.bench_function("phf", each_iter(&misses, |s| phf.get(s).copied()));
    group.bench_function("hashmap", each_iter(&misses, |s| std.get(s).copied()));
    group.finish();

    let mut group = c.benchmark_group("parse_miss_4k");
    group.bench_function("match", each_iter(&long_miss, |s| Table::parse(s).ok()));
    group.bench_function("phf", each_iter(&long_miss, |s| phf.get(s).copied()));
    group.bench_function("hashmap", each_iter(&long_miss, |s| std.get(s).copied()));
    group.finish();

    let mut group = c.benchmark_group("parse_ignore_case");
    group.bench_function(
        "match",
        each_iter(&upper, |s| Table::parse_ignore_ascii_case(s).ok()),
    );
    group.bench_function(
        "phf_lowercased",
        each_iter(&upper, |s| {
            phf.get(s.to_ascii_lowercase().as_str()).copied()
        }),
    );
    group.bench_function(
        "hashmap_lowercased",
        each_iter(&upper, |s| {
            std.get(s.to_ascii_lowercase().as_str()).copied()
        }),
    );
    group.finish();
}

/// Every accessor call of a batch of `N` shuffled codes, summed; criterion's throughput turns
/// the batch time into a time per call.
fn batch<T: Copy, R: Into<u64>>(
    items: &[T],
    f: impl Fn(T) -> R,
) -> impl FnMut(&mut criterion::Bencher<'_>) {
    move |b| {
        b.iter(|| {
            items
                .iter()
                .map(|&item| f(black_box(item)).into())
                .fold(0u64, u64::wrapping_add)
        })
    }
}

fn accessors(c: &mut Criterion) {
    const N: usize = 1024;
    let failures: Vec<FailureCode> =
        shuffled(&FailureCode::ALL, N.div_ceil(FailureCode::COUNT))[..N].to_vec();
    let hiring: Vec<hiring::ErrorCode> = shuffled(
        &hiring::ErrorCode::ALL,
        N.div_ceil(hiring::ErrorCode::COUNT),
    )[..N]
        .to_vec();
    let sub_codes: Vec<SubCode> = shuffled(&SubCode::ALL, N.div_ceil(SubCode::COUNT))[..N].to_vec();
    // The floor: the same codes, their statuses loaded from a static array by discriminant.
    static STATUSES: [u16; hiring::ErrorCode::COUNT] = {
        let mut statuses = [0; hiring::ErrorCode::COUNT];
        let mut i = 0;
        while i < hiring::ErrorCode::COUNT {
            statuses[i] = hiring::ErrorCode::ALL[i].http_status();
            i += 1;
        }
        statuses
    };

    let mut group = c.benchmark_group("accessors");
    group.throughput(criterion::Throughput::Elements(N as u64));
    group.bench_function("u16_load_floor", batch(&hiring, |c| STATUSES[c as usize]));
    group.bench_function(
        "hiring_http_status",
        batch(&hiring, hiring::ErrorCode::http_status),
    );
    group.bench_function("failure_billing", batch(&failures, |c| c.billing() as u8));
    group.bench_function(
        "failure_retry_delay",
        batch(&failures, |c| c.retry().delay_secs().unwrap_or(0)),
    );
    group.bench_function(
        "sub_code_failure_code",
        batch(&sub_codes, |c| c.failure_code() as u8),
    );
    group.bench_function(
        "sub_code_as_str_len",
        batch(&sub_codes, |c| c.as_str().len() as u64),
    );
    group.finish();
}

criterion_group!(benches, parse, accessors);
criterion_main!(benches);
