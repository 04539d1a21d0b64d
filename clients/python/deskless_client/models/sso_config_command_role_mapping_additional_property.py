from typing import Literal

SsoConfigCommandRoleMappingAdditionalProperty = Literal["admin", "agent", "manager"]

SSO_CONFIG_COMMAND_ROLE_MAPPING_ADDITIONAL_PROPERTY_VALUES: set[SsoConfigCommandRoleMappingAdditionalProperty] = {
    "admin",
    "agent",
    "manager",
}


def check_sso_config_command_role_mapping_additional_property(
    value: str,
) -> SsoConfigCommandRoleMappingAdditionalProperty:
    if value in SSO_CONFIG_COMMAND_ROLE_MAPPING_ADDITIONAL_PROPERTY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SSO_CONFIG_COMMAND_ROLE_MAPPING_ADDITIONAL_PROPERTY_VALUES!r}"
    )
