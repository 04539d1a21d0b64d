from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SessionOut")


@_attrs_define
class SessionOut:
    """
    Attributes:
        id (str):
        ip_address (None | str):
        user_agent (None | str):
        created_at (datetime.datetime):
        last_activity (datetime.datetime):
        expires_at (datetime.datetime):
        is_active (bool):
        current (bool):
    """

    id: str
    ip_address: None | str
    user_agent: None | str
    created_at: datetime.datetime
    last_activity: datetime.datetime
    expires_at: datetime.datetime
    is_active: bool
    current: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        ip_address: None | str
        ip_address = self.ip_address

        user_agent: None | str
        user_agent = self.user_agent

        created_at = self.created_at.isoformat()

        last_activity = self.last_activity.isoformat()

        expires_at = self.expires_at.isoformat()

        is_active = self.is_active

        current = self.current

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "ip_address": ip_address,
                "user_agent": user_agent,
                "created_at": created_at,
                "last_activity": last_activity,
                "expires_at": expires_at,
                "is_active": is_active,
                "current": current,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_ip_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ip_address = _parse_ip_address(d.pop("ip_address"))

        def _parse_user_agent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_agent = _parse_user_agent(d.pop("user_agent"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        last_activity = datetime.datetime.fromisoformat(d.pop("last_activity"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        is_active = d.pop("is_active")

        current = d.pop("current")

        session_out = cls(
            id=id,
            ip_address=ip_address,
            user_agent=user_agent,
            created_at=created_at,
            last_activity=last_activity,
            expires_at=expires_at,
            is_active=is_active,
            current=current,
        )

        session_out.additional_properties = d
        return session_out

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
