"""An organization's own support addresses: add (a code is mailed to the address), resend, verify,
remove, list; and which address its mail goes out from.

Guarantees (docs/security.md, "Mail routing"):

* ``settings.support_email_addresses`` lists the addresses the organization declared; each has a
  support address item (pending or verified), written in the same transaction as the organization.
* Only the verifying transaction writes the routing guard ``PLATFORM#INBOX#<address>``, on
  condition that no other organization verified the address (409 ``address_taken``). A pending
  address never routes and blocks nobody; a guard from before verification existed counts as pending.
* Removing an address deletes its item and releases the guard if this organization holds it.
* Addresses at the inbound domain are the platform's (plus-addresses) and cannot be claimed.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from chalicelib.auth import policy
from chalicelib.channels import outbound
from chalicelib.domain import support_addresses as rules
from chalicelib.domain.clock import utcnow
from chalicelib.domain.errors import Conflict, NotFound, RuleViolation, Throttled
from chalicelib.domain.identity import Organization, Principal
from chalicelib.domain.support_addresses import AddressState, SupportAddress, address_id
from chalicelib.services import audit
from chalicelib.services.channels import inbound_domain
from chalicelib.store import audit as audit_store
from chalicelib.store import identity as identity_store
from chalicelib.store import support_addresses as store
from chalicelib.store.pagination import Page, list_page
from chalicelib.store.transactions import Operation, transact_write

MAX_ADDRESSES = 20
ORG_WRITE_ATTEMPTS = 3  # the organization item is shared with PATCH /organization: re-read on a race

T = TypeVar("T")


def plus_address(org: Organization) -> str:
    """The organization's platform address, which always routes to it."""
    return f"support+{org.slug}@{inbound_domain()}"


def check_address(address: str) -> str:
    """A custom support address as stored: a valid email address, not at the inbound domain."""
    from chalicelib.services.identity import normalise_email

    if rules.is_inbound_domain(address.strip(), inbound_domain()):
        raise RuleViolation(
            f"Addresses at {inbound_domain()} belong to Deskless: every organization already receives "
            f"mail at support+<slug>@{inbound_domain()}.",
            code="address_not_allowed",
            details=[{"field": "address"}],
        )
    normalised = normalise_email(address)
    # "#" cannot be part of a key; the domain may read differently once normalised (IDNA).
    if "#" in normalised or rules.is_inbound_domain(normalised, inbound_domain()):
        raise RuleViolation(
            "This address cannot be a support address.", code="address_not_allowed", details=[{"field": "address"}]
        )
    return normalised


def _org(principal: Principal) -> Organization:
    org = identity_store.get_organization(principal.org_id)
    if org is None:
        raise NotFound("Not found.")
    return org


def _declared(org: Organization, wanted_id: str) -> str:
    """The declared address with id ``wanted_id``, or 404."""
    for address in org.settings.support_email_addresses:
        if address_id(address) == wanted_id:
            return address
    raise NotFound("Not found.")


def _state(org: Organization, address: str) -> SupportAddress:
    """The stored address, or a pending one for an address declared before verification existed."""
    return store.get(org.id, address) or SupportAddress(org_id=org.id, address=address)


def _with_settings(org: Organization, addresses: list[str], now: datetime) -> Organization:
    settings = org.settings.model_copy(update={"support_email_addresses": addresses})
    return org.model_copy(update={"settings": settings, "updated_at": now})


def _retry_on_stale(write: Callable[[], T]) -> T:
    """Run ``write`` (read the organization, then write it) again when someone changed it meanwhile."""
    for attempt in range(1, ORG_WRITE_ATTEMPTS + 1):
        try:
            return write()
        except Conflict as exc:
            if exc.code != "stale_version" or attempt == ORG_WRITE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _send_confirmation(org: Organization, address: str, now: datetime) -> str:
    """Count it against the daily allowance, then mail a new code to ``address``; returns the code."""
    store.take_confirmation(org.id, now)
    code = rules.new_code()
    subject, body = rules.confirmation_text(org.name, address, code, now + rules.CODE_VALID)
    domain = inbound_domain()
    message, _ = outbound.compose_email(
        sender_name="Deskless",
        sender=f"no-reply@{domain}",
        to_name="",
        to=address,
        subject=subject,
        body=body,
        domain=domain,
        references=[],
        automatic=True,
    )
    outbound.send_email(message)
    return code


def _pending(org: Organization, address: str, code: str, principal: Principal, now: datetime) -> SupportAddress:
    fresh = SupportAddress(org_id=org.id, address=address, added_at=now, added_by_id=principal.user_id)
    return rules.with_new_code(fresh, code, now)


# ---------------------------------------------------------------- the routes


def list_addresses(principal: Principal, limit: int, cursor: str | None) -> Page[SupportAddress]:
    """The declared addresses in the organization's order, each with its state: one GetItem, one
    Query (at most 20 addresses), paged like every list."""
    policy.require(principal, "organization.read")
    org = _org(principal)
    stored = {a.address.lower(): a for a in store.list_for(org.id)}
    declared = [
        (f"{i:04d}", stored.get(a.lower()) or SupportAddress(org_id=org.id, address=a))
        for i, a in enumerate(org.settings.support_email_addresses)
    ]
    page = list_page(
        declared, lambda pair: pair[0], org_id=org.id, scope="support-addresses", limit=limit, cursor=cursor
    )
    return Page([address for _, address in page.items], page.next_cursor)


def _department_checks(principal: Principal, department_id: str | None) -> list[Operation]:
    """An address's department must be an active one of the organization (422 ``invalid_department``),
    checked again in the write's transaction."""
    if department_id is None:
        return []
    from chalicelib.services import departments  # it imports services.identity, which imports this module

    return departments.routing_checks(principal.org_id, {"department_id": department_id})


def add_address(principal: Principal, address: str, department_id: str | None = None) -> SupportAddress:
    """Declare ``address`` (pending) and mail it a code. 409 ``address_exists`` / ``address_taken``,
    422 ``too_many_addresses`` / ``invalid_department``, 429 ``confirmation_limit``. New tickets
    from mail to the address go to ``department_id``."""
    policy.require(principal, "organization.update")
    address = check_address(address)
    checks = _department_checks(principal, department_id)
    sent: list[str] = []  # the code, once mailed: a retried write does not mail again

    def write() -> SupportAddress:
        org = _org(principal)
        declared = org.settings.support_email_addresses
        if address.lower() in {a.lower() for a in declared}:
            raise store.exists()
        if len(declared) >= MAX_ADDRESSES:
            raise RuleViolation(f"At most {MAX_ADDRESSES} support addresses.", code="too_many_addresses")
        if store.verified_owner(address) not in (None, org.id):
            raise store.taken()  # checked before anything is mailed; the transaction checks again
        now = utcnow()
        if not sent:
            sent.append(_send_confirmation(org, address, now))
        pending = _pending(org, address, sent[0], principal, now).model_copy(update={"department_id": department_id})
        details = {"address": address}
        with audit.recorded(principal, "support_address.added", "support_address", pending.id, details):
            identity_store.save_organization(
                _with_settings(org, [*declared, address], now),
                [store.save(pending), store.not_taken(org.id, address), *checks],
            )
        return pending.model_copy(update={"version": 1})

    return _retry_on_stale(write)


def update_address(principal: Principal, wanted_id: str, department_id: str | None) -> SupportAddress:
    """Route new tickets from mail to the address to ``department_id`` (None: by the organization's
    ``channel_departments``). 422 ``invalid_department``; 409 ``stale_version`` on a concurrent change."""
    policy.require(principal, "organization.update")
    org = _org(principal)
    current = _state(org, _declared(org, wanted_id))
    if current.department_id == department_id:
        return current
    changed = current.model_copy(update={"department_id": department_id})
    details = {"address": current.address, "department_id": department_id}
    with audit.recorded(principal, "support_address.updated", "support_address", current.id, details):
        transact_write([store.save(changed), *_department_checks(principal, department_id)])
    return changed.model_copy(update={"version": changed.version + 1})


def departments_of(org_id: str, addresses: list[str]) -> dict[str, str]:
    """``{lowercase address: department id}`` for those of ``addresses`` that name a department (ONE
    BatchGetItem): where inbound mail to them is routed. Only verified addresses route mail."""
    return {
        a.address.lower(): a.department_id
        for a in store.get_many(org_id, addresses)
        if a.department_id and a.state is AddressState.VERIFIED
    }


def resend(principal: Principal, wanted_id: str) -> SupportAddress:
    """A new code for a pending address (the previous one stops working). 409 ``already_verified``,
    429 ``resend_too_soon`` / ``confirmation_limit``."""
    policy.require(principal, "organization.update")
    org = _org(principal)
    current = _state(org, _declared(org, wanted_id))
    if current.state is AddressState.VERIFIED:
        raise Conflict("The address is already verified.", code="already_verified")
    check_address(current.address)  # one declared before the rules existed may not qualify
    now = utcnow()
    wait = rules.resend_wait(current, now)
    if wait is not None:
        raise Throttled(
            f"A confirmation was sent less than a minute ago; try again in {int(wait.total_seconds()) + 1} s.",
            code="resend_too_soon",
        )
    code = _send_confirmation(org, current.address, now)
    renewed = rules.with_new_code(current, code, now)
    if renewed.added_at is None:  # declared before verification existed: stored from now on
        renewed = renewed.model_copy(update={"added_at": now, "added_by_id": principal.user_id})
    details = {"address": current.address}
    with audit.recorded(principal, "support_address.confirmation_sent", "support_address", current.id, details):
        transact_write([store.save(renewed)])
    return renewed.model_copy(update={"version": renewed.version + 1})


def verify(principal: Principal, wanted_id: str, code: str) -> SupportAddress:
    """Check the code and make the address route to this organization. 422 ``invalid_code`` /
    ``code_expired``, 429 ``too_many_attempts``, 409 ``address_taken`` / ``already_verified``."""
    policy.require(principal, "organization.update")
    org = _org(principal)
    current = _state(org, _declared(org, wanted_id))
    if current.state is AddressState.VERIFIED:
        raise Conflict("The address is already verified.", code="already_verified")
    now = utcnow()
    if current.code_hash is None or current.code_expires_at is None or current.code_expires_at <= now:
        raise RuleViolation("The code has expired or none was sent; ask for a new one (resend).", code="code_expired")
    store.count_attempt(org.id, current)  # before comparing: concurrent guesses cannot exceed the tries
    if not secrets.compare_digest(current.code_hash, rules.code_hash(code)):
        left = max(0, rules.MAX_ATTEMPTS - current.attempts - 1)
        raise RuleViolation(f"Wrong code ({left} tries left).", code="invalid_code", details=[{"field": "code"}])
    verified = current.model_copy(
        update={
            "state": AddressState.VERIFIED,
            "code_hash": None,
            "code_expires_at": None,
            "attempts": 0,
            "verified_at": now,
            "verified_by_id": principal.user_id,
        }
    )
    details = {"address": current.address}
    with audit.recorded(principal, "support_address.verified", "support_address", current.id, details):
        transact_write([store.save(verified), store.claim_guard(org.id, current.address, now)])
    return verified.model_copy(update={"version": verified.version + 1})


def remove(principal: Principal, wanted_id: str) -> None:
    """Forget the address: its item goes and its routing guard is released, with the organization."""
    policy.require(principal, "organization.update")

    def write() -> None:
        org = _org(principal)
        address = _declared(org, wanted_id)
        remaining = [a for a in org.settings.support_email_addresses if a.lower() != address.lower()]
        details = {"address": address}
        with audit.recorded(principal, "support_address.removed", "support_address", wanted_id, details):
            identity_store.save_organization(
                _with_settings(org, remaining, utcnow()),
                [store.delete(org.id, address), *store.release_guard(org.id, address)],
            )

    _retry_on_stale(write)


# ---------------------------------------------------------------- PATCH /organization


def settings_changes(principal: Principal, org: Organization, wanted: list[str]) -> tuple[list[str], list[Operation]]:
    """``settings.support_email_addresses`` replaced through ``PATCH /organization``: the list to
    store and what to write with the organization. New addresses become pending and are mailed a
    code (as ``add_address``); dropped ones are removed (as ``remove``)."""
    unique: dict[str, str] = {}
    for raw in wanted:
        address = check_address(raw)
        unique.setdefault(address.lower(), address)
    old = {a.lower() for a in org.settings.support_email_addresses}
    added = [a for key, a in unique.items() if key not in old]
    removed = [a for a in org.settings.support_email_addresses if a.lower() not in unique]
    if not added and not removed:
        return list(unique.values()), []
    for address in added:
        if store.verified_owner(address) not in (None, org.id):
            raise store.taken()
    now = utcnow()
    operations: list[Operation] = []
    for address in added:
        code = _send_confirmation(org, address, now)
        operations += [store.save(_pending(org, address, code, principal, now)), store.not_taken(org.id, address)]
    for address in removed:
        operations += [store.delete(org.id, address), *store.release_guard(org.id, address)]
    record = audit.entry(
        org.id, principal, "support_address.changed", "organization", org.id, {"added": added, "removed": removed}
    )
    operations.append(audit_store.entry_put(record))
    return list(unique.values()), operations


# ---------------------------------------------------------------- outbound


def sender_address(org: Organization) -> str:
    """The address the organization's mail goes out from: its first verified address, else its
    plus-address (never a pending one: nobody sends as an address they have not proved theirs)."""
    if not org.settings.support_email_addresses:
        return plus_address(org)
    verified = {a.address.lower() for a in store.list_for(org.id) if a.state is AddressState.VERIFIED}
    for address in org.settings.support_email_addresses:
        if address.lower() in verified:
            return address
    return plus_address(org)
