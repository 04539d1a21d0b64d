from typing import Literal

RuleFieldOutKind = Literal["boolean", "choice", "datetime", "list", "number", "text"]

RULE_FIELD_OUT_KIND_VALUES: set[RuleFieldOutKind] = {
    "boolean",
    "choice",
    "datetime",
    "list",
    "number",
    "text",
}


def check_rule_field_out_kind(value: str) -> RuleFieldOutKind:
    if value in RULE_FIELD_OUT_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_FIELD_OUT_KIND_VALUES!r}")
