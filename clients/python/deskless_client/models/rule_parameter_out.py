from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_parameter_out_kind import RuleParameterOutKind, check_rule_parameter_out_kind

if TYPE_CHECKING:
    from ..models.rule_parameter_out_limits import RuleParameterOutLimits


T = TypeVar("T", bound="RuleParameterOut")


@_attrs_define
class RuleParameterOut:
    """
    Attributes:
        name (str):
        kind (RuleParameterOutKind):
        required (bool):
        nullable (bool):
        choices (list[str]):
        default (Any):
        description (str):
        limits (RuleParameterOutLimits): minLength, maxLength, minimum, maximum, minItems, maxItems
    """

    name: str
    kind: RuleParameterOutKind
    required: bool
    nullable: bool
    choices: list[str]
    default: Any
    description: str
    limits: RuleParameterOutLimits
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind: str = self.kind

        required = self.required

        nullable = self.nullable

        choices = self.choices

        default = self.default

        description = self.description

        limits = self.limits.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "required": required,
                "nullable": nullable,
                "choices": choices,
                "default": default,
                "description": description,
                "limits": limits,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_parameter_out_limits import RuleParameterOutLimits  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        kind = check_rule_parameter_out_kind(d.pop("kind"))

        required = d.pop("required")

        nullable = d.pop("nullable")

        choices = cast(list[str], d.pop("choices"))

        default = d.pop("default")

        description = d.pop("description")

        limits = RuleParameterOutLimits.from_dict(d.pop("limits"))

        rule_parameter_out = cls(
            name=name,
            kind=kind,
            required=required,
            nullable=nullable,
            choices=choices,
            default=default,
            description=description,
            limits=limits,
        )

        rule_parameter_out.additional_properties = d
        return rule_parameter_out

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
