"""GET /portal/{org_slug}: what the customer portal's pages show before anyone signs in, and nothing
an attacker could use (registration domains, SSO settings, support addresses, internal fields)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_sso import configure, idp  # noqa: F401  (a small OIDC provider on 127.0.0.1)
from tests.oidc_provider import OidcProvider

FIELDS = [
    {"name": "order_number", "type": "text", "required": True, "customer_visible": True},
    {"name": "product", "type": "choice", "choices": ["printer", "scanner"], "customer_visible": True},
    {"name": "escalation_notes", "type": "text", "required": True},
    {"name": "churn_risk", "type": "choice", "choices": ["low", "high"], "customer_visible": False},
]


@pytest.fixture
def acme(api: Client) -> Tenant:
    tenant = make_tenant(api, "acme")
    settings: dict[str, Any] = {
        "custom_fields": FIELDS,
        "customer_registration": "domains",
        "registration_domains": ["secret-partner.example"],
        "default_language": "de",
    }
    reply = call(api, "PATCH", "/organization", tenant.token("admin"), {"settings": settings})
    assert reply.status == 200, reply.body
    return tenant


def portal(api: Client, slug: str) -> Any:
    return call(api, "GET", f"/portal/{slug}")


def test_the_portal_describes_the_organization_without_signing_in(api: Client, acme: Tenant) -> None:
    reply = portal(api, "acme")
    assert reply.status == 200, reply.body
    assert reply.body == {
        "slug": "acme",
        "name": "Acme Inc",
        "default_language": "de",
        "customer_registration": "domains",
        "sign_in": {"password": True, "email_link": True},
        "sso": {"enabled": False},
        "custom_fields": [
            {"name": "order_number", "type": "text", "required": True, "choices": []},
            {"name": "product", "type": "choice", "required": False, "choices": ["printer", "scanner"]},
        ],
    }


def test_the_portal_description_leaks_no_internal_field_and_no_registration_domain(api: Client, acme: Tenant) -> None:
    text = json.dumps(portal(api, "acme").body)
    for secret in ("escalation_notes", "churn_risk", "secret-partner.example", "registration_domains"):
        assert secret not in text


def test_an_unknown_or_deactivated_organization_is_404_as_every_portal_route(api: Client, acme: Tenant) -> None:
    known_elsewhere = call(api, "GET", "/portal/nobody-here/kb/categories")
    unknown = portal(api, "nobody-here")
    assert (unknown.status, unknown.body) == (known_elsewhere.status, known_elsewhere.body) == (404, unknown.body)
    assert unknown.body["error"]["code"] == "not_found"
    assert call(api, "DELETE", "/organization", acme.token("admin")).status == 204
    gone = portal(api, "acme")
    assert (gone.status, gone.body["error"]["code"]) == (404, "not_found")
    assert gone.body == call(api, "GET", "/portal/acme/kb/categories").body


@pytest.mark.parametrize("slug", ["a", "x" * 64, "ACME%23ORG", "acme%00"])
def test_a_malformed_slug_is_404_not_an_error(api: Client, acme: Tenant, slug: str) -> None:
    reply = portal(api, slug)
    assert (reply.status, reply.body["error"]["code"]) == (404, "not_found")


def test_two_organizations_never_mix(api: Client, acme: Tenant) -> None:
    globex = make_tenant(api, "globex")
    theirs = [{"name": "contract_id", "type": "text", "customer_visible": True}]
    call(api, "PATCH", "/organization", globex.token("admin"), {"settings": {"custom_fields": theirs}})
    mine, other = portal(api, "acme").body, portal(api, "globex").body
    assert [f["name"] for f in other["custom_fields"]] == ["contract_id"]
    assert [f["name"] for f in mine["custom_fields"]] == ["order_number", "product"]
    assert (other["name"], other["customer_registration"], other["default_language"]) == ("Globex Inc", "off", "en")


def test_sso_is_shown_enabled_only_while_the_organization_has_it_configured_and_enabled(
    api: Client,
    acme: Tenant,
    idp: OidcProvider,  # noqa: F811
) -> None:
    assert configure(api, acme, idp).status == 200
    reply = portal(api, "acme")
    assert reply.body["sso"] == {"enabled": True}
    text = json.dumps(reply.body)
    assert idp.client_id not in text
    assert idp.issuer not in text
    assert configure(api, acme, idp, client_secret=None, enabled=False).status == 200
    assert portal(api, "acme").body["sso"] == {"enabled": False}
    globex = make_tenant(api, "globex")
    assert portal(api, globex.slug).body["sso"] == {"enabled": False}


def test_the_portal_description_is_rate_limited_per_client_like_every_public_route(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("chalicelib.config.rate_limits", lambda: "address=3")
    replies = [portal(api, "acme") for _ in range(4)]
    assert replies[0].status == 200
    assert replies[-1].status == 429
    assert replies[-1].body["error"]["code"] == "rate_limited"
