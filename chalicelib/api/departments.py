"""Departments and their members."""

from __future__ import annotations

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import ListQuery, NoQuery
from chalicelib.api.schemas import DepartmentOut, DepartmentPage
from chalicelib.domain.commands import DepartmentCommand, DepartmentPatch
from chalicelib.domain.identity import Department
from chalicelib.services import departments

api = Api("departments", __name__)


def department_out(department: Department, members: list[str] | None = None) -> DepartmentOut:
    return DepartmentOut.model_validate({**department.model_dump(), "members": members or []})


@api.route(
    "/departments",
    "GET",
    summary="Departments of my organization, by name (without members)",
    response=DepartmentPage,
    query=ListQuery,
    errors=(400, 403),
)
def list_departments(call: Call[None, ListQuery]) -> DepartmentPage:
    page = departments.list_departments(call.principal, call.query.limit, call.query.cursor)
    return DepartmentPage(items=[department_out(d) for d in page.items], next_cursor=page.next_cursor)


@api.route(
    "/departments",
    "POST",
    summary="Create a department",
    request=DepartmentCommand,
    response=DepartmentOut,
    status=201,
    location="/departments/{id}",
    errors=(403, 422),
)
def create_department(call: Call[DepartmentCommand, NoQuery]) -> DepartmentOut:
    return department_out(departments.create_department(call.principal, call.body))


@api.route(
    "/departments/{department_id}",
    "GET",
    summary="One department with its members",
    response=DepartmentOut,
    errors=(403, 404),
)
def get_department(call: Call[None, NoQuery], department_id: str) -> DepartmentOut:
    return department_out(*departments.get_department(call.principal, department_id))


@api.route(
    "/departments/{department_id}",
    "PATCH",
    summary="Change a department (If-Match: version)",
    request=DepartmentPatch,
    response=DepartmentOut,
    errors=(403, 404, 409, 422),
    if_match=True,
)
def update_department(call: Call[DepartmentPatch, NoQuery], department_id: str) -> DepartmentOut:
    return department_out(*departments.update_department(call.principal, department_id, call.body, call.if_match()))


@api.route(
    "/departments/{department_id}",
    "DELETE",
    summary="Deactivate a department (soft delete: it stays readable with is_active false)",
    status=204,
    errors=(403, 404, 409),
)
def delete_department(call: Call[None, NoQuery], department_id: str) -> None:
    departments.delete_department(call.principal, department_id)


@api.route(
    "/departments/{department_id}/members/{user_id}",
    "PUT",
    summary="Add a staff user to a department (idempotent)",
    response=DepartmentOut,
    errors=(403, 404, 422),
)
def add_member(call: Call[None, NoQuery], department_id: str, user_id: str) -> DepartmentOut:
    return department_out(*departments.add_member(call.principal, department_id, user_id))


@api.route(
    "/departments/{department_id}/members/{user_id}",
    "DELETE",
    summary="Remove a user from a department",
    status=204,
    errors=(403, 404),
)
def remove_member(call: Call[None, NoQuery], department_id: str, user_id: str) -> None:
    departments.remove_member(call.principal, department_id, user_id)
