"""Department items and their members.

Key layout (docs/data-model.md):

| item | PK | SK | index |
|---|---|---|---|
| department | ``ORG#o`` | ``DEPT#d`` | GSI1 ``ORG#o#DEPTS`` / ``<lower name>#d`` |
| department member | ``ORG#o`` | ``DEPT#d#MEMBER#u`` | GSI1 ``ORG#o#USER#u#DEPTS`` / ``d`` |

Ids are fixed length (``services.identity.new_id``), so ``begins_with(SK, "DEPT#d")`` reads a
department and its members with one Query and never touches another department.
"""

from __future__ import annotations

import re
from datetime import datetime

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.domain.identity import STAFF_ROLES, Department, Role
from chalicelib.store.identity import UserItem, user_sk
from chalicelib.store.keys import UnsafeKey, org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Check, Operation, Put, is_condition_failure, transact_write

ID = re.compile(r"^[0-9a-f]{20}$")
MANAGER_ROLES = (Role.ADMIN.value, Role.MANAGER.value)


class DepartmentItem(TableItem, discriminator="Department"):
    org_id = UnicodeAttribute()
    department_id = UnicodeAttribute()
    name = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    manager_id = UnicodeAttribute(null=True)
    is_active = BooleanAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class DepartmentMemberItem(TableItem, discriminator="DepartmentMember"):
    org_id = UnicodeAttribute()
    department_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    added_at = UnicodeAttribute()


# ---------------------------------------------------------------- keys


def is_id(value: str) -> bool:
    """Whether ``value`` has the shape of an id we issue (anything else cannot exist)."""
    return bool(ID.match(value))


def _id(value: str) -> str:
    if not is_id(value):
        raise UnsafeKey(f"id {value!r} cannot be part of a key")
    return value


def department_sk(department_id: str) -> str:
    return f"DEPT#{_id(department_id)}"


def member_sk(department_id: str, user_id: str) -> str:
    return f"{department_sk(department_id)}#MEMBER#{_id(user_id)}"


def department_list_pk(org_id: str) -> str:
    return tenant_key(org_id, "DEPTS")


def user_departments_pk(org_id: str, user_id: str) -> str:
    return tenant_key(org_id, "USER", _id(user_id), "DEPTS")


def department_list_sk(department: Department) -> str:
    return f"{department.name.lower()}#{department.id}"


# ---------------------------------------------------------------- mapping


def department_item(department: Department) -> DepartmentItem:
    return DepartmentItem(
        PK=org_pk(department.org_id),
        SK=department_sk(department.id),
        GSI1PK=department_list_pk(department.org_id),
        GSI1SK=department_list_sk(department),
        org_id=department.org_id,
        department_id=department.id,
        name=department.name,
        description=department.description,
        manager_id=department.manager_id,
        is_active=department.is_active,
        created_at=iso(department.created_at),
        updated_at=iso(department.updated_at),
    )


def to_department(item: DepartmentItem) -> Department:
    return Department(
        id=item.department_id,
        org_id=item.org_id,
        name=item.name,
        description=item.description or "",
        manager_id=item.manager_id,
        is_active=item.is_active,
        created_at=parse_iso(item.created_at),
        updated_at=parse_iso(item.updated_at),
        version=item.version or 1,
    )


def member_item(org_id: str, department_id: str, user_id: str, now: datetime) -> DepartmentMemberItem:
    return DepartmentMemberItem(
        PK=org_pk(org_id),
        SK=member_sk(department_id, user_id),
        GSI1PK=user_departments_pk(org_id, user_id),
        GSI1SK=_id(department_id),
        org_id=org_id,
        department_id=department_id,
        user_id=user_id,
        added_at=iso(now),
    )


# ---------------------------------------------------------------- conditions


def invalid_manager() -> RuleViolation:
    return RuleViolation("The manager must be an active manager or admin of the organization.", code="invalid_manager")


def invalid_member() -> RuleViolation:
    return RuleViolation("Members must be active staff users of the organization.", code="invalid_member")


def already_member() -> Conflict:
    return Conflict("The user is already a member of the department.", code="already_member")


def _user_check(org_id: str, user_id: str, roles: tuple[str, ...], error: RuleViolation) -> Check:
    """The user exists in this organization, is active and has one of ``roles`` (when the transaction commits)."""
    if not is_id(user_id):
        raise error
    return Check(
        UserItem,
        org_pk(org_id),
        user_sk(user_id),
        condition=UserItem.PK.exists() & (UserItem.is_active == True) & UserItem.role.is_in(*roles),  # noqa: E712
        on_conflict=error,
    )


def active_check(org_id: str, department_id: str, error: RuleViolation) -> Check:
    """The department exists in this organization and is active when the transaction commits."""
    if not is_id(department_id):
        raise error
    return Check(
        DepartmentItem,
        org_pk(org_id),
        department_sk(department_id),
        condition=DepartmentItem.PK.exists() & (DepartmentItem.is_active == True),  # noqa: E712
        on_conflict=error,
    )


def _manager_check(department: Department) -> list[Operation]:
    if department.manager_id is None:
        return []
    return [_user_check(department.org_id, department.manager_id, MANAGER_ROLES, invalid_manager())]


# ---------------------------------------------------------------- operations


def create_department(department: Department) -> Department:
    """One transaction: the department, and a check that its manager (if any) is an active manager or admin."""
    item = department_item(department)
    transact_write([*_manager_check(department), Put(item, condition=TableItem.PK.does_not_exist())])
    return to_department(item)


def get_department(org_id: str, department_id: str) -> Department | None:
    try:
        return to_department(DepartmentItem.get(org_pk(org_id), department_sk(department_id)))
    except DepartmentItem.DoesNotExist:
        return None


def get_departments(org_id: str, department_ids: list[str]) -> dict[str, Department]:
    """The named departments that exist (inactive ones included): ONE BatchGetItem per 100."""
    keys = [(org_pk(org_id), department_sk(d)) for d in dict.fromkeys(department_ids)]
    if not keys:
        return {}
    found = [to_department(i) for i in DepartmentItem.batch_get(keys) if isinstance(i, DepartmentItem)]
    return {d.id: d for d in found}


def get_department_with_members(org_id: str, department_id: str) -> tuple[Department | None, list[str]]:
    """The department and its members' user ids: ONE Query, ``PK=ORG#o AND begins_with(SK, DEPT#d)``."""
    department: Department | None = None
    members: list[str] = []
    for item in TableItem.query(org_pk(org_id), TableItem.SK.startswith(department_sk(department_id))):
        if isinstance(item, DepartmentItem):
            department = to_department(item)
        elif isinstance(item, DepartmentMemberItem):
            members.append(str(item.user_id))
    return department, sorted(members)


def save_department(department: Department, previous: Department) -> Department:
    """Write ``department`` if it is still at ``previous.version``; checks a new manager in the same transaction."""
    item = department_item(department)
    item.version = previous.version
    operations: list[Operation] = []
    if department.manager_id != previous.manager_id:
        operations += _manager_check(department)
    operations.append(
        Put(item, on_conflict=Conflict("The department was changed by someone else.", code="stale_version"))
    )
    transact_write(operations)
    return to_department(item)


def add_member(department: Department, user_id: str, now: datetime) -> None:
    """The membership item, checked against the user (an active staff user of the organization).

    Departments are never hard-deleted, so the department read by the caller still exists.

    ``Conflict(code="already_member")`` when the membership exists already.
    """
    staff = tuple(sorted(role.value for role in STAFF_ROLES))
    transact_write(
        [  # already in wire order: the check, then the put
            _user_check(department.org_id, user_id, staff, invalid_member()),
            Put(
                member_item(department.org_id, department.id, user_id, now),
                condition=TableItem.PK.does_not_exist(),
                on_conflict=already_member(),
            ),
        ]
    )


def remove_member(org_id: str, department_id: str, user_id: str) -> bool:
    """Delete the membership by key; False when there was none."""
    try:
        DepartmentMemberItem._get_connection().delete_item(
            org_pk(org_id), member_sk(department_id, user_id), condition=DepartmentMemberItem.PK.exists()
        )
    except DeleteError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def list_departments(org_id: str, *, limit: int, cursor: str | None) -> Page[Department]:
    """Departments by name: one Query on GSI1 ``ORG#o#DEPTS``."""
    page = query_page(
        DepartmentItem.gsi1,
        department_list_pk(org_id),
        org_id=org_id,
        scope="departments",
        limit=limit,
        cursor=cursor,
        model=DepartmentItem,
    )
    return Page([to_department(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def all_departments(org_id: str) -> list[Department]:
    """Every department of the organization by name: the Query of ``list_departments``, all pages."""
    items = DepartmentItem.query(department_list_pk(org_id), index_name=DepartmentItem.gsi1.Meta.index_name)
    return [to_department(i) for i in items if isinstance(i, DepartmentItem)]


def department_ids_of_user(org_id: str, user_id: str) -> list[str]:
    """The departments ``user_id`` belongs to: one Query on GSI1 ``ORG#o#USER#u#DEPTS``."""
    rows = DepartmentMemberItem.query(
        user_departments_pk(org_id, user_id), index_name=DepartmentItem.gsi1.Meta.index_name
    )
    return [str(r.department_id) for r in rows]
