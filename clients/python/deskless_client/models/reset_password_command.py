from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResetPasswordCommand")


@_attrs_define
class ResetPasswordCommand:
    """
    Attributes:
        token (str): the token from the reset link (its #token= fragment)
        new_password (str):
        totp_code (None | str | Unset): Required when two-factor login is on
    """

    token: str
    new_password: str
    totp_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        new_password = self.new_password

        totp_code: None | str | Unset
        if isinstance(self.totp_code, Unset):
            totp_code = UNSET
        else:
            totp_code = self.totp_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
                "new_password": new_password,
            }
        )
        if totp_code is not UNSET:
            field_dict["totp_code"] = totp_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        new_password = d.pop("new_password")

        def _parse_totp_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        totp_code = _parse_totp_code(d.pop("totp_code", UNSET))

        reset_password_command = cls(
            token=token,
            new_password=new_password,
            totp_code=totp_code,
        )

        return reset_password_command
