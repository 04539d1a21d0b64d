"""Data lifecycle through the API and the schedule: the audit log, retention policies, and the
retention sweep end to end (archive verified before delete, crash between the two, no double
archive)."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Tenant, call, make_tenant, run_schedule


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def audit_log(api: Client, acme: Tenant, **query: str) -> list[dict[str, Any]]:
    text = "&".join(f"{k}={v}" for k, v in query.items())
    reply = call(api, "GET", f"/audit-log?{text}", acme.token("admin"))
    assert reply.status == 200, reply.body
    items: list[dict[str, Any]] = reply.body["items"]
    return items


def test_admin_actions_are_audited_once_with_who_and_where(api: Client, acme: Tenant) -> None:
    agent = acme.user_id("agent")
    ua = {"User-Agent": "audit-test/1.0"}
    granted = call(
        api, "POST", f"/users/{agent}/permissions", acme.token("admin"), {"permission": "tickets.view_all"}, ua
    )
    assert granted.status == 201, granted.body
    refused = call(api, "POST", f"/users/{agent}/permissions", acme.token("admin"), {"permission": "nope"})
    assert refused.status == 422
    promoted = call(api, "PATCH", f"/users/{agent}", acme.token("manager"), {"role": "manager"})
    assert promoted.status == 200
    policy = call(
        api,
        "POST",
        "/sla-policies",
        acme.token("manager"),
        {"name": "Gold", "first_response_hours": 1, "resolution_hours": 8},
    )
    assert policy.status == 201
    call(api, "DELETE", f"/sla-policies/{policy.body['id']}", acme.token("manager"))
    kept = call(
        api,
        "PUT",
        "/retention-policies/tickets",
        acme.token("admin"),
        {"retention_period_days": 400},
        {"If-Match": "0"},
    )
    assert (kept.status, kept.body["version"], kept.body["configured"]) == (200, 1, True)

    entries = audit_log(api, acme)
    assert [e["action"] for e in entries] == [
        "retention_policy.updated",
        "sla_policy.deleted",
        "sla_policy.created",
        "user.role_changed",
        "permission.granted",
    ]
    grant = entries[-1]
    assert (grant["actor_id"], grant["actor_role"], grant["target_id"]) == (acme.user_id("admin"), "admin", agent)
    assert grant["details"]["permission"] == "tickets.view_all"
    assert grant["user_agent"] == "audit-test/1.0"
    assert grant["request_id"]
    assert entries[-2]["details"] == {"from": "agent", "to": "manager"}
    assert [e["action"] for e in audit_log(api, acme, action="sla_policy.created")] == ["sla_policy.created"]
    assert call(api, "GET", "/audit-log", acme.token("manager")).status == 403
    assert call(api, "DELETE", "/audit-log", acme.token("admin")).status in (403, 404, 405)
    globex = make_tenant(api, "globex")
    assert call(api, "GET", "/audit-log", globex.token("admin")).body["items"] == []


def test_retention_policies_validate_and_version(api: Client, acme: Tenant) -> None:
    listed = call(api, "GET", "/retention-policies", acme.token("admin")).body["items"]
    assert [p["entity"] for p in listed] == [
        "tickets",
        "comments",
        "attachments",
        "history",
        "kb_views",
        "sessions",
        "work_orders",
    ]
    assert all(not p["configured"] and p["version"] == 0 for p in listed)
    assert call(api, "GET", "/retention-policies/invoices", acme.token("admin")).status == 404
    zero = call(api, "PUT", "/retention-policies/tickets", acme.token("admin"), {"retention_period_days": 0})
    assert zero.status == 422
    first = call(api, "PUT", "/retention-policies/sessions", acme.token("admin"), {"retention_period_days": 30})
    assert first.body["version"] == 1
    stale = call(
        api,
        "PUT",
        "/retention-policies/sessions",
        acme.token("admin"),
        {"retention_period_days": 60},
        {"If-Match": "0"},
    )
    assert (stale.status, stale.body["error"]["code"]) == (412, "precondition_failed")
    assert (
        call(api, "PUT", "/retention-policies/sessions", acme.token("manager"), {"retention_period_days": 9}).status
        == 403
    )


def closed_ticket(api: Client, acme: Tenant, subject: str, attachment: bool = False) -> str:
    created = call(api, "POST", "/tickets", acme.token("customer"), {"subject": subject, "description": "details"})
    number = str(created.body["ticket_number"])
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "We are on it."})
    if attachment:
        upload = call(
            api,
            "POST",
            f"/tickets/{number}/attachments",
            acme.token("customer"),
            {"file_name": "photo.png", "file_size": 4, "file_type": "image/png"},
        )
        assert upload.status == 201, upload.body
        key = upload.body["attachment"]["file_path"]
        boto3.client("s3").put_object(Bucket=config.attachments_bucket(), Key=key, Body=b"\x89PNG")
    for status in ("solved", "closed"):
        assert call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": status}).status == 200
    return number


def archives(prefix: str = "org/") -> dict[str, list[dict[str, Any]]]:
    s3 = boto3.client("s3")
    found = {}
    for entry in s3.list_objects_v2(Bucket=config.archive_bucket(), Prefix=prefix).get("Contents", []):
        body = s3.get_object(Bucket=config.archive_bucket(), Key=entry["Key"])["Body"].read()
        found[entry["Key"]] = [json.loads(line) for line in gzip.decompress(body).decode().splitlines()]
    return found


def test_expired_tickets_are_archived_then_deleted_with_their_files(api: Client, acme: Tenant) -> None:
    old = closed_ticket(api, acme, "Old printer question", attachment=True)
    key = f"org/{acme.org_id}/tickets/{old.split('-')[1]}/"
    still_open = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Still open"}).body["ticket_number"]
    body = {"retention_period_days": 30, "archive_before_delete": True}
    assert call(api, "PUT", "/retention-policies/tickets", acme.token("admin"), body).status == 200

    now = datetime.now(UTC)
    early = run_schedule(api, "retention_sweep_job", now + timedelta(days=29))
    assert (early["batches"], early["deleted"]) == (0, 0)
    assert call(api, "GET", f"/tickets/{old}", acme.token("admin")).status == 200

    report = run_schedule(api, "retention_sweep_job", now + timedelta(days=31))
    assert (report["batches"], report["files_deleted"], report["failures"]) == (1, 1, [])
    assert report["archived"] == report["deleted"] > 5  # ticket, comments, attachment, history, ...
    assert call(api, "GET", f"/tickets/{old}", acme.token("admin")).status == 404
    assert call(api, "GET", f"/tickets/{still_open}", acme.token("admin")).status == 200
    found = archives(f"org/{acme.org_id}/tickets/")
    assert len(found) == 1
    ((archive_key, rows),) = found.items()
    assert f"/{(now + timedelta(days=31)).date().isoformat()}/" in archive_key
    kinds = {r["type"]["S"] for r in rows}
    assert {"Ticket", "TicketComment", "TicketAttachment", "TicketHistory"} <= kinds
    assert len(rows) == report["archived"]
    s3 = boto3.client("s3")
    assert s3.list_objects_v2(Bucket=config.attachments_bucket(), Prefix=key).get("KeyCount", 0) == 0
    # Nothing of the ticket is left in the table.
    table = boto3.resource("dynamodb").Table(config.table_name())
    left = table.query(
        KeyConditionExpression="PK = :pk",
        ExpressionAttributeValues={":pk": f"ORG#{acme.org_id}#TICKET#{old.split('-')[1]}"},
    )
    assert left["Items"] == []
    again = run_schedule(api, "retention_sweep_job", now + timedelta(days=32))
    assert (again["batches"], again["archived"]) == (0, 0)


def test_a_crash_between_archive_and_delete_loses_nothing_and_archives_once(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    numbers = [closed_ticket(api, acme, f"Question {i}") for i in range(3)]
    body = {"retention_period_days": 7, "archive_before_delete": True}
    call(api, "PUT", "/retention-policies/tickets", acme.token("admin"), body)
    from chalicelib.store import retention as store

    real_delete = store.delete

    def crash(keys: Any) -> int:
        raise RuntimeError("power cut")

    monkeypatch.setattr(store, "delete", crash)
    when = datetime.now(UTC) + timedelta(days=8)
    crashed = run_schedule(api, "retention_sweep_job", when)
    assert crashed["failures"]
    assert "power cut" in crashed["failures"][0]
    assert crashed["archived"] > 0
    for number in numbers:
        assert call(api, "GET", f"/tickets/{number}", acme.token("admin")).status == 200  # nothing lost
    assert len(archives()) == 1

    monkeypatch.setattr(store, "delete", real_delete)
    resumed = run_schedule(api, "retention_sweep_job", when + timedelta(hours=1))
    assert (resumed["failures"], resumed["batches"], resumed["archived"]) == ([], 1, 0)  # finished, not re-archived
    assert resumed["deleted"] == crashed["archived"]
    for number in numbers:
        assert call(api, "GET", f"/tickets/{number}", acme.token("admin")).status == 404
    found = archives()
    assert len(found) == 1  # the same archive, written once
    assert {r["type"]["S"] for r in next(iter(found.values()))} >= {"Ticket", "TicketComment"}


def test_a_crash_before_the_archive_is_verified_rewrites_the_same_archive(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed_ticket(api, acme, "Question")
    call(api, "PUT", "/retention-policies/tickets", acme.token("admin"), {"retention_period_days": 1})
    from chalicelib.store import retention as store

    real_save = store.save_batch
    monkeypatch.setattr(store, "save_batch", lambda batch: (_ for _ in ()).throw(RuntimeError("crash")))
    when = datetime.now(UTC) + timedelta(days=2)
    assert run_schedule(api, "retention_sweep_job", when)["failures"]
    first = archives()
    monkeypatch.setattr(store, "save_batch", real_save)
    done = run_schedule(api, "retention_sweep_job", when)
    assert done["failures"] == []
    assert archives() == first  # rewritten under the same key with the same bytes: still one archive


def test_views_and_sessions_expire_without_an_archive(api: Client, acme: Tenant) -> None:
    category = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Help"}).body["id"]
    article = call(
        api,
        "POST",
        "/kb/articles",
        acme.token("agent"),
        {"category_id": category, "title": "Reset", "content": "x", "status": "published"},
    ).body
    call(api, "GET", f"/kb/articles/{article['id']}", acme.token("customer"))
    for entity in ("kb_views", "sessions"):
        body = {"retention_period_days": 1, "archive_before_delete": False}
        assert call(api, "PUT", f"/retention-policies/{entity}", acme.token("admin"), body).status == 200
    when = datetime.now(UTC) + timedelta(days=2)
    archived = deleted = 0
    for _ in range(10):  # the test client gives a run about a second: a slow machine needs a few
        report = run_schedule(api, "retention_sweep_job", when)
        archived, deleted = archived + report["archived"], deleted + report["deleted"]
        if report["finished"]:
            break
    assert report["finished"]
    assert archived == 0
    assert deleted >= 7  # one view and the six people's sessions
    assert archives() == {}
    assert call(api, "GET", "/auth/me", acme.token("admin")).status == 401  # their sessions are gone
    assert call(api, "GET", f"/kb/articles/{article['id']}", acme.token("customer")).status == 401


def test_anonymising_retention_keeps_the_structure_without_personal_data(api: Client, acme: Tenant) -> None:
    created = call(
        api,
        "POST",
        "/tickets",
        acme.token("customer"),
        {"subject": "Call me on +44 20 7946 0958 or mail jo@private.example", "description": "My address is 1 Elm St"},
    )
    number = created.body["ticket_number"]
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "Dear Jo, we called you."})
    for status in ("solved", "closed"):
        call(api, "PATCH", f"/tickets/{number}", acme.token("agent"), {"status": status})
    body = {"retention_period_days": 10, "archive_before_delete": False, "anonymize_personal_data": True}
    assert call(api, "PUT", "/retention-policies/tickets", acme.token("admin"), body).status == 200
    when = datetime.now(UTC) + timedelta(days=11)
    report = run_schedule(api, "retention_sweep_job", when)
    assert (report["deleted"], report["failures"]) == (0, [])
    assert report["anonymized"] > 3
    ticket = call(api, "GET", f"/tickets/{number}", acme.token("admin")).body
    assert (ticket["status"], ticket["customer_id"], ticket["priority"]) == (
        "closed",
        acme.user_id("customer"),
        "normal",
    )
    assert ticket["time_to_resolution"] is not None  # metrics kept
    assert ticket["description"] == "[redacted]"
    assert "jo@private.example" not in ticket["subject"]
    assert "7946" not in ticket["subject"]
    assert ticket["subject"].startswith("Call me on [phone] or mail person-")
    assert [c["content"] for c in ticket["comments"]] == ["[redacted]"]
    history = call(api, "GET", f"/tickets/{number}/history?limit=100", acme.token("admin")).body["items"]
    assert all(h["ip_address"] is None and h["user_agent"] is None for h in history)
    dump = json.dumps(table_dump(), default=str)
    assert "jo@private.example" not in dump
    assert "1 Elm St" not in dump
    again = run_schedule(api, "retention_sweep_job", when + timedelta(days=1))
    assert again["anonymized"] == 0  # out of the retention index: done once


def table_dump() -> list[dict[str, Any]]:
    """Every item of the table (a test's view of the whole store: boto3, not the metered clients)."""
    table = boto3.resource("dynamodb").Table(config.table_name())
    items, page = [], table.scan()
    items += page["Items"]
    while "LastEvaluatedKey" in page:
        page = table.scan(ExclusiveStartKey=page["LastEvaluatedKey"])
        items += page["Items"]
    return items


def everything_stored() -> str:
    """The whole table and every object of every bucket, as one text (for searching personal data)."""
    text = [json.dumps(table_dump(), default=str)]
    s3 = boto3.client("s3")
    for bucket in (config.attachments_bucket(), config.inbound_mail_bucket(), config.archive_bucket()):
        for entry in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            body = s3.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
            text.append(entry["Key"])
            text.append(gzip.decompress(body).decode() if body[:2] == b"\x1f\x8b" else body.decode(errors="replace"))
    return "\n".join(text).lower()


def test_a_person_is_exported_then_erased_everywhere(api: Client, acme: Tenant) -> None:
    from tests.api.helpers import PASSWORD, login

    email = "zebedee.quux@private.example"
    person = call(
        api,
        "POST",
        "/users",
        acme.token("admin"),
        {
            "email": email,
            "first_name": "Zebedee",
            "last_name": "Quux",
            "role": "customer",
            "password": PASSWORD,
            "phone": "+44 20 7946 0123",
        },
    )
    assert person.status == 201, person.body
    person_id = person.body["id"]
    token = login(api, "acme", email)
    first = call(
        api, "POST", "/tickets", token, {"subject": "Zebedee Quux: printer broken", "description": "Call Zebedee"}
    )
    number = first.body["ticket_number"]
    call(api, "POST", f"/tickets/{number}/comments", acme.token("agent"), {"content": "Hi Zebedee, on our way."})
    call(
        api,
        "POST",
        f"/tickets/{number}/comments",
        acme.token("agent"),
        {"content": "Quux is a VIP", "comment_type": "internal"},
    )
    upload = call(
        api,
        "POST",
        f"/tickets/{number}/attachments",
        token,
        {"file_name": "quux.png", "file_size": 4, "file_type": "image/png"},
    )
    boto3.client("s3").put_object(
        Bucket=config.attachments_bucket(), Key=upload.body["attachment"]["file_path"], Body=b"zebedee"
    )
    second = call(api, "POST", "/tickets", token, {"subject": "Another one from zebedee.quux@private.example"})
    assert call(api, "DELETE", f"/tickets/{second.body['ticket_number']}", acme.token("admin")).status == 204
    order = call(
        api,
        "POST",
        "/work-orders",
        acme.token("manager"),
        {
            "title": "Visit Zebedee",
            "customer_id": person_id,
            "location": {"address": "7 Quux Lane", "postal_code": "N1 9GU"},
        },
    )
    assert order.status == 201
    category = call(api, "POST", "/kb/categories", acme.token("agent"), {"name": "Help"}).body["id"]
    article = call(
        api,
        "POST",
        "/kb/articles",
        acme.token("agent"),
        {"category_id": category, "title": "Printers", "content": "x", "status": "published"},
    ).body
    call(api, "GET", f"/kb/articles/{article['id']}", token, headers={"User-Agent": "ZebedeeBrowser/1"})

    from tests.api.helpers import deliver_mail

    raw = (
        b"From: Zebedee Quux <zebedee.quux@private.example>\r\nTo: support+acme@mail.deskless.local\r\n"
        b"Subject: Mailed in\r\nMessage-ID: <zq-1@private.example>\r\nContent-Type: text/plain\r\n\r\n"
        b"Regards, Zebedee Quux, +44 20 7946 0123\r\n"
    )
    assert deliver_mail(api, raw, "zq-1.eml")["action"] == "created"
    assert call(api, "POST", f"/users/{person_id}/export", acme.token("customer")).status == 404  # not theirs
    exported = call(api, "POST", f"/users/{person_id}/export", token)
    assert exported.status == 201, exported.body
    assert exported.body["counts"] == {"tickets": 3, "work_orders": 1, "sessions": 1, "kb_views": 1, "permissions": 0}
    document = json.loads(
        boto3.client("s3").get_object(Bucket=config.archive_bucket(), Key=exported.body["key"])["Body"].read()
    )
    assert document["profile"]["email"] == email
    assert "password_hash" not in document["profile"]
    mine = next(t for t in document["tickets"] if t["ticket_number"] == number)
    assert [c["content"] for c in mine["comments"]] == ["Hi Zebedee, on our way."]  # customers: public ones
    assert mine["attachments"][0]["file_name"] == "quux.png"
    assert document["kb_views"][0]["user_agent"] == "ZebedeeBrowser/1"
    assert "zebedee" in everything_stored()

    assert call(api, "POST", f"/users/{person_id}/anonymize", acme.token("manager")).status == 403
    erased = call(api, "POST", f"/users/{person_id}/anonymize", acme.token("admin"))
    assert erased.status == 200, erased.body
    assert (erased.body["tickets"], erased.body["work_orders"], erased.body["files_deleted"]) == (3, 1, 2)
    assert erased.body["exports_deleted"] == 1
    stored = everything_stored()
    for trace in ("zebedee", "quux", "7946 0123", "quux lane", "zebedeebrowser"):
        at = stored.find(trace)
        assert at < 0, (trace, stored[max(0, at - 300) : at + 100])
    kept = call(api, "GET", f"/tickets/{number}", acme.token("admin")).body
    assert (kept["status"], kept["customer_id"]) == ("new", person_id)  # structure kept
    assert (
        call(api, "POST", "/auth/login", body={"organization": "acme", "email": email, "password": PASSWORD}).status
        == 401
    )
    actions = [e["action"] for e in audit_log(api, acme)]
    assert actions[:2] == ["user.anonymized", "user.exported"]


def tenant_items(org_id: str) -> list[dict[str, Any]]:
    """The tenant's items but the rate limiter's request counters (the export leaves them out)."""
    return [i for i in table_dump() if str(i["PK"]).startswith(f"ORG#{org_id}") and i.get("type") != "RateWindow"]


def test_offboarding_exports_then_deletes_the_whole_tenant_in_pages(
    api: Client, acme: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.services import offboarding

    globex = make_tenant(api, "globex")
    closed_ticket(api, acme, "Keep me in the export", attachment=True)
    call(api, "POST", "/tickets", globex.token("customer"), {"subject": "Globex stays"})
    admin = acme.token("admin")
    assert call(api, "POST", "/organization/offboarding", admin, {"export_id": "nope"}).body["error"]["code"] == (
        "export_required"
    )
    monkeypatch.setattr(offboarding, "PAGE_ITEMS", 10)  # many small pages: every run resumes the last
    started = call(api, "POST", "/organization/exports", admin)
    assert (started.status, started.body["state"]) == (202, "running")
    export_id = started.body["id"]
    before = len(tenant_items(acme.org_id))
    runs = 0
    while call(api, "GET", f"/organization/exports/{export_id}", admin).body["state"] == "running":
        run_schedule(api, "tenant_jobs_job", datetime.now(UTC))
        runs += 1
        assert runs < 5
    export = call(api, "GET", f"/organization/exports/{export_id}", admin).body
    assert export["items"] == sum(p["items"] for p in export["parts"]) >= before
    assert export["pages"] > 3
    rows = []
    for part in export["parts"]:
        body = boto3.client("s3").get_object(Bucket=config.archive_bucket(), Key=part["key"])["Body"].read()
        rows += [json.loads(line) for line in gzip.decompress(body).decode().splitlines()]
    assert {r["PK"]["S"].split("#")[1] for r in rows} == {acme.org_id}  # only this tenant's items
    assert any(r["type"]["S"] == "Ticket" for r in rows)

    token = call(api, "POST", "/organization/offboarding", admin, {"export_id": export_id})
    assert token.status == 201, token.body
    wrong = call(api, "POST", "/organization/offboarding/confirm", admin, {"confirmation_token": "offboard_guess"})
    assert (wrong.status, wrong.body["error"]["code"]) == (403, "invalid_confirmation")
    assert call(api, "POST", "/organization/offboarding", acme.token("manager"), {"export_id": export_id}).status == 403
    confirmed = call(
        api,
        "POST",
        "/organization/offboarding/confirm",
        admin,
        {"confirmation_token": token.body["confirmation_token"]},
    )
    assert (confirmed.status, confirmed.body["kind"]) == (202, "delete")
    assert call(api, "POST", "/organization/restore", admin).status == 409  # no way back mid-deletion
    from chalicelib.store import tenant_jobs

    real_delete, calls = tenant_jobs.delete_raw, []

    def dies_on_the_third_page(keys: Any) -> int:
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("Lambda timed out")
        return real_delete(keys)

    monkeypatch.setattr(tenant_jobs, "delete_raw", dies_on_the_third_page)
    assert offboarding.advance(30)["failures"] == 1
    (stopped,) = [j for j in tenant_jobs.running_jobs() if j.org_id == acme.org_id]
    assert (stopped.pages, stopped.cursor is not None) == (2, True)  # two pages done, the rest waits
    assert tenant_items(acme.org_id)
    monkeypatch.setattr(tenant_jobs, "delete_raw", real_delete)
    for _ in range(10):
        run_schedule(api, "tenant_jobs_job", datetime.now(UTC))
        if not tenant_items(acme.org_id):
            break
    assert tenant_items(acme.org_id) == []
    s3 = boto3.client("s3")
    assert s3.list_objects_v2(Bucket=config.attachments_bucket(), Prefix=f"org/{acme.org_id}/").get("KeyCount") == 0
    kept = s3.list_objects_v2(Bucket=config.archive_bucket(), Prefix=f"exports/{acme.org_id}/tenant/{export_id}/")
    assert kept["KeyCount"] == len(export["parts"]) + 1  # the export (parts, manifest) outlives the organization
    table = boto3.resource("dynamodb").Table(config.table_name())
    record = table.get_item(Key={"PK": f"PLATFORM#OFFBOARDED#{acme.org_id}", "SK": "RECORD"})["Item"]
    assert json.loads(record["data"])["export_id"] == export_id
    # The slug is free again, and the other tenant is untouched.
    assert make_tenant(api, "acme").org_id != acme.org_id
    assert call(api, "GET", "/tickets?view=all", globex.token("admin")).body["items"][0]["subject"] == "Globex stays"


def test_deleted_policies_rules_and_customers_leave_every_list_and_come_back(api: Client, acme: Tenant) -> None:
    manager = acme.token("manager")
    policy = call(
        api, "POST", "/sla-policies", manager, {"name": "Gold", "first_response_hours": 1, "resolution_hours": 8}
    )
    rule = call(
        api,
        "POST",
        "/automation-rules",
        manager,
        {"name": "Tag", "trigger_type": "ticket_created", "actions": [{"type": "add_tags", "tags": ["x"]}]},
    )
    customer = call(api, "POST", "/customers", manager, {"company": "Acme Corp", "user_id": acme.user_id("customer")})
    category = call(api, "POST", "/kb/categories", manager, {"name": "Old"})
    hook = call(
        api,
        "POST",
        "/webhook-subscriptions",
        acme.token("admin"),
        {"url": "https://hooks.example.com/x", "events": ["ticket.created"]},
    )
    assert hook.status == 201, hook.body
    cases = [
        (f"/sla-policies/{policy.body['id']}", "/sla-policies"),
        (f"/automation-rules/{rule.body['id']}", "/automation-rules"),
        (f"/customers/{customer.body['id']}", "/customers"),
        (f"/kb/categories/{category.body['id']}", "/kb/categories"),
        (f"/webhook-subscriptions/{hook.body['id']}", "/webhook-subscriptions"),
    ]
    for path, listing in cases:
        token = acme.token("admin") if "webhook" in path else manager
        assert call(api, "DELETE", path, token).status in (200, 204)
        if "kb/categories" not in path:  # categories have no single GET
            assert call(api, "GET", path, token).status == 404
        assert path.rsplit("/", 1)[1] not in json.dumps(call(api, "GET", listing, token).body)
        restored = call(api, "POST", f"{path}/restore", token)
        assert (restored.status, restored.body["is_active"]) == (200, True), restored.body
        assert path.rsplit("/", 1)[1] in json.dumps(call(api, "GET", listing, token).body)
    # A deleted policy is not matched; restored, it is again.
    call(api, "DELETE", cases[0][0], manager)
    plain = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "No policy"}).body
    assert plain["sla_policy_id"] is None
    call(api, "POST", f"{cases[0][0]}/restore", manager)
    gold = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Gold"}).body
    assert gold["sla_policy_id"] == policy.body["id"]
    actions = [e["action"] for e in audit_log(api, acme)]
    for kind in ("sla_policy", "automation_rule", "customer", "webhook_subscription"):
        assert f"{kind}.deleted" in actions
        assert f"{kind}.restored" in actions
