from typing import Literal

EscalationStepOutputWhen = Literal["after_breach", "before_breach"]

ESCALATION_STEP_OUTPUT_WHEN_VALUES: set[EscalationStepOutputWhen] = {
    "after_breach",
    "before_breach",
}


def check_escalation_step_output_when(value: str) -> EscalationStepOutputWhen:
    if value in ESCALATION_STEP_OUTPUT_WHEN_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_STEP_OUTPUT_WHEN_VALUES!r}")
