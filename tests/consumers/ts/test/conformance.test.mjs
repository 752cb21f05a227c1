// The TypeScript side of the conformance suite: bindings/typescript/src/judgement.ts, compiled
// with the binding's own tsconfig, answers every case of tests/conformance/cases.json, and each
// answer, written as the case's `expect` JSON, must be the Rust crate's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const binding = join(root, "bindings", "typescript");
const casesFile = join(root, "tests", "conformance", "cases.json");

/** Compiles the binding into a scratch directory and imports its judgement module. */
async function judgement() {
  const out = mkdtempSync(join(tmpdir(), "judgement-"));
  const tsc = join(here, "..", "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", binding, "--outDir", out, "--declaration", "false"], {
    encoding: "utf8",
  });
  assert.equal(run.status, 0, `tsc -p bindings/typescript failed:\n${run.stdout}${run.stderr}`);
  const module = await import(pathToFileURL(join(out, "judgement.js")).href);
  return { module, out };
}

/** A value as JSON with its keys sorted, so that two answers compare whatever their key order. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A `RetryAfter` as the cases write it. */
function retryAfterJson(retryAfter) {
  switch (retryAfter.kind) {
    case "absent":
      return { absent: true };
    case "after":
      return { after_secs: retryAfter.secs.toString() };
    default:
      return { ignored: retryAfter.reason };
  }
}

/** A `Decision` as the cases write it. */
function decisionJson(decision) {
  switch (decision.kind) {
    case "retry":
      return { retry_ns: decision.delayNs.toString() };
    case "after_user_action":
      return { after_user_action: decision.action };
    default:
      return decision.reason === "wait_too_long"
        ? { do_not_retry: "wait_too_long", wait_secs: decision.waitSecs.toString() }
        : { do_not_retry: decision.reason };
  }
}

/** A case's answer, written as its `expect`. */
function answer(j, c) {
  switch (c.kind) {
    case "read_text": {
      const reading = j.readText(c.text);
      return { code: reading.code, mapped_by: reading.mappedBy };
    }
    case "outcome": {
      const o = j.outcome(c.status, c.sub_code);
      if (o.outcome !== "failed") return { outcome: o.outcome };
      return {
        outcome: "failed",
        failure_code: o.failureCode,
        retry: o.retry,
        retry_delay_s: o.retryDelayS,
        handling: o.handling,
        mapped_by: o.mappedBy,
      };
    }
    case "retry_after":
      return retryAfterJson(j.parseRetryAfter(c.value, BigInt(c.now)));
    case "classify": {
      const body = c.body ?? Uint8Array.from(Buffer.from(c.body_hex, "hex"));
      const error = j.classify(c.status, j.parseRetryAfter(c.retry_after, BigInt(c.now)), body);
      return {
        body: error.body.kind,
        unreadable: error.body.kind === "json" ? [...error.body.unreadable] : [],
        code: error.code,
        known: error.knownCode !== null,
        detail: error.detail,
        cause: error.cause,
        retry: error.retryClass,
        retry_delay_s: error.retryDelayS,
        action: error.action,
        retry_after: retryAfterJson(error.retryAfter),
        decisions: c.expect.decisions.map(({ attempt, policy, entropy }) => ({
          attempt,
          policy,
          entropy,
          decision: decisionJson(
            error.decide(
              attempt,
              {
                baseMs: policy.base_ms,
                capMs: policy.cap_ms,
                maxAttempts: policy.max_attempts,
                jitter: policy.jitter,
              },
              BigInt(entropy),
            ),
          ),
        })),
      };
    }
    default:
      return { unknown_kind: c.kind };
  }
}

/** A case's input, short enough to read in a report. */
function input(c) {
  const { expect: _expect, kind: _kind, ...rest } = c;
  const text = JSON.stringify(rest);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

test("the TypeScript judgement answers every conformance case as the Rust crate does", async () => {
  const { cases } = JSON.parse(readFileSync(casesFile, "utf8"));
  const { module: j, out } = await judgement();
  try {
    const started = performance.now();
    const differences = [];
    cases.forEach((c, index) => {
      let got;
      try {
        got = answer(j, c);
      } catch (error) {
        got = { threw: String(error && error.stack ? error.stack : error) };
      }
      if (canonical(got) !== canonical(c.expect)) {
        differences.push({ index, kind: c.kind, input: input(c), expected: c.expect, got });
      }
    });
    const ms = Math.round(performance.now() - started);
    console.log(`${cases.length} conformance cases checked in ${ms} ms, ${differences.length} differences`);
    const report = differences
      .slice(0, 10)
      .map(
        (d) =>
          `case ${d.index} (${d.kind}) ${d.input}\n  expected ${canonical(d.expected)}\n  got      ${canonical(d.got)}`,
      )
      .join("\n");
    assert.ok(cases.length > 0, "no cases");
    assert.equal(
      differences.length,
      0,
      `${differences.length} of ${cases.length} cases differ; the first:\n${report}`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
