from typing import Literal

EscalationActionOutputType = Literal["add_tag", "notify", "raise_priority", "reassign"]

ESCALATION_ACTION_OUTPUT_TYPE_VALUES: set[EscalationActionOutputType] = {
    "add_tag",
    "notify",
    "raise_priority",
    "reassign",
}


def check_escalation_action_output_type(value: str) -> EscalationActionOutputType:
    if value in ESCALATION_ACTION_OUTPUT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_ACTION_OUTPUT_TYPE_VALUES!r}")
