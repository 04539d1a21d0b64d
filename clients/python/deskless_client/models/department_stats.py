from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.target_stats import TargetStats


T = TypeVar("T", bound="DepartmentStats")


@_attrs_define
class DepartmentStats:
    """
    Attributes:
        first_response (TargetStats):
        resolution (TargetStats):
        department_id (None | str): null: tickets without a department
        department_name (None | str):
    """

    first_response: TargetStats
    resolution: TargetStats
    department_id: None | str
    department_name: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_response = self.first_response.to_dict()

        resolution = self.resolution.to_dict()

        department_id: None | str
        department_id = self.department_id

        department_name: None | str
        department_name = self.department_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "first_response": first_response,
                "resolution": resolution,
                "department_id": department_id,
                "department_name": department_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_stats import TargetStats  # noqa: PLC0415

        d = dict(src_dict)
        first_response = TargetStats.from_dict(d.pop("first_response"))

        resolution = TargetStats.from_dict(d.pop("resolution"))

        def _parse_department_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_id = _parse_department_id(d.pop("department_id"))

        def _parse_department_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_name = _parse_department_name(d.pop("department_name"))

        department_stats = cls(
            first_response=first_response,
            resolution=resolution,
            department_id=department_id,
            department_name=department_name,
        )

        department_stats.additional_properties = d
        return department_stats

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
