from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..models.status import Status, check_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ticket_filter_input_custom_fields import TicketFilterInputCustomFields


T = TypeVar("T", bound="TicketFilterInput")


@_attrs_define
class TicketFilterInput:
    """Every given criterion must hold (AND); a list criterion holds when ANY of its values does (OR),
    except ``tags``, which needs every tag. An empty filter matches every ticket the reader may see.

        Attributes:
            status (list[Status] | Unset):
            priority (list[Priority] | Unset):
            assignee (list[str] | Unset): user ids, `me` (the reader) or `none` (unassigned)
            department_id (list[str] | Unset): department ids or `none` (no department)
            tags (list[str] | Unset): the ticket has every one
            exclude_tags (list[str] | Unset): the ticket has none
            requester_id (None | str | Unset):
            created_after (datetime.datetime | None | Unset):
            created_before (datetime.datetime | None | Unset):
            updated_after (datetime.datetime | None | Unset):
            updated_before (datetime.datetime | None | Unset):
            custom_fields (TicketFilterInputCustomFields | Unset): field name -> the value it must equal
            sla_breached (bool | None | Unset): true: an SLA target was missed; false: none was
            sla_due_within_minutes (int | None | Unset): the next SLA target is due within this many minutes (or overdue)
            updated_hours_ago (int | None | Unset): last updated at least this many hours ago
            solved_within_hours (int | None | Unset): solved (or closed) within this many hours
    """

    status: list[Status] | Unset = UNSET
    priority: list[Priority] | Unset = UNSET
    assignee: list[str] | Unset = UNSET
    department_id: list[str] | Unset = UNSET
    tags: list[str] | Unset = UNSET
    exclude_tags: list[str] | Unset = UNSET
    requester_id: None | str | Unset = UNSET
    created_after: datetime.datetime | None | Unset = UNSET
    created_before: datetime.datetime | None | Unset = UNSET
    updated_after: datetime.datetime | None | Unset = UNSET
    updated_before: datetime.datetime | None | Unset = UNSET
    custom_fields: TicketFilterInputCustomFields | Unset = UNSET
    sla_breached: bool | None | Unset = UNSET
    sla_due_within_minutes: int | None | Unset = UNSET
    updated_hours_ago: int | None | Unset = UNSET
    solved_within_hours: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status: list[str] | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = []
            for status_item_data in self.status:
                status_item: str = status_item_data
                status.append(status_item)

        priority: list[str] | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = []
            for priority_item_data in self.priority:
                priority_item: str = priority_item_data
                priority.append(priority_item)

        assignee: list[str] | Unset = UNSET
        if not isinstance(self.assignee, Unset):
            assignee = self.assignee

        department_id: list[str] | Unset = UNSET
        if not isinstance(self.department_id, Unset):
            department_id = self.department_id

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        exclude_tags: list[str] | Unset = UNSET
        if not isinstance(self.exclude_tags, Unset):
            exclude_tags = self.exclude_tags

        requester_id: None | str | Unset
        if isinstance(self.requester_id, Unset):
            requester_id = UNSET
        else:
            requester_id = self.requester_id

        created_after: None | str | Unset
        if isinstance(self.created_after, Unset):
            created_after = UNSET
        elif isinstance(self.created_after, datetime.datetime):
            created_after = self.created_after.isoformat()
        else:
            created_after = self.created_after

        created_before: None | str | Unset
        if isinstance(self.created_before, Unset):
            created_before = UNSET
        elif isinstance(self.created_before, datetime.datetime):
            created_before = self.created_before.isoformat()
        else:
            created_before = self.created_before

        updated_after: None | str | Unset
        if isinstance(self.updated_after, Unset):
            updated_after = UNSET
        elif isinstance(self.updated_after, datetime.datetime):
            updated_after = self.updated_after.isoformat()
        else:
            updated_after = self.updated_after

        updated_before: None | str | Unset
        if isinstance(self.updated_before, Unset):
            updated_before = UNSET
        elif isinstance(self.updated_before, datetime.datetime):
            updated_before = self.updated_before.isoformat()
        else:
            updated_before = self.updated_before

        custom_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = self.custom_fields.to_dict()

        sla_breached: bool | None | Unset
        if isinstance(self.sla_breached, Unset):
            sla_breached = UNSET
        else:
            sla_breached = self.sla_breached

        sla_due_within_minutes: int | None | Unset
        if isinstance(self.sla_due_within_minutes, Unset):
            sla_due_within_minutes = UNSET
        else:
            sla_due_within_minutes = self.sla_due_within_minutes

        updated_hours_ago: int | None | Unset
        if isinstance(self.updated_hours_ago, Unset):
            updated_hours_ago = UNSET
        else:
            updated_hours_ago = self.updated_hours_ago

        solved_within_hours: int | None | Unset
        if isinstance(self.solved_within_hours, Unset):
            solved_within_hours = UNSET
        else:
            solved_within_hours = self.solved_within_hours

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if priority is not UNSET:
            field_dict["priority"] = priority
        if assignee is not UNSET:
            field_dict["assignee"] = assignee
        if department_id is not UNSET:
            field_dict["department_id"] = department_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if exclude_tags is not UNSET:
            field_dict["exclude_tags"] = exclude_tags
        if requester_id is not UNSET:
            field_dict["requester_id"] = requester_id
        if created_after is not UNSET:
            field_dict["created_after"] = created_after
        if created_before is not UNSET:
            field_dict["created_before"] = created_before
        if updated_after is not UNSET:
            field_dict["updated_after"] = updated_after
        if updated_before is not UNSET:
            field_dict["updated_before"] = updated_before
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if sla_breached is not UNSET:
            field_dict["sla_breached"] = sla_breached
        if sla_due_within_minutes is not UNSET:
            field_dict["sla_due_within_minutes"] = sla_due_within_minutes
        if updated_hours_ago is not UNSET:
            field_dict["updated_hours_ago"] = updated_hours_ago
        if solved_within_hours is not UNSET:
            field_dict["solved_within_hours"] = solved_within_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_filter_input_custom_fields import TicketFilterInputCustomFields  # noqa: PLC0415

        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: list[Status] | Unset = UNSET
        if _status is not UNSET:
            status = []
            for status_item_data in _status:
                status_item = check_status(status_item_data)

                status.append(status_item)

        _priority = d.pop("priority", UNSET)
        priority: list[Priority] | Unset = UNSET
        if _priority is not UNSET:
            priority = []
            for priority_item_data in _priority:
                priority_item = check_priority(priority_item_data)

                priority.append(priority_item)

        assignee = cast(list[str], d.pop("assignee", UNSET))

        department_id = cast(list[str], d.pop("department_id", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        exclude_tags = cast(list[str], d.pop("exclude_tags", UNSET))

        def _parse_requester_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        requester_id = _parse_requester_id(d.pop("requester_id", UNSET))

        def _parse_created_after(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_after_type_0 = datetime.datetime.fromisoformat(data)

                return created_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_after = _parse_created_after(d.pop("created_after", UNSET))

        def _parse_created_before(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_before_type_0 = datetime.datetime.fromisoformat(data)

                return created_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_before = _parse_created_before(d.pop("created_before", UNSET))

        def _parse_updated_after(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_after_type_0 = datetime.datetime.fromisoformat(data)

                return updated_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_after = _parse_updated_after(d.pop("updated_after", UNSET))

        def _parse_updated_before(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_before_type_0 = datetime.datetime.fromisoformat(data)

                return updated_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_before = _parse_updated_before(d.pop("updated_before", UNSET))

        _custom_fields = d.pop("custom_fields", UNSET)
        custom_fields: TicketFilterInputCustomFields | Unset
        if isinstance(_custom_fields, Unset):
            custom_fields = UNSET
        else:
            custom_fields = TicketFilterInputCustomFields.from_dict(_custom_fields)

        def _parse_sla_breached(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sla_breached = _parse_sla_breached(d.pop("sla_breached", UNSET))

        def _parse_sla_due_within_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sla_due_within_minutes = _parse_sla_due_within_minutes(d.pop("sla_due_within_minutes", UNSET))

        def _parse_updated_hours_ago(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        updated_hours_ago = _parse_updated_hours_ago(d.pop("updated_hours_ago", UNSET))

        def _parse_solved_within_hours(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        solved_within_hours = _parse_solved_within_hours(d.pop("solved_within_hours", UNSET))

        ticket_filter_input = cls(
            status=status,
            priority=priority,
            assignee=assignee,
            department_id=department_id,
            tags=tags,
            exclude_tags=exclude_tags,
            requester_id=requester_id,
            created_after=created_after,
            created_before=created_before,
            updated_after=updated_after,
            updated_before=updated_before,
            custom_fields=custom_fields,
            sla_breached=sla_breached,
            sla_due_within_minutes=sla_due_within_minutes,
            updated_hours_ago=updated_hours_ago,
            solved_within_hours=solved_within_hours,
        )

        return ticket_filter_input
