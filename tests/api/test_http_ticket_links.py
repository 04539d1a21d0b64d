"""Linked tickets: parent/child/related links kept on both tickets in one transaction, the parent's
child count and the child's parent number, no cycles, one parent, merge and split links read from the
tickets, solving a parent's children, rules conditioned on the links, and who may do what."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, subject: str = "Printer down", who: str = "customer") -> str:
    reply = call(api, "POST", "/tickets", tenant.token(who), {"subject": subject, "description": "Help"})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def link(api: Client, tenant: Tenant, number: str, kind: str, other: str, who: str = "agent") -> Any:
    return call(api, "POST", f"/tickets/{number}/links", tenant.token(who), {"kind": kind, "ticket_number": other})


def ticket(api: Client, tenant: Tenant, number: str, who: str = "admin") -> dict[str, Any]:
    reply = call(api, "GET", f"/tickets/{number}", tenant.token(who))
    assert reply.status == 200, reply.body
    return dict(reply.body)


def links(api: Client, tenant: Tenant, number: str, who: str = "agent") -> list[tuple[str, str]]:
    reply = call(api, "GET", f"/tickets/{number}/links", tenant.token(who))
    assert reply.status == 200, reply.body
    return [(item["kind"], item["ticket"]["ticket_number"]) for item in reply.body["items"]]


def history_of(api: Client, tenant: Tenant, number: str) -> list[tuple[str, str | None, str | None]]:
    reply = call(api, "GET", f"/tickets/{number}/history?limit=100", tenant.token("admin"))
    return [
        (h["change_type"], h["old_value"], h["new_value"]) for h in reply.body["items"] if h["field_name"] == "link"
    ]


def test_a_parent_link_is_on_both_tickets_with_parent_number_child_count_and_history(api: Client, acme: Tenant) -> None:
    problem, incident = open_ticket(api, acme, "Mail is down"), open_ticket(api, acme, "Cannot send mail")
    created = link(api, acme, incident, "parent", problem)
    assert created.status == 201, created.body
    assert created.body["kind"] == "parent"
    assert created.body["ticket"]["ticket_number"] == problem
    assert created.body["created_by_id"] == acme.user_id("agent")
    assert created.headers["Location"] == f"/tickets/{incident}/links/parent/{problem}"
    assert ticket(api, acme, incident)["parent_number"] == problem
    assert ticket(api, acme, problem)["child_count"] == 1
    assert links(api, acme, incident) == [("parent", problem)]
    assert links(api, acme, problem) == [("child", incident)]
    assert history_of(api, acme, incident) == [("linked", None, f"parent {problem}")]
    assert history_of(api, acme, problem) == [("linked", None, f"child {incident}")]


def test_linking_a_child_from_the_parent_side_is_the_same_link(api: Client, acme: Tenant) -> None:
    problem, incident = open_ticket(api, acme), open_ticket(api, acme)
    assert link(api, acme, problem, "child", incident).status == 201
    assert ticket(api, acme, incident)["parent_number"] == problem
    assert ticket(api, acme, problem)["child_count"] == 1


def test_a_second_parent_is_refused_and_a_duplicate_link_too(api: Client, acme: Tenant) -> None:
    first, second, incident = open_ticket(api, acme), open_ticket(api, acme), open_ticket(api, acme)
    assert link(api, acme, incident, "parent", first).status == 201
    again = link(api, acme, incident, "parent", second)
    assert (again.status, again.body["error"]["code"]) == (409, "parent_exists"), again.body
    duplicate = link(api, acme, incident, "related", first)
    assert (duplicate.status, duplicate.body["error"]["code"]) == (409, "ticket_link_exists"), duplicate.body
    assert ticket(api, acme, second)["child_count"] == 0
    assert ticket(api, acme, first)["child_count"] == 1


def test_self_links_and_cycles_are_refused(api: Client, acme: Tenant) -> None:
    a, b, c = open_ticket(api, acme), open_ticket(api, acme), open_ticket(api, acme)
    itself = link(api, acme, a, "related", a)
    assert (itself.status, itself.body["error"]["code"]) == (422, "invalid_ticket_link")
    assert link(api, acme, a, "parent", b).status == 201  # b above a
    assert link(api, acme, b, "parent", c).status == 201  # c above b
    cycle = link(api, acme, c, "parent", a)  # a above c: a -> b -> c -> a
    assert (cycle.status, cycle.body["error"]["code"]) == (422, "invalid_ticket_link"), cycle.body
    assert ticket(api, acme, c)["parent_number"] is None
    assert ticket(api, acme, a)["child_count"] == 0


def test_unlinking_removes_both_sides_and_the_counts(api: Client, acme: Tenant) -> None:
    problem, incident, other = open_ticket(api, acme), open_ticket(api, acme), open_ticket(api, acme)
    assert link(api, acme, incident, "parent", problem).status == 201
    assert link(api, acme, incident, "related", other).status == 201
    wrong_kind = call(api, "DELETE", f"/tickets/{incident}/links/child/{problem}", acme.token("agent"))
    assert wrong_kind.status == 404
    gone = call(api, "DELETE", f"/tickets/{incident}/links/parent/{problem}", acme.token("agent"))
    assert gone.status == 204, gone.body
    assert ticket(api, acme, incident)["parent_number"] is None
    assert ticket(api, acme, problem)["child_count"] == 0
    assert links(api, acme, problem) == []
    assert links(api, acme, incident) == [("related", other)]
    assert call(api, "DELETE", f"/tickets/{other}/links/related/{incident}", acme.token("agent")).status == 204
    assert (links(api, acme, incident), links(api, acme, other)) == ([], [])
    assert history_of(api, acme, problem)[-1] == ("unlinked", f"child {incident}", None)
    # The parent can be linked again once the old link is gone.
    assert link(api, acme, incident, "parent", other).status == 201


def test_a_link_to_a_ticket_in_the_trash_can_still_be_removed(api: Client, acme: Tenant) -> None:
    problem, incident = open_ticket(api, acme), open_ticket(api, acme)
    assert link(api, acme, incident, "parent", problem).status == 201
    assert call(api, "DELETE", f"/tickets/{problem}", acme.token("admin")).status == 204
    assert links(api, acme, incident) == []  # a deleted ticket is not listed
    assert call(api, "DELETE", f"/tickets/{incident}/links/parent/{problem}", acme.token("agent")).status == 204
    assert ticket(api, acme, incident)["parent_number"] is None
    assert call(api, "POST", f"/tickets/{problem}/restore", acme.token("admin")).status == 200
    assert ticket(api, acme, problem)["child_count"] == 0


def test_merge_and_split_links_are_read_from_the_ticket_fields(api: Client, acme: Tenant) -> None:
    from chalicelib.store import tickets as store

    target, source = open_ticket(api, acme), open_ticket(api, acme)
    number = int(source.split("-")[1])
    stored = store.get_ticket(acme.org_id, number)
    assert stored is not None
    store.save_ticket(stored.model_copy(update={"merged_into": target, "split_into": [target]}), stored, [])
    assert links(api, acme, source) == [("merged_into", target), ("split_into", target)]
    read_only = call(api, "DELETE", f"/tickets/{source}/links/merged_into/{target}", acme.token("agent"))
    assert read_only.status == 404


def test_solving_children_solves_each_active_child_with_the_reply(api: Client, acme: Tenant) -> None:
    problem = open_ticket(api, acme, "Outage")
    active, solved, closed = (open_ticket(api, acme, f"Incident {n}") for n in range(3))
    for child in (active, solved, closed):
        assert link(api, acme, problem, "child", child).status == 201
    admin = acme.token("admin")
    assert call(api, "PATCH", f"/tickets/{solved}", admin, {"status": "solved"}).status == 200
    for status in ("solved", "closed"):
        assert call(api, "PATCH", f"/tickets/{closed}", admin, {"status": status}).status == 200
    reply = "The outage is over."
    done = call(api, "POST", f"/tickets/{problem}/children/solve", acme.token("agent"), {"reply": reply})
    assert done.status == 200, done.body
    outcomes = {r["ticket_number"]: r["outcome"] for r in done.body["results"]}
    assert outcomes == {active: "solved", solved: "skipped", closed: "skipped"}
    shown = ticket(api, acme, active, who="customer")
    assert shown["status"] == "solved"
    assert [c["content"] for c in shown["comments"] if c["comment_type"] == "public"] == [reply]
    assert shown["first_response_at"] is not None
    assert ticket(api, acme, solved)["comments"] == []
    again = call(api, "POST", f"/tickets/{problem}/children/solve", acme.token("agent"), {"reply": reply})
    assert {r["outcome"] for r in again.body["results"]} == {"skipped"}
    assert len(ticket(api, acme, active)["comments"]) == 1


def test_a_child_the_agent_cannot_see_fails_alone(api: Client, acme: Tenant) -> None:
    problem, theirs, mine = open_ticket(api, acme), open_ticket(api, acme), open_ticket(api, acme)
    for child in (theirs, mine):
        assert link(api, acme, problem, "child", child, who="admin").status == 201
    assigned = {"assigned_agent_id": acme.user_id("agent2")}
    assert call(api, "PATCH", f"/tickets/{theirs}", acme.token("admin"), assigned).status == 200
    done = call(api, "POST", f"/tickets/{problem}/children/solve", acme.token("agent"), {})
    results = {r["ticket_number"]: (r["outcome"], (r["error"] or {}).get("code")) for r in done.body["results"]}
    assert results == {theirs: ("failed", "not_found"), mine: ("solved", None)}
    assert ticket(api, acme, theirs)["status"] == "open"


def test_customers_cannot_read_or_make_links(api: Client, acme: Tenant) -> None:
    own, other = open_ticket(api, acme), open_ticket(api, acme, who="customer2")
    customer = acme.token("customer")
    assert call(api, "GET", f"/tickets/{own}/links", customer).status == 403
    assert link(api, acme, own, "related", other, who="customer").status == 403
    assert call(api, "GET", f"/tickets/{other}/links", customer).status == 404
    assert call(api, "POST", f"/tickets/{own}/children/solve", customer, {}).status == 403
    assert links(api, acme, own) == []


def test_an_agent_cannot_link_a_ticket_they_cannot_see(api: Client, acme: Tenant) -> None:
    mine, theirs = open_ticket(api, acme), open_ticket(api, acme)
    assigned = {"assigned_agent_id": acme.user_id("agent2")}
    assert call(api, "PATCH", f"/tickets/{theirs}", acme.token("admin"), assigned).status == 200
    refused = link(api, acme, mine, "parent", theirs)
    assert (refused.status, refused.body["error"]["code"]) == (404, "ticket_not_found")
    assert ticket(api, acme, mine)["parent_number"] is None
    # A manager links them; the agent's list leaves out the ticket they cannot see.
    assert link(api, acme, mine, "parent", theirs, who="manager").status == 201
    assert links(api, acme, mine) == []
    assert links(api, acme, mine, who="manager") == [("parent", theirs)]


def test_tickets_of_another_organization_cannot_be_linked(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex", "globex.example")
    open_ticket(api, acme)
    only_acme = open_ticket(api, acme)
    theirs = open_ticket(api, globex)
    refused = link(api, globex, theirs, "related", only_acme, who="admin")
    assert (refused.status, refused.body["error"]["code"]) == (404, "ticket_not_found"), refused.body
    assert links(api, acme, only_acme, who="admin") == []


def test_rules_condition_on_parent_number_and_child_count(api: Client, acme: Tenant, stream: Any) -> None:
    rule = {
        "name": "Escalate big problems",
        "trigger_type": "ticket_updated",
        "trigger_conditions": {"all": [{"field": "child_count", "operator": "gt", "value": 1}]},
        "actions": [{"type": "set_priority", "priority": "urgent"}],
    }
    assert call(api, "POST", "/automation-rules", acme.token("admin"), rule).status == 201, rule
    tagged = {
        "name": "Tag incidents",
        "trigger_type": "ticket_updated",
        "trigger_conditions": {"all": [{"field": "parent_number", "operator": "is_not", "value": None}]},
        "actions": [{"type": "add_tags", "tags": ["incident"]}],
    }
    assert call(api, "POST", "/automation-rules", acme.token("admin"), tagged).status == 201
    problem = open_ticket(api, acme)
    first, second = open_ticket(api, acme), open_ticket(api, acme)
    assert link(api, acme, problem, "child", first).status == 201
    stream.drain()
    assert ticket(api, acme, problem)["priority"] == "normal"
    assert "incident" in ticket(api, acme, first)["tags"]
    assert link(api, acme, problem, "child", second).status == 201
    stream.drain()
    assert ticket(api, acme, problem)["priority"] == "urgent"
