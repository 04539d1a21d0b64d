from typing import Literal

EscalationActionRoleType0 = Literal["admin", "agent", "manager"]

ESCALATION_ACTION_ROLE_TYPE_0_VALUES: set[EscalationActionRoleType0] = {
    "admin",
    "agent",
    "manager",
}


def check_escalation_action_role_type_0(value: str) -> EscalationActionRoleType0:
    if value in ESCALATION_ACTION_ROLE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_ACTION_ROLE_TYPE_0_VALUES!r}")
