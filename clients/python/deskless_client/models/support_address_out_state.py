from typing import Literal

SupportAddressOutState = Literal["pending", "verified"]

SUPPORT_ADDRESS_OUT_STATE_VALUES: set[SupportAddressOutState] = {
    "pending",
    "verified",
}


def check_support_address_out_state(value: str) -> SupportAddressOutState:
    if value in SUPPORT_ADDRESS_OUT_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SUPPORT_ADDRESS_OUT_STATE_VALUES!r}")
