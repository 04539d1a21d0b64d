from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.presence_out import PresenceOut


T = TypeVar("T", bound="PresenceHeartbeatOut")


@_attrs_define
class PresenceHeartbeatOut:
    """
    Attributes:
        presence (list[PresenceOut]): the OTHER staff on the ticket now, replying ones first (the caller is never
            listed)
        newest_comment_id (None | str): the ticket's newest comment (internal notes included); a client that shows an
            older one has replies to load
    """

    presence: list[PresenceOut]
    newest_comment_id: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        presence = []
        for presence_item_data in self.presence:
            presence_item = presence_item_data.to_dict()
            presence.append(presence_item)

        newest_comment_id: None | str
        newest_comment_id = self.newest_comment_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "presence": presence,
                "newest_comment_id": newest_comment_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.presence_out import PresenceOut  # noqa: PLC0415

        d = dict(src_dict)
        presence = []
        _presence = d.pop("presence")
        for presence_item_data in _presence:
            presence_item = PresenceOut.from_dict(presence_item_data)

            presence.append(presence_item)

        def _parse_newest_comment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        newest_comment_id = _parse_newest_comment_id(d.pop("newest_comment_id"))

        presence_heartbeat_out = cls(
            presence=presence,
            newest_comment_id=newest_comment_id,
        )

        presence_heartbeat_out.additional_properties = d
        return presence_heartbeat_out

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
