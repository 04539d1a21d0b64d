from typing import Literal

ViewPatchSort = Literal[
    "-created_at", "-priority", "-sla_due_at", "-updated_at", "created_at", "priority", "sla_due_at", "updated_at"
]

VIEW_PATCH_SORT_VALUES: set[ViewPatchSort] = {
    "-created_at",
    "-priority",
    "-sla_due_at",
    "-updated_at",
    "created_at",
    "priority",
    "sla_due_at",
    "updated_at",
}


def check_view_patch_sort(value: str) -> ViewPatchSort:
    if value in VIEW_PATCH_SORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIEW_PATCH_SORT_VALUES!r}")
