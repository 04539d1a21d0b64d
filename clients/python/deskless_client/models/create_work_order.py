from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.priority import Priority, check_priority
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateWorkOrder")


@_attrs_define
class CreateWorkOrder:
    """A work order for the ticket's requester, linked to the ticket (note + back-link), once per event.

    Attributes:
        type_ (Literal['create_work_order']):
        title (str | Unset): a template, like replies Default: '{{ticket.subject}}'.
        description (str | Unset):  Default: ''.
        priority (None | Priority | Unset): default: the ticket's
        required_skills (list[str] | Unset):
        required_certifications (list[str] | Unset):
        expected_duration_minutes (int | Unset):  Default: 60.
    """

    type_: Literal["create_work_order"]
    title: str | Unset = "{{ticket.subject}}"
    description: str | Unset = ""
    priority: None | Priority | Unset = UNSET
    required_skills: list[str] | Unset = UNSET
    required_certifications: list[str] | Unset = UNSET
    expected_duration_minutes: int | Unset = 60

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        description = self.description

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, str):
            priority = self.priority
        else:
            priority = self.priority

        required_skills: list[str] | Unset = UNSET
        if not isinstance(self.required_skills, Unset):
            required_skills = self.required_skills

        required_certifications: list[str] | Unset = UNSET
        if not isinstance(self.required_certifications, Unset):
            required_certifications = self.required_certifications

        expected_duration_minutes = self.expected_duration_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if priority is not UNSET:
            field_dict["priority"] = priority
        if required_skills is not UNSET:
            field_dict["required_skills"] = required_skills
        if required_certifications is not UNSET:
            field_dict["required_certifications"] = required_certifications
        if expected_duration_minutes is not UNSET:
            field_dict["expected_duration_minutes"] = expected_duration_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = cast(Literal["create_work_order"], d.pop("type"))
        if type_ != "create_work_order":
            raise ValueError(f"type must match const 'create_work_order', got '{type_}'")

        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

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

        required_skills = cast(list[str], d.pop("required_skills", UNSET))

        required_certifications = cast(list[str], d.pop("required_certifications", UNSET))

        expected_duration_minutes = d.pop("expected_duration_minutes", UNSET)

        create_work_order = cls(
            type_=type_,
            title=title,
            description=description,
            priority=priority,
            required_skills=required_skills,
            required_certifications=required_certifications,
            expected_duration_minutes=expected_duration_minutes,
        )

        return create_work_order
