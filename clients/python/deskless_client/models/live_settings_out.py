from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LiveSettingsOut")


@_attrs_define
class LiveSettingsOut:
    """
    Attributes:
        url (None | str): the WebSocket URL to open (no token in it: authenticate with the first message); null: live
            updates are not available here, poll
        auth_refresh_seconds (int): send `auth` again this often to keep receiving events
        max_topics (int): the most topics one `watch` may name
    """

    url: None | str
    auth_refresh_seconds: int
    max_topics: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url: None | str
        url = self.url

        auth_refresh_seconds = self.auth_refresh_seconds

        max_topics = self.max_topics

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "auth_refresh_seconds": auth_refresh_seconds,
                "max_topics": max_topics,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        auth_refresh_seconds = d.pop("auth_refresh_seconds")

        max_topics = d.pop("max_topics")

        live_settings_out = cls(
            url=url,
            auth_refresh_seconds=auth_refresh_seconds,
            max_topics=max_topics,
        )

        live_settings_out.additional_properties = d
        return live_settings_out

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
