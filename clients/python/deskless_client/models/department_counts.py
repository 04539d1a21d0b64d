from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.queue_counts import QueueCounts


T = TypeVar("T", bound="DepartmentCounts")


@_attrs_define
class DepartmentCounts:
    """
    Attributes:
        department_id (str):
        name (str):
        unassigned (QueueCounts):
        total (QueueCounts):
    """

    department_id: str
    name: str
    unassigned: QueueCounts
    total: QueueCounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        department_id = self.department_id

        name = self.name

        unassigned = self.unassigned.to_dict()

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "department_id": department_id,
                "name": name,
                "unassigned": unassigned,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.queue_counts import QueueCounts  # noqa: PLC0415

        d = dict(src_dict)
        department_id = d.pop("department_id")

        name = d.pop("name")

        unassigned = QueueCounts.from_dict(d.pop("unassigned"))

        total = QueueCounts.from_dict(d.pop("total"))

        department_counts = cls(
            department_id=department_id,
            name=name,
            unassigned=unassigned,
            total=total,
        )

        department_counts.additional_properties = d
        return department_counts

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
