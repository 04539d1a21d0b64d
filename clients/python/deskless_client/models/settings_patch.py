from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.business_hours_input import BusinessHoursInput
    from ..models.custom_field_definition_input import CustomFieldDefinitionInput


T = TypeVar("T", bound="SettingsPatch")


@_attrs_define
class SettingsPatch:
    """
    Attributes:
        ticket_number_prefix (None | str | Unset):
        support_email_addresses (list[str] | None | Unset):
        timezone (None | str | Unset):
        business_hours (BusinessHoursInput | None | Unset):
        default_language (None | str | Unset):
        session_idle_minutes (int | None | Unset):
        session_lifetime_hours (int | None | Unset):
        custom_fields (list[CustomFieldDefinitionInput] | None | Unset):
        attachment_max_bytes (int | None | Unset):
        attachment_content_types (list[str] | None | Unset):
        accept_legacy_webhook_signatures (bool | None | Unset):
    """

    ticket_number_prefix: None | str | Unset = UNSET
    support_email_addresses: list[str] | None | Unset = UNSET
    timezone: None | str | Unset = UNSET
    business_hours: BusinessHoursInput | None | Unset = UNSET
    default_language: None | str | Unset = UNSET
    session_idle_minutes: int | None | Unset = UNSET
    session_lifetime_hours: int | None | Unset = UNSET
    custom_fields: list[CustomFieldDefinitionInput] | None | Unset = UNSET
    attachment_max_bytes: int | None | Unset = UNSET
    attachment_content_types: list[str] | None | Unset = UNSET
    accept_legacy_webhook_signatures: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.business_hours_input import BusinessHoursInput  # noqa: PLC0415

        ticket_number_prefix: None | str | Unset
        if isinstance(self.ticket_number_prefix, Unset):
            ticket_number_prefix = UNSET
        else:
            ticket_number_prefix = self.ticket_number_prefix

        support_email_addresses: list[str] | None | Unset
        if isinstance(self.support_email_addresses, Unset):
            support_email_addresses = UNSET
        elif isinstance(self.support_email_addresses, list):
            support_email_addresses = self.support_email_addresses

        else:
            support_email_addresses = self.support_email_addresses

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        business_hours: dict[str, Any] | None | Unset
        if isinstance(self.business_hours, Unset):
            business_hours = UNSET
        elif isinstance(self.business_hours, BusinessHoursInput):
            business_hours = self.business_hours.to_dict()
        else:
            business_hours = self.business_hours

        default_language: None | str | Unset
        if isinstance(self.default_language, Unset):
            default_language = UNSET
        else:
            default_language = self.default_language

        session_idle_minutes: int | None | Unset
        if isinstance(self.session_idle_minutes, Unset):
            session_idle_minutes = UNSET
        else:
            session_idle_minutes = self.session_idle_minutes

        session_lifetime_hours: int | None | Unset
        if isinstance(self.session_lifetime_hours, Unset):
            session_lifetime_hours = UNSET
        else:
            session_lifetime_hours = self.session_lifetime_hours

        custom_fields: list[dict[str, Any]] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, list):
            custom_fields = []
            for custom_fields_type_0_item_data in self.custom_fields:
                custom_fields_type_0_item = custom_fields_type_0_item_data.to_dict()
                custom_fields.append(custom_fields_type_0_item)

        else:
            custom_fields = self.custom_fields

        attachment_max_bytes: int | None | Unset
        if isinstance(self.attachment_max_bytes, Unset):
            attachment_max_bytes = UNSET
        else:
            attachment_max_bytes = self.attachment_max_bytes

        attachment_content_types: list[str] | None | Unset
        if isinstance(self.attachment_content_types, Unset):
            attachment_content_types = UNSET
        elif isinstance(self.attachment_content_types, list):
            attachment_content_types = self.attachment_content_types

        else:
            attachment_content_types = self.attachment_content_types

        accept_legacy_webhook_signatures: bool | None | Unset
        if isinstance(self.accept_legacy_webhook_signatures, Unset):
            accept_legacy_webhook_signatures = UNSET
        else:
            accept_legacy_webhook_signatures = self.accept_legacy_webhook_signatures

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_hours_input import BusinessHoursInput  # noqa: PLC0415
        from ..models.custom_field_definition_input import CustomFieldDefinitionInput  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_ticket_number_prefix(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ticket_number_prefix = _parse_ticket_number_prefix(d.pop("ticket_number_prefix", UNSET))

        def _parse_support_email_addresses(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                support_email_addresses_type_0 = cast(list[str], data)

                return support_email_addresses_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        support_email_addresses = _parse_support_email_addresses(d.pop("support_email_addresses", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_business_hours(data: object) -> BusinessHoursInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                business_hours_type_0 = BusinessHoursInput.from_dict(data)

                return business_hours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BusinessHoursInput | None | Unset, data)

        business_hours = _parse_business_hours(d.pop("business_hours", UNSET))

        def _parse_default_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_language = _parse_default_language(d.pop("default_language", UNSET))

        def _parse_session_idle_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        session_idle_minutes = _parse_session_idle_minutes(d.pop("session_idle_minutes", UNSET))

        def _parse_session_lifetime_hours(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        session_lifetime_hours = _parse_session_lifetime_hours(d.pop("session_lifetime_hours", UNSET))

        def _parse_custom_fields(data: object) -> list[CustomFieldDefinitionInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                custom_fields_type_0 = []
                _custom_fields_type_0 = data
                for custom_fields_type_0_item_data in _custom_fields_type_0:
                    custom_fields_type_0_item = CustomFieldDefinitionInput.from_dict(custom_fields_type_0_item_data)

                    custom_fields_type_0.append(custom_fields_type_0_item)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CustomFieldDefinitionInput] | None | Unset, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))

        def _parse_attachment_max_bytes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        attachment_max_bytes = _parse_attachment_max_bytes(d.pop("attachment_max_bytes", UNSET))

        def _parse_attachment_content_types(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                attachment_content_types_type_0 = cast(list[str], data)

                return attachment_content_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        attachment_content_types = _parse_attachment_content_types(d.pop("attachment_content_types", UNSET))

        def _parse_accept_legacy_webhook_signatures(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        accept_legacy_webhook_signatures = _parse_accept_legacy_webhook_signatures(
            d.pop("accept_legacy_webhook_signatures", UNSET)
        )

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
        )

        return settings_patch
