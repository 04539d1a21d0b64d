from typing import Literal

ViewCommandSort = Literal[
    "-created_at", "-priority", "-sla_due_at", "-updated_at", "created_at", "priority", "sla_due_at", "updated_at"
]

VIEW_COMMAND_SORT_VALUES: set[ViewCommandSort] = {
    "-created_at",
    "-priority",
    "-sla_due_at",
    "-updated_at",
    "created_at",
    "priority",
    "sla_due_at",
    "updated_at",
}


def check_view_command_sort(value: str) -> ViewCommandSort:
    if value in VIEW_COMMAND_SORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIEW_COMMAND_SORT_VALUES!r}")
