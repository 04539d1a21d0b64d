from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.settings_patch_customer_registration import (
    SettingsPatchCustomerRegistration,
    check_settings_patch_customer_registration,
)
from ..models.settings_patch_ticket_ccs_from_mail import (
    SettingsPatchTicketCcsFromMail,
    check_settings_patch_ticket_ccs_from_mail,
)
from ..models.settings_patch_unassigned_visibility import (
    SettingsPatchUnassignedVisibility,
    check_settings_patch_unassigned_visibility,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.business_hours_input import BusinessHoursInput
    from ..models.custom_field_definition_input import CustomFieldDefinitionInput
    from ..models.settings_patch_channel_departments import SettingsPatchChannelDepartments


T = TypeVar("T", bound="SettingsPatch")


@_attrs_define
class SettingsPatch:
    """
    Attributes:
        ticket_number_prefix (str | Unset):
        support_email_addresses (list[str] | Unset):
        timezone (str | Unset):
        business_hours (BusinessHoursInput | Unset):
        default_language (str | Unset):
        session_idle_minutes (int | Unset):
        session_lifetime_hours (int | Unset):
        custom_fields (list[CustomFieldDefinitionInput] | Unset):
        attachment_max_bytes (int | Unset):
        attachment_content_types (list[str] | Unset):
        accept_legacy_webhook_signatures (bool | Unset):
        require_two_factor (bool | Unset):
        ticket_ccs_from_mail (SettingsPatchTicketCcsFromMail | Unset):
        customer_registration (SettingsPatchCustomerRegistration | Unset):
        registration_domains (list[str] | Unset):
        channel_departments (SettingsPatchChannelDepartments | Unset): replaces the map; {} routes no channel
        unassigned_visibility (SettingsPatchUnassignedVisibility | Unset):
    """

    ticket_number_prefix: str | Unset = UNSET
    support_email_addresses: list[str] | Unset = UNSET
    timezone: str | Unset = UNSET
    business_hours: BusinessHoursInput | Unset = UNSET
    default_language: str | Unset = UNSET
    session_idle_minutes: int | Unset = UNSET
    session_lifetime_hours: int | Unset = UNSET
    custom_fields: list[CustomFieldDefinitionInput] | Unset = UNSET
    attachment_max_bytes: int | Unset = UNSET
    attachment_content_types: list[str] | Unset = UNSET
    accept_legacy_webhook_signatures: bool | Unset = UNSET
    require_two_factor: bool | Unset = UNSET
    ticket_ccs_from_mail: SettingsPatchTicketCcsFromMail | Unset = UNSET
    customer_registration: SettingsPatchCustomerRegistration | Unset = UNSET
    registration_domains: list[str] | Unset = UNSET
    channel_departments: SettingsPatchChannelDepartments | Unset = UNSET
    unassigned_visibility: SettingsPatchUnassignedVisibility | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ticket_number_prefix = self.ticket_number_prefix

        support_email_addresses: list[str] | Unset = UNSET
        if not isinstance(self.support_email_addresses, Unset):
            support_email_addresses = self.support_email_addresses

        timezone = self.timezone

        business_hours: dict[str, Any] | Unset = UNSET
        if not isinstance(self.business_hours, Unset):
            business_hours = self.business_hours.to_dict()

        default_language = self.default_language

        session_idle_minutes = self.session_idle_minutes

        session_lifetime_hours = self.session_lifetime_hours

        custom_fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = []
            for custom_fields_item_data in self.custom_fields:
                custom_fields_item = custom_fields_item_data.to_dict()
                custom_fields.append(custom_fields_item)

        attachment_max_bytes = self.attachment_max_bytes

        attachment_content_types: list[str] | Unset = UNSET
        if not isinstance(self.attachment_content_types, Unset):
            attachment_content_types = self.attachment_content_types

        accept_legacy_webhook_signatures = self.accept_legacy_webhook_signatures

        require_two_factor = self.require_two_factor

        ticket_ccs_from_mail: str | Unset = UNSET
        if not isinstance(self.ticket_ccs_from_mail, Unset):
            ticket_ccs_from_mail = self.ticket_ccs_from_mail

        customer_registration: str | Unset = UNSET
        if not isinstance(self.customer_registration, Unset):
            customer_registration = self.customer_registration

        registration_domains: list[str] | Unset = UNSET
        if not isinstance(self.registration_domains, Unset):
            registration_domains = self.registration_domains

        channel_departments: dict[str, Any] | Unset = UNSET
        if not isinstance(self.channel_departments, Unset):
            channel_departments = self.channel_departments.to_dict()

        unassigned_visibility: str | Unset = UNSET
        if not isinstance(self.unassigned_visibility, Unset):
            unassigned_visibility = self.unassigned_visibility

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ticket_number_prefix is not UNSET:
            field_dict["ticket_number_prefix"] = ticket_number_prefix
        if support_email_addresses is not UNSET:
            field_dict["support_email_addresses"] = support_email_addresses
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if business_hours is not UNSET:
            field_dict["business_hours"] = business_hours
        if default_language is not UNSET:
            field_dict["default_language"] = default_language
        if session_idle_minutes is not UNSET:
            field_dict["session_idle_minutes"] = session_idle_minutes
        if session_lifetime_hours is not UNSET:
            field_dict["session_lifetime_hours"] = session_lifetime_hours
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if attachment_max_bytes is not UNSET:
            field_dict["attachment_max_bytes"] = attachment_max_bytes
        if attachment_content_types is not UNSET:
            field_dict["attachment_content_types"] = attachment_content_types
        if accept_legacy_webhook_signatures is not UNSET:
            field_dict["accept_legacy_webhook_signatures"] = accept_legacy_webhook_signatures
        if require_two_factor is not UNSET:
            field_dict["require_two_factor"] = require_two_factor
        if ticket_ccs_from_mail is not UNSET:
            field_dict["ticket_ccs_from_mail"] = ticket_ccs_from_mail
        if customer_registration is not UNSET:
            field_dict["customer_registration"] = customer_registration
        if registration_domains is not UNSET:
            field_dict["registration_domains"] = registration_domains
        if channel_departments is not UNSET:
            field_dict["channel_departments"] = channel_departments
        if unassigned_visibility is not UNSET:
            field_dict["unassigned_visibility"] = unassigned_visibility

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_hours_input import BusinessHoursInput  # noqa: PLC0415
        from ..models.custom_field_definition_input import CustomFieldDefinitionInput  # noqa: PLC0415
        from ..models.settings_patch_channel_departments import SettingsPatchChannelDepartments  # noqa: PLC0415

        d = dict(src_dict)
        ticket_number_prefix = d.pop("ticket_number_prefix", UNSET)

        support_email_addresses = cast(list[str], d.pop("support_email_addresses", UNSET))

        timezone = d.pop("timezone", UNSET)

        _business_hours = d.pop("business_hours", UNSET)
        business_hours: BusinessHoursInput | Unset
        if isinstance(_business_hours, Unset):
            business_hours = UNSET
        else:
            business_hours = BusinessHoursInput.from_dict(_business_hours)

        default_language = d.pop("default_language", UNSET)

        session_idle_minutes = d.pop("session_idle_minutes", UNSET)

        session_lifetime_hours = d.pop("session_lifetime_hours", UNSET)

        _custom_fields = d.pop("custom_fields", UNSET)
        custom_fields: list[CustomFieldDefinitionInput] | Unset = UNSET
        if _custom_fields is not UNSET:
            custom_fields = []
            for custom_fields_item_data in _custom_fields:
                custom_fields_item = CustomFieldDefinitionInput.from_dict(custom_fields_item_data)

                custom_fields.append(custom_fields_item)

        attachment_max_bytes = d.pop("attachment_max_bytes", UNSET)

        attachment_content_types = cast(list[str], d.pop("attachment_content_types", UNSET))

        accept_legacy_webhook_signatures = d.pop("accept_legacy_webhook_signatures", UNSET)

        require_two_factor = d.pop("require_two_factor", UNSET)

        _ticket_ccs_from_mail = d.pop("ticket_ccs_from_mail", UNSET)
        ticket_ccs_from_mail: SettingsPatchTicketCcsFromMail | Unset
        if isinstance(_ticket_ccs_from_mail, Unset):
            ticket_ccs_from_mail = UNSET
        else:
            ticket_ccs_from_mail = check_settings_patch_ticket_ccs_from_mail(_ticket_ccs_from_mail)

        _customer_registration = d.pop("customer_registration", UNSET)
        customer_registration: SettingsPatchCustomerRegistration | Unset
        if isinstance(_customer_registration, Unset):
            customer_registration = UNSET
        else:
            customer_registration = check_settings_patch_customer_registration(_customer_registration)

        registration_domains = cast(list[str], d.pop("registration_domains", UNSET))

        _channel_departments = d.pop("channel_departments", UNSET)
        channel_departments: SettingsPatchChannelDepartments | Unset
        if isinstance(_channel_departments, Unset):
            channel_departments = UNSET
        else:
            channel_departments = SettingsPatchChannelDepartments.from_dict(_channel_departments)

        _unassigned_visibility = d.pop("unassigned_visibility", UNSET)
        unassigned_visibility: SettingsPatchUnassignedVisibility | Unset
        if isinstance(_unassigned_visibility, Unset):
            unassigned_visibility = UNSET
        else:
            unassigned_visibility = check_settings_patch_unassigned_visibility(_unassigned_visibility)

        settings_patch = cls(
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
            require_two_factor=require_two_factor,
            ticket_ccs_from_mail=ticket_ccs_from_mail,
            customer_registration=customer_registration,
            registration_domains=registration_domains,
            channel_departments=channel_departments,
            unassigned_visibility=unassigned_visibility,
        )

        return settings_patch
