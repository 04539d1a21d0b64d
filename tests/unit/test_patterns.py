"""Pattern limits (pure): what a ``matches`` condition may hold, measured before compiling."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from chalicelib.domain import automation
from chalicelib.domain.automation import Condition, Facts, holds
from chalicelib.domain.patterns import MAX_PROGRAM, PatternRefused, check, validate

ACCEPTED = [
    r"\brefund(s|ed)?\b",
    r"^[A-Z]{2}-\d{4,6}$",
    r"(?i)printer (jam|error|offline)",
    r"(?:\d{1,3}\.){3}\d{1,3}",
    r"[\w.+-]+@[\w-]+\.[\w.]+",
    r"\d+(\.\d+)?",
    r"(?>\w+\.)+com",  # an atomic group is never backtracked into
    r"(\w++\s)+",  # nor a possessive repetition
    r"(?x) order \s* \# \d{3}  # verbose, with a comment",
    r"\{ticket\}",
    r"[{}]+",
    "(?:x{100}){5}",
    # The regex dialect, read by the conservative scanner:
    r"\p{Lu}\p{Ll}+ \d+",
    r"\p{L}{3,10}",
    r"(?V1)[[a-z]--[aeiou]]+",
    r"(?|(a)|(b))c",
    r"\N{LATIN SMALL LETTER A}+\X",
]

REFUSED = [
    ("x{1000000}", "repetition count above 100"),
    ("x{101}", "repetition count above 100"),
    ("(a{1000}){1000}", "repetition count above 100"),
    ("(?:b{50}){50}", "multiply to more than 1000"),
    ("(a+)+$", "nested unbounded repetition"),
    (r"(\w+\s?)*", "nested unbounded repetition"),
    (r"(\.\d+)*", "nested unbounded repetition"),
    ("(?:x{100}){6}", f"over {MAX_PROGRAM}"),
    ("(?:[a-z0-9]{100}){2}", f"over {MAX_PROGRAM}"),  # a set costs its members + 1, each time
    ("(" * 11 + "a" + ")" * 11, "nesting deeper than 10"),
    ("(?:" * 11 + "a" + ")" * 11, "nesting deeper than 10"),  # flattened by re's parser, counted on the text
    ("(?x)x{100 000}", "braces must be a repetition count"),  # regex reads x{100000}; re a literal
    ("x{ 100000}", "braces must be a repetition count"),
    ("{ticket}", "braces must be a repetition count"),
    (r"(?:foo){e<=2}", "braces must be a repetition count"),  # fuzzy matching
    (r"\p{L}{100000}", "repetition count above 100"),
    (r"(?:\p{Lu}+)+", "nested unbounded repetition"),
    (r"(?V1)x{1000}", "repetition count above 100"),
    ("(?R)", "cannot be measured"),
    ("(a)(?1)", "cannot be measured"),
    (r"(?x)\p{L} b", "verbose mode"),
    (r"\p{L}(", "unbalanced"),
    ("x" * 201, "at most 200"),
]


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_ordinary_patterns_pass(pattern: str) -> None:
    assert validate(pattern) == pattern


@pytest.mark.parametrize(("pattern", "reason"), REFUSED)
def test_costly_patterns_are_refused_with_the_limit_they_break(pattern: str, reason: str) -> None:
    with pytest.raises(PatternRefused, match=reason.replace("(", r"\(").replace("+", r"\+")):
        check(pattern)


def test_a_syntax_error_is_reported_after_the_limits_pass() -> None:
    for broken in (r"\q", r"\L<words>"):  # a bad escape; a named list nobody supplies
        with pytest.raises(PatternRefused, match="not a valid regular expression"):
            validate(broken)


def test_validating_many_patterns_retains_nothing() -> None:
    import regex

    internals: Any = regex._main  # type: ignore[attr-defined]
    cached, seen = len(internals._cache), len(internals._locale_sensitive)
    for n in range(500):
        validate(f"ticket {n} [a-z]+")
    assert (len(internals._cache), len(internals._locale_sensitive)) == (cached, seen)


parse = TypeAdapter(Condition).validate_python


def test_a_condition_stored_before_the_limits_loads_but_never_holds_nor_compiles() -> None:
    stored = {"field": "subject", "operator": "matches", "value": "x{1000000}"}
    with pytest.raises(ValidationError):
        parse(stored)
    condition = parse(stored, context={"stored": True})
    automation._compiled.cache_clear()
    assert holds(condition, Facts(current={"subject": "x" * 10})) is False
    assert automation._compiled(stored["value"]) is None  # refused, not compiled
