"""The rule coder ``ceasefire.rules.v1``: events from the dependency parse of a sentence.

For each sentence the coder finds trigger words (verbs, light-verb + object
pairs, nominal events) from the ontology's lexicon, reads the source and
target actors from the parse (subjects, passive agents, objects, "with"
phrases, possessors, conjunctions, reciprocals), the flags (negation,
modality, attribution), the date and the place. Every event records the
tokens behind each decision in ``explain`` and the mechanism in ``rule``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from ceasefire.actors import ActorResolver, KnowledgePack
from ceasefire.events.dates import DateMention, find_dates
from ceasefire.events.ontology import QUAD_CLASS, SYMMETRIC_TYPES, Ontology, Sense
from ceasefire.types import ActorRef, Event, Evidence, Place

__all__ = ["CODER_NAME", "Discourse", "SentenceCoder"]

CODER_NAME = "ceasefire.rules.v1"

_MODALS = {"could", "would", "might", "may", "should", "shall", "will", "can", "must", "'ll", "wo"}
_CONDITIONAL_MARKS = {"if", "unless", "whether"}
_NEG_WORDS = {"not", "n't", "never", "no"}
_RECIPROCAL = {"each other", "one another"}
_GROUP_NOUNS = {
    "side", "sides", "country", "countries", "leader", "leaders", "party", "parties", "rival",
    "rivals", "neighbour", "neighbours", "neighbor", "neighbors", "nation", "nations", "state",
    "states", "republic", "republics", "adversary", "adversaries", "belligerent", "belligerents",
    "foe", "foes",
}
_PLACE_PREPS = {"in", "at", "near", "around", "outside", "inside", "into", "across", "along",
                "on", "over", "from"}
_TARGET_PREPS_ALWAYS = ("against", "on", "upon", "at")
_NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "case", "punct", "nummod", "quantmod",
                 "npadvmod", "advmod"}
_CONTENT_DEPS = {"xcomp", "ccomp"}
_SAY_CONTENT_DEPS = {"ccomp", "parataxis"}
_OBJECT_CONTROL = {"persuade", "convince", "urge", "ask", "call", "force", "help", "allow",
                   "enable", "invite", "encourage", "press", "push", "pressure", "compel",
                   "oblige", "get", "want", "expect"}
_QUANTITY_HEADS = {"thousands", "hundreds", "dozens", "tens", "group", "groups", "crowd",
                   "crowds", "number", "members", "unit", "units", "some", "many", "most",
                   "all", "several", "one", "two", "delegation"}
_FUTURE = {"will", "'ll", "shall", "would"}
_RECEIVE_VERBS = {"have", "receive", "get", "enjoy", "gain", "obtain", "win", "secure", "rely",
                  "count", "benefit", "accept", "welcome", "seek"}
_COOP_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


@dataclass
class Discourse:
    """What earlier sentences of the document said: for "the two sides", "the country"."""

    recent: list[ActorRef] = field(default_factory=list)
    person: ActorRef | None = None  # the last person named, for "he"/"she"

    def note(self, actors: Iterable[ActorRef]) -> None:
        for actor in actors:
            if actor.id == "UNK" or actor.top == "UNK":
                continue
            self.recent = [a for a in self.recent if a.top != actor.top]
            self.recent.append(actor)
        del self.recent[:-8]

    def pair(self) -> list[ActorRef]:
        return self.recent[-2:] if len(self.recent) >= 2 else []

    def last(self) -> ActorRef | None:
        return self.recent[-1] if self.recent else None


@dataclass
class _Draft:
    trigger: Token
    sense: Sense
    rule: str
    sources: list[ActorRef]
    targets: list[ActorRef]
    negated: bool = False
    hypothetical: bool = False
    attributed: ActorRef | None = None
    reciprocal: bool = False
    trigger_tokens: list[Token] = field(default_factory=list)
    type_override: str | None = None
    cameo_override: str | None = None
    explain: dict[str, Any] = field(default_factory=dict)
    brokers: list[ActorRef] = field(default_factory=list)


def _text(tokens: Sequence[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    return doc[start:end].text


class SentenceCoder:
    """Codes parsed sentences into events. One instance per process; thread-compatible."""

    def __init__(self, ontology: Ontology, pack: KnowledgePack, resolver: ActorResolver) -> None:
        self.ontology = ontology
        self.pack = pack
        self.resolver = resolver
        self._say = {k for k, v in ontology.control.items() if v == "say"}

    # -- actors --------------------------------------------------------------
    def _np_tokens(self, tok: Token) -> list[Token]:
        """The noun phrase headed by ``tok``: its left modifiers and itself."""
        left = [t for t in tok.subtree if t.i <= tok.i and t.i >= tok.left_edge.i]
        # stop at an inner clause or preposition
        keep = []
        for t in left:
            if t.i == tok.i or self._is_left_modifier(t, tok):
                keep.append(t)
        start = min(t.i for t in keep)
        return [t for t in tok.doc[start:tok.i + 1]]

    @staticmethod
    def _entity_extended(tok: Token, np: list[Token]) -> list[Token]:
        """``np`` grown to cover the whole pack entity that ``tok`` is part of.

        The parser often splits a multi-word name ("the OSCE Minsk Group co-chairs") into
        several heads; the entity ruler's span is the reliable unit.
        """
        if tok.ent_type_ not in ("ACTOR", "PLACE"):
            return np
        doc = tok.doc
        start = tok.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = tok.i
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        lo = min(start, np[0].i if np else tok.i)
        hi = max(end, np[-1].i if np else tok.i)
        return list(doc[lo:hi + 1])

    @staticmethod
    def _is_left_modifier(t: Token, head: Token) -> bool:
        node = t
        while node.i != head.i:
            if node.dep_ not in _NP_LEFT_DEPS and not (
                node.dep_ == "cc" or (node.dep_ == "conj" and node.head.dep_ in _NP_LEFT_DEPS)
            ):
                return False
            if node.head.i == node.i:
                return False
            node = node.head
        return True

    def actors_of(self, tok: Token, when: dt.date | None, memo: dict[int, list[ActorRef]],
                  discourse: Discourse, conj: bool = True) -> list[ActorRef]:
        """Actors denoted by the noun phrase headed by ``tok`` (and its conjuncts)."""
        key = tok.i * 2 + (1 if conj else 0)
        if key in memo:
            return memo[key]
        memo[key] = []
        found = self._own_actors(tok, when, memo, discourse)
        if conj:
            for c in tok.conjuncts:
                if c.i > tok.i:
                    for a in self._own_actors(c, when, memo, discourse):
                        if a not in found:
                            found.append(a)
        memo[key] = found
        return found

    def _own_actors(self, tok: Token, when: dt.date | None, memo: dict[int, list[ActorRef]],
                    discourse: Discourse) -> list[ActorRef]:
        lower = tok.lower_
        if tok.pos_ == "PRON" and lower in ("they", "them", "both"):
            return discourse.pair()
        if tok.pos_ == "PRON" and lower in ("he", "she"):
            ante = self._person_antecedent(tok, when, memo, discourse)
            return [ante] if ante is not None else []
        if tok.pos_ == "PRON" and lower == "it":
            if tok.dep_ == "nsubjpass" or (tok.dep_ == "nsubj" and self._expletive(tok)):
                return []
            exclude: set[str] = set()
            if tok.dep_ != "nsubj":
                verb = tok.head if tok.dep_ != "pobj" else tok.head.head
                for s in verb.children:
                    if s.dep_ == "nsubj" and s.i != tok.i:
                        exclude |= {a.top for a in self.actors_of(s, when, memo, discourse)}
            ante = self._antecedent(tok, exclude, when, discourse)
            return [ante] if ante is not None else []
        np = self._entity_extended(tok, self._np_tokens(tok))
        phrase = _text(np)
        if lower in ("country", "nation", "state", "republic") and tok.tag_ == "NN" and any(
                t.lower_ == "the" for t in np) and len(np) == 2:
            # "the country": the state named before, other than the clause's own subject
            exclude: set[str] = set()
            if tok.dep_ in ("dobj", "pobj"):
                verb = tok.head if tok.dep_ == "dobj" else tok.head.head
                for s in verb.children:
                    if s.dep_ == "nsubj":
                        exclude |= {a.top for a in self.actors_of(s, when, memo, discourse)}
            ante = self._antecedent(tok, exclude, when, discourse)
            return [ante] if ante is not None else []
        if lower in _GROUP_NOUNS:
            dets = {t.lower_ for t in np}
            if dets & {"two", "both", "each"} or (tok.tag_ == "NNS" and "the" in dets):
                resolved = [a for a in self.resolver.resolve_all(phrase, when) if a.top != "UNK"]
                if len(resolved) >= 2:
                    return resolved
                return discourse.pair() if tok.tag_ == "NNS" or "two" in dets else []
        actors = [a for a in self.resolver.resolve_all(phrase, when)]
        if not actors and lower in _QUANTITY_HEADS:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.actors_of(pobj, when, memo, discourse)
        sector = self.resolver.sector_for(tok.lemma_) or self.resolver.sector_for(lower)
        if not actors and sector:
            # "the foreign ministers of Azerbaijan and Armenia", "forces of Armenia"
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            for a in self.actors_of(pobj, when, memo, discourse):
                                actors.append(self._with_sector(a, sector))
        if not actors and sector and any(c.dep_ == "poss" and c.lower_ == "its"
                                         for c in tok.children):
            # "its forces": the forces of the state the sentence is about
            ante = self._antecedent(tok, set(), when, discourse)
            if ante is not None:
                actors = [self._with_sector(ante, sector)]
        if not actors and tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "NORP", "PERSON", "GPE"):
            span = [t for t in np if t.pos_ == "PROPN" or t.i == tok.i]
            actors = [self.resolver.unknown(_text(span))]
        return actors

    def _is_territory(self, tok: Token) -> bool:
        """Whether the phrase headed by ``tok`` is just a place below the state level
        (a region, town or village: "Karabakh", "Shusha", "the Lachin corridor")."""
        if tok.pos_ != "PROPN" and tok.ent_type_ != "PLACE":
            return False
        np = self._entity_extended(tok, self._np_tokens(tok))
        if any(t.dep_ == "poss" or t.tag_ == "POS" for t in np):
            return False
        entry = self.pack.find_place_entry(_text(np))
        if entry is None or entry.kind in ("country", "capital"):
            return False
        # the whole phrase must be the place name, not "Karabakh's forces"
        return tok.ent_type_ in ("PLACE", "ACTOR", "GPE", "LOC", "FAC") or tok.pos_ == "PROPN"

    @staticmethod
    def _expletive(tok: Token) -> bool:
        """"it" with nothing to refer to: "it was announced", "it is clear that ..."."""
        verb = tok.head
        if verb.lemma_.lower() in ("be", "seem", "appear", "remain", "take", "become"):
            return True
        return any(c.dep_ in ("ccomp", "csubj", "auxpass") for c in verb.children)

    def _antecedent(self, tok: Token, exclude: set[str], when: dt.date | None,
                    discourse: Discourse) -> ActorRef | None:
        """The actor an "it"/"its" at ``tok`` refers back to: the nearest state or
        organisation named earlier in the sentence, else the last one of the paragraph."""
        doc = tok.doc
        i = tok.i - 1
        while i >= 0:
            t = doc[i]
            if t.ent_type_ == "ACTOR" and t.ent_iob_ == "B":
                end = t.i + 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
                for a in self.resolver.resolve_all(doc[t.i:end].text, when):
                    if a.top not in exclude and a.top != "UNK" and (a.sector or "") not in (
                            "CVL", "MIL", "REF"):
                        return ActorRef(a.top, a.name, a.country, None) if "." in a.id else a
            i -= 1
        # "Although it supported Armenia, Russia ...": the subject of the main clause
        clause = tok.head
        if clause.dep_ == "advcl" and clause.head.i != clause.i:
            for c in clause.head.children:
                if c.dep_ == "nsubj" and c.i > tok.i:
                    for a in self.resolver.resolve_all(_text(self._np_tokens(c)), when):
                        if a.top not in exclude:
                            return a
        last = discourse.last()
        if last is not None and last.top not in exclude:
            return last
        return None

    def _possessive_owners(self, pron: Token, when: dt.date | None,
                           memo: dict[int, list[ActorRef]], discourse: Discourse
                           ) -> list[ActorRef]:
        """"their cooperation" (the plural subject of the clause, else the last pair named),
        "its purchase" (the state the sentence is about)."""
        lower = pron.lower_
        if lower == "its":
            ante = self._antecedent(pron, set(), when, discourse)
            return [ante] if ante is not None else []
        if lower != "their":
            return []
        node = pron.head
        for _ in range(6):
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i:
                    found = self.actors_of(c, when, memo, discourse)
                    if len(found) >= 2:
                        return found
            if node.head.i == node.i:
                break
            node = node.head
        return discourse.pair()

    def _person_antecedent(self, tok: Token, when: dt.date | None,
                           memo: dict[int, list[ActorRef]], discourse: Discourse
                           ) -> ActorRef | None:
        """"he"/"she": the subject of an enclosing clause ("Pashinyan said that he ..."),
        else the last person named earlier in the sentence or the paragraph."""
        node = tok.head
        hops = 0
        while hops < 6:
            for c in node.children:
                if c.dep_ == "nsubj" and c.i < tok.i and c.pos_ != "PRON":
                    found = self.actors_of(c, when, memo, discourse, conj=False)
                    if found:
                        return found[0]
            if node.head.i == node.i:
                break
            node = node.head
            hops += 1
        doc = tok.doc
        for i in range(tok.i - 1, -1, -1):
            t = doc[i]
            if t.ent_type_ in ("ACTOR", "PERSON") and t.ent_iob_ == "B" and (
                    t.ent_id_ in self.pack.people or t.ent_type_ == "PERSON"):
                end = t.i + 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
                found = self.resolver.resolve_all(doc[t.i:end].text, when)
                if found:
                    return found[0]
        return discourse.person

    def note_mentions(self, doc: Doc, when: dt.date | None, discourse: Discourse) -> None:
        """Remember the actors a sentence names, in order, for later references."""
        for ent in doc.ents:
            if ent.label_ not in ("ACTOR", "PERSON"):
                continue
            found = self.resolver.resolve_all(ent.text, when)
            if not found:
                continue
            discourse.note(found)
            if ent.ent_id_ in self.pack.people:
                discourse.person = found[0]

    def _with_sector(self, actor: ActorRef, sector: str) -> ActorRef:
        if "." in actor.id:
            return actor
        return ActorRef(f"{actor.id}.{sector}", actor.name, actor.country or actor.id, sector)

    # -- triggers ------------------------------------------------------------
    def _choose_sense(self, tok: Token) -> tuple[Sense, list[Token]] | None:
        senses = self.ontology.verbs.get(tok.lemma_.lower())
        if not senses:
            return None
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
        objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children
                 if g.dep_ == "pobj"]
        preps = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep")}
        for sense in senses:
            used: list[Token] = [tok]
            if sense.prep is not None and sense.prep and not preps & set(sense.prep):
                continue
            if sense.obj is not None and sense.obj:
                hit = [o for o in objs if o.lemma_.lower() in sense.obj or o.lower_ in sense.obj]
                if not hit:
                    continue
                used += hit
            return sense, used
        return None

    # -- the main entry --------------------------------------------------------
    def code(self, doc: Doc, *, offset: int, doc_id: str | None, sentence_index: int | None,
             published: dt.date | None, discourse: Discourse) -> list[Event]:
        when = published
        memo: dict[int, list[ActorRef]] = {}
        drafts: list[_Draft] = []
        consumed: set[int] = set()  # tokens that belong to an already coded trigger
        suppressed: set[int] = set()  # complement triggers folded into their governor
        # verbs first, in tree order from the root so governors are seen before complements
        verbs = sorted(
            (t for t in doc if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")),
            key=lambda t: (len(list(t.ancestors)), t.i),
        )
        for tok in verbs:
            if tok.i in suppressed:
                continue
            lemma = tok.lemma_.lower()
            control = self.ontology.control.get(lemma)
            if control in ("say",):
                continue
            if control == "deny" and any(
                c.dep_ == "ccomp" or (c.dep_ == "dobj" and any(g.dep_ in ("acl", "ccomp")
                                                               for g in c.children))
                for c in tok.children
            ):
                continue
            chosen = self._choose_sense(tok)
            if control == "intent" and chosen is None:
                continue
            if chosen is None:
                continue
            sense, used = chosen
            if control in ("request", "refuse", "threaten", "accuse") or sense.control:
                for c in tok.children:
                    if c.dep_ in _CONTENT_DEPS or c.dep_ in ("pcomp",):
                        suppressed.update(t.i for t in c.subtree if t.pos_ in ("VERB", "NOUN"))
                    if c.dep_ == "prep":
                        for g in c.children:
                            if g.dep_ in ("pcomp", "pobj"):
                                suppressed.update(t.i for t in g.subtree
                                                  if t.pos_ in ("VERB", "NOUN"))
            if lemma == "agree":
                for c in tok.children:
                    if c.dep_ in ("xcomp", "ccomp"):
                        suppressed.update(t.i for t in c.subtree if t.pos_ in ("VERB", "NOUN"))
            draft = self._verb_draft(tok, sense, used, when, memo, discourse)
            if draft is None:
                continue
            consumed.update(t.i for t in used)
            drafts.append(draft)
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in consumed or tok.i in suppressed:
                continue
            sense = self.ontology.nouns.get(tok.lower_) or self.ontology.nouns.get(
                tok.lemma_.lower())
            if sense is None:
                continue
            draft = self._noun_draft(tok, sense, when, memo, discourse, consumed)
            if draft is not None:
                consumed.add(tok.i)
                drafts.append(draft)
        drafts.extend(self._mediation(drafts))
        dates = find_dates(doc.text, published)
        events: list[Event] = []
        seen: set[tuple[Any, ...]] = set()
        for draft in drafts:
            for event in self._realise(draft, doc, offset, doc_id, sentence_index, published,
                                       dates, memo, discourse):
                key = (event.type, event.source.id if event.source else None,
                       event.target.id if event.target else None, event.negated)
                if key in seen:
                    continue
                seen.add(key)
                events.append(event)
        self.note_mentions(doc, when, discourse)
        for event in events:
            discourse.note([a for a in (event.source, event.target) if a is not None])
        return events

    def _mediation(self, drafts: list[_Draft]) -> list[_Draft]:
        """Third parties meet the parties they mediate between.

        "Russia brokered a truce between Armenia and Azerbaijan", "the Russian-brokered
        truce between ...", "talks under OSCE mediation": the broker gets a CONSULT event
        with each party of the agreement or talks coded in the same sentence.
        """
        deals = [d for d in drafts if d.sense.type in ("AGREE", "CONSULT", "RETREAT")
                 and d.sense.mode != "third-party"]
        more: list[_Draft] = []
        for d in drafts:
            brokers: list[ActorRef] = []
            if d.sense.mode == "third-party" and not d.targets:
                brokers = d.sources
            elif d.brokers:
                brokers = d.brokers
            if not brokers:
                continue
            tops = {b.top for b in brokers}
            parties: list[ActorRef] = []
            for other in deals:
                if other is d:
                    continue
                for a in (*other.sources, *other.targets):
                    if a.top not in tops and a.top not in {p.top for p in parties}:
                        parties.append(a)
            if d.brokers:
                for a in (*d.sources, *d.targets):
                    if a.top not in tops and a.top not in {p.top for p in parties}:
                        parties.append(a)
            if not parties:
                continue
            if d.sense.mode == "third-party":
                d.targets = parties
                d.explain["mediated_parties"] = ", ".join(p.id for p in parties)
            else:
                sense = self.ontology.nouns.get("mediation")
                if sense is None:
                    continue
                more.append(_Draft(d.trigger, sense, "nominal.broker", list(brokers), parties,
                                   trigger_tokens=d.trigger_tokens,
                                   explain={"trigger": d.explain.get("broker", d.trigger.text),
                                            "mediated_parties": ", ".join(p.id for p in parties)}))
        return more

    # -- verbal events ---------------------------------------------------------
    def _subject_of(self, tok: Token) -> tuple[list[Token], bool]:
        """Subject tokens of ``tok`` and whether they are a passive subject."""
        relative = tok.dep_ == "relcl" and tok.head.i != tok.i
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        if subj:
            if relative and subj[0].lower_ in ("who", "which", "that"):
                return [tok.head], False
            return subj, False
        passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if passive:
            if relative and passive[0].lower_ in ("who", "which", "that"):
                return [tok.head], True
            return passive, True
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.tag_ != "VBN"):
            return [tok.head], False
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            return [tok.head], True
        if tok.dep_ in ("xcomp", "conj", "advcl", "ccomp") and tok.head.i != tok.i:
            head = tok.head
            if tok.dep_ == "xcomp":
                objs = [c for c in head.children if c.dep_ in ("dobj",)]
                head_ctrl = self.ontology.control.get(head.lemma_.lower())
                if objs and (head_ctrl == "request" or head.lemma_.lower() in _OBJECT_CONTROL):
                    return objs, False
            if tok.dep_ == "ccomp":
                return [], False
            return self._subject_of(head)
        return [], False

    def _verb_draft(self, tok: Token, sense: Sense, used: list[Token], when: dt.date | None,
                    memo: dict[int, list[ActorRef]], discourse: Discourse) -> _Draft | None:
        subj_toks, passive = self._subject_of(tok)
        rule = "verb"
        sources: list[ActorRef] = []
        targets: list[ActorRef] = []
        reciprocal = False
        explain: dict[str, Any] = {"trigger": _text(used)}
        for s in subj_toks:
            acts = self.actors_of(s, when, memo, discourse)
            (targets if passive else sources).extend(acts)
        if subj_toks:
            explain["passive_subject" if passive else "subject"] = ", ".join(
                _text(self._np_tokens(s)) for s in subj_toks)
        if passive:
            rule = "verb.passive"
            for c in tok.children:
                if c.dep_ == "agent":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            sources.extend(self.actors_of(g, when, memo, discourse))
                            explain["agent"] = _text(list(g.subtree))
        target_preps = set(sense.targets) | set(_TARGET_PREPS_ALWAYS)
        if sense.mode == "seize":
            # "captured Shusha from Armenia": the state the territory is taken from
            target_preps.add("from")
        if len(used) > 1:
            # a light verb's object carries the event's phrases ("talks with X")
            target_preps |= {"with", "against", "on", "between", "to", "for", "into"}
        children = list(tok.children) + [
            c for o in used[1:] for c in o.children if c.dep_ == "prep"]
        for c in children:
            if c.dep_ in ("dobj", "dative", "iobj", "attr") and not passive:
                if _text(list(c.subtree)).lower() in _RECIPROCAL or (
                    c.lower_ == "other" and any(t.lower_ in ("each", "the") for t in c.children)
                ):
                    reciprocal = True
                    explain["reciprocal"] = _text(list(c.subtree))
                    continue
                if self._is_territory(c):
                    # "shelled Stepanakert", "recaptured Karabakh": a place, not an actor
                    explain["place_object"] = _text(self._np_tokens(c))
                    continue
                acts = self.actors_of(c, when, memo, discourse)
                if acts:
                    targets.extend(acts)
                    explain["object"] = _text(self._np_tokens(c))
                else:
                    # "shelled Armenian positions": the object's possessor or modifier
                    for g in c.children:
                        if g.dep_ == "prep" and (g.lower_ in ("at", "on", "against", "into")
                                                 or g.lower_ in sense.targets):
                            for p in g.children:
                                if p.dep_ == "pobj":
                                    targets.extend(self.actors_of(p, when, memo, discourse))
                        if g.dep_ == "acl":
                            for a in g.children:
                                if a.dep_ == "agent":
                                    for p in a.children:
                                        if p.dep_ == "pobj":
                                            targets.extend(
                                                self.actors_of(p, when, memo, discourse))
                        if g.dep_ == "prep" and g.lower_ == "of":
                            for p in g.children:
                                if p.dep_ == "pobj":
                                    targets.extend(self.actors_of(p, when, memo, discourse))
            elif c.dep_ == "prep" and c.lower_ in target_preps and not (
                    c.i < tok.i and subj_toks and c.i < min(s.i for s in subj_toks)):
                # a phrase fronted before the subject ("With Russia mediating, ...") is an
                # adjunct of the clause, not the event's target
                for g in c.children:
                    if g.dep_ == "pobj" and not any(
                        x.dep_ in ("acl", "relcl") and x.tag_ == "VBG" for x in g.children
                    ):
                        if _text(list(g.subtree)).lower() in _RECIPROCAL:
                            reciprocal = True
                            continue
                        if c.lower_ not in ("against", "with") and self._is_territory(g):
                            continue
                        acts = self.actors_of(g, when, memo, discourse)
                        if acts:
                            targets.extend(acts)
                            explain.setdefault("target_phrase", _text(list(c.subtree)))
            elif c.dep_ == "prep" and c.lower_ == "between":
                for g in c.children:
                    if g.dep_ == "pobj":
                        acts = self.actors_of(g, when, memo, discourse)
                        if len(acts) >= 2 and not sources:
                            sources.append(acts[0])
                            targets.extend(acts[1:])
                        elif acts:
                            targets.extend(acts)
        if sense.control == "request" or self.ontology.control.get(tok.lemma_.lower()) == "request":
            rule = "verb.request"
        if not sources and subj_toks and all(
            s.lower_ in ("each", "side") or s.lemma_ == "side" for s in subj_toks
        ):
            sources = discourse.pair()
        if reciprocal:
            rule = "verb.reciprocal"
            if len(sources) < 2:
                sources = discourse.pair() if not sources else sources + [
                    a for a in discourse.pair() if a.top not in {s.top for s in sources}][:1]
        if sense.role == "reciprocal" and len(sources) >= 2 and not targets:
            reciprocal = True
            rule = "verb.reciprocal"
        if sense.role == "self" and not sources:
            # "Russian peacekeepers were deployed": the deployed forces are the actor's own
            sources, targets = targets[:1], targets[1:]
        if (sense.control or self.ontology.control.get(tok.lemma_.lower()) in (
                "refuse", "request", "intent", "threaten")) and not targets:
            for c in tok.children:
                if c.dep_ == "xcomp":
                    for g in c.children:
                        if g.dep_ in ("dobj",):
                            targets.extend(self.actors_of(g, when, memo, discourse))
                if c.dep_ == "ccomp" and sense.type == "REQUEST":
                    for g in c.children:
                        if g.dep_ in ("nsubj",):
                            targets.extend(self.actors_of(g, when, memo, discourse))
        if (sense.type == "ASSAULT" and len(sources) >= 2 and not targets
                and len(subj_toks) == 1 and not passive):
            reciprocal = True
            rule = "verb.reciprocal"
        if not sources and not targets:
            return None
        return _Draft(tok, sense, rule, sources, targets, reciprocal=reciprocal,
                      trigger_tokens=used, explain=explain)

    # -- nominal events --------------------------------------------------------
    def _noun_draft(self, tok: Token, sense: Sense, when: dt.date | None,
                    memo: dict[int, list[ActorRef]], discourse: Discourse,
                    consumed: set[int]) -> _Draft | None:
        sources: list[ActorRef] = []
        targets: list[ActorRef] = []
        brokers: list[ActorRef] = []
        reciprocal = False
        explain: dict[str, Any] = {"trigger": tok.text}
        for c in tok.children:
            if c.dep_ == "poss" and c.pos_ == "PRON":
                owners = self._possessive_owners(c, when, memo, discourse)
                if owners:
                    sources.extend(owners)
                    explain["possessor"] = f"{c.text} = {', '.join(a.id for a in owners)}"
                continue
            if c.dep_ == "acl" and c.lemma_.lower() in ("involve", "include"):
                for g in c.children:
                    if g.dep_ == "dobj":
                        sources.extend(self.actors_of(g, when, memo, discourse))
                        explain["participants"] = _text(list(g.subtree))
                continue
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                text = _text(list(c.subtree))
                if c.dep_ in ("compound", "nmod") and self.pack.find_place(text) is not None:
                    continue
                acts = self.resolver.resolve_all(text, when)
                if not acts:
                    continue
                if "broker" in text.lower() or "mediat" in text.lower():
                    brokers.extend(acts)
                    explain["broker"] = text
                else:
                    sources.extend(acts)
                    explain["possessor"] = text
            elif c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    acts = self.actors_of(g, when, memo, discourse)
                    if not acts:
                        continue
                    if c.lower_ == "by":
                        sources.extend(acts)
                    elif c.lower_ == "of":
                        if sense.type in ("RETREAT", "MOBILIZE", "PROTEST"):
                            sources.extend(acts)
                        else:
                            targets.extend(acts)
                    elif c.lower_ == "between" and len(acts) >= 2:
                        sources.extend(acts)
                        reciprocal = sense.type == "ASSAULT"
                        if not reciprocal:
                            sources, more = acts[:1], acts[1:]
                            targets.extend(more)
                    elif c.lower_ in ("with", "against", "on", "for", "to", "into", "upon"):
                        targets.extend(acts)
                    elif c.lower_ == "from":
                        # "support from Turkey", "an attack from Azerbaijani positions"
                        sources.extend(acts)
                    explain.setdefault("phrase", _text(list(c.subtree)))
            elif c.dep_ == "acl":
                for g in c.children:
                    if g.dep_ == "agent":
                        for p in g.children:
                            if p.dep_ == "pobj":
                                acts = self.actors_of(p, when, memo, discourse)
                                verb = c.lemma_.lower()
                                if verb in ("broker", "mediate"):
                                    brokers.extend(acts)
                                else:
                                    sources.extend(acts)
        # a nominal trigger that is the object of a neutral verb takes that verb's subject
        head = tok.head
        if not sources and tok.dep_ in ("dobj", "pobj") and head.i != tok.i:
            verb = head if tok.dep_ == "dobj" else head.head
            if verb.pos_ in ("VERB", "AUX") and verb.i not in consumed:
                lemma = verb.lemma_.lower()
                if lemma in ("announce", "declare", "propose", "offer", "observe", "respect",
                             "implement", "continue", "resume", "begin", "end", "order",
                             "conduct", "intensify", "escalate", "provide", "extend"):
                    subj, passive = self._subject_of(verb)
                    for s in subj:
                        if not passive:
                            sources.extend(self.actors_of(s, when, memo, discourse))
        if not sources and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _RECEIVE_VERBS:
            # "Serbia received aid from Russia": the giver hangs on the verb
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ == "from":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            sources.extend(self.actors_of(g, when, memo, discourse))
        if sources and not targets and sense.type in _COOP_TYPES | {"SUPPORT"}:
            # "With Turkey's support, Azerbaijan advanced", "Baku received aid from Ankara":
            # the beneficiary is the subject of the clause the noun sits in
            benefit = self._beneficiaries(tok, when, memo, discourse)
            if benefit:
                targets.extend(b for b in benefit if b.top not in {s.top for s in sources})
                explain["beneficiary"] = ", ".join(b.id for b in benefit)
        if brokers and not sources and not targets:
            return None
        if not sources and not targets:
            return None
        draft = _Draft(tok, sense, "nominal.reciprocal" if reciprocal else "nominal", sources,
                       targets, trigger_tokens=[tok], explain=explain, reciprocal=reciprocal)
        if brokers:
            draft.explain["brokers"] = [b.id for b in brokers]
            draft.brokers = brokers
        return draft

    def _beneficiaries(self, tok: Token, when: dt.date | None, memo: dict[int, list[ActorRef]],
                       discourse: Discourse) -> list[ActorRef]:
        """Subject actors of the clause that receives the nominal event ``tok``."""
        verb: Token | None = None
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _RECEIVE_VERBS:
            verb = tok.head
        elif tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            prep = tok.head
            word = prep.lower_
            if word == "to" and prep.head.lower_ == "thanks":
                prep = prep.head
                word = "thanks"
            adjunct = word in ("with", "under", "through", "thanks", "via") and prep.head.pos_ in (
                "VERB", "AUX")
            received = word == "from" and prep.head.lemma_.lower() in _RECEIVE_VERBS
            if adjunct or received:
                verb = prep.head
        if verb is None:
            return []
        subj, passive = self._subject_of(verb)
        if passive:
            return []
        found: list[ActorRef] = []
        for s in subj:
            found.extend(self.actors_of(s, when, memo, discourse))
        return found

    # -- flags, date, place ------------------------------------------------------
    def _flags(self, tok: Token) -> tuple[bool, bool, list[str]]:
        negated = False
        hypothetical = False
        why: list[str] = []
        for c in tok.children:
            if c.dep_ == "neg" or (c.lower_ in _NEG_WORDS and c.dep_ in ("advmod", "det", "neg")):
                negated = True
                why.append(f"negation '{c.text}'")
            if c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS:
                hypothetical = True
                why.append(f"modal '{c.text}'")
            if c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS:
                hypothetical = True
                why.append(f"condition '{c.text}'")
        node = tok
        hops = 0
        while node.head.i != node.i and hops < 6:
            hops += 1
            parent = node.head
            dep = node.dep_
            plemma = parent.lemma_.lower()
            pclass = self.ontology.control.get(plemma)
            if dep in ("advcl",) and any(
                c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in node.children
            ):
                hypothetical = True
                why.append("conditional clause")
            if dep in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "relcl", "conj"):
                if pclass == "deny" and dep in ("ccomp", "acl"):
                    negated = not negated
                    why.append(f"denial '{parent.text}'")
                if pclass == "fail":
                    negated = not negated
                    why.append(f"failure '{parent.text}'")
                elif pclass == "intent" or plemma in ("prepare", "plan"):
                    hypothetical = True
                    why.append(f"intent '{parent.text}'")
                if dep in ("xcomp", "ccomp", "pcomp", "conj") or pclass in ("fail", "intent"):
                    for c in parent.children:
                        if c.dep_ == "neg" and pclass in ("intent", "fail", None):
                            if dep in ("xcomp",) and pclass is not None:
                                negated = not negated
                                why.append(f"negated governor '{parent.text}'")
                        if c.dep_ in ("aux",) and c.lower_ in _MODALS and dep == "xcomp":
                            hypothetical = True
                            why.append(f"modal '{c.text}' on '{parent.text}'")
            if pclass == "deny" and dep in ("ccomp",):
                break
            if dep not in ("xcomp", "conj", "dobj", "pobj", "prep", "pcomp", "acl"):
                break
            node = parent
        return negated, hypothetical, why

    def _attribution(self, tok: Token, when: dt.date | None, memo: dict[int, list[ActorRef]],
                     discourse: Discourse) -> tuple[ActorRef | None, str | None]:
        node = tok
        while node.head.i != node.i:
            parent = node.head
            if node.dep_ in _SAY_CONTENT_DEPS and parent.lemma_.lower() in self._say:
                subj, _ = self._subject_of(parent)
                for s in subj:
                    acts = self.actors_of(s, when, memo, discourse)
                    if acts:
                        return acts[0], parent.text
                return None, parent.text
            node = parent
        for t in tok.doc:
            if t.lower_ == "according" and t.i + 1 < len(tok.doc) and tok.doc[t.i + 1].lower_ == "to":
                for g in tok.doc[t.i + 1].children:
                    if g.dep_ == "pobj":
                        acts = self.actors_of(g, when, memo, discourse)
                        if acts:
                            return acts[0], "according to"
        return None, None

    def _date_for(self, tok: Token, doc: Doc, dates: list[DateMention],
                  published: dt.date | None) -> tuple[str | None, str | None, str | None]:
        if dates:
            # a date inside the trigger's own clause wins; otherwise the nearest one
            def owner(d: DateMention) -> Token | None:
                span = doc.char_span(d.start, d.end, alignment_mode="expand")
                return span.root if span is not None else None

            best: DateMention | None = None
            best_score = 10**9
            for d in dates:
                root = owner(d)
                score = 1000 + abs((root.i if root is not None else 0) - tok.i)
                if root is not None:
                    node = root
                    hops = 0
                    while node.head.i != node.i and hops < 8:
                        node = node.head
                        hops += 1
                        if node.i == tok.i:
                            score = hops
                            break
                if score < best_score:
                    best, best_score = d, score
            if best is not None:
                return best.value, best.precision, best.text
        if published is not None:
            return published.isoformat(), "document", None
        return None, None, None

    def _place_for(self, tok: Token, doc: Doc) -> tuple[Place | None, str | None]:
        for t in tok.subtree:
            if t.dep_ == "pobj" and t.head.lower_ in _PLACE_PREPS and t.pos_ == "PROPN":
                place = self.pack.find_place(_text(self._np_tokens(t)))
                if place is not None and self._depth_from(t, tok) <= 3:
                    return place, _text(self._np_tokens(t))
            if t.dep_ == "dobj" and t.head.i == tok.i and t.pos_ == "PROPN":
                place = self.pack.find_place(_text(self._np_tokens(t)))
                if place is not None:
                    return place, t.text
        return None, None

    @staticmethod
    def _depth_from(t: Token, top: Token) -> int:
        depth = 0
        node = t
        while node.i != top.i and node.head.i != node.i:
            node = node.head
            depth += 1
        return depth if node.i == top.i else 99

    # -- from drafts to events -----------------------------------------------------
    def _realise(self, draft: _Draft, doc: Doc, offset: int, doc_id: str | None,
                 sentence_index: int | None, published: dt.date | None,
                 dates: list[DateMention], memo: dict[int, list[ActorRef]],
                 discourse: Discourse) -> list[Event]:
        tok = draft.trigger
        negated, hypothetical, why = self._flags(tok)
        attributed, attr_word = self._attribution(tok, published, memo, discourse)
        type_ = draft.sense.type
        cameo = draft.sense.cameo
        mode = draft.sense.mode
        rule = draft.rule
        future = any(w.startswith("modal") and w.split("'")[1].lower() in _FUTURE for w in why)
        if negated and future and type_ in _COOP_TYPES:
            # "will not speak with": a refusal
            type_, cameo, mode, rule = "REJECT", "120", None, rule + ".refusal"
            negated = hypothetical = False
        if future and not negated and not any(w.startswith("condition") for w in why):
            why = [*why, "intent"]
        if hypothetical and any(w.startswith("intent") for w in why) and not negated:
            # PLOVER codes an expressed intention to cooperate as AGREE and an intention
            # to use force as THREATEN; the statement itself did happen.
            if type_ in _COOP_TYPES and type_ != "AGREE":
                type_, cameo, mode, rule = "AGREE", "030", None, rule + ".intent"
                hypothetical = False
            elif QUAD_CLASS[type_] == 4:
                type_, cameo, mode, rule = "THREATEN", "138", None, rule + ".intent"
                hypothetical = False
        date, precision, date_text = self._date_for(tok, doc, dates, published)
        place, place_text = self._place_for(tok, doc)
        meta = self.ontology.describe(type_, mode, cameo)
        sources = _dedupe(draft.sources)
        targets = _dedupe([t for t in draft.targets if t.top not in {s.top for s in sources}])
        pairs: list[tuple[ActorRef | None, ActorRef | None]] = []
        if draft.reciprocal and len(sources) >= 2:
            for a in sources:
                for b in sources:
                    if a.top != b.top:
                        pairs.append((a, b))
        elif not targets and len(sources) >= 2 and type_ in SYMMETRIC_TYPES:
            for i, a in enumerate(sources):
                for b in sources[i + 1:]:
                    pairs.append((a, b))
        elif (type_ in ("CONSULT", "AGREE") and mode != "third-party"
              and len(sources) + len(targets) >= 3 and draft.rule != "nominal.broker"
              and not any(t.lower_ in ("separate", "separately") for t in doc)):
            # a meeting or agreement of three or more: every pair of participants
            everyone = _dedupe([*sources, *targets])
            for i, a in enumerate(everyone):
                for b in everyone[i + 1:]:
                    pairs.append((a, b))
        else:
            for a in sources or [None]:
                for b in targets or [None]:
                    pairs.append((a, b))
        tokens = draft.trigger_tokens or [tok]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        out = []
        for source, target in pairs:
            if source is None and target is None:
                continue
            confidence = 0.9 if source and target else 0.7
            if draft.rule.startswith("nominal"):
                confidence -= 0.15
            ident = hashlib.sha1(
                f"{doc_id}|{offset}|{tok.i}|{type_}|{source.id if source else ''}|"
                f"{target.id if target else ''}".encode()
            ).hexdigest()[:16]
            explain = dict(draft.explain)
            explain.update({
                "date": date_text or ("document date" if precision == "document" else None),
                "place": place_text, "flags": why, "attribution": attr_word,
            })
            out.append(Event(
                event_id=ident, doc_id=doc_id, sentence=doc.text, type=type_, mode=mode,
                cameo=meta["cameo"], goldstein=meta["goldstein"], quad_class=meta["quad_class"],
                source=source, target=target, date=date, date_precision=precision,
                location=place, negated=negated, hypothetical=hypothetical,
                attributed_to=attributed,
                evidence=Evidence(offset + start, offset + end, doc.text[start:end]),
                rule=f"{CODER_NAME}/{rule}", confidence=round(confidence, 2),
                sentence_index=sentence_index, explain=explain,
            ))
        return out


def _dedupe(actors: list[ActorRef]) -> list[ActorRef]:
    seen: set[str] = set()
    out = []
    for a in actors:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out
