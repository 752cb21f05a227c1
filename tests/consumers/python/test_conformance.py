"""The conformance suite in Python: every case of tests/conformance/cases.json (the Rust crate's
own answers) answered by bindings/python's judgement module, with 0 differences."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
BINDINGS = ROOT / "bindings" / "python"
CASES = ROOT / "tests" / "conformance" / "cases.json"


@pytest.fixture(scope="module")
def judgement() -> ModuleType:
    sys.path.insert(0, str(BINDINGS))
    from error_taxonomy_codes import judgement

    return judgement


def policy(judgement: Any, data: dict[str, Any]) -> Any:
    return judgement.RetryPolicy(
        base_ms=int(data["base_ms"]),
        cap_ms=int(data["cap_ms"]),
        max_attempts=int(data["max_attempts"]),
        jitter=data["jitter"],
    )


def answer(judgement: Any, case: dict[str, Any]) -> Any:
    """The case's answer, as its `expect` writes it."""
    kind = case["kind"]
    if kind == "read_text":
        return judgement.read_text(case["text"]).to_json()
    if kind == "outcome":
        return judgement.outcome(case["status"], case["sub_code"]).to_json()
    if kind == "retry_after":
        return judgement.parse_retry_after(case["value"], case["now"]).to_json()
    if kind == "classify":
        retry_after = judgement.parse_retry_after(case["retry_after"], case["now"])
        body = bytes.fromhex(case["body_hex"]) if "body_hex" in case else case["body"]
        error = judgement.classify(case["status"], retry_after, body)
        decisions = []
        for asked in case["expect"]["decisions"]:
            decision = error.decide(
                asked["attempt"], policy(judgement, asked["policy"]), int(asked["entropy"])
            )
            decisions.append({**asked, "decision": decision.to_json()})
        return {
            "body": error.body.kind,
            "unreadable": list(error.body.unreadable),
            "code": error.code,
            "known": error.known is not None,
            "detail": error.detail,
            "cause": error.cause,
            "retry": error.retry_class,
            "retry_delay_s": error.retry_delay_s,
            "action": error.action,
            "retry_after": error.retry_after.to_json(),
            "decisions": decisions,
        }
    raise AssertionError(f"a kind of case this runner does not know: {kind}")


def describe(index: int, case: dict[str, Any], got: Any) -> str:
    given = {k: v for k, v in case.items() if k not in ("kind", "expect")}
    return (
        f"case {index} ({case['kind']}): {json.dumps(given, ensure_ascii=False)[:400]}\n"
        f"  expected {json.dumps(case['expect'], ensure_ascii=False)}\n"
        f"  got      {json.dumps(got, ensure_ascii=False)}"
    )


def test_every_case_gives_the_crates_answer(
    judgement: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(CASES.read_text(encoding="utf-8"))
    cases = document["cases"]
    assert cases, "no cases"
    start = time.perf_counter()
    differences: list[str] = []
    for index, case in enumerate(cases):
        got = answer(judgement, case)
        # Compared as JSON text: in Python, `True == 1 == 1.0`.
        if json.dumps(got, sort_keys=True) != json.dumps(case["expect"], sort_keys=True):
            differences.append(describe(index, case, got))
    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(
            f"\n{len(cases)} conformance cases checked in {elapsed:.2f} s, "
            f"{len(differences)} differences"
        )
    first = "\n".join(differences[:20])
    assert not differences, f"{len(differences)} of {len(cases)} cases differ; the first:\n{first}"
