from typing import Literal

AssignToStrategy = Literal["least_loaded", "round_robin"]

ASSIGN_TO_STRATEGY_VALUES: set[AssignToStrategy] = {
    "least_loaded",
    "round_robin",
}


def check_assign_to_strategy(value: str) -> AssignToStrategy:
    if value in ASSIGN_TO_STRATEGY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ASSIGN_TO_STRATEGY_VALUES!r}")
