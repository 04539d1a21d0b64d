from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgentWorkload")


@_attrs_define
class AgentWorkload:
    """
    Attributes:
        new (int):
        open_ (int):
        pending (int):
        on_hold (int):
        active (int): the four statuses together
        agent_id (str):
        agent_name (None | str): null when the user no longer exists
    """

    new: int
    open_: int
    pending: int
    on_hold: int
    active: int
    agent_id: str
    agent_name: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        new = self.new

        open_ = self.open_

        pending = self.pending

        on_hold = self.on_hold

        active = self.active

        agent_id = self.agent_id

        agent_name: None | str
        agent_name = self.agent_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "new": new,
                "open": open_,
                "pending": pending,
                "on_hold": on_hold,
                "active": active,
                "agent_id": agent_id,
                "agent_name": agent_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        new = d.pop("new")

        open_ = d.pop("open")

        pending = d.pop("pending")

        on_hold = d.pop("on_hold")

        active = d.pop("active")

        agent_id = d.pop("agent_id")

        def _parse_agent_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_name = _parse_agent_name(d.pop("agent_name"))

        agent_workload = cls(
            new=new,
            open_=open_,
            pending=pending,
            on_hold=on_hold,
            active=active,
            agent_id=agent_id,
            agent_name=agent_name,
        )

        agent_workload.additional_properties = d
        return agent_workload

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
