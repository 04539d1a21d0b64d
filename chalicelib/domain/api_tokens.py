"""API tokens: named credentials an admin creates for an integration.

A token acts for the admin who created it (its creator), never with more than the creator may do
at the moment of each request: either with a staff ``role`` no higher than the creator's, or with
the creator's rights narrowed to a list of policy ``actions``. Only the SHA-256 of the secret is
stored; the secret is shown once, in the response that created it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from chalicelib.domain.entity import Entity
from chalicelib.domain.identity import Role

# Staff roles by reach: a role token's role is capped at its creator's role on every request.
ROLE_RANK: dict[Role, int] = {Role.CUSTOMER: 0, Role.AGENT: 1, Role.MANAGER: 2, Role.ADMIN: 3}
TOKEN_ROLES = frozenset({Role.AGENT, Role.MANAGER, Role.ADMIN})


def lower_role(first: Role, second: Role) -> Role:
    """The role of the two that reaches less."""
    return first if ROLE_RANK[first] <= ROLE_RANK[second] else second


class ApiToken(Entity):
    id: str  # 20 hex characters, part of the token: finds the item without the secret
    org_id: str
    name: str
    role: Role | None = None  # a role token
    actions: list[str] | None = None  # an action token (exactly one of role / actions is set)
    created_by_id: str
    created_at: datetime
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_by_id: str | None = None
    secret_hash: str = Field(repr=False)  # SHA-256 of the whole token: never serialised to clients

    def usable_at(self, now: datetime) -> bool:
        """Not revoked and not expired at ``now``."""
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)
