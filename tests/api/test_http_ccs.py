"""CCs and followers through the HTTP API: POST /tickets/{number}/ccs and /followers, per role."""

from __future__ import annotations

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, **fields: object) -> str:
    body = {"subject": "Printer", "description": "It jams.", "customer_id": tenant.user_id("customer"), **fields}
    reply = call(api, "POST", "/tickets", tenant.token("agent"), body)
    assert reply.status == 201, reply.body
    return str(reply.body["ticket_number"])


def history_fields(api: Client, tenant: Tenant, number: str) -> list[tuple[str, str | None]]:
    items = call(api, "GET", f"/tickets/{number}/history", tenant.token("admin")).body["items"]
    return [(h["field_name"], h["new_value"]) for h in items]


def test_staff_add_and_remove_ccs_normalised_with_history(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    added = call(
        api,
        "POST",
        f"/tickets/{number}/ccs",
        acme.token("agent"),
        {"add": [" Pat@Customer.EXAMPLE ", "lee@customer.example", "pat@customer.example"]},
    )
    assert added.status == 200, added.body
    assert added.body == {"cc_emails": ["pat@customer.example", "lee@customer.example"]}
    removed = call(api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"remove": ["PAT@customer.example"]})
    assert removed.body == {"cc_emails": ["lee@customer.example"]}
    ticket = call(api, "GET", f"/tickets/{number}", acme.token("agent")).body
    assert ticket["cc_emails"] == ["lee@customer.example"]
    assert history_fields(api, acme, number)[1:] == [
        ("cc_emails", '["pat@customer.example", "lee@customer.example"]'),
        ("cc_emails", '["lee@customer.example"]'),
    ]


def test_the_requester_manages_ccs_of_their_ticket(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    reply = call(api, "POST", f"/tickets/{number}/ccs", acme.token("customer"), {"add": ["boss@customer.example"]})
    assert reply.status == 200, reply.body
    assert call(api, "GET", f"/tickets/{number}", acme.token("customer")).body["cc_emails"] == ["boss@customer.example"]


def test_another_customer_cannot_touch_the_ccs(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    reply = call(api, "POST", f"/tickets/{number}/ccs", acme.token("customer2"), {"add": ["spy@evil.example"]})
    assert (reply.status, reply.body["error"]["code"]) == (404, "not_found")
    assert call(api, "GET", f"/tickets/{number}", acme.token("admin")).body["cc_emails"] == []


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("not-an-address", "invalid_email"),
        ("customer@example.com", "requester"),
        ("support+acme@mail.deskless.local", "support_address"),
        ("anything@mail.deskless.local", "support_address"),
    ],
)
def test_refused_cc_addresses_are_422_invalid_cc(api: Client, acme: Tenant, address: str, kind: str) -> None:
    number = open_ticket(api, acme)
    reply = call(api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"add": ["ok@customer.example", address]})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_cc"), reply.body
    assert [(d["field"], d["type"]) for d in reply.body["error"]["details"]] == [("add[1]", kind)]
    assert call(api, "GET", f"/tickets/{number}", acme.token("admin")).body["cc_emails"] == []


def test_a_verified_support_address_cannot_be_a_cc(api: Client, acme: Tenant) -> None:
    patched = call(
        api,
        "PATCH",
        "/organization",
        acme.token("admin"),
        {"settings": {"support_email_addresses": ["help@acme.example"]}},
    )
    assert patched.status == 200, patched.body
    number = open_ticket(api, acme)
    reply = call(api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"add": ["Help@Acme.example"]})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_cc")


def test_more_than_twenty_ccs_is_422_too_many_ccs(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    first = [f"p{n}@customer.example" for n in range(15)]
    assert call(api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"add": first}).status == 200
    more = [f"q{n}@customer.example" for n in range(6)]
    reply = call(api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"add": more})
    assert (reply.status, reply.body["error"]["code"]) == (422, "too_many_ccs")
    too_long = call(
        api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"add": [f"r{n}@x.example" for n in range(21)]}
    )
    assert (too_long.status, too_long.body["error"]["code"]) == (422, "invalid_request")
    assert len(call(api, "GET", f"/tickets/{number}", acme.token("admin")).body["cc_emails"]) == 15


def test_agents_follow_themselves_and_managers_add_others(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    me = acme.user_id("agent")
    own = call(api, "POST", f"/tickets/{number}/followers", acme.token("agent"), {"add": [me]})
    assert (own.status, own.body) == (200, {"follower_ids": [me]})
    other = acme.user_id("agent2")
    managed = call(api, "POST", f"/tickets/{number}/followers", acme.token("manager"), {"add": [other, other]})
    assert managed.body == {"follower_ids": [me, other]}
    left = call(api, "POST", f"/tickets/{number}/followers", acme.token("agent"), {"remove": [me]})
    assert left.body == {"follower_ids": [other]}
    assert ("follower_ids", f'["{other}"]') in history_fields(api, acme, number)


def test_me_names_the_caller_when_following(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    me = acme.user_id("agent")
    followed = call(api, "POST", f"/tickets/{number}/followers", acme.token("agent"), {"add": ["me"]})
    assert (followed.status, followed.body) == (200, {"follower_ids": [me]})
    left = call(api, "POST", f"/tickets/{number}/followers", acme.token("agent"), {"remove": ["me"]})
    assert left.body == {"follower_ids": []}


@pytest.mark.parametrize("who", ["customer", "admin-deactivated", "unknown"])
def test_followers_must_be_active_staff(api: Client, acme: Tenant, who: str) -> None:
    number = open_ticket(api, acme)
    if who == "customer":
        user_id = acme.user_id("customer")
    elif who == "unknown":
        user_id = "u_nobody"
    else:
        user_id = acme.user_id("agent2")
        assert call(api, "DELETE", f"/users/{user_id}", acme.token("admin")).status == 204
    reply = call(api, "POST", f"/tickets/{number}/followers", acme.token("manager"), {"add": [user_id]})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_follower"), reply.body
    assert reply.body["error"]["details"][0]["field"] == "add[0]"


def test_customers_cannot_follow_and_never_see_followers(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    agent = acme.user_id("agent")
    assert call(api, "POST", f"/tickets/{number}/followers", acme.token("agent"), {"add": [agent]}).status == 200
    refused = call(api, "POST", f"/tickets/{number}/followers", acme.token("customer"), {"add": [agent]})
    assert (refused.status, refused.body["error"]["code"]) == (403, "forbidden")
    detail = call(api, "GET", f"/tickets/{number}", acme.token("customer")).body
    listed = call(api, "GET", "/tickets", acme.token("customer")).body["items"]
    assert (detail["follower_ids"], [t["follower_ids"] for t in listed]) == ([], [[]])
    assert call(api, "GET", f"/tickets/{number}", acme.token("agent")).body["follower_ids"] == [agent]


def test_changes_on_a_closed_ticket_are_409(api: Client, acme: Tenant) -> None:
    number = open_ticket(api, acme)
    for status in ("solved", "closed"):
        assert call(api, "PATCH", f"/tickets/{number}", acme.token("admin"), {"status": status}).status == 200
    reply = call(api, "POST", f"/tickets/{number}/ccs", acme.token("agent"), {"add": ["x@customer.example"]})
    assert (reply.status, reply.body["error"]["code"]) == (409, "ticket_closed")
