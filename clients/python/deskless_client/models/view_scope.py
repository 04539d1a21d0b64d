from typing import Literal

ViewScope = Literal["builtin", "department", "organization", "personal"]

VIEW_SCOPE_VALUES: set[ViewScope] = {
    "builtin",
    "department",
    "organization",
    "personal",
}


def check_view_scope(value: str) -> ViewScope:
    if value in VIEW_SCOPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIEW_SCOPE_VALUES!r}")
