"""The search domain, pure: analyzer, query language, BM25, typo distance, highlights."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.search import (
    Word,
    bm25,
    contains_phrase,
    expansions,
    fold,
    highlight,
    parse_query,
    recency,
    terms,
    tokens,
    weigh,
    within_edits,
)


def test_the_analyzer_folds_case_width_and_accents_and_stems() -> None:
    assert fold("\uff23af\u00e9 \u00c9COLE") == "cafe ecole"  # a full-width C, accents
    assert terms("Invoices, invoicing; the INVOICE!") == ["invoic", "invoic", "invoic"]
    assert terms("a the of and") == []


def test_tokens_keep_offsets_into_the_original_text() -> None:
    text = "Le café brûlé"
    found = tokens(text)
    assert [text[t.start : t.end] for t in found] == ["Le", "café", "brûlé"]
    assert found[1].word == "cafe"


def test_the_query_language() -> None:
    q = parse_query('invoice -spam "late fee" -"test run" T-42 status:open,pending tag:vip tag:eu -tag:x is:breached')
    assert [w.term for w in q.words] == ["invoic"]
    assert q.phrases == [["late", "fee"]]
    assert q.exclude_terms == ["spam"]
    assert q.exclude_phrases == [["test", "run"]]
    assert q.number == 42
    assert [s.value for s in q.filter.status] == ["open", "pending"]
    assert q.filter.tags == ["vip", "eu"]
    assert q.filter.exclude_tags == ["x"]
    assert q.filter.sla_breached is True


def test_only_the_last_word_of_at_least_three_letters_is_a_prefix() -> None:
    assert [w.prefix for w in parse_query("late invo").words] == [False, True]
    assert [w.prefix for w in parse_query("invo ab").words] == [False, False]
    assert [w.prefix for w in parse_query('invo "late"').words] == [False]


def test_dates_filters_and_custom_fields() -> None:
    q = parse_query("x created:2026-01-01..2026-01-31 updated:>2026-02-01 field.region:emea field.seats:5")
    assert q.filter.created_after == datetime(2026, 1, 1, tzinfo=UTC)
    assert q.filter.created_before == datetime(2026, 2, 1, tzinfo=UTC)
    assert q.filter.updated_after == datetime(2026, 2, 1, tzinfo=UTC)
    assert q.filter.custom_fields == {"region": "emea", "seats": 5}
    assert parse_query("x requester:Bob@Example.com").requester == "bob@example.com"
    assert parse_query("x assignee:me department:none").filter.assignee == ["me"]


@pytest.mark.parametrize(
    ("q", "key"),
    [
        ("x colour:red", "colour"),
        ("x created:2026-02-30", "created"),
        ("x created:2026-02-01..2026-01-01", "created"),
        ("x is:happy", "is"),
        ("x -priority:low", "priority"),
    ],
)
def test_bad_filters_are_422_naming_the_key(q: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_query(q)
    assert refused.value.code == "invalid_query"
    assert refused.value.details[0]["key"] == key


def test_a_bad_filter_value_is_422() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_query("x status:sleeping")
    assert refused.value.code == "invalid_query"


def test_bm25_prefers_more_occurrences_rarer_terms_and_shorter_documents() -> None:
    assert bm25(2, 10, 100, 50, 50) > bm25(1, 10, 100, 50, 50)
    assert bm25(1, 2, 100, 50, 50) > bm25(1, 50, 100, 50, 50)
    assert bm25(1, 10, 100, 20, 50) > bm25(1, 10, 100, 200, 50)
    assert bm25(0, 10, 100, 50, 50) == 0


def test_field_boosts_weigh_a_subject_word_above_a_description_word() -> None:
    weights, length = weigh([("subject", "router down"), ("description", "the modem is down")])
    assert weights["router"] > weights["modem"]
    assert weights["down"] == weights["router"] + weights["modem"]
    assert length == 4


def test_recency_decays_towards_one() -> None:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    assert recency(now, now) == pytest.approx(1.25)
    assert 1 < recency(now - timedelta(days=365), now) < recency(now - timedelta(days=30), now) < 1.25


def test_typo_distance_is_bounded_damerau_levenshtein() -> None:
    assert within_edits("invoic", "invoic", 1)
    assert within_edits("invocie", "invoice", 1)  # a transposition is one edit
    assert within_edits("subscripton", "subscription", 1)
    assert not within_edits("invoice", "involve", 1)
    assert within_edits("invoice", "involve", 2)
    assert not within_edits("a" * 30, "b" * 30, 2)


def test_expansions_complete_a_prefix_and_correct_a_long_word_only() -> None:
    vocabulary = [("invoic", 9), ("invok", 2), ("involv", 1), ("printer", 4)]
    assert expansions(Word("invo", "invo", prefix=True), vocabulary) == ["invoic", "invok", "involv"]
    assert expansions(Word("printr", "printr"), vocabulary) == ["printer"]
    assert expansions(Word("prntr", "prntr"), vocabulary) == []  # two edits for a five-letter word
    assert expansions(Word("invoice", "invoic"), vocabulary) == []  # an exact match: no typo guesses


def test_highlights_are_plain_text_with_offsets_into_the_snippet() -> None:
    text = "x " * 200 + "the <b>invoice</b> is late"
    found = highlight("description", text, {"invoic", "late"})
    assert found is not None
    assert len(found.text) <= 160
    assert [found.text[s:e] for s, e in found.matches] == ["invoice", "late"]
    assert "<b>" in found.text  # text, never markup: the client escapes and marks it
    assert highlight("subject", "nothing here", {"invoic"}) is None


def test_phrases_match_consecutive_stems() -> None:
    assert contains_phrase("The late delivery fee", ["late", "deliveri"])
    assert not contains_phrase("late, then a delivery", ["late", "deliveri", "fee"])
