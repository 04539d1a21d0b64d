from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.custom_field_type import CustomFieldType, check_custom_field_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomFieldDefinitionInput")


@_attrs_define
class CustomFieldDefinitionInput:
    """A ticket custom field the organization defines (``settings.custom_fields``).

    Attributes:
        name (str):
        type_ (CustomFieldType | Unset):
        required (bool | Unset):  Default: False.
        choices (list[str] | Unset):
        customer_visible (bool | Unset): customers see the field on their tickets and may set it when they open one;
            otherwise it is internal: never shown to customers, and a customer's request setting it is 422 Default: False.
    """

    name: str
    type_: CustomFieldType | Unset = UNSET
    required: bool | Unset = False
    choices: list[str] | Unset = UNSET
    customer_visible: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        required = self.required

        choices: list[str] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = self.choices

        customer_visible = self.customer_visible

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if required is not UNSET:
            field_dict["required"] = required
        if choices is not UNSET:
            field_dict["choices"] = choices
        if customer_visible is not UNSET:
            field_dict["customer_visible"] = customer_visible

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        _type_ = d.pop("type", UNSET)
        type_: CustomFieldType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_custom_field_type(_type_)

        required = d.pop("required", UNSET)

        choices = cast(list[str], d.pop("choices", UNSET))

        customer_visible = d.pop("customer_visible", UNSET)

        custom_field_definition_input = cls(
            name=name,
            type_=type_,
            required=required,
            choices=choices,
            customer_visible=customer_visible,
        )

        return custom_field_definition_input
