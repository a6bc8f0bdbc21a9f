from __future__ import annotations

from ceasefire.nlp import Prefilter, split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_nlp_headline_is_its_own_sentence():
    text = "Truce Holds in the Valley\n\nThe two armies stopped firing. Talks begin today."
    assert _texts(text) == ["Truce Holds in the Valley", "The two armies stopped firing.",
                            "Talks begin today."]


def test_nlp_abbreviations_do_not_end_sentences():
    assert _texts("Mr. Grant met Gen. Ward in the U.S. capital. They talked.") == [
        "Mr. Grant met Gen. Ward in the U.S. capital.", "They talked."]


def test_nlp_paragraphs_end_sentences_and_keep_offsets():
    text = "First paragraph without stop\nstill going.\n\nSecond one."
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans][-1] == "Second one."
    assert spans[-1].paragraph == 1


def test_nlp_long_run_is_cut_into_pieces():
    text = "word " * 2000
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(s.end - s.start <= 1200 for s in spans)


def test_nlp_prefilter_keeps_trigger_sentences_only():
    pf = Prefilter(["attack", "agree"])
    assert pf("Forces attacked the village.")
    assert pf("They agreed.")
    assert not pf("The weather was mild in spring.")
