from typing import Literal

SettingsPatchUnassignedVisibility = Literal["all", "own_departments"]

SETTINGS_PATCH_UNASSIGNED_VISIBILITY_VALUES: set[SettingsPatchUnassignedVisibility] = {
    "all",
    "own_departments",
}


def check_settings_patch_unassigned_visibility(value: str) -> SettingsPatchUnassignedVisibility:
    if value in SETTINGS_PATCH_UNASSIGNED_VISIBILITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SETTINGS_PATCH_UNASSIGNED_VISIBILITY_VALUES!r}")
