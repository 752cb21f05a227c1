// The TypeScript consumer of the schema: generated types type-check a real handler and reject
// wrong programs; Ajv validates the payload samples in strict mode; the TypeScript binding
// compiles under --strict with the facts of schema/codes.json; the OpenAPI document and the
// schema pass their linters.
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

/** Compiles bindings/typescript with its own tsconfig (strict) into a scratch directory. */
function buildBindings() {
  const out = mkdtempSync(join(tmpdir(), "bindings-"));
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const project = join(root, "..", "..", "..", "bindings", "typescript");
  const run = spawnSync(process.execPath, [tsc, "-p", project, "--outDir", out], { encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr, out };
}

test("the TypeScript binding compiles under --strict, and its facts are schema/codes.json's", async () => {
  const build = buildBindings();
  assert.equal(build.status, 0, build.output);
  const binding = await import(join(build.out, "index.js"));
  const codes = JSON.parse(readFileSync(join(root, "..", "..", "..", "schema", "codes.json"), "utf8"));
  for (const table of codes.tables) {
    const facts = binding[table.type];
    assert.ok(facts, `no ${table.type}`);
    assert.deepEqual(Object.keys(facts), table.codes.map((c) => c.code), table.type);
    for (const card of table.codes) {
      const { table: _table, code, ...expected } = card;
      assert.deepEqual({ ...facts[code] }, expected, `${table.type} ${code}`);
      assert.equal(binding[`is${table.type}`](code), true);
    }
    assert.equal(binding[`is${table.type}`]("no_such_code_anywhere"), false);
    if (table.unknown_code) {
      const { reason: _reason, ...expected } = table.unknown_code;
      assert.deepEqual({ ...binding[`${table.type}Unknown`] }, expected, table.type);
    }
  }
});

test("the binding's tables are frozen and without a prototype, and its guards take strings only", async () => {
  const build = buildBindings();
  assert.equal(build.status, 0, build.output);
  const binding = await import(join(build.out, "index.js"));
  const codes = JSON.parse(readFileSync(join(root, "..", "..", "..", "schema", "codes.json"), "utf8"));
  for (const table of codes.tables) {
    const facts = binding[table.type];
    const guard = binding[`is${table.type}`];
    assert.equal(Object.getPrototypeOf(facts), null, table.type);
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      assert.equal(facts[name], undefined, `${table.type}[${name}]`);
      assert.equal(guard(name), false, `${table.type} ${name}`);
    }
    assert.ok(Object.isFrozen(facts), table.type);
    const row = facts[table.codes[0].code];
    assert.ok(Object.isFrozen(row), table.type);
    for (const value of Object.values(row)) {
      if (Array.isArray(value)) assert.ok(Object.isFrozen(value), table.type);
    }
    // ES modules are strict: a change throws, and nothing changes.
    assert.throws(() => { facts.no_such_code = {}; }, TypeError);
    assert.throws(() => { row.description = "changed"; }, TypeError);
    // Like Python's guard: a string, and one of the codes; nothing else.
    for (const other of [429, 429.0, null, undefined, ["x"], { x: 1 }]) {
      assert.equal(guard(other), false, `${table.type} ${String(other)}`);
    }
    if (table.unknown_code) {
      const unknown = binding[`${table.type}Unknown`];
      assert.ok(Object.isFrozen(unknown), table.type);
    }
  }
});

test("the receiver covers every handling group and reads facts from the binding", () => {
  const build = buildBindings();
  assert.equal(build.status, 0, build.output);
  const run = tsc("src/branch.ts");
  assert.equal(run.status, 0, run.output);
});

test("the OpenAPI document passes Redocly's lint, with the rules it allows explained", () => {
  const redocly = join(root, "node_modules", ".bin", "redocly");
  const openapi = join(root, "..", "..", "..", "schema", "openapi.json");
  const run = spawnSync(redocly, ["lint", openapi, "--config", join(root, "redocly.yaml")], {
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.doesNotMatch(run.stdout + run.stderr, /\berror\b.*\bat #/i);
});

test("the schema passes the JSON Schema linter's default rules, but those docs/LANGUAGES.md explains", () => {
  const linter = join(root, "node_modules", ".bin", "jsonschema");
  const allowed = ["const_with_type", "description_trailing_period", "top_level_examples"];
  for (const file of ["error-taxonomy.schema.json", "codes.schema.json"]) {
    const path = join(root, "..", "..", "..", "schema", file);
    const run = spawnSync(linter, ["lint", path, ...allowed.flatMap((rule) => ["-x", rule])], { encoding: "utf8" });
    assert.equal(run.status, 0, `${file}: ${run.stdout}${run.stderr}`);
  }
});
