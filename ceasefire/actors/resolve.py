"""Resolve noun-phrase text to actors: ``ActorResolver(pack).resolve("Azerbaijani forces")``.

How a phrase is read (all knowledge comes from the pack; nothing here is conflict-specific):

1. The phrase is tokenised (``actors.text``) and scanned left to right for the longest known
   *anchor* (a name, demonym, capital/seat used as metonym, person) or *sector term*
   ("defence ministry", "troops"), with one dict look-up per n-gram. Names are matched as
   written; a name with lower-case letters also matches capitalised or ALL-CAPS text
   ("Minsk group", "ARMENIA"), while acronyms match only as written ("US" is not "us").
2. The scan stops at a preposition other than "of" once something was found ("Azerbaijani
   forces in Karabakh" -> the forces), and splits at "and", ",", "&", "or", "as well as",
   and at a hyphen between two anchors ("Armenian-Azerbaijani").
3. Each conjunct gives one actor: a person wins (their tenure at ``when`` decides the code),
   else the first anchor that is not a hyphenated modifier ("Turkish-backed Azerbaijani
   forces" -> AZE.MIL), combined with the head sector term: the last strong term, or else a
   weak one ("officials"). A conjunct without a sector term borrows the shared head: "the
   foreign ministers of Azerbaijan and Armenia", "Armenian and Azerbaijani forces",
   "Armenia and Azerbaijan's defence ministers".
4. A state or de facto entity with a sector gives ``TOP.SECTOR``; sectors listed in the
   entity's ``collapse`` give the entity itself (NKR is its own government). A capital gives
   its metonym (``AZE.GOV``). Organisations ignore generic sector words.
5. A sector term that is an office ("prime minister") names the holder at ``when`` when the
   pack has one: "the Armenian Prime Minister" in 2020 -> ARM.GOV "Nikol Pashinyan".
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from ceasefire.actors.pack import ActorEntry, KnowledgePack, PersonEntry, SectorTerm, Tenure
from ceasefire.actors.text import Token, singulars, tokens, word_key
from ceasefire.types import ActorRef

_CONJ = frozenset({"and", "or", "&", ",", ";", "plus", "nor", "/"})
_STOP_PREPS = frozenset({
    "in", "at", "on", "near", "from", "to", "into", "inside", "across", "along", "against",
    "with", "by", "for", "over", "under", "between", "toward", "towards", "around", "after",
    "before", "during", "since", "through", "via", "within", "without", "about", "that",
    "who", "which", "whose", "when", "where", "while", "as", "than", "said", "says", "say",
    "accused", "told", "stated",
})
_CACHE_SIZE = 50_000


@dataclass(frozen=True)
class _Anchor:
    kind: str  # "actor" | "demonym" | "metonym" | "person"
    ids: tuple[str, ...]


@dataclass
class _Item:
    kind: str  # "anchor" | "sector" | "conj" | "of" | "poss"
    pos: int
    end: int
    anchor: _Anchor | None = None
    term: SectorTerm | None = None
    modifier: bool = False  # "Russian-brokered": a hyphenated modifier
    possessive: bool = False


class ActorResolver:
    """Resolves phrases to ``ActorRef``s using one knowledge pack (fast, cached)."""

    def __init__(self, pack: KnowledgePack) -> None:
        self.pack = pack
        self._exact: dict[tuple[str, ...], _Anchor] = {}
        self._caseless: dict[tuple[str, ...], _Anchor] = {}
        self._sectors: dict[tuple[str, ...], SectorTerm] = {}
        self._holders: dict[tuple[str, str], list[tuple[Tenure, PersonEntry]]] = {}
        self._cache: OrderedDict[tuple[str, dt.date | None], list[ActorRef]] = OrderedDict()
        self._build()
        self._max_anchor = max((len(k) for k in self._exact), default=1)
        self._max_sector = max((len(k) for k in self._sectors), default=1)

    # ------------------------------------------------------------------ build
    def _add(self, form: str, anchor: _Anchor, override: bool = True) -> None:
        key = word_key(form)
        if not key:
            return
        old = self._exact.get(key)
        if old is not None and old.kind == "person" and anchor.kind == "person":
            anchor = _Anchor("person", tuple(dict.fromkeys((*old.ids, *anchor.ids))))
        elif old is not None and not override:
            return
        self._exact[key] = anchor
        if any(ch.islower() for ch in "".join(key)):
            low = tuple(w.lower() for w in key)
            oldc = self._caseless.get(low)
            if oldc is None or override or (oldc.kind == "person" and anchor.kind == "person"):
                self._caseless[low] = anchor

    def _build(self) -> None:
        pack = self.pack
        for entry in pack.actors.values():
            if entry.kind == "person":
                continue
            for form in entry.demonyms:
                self._add(form, _Anchor("demonym", (entry.id,)))
            for form in entry.names:
                self._add(form, _Anchor("actor", (entry.id,)))
        # metonyms: capitals and seats, and places that stand for an actor
        for place_name, actor_id in pack.metonyms.items():
            place = pack.places.get(place_name)
            forms = (place_name, *(place.variants if place else ()))
            for form in forms:
                self._add(form, _Anchor("metonym", (actor_id,)), override=False)
        for person in pack.people.values():
            for form in (person.name, *person.names):
                self._add(form, _Anchor("person", (person.id,)))
            for tenure in person.tenures:
                if tenure.office:
                    for key in {tenure.actor, tenure.actor.split(".")[0]}:
                        self._holders.setdefault((key, tenure.office), []).append(
                            (tenure, person))
        for key, term in pack.sector_terms.items():
            self._sectors[tuple(key.split())] = term

    # ---------------------------------------------------------------- lexicon
    def sector_for(self, word: str) -> str | None:
        """PLOVER sector of a head noun or short phrase ("troops" -> MIL, "ministries" -> GOV)."""
        term = self._sector_term(tuple(w.lower() for w in word_key(word, drop_article=True)))
        return term.sector if term else None

    def _sector_term(self, key: tuple[str, ...]) -> SectorTerm | None:
        if not key:
            return None
        term = self._sectors.get(key)
        if term is None:
            for sing in singulars(key[-1]):
                term = self._sectors.get((*key[:-1], sing))
                if term is not None:
                    break
        return term

    # -------------------------------------------------------------- resolving
    def unknown(self, phrase: str) -> ActorRef:
        """An actor the pack does not know, kept with its raw text."""
        return ActorRef("UNK", " ".join(phrase.split()) or phrase, None, None)

    def resolve(self, phrase: str, when: dt.date | None = None) -> ActorRef | None:
        """The first actor in ``phrase``, or None when the phrase names no known actor."""
        found = self.resolve_all(phrase, when)
        return found[0] if found else None

    def resolve_all(self, phrase: str, when: dt.date | None = None) -> list[ActorRef]:
        """Every actor of a conjoined phrase, in order, without repeats."""
        key = (phrase, when)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return list(hit)
        result = self._resolve_uncached(phrase, when)
        self._cache[key] = result
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return list(result)

    def _scan(self, toks: list[Token]) -> list[_Item]:
        items: list[_Item] = []
        words_seen = False
        i = 0
        n_tok = len(toks)
        while i < n_tok:
            tok = toks[i]
            low = tok.low
            if low == "'s":
                if items and items[-1].kind == "anchor":
                    items[-1].possessive = True
                i += 1
                continue
            if low in _CONJ:
                items.append(_Item("conj", i, i + 1))
                i += 1
                continue
            if low == "as" and i + 2 < n_tok and toks[i + 1].low == "well" \
                    and toks[i + 2].low == "as":
                items.append(_Item("conj", i, i + 3))
                i += 3
                continue
            if low in _STOP_PREPS and words_seen and not (
                    low == "for" and not any(it.kind == "anchor" for it in items)):
                break  # "a spokesman for the Armenian Defence Ministry" reads on
            if low == "of":
                items.append(_Item("of", i, i + 1))
                i += 1
                continue
            item = self._match_at(toks, i, items)
            if item is None:
                i += 1
                continue
            if item.kind == "anchor" and item.end < n_tok and toks[item.end].hyphen_before:
                nxt = self._match_at(toks, item.end, items)
                if nxt is None or nxt.kind != "anchor":
                    item.modifier = True  # "Russian-brokered", "Armenian-backed"
                    items.append(item)
                    i = item.end + 1
                    words_seen = True
                    continue
                items.append(item)
                items.append(_Item("conj", item.end, item.end))  # "Armenian-Azerbaijani"
                i = item.end
                words_seen = True
                continue
            items.append(item)
            words_seen = True
            i = item.end
        return items

    def _match_at(self, toks: list[Token], i: int, items: list[_Item]) -> _Item | None:
        words = [t for t in toks[i:i + max(self._max_anchor, self._max_sector)]]
        # only word tokens may be part of a form; stop at punctuation/possessive
        span: list[Token] = []
        for t in words:
            if not t.is_word:
                break
            span.append(t)
        if not span:
            return None
        prev_anchor = bool(items) and items[-1].kind == "anchor" and not items[-1].modifier
        for n in range(len(span), 0, -1):
            part = span[:n]
            exact = tuple(t.text for t in part)
            low = tuple(t.low for t in part)
            anchor = self._exact.get(exact)
            if anchor is None and (part[0].capitalised or part[0].text.isupper()):
                anchor = self._caseless.get(low)
            term = self._sector_term(low) if n <= self._max_sector else None
            if anchor is not None and term is not None and prev_anchor \
                    and anchor.kind == "actor" and self._is_body(anchor):
                anchor = None  # "Armenia's Security Council" is Armenia's, not the UN's
            if anchor is not None:
                return _Item("anchor", i, i + n, anchor=anchor)
            if term is not None:
                return _Item("sector", i, i + n, term=term)
        return None

    def _is_body(self, anchor: _Anchor) -> bool:
        entry = self.pack.actors.get(anchor.ids[0])
        return entry is not None and entry.kind == "body" and entry.parent is not None \
            and self.pack.actors.get(entry.parent, entry).kind == "org"

    def _resolve_uncached(self, phrase: str, when: dt.date | None) -> list[ActorRef]:
        toks = tokens(phrase)
        items = self._scan(toks)
        if not any(it.kind == "anchor" for it in items):
            return []
        segments: list[list[_Item]] = [[]]
        for it in items:
            if it.kind == "conj":
                if segments[-1]:
                    segments.append([])
            else:
                segments[-1].append(it)
        segments = [s for s in segments if s]
        heads = [self._head(seg) for seg in segments]
        shared = self._shared_head(segments, heads)
        out: list[ActorRef] = []
        for seg, head in zip(segments, heads, strict=True):
            anchors = [it for it in seg if it.kind == "anchor"]
            if not anchors:
                continue
            if head is None and shared is not None and not any(
                    a.anchor is not None and a.anchor.kind == "person" for a in anchors):
                head = shared
            ref = self._build_ref(anchors, head, when)
            if ref is not None and ref not in out:
                out.append(ref)
        return out

    @staticmethod
    def _head(seg: list[_Item]) -> SectorTerm | None:
        terms = [it.term for it in seg if it.kind == "sector" and it.term is not None]
        strong = [t for t in terms if not t.weak]
        if strong:
            return strong[-1]
        weak = [t for t in terms if t.sector is not None]
        if weak:
            return weak[-1]
        return terms[-1] if terms else None

    @staticmethod
    def _shared_head(segments: list[list[_Item]], heads: list[SectorTerm | None]
                     ) -> SectorTerm | None:
        """The head that conjuncts without one borrow, or None."""
        if len(segments) < 2:
            return None
        first, last = segments[0], segments[-1]
        # "the foreign ministers of Azerbaijan and Armenia"
        kinds = [it.kind for it in first]
        if heads[0] is not None and "of" in kinds:
            of_at = kinds.index("of")
            if any(it.kind == "sector" for it in first[:of_at]):
                return heads[0]
        # "Armenian and Azerbaijani forces", "Armenia and Azerbaijan's foreign ministers"
        if heads[-1] is not None:
            anchors = [it for it in last if it.kind == "anchor"]
            sectors_after = anchors and any(it.kind == "sector" and it.pos > anchors[-1].pos
                                            for it in last)
            if sectors_after:
                others = [it for seg in segments[:-1] for it in seg if it.kind == "anchor"]
                if anchors[-1].possessive or all(
                        it.anchor is not None and it.anchor.kind == "demonym" for it in others):
                    return heads[-1]
        return None

    def _build_ref(self, anchors: list[_Item], head: SectorTerm | None,
                   when: dt.date | None) -> ActorRef | None:
        people = [a for a in anchors if a.anchor is not None and a.anchor.kind == "person"]
        if people:
            assert people[0].anchor is not None
            return self._person_ref(people[0].anchor.ids, when)
        main = next((a for a in anchors if not a.modifier), None)
        if main is None:
            if head is not None:
                return None  # "Armenian-backed separatists": the backer is not the actor
            main = anchors[0]
        assert main.anchor is not None
        anchor = main.anchor
        entry = self.pack.actors.get(anchor.ids[0])
        if entry is None:
            top = anchor.ids[0].split(".")[0]
            base = self.pack.actors.get(top)
            if base is None:
                return None
            return self._with_sector(base, anchor.ids[0].partition(".")[2] or None, head, when,
                                     metonym=anchor.kind == "metonym")
        if anchor.kind == "metonym" and head is None:
            return self._ref(entry, entry.id)
        return self._with_sector(entry, None, head, when, metonym=anchor.kind == "metonym")

    def _with_sector(self, entry: ActorEntry, implied: str | None, head: SectorTerm | None,
                     when: dt.date | None, metonym: bool = False) -> ActorRef:
        """``entry`` (a state, org, body or de facto entity) with the phrase's head sector."""
        sector = head.sector if head is not None else None
        if head is not None and head.weak and metonym:
            sector = None
        if sector is None:
            sector = implied
        bare = entry.kind in ("org", "ngo", "body", "group", "person")
        if bare or sector is None or sector in entry.collapse:
            ref = self._ref(entry, entry.id)
        else:
            ref = self._ref(entry, f"{entry.id}.{sector}")
        if head is not None and head.office:
            holder = self._holder(ref.id, entry.id, head.office, when)
            if holder is not None:
                ref = ActorRef(ref.id, holder.name, ref.country, ref.sector)
        return ref

    def _ref(self, entry: ActorEntry, actor_id: str) -> ActorRef:
        if actor_id == entry.id:
            return ActorRef(entry.id, entry.name, entry.country, entry.sector)
        known = self.pack.actors.get(actor_id)
        sector = actor_id.partition(".")[2]
        if known is not None:
            return ActorRef(actor_id, known.name, known.country or entry.country, known.sector)
        label = self.pack.sector_codes.get(sector, sector.lower())
        return ActorRef(actor_id, f"{entry.name} {label}", entry.country, sector)

    def _holder(self, actor_id: str, base_id: str, office: str,
                when: dt.date | None) -> PersonEntry | None:
        for key in (actor_id, base_id, base_id.split(".")[0]):
            holders = self._holders.get((key, office))
            if not holders:
                continue
            if when is None:
                current = [p for t, p in holders if t.end is None]
                return current[-1] if current else None
            for tenure, person in holders:
                if tenure.covers(when):
                    return person
            return None
        return None

    # ----------------------------------------------------------------- people
    def _person_ref(self, person_ids: tuple[str, ...], when: dt.date | None) -> ActorRef | None:
        people = [self.pack.people[p] for p in person_ids if p in self.pack.people]
        if not people:
            return None
        chosen = people[0]
        if len(people) > 1:
            if when is not None:
                covering = [p for p in people if any(t.covers(when) for t in p.tenures)]
                if covering:
                    chosen = covering[0]
            else:
                current = [p for p in people if any(t.end is None for t in p.tenures)]
                if current:
                    chosen = current[0]
        return self.person_at(chosen, when)

    def person_at(self, person: PersonEntry, when: dt.date | None) -> ActorRef:
        """The actor ``person`` acts for at ``when``: the covering tenure; else the pack's
        default; else TOP.ELI (former official) after a tenure; else the first tenure. Without
        a date: the open (current) tenure, else the last one."""
        tenures = sorted(person.tenures, key=lambda t: t.start or dt.date.min)
        actor_id: str
        if when is None:
            open_ = [t for t in tenures if t.end is None]
            actor_id = (open_[-1] if open_ else tenures[-1]).actor
        else:
            covering = [t for t in tenures if t.covers(when)]
            if covering:
                actor_id = covering[-1].actor
            elif person.default:
                actor_id = person.default
            else:
                ended = [t for t in tenures if t.end is not None and t.end < when]
                # after a tenure: a former official (PLOVER ELI); before any: the first one
                actor_id = ended[-1].actor.split(".")[0] + ".ELI" if ended else tenures[0].actor
        top, _, sector = actor_id.partition(".")
        known = self.pack.actors.get(actor_id)
        base = self.pack.actors.get(top)
        country = (known.country if known else None) or (base.country if base else None)
        if known is not None and known.sector:
            sector = known.sector
        elif not sector and base is not None:
            sector = base.sector or ""
        return ActorRef(actor_id, person.name, country, sector or None)


__all__ = ["ActorResolver"]
