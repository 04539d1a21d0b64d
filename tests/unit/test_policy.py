from __future__ import annotations

from pathlib import Path

import pytest

from chalicelib.auth import policy
from chalicelib.auth.policy import MATRIX, Scope, Target
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.identity import Principal, Role

ROOT = Path(__file__).resolve().parents[2]


def principal(role: Role, permissions: frozenset[str] = frozenset(), active: bool = True) -> Principal:
    return Principal(org_id="o1", user_id="me", role=role, session_id="s", permissions=permissions, org_active=active)


def test_docs_show_the_policy_that_is_enforced() -> None:
    assert policy.markdown_matrix() in (ROOT / "docs" / "security.md").read_text()


@pytest.mark.parametrize(("action", "role"), [(a, r) for a in MATRIX for r in Role])
def test_scope_decides_for_own_and_other_objects(action: str, role: Role) -> None:
    scope = MATRIX[action].get(role, Scope.NONE)
    caller = principal(role)
    assert policy.allowed(caller, action, Target(owner_id="me", role=Role.CUSTOMER)) is (scope is not Scope.NONE)
    assert policy.allowed(caller, action, Target(owner_id="other", role=Role.CUSTOMER)) is (scope is Scope.ALL)


def test_a_grant_gives_full_scope_for_one_action() -> None:
    agent = principal(Role.AGENT, frozenset({"tickets.view_all"}))
    assert policy.allowed(agent, "tickets.view_all")
    assert not policy.allowed(agent, "users.create")


def test_only_admins_act_on_admins() -> None:
    admin_target = Target(owner_id="other", role=Role.ADMIN)
    assert not policy.allowed(principal(Role.MANAGER), "users.update", admin_target)
    assert policy.allowed(principal(Role.ADMIN), "users.update", admin_target)
    with pytest.raises(Forbidden):
        policy.require_role_assignment(principal(Role.MANAGER), Role.ADMIN)
    with pytest.raises(Forbidden):
        policy.require_role_assignment(principal(Role.ADMIN), Role.AGENT, target_id="me")


def test_hidden_objects_are_404_visible_ones_403() -> None:
    with pytest.raises(NotFound):
        policy.require(principal(Role.CUSTOMER), "users.update", Target(owner_id="other", role=Role.CUSTOMER))
    with pytest.raises(Forbidden):
        policy.require(principal(Role.AGENT), "users.update", Target(owner_id="other", role=Role.CUSTOMER))


def test_a_deactivated_organization_allows_only_reading_and_restoring_it() -> None:
    admin = principal(Role.ADMIN, active=False)
    assert policy.allowed(admin, "organization.restore")
    assert not policy.allowed(admin, "users.list")
    with pytest.raises(NotFound):
        policy.require(admin, "users.list")
