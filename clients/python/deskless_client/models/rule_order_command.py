from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RuleOrderCommand")


@_attrs_define
class RuleOrderCommand:
    """The rules in the order they should run (each once); ``versions`` the ones the client saw.

    Attributes:
        ids (list[str]):
        versions (list[int] | None | Unset): each rule's version as listed (409 when one moved)
    """

    ids: list[str]
    versions: list[int] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ids = self.ids

        versions: list[int] | None | Unset
        if isinstance(self.versions, Unset):
            versions = UNSET
        elif isinstance(self.versions, list):
            versions = self.versions

        else:
            versions = self.versions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ids": ids,
            }
        )
        if versions is not UNSET:
            field_dict["versions"] = versions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ids = cast(list[str], d.pop("ids"))

        def _parse_versions(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                versions_type_0 = cast(list[int], data)

                return versions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        versions = _parse_versions(d.pop("versions", UNSET))

        rule_order_command = cls(
            ids=ids,
            versions=versions,
        )

        return rule_order_command
