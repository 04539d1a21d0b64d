from typing import Literal

OrgSettingsTicketCcsFromMail = Literal["add", "off"]

ORG_SETTINGS_TICKET_CCS_FROM_MAIL_VALUES: set[OrgSettingsTicketCcsFromMail] = {
    "add",
    "off",
}


def check_org_settings_ticket_ccs_from_mail(value: str) -> OrgSettingsTicketCcsFromMail:
    if value in ORG_SETTINGS_TICKET_CCS_FROM_MAIL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORG_SETTINGS_TICKET_CCS_FROM_MAIL_VALUES!r}")
