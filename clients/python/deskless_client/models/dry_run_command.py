from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dry_run_command_changes_type_0 import DryRunCommandChangesType0


T = TypeVar("T", bound="DryRunCommand")


@_attrs_define
class DryRunCommand:
    """
    Attributes:
        ticket_number (str):
        changes (DryRunCommandChangesType0 | None | Unset): simulate a change to the ticket (e.g. {'priority':
            'urgent'}) so that changed/changed_to/changed_from conditions can be tried; without it the ticket is taken as it
            is
    """

    ticket_number: str
    changes: DryRunCommandChangesType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.dry_run_command_changes_type_0 import DryRunCommandChangesType0  # noqa: PLC0415

        ticket_number = self.ticket_number

        changes: dict[str, Any] | None | Unset
        if isinstance(self.changes, Unset):
            changes = UNSET
        elif isinstance(self.changes, DryRunCommandChangesType0):
            changes = self.changes.to_dict()
        else:
            changes = self.changes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ticket_number": ticket_number,
            }
        )
        if changes is not UNSET:
            field_dict["changes"] = changes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dry_run_command_changes_type_0 import DryRunCommandChangesType0  # noqa: PLC0415

        d = dict(src_dict)
        ticket_number = d.pop("ticket_number")

        def _parse_changes(data: object) -> DryRunCommandChangesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                changes_type_0 = DryRunCommandChangesType0.from_dict(data)

                return changes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DryRunCommandChangesType0 | None | Unset, data)

        changes = _parse_changes(d.pop("changes", UNSET))

        dry_run_command = cls(
            ticket_number=ticket_number,
            changes=changes,
        )

        return dry_run_command
