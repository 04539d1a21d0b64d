from typing import Literal

TicketSLAStatusOutState = Literal["breached", "met", "none", "paused", "running", "warning"]

TICKET_SLA_STATUS_OUT_STATE_VALUES: set[TicketSLAStatusOutState] = {
    "breached",
    "met",
    "none",
    "paused",
    "running",
    "warning",
}


def check_ticket_sla_status_out_state(value: str) -> TicketSLAStatusOutState:
    if value in TICKET_SLA_STATUS_OUT_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TICKET_SLA_STATUS_OUT_STATE_VALUES!r}")
