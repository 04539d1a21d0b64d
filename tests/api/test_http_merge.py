"""Merging tickets (``POST /tickets/{n}/merge``, ``.../merge/preview``) and splitting a comment off
(``POST /tickets/{n}/comments/{id}/split``) through HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, all_tickets, call, deliver_mail, make_tenant


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

    assert [(a["id"], a["file_path"], a["ticket_number"], a["merged_from"]) for a in detail["attachments"]] == [
        (file["id"], file["file_path"], target, source)
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


MAIL = Path(__file__).resolve().parents[1] / "events" / "email"


def test_a_mail_reply_to_a_merged_ticket_lands_on_the_target(api: Client, acme: Tenant) -> None:
    source = deliver_mail(api, (MAIL / "plain.eml").read_bytes(), "m1")["ticket_number"]
    casey = call(api, "GET", f"/tickets/{source}", acme.token("admin")).body["customer_id"]
    target = open_ticket(api, acme, "agent", customer_id=casey)["ticket_number"]
    assert merge(api, acme, target, [source]).status == 200

    by_message_id = deliver_mail(api, (MAIL / "reply_quoted.eml").read_bytes(), "m2")
    token = (MAIL / "subject_token.eml").read_bytes().replace(b"[T-1]", f"[{source}]".encode())
    by_token = deliver_mail(api, token, "m3")

    assert (by_message_id["action"], by_message_id["ticket_number"]) == ("commented", target)
    assert (by_token["action"], by_token["ticket_number"]) == ("commented", target)
    contents = [c["content"] for c in comments_of(api, acme, target)]
    assert contents[-2] == "It is still smoking."
    assert contents[-1].startswith("Any news on this one?")
    assert len(all_tickets(api, acme)) == 2


def test_webhooks_get_ticket_merged_and_rules_run_on_ticket_merged(api: Client, acme: Tenant, stream: Any) -> None:
    hook = call(
        api,
        "POST",
        "/webhook-subscriptions",
        acme.token("admin"),
        {"url": "http://127.0.0.1:9/events", "events": ["ticket.merged", "comment.added"]},
    )
    assert hook.status == 201, hook.body
    rule = call(
        api,
        "POST",
        "/automation-rules",
        acme.token("manager"),
        {
            "name": "Merged",
            "trigger_type": "ticket_merged",
            "actions": [{"type": "add_tags", "tags": ["had-duplicates"]}],
        },
    )
    assert rule.status == 201, rule.body
    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    comment(api, acme, "customer", source, "Me too.")
    stream.drain()
    before = call(api, "GET", f"/webhook-subscriptions/{hook.body['id']}/deliveries", acme.token("admin")).body["items"]

    assert merge(api, acme, target, [source]).status == 200
    stream.drain()

    deliveries = call(api, "GET", f"/webhook-subscriptions/{hook.body['id']}/deliveries", acme.token("admin")).body
    new = [d for d in deliveries["items"] if d["id"] not in {b["id"] for b in before}]
    # The merge's copies of comments are not announced again; its notes are comments like any.
    assert sorted(d["event"] for d in new) == ["comment.added", "comment.added", "ticket.merged"]
    merged = next(d["payload"] for d in new if d["event"] == "ticket.merged")
    assert merged["ticket"]["ticket_number"] == target
    assert merged["data"] == {"merged": [source]}
    assert "had-duplicates" in call(api, "GET", f"/tickets/{target}", acme.token("admin")).body["tags"]
    assert "had-duplicates" not in call(api, "GET", f"/tickets/{source}", acme.token("admin")).body["tags"]


def test_a_source_with_more_comments_than_one_transaction_moves_whole(api: Client, acme: Tenant) -> None:
    from chalicelib.store import transactions

    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    for n in range(120):
        comment(api, acme, "agent", source, f"note {n}", "internal")
    written: list[int] = []
    original = transactions.transact_write

    def counting(operations: Any) -> None:
        written.append(len(operations))
        original(operations)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("chalicelib.store.merge.transact_write", counting)
        reply = merge(api, acme, target, [source])

    assert reply.status == 200, reply.body
    assert len(written) == 2
    assert max(written) <= 100
    page = call(api, "GET", f"/tickets/{target}/comments?limit=100", acme.token("agent")).body
    rest = call(
        api, "GET", f"/tickets/{target}/comments?limit=100&cursor={page['next_cursor']}", acme.token("agent")
    ).body
    every = [c["content"] for c in page["items"] + rest["items"] if c["merged_from"] == source]
    assert every == ["It shows E-52."] + [f"note {n}" for n in range(120)]


def test_a_merge_that_fails_half_way_leaves_nothing_visible_and_a_retry_completes_it(api: Client, acme: Tenant) -> None:
    from chalicelib.domain.errors import Conflict
    from chalicelib.store import transactions
    from chalicelib.store.tickets import TicketItem

    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    for n in range(110):
        comment(api, acme, "agent", source, f"note {n}", "internal")
    original = transactions.transact_write

    copies_written: list[int] = []

    def last_fails(operations: Any) -> None:
        if any(isinstance(getattr(op, "item", None), TicketItem) for op in operations):  # the final one
            raise Conflict("A concurrent change.", code="ticket_closed")
        copies_written.append(len(operations))
        original(operations)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("chalicelib.store.merge.transact_write", last_fails)
        failed = merge(api, acme, target, [source])

    assert failed.status == 409
    assert copies_written  # the copies that did not fit the final transaction were written first
    assert [c["merged_from"] for c in comments_of(api, acme, target)] == []
    detail = call(api, "GET", f"/tickets/{target}", acme.token("agent")).body
    assert (detail["comments"], detail["merged_from"]) == ([], [])

    again = merge(api, acme, target, [source])

    assert again.status == 200, again.body
    page = call(api, "GET", f"/tickets/{target}/comments?limit=100", acme.token("agent")).body
    rest = call(
        api, "GET", f"/tickets/{target}/comments?limit=100&cursor={page['next_cursor']}", acme.token("agent")
    ).body
    assert len([c for c in page["items"] + rest["items"] if c["merged_from"] == source]) == 111


def test_the_sources_sla_deadlines_go_and_the_targets_stay(api: Client, acme: Tenant) -> None:
    from chalicelib.store.keys import tenant_key
    from chalicelib.store.table import TableItem

    policy = {"name": "Fast", "first_response_hours": 1, "resolution_hours": 8}
    assert call(api, "POST", "/sla-policies", acme.token("manager"), policy).status == 201
    target = open_ticket(api, acme)
    source = open_ticket(api, acme)

    preview = call(
        api,
        "POST",
        f"/tickets/{target['ticket_number']}/merge/preview",
        acme.token("agent"),
        {"source_numbers": [source["ticket_number"]]},
    )
    assert [w["code"] for w in preview.body["warnings"]] == ["source_has_sla"]
    assert merge(api, acme, target["ticket_number"], [source["ticket_number"]]).status == 200

    def deadlines(ticket: dict[str, Any]) -> list[str]:
        pk = tenant_key(acme.org_id, "TICKET", ticket["number"])
        return sorted(str(i.SK) for i in TableItem.query(pk, TableItem.SK.startswith("DEADLINE#")))

    assert deadlines(source) == []
    assert deadlines(target) == ["DEADLINE#first_response", "DEADLINE#resolution"]
    after = call(api, "GET", f"/tickets/{target['ticket_number']}", acme.token("agent")).body
    assert after["first_response_due"] == target["first_response_due"]


def test_search_finds_the_target_by_a_moved_comment(api: Client, acme: Tenant, stream: Any) -> None:
    target = open_ticket(api, acme)["ticket_number"]
    source = open_ticket(api, acme)["ticket_number"]
    comment(api, acme, "customer", source, "The flux capacitor rattles.")
    stream.drain()
    before = call(api, "GET", "/search/tickets?q=capacitor", acme.token("manager")).body["items"]
    assert [h["ticket"]["ticket_number"] for h in before] == [source]

    assert merge(api, acme, target, [source]).status == 200
    stream.drain()

    found = call(api, "GET", "/search/tickets?q=capacitor", acme.token("manager")).body["items"]
    assert sorted(h["ticket"]["ticket_number"] for h in found) == sorted([target, source])
    closed = next(h["ticket"] for h in found if h["ticket"]["ticket_number"] == source)
    assert (closed["status"], closed["merged_into"]) == ("closed", target)
