"""Users and their permission grants."""

from __future__ import annotations

from pydantic import Field

from chalicelib.api import authorizer  # noqa: F401
from chalicelib.api.http import Api, Call
from chalicelib.api.models import ListQuery, NoQuery, TrashQuery
from chalicelib.api.schemas import PermissionList, PermissionOut, SessionOut, SessionPage, UserOut, UserPage
from chalicelib.domain.commands import CreateUserCommand, GrantCommand, UpdateUserCommand
from chalicelib.domain.identity import Role
from chalicelib.services import users

api = Api("users", __name__)


class UserListQuery(TrashQuery):
    role: Role | None = Field(None, description="Only users with this role")


@api.route(
    "/users",
    "GET",
    summary="Active users of my organization, by role and name (deleted=true: deactivated ones, for admins and "
    "managers)",
    response=UserPage,
    query=UserListQuery,
)
def list_users(call: Call[None, UserListQuery]) -> UserPage:
    q = call.query
    page = users.list_users(call.principal, q.role, q.limit, q.cursor, q.deleted)
    return UserPage(items=[UserOut.of(u) for u in page.items], next_cursor=page.next_cursor)


@api.route(
    "/users",
    "POST",
    summary="Create a user",
    request=CreateUserCommand,
    response=UserOut,
    status=201,
    location="/users/{id}",
    errors=(409, 422),
)
def create_user(call: Call[CreateUserCommand, NoQuery]) -> UserOut:
    return UserOut.of(users.create_user(call.principal, call.body))


@api.route("/users/{user_id}", "GET", summary="One user", response=UserOut, errors=(404,))
def get_user(call: Call[None, NoQuery], user_id: str) -> UserOut:
    return UserOut.of(users.load(call.principal, user_id))


@api.route(
    "/users/{user_id}",
    "PATCH",
    summary="Change a user (If-Match: version); a new email is pending until the new address confirms it",
    request=UpdateUserCommand,
    response=UserOut,
    errors=(404, 409, 422, 503),
    if_match=True,
)
def update_user(call: Call[UpdateUserCommand, NoQuery], user_id: str) -> UserOut:
    return UserOut.of(users.update_user(call.principal, user_id, call.body, call.if_match()))


@api.route(
    "/users/{user_id}",
    "DELETE",
    summary="Deactivate a user: no login, sessions end (soft delete)",
    status=204,
    errors=(404,),
)
def delete_user(call: Call[None, NoQuery], user_id: str) -> None:
    users.delete_user(call.principal, user_id)


@api.route("/users/{user_id}/restore", "POST", summary="Reactivate a deactivated user", response=UserOut, errors=(404,))
def restore_user(call: Call[None, NoQuery], user_id: str) -> UserOut:
    return UserOut.of(users.restore_user(call.principal, user_id))


@api.route(
    "/users/{user_id}/2fa/reset",
    "POST",
    summary="Turn another user's two-factor login off (admins; audit-logged)",
    response=UserOut,
    errors=(404, 409),
)
def reset_two_factor(call: Call[None, NoQuery], user_id: str) -> UserOut:
    return UserOut.of(users.reset_two_factor(call.principal, user_id))


@api.route(
    "/users/{user_id}/permissions",
    "GET",
    summary="Permission grants a user holds, by name (revoked ones leave the list)",
    response=PermissionList,
    query=ListQuery,
    errors=(404,),
)
def list_permissions(call: Call[None, ListQuery], user_id: str) -> PermissionList:
    page = users.list_permissions(call.principal, user_id, call.query.limit, call.query.cursor)
    return PermissionList(items=[PermissionOut.of(g) for g in page.items], next_cursor=page.next_cursor)


@api.route(
    "/users/{user_id}/permissions",
    "POST",
    summary="Grant a permission (optionally until expires_at)",
    request=GrantCommand,
    response=PermissionOut,
    status=201,
    location="/users/{user_id}/permissions/{permission}",
    errors=(404, 422),
)
def grant_permission(call: Call[GrantCommand, NoQuery], user_id: str) -> PermissionOut:
    return PermissionOut.of(users.grant_permission(call.principal, user_id, call.body))


@api.route(
    "/users/{user_id}/permissions/{permission}", "DELETE", summary="Revoke a permission", status=204, errors=(404,)
)
def revoke_permission(call: Call[None, NoQuery], user_id: str, permission: str) -> None:
    users.revoke_permission(call.principal, user_id, permission)


@api.route(
    "/users/{user_id}/sessions",
    "GET",
    summary="Another user's sessions, newest first (admins)",
    response=SessionPage,
    query=ListQuery,
    errors=(404,),
)
def list_user_sessions(call: Call[None, ListQuery], user_id: str) -> SessionPage:
    page, epoch = users.list_sessions(call.principal, user_id, call.query.limit, call.query.cursor)
    return SessionPage(
        items=[SessionOut.of(s, call.principal.session_id, epoch) for s in page.items], next_cursor=page.next_cursor
    )


@api.route(
    "/users/{user_id}/sessions/{session_id}",
    "DELETE",
    summary="End another user's session (admins; audit-logged)",
    status=204,
    errors=(404,),
)
def end_user_session(call: Call[None, NoQuery], user_id: str, session_id: str) -> None:
    users.end_session(call.principal, user_id, session_id)
