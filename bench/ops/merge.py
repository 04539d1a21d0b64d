"""Merging tickets and splitting a comment off into a new ticket."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import call, each, ok, route, tenant, ticket

COMMENTS = 20


def _with_comments(client: Any, state: State) -> str:
    number = ticket(client, state)
    for n in range(COMMENTS):
        ok(call(client, "POST", f"/tickets/{number}/comments", state["token"], {"content": f"Reply {n} " * 20}))
    return number


def _pair(client: Any, state: State) -> dict[str, Any]:
    """A target and a source with 20 comments, fresh for each merge."""
    return {"number": ticket(client, state), "source": _with_comments(client, state)}


def _comment(client: Any, state: State) -> dict[str, Any]:
    number = ticket(client, state)
    body = {"content": "Also: the scanner jams. " * 10}
    reply = ok(call(client, "POST", f"/tickets/{number}/comments", state["token"], body))
    return {"number": number, "comment_id": reply["comment"]["id"]}


route(
    "POST",
    "/tickets/{number}/merge/preview",
    setup=tenant,
    prepare=each(_pair),
    body=lambda s: {"source_numbers": [s["source"]]},
    repeat=10,
    variant=f"one source with {COMMENTS} comments (nothing written)",
)
route(
    "POST",
    "/tickets/{number}/merge",
    setup=tenant,
    prepare=each(_pair),
    body=lambda s: {"source_numbers": [s["source"]], "note": "Duplicate."},
    repeat=10,
    variant=f"one source with {COMMENTS} comments (one transaction)",
)
route(
    "POST",
    "/tickets/{number}/comments/{comment_id}/split",
    setup=tenant,
    prepare=each(_comment),
    body={"subject": "Scanner jams"},
    repeat=10,
    variant="a public comment into a new ticket",
)
