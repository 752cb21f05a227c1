"""A user's handler of meetbot's job.failed, against the installed wheel, under mypy --strict."""

from typing import assert_never

from error_taxonomy_codes import (
    MEETBOT_FAILURE_CODE,
    MEETBOT_FAILURE_CODE_UNKNOWN,
    Handling,
    MeetbotFailureCode,
    is_meetbot_failure_code,
)
from error_taxonomy_codes.judgement import classify, parse_retry_after, read_text


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

# A legacy free-text reason, read by the crate's rules.
reason: MeetbotFailureCode | None = read_text("host clicked 'Deny' after 47s in waiting room").code
assert reason == "host_denied_admission", reason

# A Recall.ai error response: a known code decides the retry.
error = classify(409, parse_retry_after(None, 0), b'{"code": "cannot_command_completed_bot"}')
assert (error.known, error.retry_class) == ("cannot_command_completed_bot", "never"), error
print(reason, error.known, error.retry_class)
