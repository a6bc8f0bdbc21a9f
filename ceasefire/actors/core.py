"""Knowledge packs and actor resolution.

A knowledge pack is a directory of YAML files (``states``, ``organizations``,
``sectors``/``weak``/``offices``, ``actors``, ``people``, ``places``,
``agreements``, ``periods``); the default packs are ``world`` and
``karabakh``. ``ActorResolver`` turns the text of a noun phrase into actors:
a known name, demonym, capital (metonym for the government), organisation
body or person (with the office held at the given date), combined with a
sector word of the phrase ("Azerbaijani forces" → ``AZE.MIL``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ceasefire.errors import ConfigError
from ceasefire.types import ActorRef, Agreement, Place

__all__ = ["ActorEntry", "ActorResolver", "KnowledgePack", "Period", "PlaceEntry"]


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str  # state | org | body | defacto | person


@dataclass(frozen=True)
class Term:
    id: str
    start: dt.date | None
    end: dt.date | None
    office: str | None


@dataclass
class Person:
    name: str
    terms: list[Term]

    def at(self, when: dt.date | None) -> Term | None:
        if not self.terms:
            return None
        if when is None:
            return self.terms[-1]
        for term in self.terms:
            if (term.start is None or term.start <= when) and (term.end is None or when <= term.end):
                return term
        return None


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    variants: tuple[str, ...] = ()

    def to_place(self) -> Place:
        return Place(self.name, self.country, self.lat, self.lon)


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.date
    end: dt.date


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: {value!r} is not a date; write it as YYYY-MM-DD") from exc


@dataclass
class KnowledgePack:
    actors: dict[str, ActorEntry] = field(default_factory=dict)
    forms: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (kind, key)
    people: dict[str, Person] = field(default_factory=dict)
    places: dict[str, PlaceEntry] = field(default_factory=dict)
    place_forms: dict[str, str] = field(default_factory=dict)
    agreements: list[Agreement] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    sectors: dict[str, str] = field(default_factory=dict)  # term -> sector
    weak: dict[str, str | None] = field(default_factory=dict)
    offices: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (office, sector)

    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = (), include_default: bool = True) -> KnowledgePack:
        pack = cls()
        dirs: list[Any] = []
        if include_default:
            root = resources.files("ceasefire") / "data" / "packs"
            dirs += [root / "world", root / "karabakh"]
        dirs += [Path(d) for d in extra_dirs]
        for d in dirs:
            if not d.is_dir():
                raise ConfigError(f"knowledge pack {d} is not a directory; give a directory "
                                  "of YAML files with --pack")
            for f in sorted(d.iterdir(), key=lambda p: p.name):
                if f.name.endswith((".yaml", ".yml")):
                    pack._read(f)
        return pack

    def _read(self, f: Any) -> None:
        where = str(f)
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{where}: invalid YAML ({exc}); fix the file") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: expected a mapping of sections at the top level")
        for st in data.get("states") or []:
            self._entry(st, "state", where)
            for dem in st.get("demonyms") or []:
                self.forms[dem] = ("demonym", st["id"])
            cap = st.get("capital")
            if cap and cap.get("metonym", True) and cap.get("name"):
                self.forms.setdefault(cap["name"], ("capital", st["id"]))
            if cap and cap.get("name"):
                self._place({"name": cap["name"], "country": st["id"], "lat": cap.get("lat"),
                             "lon": cap.get("lon")}, where)
        for org in data.get("organizations") or []:
            self._entry(org, "org", where)
            for body in org.get("bodies") or []:
                self._entry(body, "body", where)
        for actor in data.get("actors") or []:
            self._entry(actor, "defacto", where)
        for person in data.get("people") or []:
            self._person(person, where)
        for sector, terms in (data.get("sectors") or {}).items():
            for term in terms:
                self.sectors[str(term).lower()] = sector
        for sector, terms in (data.get("weak") or {}).items():
            for term in terms:
                self.weak[str(term).lower()] = None if sector in (None, "null") else sector
        for office, spec in (data.get("offices") or {}).items():
            for form in spec.get("forms") or []:
                self.offices[str(form).lower()] = (office, spec.get("sector", "GOV"))
        for place in data.get("places") or []:
            self._place(place, where)
        for a in data.get("agreements") or []:
            if "id" not in a or "name" not in a:
                raise ConfigError(f"{where}: agreement {a!r} needs an id and a name")
            date = _date(a.get("date"), f"{where}: agreement {a['id']}")
            self.agreements.append(Agreement(
                agreement_id=str(a["id"]), name=a["name"],
                date=date.isoformat() if date else None, kind=a.get("kind"),
                parties=list(a.get("parties") or []), brokers=list(a.get("brokers") or []),
                place=a.get("place"), origin="pack", aliases=list(a.get("aliases") or []),
            ))
        for p in data.get("periods") or []:
            start = _date(p.get("start"), f"{where}: period {p.get('name')}")
            end = _date(p.get("end"), f"{where}: period {p.get('name')}")
            if start is None or end is None:
                raise ConfigError(f"{where}: period {p!r} needs a start and an end date")
            self.periods.append(Period(p["name"], start, end))

    def _entry(self, raw: dict[str, Any], kind: str, where: str) -> None:
        if "id" not in raw or "name" not in raw:
            raise ConfigError(f"{where}: entry {raw!r} needs an id and a name")
        ident = str(raw["id"])
        top, _, sector = ident.partition(".")
        country = raw.get("country") or (top if kind == "state" else None)
        self.actors[ident] = ActorEntry(ident, raw["name"], country,
                                        raw.get("sector") or sector or None, kind)
        for form in [raw["name"], *(raw.get("names") or [])]:
            self.forms[str(form)] = ("actor", ident)

    def _person(self, raw: dict[str, Any], where: str) -> None:
        raw = dict(raw)
        raw.setdefault("terms", [
            {**t, "id": t.get("id", t.get("actor"))} for t in raw.get("tenures") or []])
        raw.setdefault("forms", raw.get("names") or [])
        if "name" not in raw or not raw.get("terms"):
            raise ConfigError(f"{where}: person {raw!r} needs a name and terms")
        terms = []
        for t in raw["terms"]:
            if "id" not in t:
                raise ConfigError(f"{where}: a term of {raw['name']} has no actor id")
            terms.append(Term(t["id"], _date(t.get("start"), where), _date(t.get("end"), where),
                              t.get("office")))
        self.people[raw["name"]] = Person(raw["name"], terms)
        for form in [raw["name"], *(raw.get("forms") or [])]:
            self.forms[str(form)] = ("person", raw["name"])

    def _place(self, raw: dict[str, Any], where: str) -> None:
        if "name" not in raw:
            raise ConfigError(f"{where}: place {raw!r} needs a name")
        entry = PlaceEntry(raw["name"], raw.get("country"), raw.get("lat"), raw.get("lon"),
                           tuple(raw.get("variants") or ()))
        self.places[entry.name] = entry
        for v in (entry.name, *entry.variants):
            self.place_forms[v] = entry.name

    # -- queries ---------------------------------------------------------------
    def surface_forms(self) -> dict[str, list[str]]:
        return {"ACTOR": sorted(self.forms), "PLACE": sorted(self.place_forms)}

    def entity_ruler_patterns(self) -> list[dict[str, str]]:
        out = [{"label": "ACTOR", "pattern": f, "id": k[1]} for f, k in self.forms.items()]
        out += [{"label": "PLACE", "pattern": f, "id": n} for f, n in self.place_forms.items()]
        return out

    def find_place(self, text: str) -> Place | None:
        key = re.sub(r"^(?:the\s+)", "", text.strip(), flags=re.I)
        key = re.sub(r"['’]s$", "", key)
        name = self.place_forms.get(key)
        if name is None:
            return None
        return self.places[name].to_place()

    def find_agreement(self, text: str, when: dt.date | None) -> Agreement | None:
        lower = text.lower()
        for a in self.agreements:
            for alias in (a.name, *a.aliases):
                if alias.lower() in lower:
                    return a
        if when is not None:
            for a in self.agreements:
                if a.date and abs((dt.date.fromisoformat(a.date) - when).days) <= 1:
                    return a
        return None


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


class ActorResolver:
    """Resolves noun-phrase text to actors; fast (one compiled regex, cached results)."""

    def __init__(self, pack: KnowledgePack) -> None:
        self.pack = pack
        exact = [f for f in pack.forms if f.isupper() or len(f) <= 3 or "." in f]
        folded = [f for f in pack.forms if f not in set(exact)]
        self._exact = re.compile(rf"(?<![\w.])(?:{_alternation(exact)})(?![\w])") if exact else None
        self._folded = re.compile(rf"(?<!\w)(?:{_alternation(folded)})(?!\w)", re.I)
        self._folded_key = {f.lower(): f for f in folded}
        terms = {**{k: v for k, v in pack.weak.items()}, **pack.sectors}
        self._terms = terms
        self._strong = set(pack.sectors)
        self._sector_re = re.compile(rf"(?<!\w)(?:{_alternation(list(terms))})(?:e?s)?(?!\w)",
                                     re.I)
        self._office_re = (
            re.compile(rf"(?<!\w)(?:{_alternation(list(pack.offices))})(?!\w)", re.I)
            if pack.offices else None
        )
        self.resolve_all = lru_cache(maxsize=65536)(self._resolve_all)  # type: ignore[method-assign]

    def sector_for(self, word: str) -> str | None:
        w = word.lower()
        for cand in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w):
            if cand in self._terms:
                return self._terms[cand]
        return None

    def unknown(self, phrase: str) -> ActorRef:
        return ActorRef("UNK", phrase.strip(), None, None)

    def resolve(self, phrase: str, when: dt.date | None = None) -> ActorRef | None:
        found = self.resolve_all(phrase, when)
        return found[0] if found else None

    def _matches(self, phrase: str) -> list[tuple[int, int, tuple[str, str]]]:
        hits: list[tuple[int, int, tuple[str, str]]] = []
        if self._exact is not None:
            for m in self._exact.finditer(phrase):
                hits.append((m.start(), m.end(), self.pack.forms[m.group(0)]))
        for m in self._folded.finditer(phrase):
            form = self._folded_key.get(m.group(0).lower())
            if form is None:
                continue
            text = m.group(0)
            # a lower-case form matches Title Case or ALL CAPS too; a capitalised form
            # must be capitalised in the text ("Turkey", not "turkey")
            if form[0].isupper() and not text[0].isupper():
                continue
            hits.append((m.start(), m.end(), self.pack.forms[form]))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[tuple[int, int, tuple[str, str]]] = []
        last_end = -1
        for h in hits:
            if h[0] >= last_end:
                out.append(h)
                last_end = h[1]
        return out

    def _sector(self, phrase: str, spans: list[tuple[int, int]]) -> str | None:
        strong: str | None = None
        weak: str | None = None
        for m in self._sector_re.finditer(phrase):
            if any(s <= m.start() < e for s, e in spans):
                continue
            term = m.group(0).lower()
            base = term if term in self._terms else re.sub(r"e?s$", "", term)
            sector = self._terms.get(base)
            if sector is None:
                continue
            if base in self._strong:
                strong = sector
            else:
                weak = weak or sector
        return strong or weak

    def _resolve_all(self, phrase: str, when: dt.date | None = None) -> list[ActorRef]:
        matches = self._matches(phrase)
        if not matches:
            return []
        # a demonym inside a hyphen compound ("Armenian-backed", "Russian-brokered") is a
        # modifier, not the referent, when something else is named
        if len(matches) > 1:
            kept = [m for m in matches
                    if not (m[2][0] == "demonym" and phrase[m[1]:m[1] + 1] == "-")]
            matches = kept or matches
        spans = [(s, e) for s, e, _ in matches]
        sector = self._sector(phrase, spans)
        office = None
        if self._office_re is not None:
            om = self._office_re.search(phrase)
            if om:
                office = self.pack.offices[om.group(0).lower()]
        out: list[ActorRef] = []
        for _, _, (kind, key) in matches:
            ref = self._ref(kind, key, sector, office, when)
            if ref is not None and all(r.top != ref.top for r in out):
                out.append(ref)
            elif ref is not None and "." in ref.id:
                # a more specific reading of the same actor ("Armenian PM Pashinyan")
                out = [ref if r.top == ref.top and "." not in r.id else r for r in out]
        return out

    def _ref(self, kind: str, key: str, sector: str | None,
             office: tuple[str, str] | None, when: dt.date | None) -> ActorRef | None:
        if kind == "person":
            person = self.pack.people[key]
            term = person.at(when)
            if term is None:
                term = person.terms[-1]
            return self._make(term.id, person.name)
        entry = self.pack.actors.get(key)
        if entry is None:
            return None
        if kind == "capital":
            return self._make(f"{entry.id}.{sector or 'GOV'}", entry.name)
        if entry.kind in ("state",):
            if office is not None:
                holder = self._office_holder(entry.id, office[0], when)
                return self._make(f"{entry.id}.{office[1]}", holder or entry.name)
            if sector:
                return self._make(f"{entry.id}.{sector}", entry.name)
            return self._make(entry.id, entry.name)
        if entry.kind == "defacto" and sector and sector != "GOV" and "." not in entry.id:
            return self._make(f"{entry.id}.{sector}", entry.name)
        return self._make(entry.id, entry.name)

    def _office_holder(self, top: str, office: str, when: dt.date | None) -> str | None:
        if when is None:
            return None
        for person in self.pack.people.values():
            term = person.at(when)
            if term is not None and term.office == office and term.id.split(".")[0] == top:
                return person.name
        return None

    def _make(self, ident: str, name: str) -> ActorRef:
        top, _, sector = ident.partition(".")
        entry = self.pack.actors.get(ident) or self.pack.actors.get(top)
        country = entry.country if entry else top
        if entry is not None and not sector:
            sector = entry.sector or ""
        return ActorRef(ident, name, country, sector or None)
