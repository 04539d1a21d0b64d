from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.search_highlight_field import SearchHighlightField, check_search_highlight_field

T = TypeVar("T", bound="SearchHighlight")


@_attrs_define
class SearchHighlight:
    """
    Attributes:
        field (SearchHighlightField):
        comment_id (None | str): the comment the snippet is from (field `comment`)
        text (str): a plain-text snippet (never HTML: mark the matches yourself)
        matches (list[list[int]]): [start, end) offsets of the matched words in `text`
    """

    field: SearchHighlightField
    comment_id: None | str
    text: str
    matches: list[list[int]]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field: str = self.field

        comment_id: None | str
        comment_id = self.comment_id

        text = self.text

        matches = []
        for matches_item_data in self.matches:
            matches_item = []
            for matches_item_item_data in matches_item_data:
                matches_item_item: int
                matches_item_item = matches_item_item_data
                matches_item.append(matches_item_item)

            matches.append(matches_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "comment_id": comment_id,
                "text": text,
                "matches": matches,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = check_search_highlight_field(d.pop("field"))

        def _parse_comment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment_id = _parse_comment_id(d.pop("comment_id"))

        text = d.pop("text")

        matches = []
        _matches = d.pop("matches")
        for matches_item_data in _matches:
            matches_item = []
            _matches_item = matches_item_data
            for matches_item_item_data in _matches_item:

                def _parse_matches_item_item(data: object) -> int:
                    return cast(int, data)

                matches_item_item = _parse_matches_item_item(matches_item_item_data)

                matches_item.append(matches_item_item)

            matches.append(matches_item)

        search_highlight = cls(
            field=field,
            comment_id=comment_id,
            text=text,
            matches=matches,
        )

        search_highlight.additional_properties = d
        return search_highlight

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
