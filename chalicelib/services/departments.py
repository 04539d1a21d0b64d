"""Departments and their members. Authorization through ``auth.policy`` only.

Reads need ``departments.read`` (staff), writes ``departments.write`` (managers and admins).
Ids that are not ours (another organization's, malformed ones) are 404: every key is built in
the caller's own partition, so nothing of another tenant is ever read or written.
"""

from __future__ import annotations

from collections.abc import Mapping

from chalicelib.auth import policy
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import DepartmentCommand, DepartmentPatch
from chalicelib.domain.errors import Conflict, NotFound, RuleViolation, require_version
from chalicelib.domain.identity import Department, Principal
from chalicelib.services.identity import new_id
from chalicelib.services.retry import retry_on_conflict
from chalicelib.store import departments as store
from chalicelib.store.pagination import Page
from chalicelib.store.transactions import Operation


def _not_found() -> NotFound:
    return NotFound("Not found.")


def _read(principal: Principal, department_id: str) -> tuple[Department, list[str]]:
    """The department and its members (one Query), or 404."""
    if not store.is_id(department_id):
        raise _not_found()
    department, members = store.get_department_with_members(principal.org_id, department_id)
    if department is None:
        raise _not_found()
    return department, members


def list_departments(principal: Principal, limit: int, cursor: str | None) -> Page[Department]:
    policy.require(principal, "departments.read")
    return store.list_departments(principal.org_id, limit=limit, cursor=cursor)


def get_department(principal: Principal, department_id: str) -> tuple[Department, list[str]]:
    policy.require(principal, "departments.read")
    return _read(principal, department_id)


def create_department(principal: Principal, command: DepartmentCommand) -> Department:
    """422 ``invalid_manager`` unless the manager is an active manager or admin of the organization."""
    policy.require(principal, "departments.write")
    now = utcnow()
    department = Department(
        id=new_id(),
        org_id=principal.org_id,
        name=command.name,
        description=command.description,
        manager_id=command.manager_id,
        is_active=command.is_active,
        created_at=now,
        updated_at=now,
    )
    return store.create_department(department)


@retry_on_conflict
def update_department(
    principal: Principal, department_id: str, patch: DepartmentPatch, if_match: int | None
) -> tuple[Department, list[str]]:
    policy.require(principal, "departments.write")
    department, members = _read(principal, department_id)
    require_version("department", department.version, if_match)
    changes = patch.changes()
    updated = department.model_copy(update={**changes, "updated_at": utcnow()})
    return store.save_department(updated, department), members


@retry_on_conflict
def delete_department(principal: Principal, department_id: str) -> tuple[Department, list[str]]:
    """Soft delete: the department stays readable with ``is_active`` false; its members are kept."""
    policy.require(principal, "departments.write")
    department, members = _read(principal, department_id)
    if not department.is_active:
        return department, members
    updated = department.model_copy(update={"is_active": False, "updated_at": utcnow()})
    return store.save_department(updated, department), members


@retry_on_conflict
def add_member(principal: Principal, department_id: str, user_id: str) -> tuple[Department, list[str]]:
    """Idempotent: adding a member twice changes nothing. 422 ``invalid_member`` unless an active staff user."""
    policy.require(principal, "departments.write")
    department, members = _read(principal, department_id)
    if user_id in members:
        return department, members
    try:
        store.add_member(department, user_id, utcnow())
    except Conflict as exc:
        if exc.code != "already_member":  # a concurrent add of the same member won
            raise
    return department, sorted({*members, user_id})


@retry_on_conflict
def remove_member(principal: Principal, department_id: str, user_id: str) -> None:
    """Idempotent within the organization: removing a non-member is fine; an unknown department is 404."""
    policy.require(principal, "departments.write")
    if not store.is_id(department_id) or store.get_department(principal.org_id, department_id) is None:
        raise _not_found()
    if store.is_id(user_id):
        store.remove_member(principal.org_id, department_id, user_id)


def invalid_department(field: str) -> RuleViolation:
    """422 ``invalid_department``: ``field`` names no active department of the organization."""
    return RuleViolation(
        "department_id names no active department of the organization.",
        code="invalid_department",
        details=[{"field": field, "message": "no active department with this id", "type": "invalid"}],
    )


def routing_checks(org_id: str, wanted: Mapping[str, str]) -> list[Operation]:
    """Departments that new tickets are routed to (``{field: department id}``) must be active ones of
    the organization: 422 ``invalid_department`` naming every field that is not (ONE BatchGetItem),
    and a ConditionCheck per department for the caller's transaction, so one deactivated meanwhile
    is refused as well."""
    found = store.get_departments(org_id, [d for d in wanted.values() if store.is_id(d)])
    bad = sorted(field for field, d in wanted.items() if d not in found or not found[d].is_active)
    if bad:
        error = invalid_department(bad[0])
        error.details = [detail for field in bad for detail in invalid_department(field).details]
        raise error
    first_field = {d: field for field, d in sorted(wanted.items(), reverse=True)}  # one check per department
    return [store.active_check(org_id, d, invalid_department(field)) for d, field in sorted(first_field.items())]
