from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.escalation_action_input_notify_type_0 import (
    EscalationActionInputNotifyType0,
    check_escalation_action_input_notify_type_0,
)
from ..models.escalation_action_input_role_type_0 import (
    EscalationActionInputRoleType0,
    check_escalation_action_input_role_type_0,
)
from ..models.escalation_action_input_type import EscalationActionInputType, check_escalation_action_input_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="EscalationActionInput")


@_attrs_define
class EscalationActionInput:
    """
    Attributes:
        type_ (EscalationActionInputType):
        notify (EscalationActionInputNotifyType0 | None | Unset):
        role (EscalationActionInputRoleType0 | None | Unset):
        user_id (None | str | Unset):
        department_id (None | str | Unset):
        tag (None | str | Unset):
    """

    type_: EscalationActionInputType
    notify: EscalationActionInputNotifyType0 | None | Unset = UNSET
    role: EscalationActionInputRoleType0 | None | Unset = UNSET
    user_id: None | str | Unset = UNSET
    department_id: None | str | Unset = UNSET
    tag: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        notify: None | str | Unset
        if isinstance(self.notify, Unset):
            notify = UNSET
        elif isinstance(self.notify, str):
            notify = self.notify
        else:
            notify = self.notify

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, str):
            role = self.role
        else:
            role = self.role

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        department_id: None | str | Unset
        if isinstance(self.department_id, Unset):
            department_id = UNSET
        else:
            department_id = self.department_id

        tag: None | str | Unset
        if isinstance(self.tag, Unset):
            tag = UNSET
        else:
            tag = self.tag

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if notify is not UNSET:
            field_dict["notify"] = notify
        if role is not UNSET:
            field_dict["role"] = role
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if department_id is not UNSET:
            field_dict["department_id"] = department_id
        if tag is not UNSET:
            field_dict["tag"] = tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = check_escalation_action_input_type(d.pop("type"))

        def _parse_notify(data: object) -> EscalationActionInputNotifyType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                notify_type_0 = check_escalation_action_input_notify_type_0(data)

                return notify_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EscalationActionInputNotifyType0 | None | Unset, data)

        notify = _parse_notify(d.pop("notify", UNSET))

        def _parse_role(data: object) -> EscalationActionInputRoleType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = check_escalation_action_input_role_type_0(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EscalationActionInputRoleType0 | None | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        def _parse_department_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department_id = _parse_department_id(d.pop("department_id", UNSET))

        def _parse_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tag = _parse_tag(d.pop("tag", UNSET))

        escalation_action_input = cls(
            type_=type_,
            notify=notify,
            role=role,
            user_id=user_id,
            department_id=department_id,
            tag=tag,
        )

        return escalation_action_input
