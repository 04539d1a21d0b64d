from typing import Literal

ViewOutSort = Literal[
    "-created_at", "-priority", "-sla_due_at", "-updated_at", "created_at", "priority", "sla_due_at", "updated_at"
]

VIEW_OUT_SORT_VALUES: set[ViewOutSort] = {
    "-created_at",
    "-priority",
    "-sla_due_at",
    "-updated_at",
    "created_at",
    "priority",
    "sla_due_at",
    "updated_at",
}


def check_view_out_sort(value: str) -> ViewOutSort:
    if value in VIEW_OUT_SORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIEW_OUT_SORT_VALUES!r}")
