from typing import Literal

RetainedEntity = Literal["attachments", "comments", "history", "kb_views", "sessions", "tickets", "work_orders"]

RETAINED_ENTITY_VALUES: set[RetainedEntity] = {
    "attachments",
    "comments",
    "history",
    "kb_views",
    "sessions",
    "tickets",
    "work_orders",
}


def check_retained_entity(value: str) -> RetainedEntity:
    if value in RETAINED_ENTITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RETAINED_ENTITY_VALUES!r}")
