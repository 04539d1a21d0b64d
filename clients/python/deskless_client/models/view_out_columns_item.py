from typing import Literal

ViewOutColumnsItem = Literal[
    "assignee",
    "created_at",
    "department",
    "priority",
    "requester",
    "sla",
    "sla_due_at",
    "status",
    "subject",
    "tags",
    "ticket_number",
    "updated_at",
]

VIEW_OUT_COLUMNS_ITEM_VALUES: set[ViewOutColumnsItem] = {
    "assignee",
    "created_at",
    "department",
    "priority",
    "requester",
    "sla",
    "sla_due_at",
    "status",
    "subject",
    "tags",
    "ticket_number",
    "updated_at",
}


def check_view_out_columns_item(value: str) -> ViewOutColumnsItem:
    if value in VIEW_OUT_COLUMNS_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIEW_OUT_COLUMNS_ITEM_VALUES!r}")
