from typing import Literal

RuleTriggerOutSubject = Literal["ticket", "work_order"]

RULE_TRIGGER_OUT_SUBJECT_VALUES: set[RuleTriggerOutSubject] = {
    "ticket",
    "work_order",
}


def check_rule_trigger_out_subject(value: str) -> RuleTriggerOutSubject:
    if value in RULE_TRIGGER_OUT_SUBJECT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_TRIGGER_OUT_SUBJECT_VALUES!r}")
