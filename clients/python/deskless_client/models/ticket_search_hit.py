from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.search_highlight import SearchHighlight
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="TicketSearchHit")


@_attrs_define
class TicketSearchHit:
    """
    Attributes:
        ticket (TicketOut):
        score (float): relevance (BM25 with field boosts and recency): higher is better
        highlights (list[SearchHighlight]):
    """

    ticket: TicketOut
    score: float
    highlights: list[SearchHighlight]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket.to_dict()

        score = self.score

        highlights = []
        for highlights_item_data in self.highlights:
            highlights_item = highlights_item_data.to_dict()
            highlights.append(highlights_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket": ticket,
                "score": score,
                "highlights": highlights,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_highlight import SearchHighlight  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket = TicketOut.from_dict(d.pop("ticket"))

        score = d.pop("score")

        highlights = []
        _highlights = d.pop("highlights")
        for highlights_item_data in _highlights:
            highlights_item = SearchHighlight.from_dict(highlights_item_data)

            highlights.append(highlights_item)

        ticket_search_hit = cls(
            ticket=ticket,
            score=score,
            highlights=highlights,
        )

        ticket_search_hit.additional_properties = d
        return ticket_search_hit

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
