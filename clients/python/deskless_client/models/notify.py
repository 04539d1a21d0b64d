from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.notify_recipient import NotifyRecipient, check_notify_recipient
from ..models.role import Role, check_role
from ..types import UNSET, Unset

T = TypeVar("T", bound="Notify")


@_attrs_define
class Notify:
    """
    Attributes:
        type_ (Literal['notify']):
        recipient (NotifyRecipient):
        user_id (None | str | Unset):
        role (None | Role | Unset):
        message (str | Unset):  Default: ''.
    """

    type_: Literal["notify"]
    recipient: NotifyRecipient
    user_id: None | str | Unset = UNSET
    role: None | Role | Unset = UNSET
    message: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        recipient: str = self.recipient

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, str):
            role = self.role
        else:
            role = self.role

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "recipient": recipient,
            }
        )
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if role is not UNSET:
            field_dict["role"] = role
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["notify"], d.pop("type"))
        if type_ != "notify":
            raise ValueError(f"type must match const 'notify', got '{type_}'")

        recipient = check_notify_recipient(d.pop("recipient"))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        def _parse_role(data: object) -> None | Role | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = check_role(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Role | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        message = d.pop("message", UNSET)

        notify = cls(
            type_=type_,
            recipient=recipient,
            user_id=user_id,
            role=role,
            message=message,
        )

        return notify
