from typing import Literal

QuickRating = Literal["bad", "good"]

QUICK_RATING_VALUES: set[QuickRating] = {
    "bad",
    "good",
}


def check_quick_rating(value: str) -> QuickRating:
    if value in QUICK_RATING_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {QUICK_RATING_VALUES!r}")
