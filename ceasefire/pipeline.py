"""The coding pipeline: documents in, coded documents out (no database).

``Pipeline`` holds what is loaded once per process (the spaCy pipeline, the
knowledge pack, the ontology). ``code_documents`` splits sentences, sends only
the sentences that pass the cheap pre-filter through spaCy (batched with
``nlp.pipe``), and runs the event coder and the claim extractor on them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ceasefire.actors import ActorResolver, KnowledgePack
from ceasefire.claims import extract_claims
from ceasefire.events.coder import CODER_NAME, Discourse, SentenceCoder
from ceasefire.events.ontology import load_ontology
from ceasefire.ingest import document_from_text
from ceasefire.nlp import Prefilter, load_nlp, split_sentences
from ceasefire.types import Agreement, CodedDocument, Document, Event, Mention, Sentence

__all__ = ["CODER_NAME", "Pipeline"]

_AGREEMENT_TYPES = {"AGREE", "RETREAT", "CONCEDE"}


class Pipeline:
    def __init__(self, model: str | None = None, packs: Sequence[Path] = (),
                 parse_all: bool = False, batch_size: int = 64) -> None:
        self.pack = KnowledgePack.load(packs)
        # the statistical NER is not loaded: actors and places come from the knowledge pack's
        # entity ruler, which scores better on the gold sets than NER labels, at half the cost
        self.nlp = load_nlp(model, exclude=("ner",))
        if "ceasefire_pack" in self.nlp.pipe_names:
            self.nlp.remove_pipe("ceasefire_pack")
        # the knowledge pack's names as entities (ACTOR, PLACE) on every parsed sentence
        ruler = self.nlp.add_pipe("entity_ruler", name="ceasefire_pack",
                                  config={"overwrite_ents": True, "validate": False})
        ruler.add_patterns(self.pack.entity_ruler_patterns())  # type: ignore[attr-defined]
        self.resolver = ActorResolver(self.pack)
        self.ontology = load_ontology()
        self.coder = SentenceCoder(self.ontology, self.pack, self.resolver)
        self.prefilter = Prefilter([*self.ontology.verbs, *self.ontology.nouns])
        self.parse_all = parse_all
        self.batch_size = batch_size

    def code_text(self, text: str, published: dt.date | None = None) -> CodedDocument:
        doc = document_from_text(text, published=published, fmt="text")
        return next(self.code_documents([doc]))

    def code_documents(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents one after the other, parsing their candidate sentences in batches."""
        for doc in docs:
            yield self._code_one(doc)

    def _code_one(self, doc: Document) -> CodedDocument:
        spans = split_sentences(doc.text)
        sentences = []
        todo: list[int] = []
        for i, s in enumerate(spans):
            text = doc.text[s.start:s.end]
            wanted = self.parse_all or (not s.headline and self.prefilter(text))
            sentences.append(Sentence(doc.doc_id, i, s.start, s.end, text, parsed=wanted))
            if wanted:
                todo.append(i)
        events: list[Event] = []
        mentions: list[Mention] = []
        claims = []
        discourse = Discourse()
        parsed = self.nlp.pipe((sentences[i].text for i in todo), batch_size=self.batch_size)
        for i, sdoc in zip(todo, parsed, strict=True):
            s = sentences[i]
            found = self.coder.code(sdoc, offset=s.start, doc_id=doc.doc_id, sentence_index=i,
                                    published=doc.published, discourse=discourse)
            events.extend(found)
            claims.extend(extract_claims(s.text, offset=s.start, resolver=self.resolver,
                                         published=doc.published, doc_id=doc.doc_id,
                                         sentence_index=i))
            for e in found:
                for actor in (e.source, e.target):
                    if actor is not None:
                        mentions.append(Mention(doc.doc_id, i, e.evidence.start, e.evidence.end,
                                                actor.name, actor, "actor"))
        agreements = self._link_agreements(doc, events)
        return CodedDocument(doc, sentences, mentions, events, claims, agreements)

    def _link_agreements(self, doc: Document, events: list[Event]) -> list[Agreement]:
        """Link AGREE/RETREAT events about an agreement to the pack's, or record a new one."""
        new: list[Agreement] = []
        for e in events:
            if e.type not in _AGREEMENT_TYPES:
                continue
            words = e.sentence.lower()
            if not any(w in words for w in ("ceasefire", "truce", "agreement", "protocol",
                                             "statement", "treaty", "accord", "armistice",
                                             "declaration", "deal")):
                continue
            when = None
            if e.date and e.date_precision == "day":
                when = dt.date.fromisoformat(e.date)
            known = self.pack.find_agreement(e.sentence, when)
            if known is not None:
                e.agreement_id = known.agreement_id
                continue
            if e.date_precision in (None, "document"):
                continue
            parties = sorted({a.top for a in (e.source, e.target) if a is not None})
            ident = f"coded-{e.date}-{'-'.join(parties)}".lower()
            e.agreement_id = ident
            if all(a.agreement_id != ident for a in new):
                kind = "ceasefire" if any(w in words for w in ("ceasefire", "truce")) else "agreement"
                new.append(Agreement(
                    agreement_id=ident, name=f"{kind.capitalize()} of {e.date} ({', '.join(parties)})",
                    date=e.date, kind=kind, parties=parties, brokers=list(e.explain.get("brokers") or []),
                    place=e.location.name if e.location else None, origin="coded",
                    doc_id=doc.doc_id,
                ))
        return new
