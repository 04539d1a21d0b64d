"""How deeply a JSON text nests, measured on the raw bytes before any parser recurses into it.

Python's ``json`` (and pydantic's parser) recurse once per level: a body of a thousand ``[`` raises
RecursionError, an unexpected error. Every path that parses client JSON calls ``check_json_depth``
first, so nesting deeper than ``MAX_JSON_DEPTH`` is a clear 400 ``too_deep``.

The measure runs in C-speed bytes operations (no Python loop over the body): escaped characters are
removed, the text between quotes is dropped, the brackets left are reduced pair by pair.

>>> check_json_depth(b'{"a": [[1]], "b": "[[[[ not nesting"}')  # depth 3: fine
"""

from __future__ import annotations

from chalicelib.domain.errors import Invalid

MAX_JSON_DEPTH = 32

_BRACKETS = b"[]{}"
_NOT_BRACKETS = bytes(b for b in range(256) if b not in _BRACKETS)
_ONE_KIND = bytes.maketrans(b"{}", b"[]")


def json_depth(raw: bytes, limit: int = MAX_JSON_DEPTH) -> int:
    """The nesting depth of ``raw`` (a top-level object or array is 1), counted up to ``limit + 1``.

    Unclosed brackets count as open levels, so a truncated text is measured as deep as a parser would go.
    """
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return raw.count(b"[") + raw.count(b"{")  # an upper bound, enough to say "not too deep"
    # Within strings, \\ and \" are the escapes that matter; removing them left to right pairs each
    # backslash run exactly as a JSON parser does. The quotes left then delimit strings.
    text = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(text.split(b'"')[0::2])
    brackets = outside.translate(_ONE_KIND, _NOT_BRACKETS)
    levels = 0
    while levels <= limit:
        inner = brackets.replace(b"[]", b"")  # drops every innermost pair: one level per pass
        if inner == brackets:
            break
        levels += 1
        brackets = inner
    return levels + brackets.count(b"[")


def check_json_depth(raw: bytes | str, limit: int = MAX_JSON_DEPTH) -> None:
    """Raise 400 ``too_deep`` when ``raw`` nests deeper than ``limit`` levels."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if json_depth(data, limit) > limit:
        raise Invalid(f"The JSON nests deeper than {limit} levels.", code="too_deep", details=[{"max_depth": limit}])
