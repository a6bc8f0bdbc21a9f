"""The rule coder on literal sentences (loads the spaCy model once per session)."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.model


def _events(pipeline, text, published=None):
    coded = pipeline.code_text(text, published)
    return {
        (e.type, e.source.top if e.source else None, e.target.top if e.target else None,
         e.negated)
        for e in coded.events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Georgian forces shelled Russian positions.", {("ASSAULT", "GEO", "RUS", False)}),
        ("Serbia and Croatia accused each other of violating the truce.",
         {("ACCUSE", "SRB", "HRV", False), ("ACCUSE", "HRV", "SRB", False)}),
        ("The ceasefire was brokered by Russia.", set()),
        ("France urged Turkey to withdraw its troops.", {("REQUEST", "FRA", "TUR", False)}),
        ("Armenia did not attack Azerbaijan.", {("ASSAULT", "ARM", "AZE", True)}),
        ("The Azerbaijani army launched an offensive against Armenia.",
         {("ASSAULT", "AZE", "ARM", False)}),
        ("Lavrov held talks with Bayramov in Moscow.", {("CONSULT", "RUS", "AZE", False)}),
        ("Iran was attacked by Iraq.", {("ASSAULT", "IRQ", "IRN", False)}),
        ("Turkey's support for Azerbaijan angered Yerevan.", {("SUPPORT", "TUR", "AZE", False)}),
    ],
)
def test_coder_events(pipeline, text, expected):
    assert _events(pipeline, text, dt.date(2020, 10, 20)) >= expected
    if not expected:
        assert all(t != "ASSAULT" for t, *_ in _events(pipeline, text))


def test_coder_evidence_points_into_the_text(pipeline):
    text = "Headline\n\nGeorgian forces shelled Russian positions on 3 May 2008."
    [event] = pipeline.code_text(text).events
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text == "shelled"
    assert event.date == "2008-05-03" and event.date_precision == "day"
    assert event.rule.startswith("ceasefire.rules.v1/")


def test_coder_document_date_is_last_resort(pipeline):
    [event] = pipeline.code_text("Georgian forces shelled Russian positions.",
                                 dt.date(2008, 8, 9)).events
    assert (event.date, event.date_precision) == ("2008-08-09", "document")


def test_coder_reported_speech_is_attributed(pipeline):
    events = pipeline.code_text("Armenia said that Azerbaijani forces shelled Stepanakert.",
                                dt.date(2020, 10, 4)).events
    [assault] = [e for e in events if e.type == "ASSAULT"]
    assert assault.source is not None and assault.source.id == "AZE.MIL"
    assert assault.attributed_to is not None and assault.attributed_to.top == "ARM"
    assert assault.location is not None and assault.location.name == "Stepanakert"


def test_coder_event_json_has_the_contract_keys(pipeline):
    [event] = pipeline.code_text("Georgian forces shelled Russian positions.").events
    assert set(event.to_json()) >= {
        "event_id", "doc_id", "sentence", "type", "mode", "cameo", "goldstein", "quad_class",
        "source", "target", "date", "date_precision", "location", "negated", "hypothetical",
        "attributed_to", "evidence", "rule", "confidence"}
    assert event.quad_class == 4 and event.goldstein is not None and event.goldstein < 0


# Mechanisms, each on sentences written for the test (generic, not from any gold item).
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # brokers consult each party of the deal they brokered
        ("Qatar brokered a truce between Sudan and Chad on 3 May.",
         {("CONSULT", "QAT", "SDN", False), ("CONSULT", "QAT", "TCD", False),
          ("AGREE", "SDN", "TCD", False)}, set()),
        # a fronted "with" phrase is an adjunct, not the partner of the agreement
        ("With Norway mediating, Colombia and Venezuela signed a border accord.",
         {("AGREE", "COL", "VEN", False)}, {("AGREE", "COL", "NOR", False)}),
        # nominal support finds its beneficiary in the clause subject
        ("With Iran's backing, Syria recaptured the town.", {("SUPPORT", "IRN", "SYR", False)},
         set()),
        ("Serbia received military aid from Russia.", {("AID", "RUS", "SRB", False)}, set()),
        # a three-party meeting is every pair
        ("The foreign ministers of Peru, Chile and Bolivia met in Lima.",
         {("CONSULT", "PER", "CHL", False), ("CONSULT", "PER", "BOL", False),
          ("CONSULT", "CHL", "BOL", False)}, set()),
        # a town taken from a state: the state is the target, the town is not an actor
        ("Azerbaijani troops captured Shusha from Armenia.", {("COERCE", "AZE", "ARM", False)},
         {("COERCE", "AZE", "NKR", False)}),
        # pronouns refer back to the state named earlier
        ("Ukraine said that Poland had supplied it with tanks.",
         {("AID", "POL", "UKR", False)}, set()),
        ("Although it had backed Serbia for years, Russia stayed neutral in 1999.",
         {("SUPPORT", "RUS", "SRB", False)}, set()),
        ("Japan and India expanded their naval cooperation.",
         {("COOPERATE", "JPN", "IND", False)}, set()),
    ],
)
def test_coder_mechanisms(pipeline, text, expected, absent):
    got = _events(pipeline, text, dt.date(2021, 6, 1))
    assert got >= expected
    assert not (got & absent)
