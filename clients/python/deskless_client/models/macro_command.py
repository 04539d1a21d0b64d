from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.macro_scope import MacroScope, check_macro_scope
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_internal_note import AddInternalNote
    from ..models.add_tags import AddTags
    from ..models.add_ticket_note import AddTicketNote
    from ..models.apply_sla_policy import ApplySLAPolicy
    from ..models.assign_technician import AssignTechnician
    from ..models.assign_to import AssignTo
    from ..models.auto_dispatch import AutoDispatch
    from ..models.call_webhook import CallWebhook
    from ..models.create_work_order import CreateWorkOrder
    from ..models.notify import Notify
    from ..models.remove_tags import RemoveTags
    from ..models.reply_to_requester import ReplyToRequester
    from ..models.set_custom_field import SetCustomField
    from ..models.set_department import SetDepartment
    from ..models.set_priority import SetPriority
    from ..models.set_status import SetStatus
    from ..models.set_work_order_status import SetWorkOrderStatus


T = TypeVar("T", bound="MacroCommand")


@_attrs_define
class MacroCommand:
    """
    Attributes:
        name (str):
        actions (list[AddInternalNote | AddTags | AddTicketNote | ApplySLAPolicy | AssignTechnician | AssignTo |
            AutoDispatch | CallWebhook | CreateWorkOrder | Notify | RemoveTags | ReplyToRequester | SetCustomField |
            SetDepartment | SetPriority | SetStatus | SetWorkOrderStatus]):
        description (str | Unset):  Default: ''.
        scope (MacroScope | Unset):
        position (int | Unset):  Default: 0.
    """

    name: str
    actions: list[
        AddInternalNote
        | AddTags
        | AddTicketNote
        | ApplySLAPolicy
        | AssignTechnician
        | AssignTo
        | AutoDispatch
        | CallWebhook
        | CreateWorkOrder
        | Notify
        | RemoveTags
        | ReplyToRequester
        | SetCustomField
        | SetDepartment
        | SetPriority
        | SetStatus
        | SetWorkOrderStatus
    ]
    description: str | Unset = ""
    scope: MacroScope | Unset = UNSET
    position: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        from ..models.add_internal_note import AddInternalNote  # noqa: PLC0415
        from ..models.add_tags import AddTags  # noqa: PLC0415
        from ..models.apply_sla_policy import ApplySLAPolicy  # noqa: PLC0415
        from ..models.assign_technician import AssignTechnician  # noqa: PLC0415
        from ..models.assign_to import AssignTo  # noqa: PLC0415
        from ..models.auto_dispatch import AutoDispatch  # noqa: PLC0415
        from ..models.call_webhook import CallWebhook  # noqa: PLC0415
        from ..models.create_work_order import CreateWorkOrder  # noqa: PLC0415
        from ..models.notify import Notify  # noqa: PLC0415
        from ..models.remove_tags import RemoveTags  # noqa: PLC0415
        from ..models.reply_to_requester import ReplyToRequester  # noqa: PLC0415
        from ..models.set_custom_field import SetCustomField  # noqa: PLC0415
        from ..models.set_department import SetDepartment  # noqa: PLC0415
        from ..models.set_priority import SetPriority  # noqa: PLC0415
        from ..models.set_status import SetStatus  # noqa: PLC0415
        from ..models.set_work_order_status import SetWorkOrderStatus  # noqa: PLC0415

        name = self.name

        actions = []
        for actions_item_data in self.actions:
            actions_item: dict[str, Any]
            if isinstance(actions_item_data, SetStatus):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, SetPriority):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, AssignTo):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, SetDepartment):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, AddTags):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, RemoveTags):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, SetCustomField):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, AddInternalNote):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, ReplyToRequester):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, Notify):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, CallWebhook):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, ApplySLAPolicy):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, CreateWorkOrder):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, SetWorkOrderStatus):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, AutoDispatch):
                actions_item = actions_item_data.to_dict()
            elif isinstance(actions_item_data, AssignTechnician):
                actions_item = actions_item_data.to_dict()
            else:
                actions_item = actions_item_data.to_dict()

            actions.append(actions_item)

        description = self.description

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope

        position = self.position

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "actions": actions,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if scope is not UNSET:
            field_dict["scope"] = scope
        if position is not UNSET:
            field_dict["position"] = position

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.add_internal_note import AddInternalNote  # noqa: PLC0415
        from ..models.add_tags import AddTags  # noqa: PLC0415
        from ..models.add_ticket_note import AddTicketNote  # noqa: PLC0415
        from ..models.apply_sla_policy import ApplySLAPolicy  # noqa: PLC0415
        from ..models.assign_technician import AssignTechnician  # noqa: PLC0415
        from ..models.assign_to import AssignTo  # noqa: PLC0415
        from ..models.auto_dispatch import AutoDispatch  # noqa: PLC0415
        from ..models.call_webhook import CallWebhook  # noqa: PLC0415
        from ..models.create_work_order import CreateWorkOrder  # noqa: PLC0415
        from ..models.notify import Notify  # noqa: PLC0415
        from ..models.remove_tags import RemoveTags  # noqa: PLC0415
        from ..models.reply_to_requester import ReplyToRequester  # noqa: PLC0415
        from ..models.set_custom_field import SetCustomField  # noqa: PLC0415
        from ..models.set_department import SetDepartment  # noqa: PLC0415
        from ..models.set_priority import SetPriority  # noqa: PLC0415
        from ..models.set_status import SetStatus  # noqa: PLC0415
        from ..models.set_work_order_status import SetWorkOrderStatus  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:

            def _parse_actions_item(
                data: object,
            ) -> (
                AddInternalNote
                | AddTags
                | AddTicketNote
                | ApplySLAPolicy
                | AssignTechnician
                | AssignTo
                | AutoDispatch
                | CallWebhook
                | CreateWorkOrder
                | Notify
                | RemoveTags
                | ReplyToRequester
                | SetCustomField
                | SetDepartment
                | SetPriority
                | SetStatus
                | SetWorkOrderStatus
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_0 = SetStatus.from_dict(data)

                    return actions_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_1 = SetPriority.from_dict(data)

                    return actions_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_2 = AssignTo.from_dict(data)

                    return actions_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_3 = SetDepartment.from_dict(data)

                    return actions_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_4 = AddTags.from_dict(data)

                    return actions_item_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_5 = RemoveTags.from_dict(data)

                    return actions_item_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_6 = SetCustomField.from_dict(data)

                    return actions_item_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_7 = AddInternalNote.from_dict(data)

                    return actions_item_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_8 = ReplyToRequester.from_dict(data)

                    return actions_item_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_9 = Notify.from_dict(data)

                    return actions_item_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_10 = CallWebhook.from_dict(data)

                    return actions_item_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_11 = ApplySLAPolicy.from_dict(data)

                    return actions_item_type_11
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_12 = CreateWorkOrder.from_dict(data)

                    return actions_item_type_12
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_13 = SetWorkOrderStatus.from_dict(data)

                    return actions_item_type_13
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_14 = AutoDispatch.from_dict(data)

                    return actions_item_type_14
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    actions_item_type_15 = AssignTechnician.from_dict(data)

                    return actions_item_type_15
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                actions_item_type_16 = AddTicketNote.from_dict(data)

                return actions_item_type_16

            actions_item = _parse_actions_item(actions_item_data)

            actions.append(actions_item)

        description = d.pop("description", UNSET)

        _scope = d.pop("scope", UNSET)
        scope: MacroScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = check_macro_scope(_scope)

        position = d.pop("position", UNSET)

        macro_command = cls(
            name=name,
            actions=actions,
            description=description,
            scope=scope,
            position=position,
        )

        return macro_command
