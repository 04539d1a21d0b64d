from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.trigger_type import TriggerType, check_trigger_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_internal_note import AddInternalNote
    from ..models.add_tags import AddTags
    from ..models.apply_sla_policy import ApplySLAPolicy
    from ..models.assign_to import AssignTo
    from ..models.automation_conditions import AutomationConditions
    from ..models.call_webhook import CallWebhook
    from ..models.create_work_order import CreateWorkOrder
    from ..models.notify import Notify
    from ..models.remove_tags import RemoveTags
    from ..models.reply_to_requester import ReplyToRequester
    from ..models.set_custom_field import SetCustomField
    from ..models.set_priority import SetPriority
    from ..models.set_status import SetStatus


T = TypeVar("T", bound="AutomationRulePatch")


@_attrs_define
class AutomationRulePatch:
    """
    Attributes:
        name (None | str | Unset):
        description (None | str | Unset):
        trigger_type (None | TriggerType | Unset):
        trigger_conditions (AutomationConditions | None | Unset):
        actions (list[AddInternalNote | AddTags | ApplySLAPolicy | AssignTo | CallWebhook | CreateWorkOrder | Notify |
            RemoveTags | ReplyToRequester | SetCustomField | SetPriority | SetStatus] | None | Unset):
        execution_order (int | None | Unset):
        is_active (bool | None | Unset):
        stop_on_match (bool | None | Unset):
    """

    name: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    trigger_type: None | TriggerType | Unset = UNSET
    trigger_conditions: AutomationConditions | None | Unset = UNSET
    actions: (
        list[
            AddInternalNote
            | AddTags
            | ApplySLAPolicy
            | AssignTo
            | CallWebhook
            | CreateWorkOrder
            | Notify
            | RemoveTags
            | ReplyToRequester
            | SetCustomField
            | SetPriority
            | SetStatus
        ]
        | None
        | Unset
    ) = UNSET
    execution_order: int | None | Unset = UNSET
    is_active: bool | None | Unset = UNSET
    stop_on_match: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.add_internal_note import AddInternalNote  # noqa: PLC0415
        from ..models.add_tags import AddTags  # noqa: PLC0415
        from ..models.apply_sla_policy import ApplySLAPolicy  # noqa: PLC0415
        from ..models.assign_to import AssignTo  # noqa: PLC0415
        from ..models.automation_conditions import AutomationConditions  # noqa: PLC0415
        from ..models.call_webhook import CallWebhook  # noqa: PLC0415
        from ..models.notify import Notify  # noqa: PLC0415
        from ..models.remove_tags import RemoveTags  # noqa: PLC0415
        from ..models.reply_to_requester import ReplyToRequester  # noqa: PLC0415
        from ..models.set_custom_field import SetCustomField  # noqa: PLC0415
        from ..models.set_priority import SetPriority  # noqa: PLC0415
        from ..models.set_status import SetStatus  # noqa: PLC0415

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        trigger_type: None | str | Unset
        if isinstance(self.trigger_type, Unset):
            trigger_type = UNSET
        elif isinstance(self.trigger_type, str):
            trigger_type = self.trigger_type
        else:
            trigger_type = self.trigger_type

        trigger_conditions: dict[str, Any] | None | Unset
        if isinstance(self.trigger_conditions, Unset):
            trigger_conditions = UNSET
        elif isinstance(self.trigger_conditions, AutomationConditions):
            trigger_conditions = self.trigger_conditions.to_dict()
        else:
            trigger_conditions = self.trigger_conditions

        actions: list[dict[str, Any]] | None | Unset
        if isinstance(self.actions, Unset):
            actions = UNSET
        elif isinstance(self.actions, list):
            actions = []
            for actions_type_0_item_data in self.actions:
                actions_type_0_item: dict[str, Any]
                if isinstance(actions_type_0_item_data, SetStatus):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, SetPriority):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, AssignTo):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, AddTags):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, RemoveTags):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, SetCustomField):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, AddInternalNote):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, ReplyToRequester):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, Notify):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, CallWebhook):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                elif isinstance(actions_type_0_item_data, ApplySLAPolicy):
                    actions_type_0_item = actions_type_0_item_data.to_dict()
                else:
                    actions_type_0_item = actions_type_0_item_data.to_dict()

                actions.append(actions_type_0_item)

        else:
            actions = self.actions

        execution_order: int | None | Unset
        if isinstance(self.execution_order, Unset):
            execution_order = UNSET
        else:
            execution_order = self.execution_order

        is_active: bool | None | Unset
        if isinstance(self.is_active, Unset):
            is_active = UNSET
        else:
            is_active = self.is_active

        stop_on_match: bool | None | Unset
        if isinstance(self.stop_on_match, Unset):
            stop_on_match = UNSET
        else:
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
        from ..models.apply_sla_policy import ApplySLAPolicy  # noqa: PLC0415
        from ..models.assign_to import AssignTo  # noqa: PLC0415
        from ..models.automation_conditions import AutomationConditions  # noqa: PLC0415
        from ..models.call_webhook import CallWebhook  # noqa: PLC0415
        from ..models.create_work_order import CreateWorkOrder  # noqa: PLC0415
        from ..models.notify import Notify  # noqa: PLC0415
        from ..models.remove_tags import RemoveTags  # noqa: PLC0415
        from ..models.reply_to_requester import ReplyToRequester  # noqa: PLC0415
        from ..models.set_custom_field import SetCustomField  # noqa: PLC0415
        from ..models.set_priority import SetPriority  # noqa: PLC0415
        from ..models.set_status import SetStatus  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_trigger_type(data: object) -> None | TriggerType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                trigger_type_type_0 = check_trigger_type(data)

                return trigger_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TriggerType | Unset, data)

        trigger_type = _parse_trigger_type(d.pop("trigger_type", UNSET))

        def _parse_trigger_conditions(data: object) -> AutomationConditions | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                trigger_conditions_type_0 = AutomationConditions.from_dict(data)

                return trigger_conditions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutomationConditions | None | Unset, data)

        trigger_conditions = _parse_trigger_conditions(d.pop("trigger_conditions", UNSET))

        def _parse_actions(
            data: object,
        ) -> (
            list[
                AddInternalNote
                | AddTags
                | ApplySLAPolicy
                | AssignTo
                | CallWebhook
                | CreateWorkOrder
                | Notify
                | RemoveTags
                | ReplyToRequester
                | SetCustomField
                | SetPriority
                | SetStatus
            ]
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                actions_type_0 = []
                _actions_type_0 = data
                for actions_type_0_item_data in _actions_type_0:

                    def _parse_actions_type_0_item(
                        data: object,
                    ) -> (
                        AddInternalNote
                        | AddTags
                        | ApplySLAPolicy
                        | AssignTo
                        | CallWebhook
                        | CreateWorkOrder
                        | Notify
                        | RemoveTags
                        | ReplyToRequester
                        | SetCustomField
                        | SetPriority
                        | SetStatus
                    ):
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_0 = SetStatus.from_dict(data)

                            return actions_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_1 = SetPriority.from_dict(data)

                            return actions_type_0_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_2 = AssignTo.from_dict(data)

                            return actions_type_0_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_3 = AddTags.from_dict(data)

                            return actions_type_0_item_type_3
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_4 = RemoveTags.from_dict(data)

                            return actions_type_0_item_type_4
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_5 = SetCustomField.from_dict(data)

                            return actions_type_0_item_type_5
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_6 = AddInternalNote.from_dict(data)

                            return actions_type_0_item_type_6
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_7 = ReplyToRequester.from_dict(data)

                            return actions_type_0_item_type_7
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_8 = Notify.from_dict(data)

                            return actions_type_0_item_type_8
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_9 = CallWebhook.from_dict(data)

                            return actions_type_0_item_type_9
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            actions_type_0_item_type_10 = ApplySLAPolicy.from_dict(data)

                            return actions_type_0_item_type_10
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        actions_type_0_item_type_11 = CreateWorkOrder.from_dict(data)

                        return actions_type_0_item_type_11

                    actions_type_0_item = _parse_actions_type_0_item(actions_type_0_item_data)

                    actions_type_0.append(actions_type_0_item)

                return actions_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[
                    AddInternalNote
                    | AddTags
                    | ApplySLAPolicy
                    | AssignTo
                    | CallWebhook
                    | CreateWorkOrder
                    | Notify
                    | RemoveTags
                    | ReplyToRequester
                    | SetCustomField
                    | SetPriority
                    | SetStatus
                ]
                | None
                | Unset,
                data,
            )

        actions = _parse_actions(d.pop("actions", UNSET))

        def _parse_execution_order(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        execution_order = _parse_execution_order(d.pop("execution_order", UNSET))

        def _parse_is_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_active = _parse_is_active(d.pop("is_active", UNSET))

        def _parse_stop_on_match(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        stop_on_match = _parse_stop_on_match(d.pop("stop_on_match", UNSET))

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
