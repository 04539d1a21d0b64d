"""The raw-bytes JSON depth measure agrees with the parsed structure, strings and escapes included."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.errors import Invalid
from chalicelib.domain.jsondepth import MAX_JSON_DEPTH, check_json_depth, json_depth

# Strings full of what could fool a bracket counter: brackets, quotes, backslash runs.
tricky = st.text(alphabet='[]{}"\\ab\n', max_size=12)
values = st.recursive(
    st.none() | st.integers() | tricky,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky, inner, max_size=3),
    max_leaves=40,
)


def depth_of(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max((depth_of(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth_of(v) for v in value.values()), default=0)
    return 0


@settings(max_examples=400, deadline=None)
@given(values, st.integers(min_value=0, max_value=6))
def test_too_deep_exactly_when_the_parsed_value_is(value: Any, limit: int) -> None:
    raw = json.dumps(value, ensure_ascii=False).encode()
    assert (json_depth(raw, limit) > limit) == (depth_of(value) > limit)


def test_a_thousand_brackets_are_too_deep_without_any_recursion() -> None:
    for raw in (b"[" * 990 + b"]" * 990, b"[" * 100_000, b'{"a":' * 5000 + b"1" + b"}" * 5000):
        with pytest.raises(Invalid) as error:
            check_json_depth(raw)
        assert error.value.code == "too_deep"


def test_the_limit_is_32_levels() -> None:
    check_json_depth("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    with pytest.raises(Invalid):
        check_json_depth("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))


def test_brackets_in_strings_and_escapes_do_not_count() -> None:
    inside = json.dumps({"text": '[[[[ \\" [[[[' * 50, "escaped": "\\" * 7 + '"' + "[" * 40})
    assert json_depth(inside.encode()) == 1
