from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ticket_link_out_kind import TicketLinkOutKind, check_ticket_link_out_kind

if TYPE_CHECKING:
    from ..models.linked_ticket_out import LinkedTicketOut


T = TypeVar("T", bound="TicketLinkOut")


@_attrs_define
class TicketLinkOut:
    """
    Attributes:
        kind (TicketLinkOutKind): what the linked ticket is to this one (`parent`: it is this ticket's parent); merged_*
            and split_* come from the tickets' merge and split fields and are read-only
        ticket (LinkedTicketOut):
        created_at (datetime.datetime | None): null for merge and split links
        created_by_id (None | str): null for merge and split links
    """

    kind: TicketLinkOutKind
    ticket: LinkedTicketOut
    created_at: datetime.datetime | None
    created_by_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind: str = self.kind

        ticket = self.ticket.to_dict()

        created_at: None | str
        if isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        created_by_id: None | str
        created_by_id = self.created_by_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "ticket": ticket,
                "created_at": created_at,
                "created_by_id": created_by_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.linked_ticket_out import LinkedTicketOut  # noqa: PLC0415

        d = dict(src_dict)
        kind = check_ticket_link_out_kind(d.pop("kind"))

        ticket = LinkedTicketOut.from_dict(d.pop("ticket"))

        def _parse_created_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_at = _parse_created_at(d.pop("created_at"))

        def _parse_created_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        ticket_link_out = cls(
            kind=kind,
            ticket=ticket,
            created_at=created_at,
            created_by_id=created_by_id,
        )

        ticket_link_out.additional_properties = d
        return ticket_link_out

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
