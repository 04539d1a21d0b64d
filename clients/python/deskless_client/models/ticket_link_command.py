from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.link_kind import LinkKind, check_link_kind

T = TypeVar("T", bound="TicketLinkCommand")


@_attrs_define
class TicketLinkCommand:
    """``POST /tickets/{number}/links``: ``kind`` is what ``ticket_number`` is to the ticket of the path.

    Attributes:
        kind (LinkKind): What the other ticket is to this one.
        ticket_number (str): the other ticket, e.g. `T-9`
    """

    kind: LinkKind
    ticket_number: str

    def to_dict(self) -> dict[str, Any]:
        kind: str = self.kind

        ticket_number = self.ticket_number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "ticket_number": ticket_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = check_link_kind(d.pop("kind"))

        ticket_number = d.pop("ticket_number")

        ticket_link_command = cls(
            kind=kind,
            ticket_number=ticket_number,
        )

        return ticket_link_command
