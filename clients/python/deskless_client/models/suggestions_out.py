from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.suggestion_out import SuggestionOut


T = TypeVar("T", bound="SuggestionsOut")


@_attrs_define
class SuggestionsOut:
    """
    Attributes:
        work_order_number (str):
        scheduled_at (datetime.datetime | None):
        considered (int): active technicians judged
        items (list[SuggestionOut]):
        excluded (list[SuggestionOut]): with include_excluded=true: who was left out and why
    """

    work_order_number: str
    scheduled_at: datetime.datetime | None
    considered: int
    items: list[SuggestionOut]
    excluded: list[SuggestionOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        work_order_number = self.work_order_number

        scheduled_at: None | str
        if isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        considered = self.considered

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        excluded = []
        for excluded_item_data in self.excluded:
            excluded_item = excluded_item_data.to_dict()
            excluded.append(excluded_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "work_order_number": work_order_number,
                "scheduled_at": scheduled_at,
                "considered": considered,
                "items": items,
                "excluded": excluded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.suggestion_out import SuggestionOut  # noqa: PLC0415

        d = dict(src_dict)
        work_order_number = d.pop("work_order_number")

        def _parse_scheduled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at"))

        considered = d.pop("considered")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = SuggestionOut.from_dict(items_item_data)

            items.append(items_item)

        excluded = []
        _excluded = d.pop("excluded")
        for excluded_item_data in _excluded:
            excluded_item = SuggestionOut.from_dict(excluded_item_data)

            excluded.append(excluded_item)

        suggestions_out = cls(
            work_order_number=work_order_number,
            scheduled_at=scheduled_at,
            considered=considered,
            items=items,
            excluded=excluded,
        )

        suggestions_out.additional_properties = d
        return suggestions_out

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
