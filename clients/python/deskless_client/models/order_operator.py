from typing import Literal

OrderOperator = Literal["gt", "lt"]

ORDER_OPERATOR_VALUES: set[OrderOperator] = {
    "gt",
    "lt",
}


def check_order_operator(value: str) -> OrderOperator:
    if value in ORDER_OPERATOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORDER_OPERATOR_VALUES!r}")
