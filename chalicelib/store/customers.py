"""Customer items and the guard linking a customer record to a user.

Key layout (docs/data-model.md):

| item | PK | SK | index |
|---|---|---|---|
| customer | ``ORG#o`` | ``CUSTOMER#c`` | GSI1 ``ORG#o#CUSTOMERS`` (deleted: ``...#DELETED``) / ``<lower company>#c`` |
| customer-user guard | ``ORG#o`` | ``CUSTOMERUSER#u`` (owner_id = c) | |

``lifetime_value`` is an exact decimal, stored as a string attribute (never a float). A
soft-deleted customer leaves the list's GSI1 partition (pages never carry deleted
rows; they are listed under ``...#DELETED``, the trash) and releases its user guard.
"""

from __future__ import annotations

from decimal import Decimal

from pynamodb.attributes import BooleanAttribute, ListAttribute, UnicodeAttribute

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import Conflict, RuleViolation
from chalicelib.domain.identity import Customer, Role
from chalicelib.store.departments import is_id
from chalicelib.store.identity import GuardItem, UserItem, user_sk
from chalicelib.store.keys import UnsafeKey, org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Check, Delete, Operation, Put, transact_write


class CustomerItem(TableItem, discriminator="Customer"):
    org_id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    user_id = UnicodeAttribute(null=True)
    company = UnicodeAttribute(default="")
    phone = UnicodeAttribute(null=True)
    lifetime_value = UnicodeAttribute()  # exact decimal as text, e.g. "1234.50"
    tags = ListAttribute(of=UnicodeAttribute, default=list)
    is_active = BooleanAttribute()
    deleted_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


# ---------------------------------------------------------------- keys


def _id(value: str) -> str:
    if not is_id(value):
        raise UnsafeKey(f"id {value!r} cannot be part of a key")
    return value


def customer_sk(customer_id: str) -> str:
    return f"CUSTOMER#{_id(customer_id)}"


def customer_user_sk(user_id: str) -> str:
    return f"CUSTOMERUSER#{_id(user_id)}"


def customer_list_pk(org_id: str, deleted: bool = False) -> str:
    return tenant_key(org_id, "CUSTOMERS", *(["DELETED"] if deleted else []))


def customer_list_sk(customer: Customer) -> str:
    return f"{customer.company.lower()}#{customer.id}"


# ---------------------------------------------------------------- mapping


def customer_item(customer: Customer) -> CustomerItem:
    return CustomerItem(
        PK=org_pk(customer.org_id),
        SK=customer_sk(customer.id),
        GSI1PK=customer_list_pk(customer.org_id, not customer.is_active),
        GSI1SK=customer_list_sk(customer),
        org_id=customer.org_id,
        customer_id=customer.id,
        user_id=customer.user_id,
        company=customer.company,
        phone=customer.phone,
        lifetime_value=str(customer.lifetime_value),
        tags=list(customer.tags),
        is_active=customer.is_active,
        deleted_at=iso(customer.deleted_at) if customer.deleted_at else None,
        created_at=iso(customer.created_at),
        updated_at=iso(customer.updated_at),
    )


def to_customer(item: CustomerItem) -> Customer:
    return Customer(
        id=item.customer_id,
        org_id=item.org_id,
        user_id=item.user_id,
        company=item.company or "",
        phone=item.phone,
        lifetime_value=Decimal(item.lifetime_value),
        tags=[str(t) for t in item.tags or []],
        is_active=item.is_active,
        deleted_at=parse_iso(item.deleted_at) if item.deleted_at else None,
        created_at=parse_iso(item.created_at),
        updated_at=parse_iso(item.updated_at),
        version=item.version or 1,
    )


# ---------------------------------------------------------------- conditions


def invalid_customer_user() -> RuleViolation:
    return RuleViolation(
        "user_id must be an active user of the organization with the customer role.", code="invalid_customer_user"
    )


def customer_user_taken() -> Conflict:
    return Conflict("That user already has a customer record.", code="customer_user_taken")


def _claim_user(customer: Customer) -> list[Operation]:
    """Check the linked user (active, role customer) and take its guard: one user, one customer record."""
    if customer.user_id is None:
        return []
    if not is_id(customer.user_id):
        raise invalid_customer_user()
    pk = org_pk(customer.org_id)
    return [
        Check(
            UserItem,
            pk,
            user_sk(customer.user_id),
            condition=UserItem.PK.exists()
            & (UserItem.is_active == True)  # noqa: E712
            & (UserItem.role == Role.CUSTOMER.value),
            on_conflict=invalid_customer_user(),
        ),
        Put(
            GuardItem(PK=pk, SK=customer_user_sk(customer.user_id), owner_id=customer.id),
            condition=TableItem.PK.does_not_exist(),
            on_conflict=customer_user_taken(),
        ),
    ]


def _release_user(customer: Customer) -> list[Operation]:
    if customer.user_id is None:
        return []
    guard = GuardItem(PK=org_pk(customer.org_id), SK=customer_user_sk(customer.user_id), owner_id=customer.id)
    return [Delete(guard, condition=GuardItem.owner_id == customer.id, check_version=False)]


# ---------------------------------------------------------------- operations


def create_customer(customer: Customer) -> Customer:
    """One transaction: the customer and, when linked to a user, the user check and the guard."""
    item = customer_item(customer)
    transact_write([*_claim_user(customer), Put(item, condition=TableItem.PK.does_not_exist())])
    return to_customer(item)


def get_customer(org_id: str, customer_id: str) -> Customer | None:
    try:
        return to_customer(CustomerItem.get(org_pk(org_id), customer_sk(customer_id)))
    except CustomerItem.DoesNotExist:
        return None


def customer_id_for_user(org_id: str, user_id: str) -> str | None:
    """The customer record linked to ``user_id`` (its guard), if any."""
    try:
        return str(GuardItem.get(org_pk(org_id), customer_user_sk(user_id)).owner_id)
    except GuardItem.DoesNotExist:
        return None


def save_customer(customer: Customer, previous: Customer) -> Customer:
    """Write ``customer`` if it is still at ``previous.version``.

    Moves the user guard when the linked user changes, and releases it when the customer is
    deactivated, all in the same transaction.
    """
    item = customer_item(customer)
    item.version = previous.version
    operations: list[Operation] = [
        Put(item, on_conflict=Conflict("The customer was changed by someone else.", code="stale_version"))
    ]
    held = previous.user_id if previous.is_active else None
    wanted = customer.user_id if customer.is_active else None
    if held != wanted:
        if wanted is not None:
            operations += _claim_user(customer)
        if held is not None:
            operations += _release_user(previous)
    transact_write(operations)
    return to_customer(item)


def reindexed(item: CustomerItem) -> CustomerItem:
    """The item as it would be written today (index keys recomputed): the re-indexing job."""
    rebuilt = customer_item(to_customer(item))
    rebuilt.version = item.version
    return rebuilt


def list_customers(org_id: str, *, limit: int, cursor: str | None, deleted: bool = False) -> Page[Customer]:
    """Active customers (``deleted``: deleted ones) by company: one Query on GSI1 ``ORG#o#CUSTOMERS``
    (or ``...#DELETED``)."""
    page = query_page(
        CustomerItem.gsi1,
        customer_list_pk(org_id, deleted),
        org_id=org_id,
        scope="customers:deleted" if deleted else "customers",
        limit=limit,
        cursor=cursor,
        model=CustomerItem,
    )
    return Page([to_customer(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]
