from typing import Literal

PreviewCommentOutCommentType = Literal["internal", "public"]

PREVIEW_COMMENT_OUT_COMMENT_TYPE_VALUES: set[PreviewCommentOutCommentType] = {
    "internal",
    "public",
}


def check_preview_comment_out_comment_type(value: str) -> PreviewCommentOutCommentType:
    if value in PREVIEW_COMMENT_OUT_COMMENT_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PREVIEW_COMMENT_OUT_COMMENT_TYPE_VALUES!r}")
