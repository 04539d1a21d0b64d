from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..models.status import Status, check_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_ticket_command_custom_fields_type_0 import UpdateTicketCommandCustomFieldsType0


T = TypeVar("T", bound="UpdateTicketCommand")


@_attrs_define
class UpdateTicketCommand:
    """
    Attributes:
        subject (None | str | Unset):
        description (None | str | Unset):
        status (None | Status | Unset):
        priority (None | Priority | Unset):
        category (None | str | Unset):
        subcategory (None | str | Unset):
        tags (list[str] | None | Unset): replaces the ticket's tags
        add_tags (list[str] | None | Unset): added to the tags the ticket has when the change applies
        remove_tags (list[str] | None | Unset): removed from the ticket's tags
        custom_fields (None | Unset | UpdateTicketCommandCustomFieldsType0):
        assigned_agent_id (None | str | Unset): null unassigns
        force (bool | Unset):  Default: False.
    """

    subject: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    status: None | Status | Unset = UNSET
    priority: None | Priority | Unset = UNSET
    category: None | str | Unset = UNSET
    subcategory: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    add_tags: list[str] | None | Unset = UNSET
    remove_tags: list[str] | None | Unset = UNSET
    custom_fields: None | Unset | UpdateTicketCommandCustomFieldsType0 = UNSET
    assigned_agent_id: None | str | Unset = UNSET
    force: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        from ..models.update_ticket_command_custom_fields_type_0 import UpdateTicketCommandCustomFieldsType0  # noqa: PLC0415

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, str):
            status = self.status
        else:
            status = self.status

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, str):
            priority = self.priority
        else:
            priority = self.priority

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        subcategory: None | str | Unset
        if isinstance(self.subcategory, Unset):
            subcategory = UNSET
        else:
            subcategory = self.subcategory

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        add_tags: list[str] | None | Unset
        if isinstance(self.add_tags, Unset):
            add_tags = UNSET
        elif isinstance(self.add_tags, list):
            add_tags = self.add_tags

        else:
            add_tags = self.add_tags

        remove_tags: list[str] | None | Unset
        if isinstance(self.remove_tags, Unset):
            remove_tags = UNSET
        elif isinstance(self.remove_tags, list):
            remove_tags = self.remove_tags

        else:
            remove_tags = self.remove_tags

        custom_fields: dict[str, Any] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, UpdateTicketCommandCustomFieldsType0):
            custom_fields = self.custom_fields.to_dict()
        else:
            custom_fields = self.custom_fields

        assigned_agent_id: None | str | Unset
        if isinstance(self.assigned_agent_id, Unset):
            assigned_agent_id = UNSET
        else:
            assigned_agent_id = self.assigned_agent_id

        force = self.force

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if subject is not UNSET:
            field_dict["subject"] = subject
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status
        if priority is not UNSET:
            field_dict["priority"] = priority
        if category is not UNSET:
            field_dict["category"] = category
        if subcategory is not UNSET:
            field_dict["subcategory"] = subcategory
        if tags is not UNSET:
            field_dict["tags"] = tags
        if add_tags is not UNSET:
            field_dict["add_tags"] = add_tags
        if remove_tags is not UNSET:
            field_dict["remove_tags"] = remove_tags
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if assigned_agent_id is not UNSET:
            field_dict["assigned_agent_id"] = assigned_agent_id
        if force is not UNSET:
            field_dict["force"] = force

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.update_ticket_command_custom_fields_type_0 import UpdateTicketCommandCustomFieldsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_status(data: object) -> None | Status | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = check_status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Status | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_priority(data: object) -> None | Priority | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_type_0 = check_priority(data)

                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Priority | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_subcategory(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subcategory = _parse_subcategory(d.pop("subcategory", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_add_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                add_tags_type_0 = cast(list[str], data)

                return add_tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        add_tags = _parse_add_tags(d.pop("add_tags", UNSET))

        def _parse_remove_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                remove_tags_type_0 = cast(list[str], data)

                return remove_tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        remove_tags = _parse_remove_tags(d.pop("remove_tags", UNSET))

        def _parse_custom_fields(data: object) -> None | Unset | UpdateTicketCommandCustomFieldsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = UpdateTicketCommandCustomFieldsType0.from_dict(data)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UpdateTicketCommandCustomFieldsType0, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))

        def _parse_assigned_agent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assigned_agent_id = _parse_assigned_agent_id(d.pop("assigned_agent_id", UNSET))

        force = d.pop("force", UNSET)

        update_ticket_command = cls(
            subject=subject,
            description=description,
            status=status,
            priority=priority,
            category=category,
            subcategory=subcategory,
            tags=tags,
            add_tags=add_tags,
            remove_tags=remove_tags,
            custom_fields=custom_fields,
            assigned_agent_id=assigned_agent_id,
            force=force,
        )

        return update_ticket_command
