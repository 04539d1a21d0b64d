from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PortalRegisterCommand")


@_attrs_define
class PortalRegisterCommand:
    """
    Attributes:
        email (str):
        first_name (str):
        password (str):
        last_name (str | Unset):  Default: ''.
    """

    email: str
    first_name: str
    password: str
    last_name: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        first_name = self.first_name

        password = self.password

        last_name = self.last_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "first_name": first_name,
                "password": password,
            }
        )
        if last_name is not UNSET:
            field_dict["last_name"] = last_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        first_name = d.pop("first_name")

        password = d.pop("password")

        last_name = d.pop("last_name", UNSET)

        portal_register_command = cls(
            email=email,
            first_name=first_name,
            password=password,
            last_name=last_name,
        )

        return portal_register_command
