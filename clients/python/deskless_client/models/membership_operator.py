from typing import Literal

MembershipOperator = Literal["in", "not_in"]

MEMBERSHIP_OPERATOR_VALUES: set[MembershipOperator] = {
    "in",
    "not_in",
}


def check_membership_operator(value: str) -> MembershipOperator:
    if value in MEMBERSHIP_OPERATOR_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MEMBERSHIP_OPERATOR_VALUES!r}")
