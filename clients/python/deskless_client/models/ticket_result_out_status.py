from typing import Literal

TicketResultOutStatus = Literal["applied", "failed", "unchanged"]

TICKET_RESULT_OUT_STATUS_VALUES: set[TicketResultOutStatus] = {
    "applied",
    "failed",
    "unchanged",
}


def check_ticket_result_out_status(value: str) -> TicketResultOutStatus:
    if value in TICKET_RESULT_OUT_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TICKET_RESULT_OUT_STATUS_VALUES!r}")
