from typing import Literal

EscalationActionOutputNotifyType0 = Literal["assignee", "department_manager", "role"]

ESCALATION_ACTION_OUTPUT_NOTIFY_TYPE_0_VALUES: set[EscalationActionOutputNotifyType0] = {
    "assignee",
    "department_manager",
    "role",
}


def check_escalation_action_output_notify_type_0(value: str) -> EscalationActionOutputNotifyType0:
    if value in ESCALATION_ACTION_OUTPUT_NOTIFY_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_ACTION_OUTPUT_NOTIFY_TYPE_0_VALUES!r}")
