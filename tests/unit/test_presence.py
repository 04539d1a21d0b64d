"""Collision detection's pure rules: entry lifetimes and which comments count as newer replies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from chalicelib.domain.presence import (
    MAX_NEWER_SHOWN,
    Presence,
    PresenceState,
    heartbeat,
    live,
    newer_replies,
)
from chalicelib.domain.tickets import Comment, CommentType

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def comment(cid: str, author: str, kind: CommentType = CommentType.PUBLIC) -> Comment:
    return Comment(
        id=cid,
        org_id="o1",
        ticket_number=1,
        author_id=author,
        content=f"text {cid}",
        comment_type=kind,
        created_at=NOW,
        updated_at=NOW,
    )


def test_since_carries_on_in_the_same_state_and_restarts_on_a_change_or_a_lapse() -> None:
    first = heartbeat(None, "u1", "Ann", PresenceState.VIEWING, NOW)
    assert (first.since, first.expires_at) == (NOW, NOW + timedelta(seconds=60))
    later = heartbeat(first, "u1", "Ann", PresenceState.VIEWING, NOW + timedelta(seconds=20))
    assert later.since == NOW
    replying = heartbeat(later, "u1", "Ann", PresenceState.REPLYING, NOW + timedelta(seconds=40))
    assert replying.since == NOW + timedelta(seconds=40)
    lapsed = heartbeat(replying, "u1", "Ann", PresenceState.REPLYING, NOW + timedelta(seconds=101))
    assert lapsed.since == NOW + timedelta(seconds=101)


def test_live_drops_expired_entries_and_the_reader_and_lists_replying_first() -> None:
    def entry(user: str, state: PresenceState, since: int, expires: int) -> Presence:
        return Presence(
            user_id=user,
            name=user,
            state=state,
            since=NOW + timedelta(seconds=since),
            expires_at=NOW + timedelta(seconds=expires),
        )

    entries = [
        entry("viewer", PresenceState.VIEWING, 0, 30),
        entry("gone", PresenceState.REPLYING, 0, 10),
        entry("me", PresenceState.REPLYING, 0, 30),
        entry("replier", PresenceState.REPLYING, 5, 30),
    ]
    assert [e.user_id for e in live(entries, NOW + timedelta(seconds=10), "me")] == ["replier", "viewer"]


def test_newer_replies_are_others_comments_after_the_seen_one_oldest_first() -> None:
    thread = [comment("c1", "cust"), comment("c2", "me"), comment("c3", "cust"), comment("c4", "agent2")]
    newest_first = list(reversed(thread))
    assert [c.id for c in newer_replies(newest_first, "c1", "me", False) or []] == ["c3", "c4"]
    assert newer_replies(newest_first, "c4", "me", False) == []
    assert newer_replies(newest_first, "nope", "me", False) is None
    assert [c.id for c in newer_replies(newest_first, "", "me", False) or []] == ["c1", "c3", "c4"]


def test_for_customers_internal_notes_neither_count_nor_can_have_been_seen() -> None:
    thread = [comment("c1", "cust"), comment("n1", "agent", CommentType.INTERNAL), comment("c2", "agent")]
    newest_first = list(reversed(thread))
    assert [c.id for c in newer_replies(newest_first, "c1", "cust", True) or []] == ["c2"]
    assert newer_replies(newest_first, "n1", "cust", True) is None


def test_the_walk_stops_at_the_seen_comment_and_keeps_the_newest_few() -> None:
    read: list[str] = []

    def newest_first() -> Iterator[Comment]:
        for n in range(200, 0, -1):
            read.append(f"c{n}")
            yield comment(f"c{n}", "cust")

    found = newer_replies(newest_first(), "c120", "me", False) or []
    assert read[-1] == "c120", "nothing older than the seen comment is read"
    assert len(found) == MAX_NEWER_SHOWN
    assert (found[0].id, found[-1].id) == (f"c{201 - MAX_NEWER_SHOWN}", "c200")
    read.clear()
    assert len(newer_replies(newest_first(), "", "me", False) or []) == MAX_NEWER_SHOWN
    assert len(read) == MAX_NEWER_SHOWN, "seen nothing: read only as far as the list shown"
