"""Deleted things leave every list (filtered ones too) by key design, with full pages; the
``?deleted=true`` trash view lists only deleted ones, for those who may restore them; items stored
before that layout are moved by the re-indexing job (chalicelib/jobs/reindex_lists.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.jobs import reindex_lists
from tests.api.helpers import PASSWORD, Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def ok(reply: Any) -> Any:
    assert reply.status in (200, 201, 204), reply.body
    return reply.body


def ids(api: Client, path: str, token: str, key: str = "id") -> list[str]:
    """Every id of a list, read page by page (2 a page) so that a page boundary is crossed."""
    seen: list[str] = []
    cursor = None
    glue = "&" if "?" in path else "?"
    while True:
        body = ok(call(api, "GET", f"{path}{glue}limit=2" + (f"&cursor={cursor}" if cursor else ""), token))
        seen += [item[key] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return seen


def _new_agent(api: Client, acme: Tenant, n: int) -> str:
    body = {"email": f"extra{n}@example.com", "first_name": "Extra", "last_name": str(n), "role": "agent"}
    return str(ok(call(api, "POST", "/users", acme.token("admin"), {**body, "password": PASSWORD}))["id"])


def test_a_deactivated_user_leaves_every_user_list_and_only_the_trash_lists_it(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    gone = acme.user_id("agent2")
    assert gone in ids(api, "/users", admin)
    ok(call(api, "DELETE", f"/users/{gone}", admin))
    assert call(api, "GET", f"/users/{gone}", admin).status == 404
    assert gone not in ids(api, "/users", admin)
    assert gone not in ids(api, "/users?role=agent", admin)
    assert acme.user_id("agent") in ids(api, "/users?role=agent", admin)
    trash = ok(call(api, "GET", "/users?deleted=true", admin))
    assert [u["id"] for u in trash["items"]] == [gone]
    assert trash["items"][0]["is_active"] is False
    assert [u["id"] for u in ok(call(api, "GET", "/users?deleted=true&role=agent", admin))["items"]] == [gone]

    ok(call(api, "POST", f"/users/{gone}/restore", admin))
    assert gone in ids(api, "/users?role=agent", admin)
    assert ok(call(api, "GET", "/users?deleted=true", admin))["items"] == []


def test_a_page_of_users_is_full_although_deleted_users_sort_among_them(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    made = [_new_agent(api, acme, n) for n in range(6)]
    for user_id in made[::2]:
        ok(call(api, "DELETE", f"/users/{user_id}", admin))
    page = ok(call(api, "GET", "/users?role=agent&limit=3", admin))
    assert len(page["items"]) == 3
    assert all(u["is_active"] for u in page["items"])
    listed = ids(api, "/users?role=agent", admin)
    assert set(made[1::2]) <= set(listed)
    assert not set(made[::2]) & set(listed)
    assert sorted(ids(api, "/users?deleted=true", admin)) == sorted(made[::2])


# Each deletable kind: (create one, its path, its list, who deletes and restores it)
Maker = Callable[[Client, Tenant, int], str]


def _policy(api: Client, acme: Tenant, i: int) -> str:
    body = {"name": f"Policy {i}", "first_response_hours": 1, "resolution_hours": 8}
    return str(ok(call(api, "POST", "/sla-policies", acme.token("manager"), body))["id"])


def _rule(api: Client, acme: Tenant, i: int) -> str:
    body = {"name": f"Rule {i}", "trigger_type": "ticket_created", "actions": [{"type": "add_tags", "tags": ["x"]}]}
    return str(ok(call(api, "POST", "/automation-rules", acme.token("manager"), body))["id"])


def _customer(api: Client, acme: Tenant, i: int) -> str:
    return str(ok(call(api, "POST", "/customers", acme.token("manager"), {"company": f"Company {i}"}))["id"])


def _category(api: Client, acme: Tenant, i: int) -> str:
    return str(ok(call(api, "POST", "/kb/categories", acme.token("manager"), {"name": f"Category {i}"}))["id"])


def _subscription(api: Client, acme: Tenant, i: int) -> str:
    body = {"url": f"https://hooks.example.com/{i}", "events": ["ticket.created"]}
    return str(ok(call(api, "POST", "/webhook-subscriptions", acme.token("admin"), body))["id"])


KINDS: dict[str, tuple[Maker, str, str, str]] = {
    "sla policies": (_policy, "/sla-policies", "manager", "agent"),
    "automation rules": (_rule, "/automation-rules", "manager", "agent"),
    "customers": (_customer, "/customers", "manager", "agent"),
    "kb categories": (_category, "/kb/categories", "manager", "customer"),
    "webhook subscriptions": (_subscription, "/webhook-subscriptions", "admin", "manager"),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_deleted_thing_leaves_its_list_and_the_trash_lists_only_deleted_ones(
    api: Client, acme: Tenant, kind: str
) -> None:
    make, listing, owner, _ = KINDS[kind]
    token = acme.token(owner)
    made = [make(api, acme, i) for i in range(3)]
    ok(call(api, "DELETE", f"{listing}/{made[1]}", token))
    live = ids(api, listing, token)
    assert [i for i in made if i in live] == [made[0], made[2]]
    assert ids(api, f"{listing}?deleted=true", token) == [made[1]]
    ok(call(api, "POST", f"{listing}/{made[1]}/restore", token))
    assert made[1] in ids(api, listing, token)
    assert ids(api, f"{listing}?deleted=true", token) == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_trash_is_only_for_those_who_may_restore(api: Client, acme: Tenant, kind: str) -> None:
    make, listing, owner, outsider = KINDS[kind]
    made = make(api, acme, 0)
    ok(call(api, "DELETE", f"{listing}/{made}", acme.token(owner)))
    reply = call(api, "GET", f"{listing}?deleted=true", acme.token(outsider))
    assert reply.status == 403, reply.body
    assert made not in str(reply.body)


def _old_layout(org_id: str, ticket_number: int) -> None:
    """Make the stored items look as they did before the trash layout: deactivated users in the live
    users list, rules and policies without list keys at all, a deleted ticket in no trash."""
    from chalicelib.store import automation, identity, keys, sla, tickets
    from chalicelib.store.table import TableItem

    connection = TableItem._get_connection()
    for user in identity.UserItem.query(keys.org_pk(org_id), identity.UserItem.SK.startswith("USER#")):
        if isinstance(user, identity.UserItem) and not user.is_active:
            connection.update_item(
                user.PK, user.SK, actions=[TableItem.GSI1PK.set(identity.user_list_pk(org_id, False))]
            )
    for model, prefix in ((automation.RuleItem, "RULE#"), (sla.SLAPolicyItem, "SLA#")):
        for item in model.query(keys.org_pk(org_id), model.SK.startswith(prefix)):
            if isinstance(item, model):
                connection.update_item(item.PK, item.SK, actions=[TableItem.GSI1PK.remove(), TableItem.GSI1SK.remove()])
    for row in tickets.TicketItem.query(tickets.ticket_pk(org_id, ticket_number), TableItem.SK.startswith("TICKET")):
        if isinstance(row, tickets.TicketItem):
            connection.update_item(row.PK, row.SK, actions=[TableItem.GSI4PK.remove(), TableItem.GSI4SK.remove()])


def test_the_reindexing_job_moves_items_stored_before_the_trash_layout(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    gone = acme.user_id("agent2")
    ok(call(api, "DELETE", f"/users/{gone}", admin))
    rule, policy = _rule(api, acme, 0), _policy(api, acme, 0)
    etag_before = ok(call(api, "GET", f"/automation-rules/{rule}", admin))["version"]
    ticket = ok(call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Binned"}))
    ok(call(api, "DELETE", f"/tickets/{ticket['ticket_number']}", admin))
    _old_layout(acme.org_id, int(ticket["ticket_number"].rsplit("-", 1)[1]))
    assert gone in ids(api, "/users", admin)  # what the old layout did
    assert rule not in ids(api, "/automation-rules", admin)  # and what it does to the new lists
    assert ids(api, "/tickets?view=all&deleted=true", admin, "ticket_number") == []

    report = reindex_lists.run([acme.org_id])
    kinds = report["by_organization"][acme.org_id]
    assert (kinds["users"], kinds["automation_rules"], kinds["sla_policies"], kinds["deleted_tickets"]) == (1, 1, 1, 1)
    assert ids(api, "/tickets?view=all&deleted=true", admin, "ticket_number") == [ticket["ticket_number"]]
    assert gone not in ids(api, "/users", admin)
    assert ids(api, "/users?deleted=true", admin) == [gone]
    assert ids(api, "/automation-rules", admin) == [rule]
    assert ids(api, "/sla-policies", admin) == [policy]
    assert ok(call(api, "GET", f"/automation-rules/{rule}", admin))["version"] == etag_before
    assert reindex_lists.run([acme.org_id])["rewritten"] == 0


@pytest.mark.expect_scan
def test_the_reindexing_job_finds_every_organization(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    report = reindex_lists.run()
    assert {acme.org_id, globex.org_id} <= set(report["by_organization"])


def test_the_reindexing_job_puts_older_live_tickets_into_every_order(api: Client, acme: Tenant) -> None:
    from chalicelib.store import tickets
    from chalicelib.store.table import TableItem

    admin = acme.token("admin")
    created = [
        ok(call(api, "POST", "/tickets", acme.token("customer"), {"subject": f"Old {n}", "priority": priority}))
        for n, priority in enumerate(("low", "urgent"))
    ]
    numbers = [int(t["ticket_number"].rsplit("-", 1)[1]) for t in created]
    # As stored before the orders existed: no GSI5 keys on the ticket, no index entries.
    connection = TableItem._get_connection()
    for number in numbers:
        pk = tickets.ticket_pk(acme.org_id, number)
        connection.update_item(pk, "TICKET", actions=[TableItem.GSI5PK.remove(), TableItem.GSI5SK.remove()])
        for name in ("priority", "sla_due", "creator"):
            connection.delete_item(pk, f"INDEX#{name}")
    assert ids(api, "/tickets?sort=-priority", admin, "ticket_number") == []
    assert ids(api, "/tickets?sort=-created_at", admin, "ticket_number") == []

    report = reindex_lists.run([acme.org_id])
    assert report["by_organization"][acme.org_id]["ticket_orders"] == 2 * (1 + 3)
    urgent_first = [created[1]["ticket_number"], created[0]["ticket_number"]]
    assert ids(api, "/tickets?sort=-priority", admin, "ticket_number") == urgent_first
    assert ids(api, "/tickets?sort=-created_at", admin, "ticket_number") == urgent_first
    creator = acme.user_id("customer")
    assert ids(api, f"/tickets?created_by_id={creator}", admin, "ticket_number") == urgent_first
    assert reindex_lists.run([acme.org_id])["rewritten"] == 0


def test_the_ticket_trash_with_a_queue_filter_is_422_naming_deleted(api: Client, acme: Tenant) -> None:
    reply = call(api, "GET", "/tickets?deleted=true&status=open", acme.token("admin"))
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "invalid_query"
    assert reply.body["error"]["details"][0]["field"] == "deleted"
