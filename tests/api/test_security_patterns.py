"""Hostile ``matches`` patterns: refused before they are compiled, never cached, memory stays flat.

A pattern such as ``x{1000000}`` compiles to hundreds of megabytes. Pattern size and structure are
checked first (422 naming the condition); only rules that were stored have their patterns compiled,
on use, into a small bounded cache.
"""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from tests.api.helpers import Tenant, call, make_tenant

CLASS_60 = "[" + "".join(f"{chr(97 + i % 26)}-{chr(98 + i % 25)}" for i in range(60)) + "]"
HOSTILE = [
    ("x{1000000}", "repetition"),
    ("(a{1000}){1000}", "repetition"),
    ("(?:b{50}){50}", "nested repetitions"),
    ("(a+)+$", "nested"),
    ("((ab)*c)*d", "nested"),
    ("(?:x+y?)*z", "nested"),
    (CLASS_60 + "{90}", "too large"),
    ("(" * 12 + "a" + ")" * 12, "nesting"),
    (r"\p{L}{100000}", "repetition"),  # the regex dialect (re cannot parse \p{...})
    (r"(?:\p{Lu}+)+", "nested"),
    ("x" * 201, "200"),
]


def rule(pattern: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": "Hostile",
        "trigger_type": "ticket_created",
        "trigger_conditions": {"all": [{"field": "subject", "operator": "matches", "value": pattern}]},
        "actions": [{"type": "add_tags", "tags": ["matched"]}],
        **extra,
    }


@pytest.fixture
def acme(api: Client) -> Tenant:
    return make_tenant(api, "acme")


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every pattern handed to the ``regex`` compiler during the test."""
    import regex

    seen: list[str] = []
    real = regex.compile

    def recording(pattern: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(pattern)
        return real(pattern, *args, **kwargs)

    monkeypatch.setattr(regex, "compile", recording)
    return seen


def regex_cache_size() -> int:
    """Patterns held by the regex module's own cache (it keeps up to 500 by default)."""
    import regex

    return len(regex._main._cache)  # type: ignore[attr-defined]


def rss_mb() -> float:
    """Resident set size of this process, from /proc/self/statm (pages)."""
    import os

    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


@pytest.mark.parametrize(("pattern", "reason"), HOSTILE)
def test_a_hostile_pattern_is_422_naming_the_condition_and_never_compiled(
    api: Client, acme: Tenant, compiled: list[str], pattern: str, reason: str
) -> None:
    reply = call(api, "POST", "/automation-rules", acme.token("manager"), rule(pattern))
    assert reply.status == 422, reply.body
    assert reply.body["error"]["code"] == "invalid_rule"
    (detail,) = reply.body["error"]["details"]
    assert detail["field"] == "trigger_conditions.all.0.matches.value"
    assert reason in detail["message"], detail
    assert pattern not in compiled
    assert call(api, "GET", "/automation-rules", acme.token("manager")).body["items"] == []


def test_a_hostile_pattern_in_an_update_is_422_and_the_rule_is_unchanged(api: Client, acme: Tenant) -> None:
    created = call(api, "POST", "/automation-rules", acme.token("manager"), rule(r"^order \d{3,8}$"))
    assert created.status == 201, created.body
    hostile = {"any": [{"field": "description", "operator": "matches", "value": "(?:q{1000}){1000}"}]}
    reply = call(
        api, "PATCH", f"/automation-rules/{created.body['id']}", acme.token("manager"), {"trigger_conditions": hostile}
    )
    assert reply.status == 422, reply.body
    assert reply.body["error"]["details"][0]["field"] == "trigger_conditions.any.0.matches.value"
    stored = call(api, "GET", f"/automation-rules/{created.body['id']}", acme.token("manager")).body
    assert stored["trigger_conditions"]["all"][0]["value"] == r"^order \d{3,8}$"


def test_ordinary_patterns_are_accepted(api: Client, acme: Tenant) -> None:
    for pattern in (
        r"\brefund(s|ed)?\b",
        r"^[A-Z]{2}-\d{4,6}$",
        r"(?i)printer (jam|error|offline)",
        r"\p{Lu}\p{Ll}+ \d+",
        r"(?:\d{1,3}\.){3}\d{1,3}",
        r"[\w.+-]+@[\w-]+\.[\w.]+",
    ):
        reply = call(api, "POST", "/automation-rules", acme.token("manager"), rule(pattern, name=pattern[:50]))
        assert reply.status == 201, (pattern, reply.body)


def test_only_the_patterns_of_stored_rules_are_compiled_and_cached(api: Client, acme: Tenant, stream: Any) -> None:
    from chalicelib.domain import automation

    automation._compiled.cache_clear()
    before = regex_cache_size()
    refused = rule(r"^invoice \d+$", actions=[{"type": "set_status", "status": "exploded"}])  # a bad action
    assert call(api, "POST", "/automation-rules", acme.token("manager"), refused).status == 422
    for pattern, _ in HOSTILE:
        assert call(api, "POST", "/automation-rules", acme.token("manager"), rule(pattern)).status == 422
    accepted = call(api, "POST", "/automation-rules", acme.token("manager"), rule(r"^Printer \d+"))
    assert accepted.status == 201, accepted.body
    assert automation._compiled.cache_info().currsize == 0, "nothing compiled into the cache by validation"
    assert regex_cache_size() == before, "nor into the regex module's own cache"

    ticket = call(api, "POST", "/tickets", acme.token("customer"), {"subject": "Printer 4 jams"})
    stream.drain()
    assert call(api, "GET", f"/tickets/{ticket.body['ticket_number']}", acme.token("admin")).body["tags"] == ["matched"]
    assert automation._compiled.cache_info().currsize == 1  # the stored rule's pattern, on use
    assert regex_cache_size() == before


def test_memory_stays_flat_while_100_hostile_patterns_are_submitted(api: Client, acme: Tenant) -> None:
    manager = acme.token("manager")
    patterns = [f"x{{{100_001 + n}}}" for n in range(20)]
    patterns += [f"({chr(97 + n)}{{1000}}){{1000}}" for n in range(20)]
    patterns += [f"({chr(97 + n)}+)+$" for n in range(20)]
    patterns += [CLASS_60[:-1] + f"{n:02d}]{{99}}" for n in range(20)]
    patterns += ["(" * (11 + n % 5) + chr(97 + n) + ")" * (11 + n % 5) for n in range(20)]
    assert len(set(patterns)) == 100
    call(api, "POST", "/automation-rules", manager, rule("warm-up{2}"))  # first-use allocations
    before = rss_mb()
    for pattern in patterns:
        reply = call(api, "POST", "/automation-rules", manager, rule(pattern))
        assert reply.status == 422, (pattern, reply.body)
    grown = rss_mb() - before
    # One x{100001} alone compiles to about 26 MB; a hundred of them cached ran into gigabytes.
    assert grown < 40, f"RSS grew by {grown:.1f} MB"
