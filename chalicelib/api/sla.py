"""SLA policies."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import NoQuery, Output, TrashQuery, next_cursor_field
from chalicelib.domain.commands import SLAPolicyCommand, SLAPolicyPatch, SLAPreviewCommand
from chalicelib.domain.sla import Calendar, Conditions, EscalationStep, SLAPolicy, Targets, WorkingHours
from chalicelib.domain.tickets import Priority, Status
from chalicelib.services import sla

api = Api("sla", __name__)


class SLAPolicyOut(Output):
    id: str
    name: str
    description: str
    is_active: bool
    order: int
    conditions: Conditions
    first_response_hours: float
    resolution_hours: float
    priority_overrides: dict[Priority, Targets]
    calendar: Calendar
    pause_statuses: list[Status]
    escalation_rules: list[EscalationStep]
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, policy: SLAPolicy) -> SLAPolicyOut:
        return cls.model_validate(policy.model_dump())


class SLAPolicyList(Output):
    items: list[SLAPolicyOut]
    next_cursor: str | None = next_cursor_field()


@api.route(
    "/sla-policies",
    "GET",
    summary="SLA policies in the order they are tried (deleted=true: the trash, for admins and managers)",
    response=SLAPolicyList,
    query=TrashQuery,
)
def list_sla_policies(call: Call[None, TrashQuery]) -> SLAPolicyList:
    q = call.query
    page = sla.list_policies(call.principal, q.deleted, q.limit, q.cursor)
    return SLAPolicyList(items=[SLAPolicyOut.of(p) for p in page.items], next_cursor=page.next_cursor)


@api.route(
    "/sla-policies",
    "POST",
    summary="Create an SLA policy",
    request=SLAPolicyCommand,
    response=SLAPolicyOut,
    status=201,
    location="/sla-policies/{id}",
    errors=(422,),
)
def create_sla_policy(call: Call[SLAPolicyCommand, NoQuery]) -> SLAPolicyOut:
    return SLAPolicyOut.of(sla.create_policy(call.principal, call.body))


class BusinessHoursUsed(Output):
    timezone: str
    always_open: bool = Field(description="no weekly hours: counted 24x7")
    hours: list[WorkingHours]
    holidays_in_range: list[date] = Field(description="the calendar's holidays between creation and resolution due")


class SLAPreviewOut(Output):
    policy_id: str | None = Field(description="the saved policy previewed; null for an unsaved one")
    policy_name: str
    priority: Priority
    created_at: datetime
    first_response_due: datetime
    resolution_due: datetime
    business_hours_used: BusinessHoursUsed
    explanation: str


@api.route(
    "/sla-policies/preview",
    "POST",
    summary="Due times a ticket would get under a policy (unsaved or saved); writes nothing",
    description="Computed by the functions that stamp tickets. 422 when the unsaved policy is not valid "
    "(details name policy.<field>), created_at is more than 5 years from now, or the calendar has too "
    "little working time to reach a target.",
    request=SLAPreviewCommand,
    response=SLAPreviewOut,
    errors=(404, 422),
)
def preview_sla_policy(call: Call[SLAPreviewCommand, NoQuery]) -> SLAPreviewOut:
    return SLAPreviewOut.model_validate(sla.preview(call.principal, call.body))


@api.route("/sla-policies/{policy_id}", "GET", summary="One SLA policy", response=SLAPolicyOut, errors=(404,))
def get_sla_policy(call: Call[None, NoQuery], policy_id: str) -> SLAPolicyOut:
    return SLAPolicyOut.of(sla.get_policy(call.principal, policy_id))


@api.route(
    "/sla-policies/{policy_id}",
    "PATCH",
    summary="Change an SLA policy (If-Match: version)",
    request=SLAPolicyPatch,
    response=SLAPolicyOut,
    errors=(404, 409),
    if_match=True,
)
def update_sla_policy(call: Call[SLAPolicyPatch, NoQuery], policy_id: str) -> SLAPolicyOut:
    return SLAPolicyOut.of(sla.update_policy(call.principal, policy_id, call.body, call.if_match()))


@api.route(
    "/sla-policies/{policy_id}",
    "DELETE",
    summary="Delete an SLA policy (soft: restorable; tickets keep their due times)",
    status=204,
    errors=(404,),
)
def delete_sla_policy(call: Call[None, NoQuery], policy_id: str) -> None:
    sla.delete_policy(call.principal, policy_id)


@api.route(
    "/sla-policies/{policy_id}/restore",
    "POST",
    summary="Bring a deleted SLA policy back (active again)",
    response=SLAPolicyOut,
    errors=(404,),
)
def restore_sla_policy(call: Call[None, NoQuery], policy_id: str) -> SLAPolicyOut:
    return SLAPolicyOut.of(sla.restore_policy(call.principal, policy_id))
