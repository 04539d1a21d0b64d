from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChangeOut")


@_attrs_define
class ChangeOut:
    """
    Attributes:
        field (str):
        old_value (None | str):
        new_value (None | str):
    """

    field: str
    old_value: None | str
    new_value: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        old_value: None | str
        old_value = self.old_value

        new_value: None | str
        new_value = self.new_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "old_value": old_value,
                "new_value": new_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        def _parse_old_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_value = _parse_old_value(d.pop("old_value"))

        def _parse_new_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_value = _parse_new_value(d.pop("new_value"))

        change_out = cls(
            field=field,
            old_value=old_value,
            new_value=new_value,
        )

        change_out.additional_properties = d
        return change_out

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
