from typing import Literal

TicketSLAStatusOutTargetType0 = Literal["first_response", "resolution"]

TICKET_SLA_STATUS_OUT_TARGET_TYPE_0_VALUES: set[TicketSLAStatusOutTargetType0] = {
    "first_response",
    "resolution",
}


def check_ticket_sla_status_out_target_type_0(value: str) -> TicketSLAStatusOutTargetType0:
    if value in TICKET_SLA_STATUS_OUT_TARGET_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TICKET_SLA_STATUS_OUT_TARGET_TYPE_0_VALUES!r}")
