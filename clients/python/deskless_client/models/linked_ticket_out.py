from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.priority import Priority, check_priority
from ..models.status import Status, check_status

T = TypeVar("T", bound="LinkedTicketOut")


@_attrs_define
class LinkedTicketOut:
    """
    Attributes:
        ticket_number (str):
        subject (str):
        status (Status):
        priority (Priority):
        assigned_agent_id (None | str):
    """

    ticket_number: str
    subject: str
    status: Status
    priority: Priority
    assigned_agent_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket_number = self.ticket_number

        subject = self.subject

        status: str = self.status

        priority: str = self.priority

        assigned_agent_id: None | str
        assigned_agent_id = self.assigned_agent_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket_number": ticket_number,
                "subject": subject,
                "status": status,
                "priority": priority,
                "assigned_agent_id": assigned_agent_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticket_number = d.pop("ticket_number")

        subject = d.pop("subject")

        status = check_status(d.pop("status"))

        priority = check_priority(d.pop("priority"))

        def _parse_assigned_agent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assigned_agent_id = _parse_assigned_agent_id(d.pop("assigned_agent_id"))

        linked_ticket_out = cls(
            ticket_number=ticket_number,
            subject=subject,
            status=status,
            priority=priority,
            assigned_agent_id=assigned_agent_id,
        )

        linked_ticket_out.additional_properties = d
        return linked_ticket_out

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
