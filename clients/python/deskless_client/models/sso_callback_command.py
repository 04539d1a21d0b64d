from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SsoCallbackCommand")


@_attrs_define
class SsoCallbackCommand:
    """
    Attributes:
        code (str): the authorization code the IdP returned
        state (str): the state the IdP returned
    """

    code: str
    state: str

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        state = self.state

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        state = d.pop("state")

        sso_callback_command = cls(
            code=code,
            state=state,
        )

        return sso_callback_command
