from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.backlog_bucket_bucket import BacklogBucketBucket, check_backlog_bucket_bucket

T = TypeVar("T", bound="BacklogBucket")


@_attrs_define
class BacklogBucket:
    """
    Attributes:
        bucket (BacklogBucketBucket): age of the creation day in whole UTC days: 0, 1-2, 3-6, 7-29, 30 and more
        open_ (int): active tickets (new, open, pending, on hold) created that long ago, now
    """

    bucket: BacklogBucketBucket
    open_: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bucket: str = self.bucket

        open_ = self.open_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bucket": bucket,
                "open": open_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bucket = check_backlog_bucket_bucket(d.pop("bucket"))

        open_ = d.pop("open")

        backlog_bucket = cls(
            bucket=bucket,
            open_=open_,
        )

        backlog_bucket.additional_properties = d
        return backlog_bucket

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
