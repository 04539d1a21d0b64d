from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OffboardingCommand")


@_attrs_define
class OffboardingCommand:
    """
    Attributes:
        export_id (str): a finished export of the last 7 days
    """

    export_id: str

    def to_dict(self) -> dict[str, Any]:
        export_id = self.export_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "export_id": export_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        export_id = d.pop("export_id")

        offboarding_command = cls(
            export_id=export_id,
        )

        return offboarding_command
