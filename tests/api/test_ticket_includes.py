"""``?include=`` side-loads what a page of tickets names (users, customer records, SLA policies) in a
fixed number of calls, each object filtered as its own GET would be; ``assigned_agent_id`` reads
one assignee's partition."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, acme: Tenant, customer: str = "customer") -> str:
    reply = call(api, "POST", "/tickets", acme.token(customer), {"subject": "Scanner offline"})
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def assign(api: Client, acme: Tenant, number: str, agent: str) -> None:
    reply = call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"assigned_agent_id": acme.user_id(agent)})
    assert reply.status == 200, reply.body


def queue_of(api: Client, acme: Tenant) -> dict[str, Any]:
    """Six tickets from two customers, four assigned to two agents, all under one SLA policy,
    both customers with a record."""
    policy = {"name": "Standard", "first_response_hours": 4, "resolution_hours": 24}
    created = call(api, "POST", "/sla-policies", acme.token("admin"), policy)
    assert created.status == 201, created.body
    records = {}
    for who in ("customer", "customer2"):
        record = call(api, "POST", "/customers", acme.token("admin"), {"user_id": acme.user_id(who), "company": who})
        assert record.status == 201, record.body
        records[who] = record.body["id"]
    numbers = [open_ticket(api, acme, who) for who in ("customer", "customer2") * 3]
    for number, agent in zip(numbers, ("agent", "agent2", "agent", "agent2"), strict=False):
        assign(api, acme, number, agent)
    return {"policy_id": created.body["id"], "records": records, "numbers": numbers}


def test_a_queue_page_side_loads_users_customers_and_policies_in_two_batch_reads(api: Client, acme: Tenant) -> None:
    setup = queue_of(api, acme)
    with metering.metered() as calls:
        page = call(api, "GET", "/tickets?include=users,customers,sla_policy", acme.token("manager"))
    assert page.status == 200, page.body
    assert len(page.body["items"]) == 6
    included = page.body["included"]
    people = {"customer", "customer2", "agent", "agent2"}
    assert {u["id"] for u in included["users"]} == {acme.user_id(p) for p in people}
    assert "password_hash" not in included["users"][0]
    assert {c["id"] for c in included["customers"]} == set(setup["records"].values())
    assert [p["id"] for p in included["sla_policies"]] == [setup["policy_id"]]
    operations = [c.operation for c in calls]
    # The session check, the page (one Query), then users + policies + record links, then the records.
    assert operations.count("Query") == 1
    assert operations.count("BatchGetItem") == 3, operations
    assert "GetItem" not in operations, "never one call per ticket"

    plain = call(api, "GET", "/tickets", acme.token("manager"))
    assert plain.body["included"] is None
    only_users = call(api, "GET", "/tickets?include=users", acme.token("manager")).body["included"]
    assert only_users["customers"] is None
    assert only_users["sla_policies"] is None


def test_a_customer_sees_only_themselves_in_what_is_included(api: Client, acme: Tenant) -> None:
    setup = queue_of(api, acme)
    page = call(api, "GET", "/tickets?include=users,customers,sla_policy", acme.token("customer"))
    assert page.status == 200, page.body
    assert len(page.body["items"]) == 3
    included = page.body["included"]
    assert [u["id"] for u in included["users"]] == [acme.user_id("customer")], "no staff profiles"
    assert [c["id"] for c in included["customers"]] == [setup["records"]["customer"]]
    assert included["sla_policies"] == [], "SLA policies are staff reading"


def test_one_ticket_side_loads_what_it_names(api: Client, acme: Tenant) -> None:
    setup = queue_of(api, acme)
    number = setup["numbers"][0]
    detail = call(api, "GET", f"/tickets/{number}?include=users,sla_policy", acme.token("agent"))
    assert detail.status == 200, detail.body
    included = detail.body["included"]
    assert {u["id"] for u in included["users"]} == {acme.user_id("customer"), acme.user_id("agent")}
    assert [p["id"] for p in included["sla_policies"]] == [setup["policy_id"]]
    assert included["customers"] is None
    assert call(api, "GET", f"/tickets/{number}", acme.token("agent")).body["included"] is None


def test_a_deleted_user_is_not_side_loaded(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    assign(api, acme, number, "agent2")
    assert call(api, "DELETE", f"/users/{acme.user_id('agent2')}", acme.token("admin")).status in (200, 204)
    users = call(api, "GET", f"/tickets/{number}?include=users", acme.token("admin")).body["included"]["users"]
    assert acme.user_id("agent2") not in {u["id"] for u in users}


@pytest.mark.parametrize("include", ["groups", "users,", "users,orgs", ""])
def test_an_unknown_include_is_refused_naming_the_parameter(api: Client, acme: Tenant, include: str) -> None:
    reply = call(api, "GET", f"/tickets?include={include}", acme.token("manager"))
    assert reply.status in (400, 422), reply.body
    assert reply.body["error"]["code"] == "invalid_query"
    assert "include" in str(reply.body["error"]["details"])


def test_tickets_by_assignee_read_that_assignees_partition(api: Client, acme: Tenant) -> None:
    setup = queue_of(api, acme)
    agent = acme.user_id("agent")
    with metering.metered() as calls:
        mine = call(api, "GET", f"/tickets?assigned_agent_id={agent}", acme.token("manager"))
    assert mine.status == 200, mine.body
    assert {t["ticket_number"] for t in mine.body["items"]} == {setup["numbers"][0], setup["numbers"][2]}
    query = next(c for c in calls if c.operation == "Query")
    assert query.params.get("IndexName") == "GSI2", "the assignee index, not a filtered scan of the queue"
    # An agent reads their own this way, not a colleague's; customers not at all.
    assert call(api, "GET", f"/tickets?assigned_agent_id={agent}", acme.token("agent")).status == 200
    assert call(api, "GET", f"/tickets?assigned_agent_id={agent}", acme.token("agent2")).status == 403
    assert call(api, "GET", f"/tickets?assigned_agent_id={agent}", acme.token("customer")).status == 403
    clash = call(api, "GET", f"/tickets?assigned_agent_id={agent}&view=unassigned", acme.token("manager"))
    assert clash.status == 422
    assert clash.body["error"]["details"][0]["field"] == "assigned_agent_id"
    globex = make_tenant(api, "globex")
    assert call(api, "GET", f"/tickets?assigned_agent_id={agent}", globex.token("admin")).body["items"] == []
