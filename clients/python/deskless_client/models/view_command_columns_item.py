from typing import Literal

ViewCommandColumnsItem = Literal[
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

VIEW_COMMAND_COLUMNS_ITEM_VALUES: set[ViewCommandColumnsItem] = {
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


def check_view_command_columns_item(value: str) -> ViewCommandColumnsItem:
    if value in VIEW_COMMAND_COLUMNS_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIEW_COMMAND_COLUMNS_ITEM_VALUES!r}")
