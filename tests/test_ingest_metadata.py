"""find_title and find_published: strict, only what the document states about itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire.ingest import find_published, find_title
from ceasefire.ingest import metadata as metadata_module

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BODY = "\n\nValdian and Orsan officials met in Marest to discuss the truce."


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("November 1, 2021", dt.date(2021, 11, 1)),
        ("Monday, 1 November 2021", dt.date(2021, 11, 1)),
        ("Published: 2020-10-19", dt.date(2020, 10, 19)),
        ("Published on 19 October 2020 at 10:32 GMT", dt.date(2020, 10, 19)),
        ("Posted: Oct. 19, 2020", dt.date(2020, 10, 19)),
        ("MAREST, 21 February 1998 — Deputies voted on Saturday.", dt.date(1998, 2, 21)),
        ("LORIN / MAREST, 28 September 2020 — Fighting resumed.", dt.date(2020, 9, 28)),
        ("THE HAGUE, 23 February 2023 —", dt.date(2023, 2, 23)),
        ("MAREST, Oct 5, 2020 (Reuters) - Shelling resumed.", dt.date(2020, 10, 5)),
        ("Oct 3rd 2020, MAREST", dt.date(2020, 10, 3)),
    ],
)
def test_metadata_dateline_and_date_line_at_the_top(head: str, expected: dt.date) -> None:
    assert find_published(f"Truce Talks In Marest\n\n{head}{BODY}") == expected


def test_metadata_dateline_without_year_gives_no_date() -> None:
    assert find_published("MAREST, Oct 5 (Reuters) - Shelling resumed." + BODY) is None


def test_metadata_year_in_body_is_not_a_publication_date() -> None:
    text = "Background note\n\nThe war of 1992 ended in 1994. Talks began in 2007 and failed."
    assert find_published(text) is None


def test_metadata_event_date_in_body_sentence_is_not_a_publication_date() -> None:
    text = "Talks resumed\n\nThe delegations met on 12 March 2021 in Marest and agreed to meet."
    assert find_published(text) is None


def test_metadata_date_line_far_down_is_ignored() -> None:
    lines = "\n\n".join(f"Paragraph {i} about the talks." for i in range(30))
    assert find_published(f"{lines}\n\nNovember 1, 2021") is None


def test_metadata_future_date_is_refused() -> None:
    future = dt.date.today() + dt.timedelta(days=400)
    assert find_published(f"Title\n\nPublished: {future.isoformat()}{BODY}") is None


def test_metadata_today_is_never_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metadata_module, "_today", lambda: dt.date(2030, 1, 1))
    assert find_published("Untitled note" + BODY) is None


def test_metadata_to_cite_line_with_year_in_parentheses() -> None:
    text = (
        "Truce lines\n\nBody of the commentary." + BODY + "\n\n"
        "To cite this article: Doe, J. (2020) \"Truce lines\", Imaginary Review, October 30."
    )
    assert find_published(text) == dt.date(2020, 10, 30)


def test_metadata_to_cite_line_refuses_a_year_later_than_the_access_date() -> None:
    # Some sites print the year of access as the citation year; the commentary number
    # carries the real year.
    text = (
        "Truce lines" + BODY + "\n\n"
        "To cite this article: DOE, Jane. 2026. \"Truce lines.\" Imaginary Centre, "
        "Commentary No.2013 / 12. October 30. Accessed May 10, 2026. <https://example.org/c>"
    )
    assert find_published(text) == dt.date(2013, 10, 30)


def test_metadata_academic_history_prefers_publication_then_acceptance() -> None:
    text = (
        "A Study Of Truces" + BODY + "\n\n"
        "Received: 3 March 2021; Accepted: 2 June 2021; Published online: 20 June 2021"
    )
    assert find_published(text) == dt.date(2021, 6, 20)
    accepted = "A Study Of Truces" + BODY + "\n\nReceived 3 March 2021 / Accepted 2 June 2021"
    assert find_published(accepted) == dt.date(2021, 6, 2)


def test_metadata_received_date_alone_is_not_a_publication_date() -> None:
    assert find_published("A Study" + BODY + "\n\nReceived: 3 March 2021") is None


def test_metadata_year_only_label_gives_no_date() -> None:
    assert find_published("Factbook entry\nPublished: 2024" + BODY) is None


def test_metadata_impossible_date_gives_no_date() -> None:
    assert find_published("Title\n\nFebruary 30, 2021" + BODY) is None


def test_metadata_title_is_the_first_short_line_without_final_punctuation() -> None:
    assert find_title("Truce Holds In Marest\n\nThe guns fell silent.") == "Truce Holds In Marest"


def test_metadata_title_skips_markup_and_tracking_lines() -> None:
    text = "!-- Google tag (gtag.js) -->\n\n## **Truce Holds**\n\nBody."
    assert find_title(text) == "Truce Holds"


@pytest.mark.parametrize(
    "text",
    [
        "The guns fell silent on Sunday. Both sides agreed.",
        "November 1, 2021\n\nThe guns fell silent on Sunday.",
        "word " * 100_000,
        "",
    ],
)
def test_metadata_no_title_when_no_line_qualifies(text: str) -> None:
    assert find_title(text) is None


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds not present")
@pytest.mark.parametrize(
    ("name", "expected"),
    [("001_", dt.date(2022, 11, 1)), ("000_", dt.date(2012, 10, 30)), ("003_", None)],
)
def test_metadata_dates_of_real_seeds(name: str, expected: dt.date | None) -> None:
    (path,) = (SHARED / "seeds").glob(f"{name}*.txt")
    assert find_published(path.read_text(encoding="utf-8")) == expected
