from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ticket_sla_status_out_state import TicketSLAStatusOutState, check_ticket_sla_status_out_state
from ..models.ticket_sla_status_out_target_type_0 import (
    TicketSLAStatusOutTargetType0,
    check_ticket_sla_status_out_target_type_0,
)

T = TypeVar("T", bound="TicketSLAStatusOut")


@_attrs_define
class TicketSLAStatusOut:
    """
    Attributes:
        target (None | TicketSLAStatusOutTargetType0): the pending target (first response until answered, then
            resolution; the last one once both are done); null when the ticket has no SLA target
        due (datetime.datetime | None):
        remaining_seconds (float | None): business seconds left (negative: overrun), as GET /tickets/{number}/sla
            computes them
        state (TicketSLAStatusOutState): `warning`: running with less left than the policy's first `before_breach` step
            of the target leaves (a step at 80 % elapsed: 20 %), else 25 % of the target
    """

    target: None | TicketSLAStatusOutTargetType0
    due: datetime.datetime | None
    remaining_seconds: float | None
    state: TicketSLAStatusOutState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        target: None | str
        if isinstance(self.target, str):
            target = self.target
        else:
            target = self.target

        due: None | str
        if isinstance(self.due, datetime.datetime):
            due = self.due.isoformat()
        else:
            due = self.due

        remaining_seconds: float | None
        remaining_seconds = self.remaining_seconds

        state: str = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "target": target,
                "due": due,
                "remaining_seconds": remaining_seconds,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_target(data: object) -> None | TicketSLAStatusOutTargetType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                target_type_0 = check_ticket_sla_status_out_target_type_0(data)

                return target_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TicketSLAStatusOutTargetType0, data)

        target = _parse_target(d.pop("target"))

        def _parse_due(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_type_0 = datetime.datetime.fromisoformat(data)

                return due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due = _parse_due(d.pop("due"))

        def _parse_remaining_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        remaining_seconds = _parse_remaining_seconds(d.pop("remaining_seconds"))

        state = check_ticket_sla_status_out_state(d.pop("state"))

        ticket_sla_status_out = cls(
            target=target,
            due=due,
            remaining_seconds=remaining_seconds,
            state=state,
        )

        ticket_sla_status_out.additional_properties = d
        return ticket_sla_status_out

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
