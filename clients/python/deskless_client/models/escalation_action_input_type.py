from typing import Literal

EscalationActionInputType = Literal["add_tag", "notify", "raise_priority", "reassign"]

ESCALATION_ACTION_INPUT_TYPE_VALUES: set[EscalationActionInputType] = {
    "add_tag",
    "notify",
    "raise_priority",
    "reassign",
}


def check_escalation_action_input_type(value: str) -> EscalationActionInputType:
    if value in ESCALATION_ACTION_INPUT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_ACTION_INPUT_TYPE_VALUES!r}")
