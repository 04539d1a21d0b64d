from typing import Literal

NotifyRecipient = Literal["assignee", "requester", "role", "user"]

NOTIFY_RECIPIENT_VALUES: set[NotifyRecipient] = {
    "assignee",
    "requester",
    "role",
    "user",
}


def check_notify_recipient(value: str) -> NotifyRecipient:
    if value in NOTIFY_RECIPIENT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {NOTIFY_RECIPIENT_VALUES!r}")
