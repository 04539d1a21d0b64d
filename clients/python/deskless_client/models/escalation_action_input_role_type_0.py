from typing import Literal

EscalationActionInputRoleType0 = Literal["admin", "agent", "manager"]

ESCALATION_ACTION_INPUT_ROLE_TYPE_0_VALUES: set[EscalationActionInputRoleType0] = {
    "admin",
    "agent",
    "manager",
}


def check_escalation_action_input_role_type_0(value: str) -> EscalationActionInputRoleType0:
    if value in ESCALATION_ACTION_INPUT_ROLE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_ACTION_INPUT_ROLE_TYPE_0_VALUES!r}")
