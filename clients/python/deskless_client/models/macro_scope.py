from typing import Literal

MacroScope = Literal["organization", "personal"]

MACRO_SCOPE_VALUES: set[MacroScope] = {
    "organization",
    "personal",
}


def check_macro_scope(value: str) -> MacroScope:
    if value in MACRO_SCOPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MACRO_SCOPE_VALUES!r}")
