from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.presence_state import PresenceState, check_presence_state

T = TypeVar("T", bound="PresenceOut")


@_attrs_define
class PresenceOut:
    """
    Attributes:
        user_id (str):
        name (str): the staff member's display name
        state (PresenceState):
        since (datetime.datetime): when they entered this state on this visit
        expires_at (datetime.datetime): gone after this unless they send another heartbeat
    """

    user_id: str
    name: str
    state: PresenceState
    since: datetime.datetime
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = self.user_id

        name = self.name

        state: str = self.state

        since = self.since.isoformat()

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "name": name,
                "state": state,
                "since": since,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = d.pop("user_id")

        name = d.pop("name")

        state = check_presence_state(d.pop("state"))

        since = datetime.datetime.fromisoformat(d.pop("since"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        presence_out = cls(
            user_id=user_id,
            name=name,
            state=state,
            since=since,
            expires_at=expires_at,
        )

        presence_out.additional_properties = d
        return presence_out

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
