from typing import Literal

BrokenReferenceOutKind = Literal["custom_field", "department", "sla_policy", "technician", "user"]

BROKEN_REFERENCE_OUT_KIND_VALUES: set[BrokenReferenceOutKind] = {
    "custom_field",
    "department",
    "sla_policy",
    "technician",
    "user",
}


def check_broken_reference_out_kind(value: str) -> BrokenReferenceOutKind:
    if value in BROKEN_REFERENCE_OUT_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BROKEN_REFERENCE_OUT_KIND_VALUES!r}")
