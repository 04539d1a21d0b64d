from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.escalation_action_output_notify_type_0 import (
    EscalationActionOutputNotifyType0,
    check_escalation_action_output_notify_type_0,
)
from ..models.escalation_action_output_role_type_0 import (
    EscalationActionOutputRoleType0,
    check_escalation_action_output_role_type_0,
)
from ..models.escalation_action_output_type import EscalationActionOutputType, check_escalation_action_output_type

T = TypeVar("T", bound="EscalationActionOutput")


@_attrs_define
class EscalationActionOutput:
    """
    Attributes:
        type_ (EscalationActionOutputType):
        notify (EscalationActionOutputNotifyType0 | None):
        role (EscalationActionOutputRoleType0 | None):
        user_id (None | str):
        department_id (None | str):
        tag (None | str):
    """

    type_: EscalationActionOutputType
    notify: EscalationActionOutputNotifyType0 | None
    role: EscalationActionOutputRoleType0 | None
    user_id: None | str
    department_id: None | str
    tag: None | str

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        notify: None | str
        if isinstance(self.notify, str):
            notify = self.notify
        else:
            notify = self.notify

        role: None | str
        if isinstance(self.role, str):
            role = self.role
        else:
            role = self.role

        user_id: None | str
        user_id = self.user_id

        department_id: None | str
        department_id = self.department_id

        tag: None | str
        tag = self.tag

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "notify": notify,
                "role": role,
                "user_id": user_id,
                "department_id": department_id,
                "tag": tag,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = check_escalation_action_output_type(d.pop("type"))

        def _parse_notify(data: object) -> EscalationActionOutputNotifyType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                notify_type_0 = check_escalation_action_output_notify_type_0(data)

                return notify_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EscalationActionOutputNotifyType0 | None, data)

        notify = _parse_notify(d.pop("notify"))

        def _parse_role(data: object) -> EscalationActionOutputRoleType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = check_escalation_action_output_role_type_0(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EscalationActionOutputRoleType0 | None, data)

        role = _parse_role(d.pop("role"))

        def _parse_user_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_id = _parse_user_id(d.pop("user_id"))

        def _parse_department_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_id = _parse_department_id(d.pop("department_id"))

        def _parse_tag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tag = _parse_tag(d.pop("tag"))

        escalation_action_output = cls(
            type_=type_,
            notify=notify,
            role=role,
            user_id=user_id,
            department_id=department_id,
            tag=tag,
        )

        return escalation_action_output
