from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TotpDisableCommand")


@_attrs_define
class TotpDisableCommand:
    """Turn two-factor login off.

    Attributes:
        current_password (str):
        totp_code (None | str | Unset): Required when two-factor login is on
    """

    current_password: str
    totp_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        current_password = self.current_password

        totp_code: None | str | Unset
        if isinstance(self.totp_code, Unset):
            totp_code = UNSET
        else:
            totp_code = self.totp_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "current_password": current_password,
            }
        )
        if totp_code is not UNSET:
            field_dict["totp_code"] = totp_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current_password = d.pop("current_password")

        def _parse_totp_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        totp_code = _parse_totp_code(d.pop("totp_code", UNSET))

        totp_disable_command = cls(
            current_password=current_password,
            totp_code=totp_code,
        )

        return totp_disable_command
