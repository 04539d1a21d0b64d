"""Merging tickets (``POST /tickets/{n}/merge``, ``.../merge/preview``) and splitting a comment off
(``POST /tickets/{n}/comments/{id}/split``) through HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def open_ticket(api: Client, tenant: Tenant, role: str = "customer", **body: Any) -> dict[str, Any]:
    payload = {"subject": "Printer offline", "description": "It shows E-52.", **body}
    if not role.startswith("customer") and "customer_id" not in payload:
        payload["customer_id"] = tenant.user_id("customer")
    reply = call(api, "POST", "/tickets", tenant.token(role), payload)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body
    return result


def comment(api: Client, tenant: Tenant, role: str, number: str, content: str, kind: str = "public") -> str:
    reply = call(
        api, "POST", f"/tickets/{number}/comments", tenant.token(role), {"content": content, "comment_type": kind}
    )
    assert reply.status == 201, reply.body
    return str(reply.body["comment"]["id"])


def attach(api: Client, tenant: Tenant, role: str, number: str, comment_id: str | None = None) -> dict[str, Any]:
    body = {"file_name": "photo.png", "file_type": "image/png", "file_size": 5, "comment_id": comment_id}
    reply = call(api, "POST", f"/tickets/{number}/attachments", tenant.token(role), body)
    assert reply.status == 201, reply.body
    result: dict[str, Any] = reply.body["attachment"]
    return result


def comments_of(api: Client, tenant: Tenant, number: str, role: str = "agent") -> list[dict[str, Any]]:
    reply = call(api, "GET", f"/tickets/{number}/comments?limit=100", tenant.token(role))
    assert reply.status == 200, reply.body
    items: list[dict[str, Any]] = reply.body["items"]
    return items


def history_of(api: Client, tenant: Tenant, number: str) -> list[dict[str, Any]]:
    reply = call(api, "GET", f"/tickets/{number}/history?limit=100", tenant.token("manager"))
    assert reply.status == 200, reply.body
    items: list[dict[str, Any]] = reply.body["items"]
    return items


def merge(api: Client, tenant: Tenant, target: str, sources: list[str], role: str = "agent", **extra: Any) -> Any:
    return call(api, "POST", f"/tickets/{target}/merge", tenant.token(role), {"source_numbers": sources, **extra})


def test_merge_moves_comments_in_time_order_and_closes_the_source(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme, subject="Printer offline")["ticket_number"]
    source = open_ticket(api, acme, "customer2", subject="Printer still offline", description="Same here.")
    source_number = source["ticket_number"]
    first = comment(api, acme, "customer2", source_number, "Any news?")
    second = comment(api, acme, "agent", target, "Looking into it.")
    third = comment(api, acme, "agent", source_number, "Checking the toner.", "internal")

    reply = merge(api, acme, target, [source_number], note="Same printer.")

    assert reply.status == 200, reply.body
    assert reply.body["merged"] == [source_number]
    ticket = reply.body["ticket"]
    assert ticket["merged_from"] == [source_number]
    assert ticket["cc_emails"] == ["customer2@example.com"]  # the source's requester keeps hearing
    moved = comments_of(api, acme, target)
    assert [(c["content"], c["merged_from"]) for c in moved] == [
        ("Same here.", source_number),  # the source's description, at its time
        ("Any news?", source_number),
        ("Looking into it.", None),
        ("Checking the toner.", source_number),
        (f"{source_number} was merged into this ticket.\n\nSame printer.", None),
    ]
    assert [c["id"] for c in moved][1:4] == [first, second, third]
    closed = call(api, "GET", f"/tickets/{source_number}", acme.token("agent")).body
    assert closed["status"] == "closed"
    assert closed["merged_into"] == target
    assert closed["comments"][-1]["comment_type"] == "internal"
    assert closed["comments"][-1]["content"] == f"Merged into {target}.\n\nSame printer."
    target_history = [(h["field_name"], h["change_type"], h["new_value"]) for h in history_of(api, acme, target)]
    assert ("merged_from", "merged", f'["{source_number}"]') in target_history
    source_history = [(h["field_name"], h["change_type"], h["new_value"]) for h in history_of(api, acme, source_number)]
    assert ("merged_into", "merged", target) in source_history
    assert ("status", "status_changed", "closed") in source_history


def test_customers_see_the_public_moved_comments_only(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme, description="Again.")["ticket_number"]
    comment(api, acme, "agent", source, "Internal guess.", "internal")
    assert merge(api, acme, target, [source]).status == 200

    seen = [c["content"] for c in comments_of(api, acme, target, "customer")]

    assert seen == ["Again."]


def test_attachments_of_a_source_download_from_the_target(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    note = comment(api, acme, "customer", source, "Photo attached.")
    file = attach(api, acme, "customer", source, note)
    assert merge(api, acme, target, [source]).status == 200

    detail = call(api, "GET", f"/tickets/{target}", acme.token("customer")).body
    download = call(api, "GET", f"/tickets/{target}/attachments/{file['id']}", acme.token("customer"))

    assert [(a["id"], a["file_path"], a["ticket_number"]) for a in detail["attachments"]] == [
        (file["id"], file["file_path"], target)
    ]
    assert download.status == 200, download.body
    assert download.body["attachment"]["file_path"] == file["file_path"]
    listed = call(api, "GET", f"/tickets/{target}/comments/{note}/attachments", acme.token("customer"))
    assert [a["id"] for a in listed.body["items"]] == [file["id"]]


def test_merging_again_answers_the_same_without_a_second_copy(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    comment(api, acme, "customer", source, "Hello?")
    first = merge(api, acme, target, [source])

    again = merge(api, acme, target, [source])

    assert again.status == 200, again.body
    assert again.body["merged"] == [source]
    assert again.body["ticket"]["version"] == first.body["ticket"]["version"]
    assert [c["content"] for c in comments_of(api, acme, target)].count("Hello?") == 1


def test_an_idempotency_key_replays_the_merge_answer(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    headers = {"Idempotency-Key": "merge-1"}
    body = {"source_numbers": [source]}

    first = call(api, "POST", f"/tickets/{target}/merge", acme.token("agent"), body, headers)
    second = call(api, "POST", f"/tickets/{target}/merge", acme.token("agent"), body, headers)

    assert first.status == second.status == 200
    assert second.body == first.body


def test_preview_tells_what_would_move_and_writes_nothing(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)
    source = open_ticket(api, acme, "customer2", description="Same.")
    comment(api, acme, "customer2", source["ticket_number"], "Any news?")
    attach(api, acme, "customer2", source["ticket_number"])

    reply = call(
        api,
        "POST",
        f"/tickets/{target['ticket_number']}/merge/preview",
        acme.token("agent"),
        {"source_numbers": [source["ticket_number"]]},
    )

    assert reply.status == 200, reply.body
    body = reply.body
    assert (body["comments"], body["attachments"]) == (2, 1)
    assert body["cc_emails"] == ["customer2@example.com"]
    assert [w["code"] for w in body["warnings"]] == ["different_requester"]
    assert body["target"]["ticket_number"] == target["ticket_number"]
    assert [s["ticket_number"] for s in body["sources"]] == [source["ticket_number"]]
    unchanged = call(api, "GET", f"/tickets/{source['ticket_number']}", acme.token("agent")).body
    assert unchanged["merged_into"] is None
    assert unchanged["version"] == source["version"] + 2


def test_merge_refusals(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    other = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    assert merge(api, acme, other, [source]).status == 200

    into_itself = merge(api, acme, target, [target])
    elsewhere = merge(api, acme, target, [source])
    missing = merge(api, acme, target, ["T-999"])
    merged_target = merge(api, acme, source, [target])

    assert (into_itself.status, into_itself.body["error"]["code"]) == (422, "invalid_merge")
    assert (elsewhere.status, elsewhere.body["error"]["code"]) == (409, "already_merged")
    assert elsewhere.body["error"]["details"][0]["merged_into"] == other
    assert (missing.status, missing.body["error"]["code"]) == (404, "ticket_not_found")
    assert (merged_target.status, merged_target.body["error"]["code"]) == (422, "invalid_merge")
    assert call(api, "GET", f"/tickets/{target}", acme.token("agent")).body["merged_from"] == []


def test_a_refused_source_refuses_the_whole_request_before_any_write(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    good = open_ticket(api, acme)["ticket_number"]
    deleted = open_ticket(api, acme)["ticket_number"]
    assert call(api, "DELETE", f"/tickets/{deleted}", acme.token("admin")).status == 204

    reply = merge(api, acme, target, [good, deleted], role="admin")

    assert (reply.status, reply.body["error"]["code"]) == (422, "invalid_merge")
    assert call(api, "GET", f"/tickets/{good}", acme.token("agent")).body["merged_into"] is None


def test_a_reply_to_a_merged_ticket_lands_on_the_target(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    assert merge(api, acme, target, [source]).status == 200

    reply = call(api, "POST", f"/tickets/{source}/comments", acme.token("customer"), {"content": "Still broken"})

    assert reply.status == 201, reply.body
    assert reply.body["ticket"]["ticket_number"] == target
    assert reply.headers["Location"].startswith(f"/tickets/{target}/comments/")
    assert comments_of(api, acme, target)[-1]["content"] == "Still broken"


def test_the_source_leaves_the_open_queues_and_the_list_shows_it_closed(api: Client, acme: Tenant) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    assert merge(api, acme, target, [source]).status == 200

    open_now = call(api, "GET", "/tickets?status=new", acme.token("manager")).body["items"]
    closed_now = call(api, "GET", "/tickets?status=closed", acme.token("manager")).body["items"]

    assert [t["ticket_number"] for t in open_now] == [target]
    assert [(t["ticket_number"], t["merged_into"]) for t in closed_now] == [(source, target)]
    counts = call(api, "GET", "/tickets/counts", acme.token("manager")).body
    assert counts["all"]["total"] == 1


def test_split_opens_a_ticket_from_a_comment_once(api: Client, acme: Tenant) -> None:
    original = open_ticket(api, acme)["ticket_number"]
    question = comment(api, acme, "customer", original, "Also: my scanner jams.")
    file = attach(api, acme, "customer", original, question)

    first = call(
        api, "POST", f"/tickets/{original}/comments/{question}/split", acme.token("agent"), {"subject": "Scanner"}
    )
    again = call(api, "POST", f"/tickets/{original}/comments/{question}/split", acme.token("agent"), {})

    assert first.status == 201, first.body
    created = first.body
    assert first.headers["Location"] == f"/tickets/{created['ticket_number']}"
    assert (created["subject"], created["description"], created["split_from"]) == (
        "Scanner",
        "Also: my scanner jams.",
        original,
    )
    assert created["customer_id"] == acme.user_id("customer")
    assert again.status == 201
    assert again.body["ticket_number"] == created["ticket_number"]
    source = call(api, "GET", f"/tickets/{original}", acme.token("agent")).body
    assert source["split_into"] == [created["ticket_number"]]
    detail = call(api, "GET", f"/tickets/{created['ticket_number']}", acme.token("customer")).body
    assert [(a["file_path"], a["comment_id"]) for a in detail["attachments"]] == [(file["file_path"], None)]
    assert ("split_from", "split") in [
        (h["field_name"], h["change_type"]) for h in history_of(api, acme, created["ticket_number"])
    ]
    assert ("split_into", "split") in [(h["field_name"], h["change_type"]) for h in history_of(api, acme, original)]


def test_splitting_an_internal_note_keeps_it_internal(api: Client, acme: Tenant) -> None:
    original = open_ticket(api, acme)["ticket_number"]
    note = comment(api, acme, "agent", original, "Secret: the customer's other site is down too.", "internal")

    reply = call(api, "POST", f"/tickets/{original}/comments/{note}/split", acme.token("agent"), {})

    assert reply.status == 201, reply.body
    created = reply.body["ticket_number"]
    assert "Secret" not in reply.body["description"]
    assert reply.body["subject"].startswith(f"Split from {original}: ")
    assert comments_of(api, acme, created, "customer") == []
    staff = comments_of(api, acme, created)
    assert [(c["content"], c["comment_type"]) for c in staff] == [
        ("Secret: the customer's other site is down too.", "internal")
    ]
