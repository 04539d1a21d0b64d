"""Identity items: organizations, users, guards, sessions, permission grants, login throttles.

Key layout (docs/data-model.md):

| item | PK | SK | index |
|---|---|---|---|
| organization | ``ORG#o`` | ``ORG`` | |
| slug guard | ``PLATFORM#SLUG#<slug>`` | ``SLUG`` | |
| user | ``ORG#o`` | ``USER#u`` | GSI1 ``ORG#o#USERS`` (deactivated: ``ORG#o#USERS#DELETED``) / ``<role>#<name>#u`` |
| email / username guard | ``ORG#o`` | ``EMAIL#<lower>`` / ``USERNAME#<lower>`` | |
| look-alike guard | ``ORG#o`` | ``SKELETON#<sha256(TR39 skeleton of the email)>`` | |
| permission grant | ``ORG#o`` | ``USER#u#PERM#<perm>`` | |
| session | ``ORG#o#SESSION#<sha256>`` | ``SESSION`` | GSI1 ``ORG#o#USER#u#SESSIONS`` / ``<created>`` |
| login throttle | ``ORG#o`` | ``LOGINFAIL#<sha256(email)>`` | TTL (``store/login_throttle.py``) |
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.exceptions import UpdateError
from pynamodb.expressions.condition import Condition

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.confusables import confusable_email, email_skeleton
from chalicelib.domain.errors import Conflict, DesklessError, NotFound
from chalicelib.domain.identity import (
    Organization,
    OrgSettings,
    PermissionGrant,
    Role,
    Session,
    TicketCounterSnapshot,
    User,
)
from chalicelib.store import login_throttle
from chalicelib.store.keys import is_safe_part, org_pk, platform_key, retention_keys, tenant_key
from chalicelib.store.pagination import Page, query_page
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Check, Delete, Operation, Put, Touch, is_condition_failure, transact_write


def _dt(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def _iso(value: datetime | None) -> str | None:
    return iso(value) if value else None


# ---------------------------------------------------------------- items


class GuardItem(TableItem, discriminator="Guard"):
    """A uniqueness guard: exists while ``owner_id`` holds the name in its key."""

    owner_id = UnicodeAttribute()
    # Inbound address guards only: when the owner proved it reads the mailbox. Guards written
    # before verification existed have none, and neither route mail nor block anyone.
    verified_at = UnicodeAttribute(null=True)


class OrganizationItem(TableItem, discriminator="Organization"):
    org_id = UnicodeAttribute()
    name = UnicodeAttribute()
    slug = UnicodeAttribute()
    domain = UnicodeAttribute(null=True)
    subscription_tier = UnicodeAttribute()
    settings = JSONAttribute()
    is_active = BooleanAttribute()
    deleted_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class UserItem(TableItem, discriminator="User"):
    org_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    email = UnicodeAttribute()
    username = UnicodeAttribute()
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    role = UnicodeAttribute()
    customer_tier = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    timezone = UnicodeAttribute()
    language = UnicodeAttribute()
    two_factor_enabled = BooleanAttribute()
    skills = ListAttribute(of=UnicodeAttribute, default=list)
    certifications = ListAttribute(of=UnicodeAttribute, default=list)
    max_concurrent_tickets = NumberAttribute()
    availability_status = UnicodeAttribute()
    email_notifications = BooleanAttribute()
    sms_notifications = BooleanAttribute()
    push_notifications = BooleanAttribute()
    is_active = BooleanAttribute()
    deleted_at = UnicodeAttribute(null=True)
    last_active = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    password_hash = UnicodeAttribute()
    totp_secret = UnicodeAttribute(null=True)
    totp_pending_secret = UnicodeAttribute(null=True)
    totp_last_step = NumberAttribute(default=0)
    session_epoch = NumberAttribute(default=0)
    granted = JSONAttribute(default=dict)
    pending_email = UnicodeAttribute(null=True)
    pending_email_expires_at = UnicodeAttribute(null=True)
    pending_email_hash = UnicodeAttribute(null=True)
    email_verified_at = UnicodeAttribute(null=True)


class SessionItem(TableItem, discriminator="Session"):
    org_id = UnicodeAttribute()
    session_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    ip_address = UnicodeAttribute(null=True)
    user_agent = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    last_activity = UnicodeAttribute()
    absolute_expiry = UnicodeAttribute()
    is_active = BooleanAttribute()
    epoch = NumberAttribute(default=0)
    ticket_number = NumberAttribute(null=True)  # a ticket link's session: that ticket only


class PermissionItem(TableItem, discriminator="Permission"):
    org_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    permission = UnicodeAttribute()
    granted_by_id = UnicodeAttribute()
    granted_at = UnicodeAttribute()
    perm_expires_at = UnicodeAttribute(null=True)
    is_active = BooleanAttribute()


# ---------------------------------------------------------------- keys


def slug_guard_key(slug: str) -> tuple[str, str]:
    return platform_key("SLUG", slug), "SLUG"


def user_sk(user_id: str) -> str:
    return f"USER#{user_id}"


def email_sk(email: str) -> str:
    return f"EMAIL#{email.lower()}"


def skeleton_sk(email: str) -> str:
    """The look-alike guard of an address: SHA-256 of its TR39 skeleton (fixed length; the key
    holds no address). Two users whose addresses look alike would need the same guard."""
    return f"SKELETON#{hashlib.sha256(email_skeleton(email).encode()).hexdigest()}"


def username_sk(username: str) -> str:
    return f"USERNAME#{username.lower()}"


def session_pk(org_id: str, session_id: str) -> str:
    return tenant_key(org_id, "SESSION", session_id)


def user_list_sk(user: User) -> str:
    return f"{user.role.value}#{user.display_name.lower()}#{user.id}"


def user_list_pk(org_id: str, deleted: bool) -> str:
    """The users list, or its trash: a deactivated (deleted) user is listed only there."""
    return tenant_key(org_id, "USERS", *(["DELETED"] if deleted else []))


# ---------------------------------------------------------------- mapping


def org_item(org: Organization) -> OrganizationItem:
    item = OrganizationItem(
        PK=org_pk(org.id),
        SK="ORG",
        org_id=org.id,
        name=org.name,
        slug=org.slug,
        domain=org.domain,
        subscription_tier=org.subscription_tier.value,
        settings=org.settings.model_dump(mode="json"),
        is_active=org.is_active,
        deleted_at=_iso(org.deleted_at),
        created_at=iso(org.created_at),
        updated_at=iso(org.updated_at),
    )
    return item


def to_org(item: OrganizationItem) -> Organization:
    return Organization(
        id=item.org_id,
        name=item.name,
        slug=item.slug,
        domain=item.domain,
        subscription_tier=item.subscription_tier,  # type: ignore[arg-type]
        settings=OrgSettings.model_validate(item.settings or {}),
        is_active=item.is_active,
        deleted_at=_dt(item.deleted_at),
        created_at=parse_iso(item.created_at),
        updated_at=parse_iso(item.updated_at),
        version=item.version or 1,
    )


def user_item(user: User) -> UserItem:
    item = UserItem(
        PK=org_pk(user.org_id),
        SK=user_sk(user.id),
        GSI1PK=user_list_pk(user.org_id, not user.is_active or user.is_deleted),
        GSI1SK=user_list_sk(user),
        org_id=user.org_id,
        user_id=user.id,
        email=user.email,
        username=user.username,
        first_name=user.first_name,
        last_name=user.last_name,
        role=user.role.value,
        customer_tier=user.customer_tier.value if user.customer_tier else None,
        phone=user.phone,
        timezone=user.timezone,
        language=user.language,
        two_factor_enabled=user.two_factor_enabled,
        skills=list(user.skills),
        certifications=list(user.certifications),
        max_concurrent_tickets=user.max_concurrent_tickets,
        availability_status=user.availability_status.value,
        email_notifications=user.email_notifications,
        sms_notifications=user.sms_notifications,
        push_notifications=user.push_notifications,
        is_active=user.is_active,
        deleted_at=_iso(user.deleted_at),
        last_active=_iso(user.last_active),
        created_at=iso(user.created_at),
        updated_at=iso(user.updated_at),
        password_hash=user.password_hash,
        totp_secret=user.totp_secret,
        totp_pending_secret=user.totp_pending_secret,
        totp_last_step=user.totp_last_step,
        session_epoch=user.session_epoch,
        granted=dict(user.granted),
        pending_email=user.pending_email,
        pending_email_expires_at=_iso(user.pending_email_expires_at),
        pending_email_hash=user.pending_email_hash,
        email_verified_at=_iso(user.email_verified_at),
    )
    return item


def to_user(item: UserItem) -> User:
    return User(
        id=item.user_id,
        org_id=item.org_id,
        email=item.email,
        username=item.username,
        first_name=item.first_name,
        last_name=item.last_name,
        role=Role(item.role),
        customer_tier=item.customer_tier,  # type: ignore[arg-type]
        phone=item.phone,
        timezone=item.timezone,
        language=item.language,
        two_factor_enabled=item.two_factor_enabled,
        skills=[str(s) for s in item.skills or []],
        certifications=[str(c) for c in item.certifications or []],
        max_concurrent_tickets=int(item.max_concurrent_tickets),
        availability_status=item.availability_status,  # type: ignore[arg-type]
        email_notifications=item.email_notifications,
        sms_notifications=item.sms_notifications,
        push_notifications=item.push_notifications,
        is_active=item.is_active,
        deleted_at=_dt(item.deleted_at),
        last_active=_dt(item.last_active),
        created_at=parse_iso(item.created_at),
        updated_at=parse_iso(item.updated_at),
        version=item.version or 1,
        password_hash=item.password_hash,
        totp_secret=item.totp_secret,
        totp_pending_secret=item.totp_pending_secret,
        totp_last_step=int(item.totp_last_step or 0),
        session_epoch=int(item.session_epoch or 0),
        granted=dict(item.granted or {}),
        pending_email=item.pending_email,
        pending_email_expires_at=_dt(item.pending_email_expires_at),
        pending_email_hash=item.pending_email_hash,
        email_verified_at=_dt(item.email_verified_at),
    )


def session_item(session: Session) -> SessionItem:
    aging = retention_keys(session.org_id, "sessions", iso(session.created_at))
    return SessionItem(
        PK=session_pk(session.org_id, session.id),
        SK="SESSION",
        GSI1PK=tenant_key(session.org_id, "USER", session.user_id, "SESSIONS"),
        GSI1SK=iso(session.created_at),
        org_id=session.org_id,
        session_id=session.id,
        user_id=session.user_id,
        ip_address=session.ip_address,
        user_agent=session.user_agent,
        created_at=iso(session.created_at),
        last_activity=iso(session.last_activity),
        absolute_expiry=iso(session.expires_at),
        is_active=session.is_active,
        epoch=session.epoch,
        ticket_number=session.ticket_number,
        # TTL only cleans up: validity is always checked against absolute_expiry on read.
        expires_at=session.expires_at + timedelta(days=1),
        DUEPK=aging[0],
        DUESK=aging[1],
    )


def to_session(item: SessionItem) -> Session:
    return Session(
        id=item.session_id,
        org_id=item.org_id,
        user_id=item.user_id,
        ip_address=item.ip_address,
        user_agent=item.user_agent,
        created_at=parse_iso(item.created_at),
        last_activity=parse_iso(item.last_activity),
        expires_at=parse_iso(item.absolute_expiry),
        is_active=item.is_active,
        epoch=int(item.epoch or 0),
        ticket_number=int(item.ticket_number) if item.ticket_number is not None else None,
    )


def to_grant(item: PermissionItem) -> PermissionGrant:
    return PermissionGrant(
        org_id=item.org_id,
        user_id=item.user_id,
        permission=item.permission,
        granted_by_id=item.granted_by_id,
        granted_at=parse_iso(item.granted_at),
        expires_at=_dt(item.perm_expires_at),
        is_active=item.is_active,
    )


# ---------------------------------------------------------------- organizations


def _guard(pk: str, sk: str, owner_id: str) -> GuardItem:
    return GuardItem(PK=pk, SK=sk, owner_id=owner_id)


def _release(pk: str, sk: str, owner_id: str) -> Delete:
    """Delete a guard this owner holds (by key, without reading it)."""
    return Delete(
        GuardItem(PK=pk, SK=sk, owner_id=owner_id), condition=GuardItem.owner_id == owner_id, check_version=False
    )


def _release_if_held(pk: str, sk: str, owner_id: str) -> Delete:
    """Delete a guard unless someone else holds it; a guard that was never written is fine
    (users created before look-alike guards existed have none)."""
    return Delete(
        GuardItem(PK=pk, SK=sk, owner_id=owner_id),
        condition=GuardItem.PK.does_not_exist() | (GuardItem.owner_id == owner_id),
        check_version=False,
    )


def _new(item: TableItem, conflict: DesklessError | None = None) -> Put:
    return Put(item, condition=TableItem.PK.does_not_exist(), on_conflict=conflict)


def email_taken() -> Conflict:
    return Conflict("A user with this email already exists in the organization.", code="email_taken")


def username_taken() -> Conflict:
    return Conflict("A user with this username already exists in the organization.", code="username_taken")


def create_organization(org: Organization, admin: User, session: Session) -> None:
    """Org, slug guard, first admin (with guards) and their session: one transaction."""
    slug_pk, slug_sk = slug_guard_key(org.slug)
    transact_write(
        [
            _new(_guard(slug_pk, slug_sk, org.id), Conflict("That slug is taken.", code="slug_taken")),
            _new(org_item(org)),
            *_user_creation(admin),
            _new(session_item(session)),
        ]
    )


def org_id_for_slug(slug: str) -> str | None:
    """The organization holding ``slug``; None when none does (or ``slug`` could not be one)."""
    if not is_safe_part(slug):
        return None
    pk, sk = slug_guard_key(slug)
    try:
        return str(GuardItem.get(pk, sk).owner_id)
    except GuardItem.DoesNotExist:
        return None


def get_organization(org_id: str) -> Organization | None:
    try:
        return to_org(OrganizationItem.get(org_pk(org_id), "ORG"))
    except OrganizationItem.DoesNotExist:
        return None


def inbox_key(address: str) -> tuple[str, str]:
    """The guard that routes inbound mail for a verified support address to its organization."""
    return platform_key("INBOX", address.lower()), "INBOX"


def org_id_for_address(address: str) -> str | None:
    """The organization that verified ``address``; None when none did."""
    if not is_safe_part(address):
        return None
    try:
        guard = GuardItem.get(*inbox_key(address))
    except GuardItem.DoesNotExist:
        return None
    return str(guard.owner_id) if guard.verified_at else None


def inbound_owners(slugs: Sequence[str], addresses: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Who receives mail for these plus-address slugs and custom addresses: ONE BatchGetItem
    (at most 100 keys). Custom addresses count only when verified."""
    keys: dict[tuple[str, str], tuple[str, str]] = {}
    for slug in slugs:
        if is_safe_part(slug):
            keys[slug_guard_key(slug)] = ("slug", slug)
    for address in addresses:
        if is_safe_part(address):
            keys[inbox_key(address)] = ("address", address.lower())
    by_slug: dict[str, str] = {}
    by_address: dict[str, str] = {}
    for item in GuardItem.batch_get(list(keys)[:100]):
        kind, name = keys[(item.PK, item.SK)]
        if kind == "slug":
            by_slug[name] = str(item.owner_id)
        elif item.verified_at:
            by_address[name] = str(item.owner_id)
    return by_slug, by_address


def save_organization(org: Organization, extra: Sequence[Operation] = ()) -> Organization:
    """Conditional on ``org.version`` (the version read); returns the stored organization.

    ``extra`` is written in the same transaction (support address items when the settings name
    addresses; routing guards are written only by verification, ``services/support_addresses.py``).
    """
    item = org_item(org)
    item.version = org.version
    operations: list[Operation] = [
        Put(item, on_conflict=Conflict("The organization was changed by someone else.", code="stale_version")),
        *extra,
    ]
    transact_write(operations)
    return org.model_copy(update={"version": org.version + 1})


# ---------------------------------------------------------------- users


def _user_creation(user: User) -> list[Operation]:
    return [
        _new(user_item(user)),
        _new(_guard(org_pk(user.org_id), email_sk(user.email), user.id), email_taken()),
        # After the email guard: the same address again is 409 email_taken, a look-alike 422.
        _new(_guard(org_pk(user.org_id), skeleton_sk(user.email), user.id), confusable_email()),
        _new(_guard(org_pk(user.org_id), username_sk(user.username), user.id), username_taken()),
    ]


def user_creation(user: User) -> list[Operation]:
    """The writes that create ``user`` with its email, look-alike and username guards, for the
    caller's transaction (409 ``email_taken`` / ``username_taken``, 422 ``confusable_email``)."""
    return _user_creation(user)


def create_user(user: User) -> None:
    transact_write(_user_creation(user))


def user_creation_operations(user: User) -> list[Operation]:
    """A new user with its email, look-alike and username guards, for the caller's transaction
    (an accepted invitation): 409 ``email_taken`` / ``username_taken``, 422 for a look-alike."""
    return _user_creation(user)


def user_save_operation(user: User, previous: User) -> Put:
    """Write ``user`` (same email and username) if it is still at ``previous.version``, for the
    caller's transaction (a password set by a link)."""
    item = user_item(user)
    item.version = previous.version
    return Put(item, on_conflict=Conflict("The user was changed by someone else.", code="stale_version"))


def active_user_check(org_id: str, user_id: str, role: Role, error: DesklessError) -> Check:
    """The user exists in this organization, holds ``role`` and is active when the transaction
    commits (a ConditionCheck instead of a read); ``error`` when not. An id that cannot be a key
    of ours is ``error`` at once."""
    if not is_safe_part(user_id) or len(user_id) > 40:
        raise error
    condition = UserItem.PK.exists() & (UserItem.role == role.value) & (UserItem.is_active == True)  # noqa: E712
    return Check(UserItem, org_pk(org_id), user_sk(user_id), condition=condition, on_conflict=error)


def get_user(org_id: str, user_id: str) -> User | None:
    try:
        return to_user(UserItem.get(org_pk(org_id), user_sk(user_id)))
    except UserItem.DoesNotExist:
        return None


def user_id_for_email(org_id: str, email: str) -> str | None:
    try:
        return str(GuardItem.get(org_pk(org_id), email_sk(email)).owner_id)
    except GuardItem.DoesNotExist:
        return None


def user_id_for_look_alike(org_id: str, email: str) -> str | None:
    """The user whose address looks like ``email`` (the same TR39 skeleton), if any: one GetItem."""
    try:
        return str(GuardItem.get(org_pk(org_id), skeleton_sk(email)).owner_id)
    except GuardItem.DoesNotExist:
        return None


def save_user(user: User, previous: User) -> User:
    """Write ``user`` if it is still at ``previous.version``; swaps the email (and look-alike) and
    username guards when they change."""
    item = user_item(user)
    item.version = previous.version
    operations: list[Operation] = [
        Put(item, on_conflict=Conflict("The user was changed by someone else.", code="stale_version"))
    ]
    pk = org_pk(user.org_id)
    if user.email.lower() != previous.email.lower():
        operations.append(_new(_guard(pk, email_sk(user.email), user.id), email_taken()))
        operations.append(_release(pk, email_sk(previous.email), user.id))
        new_skeleton, old_skeleton = skeleton_sk(user.email), skeleton_sk(previous.email)
        if new_skeleton != old_skeleton:
            operations.append(_new(_guard(pk, new_skeleton, user.id), confusable_email()))
            operations.append(_release_if_held(pk, old_skeleton, user.id))
    if user.username.lower() != previous.username.lower():
        operations.append(_new(_guard(pk, username_sk(user.username), user.id), username_taken()))
        operations.append(_release(pk, username_sk(previous.username), user.id))
    transact_write(operations)
    return to_user(item)


def reindexed_user(item: UserItem) -> UserItem:
    """The item as it would be written today (index keys recomputed): the re-indexing job."""
    rebuilt = user_item(to_user(item))
    rebuilt.version = item.version
    return rebuilt


def list_users(org_id: str, *, role: Role | None, limit: int, cursor: str | None, deleted: bool = False) -> Page[User]:
    """Active users (``deleted``: deactivated ones) by role and name: one Query on GSI1."""
    prefix = f"{role.value}#" if role else None
    page = query_page(
        UserItem.gsi1,
        user_list_pk(org_id, deleted),
        org_id=org_id,
        scope=f"users:{'deleted:' if deleted else ''}{role.value if role else 'all'}",
        limit=limit,
        cursor=cursor,
        range_key_condition=UserItem.GSI1SK.startswith(prefix) if prefix else None,
        model=UserItem,
    )
    return Page([to_user(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def touch(item_cls: type[TableItem], pk: str, sk: str, attribute: Any, now: datetime, min_interval: timedelta) -> bool:
    """Set a timestamp attribute unless it was set less than ``min_interval`` ago (no version bump).

    Used for ``last_active`` and ``last_activity``: at most one write a minute, not one per request.
    """
    condition: Condition = attribute.does_not_exist() | (attribute < iso(now - min_interval))
    try:
        item_cls._get_connection().update_item(
            pk, sk, actions=[attribute.set(iso(now))], condition=condition & item_cls.PK.exists()
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def claim_totp_step(user: User, step: int) -> User | None:
    """Record ``step`` as the user's last used TOTP step, if it is later than every step used
    before and the secret it matched is still theirs; None when another request used it first.

    One conditional UpdateItem that moves the version on, so concurrent logins with one code
    cannot both pass and a save of an older copy of the user cannot roll the step back.
    """
    last = UserItem.totp_last_step
    try:
        response = UserItem._get_connection().update_item(
            org_pk(user.org_id),
            user_sk(user.id),
            actions=[last.set(step), UserItem.version.add(1)],
            condition=(last.does_not_exist() | (last < step)) & (UserItem.totp_secret == (user.totp_secret or "")),
            return_values="ALL_NEW",
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return None
        raise
    return to_user(UserItem.from_raw_data(response["Attributes"]))


def replace_password_hash(user: User, new_hash: str) -> bool:
    """Upgrade the stored hash of the same password, if it is still ``user.password_hash``.

    No version change: the password is the same, so a concurrent save of an older copy (which
    would put the outdated hash back) loses nothing; of concurrent logins, the first one wins.
    """
    try:
        UserItem._get_connection().update_item(
            org_pk(user.org_id),
            user_sk(user.id),
            actions=[UserItem.password_hash.set(new_hash)],
            condition=UserItem.password_hash == user.password_hash,
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


# ---------------------------------------------------------------- sessions


def put_session(session: Session) -> None:
    session_item(session).save(condition=SessionItem.PK.does_not_exist())


def auth_snapshot(
    org_id: str, user_id: str, session_id: str, counter: bool = False
) -> tuple[Session | None, User | None, Organization | None, TicketCounterSnapshot | None]:
    """Session, user and organization in ONE BatchGetItem (authentication's only read); with
    ``counter`` (the routes that create tickets) the ticket counter item too, in the same call."""
    from chalicelib.store.ticket_counter import TicketCounterItem, counter_key, snapshot_of

    keys = [(session_pk(org_id, session_id), "SESSION"), (org_pk(org_id), user_sk(user_id)), (org_pk(org_id), "ORG")]
    session = user = org = None
    counter_item: TicketCounterItem | None = None
    for item in TableItem.batch_get([*keys, counter_key(org_id)] if counter else keys):
        if isinstance(item, SessionItem):
            session = to_session(item)
        elif isinstance(item, UserItem):
            user = to_user(item)
        elif isinstance(item, OrganizationItem):
            org = to_org(item)
        elif isinstance(item, TicketCounterItem):
            counter_item = item
    return session, user, org, snapshot_of(counter_item) if counter else None


def get_session(org_id: str, session_id: str) -> Session | None:
    try:
        return to_session(SessionItem.get(session_pk(org_id, session_id), "SESSION"))
    except SessionItem.DoesNotExist:
        return None


def touch_session(org_id: str, session_id: str, now: datetime) -> bool:
    return touch(
        SessionItem, session_pk(org_id, session_id), "SESSION", SessionItem.last_activity, now, timedelta(minutes=1)
    )


def touch_user(org_id: str, user_id: str, now: datetime) -> bool:
    return touch(UserItem, org_pk(org_id), user_sk(user_id), UserItem.last_active, now, timedelta(minutes=1))


def end_session(org_id: str, session_id: str, user_id: str) -> None:
    """Deactivate a session of ``user_id``; ``NotFound`` if there is no such session of theirs."""
    try:
        SessionItem._get_connection().update_item(
            session_pk(org_id, session_id),
            "SESSION",
            actions=[SessionItem.is_active.set(False)],
            condition=SessionItem.user_id == user_id,
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise NotFound("No such session.") from exc
        raise


def end_session_of(org_id: str, session_id: str, user_id: str) -> None:
    """Deactivate a session of ``user_id`` in a transaction (an audit entry may ride in it);
    ``NotFound`` if there is no such session of theirs."""
    transact_write(
        [
            Touch(
                SessionItem,
                session_pk(org_id, session_id),
                "SESSION",
                [SessionItem.is_active.set(False)],
                on_conflict=NotFound("No such session."),
                condition=SessionItem.user_id == user_id,
            )
        ]
    )


def list_sessions(org_id: str, user_id: str, *, limit: int, cursor: str | None) -> Page[Session]:
    page = query_page(
        SessionItem.gsi1,
        tenant_key(org_id, "USER", user_id, "SESSIONS"),
        org_id=org_id,
        scope=f"sessions:{user_id}",
        limit=limit,
        cursor=cursor,
        scan_index_forward=False,
        model=SessionItem,
    )
    return Page([to_session(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


# ---------------------------------------------------------------- permissions


def grant_permission(user: User, grant: PermissionGrant) -> User:
    """Upsert the grant row and the user's cached grant map in one transaction (version-checked)."""
    updated = user.model_copy(deep=True)
    updated.granted[grant.permission] = _iso(grant.expires_at)
    item = PermissionItem(
        PK=org_pk(user.org_id),
        SK=f"{user_sk(user.id)}#PERM#{grant.permission}",
        org_id=user.org_id,
        user_id=user.id,
        permission=grant.permission,
        granted_by_id=grant.granted_by_id,
        granted_at=iso(grant.granted_at),
        perm_expires_at=_iso(grant.expires_at),
        is_active=True,
    )
    # The row is upserted (granted again, or after a revoke) under the user's version check, which
    # serialises changes to one user's grants; the row's own version is not compared.
    return _save_with(updated, user, [Put(item, check_version=False)])


def revoke_permission(user: User, permission: str) -> User:
    updated = user.model_copy(deep=True)
    updated.granted.pop(permission, None)
    sk = f"{user_sk(user.id)}#PERM#{permission}"
    try:
        row = PermissionItem.get(org_pk(user.org_id), sk)
    except PermissionItem.DoesNotExist as exc:
        raise NotFound("The user does not hold this permission.") from exc
    row.is_active = False
    return _save_with(updated, user, [Put(row)])


def save_user_with(user: User, previous: User, extra: Sequence[Operation]) -> User:
    """``save_user`` for a change that keeps email and username, with ``extra`` in the same
    transaction (a link's use: the user changes only if the link is still usable)."""
    return _save_with(user, previous, extra)


def _save_with(user: User, previous: User, extra: Sequence[Operation]) -> User:
    item = user_item(user)
    item.version = previous.version
    transact_write(
        [Put(item, on_conflict=Conflict("The user was changed by someone else.", code="stale_version")), *extra]
    )
    return to_user(item)


def page_grants(org_id: str, user_id: str, *, limit: int, cursor: str | None) -> Page[PermissionGrant]:
    """A user's grants in force (revoked ones are left out), by permission name: one Query
    (read on past revoked rows until the page is full)."""
    page = query_page(
        None,
        org_pk(org_id),
        org_id=org_id,
        scope=f"permissions:{user_id}",
        limit=limit,
        cursor=cursor,
        model=PermissionItem,
        range_key_condition=PermissionItem.SK.startswith(f"{user_sk(user_id)}#PERM#"),
        keep=lambda item: bool(item.is_active),
    )
    return Page([to_grant(i) for i in page.items], page.next_cursor)  # type: ignore[arg-type]


def list_grants(org_id: str, user_id: str) -> list[PermissionGrant]:
    rows = PermissionItem.query(org_pk(org_id), PermissionItem.SK.startswith(f"{user_sk(user_id)}#PERM#"))
    return [to_grant(r) for r in rows]


# ---------------------------------------------------------------- login


def login_snapshot(org_id: str, email: str) -> tuple[Organization | None, str | None, dict[str, float], bool]:
    """Organization, the user id holding ``email``, the account's sign-in counters, and whether the
    organization's single sign-on is enabled and "SSO only" (store/sso.py's item): ONE
    BatchGetItem (read raw: the counters are attributes named by address and window)."""
    keys = [
        (org_pk(org_id), "ORG"),
        (org_pk(org_id), email_sk(email)),
        login_throttle.account_key(org_id, email),
        (org_pk(org_id), "SSO"),
    ]
    pending: list[dict[str, Any]] = [{"PK": {"S": pk}, "SK": {"S": sk}} for pk, sk in keys]
    org: Organization | None = None
    user_id: str | None = None
    counters: dict[str, float] = {}
    sso_only = False
    while pending:
        page, unprocessed = TableItem._batch_get_page(pending, consistent_read=None, attributes_to_get=None)
        for raw in page:
            kind = raw.get("type", {}).get("S")
            if kind == "LoginThrottle":
                counters = login_throttle.counters(raw)
            elif kind == "Organization":
                org = to_org(OrganizationItem.from_raw_data(raw))
            elif kind == "Guard":
                user_id = str(GuardItem.from_raw_data(raw).owner_id)
            elif kind == "SsoConfig":
                sso_only = bool(raw.get("enabled", {}).get("BOOL")) and bool(raw.get("sso_only", {}).get("BOOL"))
        pending = list(unprocessed or [])
    return org, user_id, counters, sso_only


def user_and_org(org_id: str, user_id: str) -> tuple[User | None, Organization | None]:
    """A user and their organization in one BatchGetItem."""
    user: User | None = None
    org: Organization | None = None
    for item in TableItem.batch_get([(org_pk(org_id), user_sk(user_id)), (org_pk(org_id), "ORG")]):
        if isinstance(item, UserItem):
            user = to_user(item)
        elif isinstance(item, OrganizationItem):
            org = to_org(item)
    return user, org


def settings_json(settings: OrgSettings) -> str:
    return json.dumps(settings.model_dump(mode="json"))


def get_users(org_id: str, user_ids: list[str]) -> dict[str, User]:
    """Several users of one organization: ONE BatchGetItem (ids that do not exist are left out)."""
    ids = [u for u in dict.fromkeys(user_ids) if u]
    if not ids:
        return {}
    found: dict[str, User] = {}
    for item in UserItem.batch_get([(org_pk(org_id), user_sk(u)) for u in ids]):
        user = to_user(item)
        found[user.id] = user
    return found


def session_items(org_id: str, user_id: str) -> list[SessionItem]:
    """Every stored session of a user (GSI1 ``ORG#o#USER#u#SESSIONS``), all pages."""
    items = SessionItem.query(tenant_key(org_id, "USER", user_id, "SESSIONS"), index_name="GSI1")
    return [i for i in items if isinstance(i, SessionItem)]
