from typing import Literal

ViewPatchColumnsItem = Literal[
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

VIEW_PATCH_COLUMNS_ITEM_VALUES: set[ViewPatchColumnsItem] = {
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


def check_view_patch_columns_item(value: str) -> ViewPatchColumnsItem:
    if value in VIEW_PATCH_COLUMNS_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIEW_PATCH_COLUMNS_ITEM_VALUES!r}")
