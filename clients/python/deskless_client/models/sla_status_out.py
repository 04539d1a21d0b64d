from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sla_status_out_targets import SLAStatusOutTargets


T = TypeVar("T", bound="SLAStatusOut")


@_attrs_define
class SLAStatusOut:
    """
    Attributes:
        policy_id (None | str):
        policy_name (None | str):
        breached (bool):
        targets (SLAStatusOutTargets):
    """

    policy_id: None | str
    policy_name: None | str
    breached: bool
    targets: SLAStatusOutTargets
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        policy_id: None | str
        policy_id = self.policy_id

        policy_name: None | str
        policy_name = self.policy_name

        breached = self.breached

        targets = self.targets.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "policy_id": policy_id,
                "policy_name": policy_name,
                "breached": breached,
                "targets": targets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sla_status_out_targets import SLAStatusOutTargets  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_policy_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        policy_id = _parse_policy_id(d.pop("policy_id"))

        def _parse_policy_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        policy_name = _parse_policy_name(d.pop("policy_name"))

        breached = d.pop("breached")

        targets = SLAStatusOutTargets.from_dict(d.pop("targets"))

        sla_status_out = cls(
            policy_id=policy_id,
            policy_name=policy_name,
            breached=breached,
            targets=targets,
        )

        sla_status_out.additional_properties = d
        return sla_status_out

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
