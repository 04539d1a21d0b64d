from typing import Literal

PresenceState = Literal["replying", "viewing"]

PRESENCE_STATE_VALUES: set[PresenceState] = {
    "replying",
    "viewing",
}


def check_presence_state(value: str) -> PresenceState:
    if value in PRESENCE_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PRESENCE_STATE_VALUES!r}")
