from typing import Literal

SettingsPatchTicketCcsFromMail = Literal["add", "off"]

SETTINGS_PATCH_TICKET_CCS_FROM_MAIL_VALUES: set[SettingsPatchTicketCcsFromMail] = {
    "add",
    "off",
}


def check_settings_patch_ticket_ccs_from_mail(value: str) -> SettingsPatchTicketCcsFromMail:
    if value in SETTINGS_PATCH_TICKET_CCS_FROM_MAIL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SETTINGS_PATCH_TICKET_CCS_FROM_MAIL_VALUES!r}")
