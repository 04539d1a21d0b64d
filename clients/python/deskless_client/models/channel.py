from typing import Literal

Channel = Literal["api", "email", "phone", "web", "webhook"]

CHANNEL_VALUES: set[Channel] = {
    "api",
    "email",
    "phone",
    "web",
    "webhook",
}


def check_channel(value: str) -> Channel:
    if value in CHANNEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANNEL_VALUES!r}")
