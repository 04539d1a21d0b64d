from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerCommand")


@_attrs_define
class CustomerCommand:
    """A customer record (company, value, tags) about a customer user, linked by ``user_id``.

    Attributes:
        user_id (None | str | Unset):
        company (str | Unset):  Default: ''.
        phone (None | str | Unset):
        lifetime_value (float | str | Unset):  Default: 0.0.
        tags (list[str] | Unset):
    """

    user_id: None | str | Unset = UNSET
    company: str | Unset = ""
    phone: None | str | Unset = UNSET
    lifetime_value: float | str | Unset = 0.0
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        company = self.company

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        lifetime_value: float | str | Unset
        if isinstance(self.lifetime_value, Unset):
            lifetime_value = UNSET
        else:
            lifetime_value = self.lifetime_value

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if company is not UNSET:
            field_dict["company"] = company
        if phone is not UNSET:
            field_dict["phone"] = phone
        if lifetime_value is not UNSET:
            field_dict["lifetime_value"] = lifetime_value
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        company = d.pop("company", UNSET)

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_lifetime_value(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        lifetime_value = _parse_lifetime_value(d.pop("lifetime_value", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        customer_command = cls(
            user_id=user_id,
            company=company,
            phone=phone,
            lifetime_value=lifetime_value,
            tags=tags,
        )

        return customer_command
