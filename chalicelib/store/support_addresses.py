"""Support address items: an organization's own addresses, their verification, and the routing guard.

| item | PK | SK | notes |
|---|---|---|---|
| support address | ``ORG#o`` | ``SUPPORTADDR#<address id>`` | state, code hash, expiry, tries |
| confirmation counter | ``ORG#o`` | ``ADDRCONFIRMS#<yyyy-mm-dd>`` | ADD per confirmation; TTL 2 days |
| inbound address guard | ``PLATFORM#INBOX#<address>`` | ``INBOX`` | written only by verification |
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, UpdateError

from chalicelib.domain import support_addresses as rules
from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import Conflict, Throttled
from chalicelib.domain.support_addresses import AddressState, SupportAddress, address_id
from chalicelib.store.identity import GuardItem, inbox_key
from chalicelib.store.keys import is_safe_part, org_pk
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Check, Delete, Operation, Put, is_condition_failure

SK_PREFIX = "SUPPORTADDR#"


class SupportAddressItem(TableItem, discriminator="SupportAddress"):
    org_id = UnicodeAttribute()
    address = UnicodeAttribute()
    state = UnicodeAttribute()
    added_at = UnicodeAttribute(null=True)
    added_by_id = UnicodeAttribute(null=True)
    code_hash = UnicodeAttribute(null=True)
    code_expires_at = UnicodeAttribute(null=True)
    attempts = NumberAttribute(default=0)
    sent_at = UnicodeAttribute(null=True)
    verified_at = UnicodeAttribute(null=True)
    verified_by_id = UnicodeAttribute(null=True)
    department_id = UnicodeAttribute(null=True)


class ConfirmationCounterItem(TableItem, discriminator="AddressConfirmations"):
    sent = NumberAttribute(default=0)


def address_key(org_id: str, address: str) -> tuple[str, str]:
    return org_pk(org_id), SK_PREFIX + address_id(address)


def _iso(value: datetime | None) -> str | None:
    return iso(value) if value else None


def _dt(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def to_address(item: SupportAddressItem) -> SupportAddress:
    return SupportAddress(
        org_id=item.org_id,
        address=item.address,
        state=AddressState(item.state),
        added_at=_dt(item.added_at),
        added_by_id=item.added_by_id,
        code_hash=item.code_hash,
        code_expires_at=_dt(item.code_expires_at),
        attempts=int(item.attempts or 0),
        sent_at=_dt(item.sent_at),
        verified_at=_dt(item.verified_at),
        verified_by_id=item.verified_by_id,
        department_id=item.department_id,
        version=int(item.version or 1),
    )


def address_item(address: SupportAddress) -> SupportAddressItem:
    pk, sk = address_key(address.org_id, address.address)
    return SupportAddressItem(
        PK=pk,
        SK=sk,
        org_id=address.org_id,
        address=address.address,
        state=address.state.value,
        added_at=_iso(address.added_at),
        added_by_id=address.added_by_id,
        code_hash=address.code_hash,
        code_expires_at=_iso(address.code_expires_at),
        attempts=address.attempts,
        sent_at=_iso(address.sent_at),
        verified_at=_iso(address.verified_at),
        verified_by_id=address.verified_by_id,
        department_id=address.department_id,
    )


def get(org_id: str, address: str) -> SupportAddress | None:
    try:
        return to_address(SupportAddressItem.get(*address_key(org_id, address), consistent_read=True))
    except SupportAddressItem.DoesNotExist:
        return None


def get_many(org_id: str, addresses: Sequence[str]) -> list[SupportAddress]:
    """The stored ones of ``addresses`` (ONE BatchGetItem per 100), in no particular order."""
    keys = list(dict.fromkeys(address_key(org_id, a) for a in addresses if a))
    if not keys:
        return []
    return [to_address(i) for i in SupportAddressItem.batch_get(keys) if isinstance(i, SupportAddressItem)]


def list_for(org_id: str) -> list[SupportAddress]:
    """Every stored address of the organization: one Query (at most 20 small items)."""
    items = SupportAddressItem.query(org_pk(org_id), SupportAddressItem.SK.startswith(SK_PREFIX), consistent_read=True)
    return [to_address(i) for i in items if isinstance(i, SupportAddressItem)]


def exists() -> Conflict:
    return Conflict("The organization already has this support address.", code="address_exists")


def taken() -> Conflict:
    return Conflict(
        "Another organization verified this address; it receives the mail sent to it.",
        code="address_taken",
        details=[{"field": "address"}],
    )


def save(address: SupportAddress) -> Put:
    """Write ``address``: a new one must not exist yet, a stored one must still be at the version read."""
    item = address_item(address)
    if address.version == 0:
        return Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=exists())
    item.version = address.version
    return Put(item, on_conflict=Conflict("The address was changed meanwhile; retry.", code="stale_version"))


def delete(org_id: str, address: str) -> Delete:
    pk, sk = address_key(org_id, address)
    return Delete(SupportAddressItem(PK=pk, SK=sk), check_version=False)


def not_taken(org_id: str, address: str) -> Check:
    """No other organization verified ``address`` (a guard that predates verification does not count)."""
    return Check(
        GuardItem,
        *inbox_key(address),
        condition=GuardItem.PK.does_not_exist()
        | GuardItem.verified_at.does_not_exist()
        | (GuardItem.owner_id == org_id),
        on_conflict=taken(),
    )


def claim_guard(org_id: str, address: str, now: datetime) -> Put:
    """The routing guard, written by the verifying transaction: free, unverified, or already ours."""
    guard = GuardItem(*inbox_key(address), owner_id=org_id, verified_at=iso(now))
    return Put(
        guard,
        condition=GuardItem.PK.does_not_exist()
        | GuardItem.verified_at.does_not_exist()
        | (GuardItem.owner_id == org_id),
        on_conflict=taken(),
        check_version=False,
    )


def verified_owner(address: str) -> str | None:
    """The organization that verified ``address`` (consistent read), if one did."""
    try:
        guard = GuardItem.get(*inbox_key(address), consistent_read=True)
    except GuardItem.DoesNotExist:
        return None
    return str(guard.owner_id) if guard.verified_at else None


def release_guard(org_id: str, address: str) -> list[Operation]:
    """Delete the routing guard when ``org_id`` holds it (verified or from before verification)."""
    if not is_safe_part(address):  # an address no guard can be named after holds none
        return []
    try:
        guard = GuardItem.get(*inbox_key(address), consistent_read=True)
    except GuardItem.DoesNotExist:
        return []
    if guard.owner_id != org_id:
        return []
    return [Delete(guard, condition=GuardItem.owner_id == org_id, on_conflict=taken(), check_version=False)]


def release_guards(org_id: str, addresses: Sequence[str]) -> int:
    """Offboarding: delete the routing guards ``org_id`` holds among ``addresses``, never another's."""
    released = 0
    for address in addresses:
        if not is_safe_part(address):
            continue
        try:
            GuardItem(*inbox_key(address)).delete(condition=GuardItem.owner_id == org_id, add_version_condition=False)
        except DeleteError as exc:
            if not is_condition_failure(exc):
                raise
            continue
        released += 1
    return released


def count_attempt(org_id: str, address: SupportAddress) -> None:
    """Spend one try of the address's current code (atomic), or ``Throttled`` when none is left."""
    pk, sk = address_key(org_id, address.address)
    condition = (SupportAddressItem.code_hash == address.code_hash) & (
        SupportAddressItem.attempts.does_not_exist() | (SupportAddressItem.attempts < rules.MAX_ATTEMPTS)
    )
    try:
        SupportAddressItem._get_connection().update_item(
            pk, sk, actions=[SupportAddressItem.attempts.add(1)], condition=condition
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise Throttled(
                "Too many tries for this code; ask for a new one (resend).", code="too_many_attempts"
            ) from exc
        raise


def take_confirmation(org_id: str, now: datetime) -> None:
    """Count one confirmation message against the organization's daily allowance, or ``Throttled``."""
    counter = ConfirmationCounterItem.sent
    try:
        ConfirmationCounterItem._get_connection().update_item(
            org_pk(org_id),
            f"ADDRCONFIRMS#{now.strftime('%Y-%m-%d')}",
            actions=[
                counter.add(1),
                ConfirmationCounterItem.type.set(ConfirmationCounterItem),  # type: ignore[arg-type]
                ConfirmationCounterItem.expires_at.set(now + timedelta(days=2)),
            ],
            condition=counter.does_not_exist() | (counter < rules.CONFIRMATIONS_PER_DAY),
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise Throttled(
                f"At most {rules.CONFIRMATIONS_PER_DAY} confirmation messages a day; try again tomorrow.",
                code="confirmation_limit",
            ) from exc
        raise
