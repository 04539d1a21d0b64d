from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.condition_result import ConditionResult
    from ..models.dry_run_out_actions_item import DryRunOutActionsItem
    from ..models.dry_run_out_changes_item import DryRunOutChangesItem
    from ..models.dry_run_out_comments_item import DryRunOutCommentsItem
    from ..models.ticket_out import TicketOut


T = TypeVar("T", bound="DryRunOut")


@_attrs_define
class DryRunOut:
    """
    Attributes:
        matched (bool):
        conditions (list[ConditionResult]):
        actions (list[DryRunOutActionsItem]):
        changes (list[DryRunOutChangesItem]):
        comments (list[DryRunOutCommentsItem]):
        ticket (TicketOut):
    """

    matched: bool
    conditions: list[ConditionResult]
    actions: list[DryRunOutActionsItem]
    changes: list[DryRunOutChangesItem]
    comments: list[DryRunOutCommentsItem]
    ticket: TicketOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        matched = self.matched

        conditions = []
        for conditions_item_data in self.conditions:
            conditions_item = conditions_item_data.to_dict()
            conditions.append(conditions_item)

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        comments = []
        for comments_item_data in self.comments:
            comments_item = comments_item_data.to_dict()
            comments.append(comments_item)

        ticket = self.ticket.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "matched": matched,
                "conditions": conditions,
                "actions": actions,
                "changes": changes,
                "comments": comments,
                "ticket": ticket,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.condition_result import ConditionResult  # noqa: PLC0415
        from ..models.dry_run_out_actions_item import DryRunOutActionsItem  # noqa: PLC0415
        from ..models.dry_run_out_changes_item import DryRunOutChangesItem  # noqa: PLC0415
        from ..models.dry_run_out_comments_item import DryRunOutCommentsItem  # noqa: PLC0415
        from ..models.ticket_out import TicketOut  # noqa: PLC0415

        d = dict(src_dict)
        matched = d.pop("matched")

        conditions = []
        _conditions = d.pop("conditions")
        for conditions_item_data in _conditions:
            conditions_item = ConditionResult.from_dict(conditions_item_data)

            conditions.append(conditions_item)

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = DryRunOutActionsItem.from_dict(actions_item_data)

            actions.append(actions_item)

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = DryRunOutChangesItem.from_dict(changes_item_data)

            changes.append(changes_item)

        comments = []
        _comments = d.pop("comments")
        for comments_item_data in _comments:
            comments_item = DryRunOutCommentsItem.from_dict(comments_item_data)

            comments.append(comments_item)

        ticket = TicketOut.from_dict(d.pop("ticket"))

        dry_run_out = cls(
            matched=matched,
            conditions=conditions,
            actions=actions,
            changes=changes,
            comments=comments,
            ticket=ticket,
        )

        dry_run_out.additional_properties = d
        return dry_run_out

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
