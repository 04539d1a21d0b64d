from typing import Literal

Status = Literal["closed", "new", "on_hold", "open", "pending", "solved"]

STATUS_VALUES: set[Status] = {
    "closed",
    "new",
    "on_hold",
    "open",
    "pending",
    "solved",
}


def check_status(value: str) -> Status:
    if value in STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STATUS_VALUES!r}")
