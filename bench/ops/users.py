"""Users and their permissions."""

from __future__ import annotations

from typing import Any

from bench.harness import State
from bench.operations import PASSWORD, add_user, call, each, login, ok, route, shared, tenant, unique


def _staff(client: Any) -> State:
    state = tenant(client, roles=("customer", "agent"))
    for n in range(20):
        add_user(client, state, f"extra{n}", "agent" if n % 2 else "customer")
    return state


route("GET", "/users", setup=shared(_staff), variant="23 users")
route(
    "POST",
    "/users",
    setup=lambda c: tenant(c, roles=()),
    body=lambda s: {
        "email": f"user{unique()}@{s['slug']}.example.com",
        "first_name": "New",
        "last_name": "Agent",
        "role": "agent",
        "password": PASSWORD,
    },
    repeat=10,
)
route("GET", "/users/{user_id}", setup=lambda c: {**(s := tenant(c)), "user_id": s["customer_id"]})
route(
    "PATCH",
    "/users/{user_id}",
    setup=lambda c: {**(s := tenant(c)), "user_id": s["customer_id"]},
    body=lambda s: {"first_name": f"Renamed{unique()}"},
)

route(
    "PATCH",
    "/users/{user_id}",
    setup=lambda c: {**(s := tenant(c)), "user_id": s["customer_id"]},
    body=lambda s: {"email": f"moved{unique()}@{s['slug']}.example.com"},
    repeat=10,
    variant="new email: pending, a code to the new address and a notice to the old",
)


def mailed_code(address: str) -> str:
    """The confirmation code in the newest mail to ``address`` in the outbox (the local stage's SES)."""
    import email
    import re
    from email import policy

    from chalicelib.channels.outbound import outbox_dir

    for path in sorted(outbox_dir().glob("*.eml"), reverse=True):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        if address in str(message["To"]):
            found = re.search(r"\bec_\S+", message.get_body().get_content())  # type: ignore[union-attr]
            if found:
                return found.group(0)
    raise AssertionError(f"no confirmation code was mailed to {address}")


def _email_change(client: Any, state: State) -> dict[str, Any]:
    address = f"confirmed{unique()}@{state['slug']}.example.com"
    ok(call(client, "PATCH", f"/users/{state['customer_id']}", state["token"], {"email": address}))
    return {"code": mailed_code(address)}


route(
    "POST",
    "/auth/email/confirm",
    setup=tenant,
    prepare=each(_email_change),
    auth="public",
    body=lambda s: {"token": s["code"]},
    repeat=10,
)


def _fresh_user(client: Any, state: State) -> dict[str, Any]:
    return {"user_id": add_user(client, state, "target", "customer")}


def _deleted_user(client: Any, state: State) -> dict[str, Any]:
    user_id = add_user(client, state, "target", "customer")
    ok(call(client, "DELETE", f"/users/{user_id}", state["token"]))
    return {"user_id": user_id}


def _two_factor_user(client: Any, state: State) -> dict[str, Any]:
    """A new agent with two-factor login on."""
    from bench.ops.identity import previous_step_code

    user_id = add_user(client, state, "target", "agent")
    token = login(client, state["slug"], state["target_email"])
    secret = ok(call(client, "POST", "/auth/2fa/setup", token, {"current_password": PASSWORD}))["secret"]
    ok(call(client, "POST", "/auth/2fa/verify", token, {"code": previous_step_code(secret)}))
    return {"user_id": user_id}


route(
    "POST", "/users/{user_id}/2fa/reset", setup=lambda c: tenant(c, roles=()), prepare=each(_two_factor_user), repeat=5
)
route("DELETE", "/users/{user_id}", setup=lambda c: tenant(c, roles=()), prepare=each(_fresh_user), repeat=10)
route("POST", "/users/{user_id}/restore", setup=lambda c: tenant(c, roles=()), prepare=each(_deleted_user), repeat=10)


def _grantable() -> list[str]:
    """What an admin may grant: the permissions the admin holds (granting others is refused)."""
    from chalicelib.auth.policy import GRANTABLE, MATRIX, Scope
    from chalicelib.domain.identity import Role

    return sorted(a for a in GRANTABLE if MATRIX[a].get(Role.ADMIN, Scope.NONE) is Scope.ALL)


def _agent(client: Any) -> State:
    """An agent holding one granted permission. A permission is granted to a user at most once
    here: granting one again, even after revoking it, answers 409 (see the final report)."""
    state = tenant(client, roles=("agent",))
    state["user_id"] = state["agent_id"]
    state["unused"] = _grantable()
    ok(
        call(
            client, "POST", f"/users/{state['user_id']}/permissions", state["token"], {"permission": "tickets.view_all"}
        )
    )
    state["unused"].remove("tickets.view_all")
    return state


def _permission(client: Any, state: State) -> dict[str, Any]:
    return {"permission": state["unused"].pop()}


def _granted(client: Any, state: State) -> dict[str, Any]:
    permission = state["unused"].pop()
    ok(call(client, "POST", f"/users/{state['user_id']}/permissions", state["token"], {"permission": permission}))
    return {"permission": permission}


route("GET", "/users/{user_id}/permissions", setup=shared(_agent))
route(
    "POST",
    "/users/{user_id}/permissions",
    setup=_agent,
    prepare=each(_permission),
    body=lambda s: {"permission": s["permission"]},
)
route("DELETE", "/users/{user_id}/permissions/{permission}", setup=_agent, prepare=each(_granted), repeat=10)
