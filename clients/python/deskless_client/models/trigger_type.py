from typing import Literal

TriggerType = Literal[
    "comment_added",
    "job_declined",
    "sla_breached",
    "sla_warning",
    "ticket_created",
    "ticket_merged",
    "ticket_updated",
    "time_based",
    "work_order_assigned",
    "work_order_completed",
    "work_order_created",
    "work_order_overdue",
    "work_order_status_changed",
]

TRIGGER_TYPE_VALUES: set[TriggerType] = {
    "comment_added",
    "job_declined",
    "sla_breached",
    "sla_warning",
    "ticket_created",
    "ticket_merged",
    "ticket_updated",
    "time_based",
    "work_order_assigned",
    "work_order_completed",
    "work_order_created",
    "work_order_overdue",
    "work_order_status_changed",
}


def check_trigger_type(value: str) -> TriggerType:
    if value in TRIGGER_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TRIGGER_TYPE_VALUES!r}")
