"""Property tests: the text stages never raise on any input and keep their invariants."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire.actors import ActorResolver, KnowledgePack
from ceasefire.claims import extract_claims, parse_number
from ceasefire.events.dates import find_dates
from ceasefire.ingest.cleaning import clean_text
from ceasefire.ingest.readers import Skipped, read_file
from ceasefire.nlp import split_sentences
from ceasefire.types import Document

BOUNDED = settings(max_examples=200, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text with the characters the stages look at: digits, month names, punctuation, markup.
WORDS = st.sampled_from([
    "on", "12", "October", "2020", "since", "1994", "Monday", "killed", "over", "1,200",
    "soldiers", "about", "3.5", "million", "between", "40", "and", "-", "–", ".", "?", "\n",
    "\n\n", "<sup>3</sup>", "&amp;", "Armenia", "Azerbaijan", "Feb", "29", "31", "9999",
    "0", "hundreds", "at", "least", "  ", "\t", "\u00a0", "\u2028", "Dr.", "U.S.", "\r\n",
])
MIXED = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=60).map(" ".join),
    st.lists(WORDS, max_size=60).map("".join),
)
REFS = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgePack.load())


@BOUNDED
@given(MIXED)
def test_fuzz_clean_text_never_raises_and_is_idempotent_on_blank(raw: str) -> None:
    out = clean_text(raw)
    assert isinstance(out, str)
    assert "\x00" not in out
    if not raw.strip():
        assert out.strip() == ""


@BOUNDED
@given(MIXED)
def test_fuzz_sentences_are_ordered_spans_inside_the_text(text: str) -> None:
    spans = split_sentences(text)
    last_end = 0
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= last_end
        assert text[span.start:span.end].strip()
        last_end = span.end


@BOUNDED
@given(MIXED, REFS)
def test_fuzz_dates_are_valid_and_inside_the_text(text: str, ref: dt.date | None) -> None:
    for mention in find_dates(text, ref):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.precision in ("day", "month", "year")
        parts = [int(p) for p in mention.value.split("-")]
        assert len(parts) == {"year": 1, "month": 2, "day": 3}[mention.precision]
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@BOUNDED
@given(st.one_of(st.text(max_size=40), st.lists(WORDS, max_size=4).map(" ".join)))
def test_fuzz_parse_number_is_none_or_non_negative(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, int) and value >= 0)


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "infinity", "1e5", "-3",
                                  "nan million", "\u0661\u0662"])
def test_fuzz_parse_number_rejects_what_is_not_a_written_figure(text: str) -> None:
    # Found by the property below: float() accepted "nan" and round() raised on it.
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "value"), [("6,000", 6000), ("1.2 million", 1_200_000),
                                             ("40", 40), ("hundreds", 200)])
def test_fuzz_parse_number_keeps_written_figures(text: str, value: int) -> None:
    assert parse_number(text) == value


@BOUNDED
@given(MIXED, REFS)
def test_fuzz_claims_keep_low_best_high_order_and_spans(resolver: ActorResolver, text: str,
                                                        ref: dt.date | None) -> None:
    for claim in extract_claims(text, offset=0, resolver=resolver, published=ref):
        values = [v for v in (claim.low, claim.best, claim.high) if v is not None]
        assert values == sorted(values)
        assert all(v >= 0 for v in values)
        assert 0 <= claim.evidence.start <= claim.evidence.end <= len(text)


LINES = st.one_of(
    st.text(max_size=80),
    st.dictionaries(st.sampled_from(["text", "title", "published", "url", "id"]),
                    st.one_of(st.text(max_size=60), st.integers(), st.none(),
                              st.lists(st.integers(), max_size=2)),
                    max_size=4).map(json.dumps),
)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINES, max_size=6))
def test_fuzz_jsonl_reader_yields_documents_or_reasons(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    for item in read_file(path):
        assert isinstance(item, Document | Skipped)
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
        else:
            assert item.text.strip()
