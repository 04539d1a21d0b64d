from typing import Literal

Availability = Literal["available", "away", "busy", "offline"]

AVAILABILITY_VALUES: set[Availability] = {
    "available",
    "away",
    "busy",
    "offline",
}


def check_availability(value: str) -> Availability:
    if value in AVAILABILITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AVAILABILITY_VALUES!r}")
