"""A small hand-built database for the analysis, API, web and report tests.

The documents are invented for the tests (fictional wording, events modelled on
the Karabakh conflict): several sources report the same strike, agreements are
followed by accusations of violation, and two sources disagree on a casualty
figure. Nothing here loads the spaCy model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ceasefire.store import Store
from ceasefire.types import (
    ActorRef,
    Agreement,
    Claim,
    CodedDocument,
    Document,
    Event,
    Evidence,
    Place,
    Sentence,
)

ARM = ActorRef("ARM", "Armenia", "ARM", None)
ARM_GOV = ActorRef("ARM.GOV", "Armenian government", "ARM", "GOV")
ARM_MIL = ActorRef("ARM.MIL", "Armenian armed forces", "ARM", "MIL")
AZE = ActorRef("AZE", "Azerbaijan", "AZE", None)
AZE_GOV = ActorRef("AZE.GOV", "Azerbaijani government", "AZE", "GOV")
AZE_MIL = ActorRef("AZE.MIL", "Azerbaijani armed forces", "AZE", "MIL")
NKR = ActorRef("NKR", "Nagorno-Karabakh authorities", "AZE", "PRE")
NKR_MIL = ActorRef("NKR.MIL", "Karabakh defence army", "AZE", "MIL")
RUS_GOV = ActorRef("RUS.GOV", "Russian government", "RUS", "GOV")

MOSCOW = Place("Moscow", "RUS", 55.7558, 37.6173)
STEPANAKERT = Place("Stepanakert", "AZE", 39.8153, 46.7519)
GANJA = Place("Ganja", "AZE", 40.6828, 46.3606)
MARTUNI = Place("Martuni", "AZE", 39.7917, 47.1125)
JERMUK = Place("Jermuk", "ARM", 39.8414, 45.6694)
TALISH = Place("Talish", "AZE", 40.1667, 46.5667)

SCORES = {  # type -> (cameo, goldstein, quad class)
    "AGREE": ("057", 8.0, 1),
    "CONSULT": ("040", 1.0, 1),
    "ACCUSE": ("112", -2.0, 3),
    "ASSAULT": ("195", -10.0, 4),
}

AGREEMENTS = [
    Agreement("1994-bishkek", "Bishkek Protocol", "1994-05-05", "ceasefire",
              ["ARM", "AZE", "NKR"], ["RUS", "CIS"], "Bishkek"),
    Agreement("2020-10-10-moscow", "Moscow humanitarian ceasefire", "2020-10-10", "ceasefire",
              ["ARM", "AZE"], ["RUS"], "Moscow"),
    Agreement("2020-10-17-truce", "Second humanitarian truce", "2020-10-17", "ceasefire",
              ["ARM", "AZE"], ["FRA", "RUS", "USA"], None),
    Agreement("2020-11-10-statement", "Trilateral statement", "2020-11-10", "statement",
              ["ARM", "AZE", "RUS"], [], "Moscow"),
]

SCRIPT_DOC_ID = "doc-forum"
SCRIPT_TEXT = "<script>window.__pwned = 1</script>"


class _Builder:
    """Builds one CodedDocument from a list of sentences written for the tests."""

    def __init__(self, doc_id: str, title: str, publisher: str, published: str,
                 sentences: list[str]) -> None:
        self.text = " ".join(sentences)
        self.doc = Document(doc_id=doc_id, text=self.text, title=title, publisher=publisher,
                            published=dt.date.fromisoformat(published),
                            published_source="metadata", fmt="txt")
        self.sentences: list[Sentence] = []
        pos = 0
        for i, s in enumerate(sentences):
            self.sentences.append(Sentence(doc_id, i, pos, pos + len(s), s, True))
            pos += len(s) + 1
        self.events: list[Event] = []
        self.claims: list[Claim] = []

    def _span(self, idx: int, trigger: str) -> Evidence:
        sent = self.sentences[idx]
        local = sent.text.index(trigger)
        return Evidence(sent.start + local, sent.start + local + len(trigger), trigger)

    def event(self, event_id: str, idx: int, trigger: str, type_: str,
              source: ActorRef | None, target: ActorRef | None, date: str | None, *,
              mode: str | None = None, place: Place | None = None, negated: bool = False,
              attributed_to: ActorRef | None = None, agreement_id: str | None = None) -> None:
        cameo, goldstein, quad = SCORES[type_]
        precision = {10: "day", 7: "month", 4: "year"}.get(len(date or ""))
        self.events.append(Event(
            event_id=event_id, doc_id=self.doc.doc_id, sentence=self.sentences[idx].text,
            type=type_, mode=mode, cameo=cameo, goldstein=goldstein, quad_class=quad,
            source=source, target=target, date=date, date_precision=precision,
            location=place, negated=negated, hypothetical=False, attributed_to=attributed_to,
            evidence=self._span(idx, trigger), rule="fixture.v1", confidence=0.9,
            sentence_index=idx, agreement_id=agreement_id,
        ))

    def claim(self, claim_id: str, idx: int, trigger: str, kind: str, best: int,
              about: ActorRef, category: str, as_of: str, attributed_to: ActorRef | None,
              low: int | None = None, high: int | None = None) -> None:
        self.claims.append(Claim(
            claim_id=claim_id, kind=kind, low=low, best=best, high=high, unit="people",
            about=about, category=category, as_of=as_of, attributed_to=attributed_to,
            sentence=self.sentences[idx].text, evidence=self._span(idx, trigger),
            doc_id=self.doc.doc_id, sentence_index=idx,
        ))

    def coded(self) -> CodedDocument:
        return CodedDocument(self.doc, self.sentences, [], self.events, self.claims)


def _documents() -> list[CodedDocument]:
    docs = []

    b = _Builder("doc-april", "Fighting flares on the line of contact", "Highland Monitor",
                 "2016-04-03", [
                     "Azerbaijani troops launched an offensive near Talish on 2 April 2016.",
                     "The Karabakh authorities accused Baku of tearing up the 1994 truce.",
                 ])
    b.event("e-apr-assault", 0, "launched an offensive", "ASSAULT", AZE_MIL, NKR_MIL,
            "2016-04-02", place=TALISH)
    b.event("e-apr-accuse", 1, "accused", "ACCUSE", NKR, AZE_GOV, "2016-04-02")
    docs.append(b.coded())

    b = _Builder("doc-moscow", "Truce agreed after night of talks in Moscow", "Caspian Wire",
                 "2020-10-10", [
                     "Armenia and Azerbaijan agreed to a humanitarian ceasefire on 10 October.",
                     "Russia hosted the foreign ministers of both countries for ten hours of "
                     "talks in Moscow.",
                 ])
    b.event("e-mos-agree", 0, "agreed", "AGREE", ARM, AZE, "2020-10-10",
            agreement_id="2020-10-10-moscow")
    b.event("e-mos-talk-arm", 1, "hosted", "CONSULT", RUS_GOV, ARM_GOV, "2020-10-10",
            mode="third-party", place=MOSCOW)
    b.event("e-mos-talk-aze", 1, "hosted", "CONSULT", RUS_GOV, AZE_GOV, "2020-10-10",
            mode="third-party", place=MOSCOW)
    docs.append(b.coded())

    b = _Builder("doc-shelling", "Shelling resumes a day into the truce", "Highland Monitor",
                 "2020-10-12", [
                     "Yerevan accused Azerbaijani forces of shelling Stepanakert on 11 October.",
                     "Baku said Armenian troops fired rockets at Ganja the same day.",
                     "The Azerbaijani side said 10 civilians were killed in Ganja.",
                 ])
    b.event("e-sh-accuse", 0, "accused", "ACCUSE", ARM_GOV, AZE_MIL, "2020-10-11")
    b.event("e-sh-stepanakert", 0, "shelling", "ASSAULT", AZE_MIL, NKR, "2020-10-11",
            place=STEPANAKERT, attributed_to=ARM_GOV)
    b.event("e-sh-ganja", 1, "fired rockets", "ASSAULT", ARM_MIL, AZE, "2020-10-11",
            place=GANJA, attributed_to=AZE_GOV)
    b.claim("c-sh-ganja", 2, "10 civilians were killed", "fatalities", 10, AZE, "civilian",
            "2020-10-11", AZE_GOV)
    docs.append(b.coded())

    b = _Builder("doc-ganja", "Night strike on Ganja kills civilians", "Regional Desk",
                 "2020-10-12", [
                     "Armenian forces struck a residential block in Ganja on 11 October.",
                     "At least 9 civilians died, local officials said.",
                     "Hospital staff said 40 people were wounded in Azerbaijan that week.",
                 ])
    b.event("e-gj-ganja", 0, "struck", "ASSAULT", ARM_MIL, AZE, "2020-10-11", place=GANJA)
    b.claim("c-gj-ganja", 1, "At least 9 civilians died", "fatalities", 9, AZE, "civilian",
            "2020-10-11", None, low=9)
    b.claim("c-gj-wounded", 2, "40 people were wounded", "wounded", 40, AZE, "civilian",
            "2020-10-16", None)
    docs.append(b.coded())

    b = _Builder("doc-second", "A second truce, and new accusations", "Caspian Wire",
                 "2020-10-18", [
                     "Baku and Yerevan agreed a second ceasefire from midnight on 17 October.",
                     "On 18 October Azerbaijan accused Armenian units of breaking it within "
                     "hours.",
                     "Yerevan said its troops had not attacked Azerbaijani positions.",
                     "The Azerbaijani health ministry counted 42 wounded civilians.",
                 ])
    b.event("e-2nd-agree", 0, "agreed", "AGREE", AZE_GOV, ARM_GOV, "2020-10-17",
            agreement_id="2020-10-17-truce")
    b.event("e-2nd-accuse", 1, "accused", "ACCUSE", AZE_GOV, ARM_MIL, "2020-10-18")
    b.event("e-2nd-denied", 2, "had not attacked", "ASSAULT", ARM_MIL, AZE_MIL, "2020-10-18",
            negated=True, attributed_to=ARM_GOV)
    b.claim("c-2nd-wounded", 3, "42 wounded civilians", "wounded", 42, AZE, "civilian",
            "2020-10-18", AZE_GOV)
    docs.append(b.coded())

    b = _Builder("doc-losses", "Karabakh publishes its military death toll", "Highland Monitor",
                 "2020-10-20", [
                     "The Karabakh authorities put their military dead at 729 so far.",
                 ])
    b.claim("c-loss-nkr", 0, "military dead at 729", "fatalities", 729, NKR_MIL, "military",
            "2020-10-19", NKR)
    docs.append(b.coded())

    b = _Builder("doc-losses-2", "Baku disputes the Karabakh toll", "Regional Desk",
                 "2020-10-22", [
                     "Azerbaijan claimed that about 850 Karabakh soldiers had been killed.",
                 ])
    b.claim("c-loss-aze", 0, "about 850 Karabakh soldiers had been killed", "fatalities", 850,
            NKR_MIL, "military", "2020-10-21", AZE_GOV)
    docs.append(b.coded())

    b = _Builder(SCRIPT_DOC_ID, "Copied forum page", "Unknown forum", "2020-10-21", [
        f"Reader comment {SCRIPT_TEXT} was pasted here.",
        "Azerbaijani forces shelled Martuni on 20 October.",
    ])
    b.event("e-forum-martuni", 1, "shelled", "ASSAULT", AZE_MIL, NKR, "2020-10-20",
            place=MARTUNI)
    docs.append(b.coded())

    b = _Builder("doc-statement", "Leaders sign statement ending the war", "Caspian Wire",
                 "2020-11-10", [
                     "Armenia and Azerbaijan signed a trilateral statement with Russia on "
                     "10 November.",
                     "Putin had spoken by phone with Pashinyan on 9 November.",
                 ])
    b.event("e-st-agree", 0, "signed", "AGREE", ARM_GOV, AZE_GOV, "2020-11-10",
            agreement_id="2020-11-10-statement", place=MOSCOW)
    b.event("e-st-phone", 1, "spoken by phone", "CONSULT", RUS_GOV, ARM_GOV, "2020-11-09",
            mode="phone")
    docs.append(b.coded())

    b = _Builder("doc-border", "Border clashes near Jermuk", "Regional Desk", "2022-09-14", [
        "Azerbaijani forces shelled positions near Jermuk on 13 September 2022.",
        "Armenia accused Azerbaijan of aggression against its sovereign territory.",
    ])
    b.event("e-bd-jermuk", 0, "shelled", "ASSAULT", AZE_MIL, ARM, "2022-09-13", place=JERMUK)
    b.event("e-bd-accuse", 1, "accused", "ACCUSE", ARM, AZE, "2022-09-13")
    docs.append(b.coded())
    return docs


def build_store(path: str | Path = ":memory:") -> Store:
    """Create (or fill) a database at ``path`` with the fixture documents."""
    store = Store(path)
    store.add_agreements(AGREEMENTS)
    for coded in _documents():
        store.add(coded)
    return store


def build_file(path: str | Path) -> str:
    """Write the fixture database to a file and close it; return the path."""
    store = build_store(path)
    store.close()
    return str(path)
