"""Attacks on the customer portal's ways in: account discovery, mail flooding, code guessing, link
reuse, a ticket link's session reaching past its ticket, a registration squatting an address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import PASSWORD, Tenant, call, deliver_mail, link_token, mails_to, make_tenant
from tests.api.test_portal_signin import ask_sign_in, code_of, open_registration

STRONG = "a long passphrase 42"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def scoped_session(api: Client, acme: Tenant, stream: Any, outbox: Path) -> tuple[str, str, str]:
    """The customer's two tickets and a ticket-link session for the first one (from its reply mail)."""
    first = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "First"}).body["ticket_number"]
    second = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Second"}).body["ticket_number"]
    call(api, "POST", f"/tickets/{first}/comments", acme.token("agent"), {"content": "Answer on the first"})
    stream.drain()
    reply = next(m for m in mails_to(outbox, "customer@example.com") if "Answer on the first" in m.get_content())
    opened = call(api, "POST", "/auth/ticket-link", body={"token": link_token(reply)})
    assert opened.status == 200, opened.body
    return opened.body["token"], first, second


# ---------------------------------------------------------------- account discovery


def test_sign_in_requests_answer_the_same_for_customers_staff_and_strangers(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    answers = [
        ask_sign_in(api, "acme", "customer@example.com"),
        ask_sign_in(api, "acme", "nobody@example.com"),
        ask_sign_in(api, "acme", "agent@example.com"),
        ask_sign_in(api, "no-such-org", "customer@example.com"),
    ]
    assert {(a.status, str(a.body)) for a in answers} == {(202, str(answers[0].body))}
    assert len(mails_to(outbox, "customer@example.com")) == 1
    assert mails_to(outbox, "agent@example.com") == [], "staff sign in with a password: no link for them"
    assert mails_to(outbox, "nobody@example.com") == []


def test_registering_a_taken_address_answers_the_same_and_changes_nothing(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    open_registration(api, acme)
    taken = call(
        api,
        "POST",
        "/portal/acme/register",
        body={"email": "customer@example.com", "first_name": "Eve", "password": STRONG},
    )
    fresh = call(
        api, "POST", "/portal/acme/register", body={"email": "fresh@example.com", "first_name": "F", "password": STRONG}
    )
    assert (taken.status, taken.body) == (fresh.status, fresh.body) == (202, fresh.body)
    (notice,) = mails_to(outbox, "customer@example.com")
    assert "already has an account" in notice.get_content()
    # The attacker's password is not the account's; the owner's still is.
    as_attacker = {"organization": "acme", "email": "customer@example.com", "password": STRONG}
    assert call(api, "POST", "/auth/login", body=as_attacker).status == 401
    assert call(api, "POST", "/auth/login", body={**as_attacker, "password": PASSWORD}).status == 200
    customer = call(api, "GET", f"/users/{acme.user_id('customer')}", acme.token("admin")).body
    assert customer["first_name"] == "Customer"


def test_a_customer_with_two_factor_login_gets_no_link_that_skips_it(api: Client, acme: Tenant, outbox: Path) -> None:
    from chalicelib.store import identity as store

    user = store.get_user(acme.org_id, acme.user_id("customer"))
    assert user is not None
    store.save_user(user.model_copy(update={"two_factor_enabled": True, "totp_secret": "A" * 32}), user)
    asked = ask_sign_in(api, "acme", "customer@example.com")
    assert asked.status == 202
    assert mails_to(outbox, "customer@example.com") == []


# ---------------------------------------------------------------- flooding


def test_sign_in_mail_is_throttled_per_address_asked_for_existing_or_not(api: Client, acme: Tenant) -> None:
    for address in ("customer@example.com", "nobody@example.com"):
        answers = [ask_sign_in(api, "acme", address).status for _ in range(6)]
        assert answers == [202] * 5 + [429], address
    refused = ask_sign_in(api, "acme", "nobody@example.com")
    assert refused.body["error"]["code"] == "mail_throttled"
    assert int(refused.headers["Retry-After"]) > 0


def test_registration_mail_is_throttled_too(api: Client, acme: Tenant) -> None:
    open_registration(api, acme)
    body = {"email": "flood@example.com", "first_name": "F", "password": STRONG}
    answers = [call(api, "POST", "/portal/acme/register", body=body).status for _ in range(6)]
    assert answers == [202] * 5 + [429]


# ---------------------------------------------------------------- guessing and reuse


def test_a_code_dies_after_five_wrong_guesses(api: Client, acme: Tenant, outbox: Path) -> None:
    ask_sign_in(api, "acme", "customer@example.com")
    code = code_of(mails_to(outbox, "customer@example.com")[0])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    body = {"organization": "acme", "email": "customer@example.com", "code": wrong}
    for _ in range(5):
        guessed = call(api, "POST", "/auth/sign-in/code", body=body)
        assert (guessed.status, guessed.body["error"]["code"]) == (401, "invalid_code")
    right = call(api, "POST", "/auth/sign-in/code", body={**body, "code": code})
    # Login's budget for the account answers first (429); the code itself is dead whatever the budget.
    assert (right.status, right.body["error"]["code"]) == (429, "login_locked")
    from chalicelib.domain.clock import utcnow
    from chalicelib.services.portal import CODE_ATTEMPTS
    from chalicelib.store import portal as portal_store

    assert portal_store.count_attempt(acme.org_id, "customer@example.com", utcnow(), CODE_ATTEMPTS) is None


def test_a_code_works_only_in_its_own_organization(api: Client, acme: Tenant, outbox: Path) -> None:
    make_tenant(api, "globex")
    ask_sign_in(api, "acme", "customer@example.com")
    code = code_of(mails_to(outbox, "customer@example.com")[0])
    other = call(
        api,
        "POST",
        "/auth/sign-in/code",
        body={"organization": "globex", "email": "customer@example.com", "code": code},
    )
    assert (other.status, other.body["error"]["code"]) == (401, "invalid_code")


def test_a_sign_in_link_works_once_and_only_as_a_sign_in_link(api: Client, acme: Tenant, outbox: Path) -> None:
    ask_sign_in(api, "acme", "customer@example.com")
    token = link_token(mails_to(outbox, "customer@example.com")[0])
    as_ticket = call(api, "POST", "/auth/ticket-link", body={"token": token})
    assert (as_ticket.status, as_ticket.body["error"]["code"]) == (400, "invalid_link")
    as_registration = call(api, "POST", "/auth/email/verify", body={"token": token})
    assert (as_registration.status, as_registration.body["error"]["code"]) == (400, "invalid_link")
    assert call(api, "POST", "/auth/sign-in/link", body={"token": token}).status == 200
    again = call(api, "POST", "/auth/sign-in/link", body={"token": token})
    assert (again.status, again.body["error"]["code"]) == (410, "link_used")
    assert "token" not in again.body


def test_a_ticket_link_works_once(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    scoped_session(api, acme, stream, outbox)
    reply = next(m for m in mails_to(outbox, "customer@example.com") if "Answer on the first" in m.get_content())
    again = call(api, "POST", "/auth/ticket-link", body={"token": link_token(reply)})
    assert (again.status, again.body["error"]["code"]) == (410, "link_used")


# ---------------------------------------------------------------- a ticket link's session stays on its ticket


def test_a_ticket_link_session_cannot_read_the_customers_other_tickets(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    token, first, second = scoped_session(api, acme, stream, outbox)
    assert call(api, "GET", f"/tickets/{first}", token).status == 200
    for path in (f"/tickets/{second}", f"/tickets/{second}/comments", f"/tickets/{second}/history"):
        assert call(api, "GET", path, token).status == 404, path
    commented = call(api, "POST", f"/tickets/{second}/comments", token, {"content": "sneaky"})
    assert commented.status == 404
    listed = call(api, "GET", "/tickets", token)
    assert listed.status == 200
    assert [t["ticket_number"] for t in listed.body["items"]] == [first]
    created_by = call(api, "GET", f"/tickets?created_by_id={acme.user_id('customer')}", token)
    assert [t["ticket_number"] for t in created_by.body["items"]] == [first]
    by_other = call(api, "GET", f"/tickets?created_by_id={acme.user_id('agent')}", token)
    assert by_other.body["items"] == []


def test_a_ticket_link_session_cannot_change_the_account_or_reach_other_routes(
    api: Client, acme: Tenant, stream: Any, outbox: Path
) -> None:
    token, _, _ = scoped_session(api, acme, stream, outbox)
    me = acme.user_id("customer")
    refused = {
        ("PATCH", f"/users/{me}", '{"first_name": "Mallory"}'): 403,
        ("POST", "/auth/password", f'{{"current_password": "{PASSWORD}", "new_password": "{STRONG} x"}}'): 403,
        ("POST", "/auth/2fa/setup", f'{{"current_password": "{PASSWORD}"}}'): 403,
        ("POST", "/tickets", '{"subject": "new"}'): 403,
        ("GET", f"/users/{me}", None): 403,
        ("GET", "/auth/sessions", None): 403,
        ("GET", "/customers", None): 403,
        ("GET", "/work-orders", None): 403,
    }
    import json

    for (method, path, body), status in refused.items():
        reply = call(api, method, path, token, json.loads(body) if body else None)
        assert reply.status == status, (method, path, reply.status, reply.body)
    user = call(api, "GET", f"/users/{me}", acme.token("admin")).body
    assert user["first_name"] == "Customer"
    assert call(api, "GET", "/auth/me", token).status == 200
    assert call(api, "GET", "/kb/articles", token).status == 200


# ---------------------------------------------------------------- registration


def test_registration_is_refused_when_closed_or_outside_the_domains(api: Client, acme: Tenant, outbox: Path) -> None:
    body = {"email": "x@client.example", "first_name": "X", "password": STRONG}
    closed = call(api, "POST", "/portal/acme/register", body=body)
    assert (closed.status, closed.body["error"]["code"]) == (403, "registration_closed")
    unknown = call(api, "POST", "/portal/no-such-org/register", body=body)
    assert (unknown.status, unknown.body) == (closed.status, closed.body)
    open_registration(api, acme, "domains", ["client.example"])
    outside = call(api, "POST", "/portal/acme/register", body={**body, "email": "x@elsewhere.example"})
    assert (outside.status, outside.body["error"]["code"]) == (422, "registration_domain")
    assert mails_to(outbox, "x@elsewhere.example") == []


def test_registration_closed_after_the_mail_opens_no_account(api: Client, acme: Tenant, outbox: Path) -> None:
    open_registration(api, acme)
    body = {"email": "late@client.example", "first_name": "L", "password": STRONG}
    assert call(api, "POST", "/portal/acme/register", body=body).status == 202
    open_registration(api, acme, "off")
    token = link_token(mails_to(outbox, "late@client.example")[0])
    verified = call(api, "POST", "/auth/email/verify", body={"token": token})
    assert (verified.status, verified.body["error"]["code"]) == (403, "registration_closed")


def test_a_registration_squatting_an_address_holds_nothing(api: Client, acme: Tenant, outbox: Path) -> None:
    open_registration(api, acme)
    victim = "victim@client.example"
    squat = {"email": victim, "first_name": "Not", "last_name": "Victim", "password": STRONG}
    assert call(api, "POST", "/portal/acme/register", body=squat).status == 202
    (verification,) = mails_to(outbox, victim)  # mailed to the victim, never to the attacker

    # Unverified, the address can receive no sign-in mail and holds no account.
    ask_sign_in(api, "acme", victim)
    assert len(mails_to(outbox, victim)) == 1
    login = {"organization": "acme", "email": victim, "password": STRONG}
    assert call(api, "POST", "/auth/login", body=login).status == 401

    # The victim's own mail opens a ticket on an account of their own.
    raw = (
        f"From: Vic Tim <{victim}>\nTo: support+acme@mail.deskless.local\nSubject: My printer\n"
        "Message-ID: <victim-1@client.example>\nContent-Type: text/plain; charset=utf-8\n\nIt is broken.\n"
    ).encode()
    result = deliver_mail(api, raw, "victim-1")
    assert result["action"] == "created", result
    ticket = call(api, "GET", f"/tickets/{result['ticket_number']}", acme.token("admin")).body
    requester = call(api, "GET", f"/users/{ticket['customer_id']}", acme.token("admin")).body
    assert (requester["email"], requester["first_name"]) == (victim, "Vic")

    # The squatter's link cannot take the address over, and their password never works.
    taken = call(api, "POST", "/auth/email/verify", body={"token": link_token(verification)})
    assert (taken.status, taken.body["error"]["code"]) == (409, "email_taken")
    assert "token" not in taken.body
    assert call(api, "POST", "/auth/login", body=login).status == 401


def test_concurrent_guesses_at_a_code_are_counted_at_most_five_times(server_table: str) -> None:
    """Twenty guesses at once on the locked moto server: only five are ever compared."""
    import threading
    from datetime import UTC, datetime, timedelta

    from chalicelib.services.portal import CODE_ATTEMPTS
    from chalicelib.store import portal as portal_store
    from chalicelib.store.transactions import transact_write

    now = datetime.now(UTC)
    org_id, email = "o" * 20, "customer@example.com"
    transact_write([portal_store.put_operation(org_id, email, "h" * 64, "c" * 64, now + timedelta(minutes=15))])
    counted: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(20)

    def guess() -> None:
        start.wait()
        try:
            record = portal_store.count_attempt(org_id, email, now, CODE_ATTEMPTS)
            if record is not None:
                counted.append(record.attempts)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(counted) == [1, 2, 3, 4, 5]
