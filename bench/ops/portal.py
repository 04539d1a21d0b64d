"""The customer portal: sign-in link and code, ticket links, registration and its verification.

Each mail goes to a fresh customer from a fresh client address, so the mail throttles (5 an hour
per address, 30 per client) never answer instead of the operation."""

from __future__ import annotations

import re
from typing import Any

from bench.harness import State, operation
from bench.operations import add_user, call, each, ok, tenant, unique
from bench.ops.identity import _from_address

STRONG = "a long bench passphrase 42"


def _ip() -> str:
    n = unique()
    return f"203.0.{n // 250 % 250}.{n % 250 + 1}"


def _newest_mail(address: str) -> str:
    import email
    from email import policy

    from chalicelib.channels.outbound import outbox_dir

    for path in sorted(outbox_dir().glob("*.eml"), reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if address in str(message["To"]):
            return str(message.get_body().get_content())  # type: ignore[union-attr]
    raise AssertionError(f"nothing was mailed to {address}")


def _token(text: str) -> str:
    found = re.search(r"dl_[A-Za-z0-9]+_[A-Za-z0-9_-]{43}", text)
    assert found, text
    return found.group(0)


def _open(client: Any) -> State:
    state = tenant(client, roles=())
    settings = {"settings": {"customer_registration": "open"}}
    ok(call(client, "PATCH", "/organization", state["token"], settings))
    return state


def _fresh_customer(client: Any, state: State) -> dict[str, Any]:
    add_user(client, state, "customer", "customer")
    return {"customer_email": state["customer_email"], "customer_id": state["customer_id"]}


def _sign_in_mail(client: Any, state: State) -> dict[str, Any]:
    fresh = _fresh_customer(client, state)
    with _from_address(_ip()):
        ok(call(client, "POST", f"/portal/{state['slug']}/sign-in", body={"email": fresh["customer_email"]}))
    text = _newest_mail(fresh["customer_email"])
    code = re.search(r"device you asked from: (\d{6})", text)
    assert code, text
    return {**fresh, "link": _token(text), "code": code.group(1)}


@operation("POST", "/portal/{org_slug}/sign-in", setup=_open, prepare=each(_fresh_customer), status=202, repeat=4)
def ask_sign_in(client: Any, state: State) -> Any:
    with _from_address(_ip()):
        return call(client, "POST", f"/portal/{state['slug']}/sign-in", body={"email": state["customer_email"]})


@operation("POST", "/auth/sign-in/link", setup=_open, prepare=each(_sign_in_mail), status=200, repeat=4)
def sign_in_link(client: Any, state: State) -> Any:
    return call(client, "POST", "/auth/sign-in/link", body={"token": state["link"]})


@operation("POST", "/auth/sign-in/code", setup=_open, prepare=each(_sign_in_mail), status=200, repeat=4)
def sign_in_code(client: Any, state: State) -> Any:
    body = {"organization": state["slug"], "email": state["customer_email"], "code": state["code"]}
    with _from_address(_ip()):
        return call(client, "POST", "/auth/sign-in/code", body=body)


def _ticket_link(client: Any, state: State) -> dict[str, Any]:
    from chalicelib.services import portal
    from chalicelib.store import identity as identity_store
    from chalicelib.store import tickets as ticket_store

    fresh = _fresh_customer(client, state)
    body = {"subject": "Bench", "customer_id": fresh["customer_id"]}
    number = ok(call(client, "POST", "/tickets", state["token"], body))["number"]
    org = identity_store.get_organization(state["org_id"])
    user = identity_store.get_user(state["org_id"], fresh["customer_id"])
    ticket = ticket_store.get_ticket(state["org_id"], number)
    assert org is not None
    assert user is not None
    assert ticket is not None
    return {"link": _token(portal.ticket_link_paragraph(org, ticket, user))}


@operation("POST", "/auth/ticket-link", setup=_open, prepare=each(_ticket_link), status=200, repeat=4)
def open_ticket_link(client: Any, state: State) -> Any:
    return call(client, "POST", "/auth/ticket-link", body={"token": state["link"]})


@operation("POST", "/portal/{org_slug}/register", setup=_open, status=202, repeat=4)
def register(client: Any, state: State) -> Any:
    body = {"email": f"reg{unique()}@{state['slug']}.example.com", "first_name": "Reg", "password": STRONG}
    with _from_address(_ip()):
        return call(client, "POST", f"/portal/{state['slug']}/register", body=body)


def _registration(client: Any, state: State) -> dict[str, Any]:
    address = f"reg{unique()}@{state['slug']}.example.com"
    body = {"email": address, "first_name": "Reg", "password": STRONG}
    with _from_address(_ip()):
        ok(call(client, "POST", f"/portal/{state['slug']}/register", body=body))
    return {"link": _token(_newest_mail(address))}


@operation("POST", "/auth/email/verify", setup=_open, prepare=each(_registration), status=201, repeat=4)
def verify_registration(client: Any, state: State) -> Any:
    return call(client, "POST", "/auth/email/verify", body={"token": state["link"]})


@operation("GET", "/portal/{org_slug}", setup=_open, status=200, repeat=10)
def describe_portal(client: Any, state: State) -> Any:
    with _from_address(_ip()):
        return call(client, "GET", f"/portal/{state['slug']}")
