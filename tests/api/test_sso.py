"""Single sign-on for staff (OIDC), end to end through the HTTP API against a real (small) OIDC
provider on 127.0.0.1 with its own keys (tests/oidc_provider.py)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from chalice.test import Client

from tests.api.helpers import PASSWORD, Reply, Tenant, call, make_tenant, stored_items
from tests.api.test_http_idempotency import at_once, server_api  # noqa: F401  (the threaded client on the locked moto server)
from tests.oidc_provider import OidcProvider

CALLBACK = "https://app.example.test/app/sso/callback"


@pytest.fixture
def idp(monkeypatch: pytest.MonkeyPatch) -> Iterator[OidcProvider]:
    from chalicelib.services import oidc

    monkeypatch.setenv("SSO_ALLOW_LOOPBACK_ISSUER", "1")
    monkeypatch.setenv("PUBLIC_URL", "https://app.example.test")
    oidc.reset_caches()
    provider = OidcProvider().start()
    yield provider
    provider.stop()
    oidc.reset_caches()


def configure(api: Client, tenant: Tenant, idp: OidcProvider, **overrides: Any) -> Reply:
    body = {
        "issuer": idp.issuer,
        "client_id": idp.client_id,
        "client_secret": idp.client_secret,
        "allowed_email_domains": ["example.com"],
        "role_claim": "groups",
        "role_mapping": {"desk-admins": "admin", "desk-leads": "manager"},
        "default_role": "agent",
        **overrides,
    }
    return call(api, "PUT", "/organization/sso", tenant.token("admin"), body)


@pytest.fixture
def tenant(api: Client, idp: OidcProvider) -> Tenant:
    tenant = make_tenant(api, "acme")
    reply = configure(api, tenant, idp)
    assert reply.status == 200, reply.body
    return tenant


def start(api: Client, slug: str = "acme", redirect_uri: str = CALLBACK) -> Reply:
    return call(api, "POST", f"/auth/sso/{slug}/start", body={"redirect_uri": redirect_uri})


def sign_in(api: Client, idp: OidcProvider, slug: str = "acme", **claims: Any) -> Reply:
    started = start(api, slug)
    assert started.status == 200, started.body
    grant = idp.authorize(started.body["authorization_url"], **claims)
    return call(api, "POST", f"/auth/sso/{slug}/callback", body={"code": grant["code"], "state": grant["state"]})


def audit_actions(api: Client, tenant: Tenant) -> list[str]:
    reply = call(api, "GET", "/audit-log?limit=100", tenant.token("admin"))
    assert reply.status == 200, reply.body
    return [entry["action"] for entry in reply.body["items"]]


# ---------------------------------------------------------------- the happy path


def test_a_new_staff_member_signs_in_end_to_end_and_gets_the_mapped_role(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    reply = sign_in(api, idp, email="Lea.Lead@example.com", groups=["staff", "desk-leads"])

    assert reply.status == 200, reply.body
    assert reply.body["user"]["email"] == "Lea.Lead@example.com"
    assert reply.body["user"]["role"] == "manager"
    me = call(api, "GET", "/auth/me", reply.body["token"])
    assert me.status == 200
    assert me.body["user"]["id"] == reply.body["user"]["id"]
    # The code went to the token endpoint with the PKCE verifier, over the configured redirect URI.
    exchange = idp.token_requests[-1]
    assert exchange["redirect_uri"] == CALLBACK
    assert len(exchange["code_verifier"]) >= 43
    assert {"user.sso_provisioned", "user.sso_signed_in", "sso.configured"} <= set(audit_actions(api, tenant))


def test_an_existing_agent_signs_in_to_their_own_account_and_keeps_their_role(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    reply = sign_in(api, idp, email="agent@example.com", groups=["desk-admins"])

    assert reply.status == 200, reply.body
    assert reply.body["user"]["id"] == tenant.user_id("agent")
    assert reply.body["user"]["role"] == "agent"  # the mapping never promotes an existing user


def test_the_authorization_url_carries_state_nonce_and_an_s256_challenge(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    reply = start(api)

    assert reply.status == 200, reply.body
    url = reply.body["authorization_url"]
    assert url.startswith(f"{idp.issuer}/authorize?")
    for part in ("state=", "nonce=", "code_challenge=", "code_challenge_method=S256", "scope=openid"):
        assert part in url


# ---------------------------------------------------------------- keys and ID token checks


def test_a_rotated_signing_key_is_fetched_once_and_sign_in_keeps_working(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    assert sign_in(api, idp, email="agent@example.com").status == 200
    fetches = idp.jwks_fetches
    idp.rotate()

    reply = sign_in(api, idp, email="agent@example.com")

    assert reply.status == 200, reply.body
    assert idp.jwks_fetches == fetches + 1


def test_an_id_token_signed_by_a_key_the_provider_does_not_publish_is_refused(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    from joserfc.jwk import RSAKey

    # An impostor's key under the published key id: the signature check, not the kid, decides.
    idp.forged_signer = RSAKey.generate_key(2048, parameters={"kid": str(idp.keys[0].kid), "alg": "RS256"})

    reply = sign_in(api, idp, email="agent@example.com")

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"


def test_an_id_token_for_another_audience_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    reply = sign_in(api, idp, email="agent@example.com", aud="some-other-client")

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"
    assert "aud" in reply.body["error"]["message"]


def test_an_expired_id_token_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    reply = sign_in(api, idp, email="agent@example.com", exp=int(time.time()) - 600)

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"


def test_an_id_token_from_another_issuer_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    reply = sign_in(api, idp, email="agent@example.com", iss="https://evil.example.net")

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"


def test_an_id_token_without_a_nonce_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    reply = sign_in(api, idp, email="agent@example.com", nonce=None)

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"


def test_a_replayed_nonce_from_an_earlier_sign_in_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    first = start(api)
    old = idp.authorize(first.body["authorization_url"], email="agent@example.com")
    assert call(api, "POST", "/auth/sso/acme/callback", body={"code": old["code"], "state": old["state"]}).status == 200

    # A new sign-in whose ID token carries the nonce of the finished one (a replayed ID token).
    reply = sign_in(api, idp, email="agent@example.com", nonce=old["nonce"])

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"
    assert "nonce" in reply.body["error"]["message"]


def test_an_unsigned_id_token_alg_none_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    import base64

    def b64(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    def unsigned(grant: Any) -> str:
        now = int(time.time())
        claims = {
            "iss": idp.issuer,
            "sub": "x",
            "aud": idp.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            "email": "agent@example.com",
            "email_verified": True,
        }
        return f"{b64({'alg': 'none', 'kid': idp.keys[0].kid})}.{b64(claims)}."

    idp.id_token = unsigned  # type: ignore[method-assign]
    reply = sign_in(api, idp)

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"


# ---------------------------------------------------------------- state and PKCE


def test_a_replayed_state_is_refused_and_signs_nobody_in(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    started = start(api)
    grant = idp.authorize(started.body["authorization_url"], email="agent@example.com")
    body = {"code": grant["code"], "state": grant["state"]}
    assert call(api, "POST", "/auth/sso/acme/callback", body=body).status == 200
    second = idp.authorize(started.body["authorization_url"], email="agent@example.com")

    reply = call(api, "POST", "/auth/sso/acme/callback", body={"code": second["code"], "state": grant["state"]})

    assert reply.status == 400
    assert reply.body["error"]["code"] == "invalid_sso_state"
    assert len(idp.token_requests) == 1  # the replay never reached the token endpoint


def test_a_code_issued_for_another_sign_in_fails_pkce(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    # An attacker's own code (bound to the attacker's PKCE challenge) injected into a victim's sign-in.
    attacker = idp.authorize(start(api).body["authorization_url"], email="agent@example.com")
    victim = idp.authorize(start(api).body["authorization_url"], email="agent2@example.com")

    reply = call(api, "POST", "/auth/sso/acme/callback", body={"code": attacker["code"], "state": victim["state"]})

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"


def test_a_state_started_for_another_organization_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    other = make_tenant(api, "globex")
    assert configure(api, other, idp).status == 200
    grant = idp.authorize(start(api, "globex").body["authorization_url"], email="agent@example.com")

    reply = call(api, "POST", "/auth/sso/acme/callback", body={"code": grant["code"], "state": grant["state"]})

    assert reply.status == 400
    assert reply.body["error"]["code"] == "invalid_sso_state"


def test_an_expired_state_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    import time_machine

    started = start(api)
    grant = idp.authorize(started.body["authorization_url"], email="agent@example.com")
    with time_machine.travel(time.time() + 11 * 60, tick=False):
        reply = call(api, "POST", "/auth/sso/acme/callback", body={"code": grant["code"], "state": grant["state"]})

    assert reply.status == 400
    assert reply.body["error"]["code"] == "invalid_sso_state"


def test_a_redirect_uri_that_is_not_configured_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    reply = start(api, redirect_uri="https://evil.example.net/app/sso/callback")

    assert reply.status == 422
    assert reply.body["error"]["code"] == "invalid_redirect_uri"


# ---------------------------------------------------------------- who may sign in


def test_an_unverified_email_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    reply = sign_in(api, idp, email="agent@example.com", email_verified=False)

    assert reply.status == 403
    assert reply.body["error"]["code"] == "sso_email_unverified"


def test_an_email_verified_claim_given_as_a_string_is_not_taken_as_verified(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    reply = sign_in(api, idp, email="agent@example.com", email_verified="false")

    assert reply.status == 403
    assert reply.body["error"]["code"] == "sso_email_unverified"


def test_a_domain_that_is_not_allowed_is_refused_and_no_user_is_created(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    reply = sign_in(api, idp, email="someone@example.com.evil.net")

    assert reply.status == 403
    assert reply.body["error"]["code"] == "sso_domain_not_allowed"
    users = call(api, "GET", "/users?limit=100", tenant.token("admin")).body["items"]
    assert all(user["email"] != "someone@example.com.evil.net" for user in users)


def test_a_customer_cannot_sign_in_by_sso(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    reply = sign_in(api, idp, email="customer@example.com")

    assert reply.status == 403
    assert reply.body["error"]["code"] == "sso_not_staff"


def test_without_jit_an_unknown_address_is_refused(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    assert configure(api, tenant, idp, client_secret=None, jit_provisioning=False).status == 200

    reply = sign_in(api, idp, email="stranger@example.com")

    assert reply.status == 403
    assert reply.body["error"]["code"] == "sso_no_account"


def test_an_unmapped_role_is_refused_when_there_is_no_default_role(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    assert configure(api, tenant, idp, client_secret=None, default_role=None).status == 200

    refused = sign_in(api, idp, email="stranger@example.com", groups=["marketing"])
    admitted = sign_in(api, idp, email="boss@example.com", groups="desk-admins")

    assert refused.status == 403
    assert refused.body["error"]["code"] == "sso_role_unmapped"
    assert admitted.status == 200
    assert admitted.body["user"]["role"] == "admin"


def test_a_deactivated_staff_member_cannot_sign_in_by_sso(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    assert call(api, "DELETE", f"/users/{tenant.user_id('agent')}", tenant.token("admin")).status == 204

    reply = sign_in(api, idp, email="agent@example.com")

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_account_inactive"


def test_a_disabled_configuration_starts_no_sign_in(api: Client, tenant: Tenant, idp: OidcProvider) -> None:
    assert configure(api, tenant, idp, client_secret=None, enabled=False).status == 200

    assert start(api).status == 404
    assert start(api, "no-such-org").status == 404


# ---------------------------------------------------------------- SSO only


def test_sso_only_refuses_password_login_for_agents_and_managers_but_not_admins_or_customers(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    assert configure(api, tenant, idp, client_secret=None, sso_only=True).status == 200

    def login(email: str, password: str = PASSWORD) -> Reply:
        return call(api, "POST", "/auth/login", body={"organization": "acme", "email": email, "password": password})

    agent, manager = login("agent@example.com"), login("manager@example.com")
    assert agent.status == 401
    assert agent.body["error"]["code"] == "sso_required"
    assert manager.status == 401
    assert manager.body["error"]["code"] == "sso_required"
    assert login("admin@example.com").status == 200  # break-glass when the IdP is down
    assert login("customer@example.com").status == 200
    # A wrong password still says only that the credentials are wrong.
    assert login("agent@example.com", "wrong-password-123").body["error"]["code"] == "invalid_credentials"
    assert sign_in(api, idp, email="agent@example.com").status == 200


# ---------------------------------------------------------------- the configuration


def test_the_client_secret_is_never_returned_nor_stored_in_the_table(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    got = call(api, "GET", "/organization/sso", tenant.token("admin"))

    assert got.status == 200
    assert got.body["client_secret_set"] is True
    assert idp.client_secret not in json.dumps(got.body)
    assert idp.client_secret not in json.dumps(stored_items())
    names = [p["Name"] for p in boto3.client("ssm").describe_parameters()["Parameters"]]
    assert len(names) == 1
    assert names[0].startswith(f"/deskless/local/sso/{tenant.org_id}/")
    stored = boto3.client("ssm").get_parameter(Name=names[0], WithDecryption=True)["Parameter"]
    assert stored["Type"] == "SecureString"
    assert stored["Value"] == idp.client_secret


def test_replacing_the_secret_deletes_the_old_one_and_removing_sso_deletes_it_all(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    ssm = boto3.client("ssm")
    before = [p["Name"] for p in ssm.describe_parameters()["Parameters"]]
    idp.client_secret = "rotated-provider-secret"
    version = call(api, "GET", "/organization/sso", tenant.token("admin")).body["version"]
    assert configure(api, tenant, idp, client_secret=idp.client_secret).status == 200
    after = [p["Name"] for p in ssm.describe_parameters()["Parameters"]]
    assert len(after) == 1
    assert after != before
    assert sign_in(api, idp, email="agent@example.com").status == 200  # the new secret is used

    stale = call(api, "DELETE", "/organization/sso", tenant.token("admin"), headers={"If-Match": f'"{version}"'})
    assert stale.status == 412
    assert call(api, "DELETE", "/organization/sso", tenant.token("admin")).status == 204

    assert ssm.describe_parameters()["Parameters"] == []
    assert call(api, "GET", "/organization/sso", tenant.token("admin")).status == 404
    assert "sso.removed" in audit_actions(api, tenant)


def test_the_first_configuration_needs_a_client_secret(api: Client, idp: OidcProvider) -> None:
    tenant = make_tenant(api, "initech")

    reply = configure(api, tenant, idp, client_secret=None)

    assert reply.status == 422
    assert reply.body["error"]["code"] == "client_secret_required"


@pytest.mark.parametrize("role", ["manager", "agent", "customer"])
def test_only_admins_manage_sso(api: Client, tenant: Tenant, idp: OidcProvider, role: str) -> None:
    assert call(api, "GET", "/organization/sso", tenant.token(role)).status == 403
    assert configure(api, Tenant(tenant.slug, tenant.org_id, {"admin": tenant.token(role)}), idp).status == 403
    assert call(api, "DELETE", "/organization/sso", tenant.token(role)).status == 403


@pytest.mark.parametrize(
    "issuer",
    [
        "http://login.example.com",
        "https://user:pw@login.example.com",
        "https://10.0.0.8",
        "https://169.254.169.254",
        "https://[::1]",
        "https://login.example.com/?x=1",
    ],
)
def test_an_issuer_that_is_not_public_https_is_refused(
    api: Client, tenant: Tenant, idp: OidcProvider, monkeypatch: pytest.MonkeyPatch, issuer: str
) -> None:
    monkeypatch.delenv("SSO_ALLOW_LOOPBACK_ISSUER")

    reply = configure(api, tenant, idp, client_secret=None, issuer=issuer)

    assert reply.status == 422
    assert reply.body["error"]["code"] == "invalid_issuer"


def test_without_the_local_flag_a_loopback_issuer_is_never_fetched(
    api: Client, tenant: Tenant, idp: OidcProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Configured while the flag was on; a deployment (flag off) refuses to connect to it.
    monkeypatch.delenv("SSO_ALLOW_LOOPBACK_ISSUER")

    reply = start(api)

    assert reply.status == 503
    assert reply.body["error"]["code"] == "sso_unavailable"


def test_offboarding_an_organization_deletes_its_sso_client_secret(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    from datetime import UTC, datetime

    from tests.api.helpers import run_schedule

    admin = tenant.token("admin")
    assert sign_in(api, idp, email="agent@example.com").status == 200  # a pending-flow item exists too
    export_id = call(api, "POST", "/organization/exports", admin).body["id"]
    while call(api, "GET", f"/organization/exports/{export_id}", admin).body["state"] == "running":
        run_schedule(api, "tenant_jobs_job", datetime.now(UTC))
    token = call(api, "POST", "/organization/offboarding", admin, {"export_id": export_id}).body["confirmation_token"]
    confirmed = call(api, "POST", "/organization/offboarding/confirm", admin, {"confirmation_token": token})
    assert confirmed.status == 202

    run_schedule(api, "tenant_jobs_job", datetime.now(UTC))

    assert boto3.client("ssm").describe_parameters()["Parameters"] == []


@pytest.fixture
def threaded_api(request: pytest.FixtureRequest) -> Client:
    """The Chalice client on the locked moto server, serving many threads at once."""
    client: Client = request.getfixturevalue("server_api")
    return client


def test_concurrent_callbacks_with_one_state_sign_in_exactly_once(threaded_api: Client, idp: OidcProvider) -> None:
    import functools

    tenant = make_tenant(threaded_api, "acme")
    assert configure(threaded_api, tenant, idp).status == 200
    started = start(threaded_api)
    grant = idp.authorize(started.body["authorization_url"], email="agent@example.com")
    body = {"code": grant["code"], "state": grant["state"]}

    replies = at_once([functools.partial(call, threaded_api, "POST", "/auth/sso/acme/callback", None, body)] * 6)

    assert sorted(reply.status for reply in replies) == [200, 400, 400, 400, 400, 400]
    assert len(idp.token_requests) == 1


def test_an_unknown_key_id_refetches_the_key_set_once_and_is_refused(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    from joserfc.jwk import RSAKey

    assert sign_in(api, idp, email="agent@example.com").status == 200
    fetches = idp.jwks_fetches
    idp.forged_signer = RSAKey.generate_key(2048, parameters={"kid": "never-published", "alg": "RS256"})

    reply = sign_in(api, idp, email="agent@example.com")

    assert reply.status == 401
    assert reply.body["error"]["code"] == "sso_failed"
    assert idp.jwks_fetches == fetches + 1


def test_an_organizations_own_redirect_uri_is_accepted_and_must_be_https(
    api: Client, tenant: Tenant, idp: OidcProvider
) -> None:
    own = "https://help.acme.example/app/sso/callback"
    refused = configure(api, tenant, idp, client_secret=None, redirect_uris=["http://help.acme.example/cb"])
    assert refused.status == 422
    assert refused.body["error"]["code"] == "invalid_redirect_uri"
    assert configure(api, tenant, idp, client_secret=None, redirect_uris=[own]).status == 200

    reply = start(api, redirect_uri=own)

    assert reply.status == 200
    grant = idp.authorize(reply.body["authorization_url"], email="agent@example.com")
    assert idp.grants[grant["code"]].redirect_uri == own
