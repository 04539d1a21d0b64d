from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.time_figures import TimeFigures
    from ..models.time_row import TimeRow


T = TypeVar("T", bound="TimeReport")


@_attrs_define
class TimeReport:
    """
    Attributes:
        from_ (datetime.date):
        to (datetime.date):
        group_by (str):
        rows (list[TimeRow]):
        total (TimeFigures):
    """

    from_: datetime.date
    to: datetime.date
    group_by: str
    rows: list[TimeRow]
    total: TimeFigures
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        group_by = self.group_by

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        total = self.total.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "group_by": group_by,
                "rows": rows,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.time_figures import TimeFigures  # noqa: PLC0415
        from ..models.time_row import TimeRow  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        group_by = d.pop("group_by")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = TimeRow.from_dict(rows_item_data)

            rows.append(rows_item)

        total = TimeFigures.from_dict(d.pop("total"))

        time_report = cls(
            from_=from_,
            to=to,
            group_by=group_by,
            rows=rows,
            total=total,
        )

        time_report.additional_properties = d
        return time_report

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
