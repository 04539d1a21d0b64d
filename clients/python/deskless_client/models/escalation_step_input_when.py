from typing import Literal

EscalationStepInputWhen = Literal["after_breach", "before_breach"]

ESCALATION_STEP_INPUT_WHEN_VALUES: set[EscalationStepInputWhen] = {
    "after_breach",
    "before_breach",
}


def check_escalation_step_input_when(value: str) -> EscalationStepInputWhen:
    if value in ESCALATION_STEP_INPUT_WHEN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_STEP_INPUT_WHEN_VALUES!r}")
