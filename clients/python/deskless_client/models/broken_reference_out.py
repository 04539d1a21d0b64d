from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.broken_reference_out_kind import BrokenReferenceOutKind, check_broken_reference_out_kind
from ..models.broken_reference_out_reason import BrokenReferenceOutReason, check_broken_reference_out_reason

T = TypeVar("T", bound="BrokenReferenceOut")


@_attrs_define
class BrokenReferenceOut:
    """
    Attributes:
        field (str): where the rule names it, e.g. `actions.2.user_id`
        kind (BrokenReferenceOutKind):
        id (str): the id (custom fields: the name) the rule names
        reason (BrokenReferenceOutReason):
        message (str):
    """

    field: str
    kind: BrokenReferenceOutKind
    id: str
    reason: BrokenReferenceOutReason
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        kind: str = self.kind

        id = self.id

        reason: str = self.reason

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "kind": kind,
                "id": id,
                "reason": reason,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        kind = check_broken_reference_out_kind(d.pop("kind"))

        id = d.pop("id")

        reason = check_broken_reference_out_reason(d.pop("reason"))

        message = d.pop("message")

        broken_reference_out = cls(
            field=field,
            kind=kind,
            id=id,
            reason=reason,
            message=message,
        )

        broken_reference_out.additional_properties = d
        return broken_reference_out

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
