from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger_type import TriggerType, check_trigger_type

if TYPE_CHECKING:
    from ..models.broken_reference_out import BrokenReferenceOut
    from ..models.rule_out_actions_item import RuleOutActionsItem
    from ..models.rule_out_trigger_conditions import RuleOutTriggerConditions
    from ..models.rule_stats import RuleStats


T = TypeVar("T", bound="RuleOut")


@_attrs_define
class RuleOut:
    """
    Attributes:
        id (str):
        name (str):
        description (str):
        trigger_type (TriggerType):
        trigger_conditions (RuleOutTriggerConditions):
        actions (list[RuleOutActionsItem]): call_webhook secrets are never returned
        execution_order (int):
        is_active (bool):
        stop_on_match (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
        statistics (None | RuleStats):
        broken_references (list[BrokenReferenceOut]): what the actions name that no longer exists or can no longer be
            used (checked when read); such an action fails when the rule runs
    """

    id: str
    name: str
    description: str
    trigger_type: TriggerType
    trigger_conditions: RuleOutTriggerConditions
    actions: list[RuleOutActionsItem]
    execution_order: int
    is_active: bool
    stop_on_match: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    statistics: None | RuleStats
    broken_references: list[BrokenReferenceOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_stats import RuleStats  # noqa: PLC0415

        id = self.id

        name = self.name

        description = self.description

        trigger_type: str = self.trigger_type

        trigger_conditions = self.trigger_conditions.to_dict()

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        execution_order = self.execution_order

        is_active = self.is_active

        stop_on_match = self.stop_on_match

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        statistics: dict[str, Any] | None
        if isinstance(self.statistics, RuleStats):
            statistics = self.statistics.to_dict()
        else:
            statistics = self.statistics

        broken_references = []
        for broken_references_item_data in self.broken_references:
            broken_references_item = broken_references_item_data.to_dict()
            broken_references.append(broken_references_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "trigger_type": trigger_type,
                "trigger_conditions": trigger_conditions,
                "actions": actions,
                "execution_order": execution_order,
                "is_active": is_active,
                "stop_on_match": stop_on_match,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
                "statistics": statistics,
                "broken_references": broken_references,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.broken_reference_out import BrokenReferenceOut  # noqa: PLC0415
        from ..models.rule_out_actions_item import RuleOutActionsItem  # noqa: PLC0415
        from ..models.rule_out_trigger_conditions import RuleOutTriggerConditions  # noqa: PLC0415
        from ..models.rule_stats import RuleStats  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        trigger_type = check_trigger_type(d.pop("trigger_type"))

        trigger_conditions = RuleOutTriggerConditions.from_dict(d.pop("trigger_conditions"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = RuleOutActionsItem.from_dict(actions_item_data)

            actions.append(actions_item)

        execution_order = d.pop("execution_order")

        is_active = d.pop("is_active")

        stop_on_match = d.pop("stop_on_match")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_statistics(data: object) -> None | RuleStats:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                statistics_type_0 = RuleStats.from_dict(data)

                return statistics_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RuleStats, data)

        statistics = _parse_statistics(d.pop("statistics"))

        broken_references = []
        _broken_references = d.pop("broken_references")
        for broken_references_item_data in _broken_references:
            broken_references_item = BrokenReferenceOut.from_dict(broken_references_item_data)

            broken_references.append(broken_references_item)

        rule_out = cls(
            id=id,
            name=name,
            description=description,
            trigger_type=trigger_type,
            trigger_conditions=trigger_conditions,
            actions=actions,
            execution_order=execution_order,
            is_active=is_active,
            stop_on_match=stop_on_match,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
            statistics=statistics,
            broken_references=broken_references,
        )

        rule_out.additional_properties = d
        return rule_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
