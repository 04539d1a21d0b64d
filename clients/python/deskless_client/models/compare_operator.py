from typing import Literal

CompareOperator = Literal["contains", "is", "is_not", "not_contains", "starts_with"]

COMPARE_OPERATOR_VALUES: set[CompareOperator] = {
    "contains",
    "is",
    "is_not",
    "not_contains",
    "starts_with",
}


def check_compare_operator(value: str) -> CompareOperator:
    if value in COMPARE_OPERATOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {COMPARE_OPERATOR_VALUES!r}")
