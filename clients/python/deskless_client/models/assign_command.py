from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AssignCommand")


@_attrs_define
class AssignCommand:
    """
    Attributes:
        technician_id (None | str | Unset):
        auto (bool | Unset): assign the top dispatch suggestion Default: False.
        notes (str | Unset):  Default: ''.
    """

    technician_id: None | str | Unset = UNSET
    auto: bool | Unset = False
    notes: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        technician_id: None | str | Unset
        if isinstance(self.technician_id, Unset):
            technician_id = UNSET
        else:
            technician_id = self.technician_id

        auto = self.auto

        notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if technician_id is not UNSET:
            field_dict["technician_id"] = technician_id
        if auto is not UNSET:
            field_dict["auto"] = auto
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_technician_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        technician_id = _parse_technician_id(d.pop("technician_id", UNSET))

        auto = d.pop("auto", UNSET)

        notes = d.pop("notes", UNSET)

        assign_command = cls(
            technician_id=technician_id,
            auto=auto,
            notes=notes,
        )

        return assign_command
