"""Organization exports: one at a time, no secrets, and a cost that follows the tenant's own data.

An export used to read the whole table (a Scan filtered on the tenant's prefix), so its cost grew
with every other tenant, and it copied every attribute, password hashes and secrets included.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from datetime import UTC, datetime
from typing import Any

import boto3
import pyotp
import pytest
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import PASSWORD, Tenant, call, deliver_mail, make_tenant, run_schedule, signup_admin


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def table_items() -> list[dict[str, Any]]:
    """The whole table as the test sees it (boto3, not the metered clients the export uses)."""
    table = boto3.client("dynamodb")
    items, start = [], None
    while True:
        page = table.scan(TableName=config.table_name(), **({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def tenant_items(org_id: str) -> list[dict[str, Any]]:
    """The tenant's items but the rate limiter's per-minute request counters (the test's own
    requests move them; the export leaves them out)."""
    return [
        i for i in table_items() if i["PK"]["S"].split("#")[:2] == ["ORG", org_id] and i["type"]["S"] != "RateWindow"
    ]


def s3_body(key: str) -> bytes:
    body: bytes = boto3.client("s3").get_object(Bucket=config.archive_bucket(), Key=key)["Body"].read()
    return body


def run_export(api: Client, tenant: Tenant) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """Start an export, let the schedule finish it: (the job as GET shows it, the rows, the manifest)."""
    admin = tenant.token("admin")
    started = call(api, "POST", "/organization/exports", admin)
    assert started.status == 202, started.body
    job = started.body
    for _ in range(20):
        job = call(api, "GET", f"/organization/exports/{started.body['id']}", admin).body
        if job["state"] == "done":
            break
        run_schedule(api, "tenant_jobs_job", datetime.now(UTC))
    assert job["state"] == "done", job
    rows = []
    for part in job["parts"]:
        rows += [json.loads(line) for line in gzip.decompress(s3_body(part["key"])).decode().splitlines()]
    manifest = json.loads(s3_body(job["manifest"]["key"])) if job.get("manifest") else {}
    return job, rows, manifest


def test_a_second_export_while_one_runs_is_409(api: Client, acme: Tenant) -> None:
    admin = acme.token("admin")
    first = call(api, "POST", "/organization/exports", admin)
    assert first.status == 202, first.body
    second = call(api, "POST", "/organization/exports", admin)
    assert (second.status, second.body["error"]["code"]) == (409, "export_running"), second.body
    assert [d["export_id"] for d in second.body["error"]["details"]] == [first.body["id"]]
    globex = make_tenant(api, "globex")
    assert call(api, "POST", "/organization/exports", globex.token("admin")).status == 202  # per organization
    for _ in range(10):
        run_schedule(api, "tenant_jobs_job", datetime.now(UTC))
        if call(api, "GET", f"/organization/exports/{first.body['id']}", admin).body["state"] == "done":
            break
    assert call(api, "POST", "/organization/exports", admin).status == 202  # the next one, once it finished


def test_concurrent_export_requests_start_one_job(server_table: str) -> None:
    from chalicelib.domain.errors import Conflict
    from chalicelib.services import offboarding

    admin = signup_admin("race")
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt() -> None:
        try:
            offboarding.start_export(admin)
            result = "started"
        except Conflict as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["export_running"] * 4 + ["started"]


def test_an_export_holds_no_secrets_and_says_what_it_left_out(api: Client, acme: Tenant) -> None:
    admin, manager = acme.token("admin"), acme.token("manager")
    totp = call(api, "POST", "/auth/2fa/setup", admin, {"current_password": PASSWORD}).body["secret"]
    code = pyotp.TOTP(totp).at(time.time() - 30)
    assert call(api, "POST", "/auth/2fa/verify", admin, {"code": code}).status == 200
    # set up, never verified
    pending = call(api, "POST", "/auth/2fa/setup", manager, {"current_password": PASSWORD}).body["secret"]
    inbound = call(api, "POST", "/organization/webhook-secrets", admin).body["secret"]
    subscription = call(
        api,
        "POST",
        "/webhook-subscriptions",
        admin,
        {"url": "https://hooks.example.com/deskless", "events": ["ticket.created"]},
    )
    assert subscription.status == 201, subscription.body
    rule_secret = "rule-secret-0123456789abcdef"
    rule = {
        "name": "Tell the partner",
        "trigger_type": "ticket_created",
        "actions": [{"type": "call_webhook", "url": "https://partner.example.com/in", "secret": rule_secret}],
    }
    assert call(api, "POST", "/automation-rules", admin, rule).status == 201
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer on fire"})
    password_hashes = [i["password_hash"]["S"] for i in tenant_items(acme.org_id) if i["type"]["S"] == "User"]
    session_ids = [hashlib.sha256(token.encode()).hexdigest() for token in acme.tokens.values()]
    session_ids += [i["session_id"]["S"] for i in tenant_items(acme.org_id) if i["type"]["S"] == "Session"]

    job, rows, manifest = run_export(api, acme)
    text = json.dumps(rows)
    for secret in (totp, pending, inbound, subscription.body["secret"], rule_secret, *password_hashes, *session_ids):
        assert secret not in text
    for attribute in ("password_hash", "totp_secret", "totp_pending_secret", "session_id", "token_hash"):
        assert not any(attribute in row for row in rows), attribute
    kinds = {row["type"]["S"] for row in rows}
    assert {"User", "Session", "WebhookSecrets", "WebhookSubscription", "AutomationRule", "Ticket"} <= kinds
    assert len([r for r in rows if r["type"]["S"] == "Session"]) == len(set(session_ids))  # kept, without ids

    assert manifest["organization_id"] == acme.org_id
    assert manifest["items"] == job["items"] == len(rows)
    assert {p["key"] for p in manifest["parts"]} == {p["key"] for p in job["parts"]}
    redacted = manifest["redacted"]
    assert set(redacted["User"]) == {"password_hash", "totp_secret", "totp_pending_secret", "pending_email_hash"}
    assert redacted["SupportAddress"] == ["code_hash"]
    assert {"Session", "WebhookSecrets", "WebhookSubscription", "AutomationRule"} <= set(redacted)
    assert {"KBTerm", "EmailMessage", "MailRate", "WebhookDelivery", "WebhookSignature"} <= set(manifest["left_out"])


def load_big_tenant(api: Client, tickets: int) -> Tenant:
    """Another tenant holding ``tickets`` tickets of 5 items each, written straight into the table."""
    from bench.lifecycle import _closed_tickets
    from chalicelib.local.snapshot import load_table

    globex = make_tenant(api, "globex")
    load_table(config.table_name(), _closed_tickets(globex.org_id, globex.user_id("customer"), tickets))
    return globex


def test_an_export_reads_only_its_own_tenant_and_never_scans(api: Client, acme: Tenant) -> None:
    from chalicelib.services import offboarding
    from chalicelib.store import metering

    load_big_tenant(api, 400)  # 2,400 items beside acme's few dozen
    for n in range(3):
        call(api, "POST", "/tickets", acme.token("customer"), {"subject": f"Small tenant ticket {n}"})
    started = call(api, "POST", "/organization/exports", acme.token("admin"))
    own = len(tenant_items(acme.org_id))
    with metering.metered() as calls:
        offboarding.advance(60)
    assert not [c for c in calls if c.operation == "Scan"]
    items_read = sum(c.items_read for c in calls)
    assert own <= items_read <= own + 10, (own, items_read)
    job = call(api, "GET", f"/organization/exports/{started.body['id']}", acme.token("admin")).body
    assert (job["state"], job["items"]) == ("done", own)


def test_an_export_holds_every_item_of_the_tenant_but_the_derived_ones_it_lists(
    api: Client, acme: Tenant, stream: Any
) -> None:
    """Completeness: the export plus the manifest's left-out families account for every item."""
    admin, manager = acme.token("admin"), acme.token("manager")
    rule = {
        "name": "Hook",
        "trigger_type": "ticket_created",
        "actions": [{"type": "call_webhook", "url": "https://hooks.example.com/r", "secret": "whsec-" + "r" * 26}],
    }
    assert call(api, "POST", "/automation-rules", manager, rule).status == 201
    pending = call(api, "POST", "/organization/support-addresses", admin, {"address": "help@acme-corp.example"})
    assert pending.status == 201, pending.body
    moved = call(api, "PATCH", f"/users/{acme.user_id('agent')}", admin, {"email": "agent.new@example.com"})
    assert moved.status == 200, moved.body
    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer jams", "description": "x"})
    number = ticket.body["ticket_number"]
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "On it"})
    call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": "solved"})
    category = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Printers"}).body
    article = call(
        api,
        "POST",
        "/kb/articles",
        acme.token("agent"),
        {"category_id": category["id"], "title": "Clearing jams", "content": "Open tray 2", "status": "published"},
    ).body
    call(api, "GET", f"/kb/articles/{article['id']}", acme.token("customer"))
    call(api, "POST", f"/kb/articles/{article['id']}/feedback", acme.token("customer"), {"helpful": True})
    call(api, "POST", "/sla-policies", manager, {"name": "Default", "first_response_hours": 4, "resolution_hours": 24})
    call(api, "POST", "/departments", manager, {"name": "Support"})
    assert (
        call(api, "POST", "/views", acme.token("agent"), {"name": "Mine", "filter": {"assignee": ["me"]}}).status == 201
    )
    order = call(api, "POST", "/work-orders", manager, {"title": "Boiler", "customer_id": acme.user_id("customer")})
    assert order.status == 201, order.body
    call(api, "POST", "/webhook-subscriptions", admin, {"url": "https://h.example.com/x", "events": ["ticket.created"]})
    call(api, "PUT", "/retention-policies/tickets", admin, {"retention_period_days": 365})
    secret = call(api, "POST", "/organization/webhook-secrets", admin).body["secret"]
    from chalicelib.domain.signing import signature

    body = json.dumps({"type": "ticket", "subject": "Sensor down", "customer_email": "ops@p.example"}).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Deskless-Signature": signature(secret, int(time.time()), body, "d-1"),
        "X-Deskless-Delivery": "d-1",
    }
    assert api.http.post("/channels/webhooks/acme", headers=headers, body=body).status_code == 201
    mail = (
        b"From: Casey <casey@customer.example>\r\nTo: support+acme@mail.deskless.local\r\n"
        b"Subject: Help\r\nMessage-ID: <m1@customer.example>\r\n\r\nHello\r\n"
    )
    deliver_mail(api, mail, "m1.eml")
    stream.drain()  # delivery logs of the subscription and of the rule's webhook

    _, rows, manifest = run_export(api, acme)
    exported = {(r["PK"]["S"], r["SK"]["S"]) for r in rows}
    stored = tenant_items(acme.org_id)
    missing = [
        (i["type"]["S"], i["PK"]["S"], i["SK"]["S"])
        for i in stored
        if (i["PK"]["S"], i["SK"]["S"]) not in exported
        and i["type"]["S"] not in manifest["left_out"]
        and i["type"]["S"] != "Session"  # exported under a pseudonymous key (the id is a token hash)
    ]
    assert missing == []
    left_out = {i["type"]["S"] for i in stored} & set(manifest["left_out"])
    assert {"EmailMessage", "MailRate", "WebhookDelivery", "WebhookSignature", "KBTerm"} <= left_out
    assert not {r["type"]["S"] for r in rows} & set(manifest["left_out"])
    exported_types = {r["type"]["S"] for r in rows}
    assert {"WebhookDeliveryLog", "SupportAddress", "SavedView", "ViewCount"} <= exported_types
    assert any(r["PK"]["S"].startswith(f"ORG#{acme.org_id}#RULEHOOK#") for r in rows)
    assert not any("pending_email_hash" in r or "code_hash" in r for r in rows)
    assert len([r for r in rows if r["type"]["S"] == "Session"]) == len(
        [i for i in stored if i["type"]["S"] == "Session"]
    )


def test_an_export_in_small_parts_resumes_after_a_crash_without_gaps_or_duplicates(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.services import offboarding
    from chalicelib.store import blobs, tenant_export

    admin = acme.token("admin")
    for n in range(4):
        ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": f"Ticket {n}"}).body
        call(api, "POST", f"/tickets/{ticket['ticket_number']}/comments", acme.token("agent"), {"content": "Hi"})
    for permission in ("tickets.view_all", "reports.read"):  # grant rows sort between the users
        grant = {"permission": permission}
        assert call(api, "POST", f"/users/{acme.user_id('agent')}/permissions", admin, grant).status == 201
    for n in range(3):
        hook = {"url": f"https://h{n}.example.com/x", "events": ["ticket.created"]}
        assert call(api, "POST", "/webhook-subscriptions", admin, hook).status == 201
    _, whole, _ = run_export(api, acme)

    monkeypatch.setattr(offboarding, "PAGE_ITEMS", 3)
    monkeypatch.setattr(tenant_export, "OWNERS_PER_QUERY", 2)
    real_put, puts = blobs.put_archive, []

    def crashes_on_the_fifth_part(key: str, data: bytes, metadata: dict[str, str], *args: Any) -> None:
        puts.append(key)
        if len(puts) == 5:
            raise RuntimeError("Lambda timed out")
        real_put(key, data, metadata, *args)

    monkeypatch.setattr(blobs, "put_archive", crashes_on_the_fifth_part)
    job, pieces, manifest = run_export(api, acme)
    assert len(job["parts"]) > 10
    keys = [(r["PK"]["S"], r["SK"]["S"]) for r in pieces]
    assert len(keys) == len(set(keys)), "no item twice"
    stable = {(r["PK"]["S"], r["SK"]["S"]) for r in whole if r["type"]["S"] not in ("TenantJob", "Session")}
    assert stable <= set(keys)
    assert manifest["items"] == len(pieces)
