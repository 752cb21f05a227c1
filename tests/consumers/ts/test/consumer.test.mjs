// The TypeScript consumer of the schema: generated types type-check a real handler and reject
// wrong programs; Ajv validates the payload samples in strict mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { generate, codeTypes } from "../generate.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const samples = join(root, "..", "samples");
const { schema, types } = await generate();

/** Runs tsc on one file with the project's options; returns its exit status and output. */
function tsc(file) {
  const dir = mkdtempSync(join(tmpdir(), "tsc-"));
  const config = JSON.parse(readFileSync(join(root, "tsconfig.json"), "utf8"));
  config.files = [join(root, file)];
  const path = join(dir, "tsconfig.json");
  writeFileSync(path, JSON.stringify(config));
  const run = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path], {
    encoding: "utf8",
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

test("every code type becomes a closed union of string literals", () => {
  for (const [name, def] of codeTypes(schema)) {
    const union = def.oneOf.map((entry) => JSON.stringify(entry.const)).join(" | ");
    assert.ok(types.includes(`export type ${name} = (${union})`), `${name} is not the closed union`);
  }
  assert.ok(types.includes("export type MeetbotJobFailed"));
  assert.ok(types.includes("version: 2"));
});

test("the branch-on-code handler type-checks with an exhaustive switch", () => {
  const run = tsc("src/branch.ts");
  assert.equal(run.status, 0, run.output);
});

test("a misspelled failure code does not type-check", () => {
  const run = tsc("src/bad_code.ts");
  assert.notEqual(run.status, 0);
  assert.match(run.output, /error TS2820: Type '"host_denid_admission"' is not assignable to type 'MeetbotFailureCode'/);
  assert.match(run.output, /"host_denid_admission"/);
  assert.match(run.output, /MeetbotFailureCode/);
});

test("an envelope of an unknown version does not type-check", () => {
  const run = tsc("src/bad_version.ts");
  assert.notEqual(run.status, 0);
  // TS2322: a value that is not assignable, here the version 3 of no envelope.
  assert.match(run.output, /error TS2322: Type '3' is not assignable to type '1 \| 2'/);
});

/** Every `x-` keyword the bundle uses: the facts of the codes, which Ajv's strict mode must know. */
function extensionKeywords(value, found = new Set()) {
  if (Array.isArray(value)) {
    value.forEach((item) => extensionKeywords(item, found));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeywords(item, found);
    }
  }
  return found;
}

function ajv() {
  const validator = new Ajv2020({ strict: true, allErrors: true });
  for (const keyword of extensionKeywords(schema)) {
    validator.addKeyword({ keyword });
  }
  validator.addSchema(schema);
  return validator;
}

test("Ajv in strict mode accepts the good samples and rejects the bad ones", () => {
  const validator = ajv();
  let checked = 0;
  for (const [kind, valid] of [["good", true], ["bad", false]]) {
    for (const file of readdirSync(join(samples, kind)).sort()) {
      const def = file.split("--")[0];
      const validate = validator.getSchema(`${schema.$id}#/$defs/${def}`);
      assert.ok(validate, `no $defs/${def}`);
      const sample = JSON.parse(readFileSync(join(samples, kind, file), "utf8"));
      assert.equal(validate(sample), valid, `${kind}/${file}: ${JSON.stringify(validate.errors)}`);
      checked += 1;
    }
  }
  assert.ok(checked >= 20, `only ${checked} samples`);
});

test("the metadata map carries the x- facts", async () => {
  const meta = readFileSync(join(root, "generated", "meta.ts"), "utf8");
  const failures = schema.$defs.MeetbotFailureCode.oneOf;
  assert.ok(failures.length > 0);
  for (const entry of failures) {
    assert.ok(meta.includes(`${JSON.stringify(entry.const)}: `), entry.const);
  }
  assert.match(meta, /"removed_from_meeting": \{[^}]*"billing":"recorded_portion"/);
  assert.match(meta, /as const satisfies Record<MeetbotFailureCode, CodeMeta>/);
});
