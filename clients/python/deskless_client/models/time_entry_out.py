from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TimeEntryOut")


@_attrs_define
class TimeEntryOut:
    """
    Attributes:
        id (str):
        ticket_number (str): the ticket's number, e.g. `T-42`
        user_id (str): who spent the time
        minutes (int):
        billable (bool):
        note (str):
        comment_id (None | str):
        spent_on (datetime.date): the day the time was spent (the organization's calendar)
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
    """

    id: str
    ticket_number: str
    user_id: str
    minutes: int
    billable: bool
    note: str
    comment_id: None | str
    spent_on: datetime.date
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        ticket_number = self.ticket_number

        user_id = self.user_id

        minutes = self.minutes

        billable = self.billable

        note = self.note

        comment_id: None | str
        comment_id = self.comment_id

        spent_on = self.spent_on.isoformat()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "ticket_number": ticket_number,
                "user_id": user_id,
                "minutes": minutes,
                "billable": billable,
                "note": note,
                "comment_id": comment_id,
                "spent_on": spent_on,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        ticket_number = d.pop("ticket_number")

        user_id = d.pop("user_id")

        minutes = d.pop("minutes")

        billable = d.pop("billable")

        note = d.pop("note")

        def _parse_comment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment_id = _parse_comment_id(d.pop("comment_id"))

        spent_on = datetime.date.fromisoformat(d.pop("spent_on"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        time_entry_out = cls(
            id=id,
            ticket_number=ticket_number,
            user_id=user_id,
            minutes=minutes,
            billable=billable,
            note=note,
            comment_id=comment_id,
            spent_on=spent_on,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
        )

        time_entry_out.additional_properties = d
        return time_entry_out

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
