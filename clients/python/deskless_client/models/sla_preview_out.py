from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.priority import Priority, check_priority

if TYPE_CHECKING:
    from ..models.business_hours_used import BusinessHoursUsed


T = TypeVar("T", bound="SLAPreviewOut")


@_attrs_define
class SLAPreviewOut:
    """
    Attributes:
        policy_id (None | str): the saved policy previewed; null for an unsaved one
        policy_name (str):
        priority (Priority):
        created_at (datetime.datetime):
        first_response_due (datetime.datetime):
        resolution_due (datetime.datetime):
        business_hours_used (BusinessHoursUsed):
        explanation (str):
    """

    policy_id: None | str
    policy_name: str
    priority: Priority
    created_at: datetime.datetime
    first_response_due: datetime.datetime
    resolution_due: datetime.datetime
    business_hours_used: BusinessHoursUsed
    explanation: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        policy_id: None | str
        policy_id = self.policy_id

        policy_name = self.policy_name

        priority: str = self.priority

        created_at = self.created_at.isoformat()

        first_response_due = self.first_response_due.isoformat()

        resolution_due = self.resolution_due.isoformat()

        business_hours_used = self.business_hours_used.to_dict()

        explanation = self.explanation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "policy_id": policy_id,
                "policy_name": policy_name,
                "priority": priority,
                "created_at": created_at,
                "first_response_due": first_response_due,
                "resolution_due": resolution_due,
                "business_hours_used": business_hours_used,
                "explanation": explanation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.business_hours_used import BusinessHoursUsed  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_policy_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        policy_id = _parse_policy_id(d.pop("policy_id"))

        policy_name = d.pop("policy_name")

        priority = check_priority(d.pop("priority"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        first_response_due = datetime.datetime.fromisoformat(d.pop("first_response_due"))

        resolution_due = datetime.datetime.fromisoformat(d.pop("resolution_due"))

        business_hours_used = BusinessHoursUsed.from_dict(d.pop("business_hours_used"))

        explanation = d.pop("explanation")

        sla_preview_out = cls(
            policy_id=policy_id,
            policy_name=policy_name,
            priority=priority,
            created_at=created_at,
            first_response_due=first_response_due,
            resolution_due=resolution_due,
            business_hours_used=business_hours_used,
            explanation=explanation,
        )

        sla_preview_out.additional_properties = d
        return sla_preview_out

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
