"""Inbound webhook replay attacks: the signature covers the delivery id, and a signature is used once.

A captured delivery must not open a second ticket by being resent with a new
``X-Deskless-Delivery``; the legacy signature (over ``<t>.<body>`` only) is accepted only when
the organization opted in, and then each signature is honoured for one delivery id only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, all_tickets, call, make_tenant, signup_admin


def sign(secret: str, at: int, body: bytes, delivery: str | None = None) -> str:
    """The documented header, computed here independently of the code under test."""
    signed = f"{at}.".encode() + (f"{delivery}.".encode() if delivery is not None else b"") + body
    return f"t={at},v1={hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()}"


def deliver(api: Client, signature: str, delivery: str, body: bytes, slug: str = "acme") -> Any:
    headers = {"Content-Type": "application/json", "X-Deskless-Signature": signature, "X-Deskless-Delivery": delivery}
    return api.http.post(f"/channels/webhooks/{slug}", headers=headers, body=body)


def error_code(response: Any) -> str:
    return str(json.loads(response.body)["error"]["code"])


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def secret(api: Client, acme: Tenant) -> str:
    reply = call(api, "POST", "/organization/webhook-secrets", acme.token("admin"))
    assert reply.status == 201, reply.body
    return str(reply.body["secret"])


BODY = json.dumps({"type": "ticket", "subject": "Pump 4 pressure low", "customer_email": "ops@plant.example"}).encode()


def allow_legacy(api: Client, acme: Tenant, allowed: bool = True) -> None:
    reply = call(
        api,
        "PATCH",
        "/organization",
        acme.token("admin"),
        {"settings": {"accept_legacy_webhook_signatures": allowed}},
    )
    assert reply.status == 200, reply.body
    assert reply.body["settings"]["accept_legacy_webhook_signatures"] is allowed


def test_a_captured_delivery_resent_with_a_new_delivery_id_is_401(api: Client, acme: Tenant, secret: str) -> None:
    now = int(time.time())
    captured = sign(secret, now, BODY, "d-1")
    assert deliver(api, captured, "d-1", BODY).status_code == 201
    for forged in ("d-2", "d-1 ", "D-1", "d-1.x"):
        replayed = deliver(api, captured, forged, BODY)
        assert replayed.status_code == 401, (forged, replayed.body)
        assert error_code(replayed) == "invalid_signature"
    assert len(all_tickets(api, acme)) == 1


def test_the_same_delivery_resent_as_captured_is_the_idempotent_replay(api: Client, acme: Tenant, secret: str) -> None:
    captured = sign(secret, int(time.time()), BODY, "d-1")
    first = deliver(api, captured, "d-1", BODY)
    again = deliver(api, captured, "d-1", BODY)
    assert (again.status_code, json.loads(again.body)) == (201, json.loads(first.body))
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(all_tickets(api, acme)) == 1


def test_the_legacy_signature_is_refused_unless_the_organization_accepts_it(
    api: Client, acme: Tenant, secret: str
) -> None:
    legacy = sign(secret, int(time.time()), BODY)
    refused = deliver(api, legacy, "d-1", BODY)
    assert (refused.status_code, error_code(refused)) == (401, "invalid_signature")
    organization = call(api, "GET", "/organization", acme.token("admin")).body
    assert organization["settings"]["accept_legacy_webhook_signatures"] is False  # the default: the new form

    allow_legacy(api, acme)
    assert deliver(api, legacy, "d-1", BODY).status_code == 201
    allow_legacy(api, acme, False)
    later = sign(secret, int(time.time()), BODY.replace(b"Pump 4", b"Pump 5"))
    assert deliver(api, later, "d-2", BODY.replace(b"Pump 4", b"Pump 5")).status_code == 401
    assert len(all_tickets(api, acme)) == 1


def test_a_legacy_signature_is_honoured_for_one_delivery_id_only(api: Client, acme: Tenant, secret: str) -> None:
    allow_legacy(api, acme)
    captured = sign(secret, int(time.time()), BODY)
    first = deliver(api, captured, "d-1", BODY)
    assert first.status_code == 201, first.body
    for forged in ("d-2", "d-3"):
        replayed = deliver(api, captured, forged, BODY)
        assert (replayed.status_code, error_code(replayed)) == (401, "signature_reused"), replayed.body
    same = deliver(api, captured, "d-1", BODY)  # the sender's own retry of d-1 is still the replay
    assert (same.status_code, same.headers.get("Idempotent-Replayed")) == (201, "true")
    assert len(all_tickets(api, acme)) == 1


def test_a_new_form_delivery_is_still_accepted_when_legacy_is_allowed(api: Client, acme: Tenant, secret: str) -> None:
    allow_legacy(api, acme)
    assert deliver(api, sign(secret, int(time.time()), BODY, "d-new"), "d-new", BODY).status_code == 201


def test_a_signature_refused_for_its_payload_cannot_be_reused_with_another_delivery_id(
    api: Client, acme: Tenant, secret: str
) -> None:
    allow_legacy(api, acme)
    body = json.dumps({"type": "comment", "ticket_number": "T-1", "content": "hi", "author_email": "x@y.example"})
    captured = sign(secret, int(time.time()), body.encode())
    assert deliver(api, captured, "d-1", body.encode()).status_code == 422  # no such author (yet)
    replayed = deliver(api, captured, "d-2", body.encode())
    assert (replayed.status_code, error_code(replayed)) == (401, "signature_reused")


def test_signatures_of_one_tenant_are_not_claimed_for_another(api: Client, acme: Tenant, secret: str) -> None:
    globex = make_tenant(api, "globex")
    other = call(api, "POST", "/organization/webhook-secrets", globex.token("admin")).body["secret"]
    at = int(time.time())
    assert deliver(api, sign(secret, at, BODY, "d-1"), "d-1", BODY).status_code == 201
    assert deliver(api, sign(secret, at, BODY, "d-1"), "d-1", BODY, slug="globex").status_code == 401
    assert deliver(api, sign(other, at, BODY, "d-1"), "d-1", BODY, slug="globex").status_code == 201
    assert len(all_tickets(api, globex)) == 1


def test_the_sample_sender_signs_what_the_api_accepts(api: Client, acme: Tenant, secret: str) -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "examples" / "send_webhook.py"
    spec = importlib.util.spec_from_file_location("send_webhook", path)
    assert spec is not None
    assert spec.loader is not None
    sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sample)
    assert deliver(api, sample.sign(secret, int(time.time()), "d-9", BODY), "d-9", BODY).status_code == 201


def test_concurrent_reuses_of_a_legacy_signature_have_one_winner(server_table: str) -> None:
    from chalicelib.domain.commands import OrganizationPatch
    from chalicelib.domain.errors import DesklessError
    from chalicelib.services import channels, identity

    admin = signup_admin("race")
    identity.update_organization(
        admin, OrganizationPatch.model_validate({"settings": {"accept_legacy_webhook_signatures": True}}), None
    )
    secret = channels.rotate_webhook_secret(admin)["secret"]
    captured = sign(secret, int(time.time()), BODY)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(n: int) -> None:
        try:
            result = str(channels.receive_webhook("race", captured, f"d-{n}", BODY).status)
        except DesklessError as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["201"] + ["signature_reused"] * 5
