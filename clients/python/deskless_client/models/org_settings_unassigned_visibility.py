from typing import Literal

OrgSettingsUnassignedVisibility = Literal["all", "own_departments"]

ORG_SETTINGS_UNASSIGNED_VISIBILITY_VALUES: set[OrgSettingsUnassignedVisibility] = {
    "all",
    "own_departments",
}


def check_org_settings_unassigned_visibility(value: str) -> OrgSettingsUnassignedVisibility:
    if value in ORG_SETTINGS_UNASSIGNED_VISIBILITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORG_SETTINGS_UNASSIGNED_VISIBILITY_VALUES!r}")
