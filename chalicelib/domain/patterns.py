"""Bounds on the regular expressions of ``matches`` conditions, checked before anything is compiled.

The ``regex`` library expands counted repetitions when it compiles: ``x{1000000}`` takes about
260 MB, and a pattern is at most 200 characters. So a pattern is parsed first and refused when

- it is longer than ``MAX_LENGTH`` characters;
- a repetition count is above ``MAX_REPEAT`` (``x{101}``);
- nested counts multiply to more than ``MAX_PRODUCT`` (``(?:x{50}){50}``);
- it would expand to more than ``MAX_PROGRAM`` units (an atom is 1, a character set its size,
  a repetition its count times its body), which bounds the compiled size, so the memory;
- an unbounded repetition holds a variable one (``(a+)+``, ``(\\w+\\s?)*``): the shape whose
  backtracking grows exponentially (an atomic group or a possessive quantifier is fine);
- groups nest deeper than ``MAX_NESTING``.

Patterns Python's own parser understands (``re._parser``) are measured on its exact parse
tree; the ``regex`` dialect beyond it (``\\p{L}``, ``(?|...)``, nested sets...) goes through a
small conservative scanner that refuses what it cannot measure (recursion, fuzzy matching,
verbose mode). Only then is the pattern compiled, without entering the ``regex`` module's own
cache, to report syntax errors. Matching keeps its per-value timeout on top of this.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Any

MAX_LENGTH = 200
MAX_REPEAT = 100
MAX_PRODUCT = 1_000
MAX_PROGRAM = 500
MAX_NESTING = 10


class PatternRefused(ValueError):
    """The pattern is too costly (or cannot be measured); the message says which limit."""


@dataclass
class _Node:
    """A parse tree reduced to what costs: atoms (with a size), sequences/alternatives, groups,
    atomic groups and repetitions (``high`` None: unbounded)."""

    kind: str  # atom | seq | group | atomic | repeat
    size: int = 1
    children: list[_Node] = field(default_factory=list)
    low: int = 1
    high: int | None = 1
    possessive: bool = False


def check(pattern: str) -> None:
    """Raise ``PatternRefused`` when ``pattern`` breaks a limit; never compiles anything.

    >>> check(r"^order #\\d{3,8}$")
    >>> check("x{1000000}")
    Traceback (most recent call last):
    ...
    chalicelib.domain.patterns.PatternRefused: a repetition count above 100 ({1000000}) is not allowed
    """
    if len(pattern) > MAX_LENGTH:
        raise PatternRefused(f"at most {MAX_LENGTH} characters")
    tree = _from_re(pattern)
    if tree is None:
        tree = _Scanner(pattern).parse()
    _measure(tree, multiplier=1, in_unbounded=False, depth=0)


def validate(pattern: str) -> str:
    """``check``, then compile once (outside every cache) so that a syntax error is reported."""
    check(pattern)
    try:
        compile_uncached(pattern)
    except Exception as exc:  # regex.error, or ValueError for a named list it cannot fill
        raise PatternRefused(f"not a valid regular expression: {exc}") from exc
    return pattern


def compile_uncached(pattern: str) -> Any:
    """``regex.compile`` without its module-level cache (500 patterns, unchecked) and without the
    per-pattern entry it otherwise keeps forever, so compiling never retains anything."""
    import regex

    try:
        return regex.compile(pattern, cache_pattern=False)
    finally:
        # regex records every pattern it sees in this dict, trimmed only when its cache fills.
        getattr(regex._main, "_locale_sensitive", {}).pop((str, pattern), None)


# ---- the cost of a tree -------------------------------------------------------------------


def _measure(node: _Node, multiplier: int, in_unbounded: bool, depth: int) -> int:
    """The node's expanded size; raises on the first limit it breaks."""
    if node.kind == "atom":
        return node.size
    if node.kind in ("group", "atomic"):
        depth += 1
        if depth > MAX_NESTING:
            raise PatternRefused(f"group nesting deeper than {MAX_NESTING} is not allowed")
        if node.kind == "atomic":
            in_unbounded = False  # nothing inside an atomic group is backtracked into
    if node.kind == "repeat":
        for bound in (node.low, node.high):
            if bound is not None and bound > MAX_REPEAT:
                raise PatternRefused(f"a repetition count above {MAX_REPEAT} ({{{bound}}}) is not allowed")
        variable = node.high is None or node.high != node.low
        if in_unbounded and variable and not node.possessive:
            raise PatternRefused(
                "nested unbounded repetition (like (a+)+) can take exponential time; "
                "use an atomic group (?>...) or a possessive quantifier (a++)"
            )
        count = node.high if node.high is not None else node.low + 1
        multiplier *= max(count, 1)
        if multiplier > MAX_PRODUCT:
            raise PatternRefused(f"nested repetitions multiply to more than {MAX_PRODUCT}")
        inner = in_unbounded or (node.high is None and not node.possessive)
        body = sum(_measure(child, multiplier, inner, depth) for child in node.children)
        total = max(count, 1) * body
    else:
        total = sum(_measure(child, multiplier, in_unbounded, depth) for child in node.children)
    if total > MAX_PROGRAM:
        raise PatternRefused(f"the pattern is too large once its repetitions are expanded (over {MAX_PROGRAM})")
    return total


# ---- Python's parser (exact, for the common dialect) ------------------------------------------


def _from_re(pattern: str) -> _Node | None:
    """The tree from ``re._parser``, or None when it does not understand the pattern."""
    parser: Any = importlib.import_module("re._parser")
    try:
        parsed = parser.parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError):
        return None
    # Non-capturing groups are flattened by the parser; nesting is counted on the text instead.
    return _Node("seq", children=[_text_nesting(pattern), _convert(parsed)])


def _convert(subpattern: Any) -> _Node:
    constants: Any = importlib.import_module("re._constants")
    children: list[_Node] = []
    for op, av in subpattern:
        if op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
            low, high, item = av
            children.append(
                _Node(
                    "repeat",
                    low=int(low),
                    high=None if high == constants.MAXREPEAT else int(high),
                    possessive=op is constants.POSSESSIVE_REPEAT,
                    children=[_convert(item)],
                )
            )
        elif op is constants.SUBPATTERN:
            children.append(_Node("seq", children=[_convert(av[3])]))
        elif op is constants.ATOMIC_GROUP:
            children.append(_Node("atomic", children=[_convert(av)]))
        elif op in (constants.ASSERT, constants.ASSERT_NOT):
            children.append(_Node("seq", children=[_convert(av[1])]))
        elif op is constants.BRANCH:
            children.append(_Node("seq", children=[_convert(branch) for branch in av[1]]))
        elif op is constants.GROUPREF_EXISTS:
            children.append(_Node("seq", children=[_convert(part) for part in av[1:] if part is not None]))
        elif op is constants.IN:
            children.append(_Node("atom", size=len(av) + 1))
        else:
            children.append(_Node("atom"))
    return _Node("seq", children=children)


def _text_nesting(pattern: str) -> _Node:
    """Group nesting as written, as nested empty groups; braces checked on the text too.

    ``re`` reads some braces as literal text where ``regex`` reads a count (``(?x)x{100 000}`` is
    ``x{100000}`` to ``regex``), so every brace outside escapes and sets must be a plain count
    within ``MAX_REPEAT``; write a literal brace as ``\\{``.
    """
    deepest = depth = 0
    i, in_set = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            if pattern[i - 1 : i] in ("p", "P", "N", "x", "u", "U") and pattern[i : i + 1] == "{":
                end = pattern.find("}", i)  # \p{L}: a property, not a count
                i = len(pattern) if end < 0 else end + 1
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            i += 1
            i += 1 if pattern[i : i + 1] == "^" else 0
            i += 1 if pattern[i : i + 1] == "]" else 0  # a leading ] is a member, not the end
            continue
        elif c == "{":
            _plain_count(pattern, i)
        elif c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth -= 1
        i += 1
    node = _Node("atom", size=0)
    for _ in range(deepest):
        node = _Node("group", children=[node])
    return node


def _plain_count(pattern: str, at: int) -> tuple[int, int | None, int]:
    """The ``{m}``, ``{m,}``, ``{,n}`` or ``{m,n}`` at ``at``: (low, high or None, end)."""
    match = _NUMERIC_COUNT.match(pattern, at)
    if match is None or not (match.group(1) or match.group(3)):
        raise PatternRefused("braces must be a repetition count (write a literal brace as \\{; no fuzzy matching)")
    first, comma, second = match.groups()
    for bound in (first, second):
        if bound and int(bound) > MAX_REPEAT:
            raise PatternRefused(f"a repetition count above {MAX_REPEAT} ({{{int(bound)}}}) is not allowed")
    low = int(first or 0)
    return low, int(second) if second else (None if comma else low), match.end()


# ---- a conservative scanner for the regex dialect -----------------------------------------------

_NUMERIC_COUNT = re.compile(r"\{(\d*)(,?)(\d*)\}")
_FLAGS = re.compile(r"[a-zA-Z0-9&+-]*")
_FLAG_LETTERS = frozenset("abefiLmprsuwx-")  # regex's inline flags; V0/V1 are taken out first


class _Scanner:
    """Reads what ``re`` cannot: refuses anything it cannot measure rather than guess."""

    def __init__(self, pattern: str) -> None:
        self.s = pattern
        self.i = 0

    def parse(self) -> _Node:
        node = self._alternation()
        if self.i != len(self.s):
            raise PatternRefused("unbalanced parenthesis")
        return node

    def _peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.s[j] if j < len(self.s) else ""

    def _alternation(self) -> _Node:
        branches = [self._sequence()]
        while self._peek() == "|":
            self.i += 1
            branches.append(self._sequence())
        return _Node("seq", children=branches)

    def _sequence(self) -> _Node:
        items: list[_Node] = []
        while self._peek() and self._peek() not in "|)":
            items.append(self._quantified(self._atom()))
        return _Node("seq", children=items)

    def _atom(self) -> _Node:
        c = self._peek()
        if c == "\\":
            return self._escape()
        if c == "[":
            return self._set()
        if c == "(":
            return self._group()
        if c in "*+?{":
            raise PatternRefused("nothing to repeat, or braces that are not a repetition count")
        self.i += 1
        return _Node("atom")

    def _quantified(self, atom: _Node) -> _Node:
        c = self._peek()
        if c == "*":
            low, high, self.i = 0, None, self.i + 1
        elif c == "+":
            low, high, self.i = 1, None, self.i + 1
        elif c == "?":
            low, high, self.i = 0, 1, self.i + 1
        elif c == "{":
            low, high, self.i = _plain_count(self.s, self.i)
        else:
            return atom
        possessive = self._peek() == "+"
        if self._peek() in ("+", "?"):
            self.i += 1
        if self._peek() and self._peek() in "*+?{":
            raise PatternRefused("multiple repeat")
        return _Node("repeat", low=low, high=high, possessive=possessive, children=[atom])

    def _escape(self) -> _Node:
        self.i += 1
        c = self._peek()
        if not c:
            raise PatternRefused("a trailing backslash")
        self.i += 1
        if c in "pPNxuU" and self._peek() == "{":
            self._skip_to("}")
        elif c in "Lg" and self._peek() == "<":
            self._skip_to(">")
        elif c in "pP":
            self.i += 1  # \pL
        return _Node("atom")

    def _skip_to(self, closing: str) -> None:
        end = self.s.find(closing, self.i)
        if end < 0:
            raise PatternRefused(f"missing {closing!r}")
        self.i = end + 1

    def _set(self) -> _Node:
        start, depth = self.i, 1
        self.i += 1
        if self._peek() == "^":
            self.i += 1
        if self._peek() == "]":
            self.i += 1
        while depth:
            c = self._peek()
            if not c:
                raise PatternRefused("an unterminated character set")
            if c == "\\":
                self._escape()
                continue
            depth += 1 if c == "[" else -1 if c == "]" else 0
            self.i += 1
        return _Node("atom", size=self.i - start)

    def _group(self) -> _Node:
        self.i += 1
        kind = "group"
        if self._peek() == "?":
            nxt = self._peek(1)
            if nxt == "#":
                self._skip_to(")")
                return _Node("atom", size=0)
            if nxt in (":", "=", "!", ">", "|"):
                kind = "atomic" if nxt == ">" else "group"
                self.i += 2
            elif self.s.startswith(("<=", "<!"), self.i + 1):
                self.i += 3
            elif self.s.startswith(("P<", "<"), self.i + 1):
                self._skip_to(">")
            elif self.s.startswith("P=", self.i + 1):
                self._skip_to(")")
                return _Node("atom")
            elif nxt == "(":
                self.i += 1
                self._skip_to(")")  # the condition of (?(1)yes|no)
            else:
                flags = _FLAGS.match(self.s, self.i + 1)
                letters = flags.group(0) if flags else ""
                after = self.i + 1 + len(letters)
                end = self.s[after : after + 1]
                plain = letters.replace("V0", "").replace("V1", "")
                if not letters or end not in (")", ":") or set(plain) - _FLAG_LETTERS:
                    raise PatternRefused("recursion and other constructs that cannot be measured are not supported")
                if "x" in letters:
                    raise PatternRefused("verbose mode (?x) is not supported with regex-only syntax")
                self.i = after + 1
                if end == ")":
                    return _Node("atom", size=0)
        body = self._alternation()
        if self._peek() != ")":
            raise PatternRefused("unbalanced parenthesis")
        self.i += 1
        return _Node(kind, children=[body])
