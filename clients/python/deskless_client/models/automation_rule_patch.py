from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.trigger_type import TriggerType, check_trigger_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_internal_note import AddInternalNote
    from ..models.add_tags import AddTags
    from ..models.add_ticket_note import AddTicketNote
    from ..models.apply_sla_policy import ApplySLAPolicy
    from ..models.assign_technician import AssignTechnician
    from ..models.assign_to import AssignTo
    from ..models.auto_dispatch import AutoDispatch
    from ..models.automation_conditions import AutomationConditions
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


T = TypeVar("T", bound="AutomationRulePatch")


@_attrs_define
class AutomationRulePatch:
    """
    Attributes:
        name (str | Unset):
        description (None | str | Unset):
        trigger_type (TriggerType | Unset):
        trigger_conditions (AutomationConditions | Unset): Every ``all`` condition holds, and at least one ``any``
            condition (when there are any).
        actions (list[AddInternalNote | AddTags | AddTicketNote | ApplySLAPolicy | AssignTechnician | AssignTo |
            AutoDispatch | CallWebhook | CreateWorkOrder | Notify | RemoveTags | ReplyToRequester | SetCustomField |
            SetDepartment | SetPriority | SetStatus | SetWorkOrderStatus] | Unset):
        execution_order (int | Unset):
        is_active (bool | Unset):
        stop_on_match (bool | Unset):
    """

    name: str | Unset = UNSET
    description: None | str | Unset = UNSET
    trigger_type: TriggerType | Unset = UNSET
    trigger_conditions: AutomationConditions | Unset = UNSET
    actions: (
        list[
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
        | Unset
    ) = UNSET
    execution_order: int | Unset = UNSET
    is_active: bool | Unset = UNSET
    stop_on_match: bool | Unset = UNSET

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

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        trigger_type: str | Unset = UNSET
        if not isinstance(self.trigger_type, Unset):
            trigger_type = self.trigger_type

        trigger_conditions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.trigger_conditions, Unset):
            trigger_conditions = self.trigger_conditions.to_dict()

        actions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actions, Unset):
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

        execution_order = self.execution_order

        is_active = self.is_active

        stop_on_match = self.stop_on_match

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if trigger_type is not UNSET:
            field_dict["trigger_type"] = trigger_type
        if trigger_conditions is not UNSET:
            field_dict["trigger_conditions"] = trigger_conditions
        if actions is not UNSET:
            field_dict["actions"] = actions
        if execution_order is not UNSET:
            field_dict["execution_order"] = execution_order
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if stop_on_match is not UNSET:
            field_dict["stop_on_match"] = stop_on_match

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
        from ..models.automation_conditions import AutomationConditions  # noqa: PLC0415
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
        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _trigger_type = d.pop("trigger_type", UNSET)
        trigger_type: TriggerType | Unset
        if isinstance(_trigger_type, Unset):
            trigger_type = UNSET
        else:
            trigger_type = check_trigger_type(_trigger_type)

        _trigger_conditions = d.pop("trigger_conditions", UNSET)
        trigger_conditions: AutomationConditions | Unset
        if isinstance(_trigger_conditions, Unset):
            trigger_conditions = UNSET
        else:
            trigger_conditions = AutomationConditions.from_dict(_trigger_conditions)

        _actions = d.pop("actions", UNSET)
        actions: (
            list[
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
            | Unset
        ) = UNSET
        if _actions is not UNSET:
            actions = []
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

        execution_order = d.pop("execution_order", UNSET)

        is_active = d.pop("is_active", UNSET)

        stop_on_match = d.pop("stop_on_match", UNSET)

        automation_rule_patch = cls(
            name=name,
            description=description,
            trigger_type=trigger_type,
            trigger_conditions=trigger_conditions,
            actions=actions,
            execution_order=execution_order,
            is_active=is_active,
            stop_on_match=stop_on_match,
        )

        return automation_rule_patch
