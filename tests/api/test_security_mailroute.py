"""Mail routing cannot be hijacked: plus-addresses always reach their organization, a custom support
address routes only once verified (a one-time code sent to it), a message for two organizations
reaches each once, and nothing is taken in as "from" an organization's own support addresses."""

from __future__ import annotations

import email
import re
import threading
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import boto3
import pytest
import time_machine
from chalice.test import Client

from chalicelib import config
from tests.api.helpers import Tenant, all_tickets, call, deliver_mail, inbound_keys, make_tenant

ADDRESSES = "/organization/support-addresses"
INBOUND = "mail.deskless.local"


@pytest.fixture
def outbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme", "acme.example")


@pytest.fixture
def globex(api: Client) -> Tenant:
    return make_tenant(api, "globex", "globex.example")


def raw_mail(
    to: str,
    cc: str | None = None,
    sender: str = "Casey Customer <casey@customer.example>",
    message_id: str = "m-1@customer.example",
    subject: str = "Printer on fire",
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    message["Message-ID"] = f"<{message_id}>"
    message.set_content("Hello,\n\nThe printer is on fire again.\n")
    return message.as_bytes()


def confirmations(outbox: Path, address: str) -> list[EmailMessage]:
    found = []
    for path in sorted(outbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        if address.lower() in str(message["To"]).lower():
            found.append(message)
    return found


def latest_code(outbox: Path, address: str) -> str:
    message = confirmations(outbox, address)[-1]
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    match = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\b", body.get_content())
    assert match, body.get_content()
    return match.group(1)


def add(api: Client, tenant: Tenant, address: str) -> Any:
    return call(api, "POST", ADDRESSES, tenant.token("admin"), {"address": address})


def verify(api: Client, tenant: Tenant, address_id: str, code: str) -> Any:
    return call(api, "POST", f"{ADDRESSES}/{address_id}/verify", tenant.token("admin"), {"code": code})


def add_and_verify(api: Client, tenant: Tenant, address: str, outbox: Path) -> dict[str, Any]:
    added = add(api, tenant, address)
    assert added.status == 201, added.body
    verified = verify(api, tenant, added.body["id"], latest_code(outbox, address))
    assert verified.status == 200, verified.body
    return dict(verified.body)


def states(api: Client, tenant: Tenant) -> dict[str, str]:
    reply = call(api, "GET", ADDRESSES, tenant.token("admin"))
    assert reply.status == 200, reply.body
    return {a["address"]: a["state"] for a in reply.body["items"]}


def subjects(api: Client, tenant: Tenant) -> list[str]:
    return [t["subject"] for t in all_tickets(api, tenant)]


# ---- (1) a claim never takes another organization's mail -------------------------------------


def test_a_squatters_claim_never_takes_mail_for_the_owners_plus_address(
    api: Client, acme: Tenant, globex: Tenant
) -> None:
    # Globex claims Acme's own address through the settings, as any client could before.
    squat = {"settings": {"support_email_addresses": ["help@acme.example"]}}
    assert call(api, "PATCH", "/organization", globex.token("admin"), squat).status == 200
    # Acme forwards help@acme.example to its plus-address: the copy names both.
    forwarded = raw_mail(to="help@acme.example", cc=f"support+acme@{INBOUND}")
    result = deliver_mail(api, forwarded, "fwd-1")
    assert result["action"] == "created", result
    assert subjects(api, acme) == ["Printer on fire"]
    assert all_tickets(api, globex) == []


def test_an_address_verified_by_its_owner_cannot_be_claimed_or_hijacked(
    api: Client, acme: Tenant, globex: Tenant, outbox: Path
) -> None:
    add_and_verify(api, acme, "help@acme.example", outbox)
    taken = add(api, globex, "HELP@acme.example")
    assert (taken.status, taken.body["error"]["code"]) == (409, "address_taken")
    patched = call(
        api,
        "PATCH",
        "/organization",
        globex.token("admin"),
        {"settings": {"support_email_addresses": ["help@acme.example"]}},
    )
    assert (patched.status, patched.body["error"]["code"]) == (409, "address_taken")
    assert "help@acme.example" not in states(api, globex)
    assert deliver_mail(api, raw_mail(to="help@acme.example"), "m1")["action"] == "created"
    assert subjects(api, acme) == ["Printer on fire"]
    assert all_tickets(api, globex) == []


def test_an_address_at_the_inbound_domain_cannot_be_claimed(api: Client, globex: Tenant) -> None:
    for address in (f"support+acme@{INBOUND}", f"help@{INBOUND}", f"help@eu.{INBOUND}"):
        reply = add(api, globex, address)
        assert (reply.status, reply.body["error"]["code"]) == (422, "address_not_allowed"), address


# ---- (2) pending addresses never route -----------------------------------------------------------


def test_a_pending_address_never_routes(api: Client, acme: Tenant, outbox: Path) -> None:
    added = add(api, acme, "help@acme.example")
    assert added.status == 201, added.body
    assert (added.body["address"], added.body["state"], added.body["verified_at"]) == (
        "help@acme.example",
        "pending",
        None,
    )
    (confirmation,) = confirmations(outbox, "help@acme.example")
    assert "Acme Inc" in confirmation.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert confirmation["Auto-Submitted"] == "auto-generated"
    result = deliver_mail(api, raw_mail(to="help@acme.example"), "m1")
    assert result["action"] == "failed"
    assert "no organization" in result["reason"]
    assert all_tickets(api, acme) == []
    assert inbound_keys("failed/") == ["failed/m1"]


def test_settings_patch_adds_pending_addresses_with_a_confirmation(api: Client, acme: Tenant, outbox: Path) -> None:
    patch = {"settings": {"support_email_addresses": ["Help@acme.example", "billing@acme.example"]}}
    reply = call(api, "PATCH", "/organization", acme.token("admin"), patch)
    assert reply.status == 200, reply.body
    assert reply.body["settings"]["support_email_addresses"] == ["Help@acme.example", "billing@acme.example"]
    assert states(api, acme) == {"Help@acme.example": "pending", "billing@acme.example": "pending"}
    assert len(confirmations(outbox, "help@acme.example")) == 1
    assert len(confirmations(outbox, "billing@acme.example")) == 1
    assert deliver_mail(api, raw_mail(to="help@acme.example"), "m1")["action"] == "failed"
    # Dropping one through the settings removes it (and its pending code).
    kept = {"settings": {"support_email_addresses": ["billing@acme.example"]}}
    assert call(api, "PATCH", "/organization", acme.token("admin"), kept).status == 200
    assert states(api, acme) == {"billing@acme.example": "pending"}


def test_a_guard_claimed_before_verification_existed_neither_routes_nor_blocks(
    api: Client, acme: Tenant, globex: Tenant, outbox: Path
) -> None:
    from chalicelib.store import identity as identity_store

    # What the table holds for an address claimed before this change: the address in the
    # settings and an unverified routing guard.
    org = identity_store.get_organization(acme.org_id)
    assert org is not None
    settings = org.settings.model_copy(update={"support_email_addresses": ["help@acme.example"]})
    identity_store.save_organization(org.model_copy(update={"settings": settings}))
    identity_store.GuardItem(*identity_store.inbox_key("help@acme.example"), owner_id=acme.org_id).save()

    assert deliver_mail(api, raw_mail(to="help@acme.example"), "m1")["action"] == "failed"
    listed = call(api, "GET", ADDRESSES, acme.token("admin")).body["items"]
    assert [(a["address"], a["state"], a["confirmation_sent_at"]) for a in listed] == [
        ("help@acme.example", "pending", None)
    ]
    # The owner gets a code by asking for one, like any pending address.
    resent = call(api, "POST", f"{ADDRESSES}/{listed[0]['id']}/resend", acme.token("admin"))
    assert resent.status == 200, resent.body
    assert verify(api, acme, listed[0]["id"], latest_code(outbox, "help@acme.example")).status == 200
    assert deliver_mail(api, raw_mail(to="help@acme.example"), "m2")["action"] == "created"


# ---- (3) verified elsewhere: 409; pending elsewhere: no obstacle -------------------------------


def test_pending_elsewhere_does_not_block_but_verified_elsewhere_is_taken(
    api: Client, acme: Tenant, globex: Tenant, outbox: Path
) -> None:
    squatter = add(api, globex, "help@acme.example")
    assert squatter.status == 201, squatter.body
    squatter_code = latest_code(outbox, "help@acme.example")
    owner = add(api, acme, "help@acme.example")
    assert owner.status == 201, owner.body
    assert verify(api, acme, owner.body["id"], latest_code(outbox, "help@acme.example")).status == 200
    # The squatter's code was sent to the owner's mailbox; even if leaked, the address is taken now.
    late = verify(api, globex, squatter.body["id"], squatter_code)
    assert (late.status, late.body["error"]["code"]) == (409, "address_taken")
    assert states(api, globex) == {"help@acme.example": "pending"}
    assert states(api, acme) == {"help@acme.example": "verified"}
    assert deliver_mail(api, raw_mail(to="help@acme.example"), "m1")["action"] == "created"
    assert len(all_tickets(api, acme)) == 1
    assert all_tickets(api, globex) == []


def test_removing_a_verified_address_stops_routing_and_frees_it(
    api: Client, acme: Tenant, globex: Tenant, outbox: Path
) -> None:
    verified = add_and_verify(api, acme, "help@acme.example", outbox)
    assert call(api, "DELETE", f"{ADDRESSES}/{verified['id']}", acme.token("admin")).status == 204
    assert states(api, acme) == {}
    assert call(api, "GET", "/organization", acme.token("admin")).body["settings"]["support_email_addresses"] == []
    assert deliver_mail(api, raw_mail(to="help@acme.example"), "m1")["action"] == "failed"
    add_and_verify(api, globex, "help@acme.example", outbox)
    assert deliver_mail(api, raw_mail(to="help@acme.example", message_id="m-2@x"), "m2")["action"] == "created"
    assert len(all_tickets(api, globex)) == 1


def test_two_organizations_verifying_one_address_at_once_have_one_winner(server_table: str, outbox: Path) -> None:
    from chalicelib.domain.commands import SignupCommand
    from chalicelib.domain.errors import Conflict
    from chalicelib.domain.identity import Principal, Role
    from chalicelib.services import identity, support_addresses
    from chalicelib.store import identity as identity_store
    from tests.api.test_identity import signup_body

    admins = []
    for n in range(4):
        org, admin, _ = identity.signup(SignupCommand.model_validate(signup_body(f"race{n}")), None, None)
        principal = Principal(org_id=org.id, user_id=admin.id, role=Role.ADMIN, session_id="s")
        added = support_addresses.add_address(principal, "help@race.example")
        admins.append((principal, added.id, latest_code(outbox, "help@race.example")))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(principal: Principal, address_id: str, code: str) -> None:
        try:
            support_addresses.verify(principal, address_id, code)
            result = principal.org_id
        except Conflict as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=entry) for entry in admins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o != "address_taken"]
    assert len(outcomes) == 4
    assert len(winners) == 1, outcomes
    assert identity_store.org_id_for_address("help@race.example") == winners[0]


# ---- the code: random, hashed, expiring, single use, attempt-limited, resendable ---------------


def test_the_code_is_single_use_and_stored_only_hashed(api: Client, acme: Tenant, outbox: Path) -> None:
    from tests.api.test_lifecycle import everything_stored

    added = add(api, acme, "help@acme.example")
    code = latest_code(outbox, "help@acme.example")
    stored = everything_stored()
    assert code.lower() not in stored
    assert code.replace("-", "").lower() not in stored
    assert verify(api, acme, added.body["id"], code.lower().replace("-", " ")).status == 200
    again = verify(api, acme, added.body["id"], code)
    assert (again.status, again.body["error"]["code"]) == (409, "already_verified")


def test_a_code_expires_after_a_day(api: Client, acme: Tenant, outbox: Path) -> None:
    sent = datetime.now(UTC) - timedelta(hours=24, seconds=1)
    with time_machine.travel(sent, tick=False):
        added = add(api, acme, "help@acme.example")
    code = latest_code(outbox, "help@acme.example")
    assert added.body["confirmation_expires_at"].startswith((sent + timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M"))
    late = verify(api, acme, added.body["id"], code)
    assert (late.status, late.body["error"]["code"]) == (422, "code_expired")
    assert states(api, acme) == {"help@acme.example": "pending"}


def test_guessing_the_code_is_cut_off_after_five_tries(api: Client, acme: Tenant, outbox: Path) -> None:
    added = add(api, acme, "help@acme.example")
    address_id = added.body["id"]
    right = latest_code(outbox, "help@acme.example")
    for n in range(5):
        wrong = verify(api, acme, address_id, f"AAAA-BBBB-CCCC-{n:04d}")
        assert (wrong.status, wrong.body["error"]["code"]) == (422, "invalid_code")
    blocked = verify(api, acme, address_id, right)
    assert (blocked.status, blocked.body["error"]["code"]) == (429, "too_many_attempts")
    assert states(api, acme) == {"help@acme.example": "pending"}
    # A new code (after the minute between confirmations) starts afresh; the old one is dead.
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=2)):
        resent = call(api, "POST", f"{ADDRESSES}/{address_id}/resend", acme.token("admin"))
        assert resent.status == 200, resent.body
        fresh = latest_code(outbox, "help@acme.example")
        assert fresh != right
        assert verify(api, acme, address_id, right).body["error"]["code"] == "invalid_code"
        assert verify(api, acme, address_id, fresh).status == 200


def test_confirmations_are_rate_limited(
    api: Client, acme: Tenant, outbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.domain import support_addresses as rules

    added = add(api, acme, "help@acme.example")
    too_soon = call(api, "POST", f"{ADDRESSES}/{added.body['id']}/resend", acme.token("admin"))
    assert (too_soon.status, too_soon.body["error"]["code"]) == (429, "resend_too_soon")
    # An organization cannot flood a stranger's mailbox by adding and removing addresses either.
    monkeypatch.setattr(rules, "CONFIRMATIONS_PER_DAY", 3)
    assert call(api, "DELETE", f"{ADDRESSES}/{added.body['id']}", acme.token("admin")).status == 204
    assert add(api, acme, "help@acme.example").status == 201
    assert add(api, acme, "sales@acme.example").status == 201
    over = add(api, acme, "info@acme.example")
    assert (over.status, over.body["error"]["code"]) == (429, "confirmation_limit")
    assert len(list(outbox.glob("*.eml"))) == 3
    assert "info@acme.example" not in states(api, acme)


def test_only_admins_manage_support_addresses(api: Client, acme: Tenant, outbox: Path) -> None:
    added = add(api, acme, "help@acme.example")
    address_id = added.body["id"]
    assert call(api, "GET", ADDRESSES, acme.token("manager")).status == 200
    for role in ("manager", "agent", "customer"):
        token = acme.token(role)
        assert call(api, "POST", ADDRESSES, token, {"address": "x@acme.example"}).status == 403
        assert call(api, "POST", f"{ADDRESSES}/{address_id}/verify", token, {"code": "AAAA"}).status == 403
        assert call(api, "DELETE", f"{ADDRESSES}/{address_id}", token).status == 403
    assert call(api, "GET", ADDRESSES, acme.token("agent")).status == 403
    assert call(api, "DELETE", f"{ADDRESSES}/0123456789abcdef", acme.token("admin")).status == 404


def test_other_tenants_addresses_are_not_found(api: Client, acme: Tenant, globex: Tenant, outbox: Path) -> None:
    added = add(api, acme, "help@acme.example")
    code = latest_code(outbox, "help@acme.example")
    address_id = added.body["id"]
    assert verify(api, globex, address_id, code).status == 404
    assert call(api, "POST", f"{ADDRESSES}/{address_id}/resend", globex.token("admin")).status == 404
    assert call(api, "DELETE", f"{ADDRESSES}/{address_id}", globex.token("admin")).status == 404
    assert states(api, acme) == {"help@acme.example": "pending"}


def test_address_changes_are_audited(api: Client, acme: Tenant, outbox: Path) -> None:
    verified = add_and_verify(api, acme, "help@acme.example", outbox)
    call(api, "DELETE", f"{ADDRESSES}/{verified['id']}", acme.token("admin"))
    entries = call(api, "GET", "/audit-log", acme.token("admin")).body["items"]
    mine = [
        (e["action"], e["target_id"], e["details"].get("address")) for e in entries if "support_address" in e["action"]
    ]
    assert mine == [
        ("support_address.removed", verified["id"], "help@acme.example"),
        ("support_address.verified", verified["id"], "help@acme.example"),
        ("support_address.added", verified["id"], "help@acme.example"),
    ]


# ---- (4) one message, two organizations --------------------------------------------------------


@pytest.mark.parametrize("acme_address", [f"support+acme@{INBOUND}", "help@acme.example"])
def test_a_message_to_two_organizations_reaches_each_once(
    api: Client, acme: Tenant, globex: Tenant, outbox: Path, acme_address: str
) -> None:
    if "@acme.example" in acme_address:
        add_and_verify(api, acme, acme_address, outbox)
    raw = raw_mail(to=acme_address, cc=f"Globex <anything+globex@{INBOUND}>")
    first = deliver_mail(api, raw, "both-1")
    assert sorted((d["org_id"], d["action"]) for d in first["deliveries"]) == sorted(
        [(acme.org_id, "created"), (globex.org_id, "created")]
    )
    again = deliver_mail(api, raw, "both-1-again")
    assert sorted(d["action"] for d in again["deliveries"]) == ["duplicate", "duplicate"]
    assert subjects(api, acme) == ["Printer on fire"]
    assert subjects(api, globex) == ["Printer on fire"]


def test_a_message_naming_one_organization_twice_reaches_it_once(api: Client, acme: Tenant, outbox: Path) -> None:
    add_and_verify(api, acme, "help@acme.example", outbox)
    result = deliver_mail(api, raw_mail(to="help@acme.example", cc=f"support+acme@{INBOUND}"), "twice")
    assert result["action"] == "created"
    assert "deliveries" not in result
    assert subjects(api, acme) == ["Printer on fire"]
    assert inbound_keys("processed/") == ["processed/twice"]


def test_each_organization_keeps_its_own_copy_of_a_shared_message(api: Client, acme: Tenant, globex: Tenant) -> None:
    raw = raw_mail(
        to=f"support+acme@{INBOUND}",
        cc=f"support+globex@{INBOUND}",
        sender="Zebedee Quux <zebedee.quux@private.example>",
    )
    assert deliver_mail(api, raw, "shared.eml")["action"] == "created"
    assert sorted(inbound_keys("processed/")) == sorted(
        [f"processed/{acme.org_id}/shared.eml", f"processed/{globex.org_id}/shared.eml"]
    )
    assert inbound_keys("incoming/") == []
    # Erasing the person in one organization deletes that organization's copy only.
    customer = next(t["customer_id"] for t in all_tickets(api, acme))
    erased = call(api, "POST", f"/users/{customer}/anonymize", acme.token("admin"))
    assert erased.status == 200, erased.body
    assert inbound_keys("processed/") == [f"processed/{globex.org_id}/shared.eml"]
    kept = boto3.client("s3").get_object(
        Bucket=config.inbound_mail_bucket(), Key=f"processed/{globex.org_id}/shared.eml"
    )
    assert b"Zebedee" in kept["Body"].read()


def test_one_organization_refusing_a_shared_message_does_not_lose_it_for_the_other(
    api: Client, acme: Tenant, globex: Tenant
) -> None:
    # The sender is a deactivated user of Acme: Acme refuses the mail, Globex takes it in.
    call(api, "DELETE", f"/users/{acme.user_id('customer')}", acme.token("admin"))
    raw = raw_mail(to=f"support+acme@{INBOUND}", cc=f"support+globex@{INBOUND}", sender="customer@acme.example")
    result = deliver_mail(api, raw, "half.eml")
    assert result["action"] == "created"
    assert {d["org_id"]: d["action"] for d in result["deliveries"]} == {acme.org_id: "failed", globex.org_id: "created"}
    assert inbound_keys("failed/") == [f"failed/{acme.org_id}/half.eml"]
    assert inbound_keys("processed/") == [f"processed/{globex.org_id}/half.eml"]


# ---- (5) never "from" the organization's own addresses -------------------------------------------


@pytest.mark.parametrize(
    "sender",
    [
        f"support+acme@{INBOUND}",
        f"Acme Support <anything+acme@{INBOUND}>",
        f"no-reply@{INBOUND}",
        "help@acme.example",  # verified
        "HELP@ACME.EXAMPLE",
        "billing@acme.example",  # pending
    ],
)
def test_mail_from_the_organizations_own_addresses_never_becomes_a_ticket(
    api: Client, acme: Tenant, outbox: Path, sender: str
) -> None:
    add_and_verify(api, acme, "help@acme.example", outbox)
    assert add(api, acme, "billing@acme.example").status == 201
    for n, to in enumerate(("help@acme.example", f"support+acme@{INBOUND}")):
        result = deliver_mail(api, raw_mail(to=to, sender=sender, message_id=f"own-{n}@x"), f"own-{n}")
        assert (result["action"], result["reason"]) == ("ignored", "sent by the organization's own support address")
    assert all_tickets(api, acme) == []


def test_a_customers_own_plus_address_is_not_mistaken_for_ours(api: Client, acme: Tenant) -> None:
    raw = raw_mail(to=f"support+acme@{INBOUND}", sender="Casey <casey+orders@customer.example>")
    assert deliver_mail(api, raw, "m1")["action"] == "created"
    assert subjects(api, acme) == ["Printer on fire"]


def test_the_confirmation_coming_back_through_forwarding_is_not_a_ticket(
    api: Client, acme: Tenant, outbox: Path
) -> None:
    add_and_verify(api, acme, "help@acme.example", outbox)
    added = add(api, acme, "billing@acme.example")
    assert added.status == 201
    (confirmation,) = confirmations(outbox, "billing@acme.example")
    del confirmation["To"]
    confirmation["To"] = f"support+acme@{INBOUND}"
    result = deliver_mail(api, confirmation.as_bytes(), "loop")
    assert result["action"] == "ignored"
    assert all_tickets(api, acme) == []


# ---- notifications never go out as an unverified address --------------------------------------


def test_notifications_are_sent_only_from_a_verified_address(
    api: Client, acme: Tenant, globex: Tenant, stream: Any, outbox: Path
) -> None:
    assert add(api, globex, "help@acme.example").status == 201  # pending: never a sender
    call(api, "POST", "/tickets", globex.token("customer"), {"subject": "First"})
    stream.drain()
    (ack,) = [m for m in confirmations(outbox, "customer@globex.example") if "First" in str(m["Subject"])]
    assert ack["From"].addresses[0].addr_spec == f"support+globex@{INBOUND}"

    add_and_verify(api, acme, "help@acme.example", outbox)
    call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Second"})
    stream.drain()
    (ack,) = [m for m in confirmations(outbox, "customer@acme.example") if "Second" in str(m["Subject"])]
    assert ack["From"].addresses[0].addr_spec == "help@acme.example"


def test_offboarding_releases_only_the_organizations_own_routing_guards(
    api: Client, acme: Tenant, globex: Tenant, outbox: Path
) -> None:
    from chalicelib.domain.retention import TenantJob
    from chalicelib.services import offboarding
    from chalicelib.store import identity as identity_store

    assert add(api, globex, "help@acme.example").status == 201  # pending at Globex, then verified by Acme
    add_and_verify(api, acme, "help@acme.example", outbox)
    add_and_verify(api, globex, "help@globex.example", outbox)
    now = datetime.now(UTC)
    addresses = call(api, "GET", "/organization", globex.token("admin")).body["settings"]["support_email_addresses"]
    job = TenantJob(
        id="j1",
        org_id=globex.org_id,
        kind="delete",
        requested_by_id=globex.user_id("admin"),
        slug="globex",
        addresses=addresses,
        created_at=now,
        updated_at=now,
    )
    offboarding._finish_delete(job)
    assert identity_store.org_id_for_address("help@acme.example") == acme.org_id
    assert identity_store.org_id_for_address("help@globex.example") is None
    assert deliver_mail(api, raw_mail(to="help@acme.example"), "m1")["action"] == "created"
