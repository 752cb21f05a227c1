"""What tests/new-table/run checks in the exported files of its scratch copy: the zoom table and
its retired code 1001 reach the schema, schema/codes.json, both bindings and the catalogue."""

import json
import re

# The fixture's codes, and its retired one with the replacement it names.
fixture = open("taxonomy/zoom/api_errors.yaml").read()
codes = set(re.findall(r'^  - code: "(\d+)"$', fixture, re.M))
retired_code, replacement = re.search(
    r'^  - code: "(\d+)"\n(?:    .*\n)*?    deprecated: (.*)$', fixture, re.M
).groups()
assert retired_code == "1001" and replacement.startswith("Use 300"), (retired_code, replacement)

schema = json.load(open("schema/error-taxonomy.schema.json"))
entries = {e["const"]: e for e in schema["$defs"]["ZoomApiError"]["oneOf"]}
assert set(entries) == codes, entries
retired = entries[retired_code]
assert retired["deprecated"] is True and retired["x-deprecation"] == replacement, retired
assert schema["properties"]["zoom_api_error"] == {"$ref": "#/$defs/ZoomApiError"}

catalogue = json.load(open("schema/codes.json"))
table = next(t for t in catalogue["tables"] if t["table"] == "zoom.api_error")
assert {c["code"] for c in table["codes"]} == codes
card = next(c for c in table["codes"] if c["code"] == retired_code)
assert card["deprecated"] == replacement and card["http_status"] == 404, card

ts = open("bindings/typescript/src/index.ts").read()
assert re.search(r'/\*\* @deprecated Use 300[^\n]*\*/\n  "1001": \{', ts), "TypeScript"
assert 'export type ZoomApiError =\n  | "124"' in ts

py = open("bindings/python/error_taxonomy_codes/__init__.py").read()
assert re.search(r'# Retired: Use 300[^\n]*\n    "1001": \{', py), "Python"
assert "ZOOM_API_ERROR: Final[Mapping[ZoomApiError, ZoomApiErrorFacts]]" in py

catalog = open("docs/CATALOG.md").read()
assert "## zoom.api_error" in catalog
assert "| `zoom.api_error` | `1001` | Use 300" in catalog

print("the retired code 1001 reaches the schema, codes.json, both bindings and the catalogue")
