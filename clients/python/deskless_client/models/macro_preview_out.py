from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.change_out import ChangeOut
    from ..models.preview_comment_out import PreviewCommentOut
    from ..models.preview_notification_out import PreviewNotificationOut
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="MacroPreviewOut")


@_attrs_define
class MacroPreviewOut:
    """
    Attributes:
        ticket (TicketOut):
        changes (list[ChangeOut]):
        comments (list[PreviewCommentOut]): the comments the macro would write, rendered
        notifications (list[PreviewNotificationOut]): who would hear about it
    """

    ticket: TicketOut
    changes: list[ChangeOut]
    comments: list[PreviewCommentOut]
    notifications: list[PreviewNotificationOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket.to_dict()

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        comments = []
        for comments_item_data in self.comments:
            comments_item = comments_item_data.to_dict()
            comments.append(comments_item)

        notifications = []
        for notifications_item_data in self.notifications:
            notifications_item = notifications_item_data.to_dict()
            notifications.append(notifications_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket": ticket,
                "changes": changes,
                "comments": comments,
                "notifications": notifications,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_out import ChangeOut  # noqa: PLC0415
        from ..models.preview_comment_out import PreviewCommentOut  # noqa: PLC0415
        from ..models.preview_notification_out import PreviewNotificationOut  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket = TicketOut.from_dict(d.pop("ticket"))

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = ChangeOut.from_dict(changes_item_data)

            changes.append(changes_item)

        comments = []
        _comments = d.pop("comments")
        for comments_item_data in _comments:
            comments_item = PreviewCommentOut.from_dict(comments_item_data)

            comments.append(comments_item)

        notifications = []
        _notifications = d.pop("notifications")
        for notifications_item_data in _notifications:
            notifications_item = PreviewNotificationOut.from_dict(notifications_item_data)

            notifications.append(notifications_item)

        macro_preview_out = cls(
            ticket=ticket,
            changes=changes,
            comments=comments,
            notifications=notifications,
        )

        macro_preview_out.additional_properties = d
        return macro_preview_out

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
