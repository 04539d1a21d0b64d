"""Customer records. Authorization through ``auth.policy`` only.

``customers.read`` is ALL for staff and OWN for customer users: a customer user reads the record
linked to them (``user_id``) and nothing else (404, indistinguishable from a missing record).
``customers.write`` is for managers and admins. Deleting is soft: the record disappears from
reads and from the list, and its user may be linked to a new record.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from chalicelib.auth import policy
from chalicelib.auth.policy import Scope, Target
from chalicelib.domain import lifecycle
from chalicelib.domain.clock import utcnow
from chalicelib.domain.commands import CustomerCommand, CustomerPatch
from chalicelib.domain.errors import Forbidden, NotFound, require_version
from chalicelib.domain.identity import Customer, Principal
from chalicelib.services import audit
from chalicelib.services.identity import new_id
from chalicelib.services.retry import retry_on_conflict
from chalicelib.services.users import normalise_phone
from chalicelib.store import customers as store
from chalicelib.store.departments import is_id
from chalicelib.store.pagination import Page

CENTS = Decimal("0.01")


def target_of(customer: Customer) -> Target:
    return Target(owner_id=customer.user_id)


def money(value: Decimal) -> Decimal:
    """Two decimal places, exactly: ``1234.5`` -> ``1234.50``."""
    return value.quantize(CENTS)


def _tags(tags: list[str]) -> list[str]:
    return list(dict.fromkeys(tags))


def load(principal: Principal, customer_id: str) -> Customer:
    """The active customer ``customer_id`` of the caller's organization, if the caller may read it (else 404)."""
    policy.require(principal, "customers.read")
    customer = store.get_customer(principal.org_id, customer_id) if is_id(customer_id) else None
    if customer is None or not customer.is_active:
        raise NotFound("Not found.")
    # OWN scope: a customer user sees only the record linked to them; any other record is hidden.
    if not policy.allowed(principal, "customers.read", target_of(customer)):
        raise NotFound("Not found.")
    return customer


def list_customers(
    principal: Principal, limit: int, cursor: str | None, user_id: str | None = None, deleted: bool = False
) -> Page[Customer]:
    """Active records by company; with ``user_id`` the one linked to that user (its guard names it),
    which a customer user may ask about themselves; ``deleted``: the deleted ones (the trash), for those
    who may restore them."""
    policy.require(principal, "customers.read")
    if user_id is not None:
        if not policy.allowed(principal, "customers.read", Target(owner_id=user_id)):
            raise Forbidden("Customers look up their own record only.", code="forbidden")
        record_id = store.customer_id_for_user(principal.org_id, user_id) if is_id(user_id) else None
        record = store.get_customer(principal.org_id, record_id) if record_id else None
        return Page([record] if record is not None and record.is_active and not deleted else [], None)
    # ``require`` without a target lets OWN through; the list is everyone's records, so it needs ALL.
    if policy.scope_of(principal, "customers.read") is not Scope.ALL:
        raise Forbidden(f"Your role ({principal.role.value}) does not allow listing customers.", code="forbidden")
    if deleted:
        policy.require(principal, "customers.write")
    return store.list_customers(principal.org_id, limit=limit, cursor=cursor, deleted=deleted)


def create_customer(principal: Principal, command: CustomerCommand) -> Customer:
    """409 ``customer_user_taken`` when the user has a record already; 422 ``invalid_customer_user`` unless
    ``user_id`` is an active customer user of the organization."""
    policy.require(principal, "customers.write")
    now = utcnow()
    customer = Customer(
        id=new_id(),
        org_id=principal.org_id,
        user_id=command.user_id,
        company=command.company.strip(),
        phone=normalise_phone(command.phone),
        lifetime_value=money(command.lifetime_value),
        tags=_tags(command.tags),
        created_at=now,
        updated_at=now,
    )
    return store.create_customer(customer)


@retry_on_conflict
def update_customer(principal: Principal, customer_id: str, patch: CustomerPatch, if_match: int | None) -> Customer:
    policy.require(principal, "customers.write")
    customer = load(principal, customer_id)
    policy.require(principal, "customers.write", target_of(customer))
    require_version("customer", customer.version, if_match)
    changes: dict[str, Any] = patch.changes()
    if "company" in changes:
        changes["company"] = changes["company"].strip()
    if "phone" in changes:
        changes["phone"] = normalise_phone(changes["phone"])
    if "lifetime_value" in changes:
        changes["lifetime_value"] = money(changes["lifetime_value"])
    if "tags" in changes:
        changes["tags"] = _tags(changes["tags"])
    updated = customer.model_copy(update={**changes, "updated_at": utcnow()})
    return store.save_customer(updated, customer)


@retry_on_conflict
def delete_customer(principal: Principal, customer_id: str) -> Customer:
    """Soft delete: hidden from reads and the list afterwards; the linked user is free for a new record."""
    policy.require(principal, "customers.write")
    customer = load(principal, customer_id)
    policy.require(principal, "customers.write", target_of(customer))
    with audit.recorded(principal, "customer.deleted", "customer", customer.id):
        return store.save_customer(lifecycle.soft_delete(customer, utcnow()), customer)


@retry_on_conflict
def restore_customer(principal: Principal, customer_id: str) -> Customer:
    """Bring a deleted customer record back (409 ``customer_user_taken`` when its user has a new one)."""
    policy.require(principal, "customers.write")
    customer = store.get_customer(principal.org_id, customer_id) if is_id(customer_id) else None
    if customer is None or not policy.allowed(principal, "customers.write", target_of(customer)):
        raise NotFound("Not found.")
    if not customer.is_deleted:
        return customer
    with audit.recorded(principal, "customer.restored", "customer", customer.id):
        return store.save_customer(lifecycle.restore(customer, utcnow()), customer)
