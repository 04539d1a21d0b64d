from typing import Literal

TriggerType = Literal[
    "comment_added", "sla_breached", "sla_warning", "ticket_created", "ticket_merged", "ticket_updated", "time_based"
]

TRIGGER_TYPE_VALUES: set[TriggerType] = {
    "comment_added",
    "sla_breached",
    "sla_warning",
    "ticket_created",
    "ticket_merged",
    "ticket_updated",
    "time_based",
}


def check_trigger_type(value: str) -> TriggerType:
    if value in TRIGGER_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TRIGGER_TYPE_VALUES!r}")
