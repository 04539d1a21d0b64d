"""Inbound email end to end: a raw message in the inbound bucket's ``incoming/`` prefix, the
EventBridge "Object Created" event, the ``ingest_email`` function, tickets and comments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from chalicelib.local.inbox import object_created
from tests.api.helpers import (
    Tenant,
    all_tickets,
    call,
    deliver_mail,
    inbound_keys,
    mail_event,
    make_tenant,
    ses_headers,
)

MAIL = Path(__file__).resolve().parents[1] / "events" / "email"


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def deliver(api: Client, raw: bytes, key: str) -> dict[str, Any]:
    return deliver_mail(api, raw, key)


def mail(name: str) -> bytes:
    return (MAIL / name).read_bytes()


def test_a_new_message_opens_a_ticket_for_a_new_customer(api: Client, acme: Tenant) -> None:
    result = deliver(api, mail("plain.eml"), "m1")
    assert result["action"] == "created", result
    ticket = call(api, "GET", f"/tickets/{result['ticket_number']}", acme.token("admin")).body
    assert (ticket["subject"], ticket["channel"], ticket["source"]) == ("Printer on fire", "email", "email")
    assert ticket["description"].startswith("Hello,\n\nThe printer in room 4")
    customer = call(api, "GET", f"/users/{ticket['customer_id']}", acme.token("admin")).body
    assert (customer["email"], customer["first_name"], customer["role"]) == (
        "casey@customer.example",
        "Casey",
        "customer",
    )
    assert inbound_keys("incoming/") == []
    assert inbound_keys("processed/") == ["processed/m1"]


def test_redelivery_creates_nothing_new(api: Client, acme: Tenant) -> None:
    first = deliver(api, mail("plain.eml"), "m1")
    again = deliver(api, mail("plain.eml"), "m1-redelivered")
    assert (first["action"], again["action"]) == ("created", "duplicate")
    assert len(all_tickets(api, acme)) == 1
    # The same event twice: the idempotency record answers with the first result.
    assert mail_event(api, "incoming/m1") == first
    # Another delivery for the same object (a new sequencer): past the record, the object already moved on.
    event = object_created(config.inbound_mail_bucket(), "incoming/m1", "us-east-1", sequencer="0062E99A88DC407460")
    again_later = api.lambda_.invoke("ingest_email", event).payload
    assert again_later == {"ignored": "incoming/m1", "reason": "already moved (a redelivered event)"}


def test_replies_thread_by_message_id_and_subject_token_and_reopen(api: Client, acme: Tenant) -> None:
    created = deliver(api, mail("plain.eml"), "m1")
    number = created["ticket_number"]
    solved = call(api, "PATCH", f"/tickets/{number}", acme.token("admin"), {"status": "solved"})
    assert solved.status == 200
    reply = deliver(api, mail("reply_quoted.eml"), "m2")
    assert (reply["action"], reply["ticket_number"]) == ("commented", number)
    ticket = call(api, "GET", f"/tickets/{number}", acme.token("admin")).body
    assert ticket["status"] == "open", "a customer's reply reopens a solved ticket"
    assert [c["content"] for c in ticket["comments"]] == ["It is still smoking."]
    token = deliver(api, mail("subject_token.eml"), "m3")
    assert (token["action"], token["ticket_number"]) == ("commented", number)
    assert len(all_tickets(api, acme)) == 1


def test_another_customers_reply_cannot_join_a_ticket(api: Client, acme: Tenant) -> None:
    created = deliver(api, mail("plain.eml"), "m1")
    stranger = mail("subject_token.eml").replace(b"casey@customer.example", b"mallory@evil.example")
    result = deliver(api, stranger.replace(b"[T-1]", f"[{created['ticket_number']}]".encode()), "m2")
    assert result["action"] == "created"
    assert result["ticket_number"] != created["ticket_number"]


def test_attachments_are_stored_and_refused_parts_noted(api: Client, acme: Tenant) -> None:
    result = deliver(api, mail("attachments_nested.eml"), "m1")
    assert (result["action"], result["attachments"]) == ("created", 2)
    assert "setup.exe" in result["skipped_attachments"][0]
    ticket = call(api, "GET", f"/tickets/{result['ticket_number']}", acme.token("admin")).body
    assert sorted(a["file_name"] for a in ticket["attachments"]) == ["factura nº17.pdf", "screenshot.png"]
    assert "[attachment setup.exe" in ticket["description"]
    pdf = next(a for a in ticket["attachments"] if a["file_type"] == "application/pdf")
    body = boto3.client("s3").get_object(Bucket=config.attachments_bucket(), Key=pdf["file_path"])["Body"].read()
    assert body.startswith(b"%PDF-1.4")
    assert pdf["file_path"].startswith(f"org/{acme.org_id}/")


def test_bounces_never_become_tickets(api: Client, acme: Tenant) -> None:
    result = deliver(api, mail("bounce_dsn.eml"), "dsn")
    assert (result["action"], result["reason"]) == ("ignored", "a delivery report (bounce)")
    assert all_tickets(api, acme) == []
    assert inbound_keys("processed/") == ["processed/dsn"]


def test_automatic_mail_is_marked_so_it_is_never_answered(api: Client, acme: Tenant) -> None:
    result = deliver(api, mail("autoreply.eml"), "m1")
    ticket = call(api, "GET", f"/tickets/{result['ticket_number']}", acme.token("admin")).body
    assert ticket["source"] == "email:automatic"


@pytest.mark.parametrize(("name", "reason"), [("garbage.eml", "sender"), ("unroutable.eml", "no organization")])
def test_unusable_mail_is_kept_under_failed_with_the_reason(api: Client, acme: Tenant, name: str, reason: str) -> None:
    result = deliver(api, mail(name), "bad")
    assert result["action"] == "failed"
    assert reason in result["reason"]
    head = boto3.client("s3").head_object(Bucket=config.inbound_mail_bucket(), Key="failed/bad")
    assert reason in head["Metadata"]["reason"]
    assert inbound_keys("incoming/") == []
    assert all_tickets(api, acme) == []


def test_support_addresses_route_once_verified_and_are_unique_across_organizations(
    api: Client, acme: Tenant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.api.test_security_mailroute import latest_code

    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    settings = {"settings": {"support_email_addresses": ["help@acme.example"]}}
    assert call(api, "PATCH", "/organization", acme.token("admin"), settings).status == 200
    (pending,) = call(api, "GET", "/organization/support-addresses", acme.token("admin")).body["items"]
    assert pending["state"] == "pending"
    code = {"code": latest_code(tmp_path, "help@acme.example")}
    verified = call(api, "POST", f"/organization/support-addresses/{pending['id']}/verify", acme.token("admin"), code)
    assert (verified.status, verified.body["state"]) == (200, "verified")
    other = make_tenant(api, "globex", "globex.example")
    taken = call(api, "PATCH", "/organization", other.token("admin"), settings)
    assert (taken.status, taken.body["error"]["code"]) == (409, "address_taken")

    to_address = mail("plain.eml").replace(b"To: support+acme@mail.deskless.local", b"To: help@acme.example")
    assert deliver(api, to_address, "m1")["action"] == "created"
    own = to_address.replace(b"From: Casey Customer <casey@customer.example>", b"From: help@acme.example")
    own = own.replace(b"CAFx1plain", b"own-1")
    assert deliver(api, own, "m2")["action"] == "ignored"

    # Released when removed: another organization may claim (and verify) it then.
    cleared: dict[str, Any] = {"settings": {"support_email_addresses": []}}
    assert call(api, "PATCH", "/organization", acme.token("admin"), cleared).status == 200
    assert call(api, "PATCH", "/organization", other.token("admin"), settings).status == 200


def test_a_mail_storm_from_one_sender_is_stopped(api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.services import channels

    monkeypatch.setattr(channels, "SENDER_LIMIT", 2)
    results = [
        deliver(api, mail("plain.eml").replace(b"CAFx1plain", f"storm-{i}".encode()), f"s{i}")["action"]
        for i in range(3)
    ]
    assert results == ["created", "created", "failed"]


def test_a_staff_reply_by_email_is_a_public_reply(api: Client, acme: Tenant) -> None:
    created = deliver(api, mail("plain.eml"), "m1")
    staff = mail("reply_quoted.eml").replace(b"Casey Customer <casey@customer.example>", b"agent@example.com")
    # SES's verdicts on top: DMARC passed for example.com, so the mail proves it is the agent's.
    result = deliver(api, ses_headers("example.com") + staff, "m2")
    assert result["action"] == "commented"
    ticket = call(api, "GET", f"/tickets/{created['ticket_number']}", acme.token("admin")).body
    assert ticket["comments"][0]["author_id"] == acme.user_id("agent")
    assert ticket["first_response_at"] is not None
