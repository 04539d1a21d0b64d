from typing import Literal

ChangedValueOperator = Literal["changed_from", "changed_to"]

CHANGED_VALUE_OPERATOR_VALUES: set[ChangedValueOperator] = {
    "changed_from",
    "changed_to",
}


def check_changed_value_operator(value: str) -> ChangedValueOperator:
    if value in CHANGED_VALUE_OPERATOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANGED_VALUE_OPERATOR_VALUES!r}")
