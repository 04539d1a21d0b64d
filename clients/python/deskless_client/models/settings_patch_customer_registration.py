from typing import Literal

SettingsPatchCustomerRegistration = Literal["domains", "off", "open"]

SETTINGS_PATCH_CUSTOMER_REGISTRATION_VALUES: set[SettingsPatchCustomerRegistration] = {
    "domains",
    "off",
    "open",
}


def check_settings_patch_customer_registration(value: str) -> SettingsPatchCustomerRegistration:
    if value in SETTINGS_PATCH_CUSTOMER_REGISTRATION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SETTINGS_PATCH_CUSTOMER_REGISTRATION_VALUES!r}")
