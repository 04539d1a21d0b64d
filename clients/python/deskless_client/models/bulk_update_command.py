from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.bulk_changes import BulkChanges


T = TypeVar("T", bound="BulkUpdateCommand")


@_attrs_define
class BulkUpdateCommand:
    """
    Attributes:
        ticket_numbers (list[str]): 1 to 100 tickets; each is changed in its own transaction
        changes (BulkChanges): What a bulk change sets on every ticket (the rules of ``PATCH /tickets/{number}``).
    """

    ticket_numbers: list[str]
    changes: BulkChanges

    def to_dict(self) -> dict[str, Any]:
        ticket_numbers = self.ticket_numbers

        changes = self.changes.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ticket_numbers": ticket_numbers,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_changes import BulkChanges  # noqa: PLC0415

        d = dict(src_dict)
        ticket_numbers = cast(list[str], d.pop("ticket_numbers"))

        changes = BulkChanges.from_dict(d.pop("changes"))

        bulk_update_command = cls(
            ticket_numbers=ticket_numbers,
            changes=changes,
        )

        return bulk_update_command
