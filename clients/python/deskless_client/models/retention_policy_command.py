from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RetentionPolicyCommand")


@_attrs_define
class RetentionPolicyCommand:
    """
    Attributes:
        retention_period_days (int): kept this many days after the clock starts
        archive_before_delete (bool | Unset): write a verified archive to S3 before deleting Default: True.
        anonymize_personal_data (bool | Unset): replace personal data with stable pseudonyms instead of deleting
            Default: False.
        is_active (bool | Unset):  Default: True.
    """

    retention_period_days: int
    archive_before_delete: bool | Unset = True
    anonymize_personal_data: bool | Unset = False
    is_active: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        retention_period_days = self.retention_period_days

        archive_before_delete = self.archive_before_delete

        anonymize_personal_data = self.anonymize_personal_data

        is_active = self.is_active

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "retention_period_days": retention_period_days,
            }
        )
        if archive_before_delete is not UNSET:
            field_dict["archive_before_delete"] = archive_before_delete
        if anonymize_personal_data is not UNSET:
            field_dict["anonymize_personal_data"] = anonymize_personal_data
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        retention_period_days = d.pop("retention_period_days")

        archive_before_delete = d.pop("archive_before_delete", UNSET)

        anonymize_personal_data = d.pop("anonymize_personal_data", UNSET)

        is_active = d.pop("is_active", UNSET)

        retention_policy_command = cls(
            retention_period_days=retention_period_days,
            archive_before_delete=archive_before_delete,
            anonymize_personal_data=anonymize_personal_data,
            is_active=is_active,
        )

        return retention_policy_command
