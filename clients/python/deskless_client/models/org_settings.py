from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.org_settings_customer_registration import (
    OrgSettingsCustomerRegistration,
    check_org_settings_customer_registration,
)
from ..models.org_settings_ticket_ccs_from_mail import (
    OrgSettingsTicketCcsFromMail,
    check_org_settings_ticket_ccs_from_mail,
)
from ..models.org_settings_unassigned_visibility import (
    OrgSettingsUnassignedVisibility,
    check_org_settings_unassigned_visibility,
)

if TYPE_CHECKING:
    from ..models.business_hours_output import BusinessHoursOutput
    from ..models.custom_field_definition_output import CustomFieldDefinitionOutput
    from ..models.org_settings_channel_departments import OrgSettingsChannelDepartments


T = TypeVar("T", bound="OrgSettings")


@_attrs_define
class OrgSettings:
    """Per-organization settings (``PATCH /organization`` replaces the fields it names).

    Attributes:
        ticket_number_prefix (str):  Default: 'T'.
        support_email_addresses (list[str]):
        timezone (str):  Default: 'UTC'.
        business_hours (BusinessHoursOutput):
        default_language (str):  Default: 'en'.
        session_idle_minutes (int):  Default: 480.
        session_lifetime_hours (int):  Default: 168.
        custom_fields (list[CustomFieldDefinitionOutput]):
        attachment_max_bytes (int):  Default: 26214400.
        attachment_content_types (list[str]):
        accept_legacy_webhook_signatures (bool): also accept inbound webhook signatures over <t>.<body> without the
            delivery id (deprecated, for one release); each such signature is then honoured for one delivery id only
            Default: False.
        customer_registration (OrgSettingsCustomerRegistration): customer self-registration on the portal: off, open to
            anyone, or only for addresses at registration_domains Default: 'off'.
        registration_domains (list[str]): lowercase domains allowed to register (setting 'domains')
        require_two_factor (bool): staff must have two-factor login: a staff invitation is accepted only with a TOTP
            code (existing staff without it can still log in; GET /users shows two_factor_enabled) Default: False.
        ticket_ccs_from_mail (OrgSettingsTicketCcsFromMail): add: a new ticket from mail copies the message's other
            To/Cc addresses (at most 20; never a support address), and a reply by mail adds the new ones; off: CCs only by
            hand Default: 'add'.
        channel_departments (OrgSettingsChannelDepartments): the department a new ticket gets by the channel it arrives
            through (web: staff in the app, portal: customers, api: API tokens, email, webhook), unless its support address
            names one
        unassigned_visibility (OrgSettingsUnassignedVisibility): own_departments: agents without tickets.view_all see
            unassigned tickets only of their departments (and those with no department) Default: 'all'.
    """

    support_email_addresses: list[str]
    business_hours: BusinessHoursOutput
    custom_fields: list[CustomFieldDefinitionOutput]
    attachment_content_types: list[str]
    registration_domains: list[str]
    channel_departments: OrgSettingsChannelDepartments
    ticket_number_prefix: str = "T"
    timezone: str = "UTC"
    default_language: str = "en"
    session_idle_minutes: int = 480
    session_lifetime_hours: int = 168
    attachment_max_bytes: int = 26214400
    accept_legacy_webhook_signatures: bool = False
    customer_registration: OrgSettingsCustomerRegistration = "off"
    require_two_factor: bool = False
    ticket_ccs_from_mail: OrgSettingsTicketCcsFromMail = "add"
    unassigned_visibility: OrgSettingsUnassignedVisibility = "all"

    def to_dict(self) -> dict[str, Any]:
        ticket_number_prefix = self.ticket_number_prefix

        support_email_addresses = self.support_email_addresses

        timezone = self.timezone

        business_hours = self.business_hours.to_dict()

        default_language = self.default_language

        session_idle_minutes = self.session_idle_minutes

        session_lifetime_hours = self.session_lifetime_hours

        custom_fields = []
        for custom_fields_item_data in self.custom_fields:
            custom_fields_item = custom_fields_item_data.to_dict()
            custom_fields.append(custom_fields_item)

        attachment_max_bytes = self.attachment_max_bytes

        attachment_content_types = self.attachment_content_types

        accept_legacy_webhook_signatures = self.accept_legacy_webhook_signatures

        customer_registration: str = self.customer_registration

        registration_domains = self.registration_domains

        require_two_factor = self.require_two_factor

        ticket_ccs_from_mail: str = self.ticket_ccs_from_mail

        channel_departments = self.channel_departments.to_dict()

        unassigned_visibility: str = self.unassigned_visibility

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ticket_number_prefix": ticket_number_prefix,
                "support_email_addresses": support_email_addresses,
                "timezone": timezone,
                "business_hours": business_hours,
                "default_language": default_language,
                "session_idle_minutes": session_idle_minutes,
                "session_lifetime_hours": session_lifetime_hours,
                "custom_fields": custom_fields,
                "attachment_max_bytes": attachment_max_bytes,
                "attachment_content_types": attachment_content_types,
                "accept_legacy_webhook_signatures": accept_legacy_webhook_signatures,
                "customer_registration": customer_registration,
                "registration_domains": registration_domains,
                "require_two_factor": require_two_factor,
                "ticket_ccs_from_mail": ticket_ccs_from_mail,
                "channel_departments": channel_departments,
                "unassigned_visibility": unassigned_visibility,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_hours_output import BusinessHoursOutput  # noqa: PLC0415
        from ..models.custom_field_definition_output import CustomFieldDefinitionOutput  # noqa: PLC0415
        from ..models.org_settings_channel_departments import OrgSettingsChannelDepartments  # noqa: PLC0415

        d = dict(src_dict)
        ticket_number_prefix = d.pop("ticket_number_prefix")

        support_email_addresses = cast(list[str], d.pop("support_email_addresses"))

        timezone = d.pop("timezone")

        business_hours = BusinessHoursOutput.from_dict(d.pop("business_hours"))

        default_language = d.pop("default_language")

        session_idle_minutes = d.pop("session_idle_minutes")

        session_lifetime_hours = d.pop("session_lifetime_hours")

        custom_fields = []
        _custom_fields = d.pop("custom_fields")
        for custom_fields_item_data in _custom_fields:
            custom_fields_item = CustomFieldDefinitionOutput.from_dict(custom_fields_item_data)

            custom_fields.append(custom_fields_item)

        attachment_max_bytes = d.pop("attachment_max_bytes")

        attachment_content_types = cast(list[str], d.pop("attachment_content_types"))

        accept_legacy_webhook_signatures = d.pop("accept_legacy_webhook_signatures")

        customer_registration = check_org_settings_customer_registration(d.pop("customer_registration"))

        registration_domains = cast(list[str], d.pop("registration_domains"))

        require_two_factor = d.pop("require_two_factor")

        ticket_ccs_from_mail = check_org_settings_ticket_ccs_from_mail(d.pop("ticket_ccs_from_mail"))

        channel_departments = OrgSettingsChannelDepartments.from_dict(d.pop("channel_departments"))

        unassigned_visibility = check_org_settings_unassigned_visibility(d.pop("unassigned_visibility"))

        org_settings = cls(
            ticket_number_prefix=ticket_number_prefix,
            support_email_addresses=support_email_addresses,
            timezone=timezone,
            business_hours=business_hours,
            default_language=default_language,
            session_idle_minutes=session_idle_minutes,
            session_lifetime_hours=session_lifetime_hours,
            custom_fields=custom_fields,
            attachment_max_bytes=attachment_max_bytes,
            attachment_content_types=attachment_content_types,
            accept_legacy_webhook_signatures=accept_legacy_webhook_signatures,
            customer_registration=customer_registration,
            registration_domains=registration_domains,
            require_two_factor=require_two_factor,
            ticket_ccs_from_mail=ticket_ccs_from_mail,
            channel_departments=channel_departments,
            unassigned_visibility=unassigned_visibility,
        )

        return org_settings
