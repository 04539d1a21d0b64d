from typing import Literal

LinkKind = Literal["child", "parent", "related"]

LINK_KIND_VALUES: set[LinkKind] = {
    "child",
    "parent",
    "related",
}


def check_link_kind(value: str) -> LinkKind:
    if value in LINK_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LINK_KIND_VALUES!r}")
