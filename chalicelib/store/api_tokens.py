"""API token items (docs/data-model.md, "API tokens").

| item | PK | SK | index |
|---|---|---|---|
| API token | ``ORG#o`` | ``APITOKEN#<token_id>`` | GSI1 ``ORG#o#APITOKENS`` / ``<created_at>#<token_id>`` |

The secret is never stored: ``secret_hash`` is the SHA-256 of the whole token.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pynamodb.attributes import ListAttribute, UnicodeAttribute

from chalicelib.domain.api_tokens import ApiToken
from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import Organization, Role, TicketCounterSnapshot, User
from chalicelib.store.identity import OrganizationItem, UserItem, to_org, to_user, touch, user_sk
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Put, Touch, transact_write

# A revoked or expired token stays listed this long (then the table's TTL removes it).
KEPT_AFTER_END = timedelta(days=30)
LAST_USE_RESOLUTION = timedelta(minutes=1)


class ApiTokenItem(TableItem, discriminator="ApiToken"):
    org_id = UnicodeAttribute()
    token_id = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute(null=True)
    actions = ListAttribute(of=UnicodeAttribute, null=True)
    created_by_id = UnicodeAttribute()
    created_at = UnicodeAttribute()
    token_expires_at = UnicodeAttribute(null=True)  # validity; ``expires_at`` is the table's TTL
    last_used_at = UnicodeAttribute(null=True)
    revoked_at = UnicodeAttribute(null=True)
    revoked_by_id = UnicodeAttribute(null=True)
    secret_hash = UnicodeAttribute()


def token_sk(token_id: str) -> str:
    return f"APITOKEN#{token_id}"


def list_pk(org_id: str) -> str:
    return tenant_key(org_id, "APITOKENS")


def _iso(value: datetime | None) -> str | None:
    return iso(value) if value else None


def _dt(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def _ttl(token: ApiToken) -> datetime | None:
    """When the item may go: a while after the token ended (TTL only cleans up; validity is
    checked on every read)."""
    ends = [t for t in (token.expires_at, token.revoked_at) if t is not None]
    return min(ends) + KEPT_AFTER_END if ends else None


def token_item(token: ApiToken) -> ApiTokenItem:
    return ApiTokenItem(
        PK=org_pk(token.org_id),
        SK=token_sk(token.id),
        GSI1PK=list_pk(token.org_id),
        GSI1SK=f"{iso(token.created_at)}#{token.id}",
        org_id=token.org_id,
        token_id=token.id,
        name=token.name,
        role=token.role.value if token.role else None,
        actions=list(token.actions) if token.actions is not None else None,
        created_by_id=token.created_by_id,
        created_at=iso(token.created_at),
        token_expires_at=_iso(token.expires_at),
        last_used_at=_iso(token.last_used_at),
        revoked_at=_iso(token.revoked_at),
        revoked_by_id=token.revoked_by_id,
        secret_hash=token.secret_hash,
        expires_at=_ttl(token),
    )


def to_token(item: ApiTokenItem) -> ApiToken:
    return ApiToken(
        id=item.token_id,
        org_id=item.org_id,
        name=item.name,
        role=Role(item.role) if item.role else None,
        actions=[str(a) for a in item.actions] if item.actions is not None else None,
        created_by_id=item.created_by_id,
        created_at=parse_iso(item.created_at),
        expires_at=_dt(item.token_expires_at),
        last_used_at=_dt(item.last_used_at),
        revoked_at=_dt(item.revoked_at),
        revoked_by_id=item.revoked_by_id,
        secret_hash=item.secret_hash,
    )


def create(token: ApiToken) -> None:
    """Write a new token (an audit entry riding along joins the same transaction)."""
    transact_write([Put(token_item(token), condition=ApiTokenItem.PK.does_not_exist())])


def get(org_id: str, token_id: str) -> ApiToken | None:
    try:
        return to_token(ApiTokenItem.get(org_pk(org_id), token_sk(token_id)))
    except ApiTokenItem.DoesNotExist:
        return None


def page(org_id: str, *, limit: int, cursor: str | None) -> Page[ApiToken]:
    """The organization's tokens, newest first: one Query on GSI1."""
    found = query_page(
        ApiTokenItem.gsi1,
        list_pk(org_id),
        org_id=org_id,
        scope="api-tokens",
        limit=limit,
        cursor=cursor,
        scan_index_forward=False,
        model=ApiTokenItem,
    )
    return Page([to_token(i) for i in found.items], found.next_cursor)  # type: ignore[arg-type]


class AlreadyRevoked(Conflict):
    """A concurrent request revoked the token first."""


def revoke(token: ApiToken, now: datetime, by_id: str) -> None:
    """Mark the token revoked, unless it already is (``AlreadyRevoked``); the item's TTL moves to
    ``KEPT_AFTER_END`` from now. One conditional write in a transaction (the audit entry rides)."""
    removal = _ttl(token.model_copy(update={"revoked_at": now})) or now + KEPT_AFTER_END
    transact_write(
        [
            Touch(
                ApiTokenItem,
                org_pk(token.org_id),
                token_sk(token.id),
                [
                    ApiTokenItem.revoked_at.set(iso(now)),
                    ApiTokenItem.revoked_by_id.set(by_id),
                    ApiTokenItem.expires_at.set(removal),
                ],
                on_conflict=AlreadyRevoked("The token was already revoked.", code="already_revoked"),
                condition=ApiTokenItem.revoked_at.does_not_exist(),
            )
        ]
    )


def touch_last_used(org_id: str, token_id: str, now: datetime) -> bool:
    """Record a use, at most once a minute (a conditional write; no version change)."""
    return touch(ApiTokenItem, org_pk(org_id), token_sk(token_id), ApiTokenItem.last_used_at, now, LAST_USE_RESOLUTION)


def auth_snapshot(
    org_id: str, creator_id: str, token_id: str, counter: bool = False
) -> tuple[ApiToken | None, User | None, Organization | None, TicketCounterSnapshot | None]:
    """Token, its creator and the organization in ONE BatchGetItem (authentication's only read);
    with ``counter`` (the routes that create tickets) the ticket counter item too, in the same call."""
    from chalicelib.store.ticket_counter import TicketCounterItem, counter_key, snapshot_of

    keys = [(org_pk(org_id), token_sk(token_id)), (org_pk(org_id), user_sk(creator_id)), (org_pk(org_id), "ORG")]
    token = user = org = None
    counter_item: TicketCounterItem | None = None
    for item in TableItem.batch_get([*keys, counter_key(org_id)] if counter else keys):
        if isinstance(item, ApiTokenItem):
            token = to_token(item)
        elif isinstance(item, UserItem):
            user = to_user(item)
        elif isinstance(item, OrganizationItem):
            org = to_org(item)
        elif isinstance(item, TicketCounterItem):
            counter_item = item
    return token, user, org, snapshot_of(counter_item) if counter else None
