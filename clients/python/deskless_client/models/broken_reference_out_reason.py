from typing import Literal

BrokenReferenceOutReason = Literal["deleted", "inactive", "invalid_value", "missing", "not_staff"]

BROKEN_REFERENCE_OUT_REASON_VALUES: set[BrokenReferenceOutReason] = {
    "deleted",
    "inactive",
    "invalid_value",
    "missing",
    "not_staff",
}


def check_broken_reference_out_reason(value: str) -> BrokenReferenceOutReason:
    if value in BROKEN_REFERENCE_OUT_REASON_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BROKEN_REFERENCE_OUT_REASON_VALUES!r}")
