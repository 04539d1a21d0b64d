from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetCustomField")


@_attrs_define
class SetCustomField:
    """
    Attributes:
        type_ (Literal['set_custom_field']):
        name (str):
        value (bool | float | int | None | str):
    """

    type_: Literal["set_custom_field"]
    name: str
    value: bool | float | int | None | str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        name = self.name

        value: bool | float | int | None | str
        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "name": name,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["set_custom_field"], d.pop("type"))
        if type_ != "set_custom_field":
            raise ValueError(f"type must match const 'set_custom_field', got '{type_}'")

        name = d.pop("name")

        def _parse_value(data: object) -> bool | float | int | None | str:
            if data is None:
                return data
            return cast(bool | float | int | None | str, data)

        value = _parse_value(d.pop("value"))

        set_custom_field = cls(
            type_=type_,
            name=name,
            value=value,
        )

        return set_custom_field
