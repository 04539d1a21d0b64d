"""Single sign-on items (docs/data-model.md):

| item | PK | SK | index |
|---|---|---|---|
| SSO configuration | ``ORG#o`` | ``SSO`` | |
| pending SSO sign-in | ``ORG#o#SSOFLOW#<sha256(state)>`` | ``SSOFLOW`` | TTL ``expires_at`` |

The client secret is never in the table (``store/sso_secrets.py``).
"""

from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import BooleanAttribute, JSONAttribute, ListAttribute, UnicodeAttribute
from pynamodb.exceptions import UpdateError

from chalicelib.domain.clock import iso, parse_iso
from chalicelib.domain.errors import Conflict
from chalicelib.domain.identity import Organization, Role, Session
from chalicelib.domain.sso import SsoConfig, SsoFlow
from chalicelib.store.identity import OrganizationItem, session_item, to_org
from chalicelib.store.keys import org_pk, tenant_key
from chalicelib.store.table import TableItem
from chalicelib.store.transactions import Delete, Put, is_condition_failure, transact_write

CONFIG_SK = "SSO"
FLOW_SK = "SSOFLOW"


class SsoConfigItem(TableItem, discriminator="SsoConfig"):
    org_id = UnicodeAttribute()
    issuer = UnicodeAttribute()
    client_id = UnicodeAttribute()
    secret_id = UnicodeAttribute()
    redirect_uris = ListAttribute(of=UnicodeAttribute, default=list)
    allowed_email_domains = ListAttribute(of=UnicodeAttribute, default=list)
    role_claim = UnicodeAttribute(null=True)
    role_mapping = JSONAttribute(default=dict)
    default_role = UnicodeAttribute(null=True)
    jit_provisioning = BooleanAttribute()
    sso_only = BooleanAttribute()
    enabled = BooleanAttribute()
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class SsoFlowItem(TableItem, discriminator="SsoFlow"):
    org_id = UnicodeAttribute()
    state_hash = UnicodeAttribute()
    nonce_hash = UnicodeAttribute()
    code_verifier = UnicodeAttribute()
    redirect_uri = UnicodeAttribute()
    created_at = UnicodeAttribute()
    valid_until = UnicodeAttribute()
    used_at = UnicodeAttribute(null=True)


def flow_pk(org_id: str, state_hash: str) -> str:
    return tenant_key(org_id, "SSOFLOW", state_hash)


def config_item(config: SsoConfig) -> SsoConfigItem:
    return SsoConfigItem(
        PK=org_pk(config.org_id),
        SK=CONFIG_SK,
        org_id=config.org_id,
        issuer=config.issuer,
        client_id=config.client_id,
        secret_id=config.secret_id,
        redirect_uris=list(config.redirect_uris),
        allowed_email_domains=list(config.allowed_email_domains),
        role_claim=config.role_claim,
        role_mapping={value: role.value for value, role in config.role_mapping.items()},
        default_role=config.default_role.value if config.default_role else None,
        jit_provisioning=config.jit_provisioning,
        sso_only=config.sso_only,
        enabled=config.enabled,
        created_at=iso(config.created_at),
        updated_at=iso(config.updated_at),
    )


def to_config(item: SsoConfigItem) -> SsoConfig:
    return SsoConfig(
        org_id=item.org_id,
        issuer=item.issuer,
        client_id=item.client_id,
        secret_id=item.secret_id,
        redirect_uris=list(item.redirect_uris or []),
        allowed_email_domains=list(item.allowed_email_domains or []),
        role_claim=item.role_claim,
        role_mapping={value: Role(role) for value, role in (item.role_mapping or {}).items()},
        default_role=Role(item.default_role) if item.default_role else None,
        jit_provisioning=item.jit_provisioning,
        sso_only=item.sso_only,
        enabled=item.enabled,
        created_at=parse_iso(item.created_at),
        updated_at=parse_iso(item.updated_at),
        version=item.version or 1,
    )


def get_config(org_id: str) -> SsoConfig | None:
    """The organization's SSO configuration: one GetItem."""
    try:
        return to_config(SsoConfigItem.get(org_pk(org_id), CONFIG_SK))
    except SsoConfigItem.DoesNotExist:
        return None


def org_and_config(org_id: str) -> tuple[Organization | None, SsoConfig | None]:
    """The organization and its SSO configuration in one BatchGetItem (a sign-in's first read)."""
    org: Organization | None = None
    config: SsoConfig | None = None
    for item in TableItem.batch_get([(org_pk(org_id), "ORG"), (org_pk(org_id), CONFIG_SK)]):
        if isinstance(item, OrganizationItem):
            org = to_org(item)
        elif isinstance(item, SsoConfigItem):
            config = to_config(item)
    return org, config


def save_config(config: SsoConfig, previous: SsoConfig | None) -> SsoConfig:
    """Create (``previous`` None) or replace the configuration, conditional on the version read."""
    item = config_item(config)
    stale = Conflict("The SSO configuration was changed by someone else.", code="stale_version")
    if previous is None:
        transact_write([Put(item, condition=SsoConfigItem.PK.does_not_exist(), on_conflict=stale)])
    else:
        item.version = previous.version
        transact_write([Put(item, on_conflict=stale)])
    return config.model_copy(update={"version": (previous.version + 1) if previous is not None else 1})


def delete_config(config: SsoConfig) -> None:
    """Delete the configuration, conditional on the version read."""
    item = config_item(config)
    item.version = config.version
    stale = Conflict("The SSO configuration was changed by someone else.", code="stale_version")
    transact_write([Delete(item, on_conflict=stale)])


def put_flow(flow: SsoFlow) -> None:
    """Store a started sign-in; DynamoDB's TTL removes it some time after ``expires_at``."""
    SsoFlowItem(
        PK=flow_pk(flow.org_id, flow.state_hash),
        SK=FLOW_SK,
        org_id=flow.org_id,
        state_hash=flow.state_hash,
        nonce_hash=flow.nonce_hash,
        code_verifier=flow.code_verifier,
        redirect_uri=flow.redirect_uri,
        created_at=iso(flow.created_at),
        valid_until=iso(flow.expires_at),
        expires_at=flow.expires_at,
    ).save(condition=SsoFlowItem.PK.does_not_exist())


def claim_flow(org_id: str, state_hash: str, now: datetime) -> SsoFlow | None:
    """Mark the organization's pending sign-in ``state_hash`` used and return it, if it exists, is
    unused and unexpired: one conditional UpdateItem, so of concurrent callbacks with one state
    exactly one gets it. None otherwise (unknown, other organization, used, expired)."""
    try:
        response = SsoFlowItem._get_connection().update_item(
            flow_pk(org_id, state_hash),
            FLOW_SK,
            actions=[SsoFlowItem.used_at.set(iso(now))],
            condition=SsoFlowItem.PK.exists()
            & SsoFlowItem.used_at.does_not_exist()
            & (SsoFlowItem.valid_until > iso(now)),
            return_values="ALL_NEW",
        )
    except UpdateError as exc:
        if is_condition_failure(exc):
            return None
        raise
    item = SsoFlowItem.from_raw_data(response["Attributes"])
    return SsoFlow(
        org_id=item.org_id,
        state_hash=item.state_hash,
        nonce_hash=item.nonce_hash,
        code_verifier=item.code_verifier,
        redirect_uri=item.redirect_uri,
        created_at=parse_iso(item.created_at),
        expires_at=parse_iso(item.valid_until),
        used_at=parse_iso(item.used_at) if item.used_at else None,
    )


def start_session(session: Session) -> None:
    """Store a new session in a transaction, so the audit entry of the sign-in rides with it."""
    transact_write([Put(session_item(session), condition=TableItem.PK.does_not_exist())])
