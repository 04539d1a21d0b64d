from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
        ticket (TicketOut):
        changes (list[DryRunOutChangesItem] | Unset):
        comments (list[DryRunOutCommentsItem] | Unset):
    """

    matched: bool
    conditions: list[ConditionResult]
    actions: list[DryRunOutActionsItem]
    ticket: TicketOut
    changes: list[DryRunOutChangesItem] | Unset = UNSET
    comments: list[DryRunOutCommentsItem] | Unset = UNSET
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

        ticket = self.ticket.to_dict()

        changes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = []
            for changes_item_data in self.changes:
                changes_item = changes_item_data.to_dict()
                changes.append(changes_item)

        comments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.comments, Unset):
            comments = []
            for comments_item_data in self.comments:
                comments_item = comments_item_data.to_dict()
                comments.append(comments_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "matched": matched,
                "conditions": conditions,
                "actions": actions,
                "ticket": ticket,
            }
        )
        if changes is not UNSET:
            field_dict["changes"] = changes
        if comments is not UNSET:
            field_dict["comments"] = comments

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

        ticket = TicketOut.from_dict(d.pop("ticket"))

        _changes = d.pop("changes", UNSET)
        changes: list[DryRunOutChangesItem] | Unset = UNSET
        if _changes is not UNSET:
            changes = []
            for changes_item_data in _changes:
                changes_item = DryRunOutChangesItem.from_dict(changes_item_data)

                changes.append(changes_item)

        _comments = d.pop("comments", UNSET)
        comments: list[DryRunOutCommentsItem] | Unset = UNSET
        if _comments is not UNSET:
            comments = []
            for comments_item_data in _comments:
                comments_item = DryRunOutCommentsItem.from_dict(comments_item_data)

                comments.append(comments_item)

        dry_run_out = cls(
            matched=matched,
            conditions=conditions,
            actions=actions,
            ticket=ticket,
            changes=changes,
            comments=comments,
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
