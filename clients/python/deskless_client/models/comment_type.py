from typing import Literal

CommentType = Literal["internal", "public"]

COMMENT_TYPE_VALUES: set[CommentType] = {
    "internal",
    "public",
}


def check_comment_type(value: str) -> CommentType:
    if value in COMMENT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COMMENT_TYPE_VALUES!r}")
