"""Notifications from the table stream: email (with threading headers), SMS and push, once each."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_email_ingest import deliver, mail


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    return tmp_path


def emails(outbox: Path, to: str | None = None) -> list[EmailMessage]:
    found = []
    for path in sorted(outbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        if to is None or to in str(message["To"]):
            found.append(message)
    return found


def test_acknowledgement_reply_and_threaded_answer(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    created = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Broken login"}).body
    number = created["ticket_number"]
    stream.drain()
    (ack,) = emails(outbox, "customer@example.com")
    assert ack["Subject"] == f"[{number}] Broken login"
    assert ack["Auto-Submitted"] == "auto-generated"
    assert str(ack["From"]) == "Acme Inc <support+acme@mail.deskless.local>"
    assert ack["References"].startswith(f"<ticket.{acme.org_id}.")

    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "Try resetting it now."})
    stream.drain()
    reply = emails(outbox, "customer@example.com")[-1]
    assert reply["Subject"] == f"Re: [{number}] Broken login"
    assert reply["Auto-Submitted"] is None, "a person's reply is not automatic"
    assert reply.get_content().startswith("Try resetting it now.\n"), "the reply, then its ticket link"

    # The customer answers from their mail client: it threads onto the same ticket.
    answer = (
        "From: Casey <customer@example.com>\nTo: support+acme@mail.deskless.local\n"
        f"Subject: Re: {reply['Subject']}\nIn-Reply-To: {reply['Message-ID']}\n"
        "Message-ID: <answer-1@example.com>\nContent-Type: text/plain; charset=utf-8\n\nWorks now, thanks!\n"
    ).encode()
    result = deliver(api, answer, "answer")
    assert (result["action"], result["ticket_number"]) == ("commented", number)

    # Replaying the whole stream sends nothing again.
    before = len(list(outbox.iterdir()))
    stream.poller.iterators.clear()
    stream.drain()
    assert len(list(outbox.iterdir())) == before


def test_assignment_and_solve_notify_the_right_people(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    number = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer"}).body["ticket_number"]
    call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"assigned_agent_id": acme.user_id("agent")})
    call(api, "PATCH", f"/tickets/{number}", acme.token("manager"), {"status": "solved"})
    stream.drain()
    (assigned,) = emails(outbox, "agent@example.com")
    assert assigned["Subject"] == f"[{number}] Assigned to you: Printer"
    subjects = [m.get_content() for m in emails(outbox, "customer@example.com")]
    assert any("was marked as solved" in s for s in subjects)


def test_sms_and_push_follow_preferences(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    prefs = {"phone": "+14155550100", "sms_notifications": True, "push_notifications": False}
    changed = call(api, "PATCH", f"/users/{acme.user_id('customer')}", acme.token("admin"), prefs)
    assert changed.status == 200, changed.body
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Text me"})
    stream.drain()
    sms = [p.read_text() for p in outbox.glob("*sms.txt")]
    assert len(sms) == 1
    assert sms[0].startswith("To: +14155550100")
    assert list(outbox.glob("*push.json")) == []


def test_automatic_mail_gets_no_automatic_answer(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    deliver(api, mail("autoreply.eml"), "ooo")
    stream.drain()
    assert emails(outbox, "casey@customer.example") == []


def test_a_rules_notify_action_reaches_its_recipients(api: Client, acme: Tenant, stream: Any, outbox: Path) -> None:
    rule = {
        "name": "Tell managers",
        "trigger_type": "ticket_created",
        "actions": [{"type": "notify", "recipient": "role", "role": "manager", "message": "New ticket in."}],
    }
    assert call(api, "POST", "/automation-rules", acme.token("admin"), rule).status == 201
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Hello"})
    stream.drain()
    (notice,) = emails(outbox, "manager@example.com")
    assert notice.get_content().strip() == "New ticket in."
