"""Reads the seed's relations imply, each served by a key: customer and technician records by user,
one knowledge base category, another user's sessions (admins), a comment's attachments, and the
fields that tie responses together (comment ``updated_at``, attachment ``ticket_number``, job
``created_at``)."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, login, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, acme: Tenant) -> str:
    reply = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Scanner offline"})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def comment(api: Client, acme: Tenant, number: str, role: str, kind: str = "public") -> dict[str, Any]:
    reply = call(
        api, "POST", f"/tickets/{number}/comments", acme.token(role), {"content": f"{kind} note", "comment_type": kind}
    )
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body["comment"]
    return result


def attach(api: Client, acme: Tenant, number: str, role: str, comment_id: str | None, **fields: Any) -> Any:
    body = {"file_name": "log.txt", "file_size": 10, "file_type": "text/plain", "comment_id": comment_id, **fields}
    return call(api, "POST", f"/tickets/{number}/attachments", acme.token(role), body)


# ---- customers and technicians by user --------------------------------------------------------


def test_customers_filter_by_user_id(api: Client, acme: Tenant) -> None:
    mine = call(api, "POST", "/customers", acme.token("admin"), {"user_id": acme.user_id("customer"), "company": "A"})
    call(api, "POST", "/customers", acme.token("admin"), {"user_id": acme.user_id("customer2"), "company": "B"})
    call(api, "POST", "/customers", acme.token("admin"), {"company": "Unlinked"})
    with metering.metered() as calls:
        found = call(api, "GET", f"/customers?user_id={acme.user_id('customer')}", acme.token("agent"))
    assert found.status == 200, found.body
    assert [c["id"] for c in found.body["items"]] == [mine.body["id"]]
    assert found.body["next_cursor"] is None
    assert sorted(c.operation for c in calls) == ["BatchGetItem", "GetItem", "GetItem"]  # guard, then record
    nobody = call(api, "GET", f"/customers?user_id={acme.user_id('agent')}", acme.token("agent"))
    assert nobody.body["items"] == []
    # A customer finds their own record this way, and nobody else's.
    own = call(api, "GET", f"/customers?user_id={acme.user_id('customer')}", acme.token("customer"))
    assert [c["id"] for c in own.body["items"]] == [mine.body["id"]]
    other = call(api, "GET", f"/customers?user_id={acme.user_id('customer2')}", acme.token("customer"))
    assert other.status == 403
    deleted = call(api, "DELETE", f"/customers/{mine.body['id']}", acme.token("admin"))
    assert deleted.status in (200, 204)
    gone = call(api, "GET", f"/customers?user_id={acme.user_id('customer')}", acme.token("agent"))
    assert gone.body["items"] == [], "a deleted record is not listed"


def test_technicians_filter_by_user_id(api: Client, acme: Tenant) -> None:
    created = call(
        api, "POST", "/technicians", acme.token("manager"), {"user_id": acme.user_id("agent"), "employee_id": "E1"}
    )
    assert created.status == 201, created.body
    found = call(api, "GET", f"/technicians?user_id={acme.user_id('agent')}", acme.token("manager"))
    assert found.status == 200, found.body
    assert [t["id"] for t in found.body["items"]] == [created.body["id"]]
    none = call(api, "GET", f"/technicians?user_id={acme.user_id('agent2')}", acme.token("manager"))
    assert none.body["items"] == []
    own = call(api, "GET", f"/technicians?user_id={acme.user_id('agent')}", acme.token("agent"))
    assert [t["id"] for t in own.body["items"]] == [created.body["id"]]
    assert call(api, "GET", f"/technicians?user_id={acme.user_id('agent')}", acme.token("agent2")).status == 403
    malformed = call(api, "GET", "/technicians?user_id=a%23b", acme.token("manager"))
    assert malformed.status in (400, 422)


# ---- one knowledge base category --------------------------------------------------------------


def test_one_kb_category_is_read_by_id(api: Client, acme: Tenant) -> None:
    parent = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Printers"}).body
    child = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Jams", "parent_id": parent["id"]}).body
    read = call(api, "GET", f"/kb/categories/{child['id']}", acme.token("customer"))
    assert read.status == 200, read.body
    assert (read.body["id"], read.body["parent_id"], read.body["name"]) == (child["id"], parent["id"], "Jams")
    assert call(api, "GET", f"/kb/categories/{'0' * 20}", acme.token("agent")).status == 404
    # Customers see a category only when it and its ancestors are active (as in the list).
    call(api, "PATCH", f"/kb/categories/{parent['id']}", acme.token("agent"), {"is_active": False})
    assert call(api, "GET", f"/kb/categories/{child['id']}", acme.token("customer")).status == 404
    assert call(api, "GET", f"/kb/categories/{child['id']}", acme.token("agent")).status == 200
    globex = make_tenant(api, "globex")
    assert call(api, "GET", f"/kb/categories/{child['id']}", globex.token("admin")).status == 404


# ---- another user's sessions -------------------------------------------------------------------


def test_an_admin_lists_and_ends_another_users_sessions(api: Client, acme: Tenant) -> None:
    second = login(api, acme.slug, "agent@example.com")
    listed = call(api, "GET", f"/users/{acme.user_id('agent')}/sessions", acme.token("admin"))
    assert listed.status == 200, listed.body
    assert len(listed.body["items"]) == 2
    assert all(s["current"] is False for s in listed.body["items"]), "none is the admin's own"
    mine = call(api, "GET", "/auth/sessions", second).body["items"]
    target = next(s["id"] for s in mine if s["current"])

    ended = call(api, "DELETE", f"/users/{acme.user_id('agent')}/sessions/{target}", acme.token("admin"))
    assert ended.status == 204, ended.body
    assert call(api, "GET", "/auth/me", second).status == 401, "the session is over"
    assert call(api, "GET", "/auth/me", acme.token("agent")).status == 200, "the other session goes on"
    audit = call(api, "GET", "/audit-log?action=user.session_ended", acme.token("admin")).body["items"]
    assert [(a["target_id"], a["details"]["session_id"]) for a in audit] == [(acme.user_id("agent"), target[:12])]
    after = call(api, "GET", f"/users/{acme.user_id('agent')}/sessions", acme.token("admin")).body["items"]
    assert {s["id"]: s["is_active"] for s in after}[target] is False


def test_sessions_of_others_are_admin_only_and_stay_within_the_user(api: Client, acme: Tenant) -> None:
    agent = acme.user_id("agent")
    session = call(api, "GET", "/auth/sessions", acme.token("agent")).body["items"][0]["id"]
    for role in ("manager", "agent2"):
        assert call(api, "GET", f"/users/{agent}/sessions", acme.token(role)).status == 403
        assert call(api, "DELETE", f"/users/{agent}/sessions/{session}", acme.token(role)).status == 403
    assert call(api, "GET", f"/users/{agent}/sessions", acme.token("customer")).status == 404
    # The session must be the named user's: another user's session id is not found.
    wrong_user = call(api, "DELETE", f"/users/{acme.user_id('agent2')}/sessions/{session}", acme.token("admin"))
    assert wrong_user.status == 404
    globex = make_tenant(api, "globex")
    assert call(api, "GET", f"/users/{agent}/sessions", globex.token("admin")).status == 404
    assert call(api, "DELETE", f"/users/{agent}/sessions/{session}", globex.token("admin")).status == 404
    assert call(api, "GET", "/auth/me", acme.token("agent")).status == 200


# ---- a comment's attachments, and the fields that tie things together ---------------------------


def test_a_comments_attachments_are_listed_with_their_ticket_number(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    public = comment(api, acme, number, "agent")
    internal = comment(api, acme, number, "agent", "internal")
    first = attach(api, acme, number, "agent", public["id"])
    assert first.status == 201, first.body
    assert first.body["attachment"]["ticket_number"] == number
    attach(api, acme, number, "agent", public["id"], file_name="hidden.txt", is_public=False)
    attach(api, acme, number, "agent", internal["id"], file_name="internal.txt")
    attach(api, acme, number, "agent", None, file_name="loose.txt")

    with metering.metered() as calls:
        staff = call(api, "GET", f"/tickets/{number}/comments/{public['id']}/attachments", acme.token("agent"))
    assert staff.status == 200, staff.body
    assert sorted(a["file_name"] for a in staff.body["items"]) == ["hidden.txt", "log.txt"]
    assert {a["ticket_number"] for a in staff.body["items"]} == {number}
    assert staff.body["next_cursor"] is None
    assert sorted(c.operation for c in calls) == ["BatchGetItem", "Query"]
    customer = call(api, "GET", f"/tickets/{number}/comments/{public['id']}/attachments", acme.token("customer"))
    assert [a["file_name"] for a in customer.body["items"]] == ["log.txt"], "public attachments only"
    hidden = call(api, "GET", f"/tickets/{number}/comments/{internal['id']}/attachments", acme.token("customer"))
    assert hidden.status == 404, "an internal note is not visible to the customer"
    assert call(api, "GET", f"/tickets/{number}/comments/nope/attachments", acme.token("agent")).status == 404
    globex = make_tenant(api, "globex")
    path = f"/tickets/{number}/comments/{public['id']}/attachments"
    assert call(api, "GET", path, globex.token("admin")).status == 404

    detail = call(api, "GET", f"/tickets/{number}", acme.token("agent")).body
    assert {a["ticket_number"] for a in detail["attachments"]} == {number}
    assert "org_id" not in detail["attachments"][0]
    listed = call(api, "GET", f"/tickets/{number}/comments", acme.token("agent")).body["items"]
    assert all(c["updated_at"] == c["created_at"] for c in listed)
    assert all("updated_at" in c for c in detail["comments"])
    attachment_id = first.body["attachment"]["id"]
    download = call(api, "GET", f"/tickets/{number}/attachments/{attachment_id}", acme.token("agent"))
    assert download.body["attachment"]["ticket_number"] == number


def test_job_assignments_show_when_they_were_created(api: Client, acme: Tenant) -> None:
    technician = call(
        api, "POST", "/technicians", acme.token("manager"), {"user_id": acme.user_id("agent"), "employee_id": "E1"}
    ).body
    order = call(
        api,
        "POST",
        "/work-orders",
        acme.token("manager"),
        {"title": "Boiler", "scheduled_at": "2027-03-02T10:00:00Z"},
    ).body
    assigned = call(
        api,
        "POST",
        f"/work-orders/{order['work_order_number']}/assignments",
        acme.token("manager"),
        {"technician_id": technician["id"]},
    )
    assert assigned.status == 201, assigned.body
    job = assigned.body["assignment"]
    assert job["created_at"] == job["assigned_at"]
    read = call(api, "GET", f"/work-orders/{order['work_order_number']}", acme.token("manager")).body
    assert read["assignments"][0]["created_at"] == job["created_at"]
