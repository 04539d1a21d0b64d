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
        first_name (str | Unset):
        last_name (str | Unset):
        customer_tier (CustomerTier | None | Unset):
        phone (None | str | Unset):
        timezone (str | Unset):
        language (str | Unset):
        skills (list[str] | None | Unset):
        certifications (list[str] | None | Unset):
        max_concurrent_tickets (int | Unset):
        availability_status (Availability | Unset):
        email_notifications (bool | Unset):
        sms_notifications (bool | Unset):
        push_notifications (bool | Unset):
        email (str | Unset):
        username (str | Unset):
        role (Role | Unset):
    """

    first_name: str | Unset = UNSET
    last_name: str | Unset = UNSET
    customer_tier: CustomerTier | None | Unset = UNSET
    phone: None | str | Unset = UNSET
    timezone: str | Unset = UNSET
    language: str | Unset = UNSET
    skills: list[str] | None | Unset = UNSET
    certifications: list[str] | None | Unset = UNSET
    max_concurrent_tickets: int | Unset = UNSET
    availability_status: Availability | Unset = UNSET
    email_notifications: bool | Unset = UNSET
    sms_notifications: bool | Unset = UNSET
    push_notifications: bool | Unset = UNSET
    email: str | Unset = UNSET
    username: str | Unset = UNSET
    role: Role | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        first_name = self.first_name

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

        timezone = self.timezone

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

        max_concurrent_tickets = self.max_concurrent_tickets

        availability_status: str | Unset = UNSET
        if not isinstance(self.availability_status, Unset):
            availability_status = self.availability_status

        email_notifications = self.email_notifications

        sms_notifications = self.sms_notifications

        push_notifications = self.push_notifications

        email = self.email

        username = self.username

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
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
        first_name = d.pop("first_name", UNSET)

        last_name = d.pop("last_name", UNSET)

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

        timezone = d.pop("timezone", UNSET)

        language = d.pop("language", UNSET)

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

        max_concurrent_tickets = d.pop("max_concurrent_tickets", UNSET)

        _availability_status = d.pop("availability_status", UNSET)
        availability_status: Availability | Unset
        if isinstance(_availability_status, Unset):
            availability_status = UNSET
        else:
            availability_status = check_availability(_availability_status)

        email_notifications = d.pop("email_notifications", UNSET)

        sms_notifications = d.pop("sms_notifications", UNSET)

        push_notifications = d.pop("push_notifications", UNSET)

        email = d.pop("email", UNSET)

        username = d.pop("username", UNSET)

        _role = d.pop("role", UNSET)
        role: Role | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = check_role(_role)

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
