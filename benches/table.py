#!/usr/bin/env python3
"""Prints the medians of the last `cargo bench` run as a Markdown table, with each group's
ratio to its baseline (measured in the same run). Reads target/criterion/.

    cargo bench --bench parse --bench wire -- --warm-up-time 2 --measurement-time 5
    python3 benches/table.py
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"

# group: (the row the others are compared with, how the ratio reads)
BASELINES = {
    "parse_hit": ("match", "baseline / match"),
    "parse_miss": ("match", "baseline / match"),
    "parse_miss_4k": ("match", "baseline / match"),
    "parse_ignore_case": ("match", "baseline / match"),
    "accessors": ("u16_load_floor", "accessor / floor"),
    "job_failed_v2": ("ignored_any_floor", "decoder / floor"),
    "status_webhook": ("ignored_any_floor", "decoder / floor"),
    "classify": ("ignored_any_floor_400", "classify / floor"),
    "v1_reason": ("split_words_floor_64k", "reader / floor"),
    "history": ("ignored_any_floor_100000", "reader / floor"),
}
# Groups whose benches each read one of several inputs, named by the bench name's last part:
# each is compared with the floor of the same input.
PER_INPUT = {"v1_reason", "history"}


def median_ns(bench: pathlib.Path) -> float:
    estimates = json.loads((bench / "new" / "estimates.json").read_text())
    median = estimates["median"]["point_estimate"]
    meta = json.loads((bench / "new" / "benchmark.json").read_text())
    elements = (meta.get("throughput") or {}).get("Elements")
    return median / elements if elements else median


def per_mib(bench: pathlib.Path, ns: float) -> str:
    """The time per MiB of input, for a bench that reads bytes."""
    meta = json.loads((bench / "new" / "benchmark.json").read_text())
    size = (meta.get("throughput") or {}).get("Bytes")
    return f" ({ns / 1e6 / (size / 2**20):.2f} ms per MiB)" if size else ""


def show(ns: float) -> str:
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.2f} ns"


def main() -> int:
    if not ROOT.is_dir():
        print("no target/criterion: run the benches first", file=sys.stderr)
        return 1
    print("| group | bench | median | ratio |")
    print("|---|---|---:|---:|")
    for group, (baseline, reading) in BASELINES.items():
        folder = ROOT / group
        if not folder.is_dir():
            continue
        benches = {b.name: b for b in sorted(folder.iterdir()) if (b / "new").is_dir()}
        times = {name: median_ns(b) for name, b in benches.items()}
        for name, ns in times.items():
            base = times.get(baseline)
            if group in PER_INPUT:
                floors = [f for f in times if "floor" in f and f.split("_")[-1] == name.split("_")[-1]]
                base = times[floors[0]] if floors else None
                if name in floors:
                    print(f"| {group} | {name} | {show(ns)}{per_mib(benches[name], ns)} | baseline |")
                    continue
            if base is None or name == baseline:
                ratio = "baseline" if name == baseline else ""
            elif reading.startswith("baseline"):
                ratio = f"{ns / base:.1f}x slower than match"
            else:
                ratio = f"{ns / base:.2f}x the floor"
            print(f"| {group} | {name} | {show(ns)}{per_mib(benches[name], ns)} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
