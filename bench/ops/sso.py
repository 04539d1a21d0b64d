"""Single sign-on (OIDC): the configuration and the two sign-in steps, against the tests' small
OIDC provider on 127.0.0.1 (the fetches to it are part of the figures; a real IdP is farther)."""

from __future__ import annotations

import os
from typing import Any

from bench.harness import State, operation
from bench.operations import call, each, ok, route, tenant

CALLBACK = "https://bench.example.com/app/sso/callback"
_provider: list[Any] = []


def _idp() -> Any:
    """One provider per bench run (plain http on loopback: the local flag is set for it)."""
    if not _provider:
        from tests.oidc_provider import OidcProvider

        os.environ.setdefault("SSO_ALLOW_LOOPBACK_ISSUER", "1")
        _provider.append(OidcProvider().start())
    return _provider[0]


def _config(state: State) -> dict[str, Any]:
    idp = _idp()
    return {
        "issuer": idp.issuer,
        "client_id": idp.client_id,
        "client_secret": idp.client_secret,
        "redirect_uris": [CALLBACK],
        "allowed_email_domains": [f"{state['slug']}.example.com"],
    }


def _configured(client: Any) -> State:
    state = tenant(client, roles=("agent",))
    ok(call(client, "PUT", "/organization/sso", state["token"], _config(state)))
    return state


def _reconfigure(client: Any, state: State) -> dict[str, Any]:
    ok(call(client, "PUT", "/organization/sso", state["token"], _config(state)))
    return {}


def _started(client: Any, state: State) -> dict[str, Any]:
    started = ok(call(client, "POST", f"/auth/sso/{state['slug']}/start", body={"redirect_uri": CALLBACK}))
    grant = _idp().authorize(started["authorization_url"], email=state["agent_email"])
    return {"code": grant["code"], "state": grant["state"]}


route("GET", "/organization/sso", setup=_configured)
route("PUT", "/organization/sso", setup=_configured, body=_config, variant="replaces the client secret")
route("DELETE", "/organization/sso", setup=_configured, prepare=each(_reconfigure), repeat=10)
route(
    "POST",
    "/auth/sso/{org_slug}/start",
    setup=_configured,
    body={"redirect_uri": CALLBACK},
    auth="none",
    variant="discovery cached",
)


@operation("POST", "/auth/sso/{org_slug}/callback", setup=_configured, prepare=each(_started), repeat=10)
def callback(client: Any, state: State) -> Any:
    return call(
        client, "POST", f"/auth/sso/{state['slug']}/callback", body={"code": state["code"], "state": state["state"]}
    )
