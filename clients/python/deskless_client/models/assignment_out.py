from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_out import JobOut
    from ..models.work_order_out import WorkOrderOut


T = TypeVar("T", bound="AssignmentOut")


@_attrs_define
class AssignmentOut:
    """
    Attributes:
        assignment (JobOut):
        work_order (WorkOrderOut):
    """

    assignment: JobOut
    work_order: WorkOrderOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assignment = self.assignment.to_dict()

        work_order = self.work_order.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignment": assignment,
                "work_order": work_order,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_out import JobOut  # noqa: PLC0415
        from ..models.work_order_out import WorkOrderOut  # noqa: PLC0415

        d = dict(src_dict)
        assignment = JobOut.from_dict(d.pop("assignment"))

        work_order = WorkOrderOut.from_dict(d.pop("work_order"))

        assignment_out = cls(
            assignment=assignment,
            work_order=work_order,
        )

        assignment_out.additional_properties = d
        return assignment_out

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
