from typing import Literal

RuleOperatorOutValue = Literal["list", "none", "number", "scalar", "text"]

RULE_OPERATOR_OUT_VALUE_VALUES: set[RuleOperatorOutValue] = {
    "list",
    "none",
    "number",
    "scalar",
    "text",
}


def check_rule_operator_out_value(value: str) -> RuleOperatorOutValue:
    if value in RULE_OPERATOR_OUT_VALUE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_OPERATOR_OUT_VALUE_VALUES!r}")
