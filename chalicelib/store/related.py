"""Things other items point at, read together: users, departments, SLA policies, the organization
and customer records, for the automation rules' targets and the tickets' ``?include=``.

Every key is in the organization's partition ``ORG#o`` and is read by ``BatchGetItem`` (PynamoDB
sends up to 100 keys per call and asks again for any DynamoDB leaves unprocessed), so the cost
follows the number of distinct things named, never the number of rules or tickets naming them.
Ids that do not have the shape of the ids we issue cannot name anything and are not looked up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from chalicelib.domain.identity import Customer, Department, Organization, User
from chalicelib.domain.sla import SLAPolicy
from chalicelib.store.customers import CustomerItem, customer_sk, customer_user_sk, to_customer
from chalicelib.store.departments import DepartmentItem, department_sk, is_id, to_department
from chalicelib.store.identity import GuardItem, OrganizationItem, UserItem, to_org, to_user, user_sk
from chalicelib.store.keys import org_pk
from chalicelib.store.queue_counts import QueueCountItem, counter_key, counter_name, values_of
from chalicelib.store.sla import SLAPolicyItem, policy_key, to_policy
from chalicelib.store.table import TableItem


@dataclass
class Related:
    users: dict[str, User] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    policies: dict[str, SLAPolicy] = field(default_factory=dict)
    customer_of_user: dict[str, str] = field(default_factory=dict)  # user id -> customer record id
    organization: Organization | None = None
    queue_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # counter name -> values


def _ids(values: Iterable[str | None]) -> list[str]:
    return [v for v in dict.fromkeys(values) if v and is_id(v)]


def fetch(
    org_id: str,
    *,
    users: Iterable[str | None] = (),
    departments: Iterable[str | None] = (),
    policies: Iterable[str | None] = (),
    customer_users: Iterable[str | None] = (),
    organization: bool = False,
    queue_counters: Iterable[str] = (),
) -> Related:
    """Users, departments, SLA policies, the customer-record links of ``customer_users`` (their
    ``CUSTOMERUSER#u`` guards), with ``organization`` the organization item, and the named queue
    counters: ONE BatchGetItem per 100 keys. Missing things are simply absent from the result."""
    pk = org_pk(org_id)
    keys: list[tuple[str, str]] = [(pk, user_sk(u)) for u in _ids(users)]
    keys += [(pk, department_sk(d)) for d in _ids(departments)]
    keys += [policy_key(org_id, p) for p in _ids(policies)]
    keys += [(pk, customer_user_sk(u)) for u in _ids(customer_users)]
    if organization:
        keys.append((pk, "ORG"))
    keys += [counter_key(org_id, c) for c in dict.fromkeys(queue_counters)]
    found = Related()
    if not keys:
        return found
    for item in TableItem.batch_get(keys):
        if isinstance(item, UserItem):
            user = to_user(item)
            found.users[user.id] = user
        elif isinstance(item, DepartmentItem):
            department = to_department(item)
            found.departments[department.id] = department
        elif isinstance(item, SLAPolicyItem):
            policy = to_policy(item)
            found.policies[policy.id] = policy
        elif isinstance(item, GuardItem) and item.SK.startswith("CUSTOMERUSER#"):
            found.customer_of_user[item.SK.removeprefix("CUSTOMERUSER#")] = str(item.owner_id)
        elif isinstance(item, OrganizationItem):
            found.organization = to_org(item)
        elif isinstance(item, QueueCountItem):
            found.queue_counts[counter_name(item)] = values_of(item)
    return found


def customers(org_id: str, customer_ids: Iterable[str]) -> dict[str, Customer]:
    """Customer records by id: ONE BatchGetItem per 100 ids."""
    ids = _ids(customer_ids)
    if not ids:
        return {}
    records = (to_customer(i) for i in CustomerItem.batch_get([(org_pk(org_id), customer_sk(c)) for c in ids]))
    return {c.id: c for c in records}
