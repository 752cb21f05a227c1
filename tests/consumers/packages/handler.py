"""A user's handler of meetbot's job.failed, against the installed wheel, under mypy --strict."""

from typing import assert_never

from error_taxonomy_codes import (
    MEETBOT_FAILURE_CODE,
    MEETBOT_FAILURE_CODE_UNKNOWN,
    Handling,
    is_meetbot_failure_code,
)


def act(handling: Handling) -> str:
    match handling:
        case "notify_user":
            return "tell the user"
        case "retry_later":
            return "retry later"
        case "page_on_call":
            return "page on-call"
        case "log":
            return "log"
        case "treat_as_finalized":
            return "finalize"
        case _:
            assert_never(handling)


def on_job_failed(code: str) -> str:
    if not is_meetbot_failure_code(code):
        handling: Handling = MEETBOT_FAILURE_CODE_UNKNOWN["handling"]
        return act(handling)
    facts = MEETBOT_FAILURE_CODE[code]
    delay: int | None = facts["retry_delay_s"]
    return f"{act(facts['handling'])}: {facts['description']} (billing {facts['billing']}, {delay} s)"


answers = [on_job_failed("host_denied_admission"), on_job_failed("a_code_from_tomorrow")]
assert answers[0].startswith("tell the user"), answers
assert answers[1] == "page on-call", answers
print("\n".join(answers))
