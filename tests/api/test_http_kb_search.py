"""Knowledge base search on the shared search module: BM25 ranking, completions and near spellings
(the existing routes and shapes unchanged)."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_kb import article, category, portal


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def ids(found: dict[str, Any]) -> list[str]:
    return [x["id"] for x in found["items"]]


def test_the_last_word_is_also_a_prefix(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Billing")
    refunds = article(api, acme, cat["id"], "Refunds", "How money comes back.")
    article(api, acme, cat["id"], "Reference numbers", "Where to find them.")
    _, found = portal(api, "/search?q=refu")
    assert ids(found) == [refunds["id"]]
    _, found = portal(api, "/search?q=money%20refu")
    assert ids(found)[0] == refunds["id"]


def test_a_long_misspelt_word_finds_its_near_spelling(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Shipping")
    shipping = article(api, acme, cat["id"], "Shipping times", "Parcels leave within two days.")
    _, found = portal(api, "/search?q=parcles%20days")  # a transposition in a non-final word
    assert ids(found) == [shipping["id"]]
    staff = call(api, "GET", "/kb/search?q=shiping", acme.token("agent")).body
    assert ids(staff) == [shipping["id"]]


def test_a_rarer_word_outranks_a_common_one(api: Client, acme: Tenant) -> None:
    cat = category(api, acme, "Accounts")
    common = [article(api, acme, cat["id"], f"Account setting {i}", "Settings.") for i in range(4)]
    rare = article(api, acme, cat["id"], "Password expiry", "Passwords expire yearly.")
    _, found = portal(api, "/search?q=account%20password")
    assert ids(found)[0] == rare["id"]
    assert set(ids(found)[1:]) == {a["id"] for a in common}
