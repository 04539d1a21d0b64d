from typing import Literal

EscalationActionType = Literal["add_tag", "notify", "raise_priority", "reassign"]

ESCALATION_ACTION_TYPE_VALUES: set[EscalationActionType] = {
    "add_tag",
    "notify",
    "raise_priority",
    "reassign",
}


def check_escalation_action_type(value: str) -> EscalationActionType:
    if value in ESCALATION_ACTION_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_ACTION_TYPE_VALUES!r}")
