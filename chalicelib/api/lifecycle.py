"""Data lifecycle routes: retention policies, the audit log, a person's export and erasure."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import ListQuery, NoQuery, Output, next_cursor_field
from chalicelib.domain.audit import AuditEntry
from chalicelib.domain.clock import Moment
from chalicelib.domain.commands import Command, RetentionPolicyCommand
from chalicelib.domain.retention import RetainedEntity, RetentionPolicy, TenantJob
from chalicelib.services import audit, privacy, retention

# services.offboarding (exports and offboarding, with store/tenant_export.py: ~9 ms of import) is
# imported in its four handlers: rare routes, so no other request's cold start pays for it.

api = Api("lifecycle", __name__)


class RetentionPolicyOut(Output):
    entity: RetainedEntity
    configured: bool = Field(description="false: no policy, the data is kept")
    retention_period_days: int | None
    archive_before_delete: bool
    anonymize_personal_data: bool
    is_active: bool
    updated_by_id: str | None
    updated_at: datetime | None
    version: int = Field(description="0 until the policy is first stored; send it as If-Match")

    @classmethod
    def of(cls, entity: RetainedEntity, stored: RetentionPolicy | None) -> RetentionPolicyOut:
        if stored is None:
            return cls(
                entity=entity,
                configured=False,
                retention_period_days=None,
                archive_before_delete=True,
                anonymize_personal_data=False,
                is_active=False,
                updated_by_id=None,
                updated_at=None,
                version=0,
            )
        return cls.model_validate({**stored.model_dump(), "configured": True})


class RetentionPolicyList(Output):
    items: list[RetentionPolicyOut]
    next_cursor: str | None = next_cursor_field()


class AuditEntryOut(Output):
    id: str
    action: str
    actor_id: str
    actor_role: str | None
    target_type: str
    target_id: str
    details: dict[str, Any]
    ip_address: str | None
    user_agent: str | None
    request_id: str | None
    created_at: datetime

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryOut:
        return cls.model_validate(entry.model_dump())


class AuditPage(Output):
    items: list[AuditEntryOut]
    next_cursor: str | None = None


class AuditQuery(ListQuery):
    since: Moment | None = Field(None, alias="from", description="default: 30 days before `to`")
    until: Moment | None = Field(None, alias="to", description="default: now")
    action: str | None = Field(None, max_length=60, description="e.g. permission.granted")


@api.route(
    "/retention-policies", "GET", summary="Retention policy of every entity type (admins)", query=ListQuery,
    response=RetentionPolicyList,
)  # fmt: skip
def list_retention_policies(call: Call[None, ListQuery]) -> RetentionPolicyList:
    page = retention.list_policies(call.principal, call.query.limit, call.query.cursor)
    return RetentionPolicyList(items=[RetentionPolicyOut.of(e, p) for e, p in page.items], next_cursor=page.next_cursor)


@api.route(
    "/retention-policies/{entity}", "GET", summary="One entity type's retention policy", response=RetentionPolicyOut,
    errors=(404,),
)  # fmt: skip
def get_retention_policy(call: Call[None, NoQuery], entity: str) -> RetentionPolicyOut:
    return RetentionPolicyOut.of(*retention.get_policy(call.principal, entity))


@api.route(
    "/retention-policies/{entity}",
    "PUT",
    summary="Set an entity type's retention policy; If-Match (0 for the first one)",
    description=(
        "entity: tickets (from closing or deletion, with everything under them), comments, attachments, "
        "history, kb_views, sessions (from creation), work_orders (from completion or cancellation)."
    ),
    request=RetentionPolicyCommand,
    response=RetentionPolicyOut,
    errors=(404, 409),
    if_match=True,
)
def put_retention_policy(call: Call[RetentionPolicyCommand, NoQuery], entity: str) -> RetentionPolicyOut:
    saved = retention.put_policy(call.principal, entity, call.body, call.if_match())
    return RetentionPolicyOut.of(saved.entity, saved)


@api.route(
    "/audit-log",
    "GET",
    summary="Administrative actions, newest first (admins; read-only)",
    query=AuditQuery,
    response=AuditPage,
    errors=(422,),
)
def audit_log(call: Call[None, AuditQuery]) -> AuditPage:
    q = call.query
    page = audit.list_entries(call.principal, q.since, q.until, q.action, q.limit, q.cursor)
    return AuditPage(items=[AuditEntryOut.of(e) for e in page.items], next_cursor=page.next_cursor)


class ExportOut(Output):
    key: str = Field(description="the export's object key in the archive bucket")
    url: str = Field(description="presigned download link")
    expires_at: datetime
    counts: dict[str, int]


class ErasureOut(Output):
    tickets: int
    work_orders: int
    items_rewritten: int
    items_deleted: int
    files_deleted: int
    exports_deleted: int


@api.route(
    "/users/{user_id}/export",
    "POST",
    summary="Export everything held about a person (admins; anyone: themselves)",
    description="Profile, permissions, customer and technician records, requested tickets with comments and "
    "attachment list, work orders, sessions, knowledge base views: one JSON document, a link valid 1 hour.",
    response=ExportOut,
    status=201,
    location="{url}",
    errors=(403, 404),
)
def export_user(call: Call[None, NoQuery], user_id: str) -> ExportOut:
    return ExportOut.model_validate(privacy.export_user(call.principal, user_id))


@api.route(
    "/users/{user_id}/anonymize",
    "POST",
    summary="Erase a person across the organization (admins)",
    description="Their tickets, work orders and views lose personal data (pseudonyms, redacted bodies, "
    "attachments deleted); sessions and exports are deleted; the user is pseudonymised and deactivated.",
    response=ErasureOut,
    errors=(403, 404),
)
def anonymize_user(call: Call[None, NoQuery], user_id: str) -> ErasureOut:
    return ErasureOut.model_validate(privacy.anonymize_user(call.principal, user_id))


class ManifestLink(Output):
    key: str
    url: str = Field(description="presigned download link, valid 1 hour")


class TenantJobOut(Output):
    id: str
    kind: str = Field(description="export, delete or search_reindex")
    state: str = Field(description="running or done")
    pages: int
    items: int = Field(description="items exported (or deleted; search_reindex: tickets re-indexed) so far")
    requested_by_id: str
    created_at: datetime
    finished_at: datetime | None
    parts: list[dict[str, Any]] = Field(
        default_factory=list, description="when done: {key, items, sha256, url} per gzipped JSON Lines part"
    )
    manifest: ManifestLink | None = Field(
        None, description="export, when done: what it holds, what was redacted and what was left out"
    )

    @classmethod
    def of(
        cls, job: TenantJob, links: list[dict[str, Any]] | None = None, manifest: dict[str, Any] | None = None
    ) -> TenantJobOut:
        return cls.model_validate({**job.model_dump(exclude={"parts"}), "parts": links or [], "manifest": manifest})


class OffboardingCommand(Command):
    export_id: str = Field(max_length=40, description="a finished export of the last 7 days")


class OffboardingToken(Output):
    confirmation_token: str = Field(description="send to /organization/offboarding/confirm within 15 minutes")
    expires_at: datetime


class ConfirmCommand(Command):
    confirmation_token: str = Field(max_length=100)


@api.route(
    "/organization/exports",
    "POST",
    summary="Export the whole organization (admins): a job, done within minutes; one at a time",
    response=TenantJobOut,
    status=202,
    location="/organization/exports/{id}",
    errors=(409,),
)
def start_export(call: Call[None, NoQuery]) -> TenantJobOut:
    from chalicelib.services import offboarding

    return TenantJobOut.of(offboarding.start_export(call.principal))


@api.route(
    "/organization/exports/{export_id}", "GET", summary="An export's progress; when done, a link per part",
    response=TenantJobOut, errors=(404,),
)  # fmt: skip
def get_export(call: Call[None, NoQuery], export_id: str) -> TenantJobOut:
    from chalicelib.services import offboarding

    job, links, manifest = offboarding.get_export(call.principal, export_id)
    return TenantJobOut.of(job, links, manifest)


@api.route(
    "/organization/offboarding",
    "POST",
    summary="Ask to delete the organization: a one-time confirmation token (needs a recent export)",
    request=OffboardingCommand,
    response=OffboardingToken,
    status=201,
    location="/organization/offboarding",
    errors=(409,),
)
def request_offboarding(call: Call[OffboardingCommand, NoQuery]) -> OffboardingToken:
    from chalicelib.services import offboarding

    token, expires = offboarding.request_offboarding(call.principal, call.body.export_id)
    return OffboardingToken(confirmation_token=token, expires_at=expires)


@api.route(
    "/organization/offboarding/confirm",
    "POST",
    summary="Delete the organization and everything it holds (irreversible)",
    request=ConfirmCommand,
    response=TenantJobOut,
    status=202,
    errors=(403,),
)
def confirm_offboarding(call: Call[ConfirmCommand, NoQuery]) -> TenantJobOut:
    from chalicelib.services import offboarding

    return TenantJobOut.of(offboarding.confirm_offboarding(call.principal, call.body.confirmation_token))
