from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SolveChildrenCommand")


@_attrs_define
class SolveChildrenCommand:
    """
    Attributes:
        reply (None | str | Unset): a public reply added to each child it solves
    """

    reply: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reply: None | str | Unset
        if isinstance(self.reply, Unset):
            reply = UNSET
        else:
            reply = self.reply

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if reply is not UNSET:
            field_dict["reply"] = reply

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_reply(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reply = _parse_reply(d.pop("reply", UNSET))

        solve_children_command = cls(
            reply=reply,
        )

        return solve_children_command
