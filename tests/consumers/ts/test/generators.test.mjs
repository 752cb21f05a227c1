// The obvious command of each code generator, on the committed schema and OpenAPI document:
// each must give one type per code table, holding every code of schema/codes.json, and one type
// per payload version. What each keeps of the codes' facts is printed, for the record: the facts
// reach other languages through schema/codes.json and the bindings, not through generators.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const bin = join(here, "..", "node_modules", ".bin");
const schemaPath = join(root, "schema", "error-taxonomy.schema.json");
const openapiPath = join(root, "schema", "openapi.json");
const codes = JSON.parse(readFileSync(join(root, "schema", "codes.json"), "utf8"));
const bundle = JSON.parse(readFileSync(schemaPath, "utf8"));
/** The versions and shapes of the payload unions: the `$ref`s of each `oneOf` of refs. */
const VERSIONS = Object.values(bundle.$defs)
  .filter((def) => Array.isArray(def.oneOf) && def.oneOf.every((v) => typeof v.$ref === "string"))
  .flatMap((def) => def.oneOf.map((v) => v.$ref.replace("#/$defs/", "")));

function run(command, args) {
  const result = spawnSync(join(bin, command), args, { encoding: "utf8" });
  assert.equal(result.status, 0, `${command} ${args.join(" ")}: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** A description of a code, to see whether the generator kept the codes' own descriptions. */
const sampleDescription = codes.tables[1].codes[0].description;

/**
 * Checks one generator's output: `block(name)` gives the text of the type named `name` (undefined
 * when there is none, an array when there are several). Returns a row of the record.
 */
function check(tool, text, block, hasType, keepsDescriptions) {
  for (const table of codes.tables) {
    const found = block(table.type);
    assert.ok(found !== undefined, `${tool}: no type for ${table.type}`);
    assert.ok(!Array.isArray(found), `${tool}: ${found?.length} types for ${table.type}`);
    for (const { code } of table.codes) {
      assert.ok(found.includes(JSON.stringify(code)), `${tool}: ${table.type} lacks ${code}`);
    }
    // One type per table: no code of another table is in this one, unless both have it.
    const own = new Set(table.codes.map((c) => c.code));
    for (const other of codes.tables) {
      for (const { code } of other.codes) {
        if (!own.has(code) && /[a-z]/.test(code) && code.includes("_")) {
          assert.ok(!found.includes(JSON.stringify(code)), `${tool}: ${table.type} holds ${other.type}'s ${code}`);
        }
      }
    }
  }
  for (const version of VERSIONS) {
    assert.ok(hasType(version), `${tool}: no type ${version}`);
  }
  // What docs/LANGUAGES.md's table says each tool keeps of the codes' descriptions.
  assert.equal(text.includes(sampleDescription), keepsDescriptions, `${tool}: code descriptions`);
  assert.ok(VERSIONS.length >= 4);
  const total = codes.tables.reduce((n, t) => n + t.codes.length, 0);
  return `${tool}: ${codes.tables.length}/${codes.tables.length} tables one type each, ${total}/${total} codes, `
    + `payload versions ${VERSIONS.length}/${VERSIONS.length}, code descriptions ${text.includes(sampleDescription) ? "kept" : "lost"}`;
}

/** The text of `export type Name = ...;` in TypeScript. */
function tsType(text) {
  return (name) => {
    // quicktype writes acronyms in capitals (RecallHTTPStatus): names compare in any case.
    const found = [...text.matchAll(new RegExp(`export type ${name} =([^;]*);`, "gi"))].map((m) => m[1]);
    return found.length === 1 ? found[0] : found.length === 0 ? undefined : found;
  };
}

const record = [];

test("quicktype, TypeScript: `quicktype -s schema error-taxonomy.schema.json --lang typescript`", () => {
  const out = join(mkdtempSync(join(tmpdir(), "qt-")), "taxonomy.ts");
  run("quicktype", ["-s", "schema", schemaPath, "--lang", "typescript", "-o", out]);
  const text = readFileSync(out, "utf8");
  record.push(check("quicktype typescript", text, tsType(text), (v) => text.includes(`export interface ${v} {`), true));
});

test("quicktype, Java: `quicktype -s schema error-taxonomy.schema.json --lang java`", () => {
  const dir = mkdtempSync(join(tmpdir(), "qt-java-"));
  run("quicktype", ["-s", "schema", schemaPath, "--lang", "java", "-o", join(dir, "ErrorTaxonomy.java")]);
  const files = readdirSync(dir);
  // quicktype writes acronyms in capitals: RecallHttpStatus is RecallHTTPStatus.java.
  const file = (name) => files.find((f) => f.toLowerCase() === `${name.toLowerCase()}.java`);
  const read = (name) => (file(name) ? readFileSync(join(dir, file(name)), "utf8") : undefined);
  const all = files.map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
  record.push(check("quicktype java", all, (name) => {
    const text = read(name);
    return text && text.includes("public enum") ? text : undefined;
  }, (v) => file(v) !== undefined, true));
});

test("json-schema-to-typescript: `json2ts -i error-taxonomy.schema.json -o taxonomy.ts`", () => {
  const out = join(mkdtempSync(join(tmpdir(), "j2t-")), "taxonomy.ts");
  run("json2ts", ["-i", schemaPath, "-o", out]);
  const text = readFileSync(out, "utf8");
  record.push(check("json2ts", text, tsType(text), (v) => text.includes(`export interface ${v} {`), false));
});

test("openapi-typescript: `openapi-typescript openapi.json -o schema.d.ts`", () => {
  const out = join(mkdtempSync(join(tmpdir(), "oa-")), "schema.d.ts");
  run("openapi-typescript", [openapiPath, "-o", out]);
  const text = readFileSync(out, "utf8");
  const block = (name) => {
    const found = [...text.matchAll(new RegExp(`\\n\\s+${name}: ("[^;]*);`, "g"))].map((m) => m[1]);
    return found.length === 1 ? found[0] : found.length === 0 ? undefined : found;
  };
  record.push(check("openapi-typescript", text, block, (v) => new RegExp(`\\n\\s+${v}: \\{`).test(text), false));
  // The hiring API's responses, with their Retry-After header where the codes send it.
  assert.match(text, /HiringProblem429: \{\s*headers: \{\s*"Retry-After"\??: (string|components\["headers"\]\["RetryAfter"\]);/);
});

test("openapi-typescript --enum: an enum per table, each member under its own description", () => {
  const out = join(mkdtempSync(join(tmpdir(), "oa-enum-")), "schema.ts");
  run("openapi-typescript", [openapiPath, "--enum", "-o", out]);
  const text = readFileSync(out, "utf8");
  for (const table of codes.tables) {
    const body = text.match(new RegExp(`export enum ${table.type} \\{([^}]*)\\}`))?.[1];
    assert.ok(body !== undefined, `no enum ${table.type}`);
    const lines = body.split("\n").map((line) => line.trim());
    for (const { code, description } of table.codes) {
      const member = lines.findIndex((line) => line.endsWith(`= ${JSON.stringify(code)},`) || line.endsWith(`= ${JSON.stringify(code)}`));
      assert.ok(member > 0, `${table.type}.${code}: no member`);
      // The comment right above the member is the code's own description.
      assert.equal(lines[member - 1], `// ${description}`, `${table.type}.${code}`);
    }
  }
});

test("the record of what each generator gives", () => {
  assert.ok(record.length >= 4);
  console.log(record.map((row) => `  ${row}`).join("\n"));
});
