from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RuleStats")


@_attrs_define
class RuleStats:
    """
    Attributes:
        execution_count (int):
        success_count (int):
        failure_count (int):
        average_execution_time (float | None): seconds per execution
        last_executed_at (datetime.datetime | None):
        last_error (None | str):
        last_error_at (datetime.datetime | None):
    """

    execution_count: int
    success_count: int
    failure_count: int
    average_execution_time: float | None
    last_executed_at: datetime.datetime | None
    last_error: None | str
    last_error_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        execution_count = self.execution_count

        success_count = self.success_count

        failure_count = self.failure_count

        average_execution_time: float | None
        average_execution_time = self.average_execution_time

        last_executed_at: None | str
        if isinstance(self.last_executed_at, datetime.datetime):
            last_executed_at = self.last_executed_at.isoformat()
        else:
            last_executed_at = self.last_executed_at

        last_error: None | str
        last_error = self.last_error

        last_error_at: None | str
        if isinstance(self.last_error_at, datetime.datetime):
            last_error_at = self.last_error_at.isoformat()
        else:
            last_error_at = self.last_error_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "execution_count": execution_count,
                "success_count": success_count,
                "failure_count": failure_count,
                "average_execution_time": average_execution_time,
                "last_executed_at": last_executed_at,
                "last_error": last_error,
                "last_error_at": last_error_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        execution_count = d.pop("execution_count")

        success_count = d.pop("success_count")

        failure_count = d.pop("failure_count")

        def _parse_average_execution_time(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        average_execution_time = _parse_average_execution_time(d.pop("average_execution_time"))

        def _parse_last_executed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_executed_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_executed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_executed_at = _parse_last_executed_at(d.pop("last_executed_at"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_error_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_error_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_error_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_error_at = _parse_last_error_at(d.pop("last_error_at"))

        rule_stats = cls(
            execution_count=execution_count,
            success_count=success_count,
            failure_count=failure_count,
            average_execution_time=average_execution_time,
            last_executed_at=last_executed_at,
            last_error=last_error,
            last_error_at=last_error_at,
        )

        rule_stats.additional_properties = d
        return rule_stats

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
