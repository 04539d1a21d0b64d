from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.role import Role, check_role
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvitationCommand")


@_attrs_define
class InvitationCommand:
    """
    Attributes:
        email (str):
        role (Role):
        department_ids (list[str] | Unset): staff only: departments joined on acceptance
        first_name (None | str | Unset):
        last_name (None | str | Unset):
    """

    email: str
    role: Role
    department_ids: list[str] | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        role: str = self.role

        department_ids: list[str] | Unset = UNSET
        if not isinstance(self.department_ids, Unset):
            department_ids = self.department_ids

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "role": role,
            }
        )
        if department_ids is not UNSET:
            field_dict["department_ids"] = department_ids
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        role = check_role(d.pop("role"))

        department_ids = cast(list[str], d.pop("department_ids", UNSET))

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

        invitation_command = cls(
            email=email,
            role=role,
            department_ids=department_ids,
            first_name=first_name,
            last_name=last_name,
        )

        return invitation_command
