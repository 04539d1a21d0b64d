"""Attacks on ticket search: what a reader may not list must never match, highlight, or be inferred
(internal notes for customers, other customers' and other agents' tickets, other organizations),
and a pathological query is refused or bounded, never slow."""

from __future__ import annotations

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant
from tests.api.test_http_search import comment, numbers, open_ticket, search
from tests.conftest import StreamPump


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


def assign(api: Client, tenant: Tenant, number: str, agent: str | None) -> None:
    ticket = call(api, "GET", f"/tickets/{number}", tenant.token("manager")).body
    user_id = tenant.user_id(agent) if agent else None
    reply = call(
        api, "PATCH", f"/tickets/{number}", tenant.token("manager"), {"assigned_agent_id": user_id},
        headers={"If-Match": f'"{ticket["version"]}"'},
    )  # fmt: skip
    assert reply.status == 200, reply.body


def test_a_customer_never_matches_the_words_of_an_internal_note_on_their_own_ticket(
    api: Client, acme: Tenant, stream: StreamPump
) -> None:
    number = open_ticket(api, acme, "Printer jammed", "")
    comment(api, acme, number, "Customer is a known chargeback fraudster", kind="internal")
    stream.drain()
    assert numbers(search(api, acme, "chargeback", "agent")) == [number]  # staff find it
    for probe in ("chargeback", "chargeb", "chargebak", '"known chargeback"', "printer chargeback"):
        assert numbers(search(api, acme, probe, "customer")) == [], probe
    # An exclusion must not reveal it either: the ticket stays when the hidden word is excluded.
    assert numbers(search(api, acme, "printer -fraudster", "customer")) == [number]
    highlights = search(api, acme, "printer", "customer").body["items"][0]["highlights"]
    assert all("fraudster" not in h["text"] for h in highlights)


def test_a_customer_never_finds_another_customers_ticket(api: Client, acme: Tenant, stream: StreamPump) -> None:
    theirs = open_ticket(api, acme, "Salary statement missing", "", role="customer2")
    mine = open_ticket(api, acme, "Salary question", "")
    stream.drain()
    assert numbers(search(api, acme, "salary", "customer")) == [mine]
    assert numbers(search(api, acme, theirs, "customer")) == []
    email = "customer2@example.com"
    assert numbers(search(api, acme, f"salary requester:{email}", "customer")) == []
    assert numbers(search(api, acme, f"salary requester:{email}", "manager")) == [theirs]


def test_an_agent_without_view_all_finds_only_their_own_and_unassigned_tickets(
    api: Client, acme: Tenant, stream: StreamPump
) -> None:
    mine = open_ticket(api, acme, "Firewall rule request", "")
    unassigned = open_ticket(api, acme, "Firewall logs", "")
    others = open_ticket(api, acme, "Firewall outage", "")
    assign(api, acme, mine, "agent")
    assign(api, acme, others, "agent2")
    stream.drain()
    assert sorted(numbers(search(api, acme, "firewall", "agent"))) == sorted([mine, unassigned])
    assert numbers(search(api, acme, others, "agent")) == []
    assert sorted(numbers(search(api, acme, "firewall", "manager"))) == sorted([mine, unassigned, others])


def test_nothing_crosses_organizations(api: Client, acme: Tenant, stream: StreamPump) -> None:
    globex = make_tenant(api, "globex", "globex.example")
    open_ticket(api, globex, "Quarterly audit findings", "")
    ours = open_ticket(api, acme, "Audit request", "")
    stream.drain()
    assert numbers(search(api, acme, "audit", "admin")) == [ours]
    assert numbers(search(api, acme, "T-1", "admin")) == [ours]  # our T-1, never theirs
    # A cursor of one organization is refused by another.
    for i in range(3):
        open_ticket(api, globex, f"Audit {i}", "")
    stream.drain()
    cursor = search(api, globex, "audit", "admin", limit=1).body["next_cursor"]
    assert cursor
    reply = search(api, acme, "audit", "admin", limit=1, cursor=cursor)
    assert reply.status in (400, 422)


def test_a_deleted_ticket_never_shows_even_before_the_index_catches_up(
    api: Client, acme: Tenant, stream: StreamPump
) -> None:
    number = open_ticket(api, acme, "Contract renewal", "")
    stream.drain()
    assert call(api, "DELETE", f"/tickets/{number}", acme.token("manager")).status == 204
    assert numbers(search(api, acme, "contract", "manager")) == []  # the stream has not run yet
    assert numbers(search(api, acme, number, "manager")) == []


def test_a_ticket_link_session_cannot_search(api: Client, acme: Tenant) -> None:
    from chalicelib.auth.policy import TICKET_LINK_ACTIONS
    from chalicelib.domain.errors import Forbidden
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import search as service

    link = Principal(
        org_id=acme.org_id,
        user_id=acme.user_id("customer"),
        role=Role.CUSTOMER,
        session_id="link",
        kind="ticket_link",
        allowed_actions=TICKET_LINK_ACTIONS,
        ticket_number=1,
    )
    with pytest.raises(Forbidden) as refused:
        service.search(link, "anything", 10, None)
    assert refused.value.code == "forbidden"


@pytest.mark.parametrize(
    ("q", "kind"),
    [
        ("x" * 501, "string_too_long"),
        (" ".join(f"word{i}" for i in range(11)), "too_many_words"),
        (" ".join(["invoice"] * 11), "too_many_words"),
        ("created:yesterday invoice", "invalid_filter"),
        ("-status:open invoice", "invalid_filter"),
    ],
)
def test_a_pathological_query_is_refused(api: Client, acme: Tenant, q: str, kind: str) -> None:
    reply = search(api, acme, q, "manager")
    assert reply.status == 422
    assert reply.body["error"]["code"] == "invalid_query"
    assert reply.body["error"]["details"][0]["type"] == kind


@pytest.mark.parametrize("q", ["a", "the of and", '"', "-", '""', "-a", "ab"])
def test_stop_words_and_stubs_answer_an_empty_page(api: Client, acme: Tenant, stream: StreamPump, q: str) -> None:
    open_ticket(api, acme, "About a tablet", "an absolutely abundant ability")
    stream.drain()
    reply = search(api, acme, q, "manager")
    assert reply.status in (200, 422), reply.body
    if reply.status == 200:
        assert reply.body["items"] == []


def test_a_short_prefix_never_expands(api: Client, acme: Tenant, stream: StreamPump) -> None:
    """A one- or two-letter prefix would read a whole vocabulary partition: it matches exactly only."""
    from chalicelib.domain.search import parse_query

    assert not parse_query("ab").words[-1].prefix
    open_ticket(api, acme, "Absolutely abundant abilities", "")
    stream.drain()
    assert numbers(search(api, acme, "ab", "manager")) == []


def test_concurrent_indexers_of_one_ticket_count_each_term_once(server_table: str) -> None:
    """The stream and the reindex job indexing one ticket at once (8 threads, twice: before and after
    an edit), on the locked moto server: every term's document frequency and the statistics end exact."""
    from concurrent.futures import ThreadPoolExecutor
    from datetime import UTC, datetime

    from chalicelib.domain.tickets import Ticket
    from chalicelib.services import search as service
    from chalicelib.store import search as store
    from chalicelib.store import tickets as ticket_store

    now = datetime.now(UTC)
    ticket = Ticket(
        org_id="race", number=1, ticket_number="T-1", subject="Broken keyboard", description="Keys stick",
        customer_id="c" * 20, created_by_id="c" * 20, created_at=now, updated_at=now,
    )  # fmt: skip
    saved = ticket_store.create_ticket(ticket, [])

    def race() -> None:
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda i: service.index_ticket("race", 1, rewrite=i % 2 == 0), range(8)))

    race()
    df, documents, _ = store.vocabulary_and_stats("race", ["broken", "keyboard", "key", "stick"])
    assert df == {"broken": 1, "keyboard": 1, "key": 1, "stick": 1}
    assert documents == 1
    ticket_store.save_ticket(saved.model_copy(update={"subject": "Broken mouse"}), saved, [])
    race()
    df, documents, average = store.vocabulary_and_stats("race", ["broken", "keyboard", "mous"])
    assert df == {"broken": 1, "keyboard": 0, "mous": 1}
    assert documents == 1
    assert average == 4  # broken, mouse, key, stick
    assert [p.number for p in store.postings("race", "mous")] == [1]
    assert store.postings("race", "keyboard") == []


def test_ten_unknown_long_words_cost_a_bounded_number_of_reads(api: Client, acme: Tenant, stream: StreamPump) -> None:
    """The worst query the language allows: 10 words of 9+ letters the index lacks (typo lookups
    for 3 of them, postings for at most 16 terms, 4 candidate batches at most)."""
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import search as service
    from chalicelib.store import metering

    for i in range(3):
        open_ticket(api, acme, f"Configuration management {i}", "Configured configurations configure")
    stream.drain()
    manager = Principal(org_id=acme.org_id, user_id=acme.user_id("manager"), role=Role.MANAGER, session_id="s")
    q = " ".join(f"configur{letter}x" for letter in "abcdefghij")  # each two edits from "configur"
    with metering.metered() as calls:
        found = service.search(manager, q, 25, None)
    vocabulary_reads = [c for c in calls if c.operation == "Query" and "#SRCH#V#" in str(c.params)]
    postings_reads = [c for c in calls if c.operation == "Query" and "#SRCH#T#" in str(c.params)]
    assert len(vocabulary_reads) == 1 + 3  # the last word's completions, near spellings of 3 words
    assert "configur" in found.terms  # a near spelling was found and searched
    assert len(postings_reads) <= 16
    assert len(calls) <= 1 + 4 + 16 + 4


def test_an_erased_persons_words_and_name_leave_the_index(api: Client, acme: Tenant, stream: StreamPump) -> None:
    from chalicelib.store import search as store

    number = open_ticket(api, acme, "Question about my diagnosis", "Dr Hofstadter prescribed lithium")
    comment(api, acme, number, "Hofstadter called back", role="customer")
    stream.drain()
    assert numbers(search(api, acme, "hofstadter", "manager")) == [number]
    erased = call(api, "POST", f"/users/{acme.user_id('customer')}/anonymize", acme.token("admin"))
    assert erased.status == 200, erased.body
    stream.drain()
    for word in ("hofstadter", "lithium", "customer@example.com"):  # the subject keeps its other words
        assert numbers(search(api, acme, word, "manager")) == [], word
    df, documents, _ = store.vocabulary_and_stats(acme.org_id, ["hofstadt", "lithium"])
    assert df == {"hofstadt": 0, "lithium": 0}
    assert documents == 1
    assert store.postings(acme.org_id, "lithium") == []
