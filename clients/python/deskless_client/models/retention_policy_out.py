from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.retained_entity import RetainedEntity, check_retained_entity

T = TypeVar("T", bound="RetentionPolicyOut")


@_attrs_define
class RetentionPolicyOut:
    """
    Attributes:
        entity (RetainedEntity):
        configured (bool): false: no policy, the data is kept
        retention_period_days (int | None):
        archive_before_delete (bool):
        anonymize_personal_data (bool):
        is_active (bool):
        updated_by_id (None | str):
        updated_at (datetime.datetime | None):
        version (int): 0 until the policy is first stored; send it as If-Match
    """

    entity: RetainedEntity
    configured: bool
    retention_period_days: int | None
    archive_before_delete: bool
    anonymize_personal_data: bool
    is_active: bool
    updated_by_id: None | str
    updated_at: datetime.datetime | None
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity: str = self.entity

        configured = self.configured

        retention_period_days: int | None
        retention_period_days = self.retention_period_days

        archive_before_delete = self.archive_before_delete

        anonymize_personal_data = self.anonymize_personal_data

        is_active = self.is_active

        updated_by_id: None | str
        updated_by_id = self.updated_by_id

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entity": entity,
                "configured": configured,
                "retention_period_days": retention_period_days,
                "archive_before_delete": archive_before_delete,
                "anonymize_personal_data": anonymize_personal_data,
                "is_active": is_active,
                "updated_by_id": updated_by_id,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entity = check_retained_entity(d.pop("entity"))

        configured = d.pop("configured")

        def _parse_retention_period_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        retention_period_days = _parse_retention_period_days(d.pop("retention_period_days"))

        archive_before_delete = d.pop("archive_before_delete")

        anonymize_personal_data = d.pop("anonymize_personal_data")

        is_active = d.pop("is_active")

        def _parse_updated_by_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        updated_by_id = _parse_updated_by_id(d.pop("updated_by_id"))

        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))

        version = d.pop("version")

        retention_policy_out = cls(
            entity=entity,
            configured=configured,
            retention_period_days=retention_period_days,
            archive_before_delete=archive_before_delete,
            anonymize_personal_data=anonymize_personal_data,
            is_active=is_active,
            updated_by_id=updated_by_id,
            updated_at=updated_at,
            version=version,
        )

        retention_policy_out.additional_properties = d
        return retention_policy_out

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
