"""Departments and their members: CRUD, manager and member rules, roles, tenancy, pagination."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import departments as store
from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def globex(api: Client, acme: Tenant) -> Tenant:
    return make_tenant(api, "globex", email_domain="globex.example")


def create(api: Client, tenant: Tenant, name: str = "Support", **extra: Any) -> dict[str, Any]:
    reply = call(api, "POST", "/departments", tenant.token("admin"), {"name": name, **extra})
    assert reply.status == 201, reply.body
    return dict(reply.body)


def test_admin_creates_reads_renames_and_lists_departments(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    created = call(
        api,
        "POST",
        "/departments",
        token,
        {"name": "Support", "description": "Front line", "manager_id": acme.user_id("manager")},
    )
    assert created.status == 201
    assert created.body["manager_id"] == acme.user_id("manager")
    assert (created.body["is_active"], created.body["members"], created.body["version"]) == (True, [], 1)
    dept_id = created.body["id"]
    read = call(api, "GET", f"/departments/{dept_id}", token)
    assert (read.status, read.body["description"]) == (200, "Front line")
    patched = call(api, "PATCH", f"/departments/{dept_id}", token, {"name": "Help desk"}, headers={"If-Match": "1"})
    assert (patched.status, patched.body["name"], patched.body["version"]) == (200, "Help desk", 2)
    create(api, acme, "billing")
    listed = call(api, "GET", "/departments", acme.token("agent"))
    assert listed.status == 200
    assert [d["name"] for d in listed.body["items"]] == ["billing", "Help desk"], "sorted by name, case-insensitively"


def test_admin_may_manage_a_department_and_the_manager_may_be_cleared(api: Client, acme: Tenant) -> None:
    dept = create(api, acme, manager_id=acme.user_id("admin"))
    cleared = call(api, "PATCH", f"/departments/{dept['id']}", acme.token("manager"), {"manager_id": None})
    assert (cleared.status, cleared.body["manager_id"]) == (200, None)


@pytest.mark.parametrize("who", ["agent", "customer", "unknown", "malformed", "deleted_manager", "globex_manager"])
def test_manager_must_be_an_active_manager_or_admin_of_the_organization(api: Client, acme: Tenant, who: str) -> None:
    token = acme.token("admin")
    if who == "unknown":
        manager_id = "0" * 20
    elif who == "malformed":
        manager_id = "not#an-id"
    elif who == "deleted_manager":
        extra = call(
            api,
            "POST",
            "/users",
            token,
            {
                "email": "m2@example.com",
                "first_name": "M",
                "last_name": "Two",
                "role": "manager",
                "password": "correct-horse-battery",
            },
        ).body
        assert call(api, "DELETE", f"/users/{extra['id']}", token).status == 204
        manager_id = extra["id"]
    elif who == "globex_manager":
        manager_id = make_tenant(api, "globex", email_domain="globex.example").user_id("manager")
    else:
        manager_id = acme.user_id(who)
    reply = call(api, "POST", "/departments", token, {"name": "Support", "manager_id": manager_id})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_manager")
    dept = create(api, acme)
    patched = call(api, "PATCH", f"/departments/{dept['id']}", token, {"manager_id": manager_id})
    assert (patched.status, patched.body["error"]["code"]) == (422, "invalid_manager")
    assert call(api, "GET", f"/departments/{dept['id']}", token).body["version"] == 1, "nothing written"
    assert call(api, "GET", "/departments", token).body["items"] == [{**dept}], "the refused create wrote nothing"


def test_members_are_added_idempotently_and_removed(api: Client, acme: Tenant) -> None:
    token = acme.token("manager")
    dept = create(api, acme)
    path = f"/departments/{dept['id']}/members"
    added = call(api, "PUT", f"{path}/{acme.user_id('agent')}", token)
    assert (added.status, added.body["members"]) == (200, [acme.user_id("agent")])
    again = call(api, "PUT", f"{path}/{acme.user_id('agent')}", token)
    assert (again.status, again.body["members"]) == (200, [acme.user_id("agent")])
    both = call(api, "PUT", f"{path}/{acme.user_id('manager')}", token)
    assert both.body["members"] == sorted([acme.user_id("agent"), acme.user_id("manager")])
    assert call(api, "DELETE", f"{path}/{acme.user_id('agent')}", token).status == 204
    assert call(api, "DELETE", f"{path}/{acme.user_id('agent')}", token).status == 204, "removing twice is fine"
    assert call(api, "GET", f"/departments/{dept['id']}", token).body["members"] == [acme.user_id("manager")]


def test_a_department_is_read_with_its_members_in_one_query(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    dept = create(api, acme)
    other = create(api, acme, "Other")
    for role in ("agent", "agent2"):
        call(api, "PUT", f"/departments/{dept['id']}/members/{acme.user_id(role)}", token)
    call(api, "PUT", f"/departments/{other['id']}/members/{acme.user_id('manager')}", token)
    with metering.metered() as calls:
        reply = call(api, "GET", f"/departments/{dept['id']}", token)
    assert reply.body["members"] == sorted([acme.user_id("agent"), acme.user_id("agent2")])
    reads = [c.operation for c in calls if c.operation != "BatchGetItem"]  # BatchGetItem: the authorizer
    assert reads == ["Query"]


def test_the_departments_of_a_user_are_one_index_query(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    first, second, third = (create(api, acme, name) for name in ("A", "B", "C"))
    for dept in (first, third):
        call(api, "PUT", f"/departments/{dept['id']}/members/{acme.user_id('agent')}", token)
    with metering.metered() as calls:
        ids = store.department_ids_of_user(acme.org_id, acme.user_id("agent"))
    assert sorted(ids) == sorted([first["id"], third["id"]])
    assert [c.operation for c in calls] == ["Query"]
    assert second["id"] not in ids


@pytest.mark.parametrize("who", ["customer", "unknown", "malformed", "globex_agent"])
def test_members_must_be_active_staff_of_the_organization(api: Client, acme: Tenant, who: str) -> None:
    token = acme.token("admin")
    dept = create(api, acme)
    if who == "unknown":
        user_id = "f" * 20
    elif who == "malformed":
        user_id = "abc"
    elif who == "globex_agent":
        user_id = make_tenant(api, "globex", email_domain="globex.example").user_id("agent")
    else:
        user_id = acme.user_id(who)
    reply = call(api, "PUT", f"/departments/{dept['id']}/members/{user_id}", token)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_member")
    assert call(api, "GET", f"/departments/{dept['id']}", token).body["members"] == []


def test_a_deactivated_user_cannot_be_added(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    dept = create(api, acme)
    assert call(api, "DELETE", f"/users/{acme.user_id('agent2')}", token).status == 204
    reply = call(api, "PUT", f"/departments/{dept['id']}/members/{acme.user_id('agent2')}", token)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_member")


def test_agent_cannot_create_a_department(api: Client, acme: Tenant) -> None:
    reply = call(api, "POST", "/departments", acme.token("agent"), {"name": "Rogue"})
    assert (reply.status, reply.body["error"]["code"]) == (403, "forbidden")
    assert call(api, "GET", "/departments", acme.token("admin")).body["items"] == []


def test_agent_reads_departments_but_cannot_change_them(api: Client, acme: Tenant) -> None:
    dept = create(api, acme)
    token = acme.token("agent")
    path = f"/departments/{dept['id']}"
    assert call(api, "GET", path, token).status == 200
    assert call(api, "GET", "/departments", token).status == 200
    assert call(api, "PATCH", path, token, {"name": "Mine"}).status == 403
    assert call(api, "DELETE", path, token).status == 403
    assert call(api, "PUT", f"{path}/members/{acme.user_id('agent')}", token).status == 403
    assert call(api, "DELETE", f"{path}/members/{acme.user_id('agent')}", token).status == 403
    assert call(api, "GET", path, acme.token("admin")).body == dept


def test_customers_cannot_see_departments(api: Client, acme: Tenant) -> None:
    dept = create(api, acme)
    token = acme.token("customer")
    assert call(api, "GET", "/departments", token).status == 403
    assert call(api, "GET", f"/departments/{dept['id']}", token).status == 403


def test_deleting_a_department_deactivates_it(api: Client, acme: Tenant) -> None:
    token = acme.token("manager")
    dept = create(api, acme)
    call(api, "PUT", f"/departments/{dept['id']}/members/{acme.user_id('agent')}", token)
    deleted = call(api, "DELETE", f"/departments/{dept['id']}", token)
    assert (deleted.status, deleted.body) == (204, None)
    read = call(api, "GET", f"/departments/{dept['id']}", token).body
    assert (read["is_active"], read["members"]) == (False, [acme.user_id("agent")])
    again = call(api, "DELETE", f"/departments/{dept['id']}", token)
    assert again.status == 204
    assert call(api, "GET", f"/departments/{dept['id']}", token).body["version"] == read["version"]
    restored = call(api, "PATCH", f"/departments/{dept['id']}", token, {"is_active": True})
    assert (restored.status, restored.body["is_active"]) == (200, True)


def test_a_stale_if_match_is_412(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    dept = create(api, acme)
    assert (
        call(api, "PATCH", f"/departments/{dept['id']}", token, {"name": "One"}, headers={"If-Match": "1"}).status
        == 200
    )
    stale = call(api, "PATCH", f"/departments/{dept['id']}", token, {"name": "Two"}, headers={"If-Match": "1"})
    assert (stale.status, stale.body["error"]["code"]) == (412, "precondition_failed")
    assert call(api, "GET", f"/departments/{dept['id']}", token).body["name"] == "One"


def test_unknown_or_malformed_department_ids_are_not_found(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    create(api, acme)
    for department_id in ("0" * 20, "short", "DEPT"):
        assert call(api, "GET", f"/departments/{department_id}", token).status == 404
        assert call(api, "PUT", f"/departments/{department_id}/members/{acme.user_id('agent')}", token).status == 404


def test_another_tenants_department_is_not_found_and_unchanged(api: Client, acme: Tenant, globex: Tenant) -> None:
    theirs = create(api, globex, "Globex support", manager_id=globex.user_id("manager"))
    call(api, "PUT", f"/departments/{theirs['id']}/members/{globex.user_id('agent')}", globex.token("admin"))
    before = call(api, "GET", f"/departments/{theirs['id']}", globex.token("admin")).body
    token = acme.token("admin")
    path = f"/departments/{theirs['id']}"
    assert call(api, "GET", path, token).status == 404
    assert call(api, "PATCH", path, token, {"name": "Pwned"}).status == 404
    assert call(api, "DELETE", path, token).status == 404
    assert call(api, "PUT", f"{path}/members/{acme.user_id('agent')}", token).status == 404
    assert call(api, "DELETE", f"{path}/members/{globex.user_id('agent')}", token).status == 404
    assert call(api, "GET", "/departments", token).body["items"] == []
    assert call(api, "GET", path, globex.token("admin")).body == before


def test_the_department_list_pages_with_a_cursor(api: Client, acme: Tenant) -> None:
    made = {create(api, acme, name)["id"] for name in ("Alpha", "Beta", "Gamma")}
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = call(api, "GET", "/departments?limit=2" + (f"&cursor={cursor}" if cursor else ""), acme.token("agent"))
        assert page.status == 200
        assert len(page.body["items"]) <= 2
        seen += [d["id"] for d in page.body["items"]]
        pages += 1
        cursor = page.body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(made)
    assert pages >= 2


def test_another_tenants_cursor_is_rejected(api: Client, acme: Tenant, globex: Tenant) -> None:
    for name in ("Alpha", "Beta", "Gamma"):
        create(api, globex, name)
    cursor = call(api, "GET", "/departments?limit=1", globex.token("admin")).body["next_cursor"]
    assert cursor
    reply = call(api, "GET", f"/departments?limit=1&cursor={cursor}", acme.token("admin"))
    assert (reply.status, reply.body["error"]["code"]) == (400, "invalid_cursor")
