from typing import Literal

EscalationStepWhen = Literal["after_breach", "before_breach"]

ESCALATION_STEP_WHEN_VALUES: set[EscalationStepWhen] = {
    "after_breach",
    "before_breach",
}


def check_escalation_step_when(value: str) -> EscalationStepWhen:
    if value in ESCALATION_STEP_WHEN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_STEP_WHEN_VALUES!r}")
