from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..models.status import Status, check_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="BulkChanges")


@_attrs_define
class BulkChanges:
    """What a bulk change sets on every ticket (the rules of ``PATCH /tickets/{number}``).

    Attributes:
        status (Status | Unset):
        priority (Priority | Unset):
        assigned_agent_id (None | str | Unset): null unassigns
        department_id (None | str | Unset): an active department; null clears it
        add_tags (list[str] | Unset):
        remove_tags (list[str] | Unset):
    """

    status: Status | Unset = UNSET
    priority: Priority | Unset = UNSET
    assigned_agent_id: None | str | Unset = UNSET
    department_id: None | str | Unset = UNSET
    add_tags: list[str] | Unset = UNSET
    remove_tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority

        assigned_agent_id: None | str | Unset
        if isinstance(self.assigned_agent_id, Unset):
            assigned_agent_id = UNSET
        else:
            assigned_agent_id = self.assigned_agent_id

        department_id: None | str | Unset
        if isinstance(self.department_id, Unset):
            department_id = UNSET
        else:
            department_id = self.department_id

        add_tags: list[str] | Unset = UNSET
        if not isinstance(self.add_tags, Unset):
            add_tags = self.add_tags

        remove_tags: list[str] | Unset = UNSET
        if not isinstance(self.remove_tags, Unset):
            remove_tags = self.remove_tags

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if priority is not UNSET:
            field_dict["priority"] = priority
        if assigned_agent_id is not UNSET:
            field_dict["assigned_agent_id"] = assigned_agent_id
        if department_id is not UNSET:
            field_dict["department_id"] = department_id
        if add_tags is not UNSET:
            field_dict["add_tags"] = add_tags
        if remove_tags is not UNSET:
            field_dict["remove_tags"] = remove_tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: Status | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_status(_status)

        _priority = d.pop("priority", UNSET)
        priority: Priority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = check_priority(_priority)

        def _parse_assigned_agent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assigned_agent_id = _parse_assigned_agent_id(d.pop("assigned_agent_id", UNSET))

        def _parse_department_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        department_id = _parse_department_id(d.pop("department_id", UNSET))

        add_tags = cast(list[str], d.pop("add_tags", UNSET))

        remove_tags = cast(list[str], d.pop("remove_tags", UNSET))

        bulk_changes = cls(
            status=status,
            priority=priority,
            assigned_agent_id=assigned_agent_id,
            department_id=department_id,
            add_tags=add_tags,
            remove_tags=remove_tags,
        )

        return bulk_changes
