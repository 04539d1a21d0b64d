"""Reports: figures kept incrementally by the write paths."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import ConfigDict, Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import Input, Output
from chalicelib.domain.tickets import Priority
from chalicelib.services import csat, kb, reports

api = Api("reports", __name__)


class SLAReportQuery(Input):
    model_config = ConfigDict(populate_by_name=True)

    from_: date | None = Field(None, alias="from", description="First UTC day (default: 29 days before `to`).")
    to: date | None = Field(None, description="Last UTC day, inclusive (default: today). At most 366 days in all.")


class TargetStats(Output):
    met: int
    breached: int
    met_rate: float | None = Field(description="met / (met + breached); null when nothing was decided")
    breach_rate: float | None
    completed: int = Field(description="targets completed in the period (first replies / resolutions)")
    median_seconds: float | None = Field(description="from a fixed histogram: exact to the bucket, interpolated in it")
    median_business_seconds: float | None
    mean_seconds: float | None
    mean_business_seconds: float | None


class GroupStats(Output):
    first_response: TargetStats
    resolution: TargetStats


class PolicyStats(GroupStats):
    policy_id: str
    policy_name: str | None = Field(description="null when the policy was deleted since")


class PriorityStats(GroupStats):
    priority: Priority


class PolicyPriorityStats(PolicyStats):
    priority: Priority


class DepartmentStats(GroupStats):
    department_id: str | None = Field(description="null: tickets without a department")
    department_name: str | None


class CSATFigures(Output):
    count: int = Field(description="ratings recorded in the period")
    average_score: float | None = Field(description="mean score 1-5; null without ratings")
    csat_percent: float | None = Field(description="100 * good / count; null without ratings")
    good: int = Field(description="ratings of 4 or 5 (a good link records 5)")
    bad: int = Field(description="ratings of 1 or 2 (a bad link records 1)")


class DayStats(GroupStats):
    day: date = Field(description="a UTC day with SLA activity (days without any are left out)")


class SLAReport(Output):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    overall: GroupStats
    by_policy: list[PolicyStats]
    by_priority: list[PriorityStats]
    by_policy_and_priority: list[PolicyPriorityStats]
    by_department: list[DepartmentStats] = Field(
        description="per the tickets' department (issue 24), by name; tickets without one last"
    )
    by_day: list[DayStats] = Field(
        description="per UTC day: met/breached on the day decided, medians of the targets completed that day"
    )
    csat: CSATFigures = Field(description="the organization's satisfaction ratings recorded on these days")


class SLAFilterQuery(SLAReportQuery):
    priority: Priority | None = Field(None, description="only the tickets of this priority")
    department_id: str | None = Field(
        None, max_length=64, description="only the tickets of this department (`none`: tickets without one)"
    )


@api.route(
    "/reports/sla",
    "GET",
    summary="SLA met/breached counts, rates and median times per policy and priority (managers, admins)",
    query=SLAFilterQuery,
    response=SLAReport,
)
def sla_report(call: Call[None, SLAFilterQuery]) -> SLAReport:
    query = call.query
    return SLAReport.model_validate(
        reports.sla_report(call.principal, query.from_, query.to, query.priority, query.department_id)
    )


class CSATReportQuery(SLAReportQuery):
    group_by: Literal["agent", "department", "week"] = Field(
        "week", description="agent: the assignee when rated; department: each of the assignee's departments then"
    )


class CSATRow(CSATFigures):
    agent_id: str | None = Field(None, description="group_by=agent; null for tickets rated while unassigned")
    department_id: str | None = Field(None, description="group_by=department")
    week: str | None = Field(None, description="group_by=week: ISO week, e.g. 2026-W48 (only days in the range)")
    week_start: date | None = Field(None, description="group_by=week: the Monday of the week")


class CSATReport(Output):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    group_by: str
    overall: CSATFigures
    rows: list[CSATRow]


@api.route(
    "/reports/csat",
    "GET",
    summary="Customer satisfaction: count, average score and CSAT % per agent, department or week (managers, admins)",
    description=(
        "Ratings count on the UTC day they were recorded, for the assignee at that moment and each"
        " department that assignee belonged to then. Read from counters (never from tickets)."
    ),
    query=CSATReportQuery,
    response=CSATReport,
)
def csat_report(call: Call[None, CSATReportQuery]) -> CSATReport:
    query = call.query
    return CSATReport.model_validate(csat.report(call.principal, query.from_, query.to, query.group_by))


class KBReportQuery(SLAReportQuery):
    """The same range of UTC days as the SLA report."""


class KBArticleFigures(Output):
    article_id: str
    title: str
    views: int = Field(description="the article's views, all time (distinct viewers per day, summed)")
    deflections: int = Field(description="in the period: people it answered before they opened a request")
    helpful: int = Field(description="the article's helpful votes, all time")
    not_helpful: int = Field(description="the article's not helpful votes, all time")


class KBReport(Output):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    views: int = Field(description="every article's views, all time")
    deflections: int = Field(description="deflections recorded on these days")
    helpful: int = Field(description="every article's helpful votes, all time")
    not_helpful: int = Field(description="every article's not helpful votes, all time")
    by_article: list[KBArticleFigures] = Field(description="every article, most deflections first")


@api.route(
    "/reports/kb",
    "GET",
    summary="Knowledge base: deflections per article over days, with views and votes (managers, admins)",
    description=(
        "Deflections count on the UTC day they were recorded (once per person, article and day), read"
        " from day counters. Views and votes are the articles' all-time counts: they have no day counters."
    ),
    query=KBReportQuery,
    response=KBReport,
    errors=(422,),
)
def kb_report(call: Call[None, KBReportQuery]) -> KBReport:
    return KBReport.model_validate(kb.report(call.principal, call.query.from_, call.query.to))


class TicketDay(Output):
    day: date
    created: int = Field(description="tickets created on this UTC day (deleted ones left out)")
    solved: int = Field(description="tickets solved on this UTC day and still solved or closed")


class BacklogBucket(Output):
    bucket: Literal["lt_1d", "1_3d", "3_7d", "7_30d", "gt_30d"] = Field(
        description="age of the creation day in whole UTC days: 0, 1-2, 3-6, 7-29, 30 and more"
    )
    open: int = Field(description="active tickets (new, open, pending, on hold) created that long ago, now")


class ActiveCounts(Output):
    new: int
    open: int
    pending: int
    on_hold: int
    active: int = Field(description="the four statuses together")


class AgentWorkload(ActiveCounts):
    agent_id: str
    agent_name: str | None = Field(description="null when the user no longer exists")


class TicketsReport(Output):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    by_day: list[TicketDay] = Field(description="every day of the range, oldest first")
    backlog: list[BacklogBucket] = Field(description="now, whatever the range: the five buckets, youngest first")
    workload: list[AgentWorkload] = Field(description="now: agents with active tickets, most first")
    unassigned: ActiveCounts = Field(description="now: active tickets without an assignee")


@api.route(
    "/reports/tickets",
    "GET",
    summary="Tickets created vs solved per day, the backlog by age and each agent's workload (managers, admins)",
    description=(
        "Read from counter rows the ticket transactions keep (never from tickets): one row per UTC day"
        " with `created`, `solved` and `open` (the day's tickets still active), and the queue counters."
    ),
    query=SLAReportQuery,
    response=TicketsReport,
    errors=(422,),
)
def tickets_report(call: Call[None, SLAReportQuery]) -> TicketsReport:
    return TicketsReport.model_validate(reports.tickets_report(call.principal, call.query.from_, call.query.to))
