from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.availability import Availability, check_availability
from ..models.customer_tier import CustomerTier, check_customer_tier
from ..models.role import Role, check_role
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateUserCommand")


@_attrs_define
class UpdateUserCommand:
    """
    Attributes:
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        customer_tier (CustomerTier | None | Unset):
        phone (None | str | Unset):
        timezone (None | str | Unset):
        language (None | str | Unset):
        skills (list[str] | None | Unset):
        certifications (list[str] | None | Unset):
        max_concurrent_tickets (int | None | Unset):
        availability_status (Availability | None | Unset):
        email_notifications (bool | None | Unset):
        sms_notifications (bool | None | Unset):
        push_notifications (bool | None | Unset):
        email (None | str | Unset):
        username (None | str | Unset):
        role (None | Role | Unset):
    """

    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    customer_tier: CustomerTier | None | Unset = UNSET
    phone: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    skills: list[str] | None | Unset = UNSET
    certifications: list[str] | None | Unset = UNSET
    max_concurrent_tickets: int | None | Unset = UNSET
    availability_status: Availability | None | Unset = UNSET
    email_notifications: bool | None | Unset = UNSET
    sms_notifications: bool | None | Unset = UNSET
    push_notifications: bool | None | Unset = UNSET
    email: None | str | Unset = UNSET
    username: None | str | Unset = UNSET
    role: None | Role | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        customer_tier: None | str | Unset
        if isinstance(self.customer_tier, Unset):
            customer_tier = UNSET
        elif isinstance(self.customer_tier, str):
            customer_tier = self.customer_tier
        else:
            customer_tier = self.customer_tier

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        skills: list[str] | None | Unset
        if isinstance(self.skills, Unset):
            skills = UNSET
        elif isinstance(self.skills, list):
            skills = self.skills

        else:
            skills = self.skills

        certifications: list[str] | None | Unset
        if isinstance(self.certifications, Unset):
            certifications = UNSET
        elif isinstance(self.certifications, list):
            certifications = self.certifications

        else:
            certifications = self.certifications

        max_concurrent_tickets: int | None | Unset
        if isinstance(self.max_concurrent_tickets, Unset):
            max_concurrent_tickets = UNSET
        else:
            max_concurrent_tickets = self.max_concurrent_tickets

        availability_status: None | str | Unset
        if isinstance(self.availability_status, Unset):
            availability_status = UNSET
        elif isinstance(self.availability_status, str):
            availability_status = self.availability_status
        else:
            availability_status = self.availability_status

        email_notifications: bool | None | Unset
        if isinstance(self.email_notifications, Unset):
            email_notifications = UNSET
        else:
            email_notifications = self.email_notifications

        sms_notifications: bool | None | Unset
        if isinstance(self.sms_notifications, Unset):
            sms_notifications = UNSET
        else:
            sms_notifications = self.sms_notifications

        push_notifications: bool | None | Unset
        if isinstance(self.push_notifications, Unset):
            push_notifications = UNSET
        else:
            push_notifications = self.push_notifications

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        username: None | str | Unset
        if isinstance(self.username, Unset):
            username = UNSET
        else:
            username = self.username

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, str):
            role = self.role
        else:
            role = self.role

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if customer_tier is not UNSET:
            field_dict["customer_tier"] = customer_tier
        if phone is not UNSET:
            field_dict["phone"] = phone
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if language is not UNSET:
            field_dict["language"] = language
        if skills is not UNSET:
            field_dict["skills"] = skills
        if certifications is not UNSET:
            field_dict["certifications"] = certifications
        if max_concurrent_tickets is not UNSET:
            field_dict["max_concurrent_tickets"] = max_concurrent_tickets
        if availability_status is not UNSET:
            field_dict["availability_status"] = availability_status
        if email_notifications is not UNSET:
            field_dict["email_notifications"] = email_notifications
        if sms_notifications is not UNSET:
            field_dict["sms_notifications"] = sms_notifications
        if push_notifications is not UNSET:
            field_dict["push_notifications"] = push_notifications
        if email is not UNSET:
            field_dict["email"] = email
        if username is not UNSET:
            field_dict["username"] = username
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("first_name", UNSET))

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("last_name", UNSET))

        def _parse_customer_tier(data: object) -> CustomerTier | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                customer_tier_type_0 = check_customer_tier(data)

                return customer_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerTier | None | Unset, data)

        customer_tier = _parse_customer_tier(d.pop("customer_tier", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_skills(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                skills_type_0 = cast(list[str], data)

                return skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        skills = _parse_skills(d.pop("skills", UNSET))

        def _parse_certifications(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                certifications_type_0 = cast(list[str], data)

                return certifications_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        certifications = _parse_certifications(d.pop("certifications", UNSET))

        def _parse_max_concurrent_tickets(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_concurrent_tickets = _parse_max_concurrent_tickets(d.pop("max_concurrent_tickets", UNSET))

        def _parse_availability_status(data: object) -> Availability | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                availability_status_type_0 = check_availability(data)

                return availability_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Availability | None | Unset, data)

        availability_status = _parse_availability_status(d.pop("availability_status", UNSET))

        def _parse_email_notifications(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        email_notifications = _parse_email_notifications(d.pop("email_notifications", UNSET))

        def _parse_sms_notifications(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sms_notifications = _parse_sms_notifications(d.pop("sms_notifications", UNSET))

        def _parse_push_notifications(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        push_notifications = _parse_push_notifications(d.pop("push_notifications", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_username(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        username = _parse_username(d.pop("username", UNSET))

        def _parse_role(data: object) -> None | Role | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = check_role(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Role | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        update_user_command = cls(
            first_name=first_name,
            last_name=last_name,
            customer_tier=customer_tier,
            phone=phone,
            timezone=timezone,
            language=language,
            skills=skills,
            certifications=certifications,
            max_concurrent_tickets=max_concurrent_tickets,
            availability_status=availability_status,
            email_notifications=email_notifications,
            sms_notifications=sms_notifications,
            push_notifications=push_notifications,
            email=email,
            username=username,
            role=role,
        )

        return update_user_command
