"""Changing an email address takes effect only when the new address confirms it; the old one is told.

Until then the user logs in, and their mail routes, by the old address.
"""

from __future__ import annotations

import email
import hashlib
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import time_machine
from chalice.test import Client

from chalicelib.domain.commands import UpdateUserCommand
from chalicelib.domain.errors import DesklessError
from chalicelib.domain.identity import Principal
from chalicelib.services import email_change, tickets, users
from tests.api.helpers import PASSWORD, Tenant, call, deliver_mail, make_tenant, signup_admin

TOKEN = re.compile(r"\bec_[A-Za-z0-9]+_[A-Za-z0-9]+_[A-Za-z0-9_-]{43}\b")
MAIL = Path(__file__).resolve().parents[1] / "events" / "email"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    return tmp_path


def mails_to(outbox: Path, address: str) -> list[EmailMessage]:
    found = []
    for path in sorted(outbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        if address in str(message["To"]):
            found.append(message)
    return found


def token_in(message: EmailMessage) -> str:
    match = TOKEN.search(message.get_content())
    assert match, message.get_content()
    return match.group(0)


def confirm(api: Client, token: str) -> Any:
    return call(api, "POST", "/auth/email/confirm", body={"token": token})


def login_status(api: Client, address: str) -> int:
    body = {"organization": "acme", "email": address, "password": PASSWORD}
    return call(api, "POST", "/auth/login", body=body).status


def test_an_email_change_waits_for_the_new_address_to_confirm(api: Client, acme: Tenant, outbox: Path) -> None:
    agent = acme.user_id("agent")
    asked = call(api, "PATCH", f"/users/{agent}", acme.token("agent"), {"email": "agent.new@example.com"})
    assert asked.status == 200, asked.body
    assert (asked.body["email"], asked.body["pending_email"]) == ("agent@example.com", "agent.new@example.com")

    (confirmation,) = mails_to(outbox, "agent.new@example.com")
    (notice,) = mails_to(outbox, "agent@example.com")
    assert "agent.new@example.com" in notice.get_content()
    assert TOKEN.search(notice.get_content()) is None, "the old address never sees the token"
    token = token_in(confirmation)

    # Until confirmed, the old address is the one that logs in (and that mail routes by).
    assert login_status(api, "agent@example.com") == 200
    assert login_status(api, "agent.new@example.com") == 401

    confirmed = confirm(api, token)
    assert confirmed.status == 200, confirmed.body
    assert (confirmed.body["email"], confirmed.body["pending_email"]) == ("agent.new@example.com", None)
    assert login_status(api, "agent.new@example.com") == 200
    assert login_status(api, "agent@example.com") == 401

    again = confirm(api, token)
    assert (again.status, again.body["error"]["code"]) == (422, "invalid_confirmation"), "a token works once"


def test_a_managers_change_of_a_customers_email_also_needs_the_customers_confirmation(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    customer = acme.user_id("customer")
    asked = call(api, "PATCH", f"/users/{customer}", acme.token("manager"), {"email": "mallory@evil.example"})
    assert (asked.status, asked.body["email"]) == (200, "customer@example.com")
    (notice,) = mails_to(outbox, "customer@example.com")
    assert "mallory@evil.example" in notice.get_content()

    # Mail from the customer's real address still is the customer's, and notices still go there.
    raw = (MAIL / "plain.eml").read_bytes().replace(b"casey@customer.example", b"customer@example.com")
    created = deliver_mail(api, raw, "still-theirs")
    ticket = call(api, "GET", f"/tickets/{created['ticket_number']}", acme.token("admin")).body
    assert ticket["customer_id"] == customer
    reply = call(api, "GET", f"/users/{customer}", acme.token("admin")).body
    assert (reply["email"], reply["pending_email"]) == ("customer@example.com", "mallory@evil.example")


def test_confirming_an_address_taken_in_the_meantime_is_409(api: Client, acme: Tenant, outbox: Path) -> None:
    agent = acme.user_id("agent")
    call(api, "PATCH", f"/users/{agent}", acme.token("agent"), {"email": "shared@example.com"})
    token = token_in(mails_to(outbox, "shared@example.com")[0])
    taken = call(
        api,
        "POST",
        "/users",
        acme.token("admin"),
        {"email": "shared@example.com", "first_name": "S", "last_name": "H", "role": "agent", "password": PASSWORD},
    )
    assert taken.status == 201, taken.body
    reply = confirm(api, token)
    assert (reply.status, reply.body["error"]["code"]) == (409, "email_taken")
    assert call(api, "GET", f"/users/{agent}", acme.token("admin")).body["email"] == "agent@example.com"


def test_an_address_already_taken_is_refused_when_asked(api: Client, acme: Tenant, outbox: Path) -> None:
    reply = call(api, "PATCH", f"/users/{acme.user_id('agent')}", acme.token("agent"), {"email": "Agent2@Example.com"})
    assert (reply.status, reply.body["error"]["code"]) == (409, "email_taken")
    assert list(outbox.glob("*.eml")) == []


@pytest.mark.parametrize(
    "token",
    ["", "nonsense", "ec_abc", "ec_" + "a" * 20 + "_" + "b" * 20 + "_" + "c" * 43],
)
def test_wrong_tokens_are_refused(api: Client, acme: Tenant, token: str) -> None:
    reply = confirm(api, token)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_confirmation")


def test_a_token_for_one_user_cannot_confirm_for_another(api: Client, acme: Tenant, outbox: Path) -> None:
    call(api, "PATCH", f"/users/{acme.user_id('agent')}", acme.token("agent"), {"email": "one@example.com"})
    token = token_in(mails_to(outbox, "one@example.com")[0])
    other = token.replace(acme.user_id("agent"), acme.user_id("agent2"))
    reply = confirm(api, other)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_confirmation")
    assert call(api, "GET", f"/users/{acme.user_id('agent2')}", acme.token("admin")).body["email"] == (
        "agent2@example.com"
    )


def test_a_token_expires_after_a_day(api: Client, acme: Tenant, outbox: Path) -> None:
    call(api, "PATCH", f"/users/{acme.user_id('agent')}", acme.token("agent"), {"email": "late@example.com"})
    token = token_in(mails_to(outbox, "late@example.com")[0])
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=25)):
        reply = confirm(api, token)
    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_confirmation")


def test_a_new_request_replaces_the_previous_token(api: Client, acme: Tenant, outbox: Path) -> None:
    agent = acme.user_id("agent")
    call(api, "PATCH", f"/users/{agent}", acme.token("agent"), {"email": "first@example.com"})
    first = token_in(mails_to(outbox, "first@example.com")[0])
    call(api, "PATCH", f"/users/{agent}", acme.token("agent"), {"email": "second@example.com"})
    second = token_in(mails_to(outbox, "second@example.com")[0])
    assert confirm(api, first).status == 422
    assert confirm(api, second).body["email"] == "second@example.com"


def test_the_token_is_stored_only_as_a_hash(api: Client, acme: Tenant, outbox: Path) -> None:
    import boto3

    from chalicelib import config

    call(api, "PATCH", f"/users/{acme.user_id('agent')}", acme.token("agent"), {"email": "hashed@example.com"})
    token = token_in(mails_to(outbox, "hashed@example.com")[0])
    key = {"PK": {"S": f"ORG#{acme.org_id}"}, "SK": {"S": f"USER#{acme.user_id('agent')}"}}
    item = boto3.client("dynamodb").get_item(TableName=config.table_name(), Key=key)["Item"]
    assert token[-20:] not in str(item)
    assert item["pending_email_hash"]["S"] == hashlib.sha256(token.encode()).hexdigest()


def _race(*attempts: Callable[[], object]) -> list[str]:
    """Run the attempts at once; each outcome is "ok" or the error code it raised."""
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(attempt: Callable[[], object]) -> None:
        try:
            attempt()
            outcome = "ok"
        except DesklessError as exc:
            outcome = exc.code
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def _organization() -> Principal:
    principal: Principal = signup_admin("race")
    return principal


def test_a_token_confirmed_twice_at_once_works_once(server_table: str, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = _organization()
    mailed: list[str] = []
    monkeypatch.setattr(email_change, "send", lambda user, change: mailed.append(change.token or ""))
    users.update_user(admin, admin.user_id, UpdateUserCommand(email="boss@race.example"), None)
    (token,) = mailed
    assert _race(*[lambda: email_change.confirm(token)] * 4) == ["invalid_confirmation"] * 3 + ["ok"]
    assert users.load(admin, admin.user_id).email == "boss@race.example"


def test_look_alike_customers_created_at_once_make_one_customer(server_table: str) -> None:
    admin = _organization()
    now = datetime.now(UTC)
    outcomes = _race(
        lambda: tickets.create_customer_user(admin, "bob@client.example", None, now),
        lambda: tickets.create_customer_user(admin, "B0B@client.example", None, now),
        lambda: tickets.create_customer_user(admin, "bob@c1ient.example", None, now),
    )
    assert outcomes == ["confusable_email", "confusable_email", "ok"]


def test_the_same_address_in_other_case_applies_at_once_and_drops_a_pending_change(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    agent = acme.user_id("agent")
    call(api, "PATCH", f"/users/{agent}", acme.token("agent"), {"email": "elsewhere@example.com"})
    token = token_in(mails_to(outbox, "elsewhere@example.com")[0])
    cased = call(api, "PATCH", f"/users/{agent}", acme.token("agent"), {"email": "Agent@example.com"})
    assert (cased.status, cased.body["email"], cased.body["pending_email"]) == (200, "Agent@example.com", None)
    assert confirm(api, token).status == 422
    assert login_status(api, "agent@example.com") == 200
