"""doc_id_for: a hash of the normalised text, so re-ingesting is idempotent."""

from __future__ import annotations

import hashlib

import pytest

from ceasefire.ingest import doc_id_for
from ceasefire.ingest.dedupe import Deduper, normalise_for_id


def test_dedupe_id_is_first_16_hex_of_sha256_of_normalised_text() -> None:
    expected = hashlib.sha256(b"talks resumed in marest.").hexdigest()[:16]
    assert doc_id_for("  Talks\n\nresumed   in\tMarest. ") == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Talks resumed.", "TALKS   RESUMED."),
        ("Gene\u0300ve talks", "Genève talks"),  # NFD and NFC
        ("Line one\r\nLine two", "Line one\nLine two"),
    ],
)
def test_dedupe_same_text_after_normalisation_has_same_id(a: str, b: str) -> None:
    assert doc_id_for(a) == doc_id_for(b)


def test_dedupe_different_text_has_different_id() -> None:
    assert doc_id_for("Talks resumed.") != doc_id_for("Talks collapsed.")


def test_dedupe_normalise_for_id() -> None:
    assert normalise_for_id(" A\u00a0B \n C ") == "a b c"


def test_dedupe_deduper_remembers_first_place() -> None:
    seen = Deduper()
    assert seen.first_seen("abc", "a.txt") is None
    assert seen.first_seen("abc", "b.txt") == "a.txt"
    assert seen.first_seen("def", "c.txt") is None
