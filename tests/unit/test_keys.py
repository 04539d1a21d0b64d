from __future__ import annotations

import pytest

from chalicelib.store.keys import UnsafeKey, org_of_key, org_pk, platform_key, tenant_key


def test_tenant_key_starts_with_the_organization() -> None:
    assert tenant_key("o1", "TICKET", 42) == "ORG#o1#TICKET#42"
    assert org_pk("o1") == "ORG#o1"
    assert org_of_key("ORG#o1#TICKET#42") == "o1"


@pytest.mark.parametrize("org_id", ["", None, "a#b", " o1", "x" * 200])
def test_tenant_key_cannot_be_built_without_a_valid_org_id(org_id: object) -> None:
    with pytest.raises(UnsafeKey):
        tenant_key(org_id, "TICKET", 1)  # type: ignore[arg-type]


def test_key_parts_cannot_smuggle_a_separator() -> None:
    with pytest.raises(UnsafeKey):
        tenant_key("o1", "TICKET#1#COMMENT")
    with pytest.raises(UnsafeKey):
        tenant_key("o1", "")


def test_platform_keys_are_not_tenant_keys() -> None:
    key = platform_key("SLUG", "acme")
    assert key == "PLATFORM#SLUG#acme"
    assert org_of_key(key) is None
