"""The customer portal's ways in, end to end: sign-in link and code, ticket links, registration."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, link_token, mails_to, make_tenant

CODE = re.compile(r"code on the device you asked from: (\d{6})")


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def ask_sign_in(api: Client, slug: str, email: str) -> Any:
    return call(api, "POST", f"/portal/{slug}/sign-in", body={"email": email})


def code_of(message: Any) -> str:
    match = CODE.search(message.get_content())
    assert match, message.get_content()
    return match.group(1)


def open_registration(api: Client, tenant: Tenant, mode: str = "open", domains: list[str] | None = None) -> None:
    settings: dict[str, Any] = {"customer_registration": mode}
    if domains is not None:
        settings["registration_domains"] = domains
    reply = call(api, "PATCH", "/organization", tenant.token("admin"), {"settings": settings})
    assert reply.status == 200, reply.body


def test_a_customer_signs_in_with_the_mailed_link(api: Client, acme: Tenant, outbox: Path) -> None:
    asked = ask_sign_in(api, "acme", "customer@example.com")
    assert asked.status == 202, asked.body
    (message,) = mails_to(outbox, "customer@example.com")
    token = link_token(message)
    assert f"/app/sign-in#token={token}" in message.get_content()

    signed_in = call(api, "POST", "/auth/sign-in/link", body={"token": token})
    assert signed_in.status == 200, signed_in.body
    assert signed_in.body["user"]["id"] == acme.user_id("customer")
    assert signed_in.body["user"]["email_verified_at"] is not None
    me = call(api, "GET", "/auth/me", signed_in.body["token"])
    assert me.status == 200
    mine = call(api, "GET", "/tickets", signed_in.body["token"])
    assert mine.status == 200, "a link's session is a full customer session"


def test_a_customer_signs_in_with_the_code_on_another_device(api: Client, acme: Tenant, outbox: Path) -> None:
    ask_sign_in(api, "acme", "customer@example.com")
    (message,) = mails_to(outbox, "customer@example.com")
    body = {"organization": "acme", "email": "Customer@Example.com", "code": code_of(message)}
    signed_in = call(api, "POST", "/auth/sign-in/code", body=body)
    assert signed_in.status == 200, signed_in.body
    assert signed_in.body["user"]["id"] == acme.user_id("customer")
    # The code and its link are one credential: both are spent now.
    again = call(api, "POST", "/auth/sign-in/link", body={"token": link_token(message)})
    assert (again.status, again.body["error"]["code"]) == (410, "link_used")
    assert call(api, "POST", "/auth/sign-in/code", body=body).status == 401


def test_a_newer_request_replaces_the_older_link_and_code(api: Client, acme: Tenant, outbox: Path) -> None:
    ask_sign_in(api, "acme", "customer@example.com")
    ask_sign_in(api, "acme", "customer@example.com")
    first, second = mails_to(outbox, "customer@example.com")
    old = call(api, "POST", "/auth/sign-in/link", body={"token": link_token(first)})
    assert (old.status, old.body["error"]["code"]) == (410, "link_revoked")
    old_code = {"organization": "acme", "email": "customer@example.com", "code": code_of(first)}
    if code_of(first) != code_of(second):
        assert call(api, "POST", "/auth/sign-in/code", body=old_code).status == 401
    new = call(api, "POST", "/auth/sign-in/link", body={"token": link_token(second)})
    assert new.status == 200, new.body


def test_the_requesters_notification_carries_a_link_to_that_ticket(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    number = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer jam"}).body["ticket_number"]
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "Open the tray."})
    stream.drain()
    reply = mails_to(outbox, "customer@example.com")[-1]
    assert reply.get_content().startswith("Open the tray.")
    token = link_token(reply)
    assert f"/app/ticket#token={token}" in reply.get_content()

    opened = call(api, "POST", "/auth/ticket-link", body={"token": token})
    assert opened.status == 200, opened.body
    scoped = opened.body["token"]
    ticket = call(api, "GET", f"/tickets/{number}", scoped)
    assert ticket.status == 200, ticket.body
    assert [c["content"] for c in ticket.body["comments"]] == ["Open the tray."]
    commented = call(api, "POST", f"/tickets/{number}/comments", scoped, {"content": "Done, thanks"})
    assert commented.status == 201, commented.body
    assert call(api, "GET", "/auth/me", scoped).status == 200


def test_staff_notifications_carry_no_ticket_link(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer"}).body["ticket_number"]
    call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"assigned_agent_id": acme.user_id("agent")})
    stream.drain()
    (assigned,) = mails_to(outbox, "agent@example.com")
    assert "dl_" not in assigned.get_content()
    # A redelivered stream makes no second mail and no second link.
    before = len(list(outbox.iterdir()))
    stream.poller.iterators.clear()
    stream.drain()
    assert len(list(outbox.iterdir())) == before


def test_a_person_registers_and_verifies_their_address(api: Client, acme: Tenant, outbox: Path) -> None:
    open_registration(api, acme)
    body = {"email": "new@client.example", "first_name": "Nia", "last_name": "New", "password": "a long passphrase 42"}
    asked = call(api, "POST", "/portal/acme/register", body=body)
    assert asked.status == 202, asked.body
    (message,) = mails_to(outbox, "new@client.example")
    token = link_token(message)
    assert f"/app/verify-email#token={token}" in message.get_content()

    verified = call(api, "POST", "/auth/email/verify", body={"token": token})
    assert verified.status == 201, verified.body
    assert verified.body["user"]["role"] == "customer"
    assert verified.body["user"]["email_verified_at"] is not None
    # The chosen password works from now on.
    login = call(
        api,
        "POST",
        "/auth/login",
        body={"organization": "acme", "email": "new@client.example", "password": "a long passphrase 42"},
    )
    assert login.status == 200, login.body
    again = call(api, "POST", "/auth/email/verify", body={"token": token})
    assert (again.status, again.body["error"]["code"]) == (410, "link_used")


def test_registration_limited_to_domains_takes_those_domains(api: Client, acme: Tenant, outbox: Path) -> None:
    open_registration(api, acme, "domains", ["client.example"])
    body = {"email": "ok@client.example", "first_name": "Ok", "password": "a long passphrase 42"}
    assert call(api, "POST", "/portal/acme/register", body=body).status == 202
    assert len(mails_to(outbox, "ok@client.example")) == 1
