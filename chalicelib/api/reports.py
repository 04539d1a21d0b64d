"""Reports: figures kept incrementally by the write paths."""

from __future__ import annotations

from datetime import date

from pydantic import ConfigDict, Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import Input, Output
from chalicelib.domain.tickets import Priority
from chalicelib.services import reports

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


class SLAReport(Output):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    overall: GroupStats
    by_policy: list[PolicyStats]
    by_priority: list[PriorityStats]
    by_policy_and_priority: list[PolicyPriorityStats]


@api.route(
    "/reports/sla",
    "GET",
    summary="SLA met/breached counts, rates and median times per policy and priority (managers, admins)",
    query=SLAReportQuery,
    response=SLAReport,
)
def sla_report(call: Call[None, SLAReportQuery]) -> SLAReport:
    return SLAReport.model_validate(reports.sla_report(call.principal, call.query.from_, call.query.to))
