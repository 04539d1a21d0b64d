from typing import Literal

Target = Literal["first_response", "resolution"]

TARGET_VALUES: set[Target] = {
    "first_response",
    "resolution",
}


def check_target(value: str) -> Target:
    if value in TARGET_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TARGET_VALUES!r}")
