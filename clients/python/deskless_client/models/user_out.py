from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.availability import Availability, check_availability
from ..models.customer_tier import CustomerTier, check_customer_tier
from ..models.role import Role, check_role

T = TypeVar("T", bound="UserOut")


@_attrs_define
class UserOut:
    """
    Attributes:
        id (str):
        email (str):
        username (str):
        first_name (str):
        last_name (str):
        role (Role):
        customer_tier (CustomerTier | None):
        phone (None | str):
        timezone (str):
        language (str):
        two_factor_enabled (bool):
        skills (list[str]):
        certifications (list[str]):
        max_concurrent_tickets (int):
        availability_status (Availability):
        email_notifications (bool):
        sms_notifications (bool):
        push_notifications (bool):
        is_active (bool):
        deleted_at (datetime.datetime | None):
        last_active (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
        pending_email (None | str): a new address waiting for its confirmation
        pending_email_expires_at (datetime.datetime | None):
        email_verified_at (datetime.datetime | None): when the person last proved they read this address (a link or code
            mailed to it)
    """

    id: str
    email: str
    username: str
    first_name: str
    last_name: str
    role: Role
    customer_tier: CustomerTier | None
    phone: None | str
    timezone: str
    language: str
    two_factor_enabled: bool
    skills: list[str]
    certifications: list[str]
    max_concurrent_tickets: int
    availability_status: Availability
    email_notifications: bool
    sms_notifications: bool
    push_notifications: bool
    is_active: bool
    deleted_at: datetime.datetime | None
    last_active: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    pending_email: None | str
    pending_email_expires_at: datetime.datetime | None
    email_verified_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        username = self.username

        first_name = self.first_name

        last_name = self.last_name

        role: str = self.role

        customer_tier: None | str
        if isinstance(self.customer_tier, str):
            customer_tier = self.customer_tier
        else:
            customer_tier = self.customer_tier

        phone: None | str
        phone = self.phone

        timezone = self.timezone

        language = self.language

        two_factor_enabled = self.two_factor_enabled

        skills = self.skills

        certifications = self.certifications

        max_concurrent_tickets = self.max_concurrent_tickets

        availability_status: str = self.availability_status

        email_notifications = self.email_notifications

        sms_notifications = self.sms_notifications

        push_notifications = self.push_notifications

        is_active = self.is_active

        deleted_at: None | str
        if isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        last_active: None | str
        if isinstance(self.last_active, datetime.datetime):
            last_active = self.last_active.isoformat()
        else:
            last_active = self.last_active

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        pending_email: None | str
        pending_email = self.pending_email

        pending_email_expires_at: None | str
        if isinstance(self.pending_email_expires_at, datetime.datetime):
            pending_email_expires_at = self.pending_email_expires_at.isoformat()
        else:
            pending_email_expires_at = self.pending_email_expires_at

        email_verified_at: None | str
        if isinstance(self.email_verified_at, datetime.datetime):
            email_verified_at = self.email_verified_at.isoformat()
        else:
            email_verified_at = self.email_verified_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "username": username,
                "first_name": first_name,
                "last_name": last_name,
                "role": role,
                "customer_tier": customer_tier,
                "phone": phone,
                "timezone": timezone,
                "language": language,
                "two_factor_enabled": two_factor_enabled,
                "skills": skills,
                "certifications": certifications,
                "max_concurrent_tickets": max_concurrent_tickets,
                "availability_status": availability_status,
                "email_notifications": email_notifications,
                "sms_notifications": sms_notifications,
                "push_notifications": push_notifications,
                "is_active": is_active,
                "deleted_at": deleted_at,
                "last_active": last_active,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
                "pending_email": pending_email,
                "pending_email_expires_at": pending_email_expires_at,
                "email_verified_at": email_verified_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        email = d.pop("email")

        username = d.pop("username")

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        role = check_role(d.pop("role"))

        def _parse_customer_tier(data: object) -> CustomerTier | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                customer_tier_type_0 = check_customer_tier(data)

                return customer_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerTier | None, data)

        customer_tier = _parse_customer_tier(d.pop("customer_tier"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        timezone = d.pop("timezone")

        language = d.pop("language")

        two_factor_enabled = d.pop("two_factor_enabled")

        skills = cast(list[str], d.pop("skills"))

        certifications = cast(list[str], d.pop("certifications"))

        max_concurrent_tickets = d.pop("max_concurrent_tickets")

        availability_status = check_availability(d.pop("availability_status"))

        email_notifications = d.pop("email_notifications")

        sms_notifications = d.pop("sms_notifications")

        push_notifications = d.pop("push_notifications")

        is_active = d.pop("is_active")

        def _parse_deleted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at"))

        def _parse_last_active(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_active_type_0 = datetime.datetime.fromisoformat(data)

                return last_active_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_active = _parse_last_active(d.pop("last_active"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_pending_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pending_email = _parse_pending_email(d.pop("pending_email"))

        def _parse_pending_email_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pending_email_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return pending_email_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        pending_email_expires_at = _parse_pending_email_expires_at(d.pop("pending_email_expires_at"))

        def _parse_email_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                email_verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return email_verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        email_verified_at = _parse_email_verified_at(d.pop("email_verified_at"))

        user_out = cls(
            id=id,
            email=email,
            username=username,
            first_name=first_name,
            last_name=last_name,
            role=role,
            customer_tier=customer_tier,
            phone=phone,
            timezone=timezone,
            language=language,
            two_factor_enabled=two_factor_enabled,
            skills=skills,
            certifications=certifications,
            max_concurrent_tickets=max_concurrent_tickets,
            availability_status=availability_status,
            email_notifications=email_notifications,
            sms_notifications=sms_notifications,
            push_notifications=push_notifications,
            is_active=is_active,
            deleted_at=deleted_at,
            last_active=last_active,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
            pending_email=pending_email,
            pending_email_expires_at=pending_email_expires_at,
            email_verified_at=email_verified_at,
        )

        user_out.additional_properties = d
        return user_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
