from typing import Literal

WorkOrderStatus = Literal["cancelled", "completed", "dispatched", "in_progress", "new", "on_hold", "scheduled"]

WORK_ORDER_STATUS_VALUES: set[WorkOrderStatus] = {
    "cancelled",
    "completed",
    "dispatched",
    "in_progress",
    "new",
    "on_hold",
    "scheduled",
}


def check_work_order_status(value: str) -> WorkOrderStatus:
    if value in WORK_ORDER_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WORK_ORDER_STATUS_VALUES!r}")
