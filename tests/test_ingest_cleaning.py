"""clean_text: markup residue, notes, reference lists and boilerplate go; paragraphs stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire.ingest import clean_text


def test_cleaning_footnote_markers_are_removed() -> None:
    raw = "The envoys met in Marest.<sup>12</sup> They agreed on a truce.<sup>13</sup>"
    assert clean_text(raw) == "The envoys met in Marest. They agreed on a truce."


def test_cleaning_ordinal_superscript_is_kept_as_text() -> None:
    raw = "It was the 18<sup>th</sup> round of talks."
    assert clean_text(raw) == "It was the 18th round of talks."


def test_cleaning_footnote_text_lines_are_dropped() -> None:
    raw = (
        "Fighting resumed near Lorin in spring.<sup>4</sup>\n\n"
        "<sup>4</sup> J. Doe, \"Border Wars,\" Journal of Imaginary Studies 3, no. 2 (2019): 1.\n\n"
        "The ministry later denied the report."
    )
    assert clean_text(raw) == (
        "Fighting resumed near Lorin in spring.\n\nThe ministry later denied the report."
    )


def test_cleaning_numbered_reference_lines_are_dropped_but_numbered_sentences_kept() -> None:
    raw = (
        "61 soldiers were reported missing, the ministry said.\n\n"
        "7 A. Writer, Valdia at War, Imaginary University Press, 2004, pp. 12-19.\n\n"
        "8 Ibid., 22."
    )
    assert clean_text(raw) == "61 soldiers were reported missing, the ministry said."


@pytest.mark.parametrize("heading", ["References", "Bibliography", "Notes", "#### BIBLIOGRAPHY"])
def test_cleaning_trailing_reference_section_is_cut(heading: str) -> None:
    body = "Troops of Valdia crossed the river at dawn and took the bridge. " * 6
    raw = (
        f"{body}\n\n{heading}\n\n"
        "- Doe, Jane. Rivers and Borders. Marest: Imaginary Press, 2011.\n"
        "- Roe, Richard. \"Truce Lines.\" Review of Fictional Affairs 9 (2015): 1-20.\n"
    )
    assert clean_text(raw) == body.strip()


def test_cleaning_early_notes_heading_is_not_a_reference_section() -> None:
    raw = "Notes\n\nThe delegation arrived on Monday. " + "It met the mediators twice. " * 10
    assert clean_text(raw).startswith("Notes\n\nThe delegation arrived on Monday.")


def test_cleaning_markdown_heading_keeps_text_on_its_own_line() -> None:
    raw = "## **Truce Holds Along The River**\nThe guns fell silent on Sunday."
    assert clean_text(raw) == "Truce Holds Along The River\n\nThe guns fell silent on Sunday."


def test_cleaning_markdown_emphasis_links_and_autolinks_are_removed() -> None:
    raw = (
        "*Abstract:* The **second** round of talks in [Marest](https://example.org/m) "
        "ended early. <https://example.org/more>"
    )
    assert clean_text(raw) == "Abstract: The second round of talks in Marest ended early."


def test_cleaning_leftover_tags_and_comments_are_removed() -> None:
    raw = "<div class='x'><p>Shelling was heard <b>overnight</b>.</p></div><!-- ad slot -->"
    assert clean_text(raw) == "Shelling was heard overnight."


def test_cleaning_tracking_snippet_and_image_source_lines_are_removed() -> None:
    raw = (
        "!-- Google tag (gtag.js) -->\n\n"
        "Talks Resume In Marest\n\n"
        "IMAGE SOURCE: VALDIAN DEFENCE MINISTRY\n"
        "The delegations met for four hours."
    )
    assert clean_text(raw) == "Talks Resume In Marest\n\nThe delegations met for four hours."


@pytest.mark.parametrize(
    "line",
    [
        "Lorin Cad. No: 7/A Kat 2 01234 MAREST / VALDIA",
        "**Tel:** +12 (345) 678 90 12 • **Fax:** +12 (345) 678 90 13",
        "**E-Mail:** [desk@example.org](mailto:desk@example.org)",
        "© 2001-2024 Institute for Imaginary Studies. All Rights Reserved",
        " @imaginarydesk",
        "<https://www.example.org/imaginary-desk>",
        "We use cookies to improve your experience. Accept all cookies",
        "Photo credit: Jane Doe",
    ],
)
def test_cleaning_boilerplate_lines_are_removed(line: str) -> None:
    raw = f"The ceasefire was signed on Friday.\n\n{line}\n\nBoth sides welcomed it."
    assert clean_text(raw) == "The ceasefire was signed on Friday.\n\nBoth sides welcomed it."


@pytest.mark.parametrize(
    "line",
    [
        "In 2020 Valdia Won The Border War",
        "Road To Peace: 5 Steps",
        "Let the talks begin",
        "12 killed as shelling hits Lorin",
    ],
)
def test_cleaning_headlines_that_look_like_boilerplate_are_kept(line: str) -> None:
    assert clean_text(f"{line}\n\nThe report follows.") == f"{line}\n\nThe report follows."


def test_cleaning_repeated_caption_is_collapsed() -> None:
    raw = (
        "Soldiers at a checkpoint near Lorin (Archive photo)\n\n"
        "Soldiers at a checkpoint near Lorin (Archive photo)\n\n"
        "The checkpoint was closed on Monday."
    )
    assert clean_text(raw) == (
        "Soldiers at a checkpoint near Lorin (Archive photo)\n\n"
        "The checkpoint was closed on Monday."
    )


def test_cleaning_whitespace_is_normalised_and_paragraphs_kept() -> None:
    raw = "  First\u00a0 paragraph\there.  \r\n\r\n\r\n\n  Second   paragraph.\u200b \n"
    assert clean_text(raw) == "First paragraph here.\n\nSecond paragraph."


def test_cleaning_single_lines_inside_a_paragraph_are_kept() -> None:
    raw = "November 1, 2021\nTalks Resume In Marest\nA caption without a full stop"
    assert clean_text(raw) == raw


def test_cleaning_paragraph_split_by_a_page_break_is_rejoined() -> None:
    first = "The mediators proposed a new line of contact that both armies would respect for a"
    raw = f"{first}\n\n---\n\n<sup>3</sup> A note.\n\nperiod of six months. Both sides agreed."
    assert clean_text(raw) == f"{first} period of six months. Both sides agreed."


def test_cleaning_hard_wrapped_text_is_unwrapped() -> None:
    raw = (
        "Valdian forces shelled the outskirts of Lorin early on Monday, the\n"
        "ministry of the neighbouring state said, and the local council ordered\n"
        "schools to close. Officials said two houses were hit and a bridge was\n"
        "damaged.\n\n"
        "The mediators called both governments and asked them to respect the\n"
        "truce agreed in Marest last year. A spokesman said talks would resume\n"
        "next week if the shelling stopped and both sides kept to the line of\n"
        "contact.\n"
    )
    assert clean_text(raw) == (
        "Valdian forces shelled the outskirts of Lorin early on Monday, the ministry of the "
        "neighbouring state said, and the local council ordered schools to close. Officials said "
        "two houses were hit and a bridge was damaged.\n\n"
        "The mediators called both governments and asked them to respect the truce agreed in "
        "Marest last year. A spokesman said talks would resume next week if the shelling stopped "
        "and both sides kept to the line of contact."
    )


def test_cleaning_citation_line_is_dropped() -> None:
    raw = "The truce held.\n\nTo cite this article: DOE, Jane. 2012. \"Truce.\" Commentary 4."
    assert clean_text(raw) == "The truce held."


def test_cleaning_empty_and_markup_only_input_gives_empty_text() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\t\n ") == ""
    assert clean_text("<script>var a = 1;</script>\n---\n**") == ""


def test_cleaning_is_pure_and_idempotent() -> None:
    raw = "## Title\n\nBody text with a marker.<sup>2</sup>\n\n© 2020 Somebody"
    once = clean_text(raw)
    assert clean_text(raw) == once
    assert clean_text(once) == once


def test_cleaning_long_line_without_punctuation_is_kept_whole() -> None:
    line = "word " * 400_000  # 2 MB, no punctuation at all
    out = clean_text(line)
    assert len(out) == len(line.strip())


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400),
        st.text(alphabet="<>/*_#[]()!-—:.,@ \n\t\u00a0supbr1290aZé©", max_size=400),
    )
)
def test_cleaning_any_text_gives_tidy_paragraphs(raw: str) -> None:
    out = clean_text(raw)
    assert out == out.strip()
    assert "\n\n\n" not in out
    for para in out.split("\n\n") if out else []:
        assert para and all(line and line == line.strip() for line in para.split("\n"))
