from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeEntryPatch")


@_attrs_define
class TimeEntryPatch:
    """
    Attributes:
        minutes (int | Unset):
        billable (bool | Unset):
        note (None | str | Unset):
        comment_id (None | str | Unset): null: no comment
        spent_on (datetime.date | Unset):
    """

    minutes: int | Unset = UNSET
    billable: bool | Unset = UNSET
    note: None | str | Unset = UNSET
    comment_id: None | str | Unset = UNSET
    spent_on: datetime.date | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        minutes = self.minutes

        billable = self.billable

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        comment_id: None | str | Unset
        if isinstance(self.comment_id, Unset):
            comment_id = UNSET
        else:
            comment_id = self.comment_id

        spent_on: str | Unset = UNSET
        if not isinstance(self.spent_on, Unset):
            spent_on = self.spent_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if minutes is not UNSET:
            field_dict["minutes"] = minutes
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
        minutes = d.pop("minutes", UNSET)

        billable = d.pop("billable", UNSET)

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_comment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment_id = _parse_comment_id(d.pop("comment_id", UNSET))

        _spent_on = d.pop("spent_on", UNSET)
        spent_on: datetime.date | Unset
        if isinstance(_spent_on, Unset):
            spent_on = UNSET
        else:
            spent_on = datetime.date.fromisoformat(_spent_on)

        time_entry_patch = cls(
            minutes=minutes,
            billable=billable,
            note=note,
            comment_id=comment_id,
            spent_on=spent_on,
        )

        return time_entry_patch
