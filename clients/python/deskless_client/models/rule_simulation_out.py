from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger_type import TriggerType, check_trigger_type

if TYPE_CHECKING:
    from ..models.rule_simulated_ticket import RuleSimulatedTicket


T = TypeVar("T", bound="RuleSimulationOut")


@_attrs_define
class RuleSimulationOut:
    """
    Attributes:
        rule_id (None | str):
        trigger_type (TriggerType):
        tickets (int):
        matched (int):
        events_checked (int):
        items (list[RuleSimulatedTicket]):
    """

    rule_id: None | str
    trigger_type: TriggerType
    tickets: int
    matched: int
    events_checked: int
    items: list[RuleSimulatedTicket]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rule_id: None | str
        rule_id = self.rule_id

        trigger_type: str = self.trigger_type

        tickets = self.tickets

        matched = self.matched

        events_checked = self.events_checked

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rule_id": rule_id,
                "trigger_type": trigger_type,
                "tickets": tickets,
                "matched": matched,
                "events_checked": events_checked,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_simulated_ticket import RuleSimulatedTicket  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_rule_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rule_id = _parse_rule_id(d.pop("rule_id"))

        trigger_type = check_trigger_type(d.pop("trigger_type"))

        tickets = d.pop("tickets")

        matched = d.pop("matched")

        events_checked = d.pop("events_checked")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = RuleSimulatedTicket.from_dict(items_item_data)

            items.append(items_item)

        rule_simulation_out = cls(
            rule_id=rule_id,
            trigger_type=trigger_type,
            tickets=tickets,
            matched=matched,
            events_checked=events_checked,
            items=items,
        )

        rule_simulation_out.additional_properties = d
        return rule_simulation_out

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
