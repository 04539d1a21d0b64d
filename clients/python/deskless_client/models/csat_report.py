from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.csat_figures import CSATFigures
    from ..models.csat_row import CSATRow


T = TypeVar("T", bound="CSATReport")


@_attrs_define
class CSATReport:
    """
    Attributes:
        from_ (datetime.date):
        to (datetime.date):
        group_by (str):
        overall (CSATFigures):
        rows (list[CSATRow]):
    """

    from_: datetime.date
    to: datetime.date
    group_by: str
    overall: CSATFigures
    rows: list[CSATRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        group_by = self.group_by

        overall = self.overall.to_dict()

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "group_by": group_by,
                "overall": overall,
                "rows": rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csat_figures import CSATFigures  # noqa: PLC0415
        from ..models.csat_row import CSATRow  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        to = datetime.date.fromisoformat(d.pop("to"))

        group_by = d.pop("group_by")

        overall = CSATFigures.from_dict(d.pop("overall"))

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = CSATRow.from_dict(rows_item_data)

            rows.append(rows_item)

        csat_report = cls(
            from_=from_,
            to=to,
            group_by=group_by,
            overall=overall,
            rows=rows,
        )

        csat_report.additional_properties = d
        return csat_report

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
