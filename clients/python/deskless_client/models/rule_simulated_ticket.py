from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rule_simulated_ticket_would_item import RuleSimulatedTicketWouldItem


T = TypeVar("T", bound="RuleSimulatedTicket")


@_attrs_define
class RuleSimulatedTicket:
    """
    Attributes:
        ticket_number (str):
        subject (str):
        events_checked (int): events of the rule's trigger replayed on this ticket
        matched (bool):
        would (list[RuleSimulatedTicketWouldItem]): the actions planned on the first matching event (a dry run)
        reason (str):
    """

    ticket_number: str
    subject: str
    events_checked: int
    matched: bool
    would: list[RuleSimulatedTicketWouldItem]
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket_number = self.ticket_number

        subject = self.subject

        events_checked = self.events_checked

        matched = self.matched

        would = []
        for would_item_data in self.would:
            would_item = would_item_data.to_dict()
            would.append(would_item)

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket_number": ticket_number,
                "subject": subject,
                "events_checked": events_checked,
                "matched": matched,
                "would": would,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_simulated_ticket_would_item import RuleSimulatedTicketWouldItem  # noqa: PLC0415

        d = dict(src_dict)
        ticket_number = d.pop("ticket_number")

        subject = d.pop("subject")

        events_checked = d.pop("events_checked")

        matched = d.pop("matched")

        would = []
        _would = d.pop("would")
        for would_item_data in _would:
            would_item = RuleSimulatedTicketWouldItem.from_dict(would_item_data)

            would.append(would_item)

        reason = d.pop("reason")

        rule_simulated_ticket = cls(
            ticket_number=ticket_number,
            subject=subject,
            events_checked=events_checked,
            matched=matched,
            would=would,
            reason=reason,
        )

        rule_simulated_ticket.additional_properties = d
        return rule_simulated_ticket

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
