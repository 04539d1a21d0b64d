from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.custom_field_type import CustomFieldType, check_custom_field_type

T = TypeVar("T", bound="CustomFieldDefinitionOutput")


@_attrs_define
class CustomFieldDefinitionOutput:
    """A ticket custom field the organization defines (``settings.custom_fields``).

    Attributes:
        name (str):
        type_ (CustomFieldType):
        required (bool):  Default: False.
        choices (list[str]):
        customer_visible (bool): customers see the field on their tickets and may set it when they open one; otherwise
            it is internal: never shown to customers, and a customer's request setting it is 422 Default: False.
    """

    name: str
    type_: CustomFieldType
    choices: list[str]
    required: bool = False
    customer_visible: bool = False

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_: str = self.type_

        required = self.required

        choices = self.choices

        customer_visible = self.customer_visible

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "type": type_,
                "required": required,
                "choices": choices,
                "customer_visible": customer_visible,
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

        customer_visible = d.pop("customer_visible")

        custom_field_definition_output = cls(
            name=name,
            type_=type_,
            required=required,
            choices=choices,
            customer_visible=customer_visible,
        )

        return custom_field_definition_output
