from typing import Literal

EscalationActionOutputRoleType0 = Literal["admin", "agent", "manager"]

ESCALATION_ACTION_OUTPUT_ROLE_TYPE_0_VALUES: set[EscalationActionOutputRoleType0] = {
    "admin",
    "agent",
    "manager",
}


def check_escalation_action_output_role_type_0(value: str) -> EscalationActionOutputRoleType0:
    if value in ESCALATION_ACTION_OUTPUT_ROLE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ESCALATION_ACTION_OUTPUT_ROLE_TYPE_0_VALUES!r}")
