from typing import Literal

TechnicianStatus = Literal["available", "busy", "off", "on_leave"]

TECHNICIAN_STATUS_VALUES: set[TechnicianStatus] = {
    "available",
    "busy",
    "off",
    "on_leave",
}


def check_technician_status(value: str) -> TechnicianStatus:
    if value in TECHNICIAN_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TECHNICIAN_STATUS_VALUES!r}")
