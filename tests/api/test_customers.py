"""Customer records: CRUD, exact money, the user link, roles, soft delete, tenancy, pagination."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from chalicelib.store import metering
from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def globex(api: Client, acme: Tenant) -> Tenant:
    return make_tenant(api, "globex", email_domain="globex.example")


def create(api: Client, tenant: Tenant, company: str = "Initech", **extra: Any) -> dict[str, Any]:
    reply = call(api, "POST", "/customers", tenant.token("admin"), {"company": company, **extra})
    assert reply.status == 201, reply.body
    return dict(reply.body)


def test_admin_creates_reads_updates_and_lists_customers(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    created = call(
        api,
        "POST",
        "/customers",
        token,
        {
            "company": "Initech",
            "user_id": acme.user_id("customer"),
            "phone": "+1 415 555 0100",
            "tags": ["vip", "west", "vip"],
        },
    )
    assert created.status == 201
    body = created.body
    assert (body["user_id"], body["phone"], body["tags"]) == (acme.user_id("customer"), "+14155550100", ["vip", "west"])
    assert (body["lifetime_value"], body["is_active"], body["deleted_at"], body["version"]) == ("0.00", True, None, 1)
    read = call(api, "GET", f"/customers/{body['id']}", acme.token("agent"))
    assert (read.status, read.body) == (200, body)
    patched = call(
        api,
        "PATCH",
        f"/customers/{body['id']}",
        acme.token("manager"),
        {"company": "Initrode"},
        headers={"If-Match": "1"},
    )
    assert (patched.status, patched.body["company"], patched.body["version"]) == (200, "Initrode", 2)
    create(api, acme, "acme widgets")
    listed = call(api, "GET", "/customers", acme.token("agent"))
    assert listed.status == 200
    assert [c["company"] for c in listed.body["items"]] == ["acme widgets", "Initrode"], (
        "by company, case-insensitively"
    )


def test_lifetime_value_round_trips_exactly(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    created = create(api, acme, lifetime_value="1234.50")
    assert created["lifetime_value"] == "1234.50"
    assert call(api, "GET", f"/customers/{created['id']}", token).body["lifetime_value"] == "1234.50"
    big = call(api, "PATCH", f"/customers/{created['id']}", token, {"lifetime_value": "999999999999.99"})
    assert big.body["lifetime_value"] == "999999999999.99", "no float rounding"
    number = call(api, "PATCH", f"/customers/{created['id']}", token, {"lifetime_value": 1234.5})
    assert number.body["lifetime_value"] == "1234.50", "a JSON number is read as its decimal text"
    tenth = call(api, "PATCH", f"/customers/{created['id']}", token, {"lifetime_value": "0.1"})
    assert tenth.body["lifetime_value"] == "0.10"
    listed = call(api, "GET", "/customers", token).body["items"]
    assert [c["lifetime_value"] for c in listed] == ["0.10"]
    too_precise = call(api, "PATCH", f"/customers/{created['id']}", token, {"lifetime_value": "1.005"})
    assert too_precise.status == 422
    negative = call(api, "POST", "/customers", token, {"company": "X", "lifetime_value": "-1"})
    assert negative.status == 422


def test_customer_user_reads_only_their_own_record(api: Client, acme: Tenant) -> None:
    own = create(api, acme, "Mine", user_id=acme.user_id("customer"))
    other = create(api, acme, "Theirs", user_id=acme.user_id("customer2"))
    unlinked = create(api, acme, "Nobody's")
    token = acme.token("customer")
    reply = call(api, "GET", f"/customers/{own['id']}", token)
    assert (reply.status, reply.body["company"]) == (200, "Mine")
    assert call(api, "GET", f"/customers/{other['id']}", token).status == 404
    assert call(api, "GET", f"/customers/{unlinked['id']}", token).status == 404


def test_customer_user_cannot_list_customers(api: Client, acme: Tenant) -> None:
    create(api, acme, user_id=acme.user_id("customer"))
    reply = call(api, "GET", "/customers", acme.token("customer"))
    assert (reply.status, reply.body["error"]["code"]) == (403, "forbidden")


def test_customer_user_cannot_change_even_their_own_record(api: Client, acme: Tenant) -> None:
    own = create(api, acme, user_id=acme.user_id("customer"))
    token = acme.token("customer")
    assert call(api, "PATCH", f"/customers/{own['id']}", token, {"company": "Free stuff"}).status == 403
    assert call(api, "DELETE", f"/customers/{own['id']}", token).status == 403
    assert call(api, "POST", "/customers", token, {"company": "Me again"}).status == 403
    assert call(api, "GET", f"/customers/{own['id']}", token).body == own


def test_agent_cannot_create_a_customer(api: Client, acme: Tenant) -> None:
    reply = call(api, "POST", "/customers", acme.token("agent"), {"company": "Rogue"})
    assert (reply.status, reply.body["error"]["code"]) == (403, "forbidden")
    assert call(api, "GET", "/customers", acme.token("admin")).body["items"] == []


def test_agent_reads_customers_but_cannot_change_them(api: Client, acme: Tenant) -> None:
    customer = create(api, acme)
    token = acme.token("agent")
    assert call(api, "GET", f"/customers/{customer['id']}", token).status == 200
    assert call(api, "PATCH", f"/customers/{customer['id']}", token, {"company": "X"}).status == 403
    assert call(api, "DELETE", f"/customers/{customer['id']}", token).status == 403


def test_a_user_has_at_most_one_customer_record(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    first = create(api, acme, "First", user_id=acme.user_id("customer"))
    dup = call(api, "POST", "/customers", token, {"company": "Second", "user_id": acme.user_id("customer")})
    assert (dup.status, dup.body["error"]["code"]) == (409, "customer_user_taken")
    other = create(api, acme, "Other")
    moved = call(api, "PATCH", f"/customers/{other['id']}", token, {"user_id": acme.user_id("customer")})
    assert (moved.status, moved.body["error"]["code"]) == (409, "customer_user_taken")
    assert [c["company"] for c in call(api, "GET", "/customers", token).body["items"]] == ["First", "Other"]
    unlinked = call(api, "PATCH", f"/customers/{first['id']}", token, {"user_id": None})
    assert (unlinked.status, unlinked.body["user_id"]) == (200, None)
    relinked = call(api, "PATCH", f"/customers/{other['id']}", token, {"user_id": acme.user_id("customer")})
    assert (relinked.status, relinked.body["user_id"]) == (200, acme.user_id("customer"))
    assert call(api, "GET", f"/customers/{other['id']}", acme.token("customer")).status == 200
    assert call(api, "GET", f"/customers/{first['id']}", acme.token("customer")).status == 404


def test_deleting_a_customer_frees_its_user_for_a_new_record(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    first = create(api, acme, "First", user_id=acme.user_id("customer"))
    assert call(api, "DELETE", f"/customers/{first['id']}", token).status == 204
    assert create(api, acme, "Second", user_id=acme.user_id("customer"))["user_id"] == acme.user_id("customer")


@pytest.mark.parametrize("who", ["agent", "admin", "unknown", "malformed", "deleted_customer", "globex_customer"])
def test_linked_user_must_be_an_active_customer_of_the_organization(api: Client, acme: Tenant, who: str) -> None:
    token = acme.token("admin")
    if who == "unknown":
        user_id = "0" * 20
    elif who == "malformed":
        user_id = "x#y"
    elif who == "deleted_customer":
        assert call(api, "DELETE", f"/users/{acme.user_id('customer2')}", token).status == 204
        user_id = acme.user_id("customer2")
    elif who == "globex_customer":
        user_id = make_tenant(api, "globex", email_domain="globex.example").user_id("customer")
    else:
        user_id = acme.user_id(who)
    reply = call(api, "POST", "/customers", token, {"company": "Initech", "user_id": user_id})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_customer_user")
    existing = create(api, acme)
    patched = call(api, "PATCH", f"/customers/{existing['id']}", token, {"user_id": user_id})
    assert (patched.status, patched.body["error"]["code"]) == (422, "invalid_customer_user")
    assert call(api, "GET", "/customers", token).body["items"] == [existing], "nothing written"


def test_phone_numbers_are_normalised_or_refused(api: Client, acme: Tenant) -> None:
    customer = create(api, acme, phone="+44 20 7946 0958")
    assert customer["phone"] == "+442079460958"
    reply = call(api, "PATCH", f"/customers/{customer['id']}", acme.token("admin"), {"phone": "12345"})
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_phone")


def test_a_deleted_customer_is_hidden(api: Client, acme: Tenant) -> None:
    token = acme.token("manager")
    customer = create(api, acme, user_id=acme.user_id("customer"))
    kept = create(api, acme, "Kept")
    deleted = call(api, "DELETE", f"/customers/{customer['id']}", token)
    assert (deleted.status, deleted.body) == (204, None)
    assert call(api, "GET", f"/customers/{customer['id']}", token).status == 404
    assert call(api, "GET", f"/customers/{customer['id']}", acme.token("customer")).status == 404
    assert call(api, "PATCH", f"/customers/{customer['id']}", token, {"company": "Back"}).status == 404
    assert call(api, "DELETE", f"/customers/{customer['id']}", token).status == 404
    assert [c["id"] for c in call(api, "GET", "/customers", token).body["items"]] == [kept["id"]]


def test_a_stale_if_match_is_412(api: Client, acme: Tenant) -> None:
    token = acme.token("admin")
    customer = create(api, acme)
    ok = call(api, "PATCH", f"/customers/{customer['id']}", token, {"tags": ["a"]}, headers={"If-Match": "1"})
    assert ok.status == 200
    stale = call(api, "PATCH", f"/customers/{customer['id']}", token, {"tags": ["b"]}, headers={"If-Match": "1"})
    assert (stale.status, stale.body["error"]["code"]) == (412, "precondition_failed")
    assert call(api, "GET", f"/customers/{customer['id']}", token).body["tags"] == ["a"]


def test_reading_a_customer_is_one_get_item(api: Client, acme: Tenant) -> None:
    customer = create(api, acme)
    with metering.metered() as calls:
        call(api, "GET", f"/customers/{customer['id']}", acme.token("admin"))
    assert [c.operation for c in calls if c.operation != "BatchGetItem"] == ["GetItem"]  # BatchGetItem: authorizer


def test_another_tenants_customer_is_not_found_and_unchanged(api: Client, acme: Tenant, globex: Tenant) -> None:
    theirs = create(api, globex, "Globex client", user_id=globex.user_id("customer"), lifetime_value="10.00")
    token = acme.token("admin")
    path = f"/customers/{theirs['id']}"
    assert call(api, "GET", path, token).status == 404
    assert call(api, "PATCH", path, token, {"company": "Pwned", "lifetime_value": "0"}).status == 404
    assert call(api, "DELETE", path, token).status == 404
    assert call(api, "GET", "/customers", token).body["items"] == []
    assert call(api, "GET", path, globex.token("admin")).body == theirs


def test_unknown_or_malformed_customer_ids_are_not_found(api: Client, acme: Tenant) -> None:
    create(api, acme)
    for customer_id in ("0" * 20, "short", "CUSTOMER"):
        assert call(api, "GET", f"/customers/{customer_id}", acme.token("admin")).status == 404


def test_the_customer_list_pages_with_a_cursor(api: Client, acme: Tenant) -> None:
    made = {create(api, acme, company)["id"] for company in ("Alpha", "Beta", "Gamma")}
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        page = call(api, "GET", "/customers?limit=2" + (f"&cursor={cursor}" if cursor else ""), acme.token("agent"))
        assert page.status == 200
        assert len(page.body["items"]) <= 2
        seen += [c["id"] for c in page.body["items"]]
        pages += 1
        cursor = page.body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(made)
    assert pages >= 2


def test_another_tenants_cursor_is_rejected(api: Client, acme: Tenant, globex: Tenant) -> None:
    for company in ("Alpha", "Beta", "Gamma"):
        create(api, globex, company)
    cursor = call(api, "GET", "/customers?limit=1", globex.token("admin")).body["next_cursor"]
    assert cursor
    reply = call(api, "GET", f"/customers?limit=1&cursor={cursor}", acme.token("admin"))
    assert (reply.status, reply.body["error"]["code"]) == (400, "invalid_cursor")
