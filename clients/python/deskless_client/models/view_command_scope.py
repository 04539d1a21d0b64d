from typing import Literal

ViewCommandScope = Literal["department", "organization", "personal"]

VIEW_COMMAND_SCOPE_VALUES: set[ViewCommandScope] = {
    "department",
    "organization",
    "personal",
}


def check_view_command_scope(value: str) -> ViewCommandScope:
    if value in VIEW_COMMAND_SCOPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIEW_COMMAND_SCOPE_VALUES!r}")
