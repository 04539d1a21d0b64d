from typing import Literal

OrgSettingsCustomerRegistration = Literal["domains", "off", "open"]

ORG_SETTINGS_CUSTOMER_REGISTRATION_VALUES: set[OrgSettingsCustomerRegistration] = {
    "domains",
    "off",
    "open",
}


def check_org_settings_customer_registration(value: str) -> OrgSettingsCustomerRegistration:
    if value in ORG_SETTINGS_CUSTOMER_REGISTRATION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORG_SETTINGS_CUSTOMER_REGISTRATION_VALUES!r}")
