from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.custom_field_type import CustomFieldType, check_custom_field_type

T = TypeVar("T", bound="PortalCustomFieldOut")


@_attrs_define
class PortalCustomFieldOut:
    """
    Attributes:
        name (str):
        type_ (CustomFieldType):
        required (bool):
        choices (list[str]):
    """

    name: str
    type_: CustomFieldType
    required: bool
    choices: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_: str = self.type_

        required = self.required

        choices = self.choices

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "required": required,
                "choices": choices,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        type_ = check_custom_field_type(d.pop("type"))

        required = d.pop("required")

        choices = cast(list[str], d.pop("choices"))

        portal_custom_field_out = cls(
            name=name,
            type_=type_,
            required=required,
            choices=choices,
        )

        portal_custom_field_out.additional_properties = d
        return portal_custom_field_out

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
