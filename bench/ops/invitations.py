"""Invitations and password reset (mail-sending routes: few repeats, under the mail throttle's
30 messages an hour per client address)."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import add_user, call, each, ok, route, shared, tenant, unique

NEW_PASSWORD = "a-bench-passphrase-long"  # noqa: S105 (a bench account's password)


def mailed_link(address: str) -> str:
    """The single-use link token in the newest mail to ``address`` in the outbox (the local stage's SES)."""
    import email
    import re
    from email import policy

    from chalicelib.channels.outbound import outbox_dir

    for path in sorted(outbox_dir().glob("*.eml"), reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if address in str(message["To"]):
            found = re.search(r"dl_[A-Za-z0-9]{6,40}_[A-Za-z0-9_-]{43}", message.get_body().get_content())  # type: ignore[union-attr]
            if found:
                return found.group(0)
    raise AssertionError(f"no link was mailed to {address}")


def _invitation(client: Any, state: State) -> dict[str, Any]:
    address = f"invited{unique()}@{state['slug']}.example.com"
    created = ok(call(client, "POST", "/invitations", state["token"], {"email": address, "role": "agent"}))
    return {"invitation_id": created["id"], "link": mailed_link(address)}


def _invited(client: Any) -> State:
    state = tenant(client)
    for _ in range(10):
        _invitation(client, state)
    return {**state, **_invitation(client, state)}


def _reset_link(client: Any, state: State) -> dict[str, Any]:
    add_user(client, state, "forgetful", "agent")
    body = {"organization": state["slug"], "email": state["forgetful_email"]}
    call(client, "POST", "/auth/password/forgot", body=body)
    return {"link": mailed_link(state["forgetful_email"])}


route(
    "POST",
    "/invitations",
    setup=tenant,
    body=lambda s: {"email": f"new{unique()}@{s['slug']}.example.com", "role": "agent"},
    repeat=10,
)
route("GET", "/invitations", setup=shared(_invited), variant="11 invitations")
route("GET", "/invitations/{invitation_id}", setup=shared(_invited))
route("POST", "/invitations/{invitation_id}/resend", setup=tenant, prepare=each(_invitation), repeat=5)
route("DELETE", "/invitations/{invitation_id}", setup=tenant, prepare=each(_invitation), repeat=10)
route(
    "POST",
    "/auth/invitations/preview",
    setup=shared(_invited),
    auth="public",
    body=lambda s: {"token": s["link"]},
)
route(
    "POST",
    "/auth/invitations/accept",
    setup=tenant,
    prepare=each(_invitation),
    auth="public",
    body=lambda s: {"token": s["link"], "password": NEW_PASSWORD},
    repeat=10,
)
route(
    "POST",
    "/auth/password/forgot",
    setup=tenant,
    auth="public",
    body=lambda s: {"organization": s["slug"], "email": f"nobody{unique()}@example.com"},
    repeat=10,
    variant="unknown address",
)
route(
    "POST",
    "/auth/password/reset",
    setup=tenant,
    prepare=each(_reset_link),
    auth="public",
    body=lambda s: {"token": s["link"], "new_password": NEW_PASSWORD},
    repeat=5,
)
