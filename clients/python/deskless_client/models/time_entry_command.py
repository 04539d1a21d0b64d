from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeEntryCommand")


@_attrs_define
class TimeEntryCommand:
    """
    Attributes:
        minutes (int):
        billable (bool | Unset):  Default: True.
        note (str | Unset):  Default: ''.
        comment_id (None | str | Unset): a comment of the ticket
        spent_on (datetime.date | None | Unset): the day the time was spent (default: today, organization's time zone)
    """

    minutes: int
    billable: bool | Unset = True
    note: str | Unset = ""
    comment_id: None | str | Unset = UNSET
    spent_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        minutes = self.minutes

        billable = self.billable

        note = self.note

        comment_id: None | str | Unset
        if isinstance(self.comment_id, Unset):
            comment_id = UNSET
        else:
            comment_id = self.comment_id

        spent_on: None | str | Unset
        if isinstance(self.spent_on, Unset):
            spent_on = UNSET
        elif isinstance(self.spent_on, datetime.date):
            spent_on = self.spent_on.isoformat()
        else:
            spent_on = self.spent_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "minutes": minutes,
            }
        )
        if billable is not UNSET:
            field_dict["billable"] = billable
        if note is not UNSET:
            field_dict["note"] = note
        if comment_id is not UNSET:
            field_dict["comment_id"] = comment_id
        if spent_on is not UNSET:
            field_dict["spent_on"] = spent_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        minutes = d.pop("minutes")

        billable = d.pop("billable", UNSET)

        note = d.pop("note", UNSET)

        def _parse_comment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment_id = _parse_comment_id(d.pop("comment_id", UNSET))

        def _parse_spent_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                spent_on_type_0 = datetime.date.fromisoformat(data)

                return spent_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        spent_on = _parse_spent_on(d.pop("spent_on", UNSET))

        time_entry_command = cls(
            minutes=minutes,
            billable=billable,
            note=note,
            comment_id=comment_id,
            spent_on=spent_on,
        )

        return time_entry_command
