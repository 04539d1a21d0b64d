from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.priority import Priority, check_priority
from ..models.status import Status, check_status

if TYPE_CHECKING:
    from ..models.ticket_out_custom_fields import TicketOutCustomFields
    from ..models.ticket_sla_status_out import TicketSLAStatusOut


T = TypeVar("T", bound="TicketOut")


@_attrs_define
class TicketOut:
    """
    Attributes:
        ticket_number (str):
        number (int):
        subject (str):
        description (str):
        status (Status):
        priority (Priority):
        channel (str):
        source (None | str):
        customer_id (str):
        assigned_agent_id (None | str):
        department_id (None | str): the department (team) the ticket belongs to
        created_by_id (str):
        sla_policy_id (None | str):
        first_response_due (datetime.datetime | None):
        resolution_due (datetime.datetime | None):
        sla_due_at (datetime.datetime | None): the next pending SLA due: first_response_due until the first response,
            then resolution_due until solved; null when none (what sort=sla_due_at orders by)
        first_response_at (datetime.datetime | None):
        resolved_at (datetime.datetime | None):
        sla_breach (bool):
        category (None | str):
        subcategory (None | str):
        tags (list[str]):
        custom_fields (TicketOutCustomFields):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        closed_at (datetime.datetime | None):
        time_to_first_response (float | None): seconds
        time_to_resolution (float | None): seconds
        business_time_to_first_response (float | None): seconds of the SLA policy's business hours; null without a
            policy
        business_time_to_resolution (float | None): seconds of the SLA policy's business hours, paused time excluded;
            null without a policy
        customer_satisfaction_score (int | None):
        follow_up_of (None | str):
        work_order_numbers (list[str]): work orders created from this ticket
        merged_into (None | str): a merged (closed) source: the ticket it was merged into
        merged_from (list[str]): tickets merged into this one
        split_from (None | str): the ticket this one was split from
        split_into (list[str]): tickets split from this one's comments
        cc_emails (list[str]): addresses copied on public replies
        follower_ids (list[str]): staff notified of every update
        parent_number (None | str): the parent (problem) ticket of this incident
        child_count (int): incident tickets linked to this one as their parent Default: 0.
        time_spent_minutes (int): the sum of the ticket's time entries Default: 0.
        billable_minutes (int): the sum of its billable time entries Default: 0.
        sla_status (None | TicketSLAStatusOut): only with `include=sla` (lists and the ticket's read): the SLA at a
            glance
        version (int):
    """

    ticket_number: str
    number: int
    subject: str
    description: str
    status: Status
    priority: Priority
    channel: str
    source: None | str
    customer_id: str
    assigned_agent_id: None | str
    department_id: None | str
    created_by_id: str
    sla_policy_id: None | str
    first_response_due: datetime.datetime | None
    resolution_due: datetime.datetime | None
    sla_due_at: datetime.datetime | None
    first_response_at: datetime.datetime | None
    resolved_at: datetime.datetime | None
    sla_breach: bool
    category: None | str
    subcategory: None | str
    tags: list[str]
    custom_fields: TicketOutCustomFields
    created_at: datetime.datetime
    updated_at: datetime.datetime
    closed_at: datetime.datetime | None
    time_to_first_response: float | None
    time_to_resolution: float | None
    business_time_to_first_response: float | None
    business_time_to_resolution: float | None
    customer_satisfaction_score: int | None
    follow_up_of: None | str
    work_order_numbers: list[str]
    merged_into: None | str
    merged_from: list[str]
    split_from: None | str
    split_into: list[str]
    cc_emails: list[str]
    follower_ids: list[str]
    parent_number: None | str
    sla_status: None | TicketSLAStatusOut
    version: int
    child_count: int = 0
    time_spent_minutes: int = 0
    billable_minutes: int = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ticket_sla_status_out import TicketSLAStatusOut  # noqa: PLC0415

        ticket_number = self.ticket_number

        number = self.number

        subject = self.subject

        description = self.description

        status: str = self.status

        priority: str = self.priority

        channel = self.channel

        source: None | str
        source = self.source

        customer_id = self.customer_id

        assigned_agent_id: None | str
        assigned_agent_id = self.assigned_agent_id

        department_id: None | str
        department_id = self.department_id

        created_by_id = self.created_by_id

        sla_policy_id: None | str
        sla_policy_id = self.sla_policy_id

        first_response_due: None | str
        if isinstance(self.first_response_due, datetime.datetime):
            first_response_due = self.first_response_due.isoformat()
        else:
            first_response_due = self.first_response_due

        resolution_due: None | str
        if isinstance(self.resolution_due, datetime.datetime):
            resolution_due = self.resolution_due.isoformat()
        else:
            resolution_due = self.resolution_due

        sla_due_at: None | str
        if isinstance(self.sla_due_at, datetime.datetime):
            sla_due_at = self.sla_due_at.isoformat()
        else:
            sla_due_at = self.sla_due_at

        first_response_at: None | str
        if isinstance(self.first_response_at, datetime.datetime):
            first_response_at = self.first_response_at.isoformat()
        else:
            first_response_at = self.first_response_at

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        sla_breach = self.sla_breach

        category: None | str
        category = self.category

        subcategory: None | str
        subcategory = self.subcategory

        tags = self.tags

        custom_fields = self.custom_fields.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        time_to_first_response: float | None
        time_to_first_response = self.time_to_first_response

        time_to_resolution: float | None
        time_to_resolution = self.time_to_resolution

        business_time_to_first_response: float | None
        business_time_to_first_response = self.business_time_to_first_response

        business_time_to_resolution: float | None
        business_time_to_resolution = self.business_time_to_resolution

        customer_satisfaction_score: int | None
        customer_satisfaction_score = self.customer_satisfaction_score

        follow_up_of: None | str
        follow_up_of = self.follow_up_of

        work_order_numbers = self.work_order_numbers

        merged_into: None | str
        merged_into = self.merged_into

        merged_from = self.merged_from

        split_from: None | str
        split_from = self.split_from

        split_into = self.split_into

        cc_emails = self.cc_emails

        follower_ids = self.follower_ids

        parent_number: None | str
        parent_number = self.parent_number

        child_count = self.child_count

        time_spent_minutes = self.time_spent_minutes

        billable_minutes = self.billable_minutes

        sla_status: dict[str, Any] | None
        if isinstance(self.sla_status, TicketSLAStatusOut):
            sla_status = self.sla_status.to_dict()
        else:
            sla_status = self.sla_status

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ticket_number": ticket_number,
                "number": number,
                "subject": subject,
                "description": description,
                "status": status,
                "priority": priority,
                "channel": channel,
                "source": source,
                "customer_id": customer_id,
                "assigned_agent_id": assigned_agent_id,
                "department_id": department_id,
                "created_by_id": created_by_id,
                "sla_policy_id": sla_policy_id,
                "first_response_due": first_response_due,
                "resolution_due": resolution_due,
                "sla_due_at": sla_due_at,
                "first_response_at": first_response_at,
                "resolved_at": resolved_at,
                "sla_breach": sla_breach,
                "category": category,
                "subcategory": subcategory,
                "tags": tags,
                "custom_fields": custom_fields,
                "created_at": created_at,
                "updated_at": updated_at,
                "closed_at": closed_at,
                "time_to_first_response": time_to_first_response,
                "time_to_resolution": time_to_resolution,
                "business_time_to_first_response": business_time_to_first_response,
                "business_time_to_resolution": business_time_to_resolution,
                "customer_satisfaction_score": customer_satisfaction_score,
                "follow_up_of": follow_up_of,
                "work_order_numbers": work_order_numbers,
                "merged_into": merged_into,
                "merged_from": merged_from,
                "split_from": split_from,
                "split_into": split_into,
                "cc_emails": cc_emails,
                "follower_ids": follower_ids,
                "parent_number": parent_number,
                "child_count": child_count,
                "time_spent_minutes": time_spent_minutes,
                "billable_minutes": billable_minutes,
                "sla_status": sla_status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ticket_out_custom_fields import TicketOutCustomFields  # noqa: PLC0415
        from ..models.ticket_sla_status_out import TicketSLAStatusOut  # noqa: PLC0415

        d = dict(src_dict)
        ticket_number = d.pop("ticket_number")

        number = d.pop("number")

        subject = d.pop("subject")

        description = d.pop("description")

        status = check_status(d.pop("status"))

        priority = check_priority(d.pop("priority"))

        channel = d.pop("channel")

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        customer_id = d.pop("customer_id")

        def _parse_assigned_agent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assigned_agent_id = _parse_assigned_agent_id(d.pop("assigned_agent_id"))

        def _parse_department_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        department_id = _parse_department_id(d.pop("department_id"))

        created_by_id = d.pop("created_by_id")

        def _parse_sla_policy_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sla_policy_id = _parse_sla_policy_id(d.pop("sla_policy_id"))

        def _parse_first_response_due(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_response_due_type_0 = datetime.datetime.fromisoformat(data)

                return first_response_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_response_due = _parse_first_response_due(d.pop("first_response_due"))

        def _parse_resolution_due(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_due_type_0 = datetime.datetime.fromisoformat(data)

                return resolution_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolution_due = _parse_resolution_due(d.pop("resolution_due"))

        def _parse_sla_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sla_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return sla_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        sla_due_at = _parse_sla_due_at(d.pop("sla_due_at"))

        def _parse_first_response_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_response_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_response_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_response_at = _parse_first_response_at(d.pop("first_response_at"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        sla_breach = d.pop("sla_breach")

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        def _parse_subcategory(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subcategory = _parse_subcategory(d.pop("subcategory"))

        tags = cast(list[str], d.pop("tags"))

        custom_fields = TicketOutCustomFields.from_dict(d.pop("custom_fields"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        def _parse_time_to_first_response(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        time_to_first_response = _parse_time_to_first_response(d.pop("time_to_first_response"))

        def _parse_time_to_resolution(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        time_to_resolution = _parse_time_to_resolution(d.pop("time_to_resolution"))

        def _parse_business_time_to_first_response(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        business_time_to_first_response = _parse_business_time_to_first_response(
            d.pop("business_time_to_first_response")
        )

        def _parse_business_time_to_resolution(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        business_time_to_resolution = _parse_business_time_to_resolution(d.pop("business_time_to_resolution"))

        def _parse_customer_satisfaction_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        customer_satisfaction_score = _parse_customer_satisfaction_score(d.pop("customer_satisfaction_score"))

        def _parse_follow_up_of(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        follow_up_of = _parse_follow_up_of(d.pop("follow_up_of"))

        work_order_numbers = cast(list[str], d.pop("work_order_numbers"))

        def _parse_merged_into(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        merged_into = _parse_merged_into(d.pop("merged_into"))

        merged_from = cast(list[str], d.pop("merged_from"))

        def _parse_split_from(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        split_from = _parse_split_from(d.pop("split_from"))

        split_into = cast(list[str], d.pop("split_into"))

        cc_emails = cast(list[str], d.pop("cc_emails"))

        follower_ids = cast(list[str], d.pop("follower_ids"))

        def _parse_parent_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_number = _parse_parent_number(d.pop("parent_number"))

        child_count = d.pop("child_count")

        time_spent_minutes = d.pop("time_spent_minutes")

        billable_minutes = d.pop("billable_minutes")

        def _parse_sla_status(data: object) -> None | TicketSLAStatusOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sla_status_type_0 = TicketSLAStatusOut.from_dict(data)

                return sla_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TicketSLAStatusOut, data)

        sla_status = _parse_sla_status(d.pop("sla_status"))

        version = d.pop("version")

        ticket_out = cls(
            ticket_number=ticket_number,
            number=number,
            subject=subject,
            description=description,
            status=status,
            priority=priority,
            channel=channel,
            source=source,
            customer_id=customer_id,
            assigned_agent_id=assigned_agent_id,
            department_id=department_id,
            created_by_id=created_by_id,
            sla_policy_id=sla_policy_id,
            first_response_due=first_response_due,
            resolution_due=resolution_due,
            sla_due_at=sla_due_at,
            first_response_at=first_response_at,
            resolved_at=resolved_at,
            sla_breach=sla_breach,
            category=category,
            subcategory=subcategory,
            tags=tags,
            custom_fields=custom_fields,
            created_at=created_at,
            updated_at=updated_at,
            closed_at=closed_at,
            time_to_first_response=time_to_first_response,
            time_to_resolution=time_to_resolution,
            business_time_to_first_response=business_time_to_first_response,
            business_time_to_resolution=business_time_to_resolution,
            customer_satisfaction_score=customer_satisfaction_score,
            follow_up_of=follow_up_of,
            work_order_numbers=work_order_numbers,
            merged_into=merged_into,
            merged_from=merged_from,
            split_from=split_from,
            split_into=split_into,
            cc_emails=cc_emails,
            follower_ids=follower_ids,
            parent_number=parent_number,
            child_count=child_count,
            time_spent_minutes=time_spent_minutes,
            billable_minutes=billable_minutes,
            sla_status=sla_status,
            version=version,
        )

        ticket_out.additional_properties = d
        return ticket_out

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
