//! The word weights of a table's `free_text.learned`, learnt from the labelled reasons under
//! [`LABELLED`](crate::LABELLED): per class (each code of the table, then `none`), how often
//! each feature (`src/learned.rs`: a stem, or two consecutive stems) comes in its reasons. The
//! weights are the smoothed log-chances of naive Bayes, in thousandths of a natural log, as
//! integers: the crate and every port add them up alike.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Learning, Table};
use crate::{Problem, Source};

/// The weights of one table, as the crate holds them.
#[derive(Debug, Default)]
pub struct Learnt {
    /// The hashes of the stems passed over, sorted.
    pub ignore: Vec<u32>,
    /// The features learnt, by hash: their words, and per class what each adds beyond
    /// `unseen` (only the classes it came with).
    pub features: BTreeMap<u32, (String, Vec<(u8, i32)>)>,
    /// Per class: what any feature learnt adds.
    pub unseen: Vec<i32>,
    /// Per class: the log of its share of the reasons.
    pub prior: Vec<i32>,
    pub min_known_percent: u16,
    pub min_known_features: u16,
    pub fallback_margin: u32,
    pub override_margin: u32,
    /// How many labelled reasons were learnt from.
    pub reasons: usize,
}

/// Thousandths of `value`, a natural log.
fn milli(value: f64) -> i32 {
    (value * 1000.0).round() as i32
}

/// A feature's words, as the explanation of an answer shows them: `stem` or `first second`.
fn words(first: &[u8], second: &[u8]) -> String {
    let word = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    if first.is_empty() {
        word(second)
    } else {
        format!("{} {}", word(first), word(second))
    }
}

/// The stem hashes of `ignore`, sorted.
fn ignored(ignore: &[String]) -> Vec<u32> {
    let mut hashes: Vec<u32> = ignore
        .iter()
        .map(|word| {
            let mut bytes = word.as_bytes().to_vec();
            let len = crate::stem::stem(&mut bytes);
            crate::learned::fnv(crate::learned::FNV_OFFSET, &bytes[..len])
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// Counts, per class, the reasons and each feature's occurrences, from every labelled reason.
struct Counts {
    reasons: Vec<u64>,
    /// Per feature: its words, its count per class, and in how many reasons it is.
    features: BTreeMap<u32, (String, Vec<u64>, u64)>,
}

/// A labelled line's class (a code's row, or `none` after every row) and its reason.
fn labelled_line<'l>(table: &Table, line: &'l str) -> Result<(usize, &'l str), String> {
    let Some((label, reason)) = line.split_once('\t') else {
        return Err("a labelled reason is `code<TAB>reason`".into());
    };
    match label {
        "none" => Ok((table.rows.len(), reason)),
        _ => table
            .row(label)
            .map(|row| (row, reason))
            .ok_or_else(|| format!("`{label}` is no code of {} and not `none`", table.key)),
    }
}

fn count(
    table: &Table,
    ignore: &[u32],
    labelled: &[&Source],
    problems: &mut Vec<Problem>,
) -> Counts {
    let classes = table.rows.len() + 1;
    let mut counts = Counts {
        reasons: vec![0; classes],
        features: BTreeMap::new(),
    };
    for source in labelled {
        for (index, line) in source.text.lines().enumerate() {
            let mut report = |message: String| {
                problems.push(Problem {
                    file: source.path.clone(),
                    line: Some(index + 1),
                    entry: None,
                    message,
                });
            };
            let (class, reason) = match labelled_line(table, line) {
                _ if line.is_empty() => continue,
                Ok(labelled) => labelled,
                Err(message) => {
                    report(message);
                    continue;
                }
            };
            counts.reasons[class] += 1;
            let mut seen = BTreeSet::new();
            crate::learned::features_outside(
                reason.as_bytes(),
                ignore,
                |_| false,
                |hash, first, second| {
                    let text = words(first, second);
                    let entry = counts
                        .features
                        .entry(hash)
                        .or_insert_with(|| (text.clone(), vec![0; classes], 0));
                    if entry.0 != text {
                        report(format!(
                            "the features `{}` and `{text}` hash alike: add one of their words to \
                         `learned.ignore`",
                            entry.0
                        ));
                    }
                    entry.1[class] += 1;
                    if seen.insert(hash) {
                        entry.2 += 1;
                    }
                },
            );
        }
    }
    counts
}

/// The features learnt (in `min_reasons` reasons or more) with their weights, and per class the
/// weight of a feature never seen with it and its prior: naive Bayes, smoothed, from the counts
/// of `total` reasons.
type Weights = (Vec<i32>, Vec<i32>, BTreeMap<u32, (String, Vec<(u8, i32)>)>);

fn weigh(counts: Counts, learning: &Learning, total: u64) -> Weights {
    let classes = counts.reasons.len() as f64;
    let alpha = f64::from(learning.smoothing_percent) / 100.0;
    let share = |n: u64| n as f64 + 2.0 * alpha;
    let unseen: Vec<i32> = counts
        .reasons
        .iter()
        .map(|&n| milli((alpha / share(n)).ln()))
        .collect();
    let prior = counts
        .reasons
        .iter()
        .map(|&n| milli(((n as f64 + 1.0) / (total as f64 + classes)).ln()))
        .collect();
    let features = counts
        .features
        .into_iter()
        .filter(|(_, (_, _, reasons))| *reasons >= u64::from(learning.min_reasons))
        .map(|(hash, (text, per_class, _))| {
            let weights = per_class
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(class, &count)| {
                    let n = counts.reasons[class];
                    let weight = milli(((count as f64 + alpha) / share(n)).ln()) - unseen[class];
                    (class as u8, weight)
                })
                .collect();
            (hash, (text, weights))
        })
        .collect();
    (unseen, prior, features)
}

/// Learns the weights of `table` by `learning` from `labelled`.
pub fn learn(
    table: &Table,
    learning: &Learning,
    labelled: &[&Source],
    problems: &mut Vec<Problem>,
) -> Learnt {
    let ignore = ignored(&learning.ignore);
    let counts = count(table, &ignore, labelled, problems);
    let total: u64 = counts.reasons.iter().sum();
    let at = |message: String| Problem {
        file: table.file.clone(),
        line: Some(learning.line),
        entry: None,
        message,
    };
    let names = table
        .rows
        .iter()
        .map(|row| row.code.as_str())
        .chain(["none"]);
    for (class, &reasons) in names.zip(&counts.reasons) {
        if !labelled.is_empty() && reasons < u64::from(learning.min_class_reasons) {
            problems.push(at(format!(
                "`{class}` has {reasons} labelled reasons under {}; the learnt weights need at \
                 least {} of each code and of `none` (`min_class_reasons`)",
                crate::LABELLED,
                learning.min_class_reasons
            )));
        }
    }
    if labelled.is_empty() {
        let message = "`learned` found no labelled reason under {} (v1_reasons*.tsv)";
        problems.push(at(message.replace("{}", crate::LABELLED)));
    }
    let (unseen, prior, features) = weigh(counts, learning, total);
    // The crate's hash table of features holds each one's index in a `u16`, `u16::MAX` empty.
    if features.len() >= usize::from(u16::MAX) {
        problems.push(at(format!(
            "`learned` learnt {} features, more than {}: raise `min_reasons`",
            features.len(),
            u16::MAX - 1
        )));
    }
    Learnt {
        ignore,
        features,
        unseen,
        prior,
        min_known_percent: learning.min_known_percent,
        min_known_features: learning.min_known_features,
        fallback_margin: learning.fallback_margin,
        override_margin: learning.override_margin,
        reasons: total as usize,
    }
}
