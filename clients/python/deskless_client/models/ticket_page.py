from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.included_out import IncludedOut
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="TicketPage")


@_attrs_define
class TicketPage:
    """
    Attributes:
        items (list[TicketOut]):
        next_cursor (None | str):
        included (IncludedOut | None): only with `?include=`: what the page's tickets name
    """

    items: list[TicketOut]
    next_cursor: None | str
    included: IncludedOut | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.included_out import IncludedOut  # noqa: PLC0415

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        included: dict[str, Any] | None
        if isinstance(self.included, IncludedOut):
            included = self.included.to_dict()
        else:
            included = self.included

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
                "included": included,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.included_out import IncludedOut  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = TicketOut.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        def _parse_included(data: object) -> IncludedOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                included_type_0 = IncludedOut.from_dict(data)

                return included_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IncludedOut | None, data)

        included = _parse_included(d.pop("included"))

        ticket_page = cls(
            items=items,
            next_cursor=next_cursor,
            included=included,
        )

        ticket_page.additional_properties = d
        return ticket_page

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
