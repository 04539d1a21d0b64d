"""Full-text search, pure: the analyzer (shared by tickets and the knowledge base), the ticket query
language, BM25 scoring, bounded typo distance and plain-text highlights.

Analyzer: NFKC, case folding, accents folded ("Café" -> "cafe"), words, English stop words dropped,
Snowball stems ("invoices", "invoicing" -> "invoic"). Every word keeps its offsets in the original
text, so a highlight points at what the reader sees.

Query language (``GET /search/tickets?q=``): words, ``"exact phrase"``, ``-word`` / ``-"phrase"``
(exclude), ``T-42`` / ``#42`` (the ticket number) and filters (``status:open,pending``,
``priority:high``, ``assignee:me|none|<id>``, ``department:<id>|none``, ``tag:vip`` (repeat = AND),
``-tag:spam``, ``requester:<id or email>``, ``created:>2026-01-01`` / ``<`` / ``a..b``, ``updated:``
likewise, ``field.<name>:<value>``, ``is:breached``), parsed into a ``TicketFilter``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from chalicelib.domain.errors import InvalidInput, validation_details
from chalicelib.domain.ticket_filter import TicketFilter

# ---- analyzer ---------------------------------------------------------------------------------

_STOPWORDS = (
    "a an and are as at be but by can do does for from has have how i if in into is it its my no not of on or "
    "our so that the their then there these this to was we were what when where which who why will with you your"
)
STOPWORDS = frozenset(_STOPWORDS.split())
MAX_WORD = 40  # longer "words" (hashes, base64) are not indexed
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def fold(text: str) -> str:
    """NFKC, case folding and accents removed: ``"Café"`` -> ``"cafe"``."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def stem(word: str) -> str:
    """The stem of one folded word."""
    return str(_stemmer().stemWord(word))


@dataclass(frozen=True)
class Token:
    """One indexed word of a text: its stem, its folded form and where it is in the original."""

    term: str
    word: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words of ``text`` worth indexing (stop words and over-long words dropped), with offsets."""
    found: list[Token] = []
    for match in _WORD.finditer(text):
        word = fold(match.group()).replace("'", "")
        if not word or word in STOPWORDS or len(word) > MAX_WORD:
            continue
        found.append(Token(stem(word), word, match.start(), match.end()))
    return found


def terms(text: str) -> list[str]:
    """Folded, stop words dropped, stemmed ("Printing", "printed" -> "print")."""
    return [t.term for t in tokens(text)]


# ---- the ticket query language ----------------------------------------------------------------

MAX_QUERY_CHARS = 500
MAX_WORDS = 10  # words and phrase words together; more is 422 (each word costs reads)
MIN_PREFIX = 3  # a word shorter than this is matched exactly, never as a prefix
TYPO_MIN = 5  # words this long tolerate one edit; from TYPO_TWO on, two
TYPO_TWO = 9
FILTER_KEYS = ("status", "priority", "assignee", "department", "tag", "requester", "created", "updated", "is")
_TOKEN = re.compile(r'(-?)(?:"([^"]*)"?|(\S+))')
_KEY = re.compile(r"^([a-z_]+(?:\.[a-z0-9_]*)?):(.*)$", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:[Tt]-|#)(\d{1,9})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Word:
    """A query word: folded, its stem, and whether it may match as a prefix (the last word)."""

    word: str
    term: str
    prefix: bool = False


@dataclass
class ParsedQuery:
    words: list[Word] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)  # each a list of stems, in order
    exclude_terms: list[str] = field(default_factory=list)
    exclude_phrases: list[list[str]] = field(default_factory=list)
    number: int | None = None
    filter: TicketFilter = field(default_factory=TicketFilter)
    requester: str | None = None  # an email for the service to resolve (an id goes in the filter)
    had_words: bool = False  # words to find were typed (perhaps only stop words; exclusions aside)

    @property
    def terms(self) -> list[str]:
        """The distinct stems every match must contain (words and phrase words)."""
        stems = [w.term for w in self.words] + [t for p in self.phrases for t in p]
        return list(dict.fromkeys(stems))


def invalid(message: str, key: str | None = None, kind: str = "invalid_filter") -> InvalidInput:
    detail: dict[str, Any] = {"field": "q", "message": message, "type": kind}
    if key is not None:
        detail["key"] = key
    return InvalidInput(message, code="invalid_query", details=[detail])


def parse_query(q: str) -> ParsedQuery:
    """Parse ``q``; 422 ``invalid_query`` (details naming the key) for an unknown filter or a bad value.

    >>> parse_query('invoice -spam status:open "late fee"').filter.status
    [<Status.OPEN: 'open'>]
    """
    if len(q) > MAX_QUERY_CHARS:
        raise invalid(f"The query is longer than {MAX_QUERY_CHARS} characters.", kind="too_long")
    parsed = ParsedQuery()
    criteria: dict[str, Any] = {}
    for negated, phrase, bare in _TOKEN.findall(q):
        if phrase or (bare == "" and negated):
            stems = terms(phrase)
            parsed.had_words = parsed.had_words or (bool(phrase.strip()) and not negated)
            if stems:
                (parsed.exclude_phrases if negated else parsed.phrases).append(stems)
            continue
        number = _NUMBER.match(bare)
        if number and not negated:
            parsed.number = int(number.group(1))
            continue
        key = _KEY.match(bare)
        if key and key.group(2):
            _filter(key.group(1).lower(), key.group(2), bool(negated), criteria, parsed)
            continue
        found = tokens(bare)
        parsed.had_words = parsed.had_words or not negated
        if negated:
            parsed.exclude_terms += [t.term for t in found]
        else:
            parsed.words += [Word(t.word, t.term) for t in found]
    if len(parsed.words) + sum(len(p) for p in parsed.phrases) > MAX_WORDS:
        raise invalid(f"Use at most {MAX_WORDS} words.", kind="too_many_words")
    if parsed.words and not q.rstrip().endswith('"') and len(parsed.words[-1].word) >= MIN_PREFIX:
        parsed.words[-1].prefix = True
    try:
        parsed.filter = TicketFilter.model_validate(criteria)
    except ValidationError as exc:
        raise InvalidInput(
            "A filter of the query is not valid.", code="invalid_query", details=validation_details(exc, "q")
        ) from exc
    return parsed


def _filter(key: str, value: str, negated: bool, criteria: dict[str, Any], parsed: ParsedQuery) -> None:
    if negated and key != "tag":
        raise invalid(f"'-{key}:' cannot be negated; only '-tag:' can.", key)
    values = [v for v in value.split(",") if v]
    if key == "status":
        criteria.setdefault("status", []).extend(v.lower() for v in values)
    elif key == "priority":
        criteria.setdefault("priority", []).extend(v.lower() for v in values)
    elif key == "assignee":
        criteria.setdefault("assignee", []).extend(values)
    elif key == "department":
        criteria.setdefault("department_id", []).extend(values)
    elif key == "tag":
        criteria.setdefault("exclude_tags" if negated else "tags", []).append(value)
    elif key == "requester":
        if "@" in value:
            parsed.requester = value.lower()
        else:
            criteria["requester_id"] = value
    elif key in ("created", "updated"):
        after, before = _date_range(key, value)
        if after is not None:
            criteria[f"{key}_after"] = after
        if before is not None:
            criteria[f"{key}_before"] = before
    elif key == "is":
        if value.lower() != "breached":
            raise invalid(f"Unknown 'is:{value}': use is:breached.", key)
        criteria["sla_breached"] = True
    elif key.startswith("field."):
        name = key.removeprefix("field.")
        criteria.setdefault("custom_fields", {})[name] = _scalar(value)
    else:
        raise invalid(f"Unknown filter '{key}:'. Use {', '.join(FILTER_KEYS)} or field.<name>.", key, "unknown_filter")


def _day(key: str, text: str) -> datetime:
    if not _DAY.match(text):
        raise invalid(f"'{key}:' takes dates as YYYY-MM-DD.", key)
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
    except ValueError as exc:
        raise invalid(f"'{key}:{text}' is not a date.", key) from exc


def _date_range(key: str, value: str) -> tuple[datetime | None, datetime | None]:
    """``>d`` (after d's start), ``<d`` (before d), ``a..b`` (both days included), ``d`` (that day)."""
    if value.startswith(">"):
        return _day(key, value[1:]), None
    if value.startswith("<"):
        return None, _day(key, value[1:])
    if ".." in value:
        start, end = value.split("..", 1)
        after, last = _day(key, start), _day(key, end)
        if last < after:
            raise invalid(f"'{key}:{value}' ends before it starts.", key)
        return after, last + timedelta(days=1)
    day = _day(key, value)
    return day, day + timedelta(days=1)


def _scalar(value: str) -> str | int | float | bool:
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value


# ---- scoring ----------------------------------------------------------------------------------

K1 = 1.2
B = 0.75
FIELD_BOOSTS = {"subject": 3.0, "tags": 2.0, "requester": 1.5, "description": 1.0, "comment": 1.0}
RECENCY_BOOST = 0.25  # a brand-new ticket scores up to 25 % more than an old one ...
RECENCY_HALF_LIFE_DAYS = 30.0  # ... halving every 30 days
MAX_TF = 20  # occurrences counted per term and field (a pasted log does not drown the rest)


def weigh(fields: Iterable[tuple[str, str]]) -> tuple[dict[str, float], int]:
    """Term -> boosted term frequency over ``(field, text)`` pairs, and the document's length in words."""
    weights: dict[str, float] = {}
    length = 0
    for name, text in fields:
        counts: dict[str, int] = {}
        for token in tokens(text):
            counts[token.term] = counts.get(token.term, 0) + 1
            length += 1
        for term, n in counts.items():
            weights[term] = weights.get(term, 0.0) + FIELD_BOOSTS[name] * min(n, MAX_TF)
    return {t: round(w, 2) for t, w in weights.items()}, length


def idf(df: int, documents: int) -> float:
    """BM25's inverse document frequency (never negative)."""
    documents = max(documents, df, 1)
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


def bm25(weight: float, df: int, documents: int, length: int, average_length: float) -> float:
    """One term's BM25 contribution; ``weight`` is its field-boosted term frequency."""
    if weight <= 0:
        return 0.0
    norm = K1 * (1 - B + B * length / max(average_length, 1.0))
    return idf(df, documents) * weight * (K1 + 1) / (weight + norm)


def recency(created_at: datetime, now: datetime) -> float:
    """A factor from 1 + RECENCY_BOOST (new) down towards 1 (old)."""
    age_days = max((now - created_at).total_seconds(), 0.0) / 86400
    return 1 + RECENCY_BOOST * float(0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS))


def max_edits(word: str) -> int:
    """Typo tolerance: none under TYPO_MIN letters, one up to TYPO_TWO - 1, two from TYPO_TWO."""
    return 0 if len(word) < TYPO_MIN else 1 if len(word) < TYPO_TWO else 2


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether the (optimal string alignment) Damerau-Levenshtein distance of ``a`` and ``b`` is at
    most ``limit``; stops as soon as a row exceeds it, so the cost is bounded."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return False
        previous2, previous = previous, current
    return previous[-1] <= limit


def prefix_read(word: Word) -> str:
    """What a prefix word's completions begin with: the longest start its folded form and its stem
    share (two letters at least), so ``happy`` (stem ``happi``) reads ``happ...``."""
    n = 0
    while n < min(len(word.word), len(word.term)) and word.word[n] == word.term[n]:
        n += 1
    return word.word[: max(n, 2)]


def expansions(word: Word, vocabulary: Iterable[tuple[str, int]], limit: int = 4) -> list[str]:
    """The vocabulary terms ``word`` stands for besides its own stem: completions when it is a
    prefix, near spellings when it is long enough and has no exact match; the most frequent first."""
    known = dict(vocabulary)
    found: list[tuple[int, str]] = []
    exact = known.get(word.term, 0) > 0
    for term, df in known.items():
        if df <= 0 or term == word.term:
            continue
        completes = word.prefix and (term.startswith(word.word) or term.startswith(word.term))
        edits = 0 if exact else max_edits(word.word)
        if completes or (edits and within_edits(word.term, term, edits)):
            found.append((df, term))
    return [t for _, t in sorted(found, key=lambda x: (-x[0], x[1]))[:limit]]


# ---- highlights -------------------------------------------------------------------------------

SNIPPET = 160  # characters of context a highlight shows at most


@dataclass(frozen=True)
class Highlight:
    field: str
    text: str
    matches: list[tuple[int, int]]
    comment_id: str | None = None


def highlight(name: str, text: str, wanted: set[str], comment_id: str | None = None) -> Highlight | None:
    """A plain-text snippet of ``text`` around its first word whose stem is in ``wanted``, with the
    offsets (end exclusive, into the snippet) of every wanted word it shows; None without a match."""
    hits = [(t.start, t.end) for t in tokens(text) if t.term in wanted]
    if not hits:
        return None
    first = hits[0][0]
    start = 0 if len(text) <= SNIPPET else max(0, min(first - SNIPPET // 4, len(text) - SNIPPET))
    if start > 0:
        space = text.rfind(" ", start - 20, first)  # start at a word boundary when one is near
        start = space + 1 if space >= start - 20 and space != -1 else start
    end = min(len(text), start + SNIPPET)
    shown = [(s - start, e - start) for s, e in hits if s >= start and e <= end]
    return Highlight(name, text[start:end], shown, comment_id)


def contains_phrase(text: str, phrase: Sequence[str]) -> bool:
    """Whether the stems of ``phrase`` occur consecutively in ``text`` (stop words skipped)."""
    stems = terms(text)
    n = len(phrase)
    return any(stems[i : i + n] == list(phrase) for i in range(len(stems) - n + 1))
