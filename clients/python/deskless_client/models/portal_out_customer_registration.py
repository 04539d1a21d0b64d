from typing import Literal

PortalOutCustomerRegistration = Literal["domains", "off", "open"]

PORTAL_OUT_CUSTOMER_REGISTRATION_VALUES: set[PortalOutCustomerRegistration] = {
    "domains",
    "off",
    "open",
}


def check_portal_out_customer_registration(value: str) -> PortalOutCustomerRegistration:
    if value in PORTAL_OUT_CUSTOMER_REGISTRATION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PORTAL_OUT_CUSTOMER_REGISTRATION_VALUES!r}")
