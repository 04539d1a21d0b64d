from typing import Literal

RuleParameterOutKind = Literal["boolean", "choice", "list", "number", "scalar", "text", "url"]

RULE_PARAMETER_OUT_KIND_VALUES: set[RuleParameterOutKind] = {
    "boolean",
    "choice",
    "list",
    "number",
    "scalar",
    "text",
    "url",
}


def check_rule_parameter_out_kind(value: str) -> RuleParameterOutKind:
    if value in RULE_PARAMETER_OUT_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RULE_PARAMETER_OUT_KIND_VALUES!r}")
