from typing import Literal

SsoConfigCommandDefaultRoleType0 = Literal["agent", "manager"]

SSO_CONFIG_COMMAND_DEFAULT_ROLE_TYPE_0_VALUES: set[SsoConfigCommandDefaultRoleType0] = {
    "agent",
    "manager",
}


def check_sso_config_command_default_role_type_0(value: str) -> SsoConfigCommandDefaultRoleType0:
    if value in SSO_CONFIG_COMMAND_DEFAULT_ROLE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SSO_CONFIG_COMMAND_DEFAULT_ROLE_TYPE_0_VALUES!r}")
