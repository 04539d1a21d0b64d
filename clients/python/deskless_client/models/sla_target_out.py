from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sla_target_out_state import SLATargetOutState, check_sla_target_out_state

T = TypeVar("T", bound="SLATargetOut")


@_attrs_define
class SLATargetOut:
    """
    Attributes:
        due (datetime.datetime):
        remaining_seconds (float): business seconds left; negative: overrun
        state (SLATargetOutState):
        completed_at (datetime.datetime | None):
    """

    due: datetime.datetime
    remaining_seconds: float
    state: SLATargetOutState
    completed_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due = self.due.isoformat()

        remaining_seconds = self.remaining_seconds

        state: str = self.state

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due": due,
                "remaining_seconds": remaining_seconds,
                "state": state,
                "completed_at": completed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due = datetime.datetime.fromisoformat(d.pop("due"))

        remaining_seconds = d.pop("remaining_seconds")

        state = check_sla_target_out_state(d.pop("state"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        sla_target_out = cls(
            due=due,
            remaining_seconds=remaining_seconds,
            state=state,
            completed_at=completed_at,
        )

        sla_target_out.additional_properties = d
        return sla_target_out

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
