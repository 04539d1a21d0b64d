from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_out import JobOut
    from ..models.work_order_out import WorkOrderOut


T = TypeVar("T", bound="ScheduledJobOut")


@_attrs_define
class ScheduledJobOut:
    """
    Attributes:
        job (JobOut):
        work_order (None | WorkOrderOut):
    """

    job: JobOut
    work_order: None | WorkOrderOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.work_order_out import WorkOrderOut  # noqa: PLC0415

        job = self.job.to_dict()

        work_order: dict[str, Any] | None
        if isinstance(self.work_order, WorkOrderOut):
            work_order = self.work_order.to_dict()
        else:
            work_order = self.work_order

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job": job,
                "work_order": work_order,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_out import JobOut  # noqa: PLC0415
        from ..models.work_order_out import WorkOrderOut  # noqa: PLC0415

        d = dict(src_dict)
        job = JobOut.from_dict(d.pop("job"))

        def _parse_work_order(data: object) -> None | WorkOrderOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                work_order_type_0 = WorkOrderOut.from_dict(data)

                return work_order_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | WorkOrderOut, data)

        work_order = _parse_work_order(d.pop("work_order"))

        scheduled_job_out = cls(
            job=job,
            work_order=work_order,
        )

        scheduled_job_out.additional_properties = d
        return scheduled_job_out

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
