from typing import Literal

EscalationActionInputNotifyType0 = Literal["assignee", "department_manager", "role"]

ESCALATION_ACTION_INPUT_NOTIFY_TYPE_0_VALUES: set[EscalationActionInputNotifyType0] = {
    "assignee",
    "department_manager",
    "role",
}


def check_escalation_action_input_notify_type_0(value: str) -> EscalationActionInputNotifyType0:
    if value in ESCALATION_ACTION_INPUT_NOTIFY_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_ACTION_INPUT_NOTIFY_TYPE_0_VALUES!r}")
