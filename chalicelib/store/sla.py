"""SLA policies: a small per-organization list under ``PK=ORG#o``, ``SK=SLA#<id>``.

Matching reads every policy (one Query of ``begins_with(SK, SLA#)``). The API lists them in the
order they are tried through GSI1: ``ORG#o#SLAPOLICIES`` / ``<order>#<name>#<id>`` for live
policies, ``ORG#o#SLAPOLICIES#DELETED`` (same sort key) for deleted ones, so a page of the list
never carries a deleted policy and the trash is a list of its own.
"""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute

from chalicelib.domain.errors import Conflict
from chalicelib.domain.sla import SLAPolicy
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.ticket_counter import sla_policies_changed
from chalicelib.store.transactions import Put, transact_write

MAX_POLICIES = 100


class SLAPolicyItem(TableItem, discriminator="SLAPolicy"):
    data = JSONAttribute()


def _sk(policy_id: str) -> str:
    return f"SLA#{policy_id}"


def policy_key(org_id: str, policy_id: str) -> tuple[str, str]:
    """The table key of a policy (for batch reads)."""
    return org_pk(org_id), _sk(policy_id)


def list_pk(org_id: str, deleted: bool) -> str:
    return tenant_key(org_id, "SLAPOLICIES", *(["DELETED"] if deleted else []))


def _item(policy: SLAPolicy) -> SLAPolicyItem:
    return SLAPolicyItem(
        PK=org_pk(policy.org_id),
        SK=_sk(policy.id),
        GSI1PK=list_pk(policy.org_id, policy.is_deleted),
        GSI1SK=policy.position,
        data=policy.model_dump(mode="json", exclude={"version"}),
    )


def reindexed(item: SLAPolicyItem) -> SLAPolicyItem:
    """The item as it would be written today (index keys recomputed): the re-indexing job."""
    rebuilt = _item(to_policy(item))
    rebuilt.version = item.version
    return rebuilt


def to_policy(item: SLAPolicyItem) -> SLAPolicy:
    return SLAPolicy.model_validate({**item.data, "version": item.version or 1})


def list_policies(org_id: str, consistent: bool = False) -> list[SLAPolicy]:
    """Every policy of the organization (a short list; callers order it by ``order``)."""
    items = SLAPolicyItem.query(
        org_pk(org_id), SLAPolicyItem.SK.startswith("SLA#"), limit=MAX_POLICIES, consistent_read=consistent
    )
    return [to_policy(i) for i in items]


def page_policies(org_id: str, *, deleted: bool, limit: int, cursor: str | None) -> Page[SLAPolicy]:
    """Live (or deleted) policies in the order they are tried: one Query on GSI1."""
    page = query_page(
        TableItem.gsi1,
        list_pk(org_id, deleted),
        org_id=org_id,
        scope=f"sla-policies:{'deleted' if deleted else 'live'}",
        limit=limit,
        cursor=cursor,
        model=SLAPolicyItem,
    )
    return Page([to_policy(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def get_policy(org_id: str, policy_id: str) -> SLAPolicy | None:
    try:
        return to_policy(SLAPolicyItem.get(org_pk(org_id), _sk(policy_id)))
    except SLAPolicyItem.DoesNotExist:
        return None


def create_policy(policy: SLAPolicy) -> SLAPolicy:
    """A new policy, and one more SLA policy version (caches of the list are stale from its commit)."""
    transact_write([Put(_item(policy), condition=TableItem.PK.does_not_exist()), sla_policies_changed(policy.org_id)])
    return policy.model_copy(update={"version": 1})


def save_policy(policy: SLAPolicy, previous: SLAPolicy) -> SLAPolicy:
    """The policy at ``previous.version`` changed (or deleted, restored), and one more SLA policy version."""
    item = _item(policy)
    item.version = previous.version
    stale = Conflict("The policy was changed by someone else.", code="stale_version")
    transact_write([Put(item, on_conflict=stale), sla_policies_changed(policy.org_id)])
    return policy.model_copy(update={"version": previous.version + 1})
