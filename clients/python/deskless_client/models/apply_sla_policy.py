from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ApplySLAPolicy")


@_attrs_define
class ApplySLAPolicy:
    """
    Attributes:
        type_ (Literal['apply_sla_policy']):
        policy_id (str):
    """

    type_: Literal["apply_sla_policy"]
    policy_id: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        policy_id = self.policy_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "policy_id": policy_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["apply_sla_policy"], d.pop("type"))
        if type_ != "apply_sla_policy":
            raise ValueError(f"type must match const 'apply_sla_policy', got '{type_}'")

        policy_id = d.pop("policy_id")

        apply_sla_policy = cls(
            type_=type_,
            policy_id=policy_id,
        )

        return apply_sla_policy
