from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..models.status import Status, check_status

if TYPE_CHECKING:
    from ..models.ticket_filter_output_custom_fields import TicketFilterOutputCustomFields


T = TypeVar("T", bound="TicketFilterOutput")


@_attrs_define
class TicketFilterOutput:
    """Every given criterion must hold (AND); a list criterion holds when ANY of its values does (OR),
    except ``tags``, which needs every tag. An empty filter matches every ticket the reader may see.

        Attributes:
            status (list[Status]):
            priority (list[Priority]):
            assignee (list[str]): user ids, `me` (the reader) or `none` (unassigned)
            department_id (list[str]): department ids or `none` (no department)
            tags (list[str]): the ticket has every one
            exclude_tags (list[str]): the ticket has none
            requester_id (None | str):
            created_after (datetime.datetime | None):
            created_before (datetime.datetime | None):
            updated_after (datetime.datetime | None):
            updated_before (datetime.datetime | None):
            custom_fields (TicketFilterOutputCustomFields): field name -> the value it must equal
            sla_breached (bool | None): true: an SLA target was missed; false: none was
            sla_due_within_minutes (int | None): the next SLA target is due within this many minutes (or overdue)
            updated_hours_ago (int | None): last updated at least this many hours ago
            solved_within_hours (int | None): solved (or closed) within this many hours
    """

    status: list[Status]
    priority: list[Priority]
    assignee: list[str]
    department_id: list[str]
    tags: list[str]
    exclude_tags: list[str]
    requester_id: None | str
    created_after: datetime.datetime | None
    created_before: datetime.datetime | None
    updated_after: datetime.datetime | None
    updated_before: datetime.datetime | None
    custom_fields: TicketFilterOutputCustomFields
    sla_breached: bool | None
    sla_due_within_minutes: int | None
    updated_hours_ago: int | None
    solved_within_hours: int | None

    def to_dict(self) -> dict[str, Any]:
        status = []
        for status_item_data in self.status:
            status_item: str = status_item_data
            status.append(status_item)

        priority = []
        for priority_item_data in self.priority:
            priority_item: str = priority_item_data
            priority.append(priority_item)

        assignee = self.assignee

        department_id = self.department_id

        tags = self.tags

        exclude_tags = self.exclude_tags

        requester_id: None | str
        requester_id = self.requester_id

        created_after: None | str
        if isinstance(self.created_after, datetime.datetime):
            created_after = self.created_after.isoformat()
        else:
            created_after = self.created_after

        created_before: None | str
        if isinstance(self.created_before, datetime.datetime):
            created_before = self.created_before.isoformat()
        else:
            created_before = self.created_before

        updated_after: None | str
        if isinstance(self.updated_after, datetime.datetime):
            updated_after = self.updated_after.isoformat()
        else:
            updated_after = self.updated_after

        updated_before: None | str
        if isinstance(self.updated_before, datetime.datetime):
            updated_before = self.updated_before.isoformat()
        else:
            updated_before = self.updated_before

        custom_fields = self.custom_fields.to_dict()

        sla_breached: bool | None
        sla_breached = self.sla_breached

        sla_due_within_minutes: int | None
        sla_due_within_minutes = self.sla_due_within_minutes

        updated_hours_ago: int | None
        updated_hours_ago = self.updated_hours_ago

        solved_within_hours: int | None
        solved_within_hours = self.solved_within_hours

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
                "priority": priority,
                "assignee": assignee,
                "department_id": department_id,
                "tags": tags,
                "exclude_tags": exclude_tags,
                "requester_id": requester_id,
                "created_after": created_after,
                "created_before": created_before,
                "updated_after": updated_after,
                "updated_before": updated_before,
                "custom_fields": custom_fields,
                "sla_breached": sla_breached,
                "sla_due_within_minutes": sla_due_within_minutes,
                "updated_hours_ago": updated_hours_ago,
                "solved_within_hours": solved_within_hours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_filter_output_custom_fields import TicketFilterOutputCustomFields  # noqa: PLC0415

        d = dict(src_dict)
        status = []
        _status = d.pop("status")
        for status_item_data in _status:
            status_item = check_status(status_item_data)

            status.append(status_item)

        priority = []
        _priority = d.pop("priority")
        for priority_item_data in _priority:
            priority_item = check_priority(priority_item_data)

            priority.append(priority_item)

        assignee = cast(list[str], d.pop("assignee"))

        department_id = cast(list[str], d.pop("department_id"))

        tags = cast(list[str], d.pop("tags"))

        exclude_tags = cast(list[str], d.pop("exclude_tags"))

        def _parse_requester_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        requester_id = _parse_requester_id(d.pop("requester_id"))

        def _parse_created_after(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_after_type_0 = datetime.datetime.fromisoformat(data)

                return created_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_after = _parse_created_after(d.pop("created_after"))

        def _parse_created_before(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_before_type_0 = datetime.datetime.fromisoformat(data)

                return created_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        created_before = _parse_created_before(d.pop("created_before"))

        def _parse_updated_after(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_after_type_0 = datetime.datetime.fromisoformat(data)

                return updated_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_after = _parse_updated_after(d.pop("updated_after"))

        def _parse_updated_before(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_before_type_0 = datetime.datetime.fromisoformat(data)

                return updated_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_before = _parse_updated_before(d.pop("updated_before"))

        custom_fields = TicketFilterOutputCustomFields.from_dict(d.pop("custom_fields"))

        def _parse_sla_breached(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        sla_breached = _parse_sla_breached(d.pop("sla_breached"))

        def _parse_sla_due_within_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        sla_due_within_minutes = _parse_sla_due_within_minutes(d.pop("sla_due_within_minutes"))

        def _parse_updated_hours_ago(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        updated_hours_ago = _parse_updated_hours_ago(d.pop("updated_hours_ago"))

        def _parse_solved_within_hours(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        solved_within_hours = _parse_solved_within_hours(d.pop("solved_within_hours"))

        ticket_filter_output = cls(
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

        return ticket_filter_output
