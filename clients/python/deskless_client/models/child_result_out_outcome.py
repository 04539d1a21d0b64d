from typing import Literal

ChildResultOutOutcome = Literal["failed", "skipped", "solved"]

CHILD_RESULT_OUT_OUTCOME_VALUES: set[ChildResultOutOutcome] = {
    "failed",
    "skipped",
    "solved",
}


def check_child_result_out_outcome(value: str) -> ChildResultOutOutcome:
    if value in CHILD_RESULT_OUT_OUTCOME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHILD_RESULT_OUT_OUTCOME_VALUES!r}")
