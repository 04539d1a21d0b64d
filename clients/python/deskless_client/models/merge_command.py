from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MergeCommand")


@_attrs_define
class MergeCommand:
    """
    Attributes:
        source_numbers (list[str]): 1 to 10 tickets merged into this one (duplicates are ignored)
        note (None | str | Unset): added to the internal notes the merge writes
    """

    source_numbers: list[str]
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        source_numbers = self.source_numbers

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_numbers": source_numbers,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_numbers = cast(list[str], d.pop("source_numbers"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        merge_command = cls(
            source_numbers=source_numbers,
            note=note,
        )

        return merge_command
