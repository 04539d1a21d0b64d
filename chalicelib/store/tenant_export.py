"""An organization's export, read by key: every partition it owns, never a Scan.

Sources, in order (partition: how it is found):

- ``org``: ``ORG#o``, one paged Query: the organization's small lists (organization, users,
  guards, grants, departments, customers, SLA policies, rules, KB categories, technicians,
  subscriptions, counters, jobs...).
- ``audit``: ``ORG#o#AUDIT``; ``sla_report``: ``ORG#o#SLASTATS``: one paged Query each.
- ``tickets``: ``ORG#o#TICKET#<n>`` for ``n`` = 1 .. the ticket counter (``COUNTER#TICKET``):
  the ticket, comments, attachments, history, deadlines, events and guards.
- ``work_orders``: ``ORG#o#WO#<n>`` for ``n`` = 1 .. the work-order counter: orders and jobs.
- ``articles``: ``ORG#o#KBART#<id>`` from GSI2 ``ORG#o#KBARTICLES`` (every article): article,
  counters, revisions, views, votes, deflection guards.
- ``deliveries``: ``ORG#o#WEBHOOKSUB#<id>`` for each subscription (``ORG#o``,
  ``begins_with(SK, WEBHOOKSUB#)``): the delivery logs.
- ``rule_deliveries``: ``ORG#o#RULEHOOK#<id>`` for each rule (``ORG#o``, ``begins_with(SK, RULE#)``):
  the delivery logs of the rules' ``call_webhook`` actions.
- ``sessions``: GSI1 ``ORG#o#USER#<u>#SESSIONS`` for each user (``ORG#o``,
  ``begins_with(SK, USER#)``): the ``ORG#o#SESSION#<hash>`` items.
- ``csat_report``: ``ORG#o#CSATSTATS``: one paged Query (the CSAT report's counters).
- ``kb_report``: ``ORG#o#KBSTATS``: one paged Query (the KB report's deflection day rows).
- ``views``: ``ORG#o#VIEWS``: one paged Query (saved views, shared and personal).
- ``time_report``: ``ORG#o#TIMESTATS``: one paged Query (the time report's counter rows).

Left out, and named in the export's manifest (``LEFT_OUT``): the derived or short-lived partitions
whose keys are hashes nothing lists (Message-ID guards, mail-rate counters, webhook delivery and
signature guards), the webhook sending budgets (per minute, an hour long), the API request
counters of the rate limit (per minute) and the search indexes (rebuilt from the articles and tickets).

Reads go a page at a time and stop at ``max_items``; the position (which source, the last
finished owner, the partition being read and where in it) is plain JSON the job saves after
each part, so an export resumes where it stopped. Every row is the item's attribute-value JSON
with the secrets taken out (``REDACTED``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib.store.fieldservice import COUNTER_SK as WORK_ORDER_COUNTER
from chalicelib.store.fieldservice import WorkOrderCounterItem
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.tickets import COUNTER_SK as TICKET_COUNTER
from chalicelib.store.tickets import TicketCounterItem

OWNERS_PER_QUERY = 100  # owners (users, subscriptions, articles, ticket numbers) listed per call
Row = dict[str, Any]
Read = tuple[str | None, str]  # (index or None for the table, hash key)

REDACTED: dict[str, list[str]] = {
    "User": ["password_hash", "totp_secret", "totp_pending_secret", "pending_email_hash"],
    "SupportAddress": ["code_hash"],
    "Session": ["session_id", "PK (the session id is the token's hash: replaced by a pseudonym)"],
    "WebhookSecrets": ["secrets[].secret"],
    "WebhookSubscription": ["data.secret"],
    "AutomationRule": ["data.actions[].secret (call_webhook)"],
    "OffboardingConfirmation": ["token_hash"],
    "ApiToken": ["secret_hash"],
    "Invitation": ["link_hash", "totp_pending_secret"],
    "ResetLink": ["link_hash"],
}
LEFT_OUT: dict[str, str] = {
    "KBTerm": "the knowledge base search index (ORG#o#KBTERM#...), rebuilt from the articles",
    "EmailMessage": "inbound and outbound Message-ID guards (ORG#o#MSGID#...): threading and duplicate checks",
    "MailRate": "hourly per-sender mail counters (ORG#o#MAILRATE#...), expire after 2 days",
    "WebhookDelivery": "inbound webhook delivery guards (ORG#o#WEBHOOK#...), expire after 30 days",
    "WebhookSignature": "inbound webhook signature guards (ORG#o#WEBHOOKSIG#...), expire after the replay window",
    "WebhookDeliveryRate": "per-minute webhook sending budgets (ORG#o#WEBHOOKRATE), expire after an hour",
    "RateWindow": "per-minute API request counters of the rate limit (ORG#o#RATE), expire minutes after",
    "Link": "single-use links mailed to people (ORG#o LINK#<hash>), expire within days",
    "AccountMailRate": "hourly counts of account mail per address asked for (ORG#o#LINKMAIL#...), expire hourly",
    "SignInCode": "customer sign-in codes (ORG#o SIGNINCODE#<hash>), expire within 15 minutes",
    "SsoFlow": "pending single sign-ons (ORG#o#SSOFLOW#...), single use, expire after 10 minutes",
    "SearchPosting": "the ticket search index (ORG#o#SRCH#T#...), rebuilt from the tickets",
    "SearchTerm": "the ticket and KB search vocabularies (ORG#o#SRCH#V#..., ORG#o#KBSRCH#V#...), derived",
    "SearchStats": "the ticket and KB search statistics (ORG#o#SRCH#STATS, ORG#o#KBSRCH#STATS), derived",
    "SearchDoc": "each ticket's search document (ORG#o#TICKET#n SEARCHDOC), rebuilt from the ticket",
    "LiveConnection": "open live-update WebSockets (ORG#o LIVE#CONN#<id>), gone when the browser tab closes",
    "LiveGeneration": "the live-update admission counter (ORG#o LIVE#), bookkeeping of open WebSockets",
}


@dataclass(frozen=True)
class _Source:
    name: str
    # (org id, the last finished owner or None, the counter's value) -> the next reads, each with its owner marker
    owners: Callable[[str, Any, int], list[tuple[Read, Any]]]
    counter: Callable[[str], int] | None = None


def _single(suffix: str | None) -> Callable[[str, Any, int], list[tuple[Read, Any]]]:
    def owners(org_id: str, after: Any, _until: int) -> list[tuple[Read, Any]]:
        if after is not None:
            return []
        return [((None, tenant_key(org_id, suffix) if suffix else org_pk(org_id)), "done")]

    return owners


def _numbered(kind: str) -> Callable[[str, Any, int], list[tuple[Read, Any]]]:
    def owners(org_id: str, after: Any, until: int) -> list[tuple[Read, Any]]:
        first = int(after or 0) + 1
        last = min(until, first + OWNERS_PER_QUERY - 1)
        return [((None, tenant_key(org_id, kind, n)), n) for n in range(first, last + 1)]

    return owners


def _counter(model: Any, sk: str) -> Callable[[str], int]:
    def value(org_id: str) -> int:
        try:
            return int(model.get(org_pk(org_id), sk, consistent_read=True).next_number or 0)
        except model.DoesNotExist:
            return 0

    return value


def _raw_query(read: Read, start: Any, limit: int, **extra: Any) -> tuple[list[Row], Any]:
    index, key = read
    data = TableItem._get_connection().query(
        key,
        index_name=index,
        exclusive_start_key=start,
        limit=limit,
        **extra,
    )
    return list(data.get("Items", [])), data.get("LastEvaluatedKey")


def _listed_in_org(prefix: str, read: Callable[[str, str], Read]) -> Callable[[str, Any, int], list[tuple[Read, Any]]]:
    """Owners that are items of ``ORG#o`` whose SK is ``<prefix><id>`` (no further ``#``)."""

    def owners(org_id: str, after: Any, _until: int) -> list[tuple[Read, Any]]:
        in_org = TableItem.SK.startswith(prefix)
        items, _ = _raw_query((None, org_pk(org_id)), after, OWNERS_PER_QUERY, range_key_condition=in_org)
        found = []
        for item in items:
            owner_id = item["SK"]["S"][len(prefix) :]
            if owner_id and "#" not in owner_id:
                found.append((read(org_id, owner_id), {"PK": item["PK"], "SK": item["SK"]}))
        if items and not found:  # a page of other rows only (a user's grants): move past them
            found.append(((None, ""), {"PK": items[-1]["PK"], "SK": items[-1]["SK"]}))
        return found

    return owners


def _articles(org_id: str, after: Any, _until: int) -> list[tuple[Read, Any]]:
    items, _ = _raw_query(("GSI2", tenant_key(org_id, "KBARTICLES")), after, OWNERS_PER_QUERY)
    keys = ("PK", "SK", "GSI2PK", "GSI2SK")
    return [((None, item["PK"]["S"]), {k: item[k] for k in keys}) for item in items]


SOURCES: list[_Source] = [
    _Source("org", _single(None)),
    _Source("audit", _single("AUDIT")),
    _Source("sla_report", _single("SLASTATS")),
    _Source("tickets", _numbered("TICKET"), _counter(TicketCounterItem, TICKET_COUNTER)),
    _Source("work_orders", _numbered("WO"), _counter(WorkOrderCounterItem, WORK_ORDER_COUNTER)),
    _Source("articles", _articles),
    _Source("deliveries", _listed_in_org("WEBHOOKSUB#", lambda o, s: (None, tenant_key(o, "WEBHOOKSUB", s)))),
    _Source("rule_deliveries", _listed_in_org("RULE#", lambda o, r: (None, tenant_key(o, "RULEHOOK", r)))),
    _Source(
        "sessions",
        _listed_in_org("USER#", lambda o, u: ("GSI1", tenant_key(o, "USER", u, "SESSIONS"))),
    ),
    _Source("csat_report", _single("CSATSTATS")),
    _Source("kb_report", _single("KBSTATS")),
    _Source("views", _single("VIEWS")),
    _Source("time_report", _single("TIMESTATS")),  # last: a saved position counts sources from the start
]


def start_position() -> dict[str, Any]:
    return {"source": 0, "after": None, "until": None, "read": None, "owner": None, "start": None}


def export_page(
    org_id: str, job_id: str, position: dict[str, Any], max_items: int
) -> tuple[list[Row], dict[str, Any] | None]:
    """The next rows (at most ``max_items``, redacted) and the position after them (None: done)."""
    at = dict(position)
    rows: list[Row] = []
    queued: list[tuple[Read, Any]] = []
    while len(rows) < max_items:
        source = SOURCES[at["source"]]
        if at["read"] is None:
            if at["until"] is None:
                at["until"] = source.counter(org_id) if source.counter else 0
            if not queued:
                queued = source.owners(org_id, at["after"], int(at["until"]))
            if not queued:
                if at["source"] + 1 == len(SOURCES):
                    return rows, None
                at = {**start_position(), "source": at["source"] + 1}
                continue
            read, owner = queued.pop(0)
            if not read[1]:  # nothing to read for this owner: only move past it
                at["after"] = owner
                continue
            at["read"], at["owner"], at["start"] = list(read), owner, None
        page, last = _raw_query((at["read"][0], at["read"][1]), at["start"], max_items - len(rows))
        # Links and sign-in codes share the organization's partition: left out there too (credentials).
        rows += [_redacted(org_id, job_id, row) for row in page if row.get("type", {}).get("S") not in LEFT_OUT]
        if last is not None:
            at["start"] = last
        else:
            at["after"], at["read"], at["owner"], at["start"] = at["owner"], None, None, None
    return rows, at


# ---- secrets out ------------------------------------------------------------------------------


def _json_attribute(row: Row, name: str, change: Callable[[Any], Any]) -> None:
    if name in row and "S" in row[name]:
        row[name] = {"S": json.dumps(change(json.loads(row[name]["S"])))}


def _without_secret(entries: Any) -> Any:
    return [{k: v for k, v in e.items() if k != "secret"} if isinstance(e, dict) else e for e in entries or []]


def _redacted(org_id: str, job_id: str, row: Row) -> Row:
    """The row with every secret of its type taken out (``REDACTED`` lists them)."""
    kind = row.get("type", {}).get("S")
    row = dict(row)
    if kind == "User":
        for name in ("password_hash", "totp_secret", "totp_pending_secret", "pending_email_hash"):
            row.pop(name, None)
    elif kind == "SupportAddress":
        row.pop("code_hash", None)
    elif kind == "Session":
        # The id is the SHA-256 of a live token: a per-export pseudonym keeps rows apart without it.
        session_id = row.pop("session_id", {}).get("S", row["PK"]["S"])
        pseudonym = hashlib.sha256(f"{job_id}:{session_id}".encode()).hexdigest()[:24]
        row["PK"] = {"S": tenant_key(org_id, "SESSION", f"export-{pseudonym}")}
    elif kind == "WebhookSecrets":
        _json_attribute(row, "secrets", _without_secret)
    elif kind == "WebhookSubscription":
        _json_attribute(row, "data", lambda data: {k: v for k, v in data.items() if k != "secret"})
    elif kind == "AutomationRule":
        _json_attribute(row, "data", lambda data: {**data, "actions": _without_secret(data.get("actions"))})
    elif kind == "OffboardingConfirmation":
        row.pop("token_hash", None)
    elif kind == "ApiToken":
        row.pop("secret_hash", None)
    elif kind in ("Invitation", "ResetLink"):
        row.pop("link_hash", None)
        row.pop("totp_pending_secret", None)
    return row
