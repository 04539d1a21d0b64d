from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.api_token_command_role_type_0 import ApiTokenCommandRoleType0, check_api_token_command_role_type_0
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiTokenCommand")


@_attrs_define
class ApiTokenCommand:
    """A new API token: exactly one of ``role`` (a staff role) or ``actions`` (policy actions).

    Attributes:
        name (str):
        role (ApiTokenCommandRoleType0 | None | Unset): the token acts with this role (never above its creator's role at
            the time of use)
        actions (list[str] | None | Unset): the token may take only these policy actions, within what its creator may do
        expires_at (datetime.datetime | None | Unset): no expiry when omitted
    """

    name: str
    role: ApiTokenCommandRoleType0 | None | Unset = UNSET
    actions: list[str] | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, str):
            role = self.role
        else:
            role = self.role

        actions: list[str] | None | Unset
        if isinstance(self.actions, Unset):
            actions = UNSET
        elif isinstance(self.actions, list):
            actions = self.actions

        else:
            actions = self.actions

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role
        if actions is not UNSET:
            field_dict["actions"] = actions
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_role(data: object) -> ApiTokenCommandRoleType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = check_api_token_command_role_type_0(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApiTokenCommandRoleType0 | None | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_actions(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                actions_type_0 = cast(list[str], data)

                return actions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        actions = _parse_actions(d.pop("actions", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        api_token_command = cls(
            name=name,
            role=role,
            actions=actions,
            expires_at=expires_at,
        )

        return api_token_command
