"""The generators a Python user reaches for, run as the README says, keep the codes' meaning:
datamodel-code-generator's models parse a known code into its enum, keep an unknown one as its
string, and refuse ``"billed": "true"``; openapi-python-client builds enums from
schema/openapi.json and decodes every good webhook sample, a known code into its enum."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
GOOD = HERE.parent / "samples" / "good"
SEED = json.loads((GOOD / "MeetbotJobFailed--seed-v2.json").read_text())


def load(path: Path, name: str) -> ModuleType:
    sys.path.insert(0, str(path))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(path))


@pytest.fixture(scope="module")
def pydantic_models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("datamodel")
    # The README's command (docs/LANGUAGES.md, Python).
    subprocess.run(
        [
            sys.executable, "-m", "datamodel_code_generator",
            "--input", str(ROOT / "schema" / "error-taxonomy.schema.json"),
            "--input-file-type", "jsonschema",
            "--output-model-type", "pydantic_v2.BaseModel",
            "--union-mode", "left_to_right",
            "--strict-types", "bool",
            "--formatters", "builtin",
            "--output", str(out / "taxonomy_models.py"),
        ],
        check=True,
    )
    return load(out, "taxonomy_models")


def with_data(**fields: object) -> dict[str, Any]:
    event: dict[str, Any] = json.loads(json.dumps(SEED))
    event["data"].update(fields)
    return event


def test_datamodel_codegen_parses_a_known_code_into_its_enum(pydantic_models: Any) -> None:
    event = pydantic_models.MeetbotJobFailed.model_validate(SEED).root
    assert event.data.failure_code is pydantic_models.MeetbotFailureCode.host_denied_admission
    newer = pydantic_models.MeetbotJobFailed.model_validate(with_data(failure_code="new_code"))
    assert newer.root.data.failure_code == "new_code"


def test_datamodel_codegen_refuses_a_string_where_a_boolean_is_meant(pydantic_models: Any) -> None:
    with pytest.raises(ValidationError):
        pydantic_models.MeetbotJobFailed.model_validate(with_data(billed="true"))
    billed = pydantic_models.MeetbotJobFailed.model_validate(with_data(billed=True))
    assert billed.root.data.billed is True


@pytest.fixture(scope="module")
def openapi_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("openapi")
    subprocess.run(
        [
            sys.executable, "-m", "openapi_python_client", "generate",
            "--path", str(ROOT / "schema" / "openapi.json"),
            "--output-path", str(out / "taxonomy_client"),
            "--meta", "none",
        ],
        check=True,
        capture_output=True,
    )
    return out


def model(client: Path, module: str, name: str) -> Any:
    return getattr(load(client, f"taxonomy_client.models.{module}"), name)


def test_openapi_python_client_builds_an_enum_per_code_table(openapi_client: Path) -> None:
    codes = json.loads((ROOT / "schema" / "codes.json").read_text())
    failure = model(openapi_client, "meetbot_failure_code", "MeetbotFailureCode")
    table = next(t for t in codes["tables"] if t["table"] == "meetbot.failure_code")
    assert sorted(member.value for member in failure) == sorted(c["code"] for c in table["codes"])


@pytest.mark.parametrize(
    "path", sorted(GOOD.glob("MeetbotJobFailed--*.json")) + sorted(GOOD.glob("RecallStatusWebhook--*.json")),
    ids=lambda p: p.name,
)
def test_openapi_python_client_decodes_every_good_webhook(openapi_client: Path, path: Path) -> None:
    document = json.loads(path.read_text())
    if path.name.startswith("Meetbot"):
        version = "v2" if document.get("version") == 2 else "v1"
        decoded = model(openapi_client, f"meetbot_job_failed_{version}", f"MeetbotJobFailed{version.upper()}").from_dict(document)
        code = getattr(decoded.data, "failure_code", None)
        known = {m.value for m in model(openapi_client, "meetbot_failure_code", "MeetbotFailureCode")}
    else:
        shape = "legacy" if document["event"] == "bot.status_change" else "current"
        decoded = model(openapi_client, f"recall_status_webhook_{shape}", f"RecallStatusWebhook{shape.title()}").from_dict(document)
        data = decoded.data.status if shape == "legacy" else decoded.data.data
        code = data.sub_code
        known = {m.value for m in model(openapi_client, "recall_sub_code", "RecallSubCode")}
    # A known code is its enum's member; an unknown one keeps its string.
    if isinstance(code, str) and not hasattr(code, "value"):
        assert code not in known, (path.name, code)
    elif code is not None:
        assert code.value in known, (path.name, code)
