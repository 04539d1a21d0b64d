from typing import Literal

ApiTokenCommandRoleType0 = Literal["admin", "agent", "manager"]

API_TOKEN_COMMAND_ROLE_TYPE_0_VALUES: set[ApiTokenCommandRoleType0] = {
    "admin",
    "agent",
    "manager",
}


def check_api_token_command_role_type_0(value: str) -> ApiTokenCommandRoleType0:
    if value in API_TOKEN_COMMAND_ROLE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {API_TOKEN_COMMAND_ROLE_TYPE_0_VALUES!r}")
