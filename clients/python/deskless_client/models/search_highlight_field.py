from typing import Literal

SearchHighlightField = Literal["comment", "description", "requester", "subject", "tags"]

SEARCH_HIGHLIGHT_FIELD_VALUES: set[SearchHighlightField] = {
    "comment",
    "description",
    "requester",
    "subject",
    "tags",
}


def check_search_highlight_field(value: str) -> SearchHighlightField:
    if value in SEARCH_HIGHLIGHT_FIELD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEARCH_HIGHLIGHT_FIELD_VALUES!r}")
