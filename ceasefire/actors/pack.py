"""Knowledge packs: YAML files of actors, people, places, agreements, periods and sectors.

A pack is a directory of ``*.yaml`` files. Each file is a mapping whose top-level keys say
what it holds, so file names are free::

    states:          generated ISO 3166 states (world pack)
    organizations:   international organisations with their bodies
    actors:          de facto entities, groups, named bodies
    people:          persons with date-ranged tenures
    places:          places with variants and coordinates
    agreements:      ceasefires and agreements
    periods:         wars and escalations
    sector_codes / sectors / weak / offices:   the sector lexicon

Packs load in order (world, karabakh, then ``--pack`` directories); a later entry with the same
id or name replaces an earlier one, so a user's pack can correct the defaults.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ceasefire.actors.text import fold, lower_key, tokens
from ceasefire.errors import ConfigError
from ceasefire.types import Agreement, Place

DEFAULT_PACK_ROOT = Path(__file__).resolve().parents[1] / "data" / "packs"
DEFAULT_PACKS = ("world", "karabakh")
ACTOR_KINDS = frozenset({"state", "org", "ngo", "body", "defacto", "group", "person"})
TOP_KEYS = frozenset({"states", "organizations", "actors", "people", "places", "agreements",
                      "periods", "sector_codes", "sectors", "weak", "offices"})
AGREEMENT_KINDS = frozenset({"ceasefire", "protocol", "statement", "treaty", "declaration",
                             "agreement"})


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so that a bad date is reported with its entry."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ID = re.compile(r"^[A-Z][A-Z0-9]*(\.[A-Z][A-Z0-9]*)?$")


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    parent: str | None = None
    collapse: frozenset[str] = frozenset()
    source: str = ""


@dataclass(frozen=True)
class Tenure:
    actor: str
    office: str | None
    start: dt.date | None
    end: dt.date | None

    def covers(self, when: dt.date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class PersonEntry:
    id: str
    name: str
    names: tuple[str, ...]
    tenures: tuple[Tenure, ...]
    default: str | None = None
    source: str = ""


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    variants: tuple[str, ...] = ()
    kind: str | None = None
    actor: str | None = None  # actor the place stands for as a metonym ("Baku" -> AZE.GOV)
    source: str = ""

    def to_place(self) -> Place:
        return Place(self.name, self.country, self.lat, self.lon)


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.date
    end: dt.date
    aliases: tuple[str, ...] = ()

    def covers(self, when: dt.date) -> bool:
        return self.start <= when <= self.end


@dataclass(frozen=True)
class SectorTerm:
    term: str
    sector: str | None
    weak: bool = False
    office: str | None = None


@dataclass
class _Context:
    path: Path
    key: str
    index: int
    ident: str

    def error(self, problem: str, fix: str) -> ConfigError:
        return ConfigError(f"{self.path}: {self.key}[{self.index}] ({self.ident}): {problem}. {fix}")


def _date(value: Any, ctx: _Context, what: str, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise ctx.error(f"'{what}' is missing", "Give it as YYYY-MM-DD")
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ctx.error(f"'{what}' is {value!r}, not a date", "Write it as YYYY-MM-DD") from None


def _str(item: dict[str, Any], key: str, ctx: _Context, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            raise ctx.error(f"'{key}' is missing", f"Add a '{key}:' string to the entry")
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool) or str(value) == "":
        raise ctx.error(f"'{key}' is {value!r}, not a non-empty string", f"Write '{key}' as text")
    return str(value)


def _strs(item: dict[str, Any], key: str, ctx: _Context) -> tuple[str, ...]:
    value = item.get(key, [])
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ctx.error(f"'{key}' is {value!r}, not a list of strings",
                        f"Write '{key}' as a YAML list of non-empty strings")
    return tuple(value)


def _float(item: dict[str, Any], key: str, ctx: _Context, lo: float, hi: float) -> float | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise ctx.error(f"'{key}' is {value!r}, not a number in [{lo}, {hi}]",
                        f"Give '{key}' in decimal degrees")
    return float(value)


def _slug(name: str) -> str:
    return "person:" + re.sub(r"[^a-z0-9]+", "_", fold(name).lower()).strip("_")


class KnowledgePack:
    """Everything the coder knows about actors, places, agreements and periods."""

    def __init__(self) -> None:
        self.actors: dict[str, ActorEntry] = {}
        self.people: dict[str, PersonEntry] = {}
        self.places: dict[str, PlaceEntry] = {}
        self.agreements: list[Agreement] = []
        self.agreement_in_force: dict[str, dt.date] = {}
        self.agreement_keywords: dict[str, tuple[str, ...]] = {}
        self.periods: list[Period] = []
        self.sector_codes: dict[str, str] = {}
        self.sector_terms: dict[str, SectorTerm] = {}
        self.metonyms: dict[str, str] = {}  # place name -> actor id
        self.sources: list[Path] = []
        self._agreements_by_id: dict[str, Agreement] = {}
        self._agreement_ctx: dict[str, _Context] = {}
        self._place_index: dict[tuple[str, ...], PlaceEntry] | None = None
        self._agreement_re: re.Pattern[str] | None = None
        self._keyword_re: re.Pattern[str] | None = None
        self._alias_to_agreements: dict[str, list[str]] = {}

    # ----------------------------------------------------------------- loading
    @classmethod
    def load(cls, extra_dirs: Sequence[Path] = (), include_default: bool = True) -> KnowledgePack:
        """Load the default packs (world, karabakh) and then each of ``extra_dirs``.

        Raises ConfigError naming the file and the entry when a file is unreadable or an
        entry is malformed or refers to an unknown actor or place.
        """
        pack = cls()
        dirs: list[Path] = []
        if include_default:
            dirs.extend(DEFAULT_PACK_ROOT / name for name in DEFAULT_PACKS)
        dirs.extend(Path(d) for d in extra_dirs)
        for directory in dirs:
            if not directory.is_dir():
                raise ConfigError(f"{directory}: knowledge pack directory not found. "
                                  "Pass an existing directory of pack YAML files to --pack")
            files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
            for path in files:
                pack._load_file(path)
        pack._validate()
        return pack

    def _load_file(self, path: Path) -> None:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the pack file ({exc}). "
                              "Check that it exists and is UTF-8 text") from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: invalid YAML ({exc}). Fix the syntax at the position "
                              "shown") from exc
        if data is None:
            return
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: a pack file must be a mapping of sections, found "
                              f"{type(data).__name__}. Start it with e.g. 'actors:'")
        unknown = set(data) - TOP_KEYS
        if unknown:
            raise ConfigError(f"{path}: unknown section(s) {sorted(map(str, unknown))}. "
                              f"Use only {sorted(TOP_KEYS)}")
        self.sources.append(path)
        for key in ("sector_codes", "sectors", "weak", "offices"):
            if key in data:
                self._load_sectors(path, key, data[key])
        for key, loader in (("states", self._load_state), ("organizations", self._load_org),
                            ("actors", self._load_actor), ("people", self._load_person),
                            ("places", self._load_place), ("agreements", self._load_agreement),
                            ("periods", self._load_period)):
            if key not in data:
                continue
            items = data[key]
            if not isinstance(items, list):
                raise ConfigError(f"{path}: '{key}' must be a list of entries, found "
                                  f"{type(items).__name__}. Write each entry as '- ...'")
            seen: set[str] = set()
            for i, item in enumerate(items):
                ident = str(item.get("id") or item.get("name")) if isinstance(item, dict) else "?"
                ctx = _Context(path, key, i, ident)
                if not isinstance(item, dict):
                    raise ctx.error(f"entry is {item!r}, not a mapping", "Write it as 'key: value' "
                                    "pairs")
                if ident in seen:
                    raise ctx.error("duplicate entry in the same file",
                                    "Merge the two entries or rename one")
                seen.add(ident)
                loader(item, ctx)

    def _load_sectors(self, path: Path, key: str, data: Any) -> None:
        ctx = _Context(path, key, 0, key)
        if not isinstance(data, dict):
            raise ctx.error(f"'{key}' must be a mapping, found {type(data).__name__}",
                            "See data/packs/world/sectors.yaml for the layout")
        if key == "sector_codes":
            for code, label in data.items():
                if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
                    raise ctx.error(f"sector code {code!r} is not three capital letters",
                                    "Use PLOVER sector codes such as GOV, MIL")
                self.sector_codes[code] = str(label)
            return
        for sector, terms in data.items():
            if key == "offices":
                office = str(sector)
                if not isinstance(terms, dict):
                    raise ctx.error(f"office {office!r} must map to {{sector, forms}}",
                                    "Write it as 'office: {sector: GOV, forms: [...]}'")
                sec = terms.get("sector")
                forms = _strs(terms, "forms", _Context(path, key, 0, office)) or (office,)
                for form in forms:
                    self._add_term(form, sec, False, office, ctx)
                continue
            if not isinstance(terms, list):
                raise ctx.error(f"terms of {sector!r} must be a list", "Write them as [a, b]")
            for term in terms:
                self._add_term(str(term), sector, key == "weak", None, ctx)

    def _add_term(self, term: str, sector: Any, weak: bool, office: str | None,
                  ctx: _Context) -> None:
        if sector is not None and (not isinstance(sector, str) or not re.fullmatch(r"[A-Z]{3}",
                                                                               sector)):
            raise ctx.error(f"sector {sector!r} of term {term!r} is not a sector code",
                            "Use a code listed under sector_codes, or null")
        key = " ".join(lower_key(term, drop_article=False))
        old = self.sector_terms.get(key)
        if office is None and old is not None and old.office is not None:
            office = old.office
        if weak and old is not None and not old.weak and old.sector is not None:
            sector = old.sector if sector is None else sector
        self.sector_terms[key] = SectorTerm(key, sector, weak, office)

    def _check_id(self, value: str, ctx: _Context) -> str:
        if not _ID.match(value):
            raise ctx.error(f"id {value!r} is not of the form TOP or TOP.SECTOR in capitals",
                            "Use e.g. ARM, NKR, OSCE.MINSK")
        return value

    def _load_state(self, item: dict[str, Any], ctx: _Context) -> None:
        code = self._check_id(_str(item, "id", ctx) or "", ctx)
        name = _str(item, "name", ctx) or code
        names = _strs(item, "names", ctx) or (name,)
        capital = item.get("capital")
        cap_name: str | None = None
        if capital is not None:
            if not isinstance(capital, dict):
                raise ctx.error("'capital' must be a mapping with name, lat, lon",
                                "Write it as 'capital: {name: ..., lat: ..., lon: ...}'")
            cap_name = _str(capital, "name", ctx)
            assert cap_name is not None
            metonym = capital.get("metonym", True)
            self.places[cap_name] = PlaceEntry(
                cap_name, code, _float(capital, "lat", ctx, -90, 90),
                _float(capital, "lon", ctx, -180, 180), _strs(capital, "variants", ctx),
                "capital", f"{code}.GOV" if metonym else None, str(ctx.path))
            if metonym:
                self.metonyms[cap_name] = f"{code}.GOV"
            else:
                self.metonyms.pop(cap_name, None)
        self.actors[code] = ActorEntry(code, name, code, None, "state", names,
                                       _strs(item, "demonyms", ctx), cap_name, None, frozenset(),
                                       str(ctx.path))
        self.places.setdefault(name, PlaceEntry(name, code, None, None, names, "country", code,
                                                str(ctx.path)))

    def _load_org(self, item: dict[str, Any], ctx: _Context, parent: str | None = None) -> None:
        oid = self._check_id(_str(item, "id", ctx) or "", ctx)
        name = _str(item, "name", ctx) or oid
        kind = _str(item, "kind", ctx, required=False) or ("body" if parent else "org")
        if kind not in ACTOR_KINDS:
            raise ctx.error(f"kind {kind!r} is unknown", f"Use one of {sorted(ACTOR_KINDS)}")
        sector = _str(item, "sector", ctx, required=False)
        seat = _str(item, "seat", ctx, required=False)
        self.actors[oid] = ActorEntry(oid, name, None, sector, kind,
                                      _strs(item, "names", ctx) or (name,), (), seat, parent,
                                      frozenset(), str(ctx.path))
        if seat:
            self.metonyms[seat] = oid
        bodies = item.get("bodies", [])
        if not isinstance(bodies, list):
            raise ctx.error("'bodies' must be a list", "Write each body as '- {id: ..., ...}'")
        for j, body in enumerate(bodies):
            if not isinstance(body, dict):
                raise ctx.error(f"body {j} is not a mapping", "Write it as {id: ..., name: ...}")
            bctx = _Context(ctx.path, f"{ctx.key}[{ctx.index}].bodies", j, str(body.get("id")))
            bid = _str(body, "id", bctx) or ""
            if not bid.startswith(oid + "."):
                raise bctx.error(f"body id {bid!r} does not start with '{oid}.'",
                                 f"Name bodies {oid}.XXX")
            self._load_org(body, bctx, parent=oid)

    def _load_actor(self, item: dict[str, Any], ctx: _Context) -> None:
        aid = self._check_id(_str(item, "id", ctx) or "", ctx)
        kind = _str(item, "kind", ctx) or ""
        if kind not in ACTOR_KINDS - {"person", "state"}:
            raise ctx.error(f"kind {kind!r} is not allowed here",
                            "Use defacto, group, body, org or ngo (states come from the world "
                            "pack, persons go under 'people')")
        collapse = frozenset(_strs(item, "collapse", ctx))
        self.actors[aid] = ActorEntry(
            aid, _str(item, "name", ctx) or aid, _str(item, "country", ctx, required=False),
            _str(item, "sector", ctx, required=False), kind, _strs(item, "names", ctx),
            _strs(item, "demonyms", ctx), _str(item, "capital", ctx, required=False),
            aid.split(".")[0] if "." in aid else None, collapse, str(ctx.path))

    def _load_person(self, item: dict[str, Any], ctx: _Context) -> None:
        name = _str(item, "name", ctx) or ""
        pid = _str(item, "id", ctx, required=False) or _slug(name)
        raw = item.get("tenures")
        if not isinstance(raw, list) or not raw:
            raise ctx.error("'tenures' is missing or empty",
                            "List at least one {actor: ARM.GOV, start: YYYY-MM-DD, end: ...}")
        tenures: list[Tenure] = []
        for j, t in enumerate(raw):
            tctx = _Context(ctx.path, f"{ctx.key}[{ctx.index}].tenures", j, name)
            if not isinstance(t, dict):
                raise tctx.error(f"tenure is {t!r}, not a mapping", "Write {actor: ..., start: ...}")
            actor = self._check_id(_str(t, "actor", tctx) or "", tctx)
            start = _date(t.get("start"), tctx, "start")
            end = _date(t.get("end"), tctx, "end")
            if start and end and end < start:
                raise tctx.error(f"end {end} is before start {start}", "Swap or fix the dates")
            tenures.append(Tenure(actor, _str(t, "office", tctx, required=False), start, end))
        default = _str(item, "default", ctx, required=False)
        person = PersonEntry(pid, name, _strs(item, "names", ctx), tuple(tenures), default,
                             str(ctx.path))
        self.people[pid] = person
        suffix = tenures[-1].actor.partition(".")[2]
        self.actors[pid] = ActorEntry(pid, name, None,
                                      suffix if suffix in self.sector_codes else None,
                                      "person", (name, *person.names), (), None, None,
                                      frozenset(), str(ctx.path))

    def _load_place(self, item: dict[str, Any], ctx: _Context) -> None:
        name = _str(item, "name", ctx) or ""
        entry = PlaceEntry(name, _str(item, "country", ctx, required=False),
                           _float(item, "lat", ctx, -90, 90), _float(item, "lon", ctx, -180, 180),
                           _strs(item, "variants", ctx), _str(item, "kind", ctx, required=False),
                           _str(item, "actor", ctx, required=False), str(ctx.path))
        self.places[name] = entry
        if entry.actor:
            self.metonyms[name] = entry.actor

    def _load_agreement(self, item: dict[str, Any], ctx: _Context) -> None:
        aid = _str(item, "id", ctx) or ""
        kind = _str(item, "kind", ctx, required=False)
        if kind is not None and kind not in AGREEMENT_KINDS:
            raise ctx.error(f"kind {kind!r} is unknown", f"Use one of {sorted(AGREEMENT_KINDS)}")
        date = _date(item.get("date"), ctx, "date", required=True)
        in_force = _date(item.get("in_force"), ctx, "in_force")
        name = _str(item, "name", ctx) or aid
        agreement = Agreement(aid, name, date.isoformat() if date else None, kind,
                              list(_strs(item, "parties", ctx)), list(_strs(item, "brokers", ctx)),
                              _str(item, "place", ctx, required=False), "pack", None,
                              list(_strs(item, "aliases", ctx)))
        self.agreements = [a for a in self.agreements if a.agreement_id != aid] + [agreement]
        self._agreements_by_id[aid] = agreement
        if in_force:
            self.agreement_in_force[aid] = in_force
        self.agreement_keywords[aid] = _strs(item, "keywords", ctx)
        self._agreement_ctx[aid] = ctx

    def _load_period(self, item: dict[str, Any], ctx: _Context) -> None:
        name = _str(item, "name", ctx) or ""
        start = _date(item.get("start"), ctx, "start", required=True)
        end = _date(item.get("end"), ctx, "end", required=True)
        assert start is not None and end is not None
        if end < start:
            raise ctx.error(f"end {end} is before start {start}", "Swap or fix the dates")
        self.periods = [p for p in self.periods if p.name != name]
        self.periods.append(Period(name, start, end, _strs(item, "aliases", ctx)))

    # -------------------------------------------------------------- validation
    def known_actor(self, actor_id: str) -> bool:
        """True for a pack actor id, or TOP.SECTOR with a known TOP and sector code."""
        if actor_id in self.actors:
            return True
        top, _, sector = actor_id.partition(".")
        return top in self.actors and (not sector or sector in self.sector_codes)

    def _validate(self) -> None:
        for person in self.people.values():
            for t in person.tenures:
                if not self.known_actor(t.actor):
                    raise ConfigError(f"{person.source}: people ({person.name}): tenure actor "
                                      f"{t.actor!r} is not a known actor. Define it under "
                                      "'actors' or use TOP.SECTOR with a known TOP")
            if person.default and not self.known_actor(person.default):
                raise ConfigError(f"{person.source}: people ({person.name}): default "
                                  f"{person.default!r} is not a known actor. Fix the id")
        for entry in self.actors.values():
            if entry.sector and self.sector_codes and entry.sector not in self.sector_codes:
                raise ConfigError(f"{entry.source}: actor {entry.id}: sector {entry.sector!r} is "
                                  "not a sector code. Use one listed under sector_codes")
            if entry.country and entry.country not in self.actors:
                raise ConfigError(f"{entry.source}: actor {entry.id}: country {entry.country!r} "
                                  "is not a known state. Use an ISO 3166 alpha-3 code")
        for place in self.places.values():
            if place.actor and not self.known_actor(place.actor):
                raise ConfigError(f"{place.source}: place {place.name}: actor {place.actor!r} is "
                                  "not a known actor. Fix the id or drop 'actor'")
        for agreement in self.agreements:
            ctx = self._agreement_ctx[agreement.agreement_id]
            for actor in (*agreement.parties, *agreement.brokers):
                if not self.known_actor(actor):
                    raise ctx.error(f"party or broker {actor!r} is not a known actor",
                                    "Use actor ids such as ARM, RUS, OSCE.MINSK")
            if agreement.place and self.find_place(agreement.place) is None:
                raise ctx.error(f"place {agreement.place!r} is not a known place",
                                "Add it under 'places' or fix the spelling")

    # ------------------------------------------------------------ surface forms
    def _actor_forms(self) -> Iterable[tuple[str, str]]:
        for entry in self.actors.values():
            for form in (*entry.names, *entry.demonyms):
                yield form, entry.id

    def surface_forms(self) -> dict[str, list[str]]:
        """Surface strings by label. A string that names a place (other than a country) is a
        PLACE even when it is also an actor alias ("Karabakh", "Baku"): the resolver reads
        such a mention as an actor when it stands in an actor's position."""
        return {label: [p["pattern"] for p in pats]
                for label, pats in self._patterns_by_label().items()}

    def entity_ruler_patterns(self) -> list[dict[str, str]]:
        """spaCy EntityRuler phrase patterns: label ACTOR (id = actor or person id) or PLACE
        (id = canonical place name)."""
        out: list[dict[str, str]] = []
        for pats in self._patterns_by_label().values():
            out.extend(pats)
        return out

    def _patterns_by_label(self) -> dict[str, list[dict[str, str]]]:
        place_forms: dict[str, str] = {}
        for place in self.places.values():
            if place.kind == "country":
                continue
            for form in (place.name, *place.variants):
                place_forms.setdefault(form, place.name)
        result: dict[str, list[dict[str, str]]] = {"ACTOR": [], "PLACE": []}
        seen: set[str] = set()

        def add(label: str, form: str, ident: str) -> None:
            for variant in _written_variants(form):
                if variant not in seen:
                    seen.add(variant)
                    result[label].append({"label": label, "pattern": variant, "id": ident})

        for form, place_name in place_forms.items():
            add("PLACE", form, place_name)
        for form, actor_id in self._actor_forms():
            if form not in place_forms:
                add("ACTOR", form, actor_id)
        return result

    # ------------------------------------------------------------------ places
    def _places_index(self) -> dict[tuple[str, ...], PlaceEntry]:
        if self._place_index is None:
            index: dict[tuple[str, ...], PlaceEntry] = {}
            for place in self.places.values():
                for form in (place.name, *place.variants):
                    key = lower_key(form)
                    # a specific place wins over a country or region sharing the form
                    if key and (key not in index or index[key].kind == "country"):
                        index[key] = place
            self._place_index = index
        return self._place_index

    def find_place(self, text: str) -> Place | None:
        """The place named by ``text`` ("Shushi", "the Lachin corridor", "Khankendi's"), or
        the first known place inside it ("the city of Shusha"); None if none is known."""
        entry = self.find_place_entry(text)
        return entry.to_place() if entry else None

    def find_place_entry(self, text: str) -> PlaceEntry | None:
        index = self._places_index()
        toks = [t for t in tokens(text) if t.is_word]
        if toks and toks[0].low == "the":
            toks = toks[1:]
        whole = tuple(t.low for t in toks)
        if whole in index and toks[0].capitalised:
            return index[whole]
        longest = max((len(k) for k in index), default=0)
        for i, tok in enumerate(toks):
            if not tok.capitalised:
                continue
            for n in range(min(longest, len(toks) - i), 0, -1):
                hit = index.get(tuple(t.low for t in toks[i:i + n]))
                if hit is not None:
                    return hit
        return None

    # -------------------------------------------------------------- agreements
    def agreement(self, agreement_id: str) -> Agreement | None:
        return self._agreements_by_id.get(agreement_id)

    def _compile_agreements(self) -> None:
        alias_map: dict[str, list[str]] = {}
        for a in self.agreements:
            for alias in (a.name, *a.aliases):
                key = " ".join(lower_key(alias))
                ids = alias_map.setdefault(key, [])
                if a.agreement_id not in ids:
                    ids.append(a.agreement_id)
        self._alias_to_agreements = alias_map
        self._agreement_re = _phrase_regex(alias_map)
        keywords = {" ".join(lower_key(k)) for ks in self.agreement_keywords.values() for k in ks}
        self._keyword_re = _phrase_regex(keywords)

    def find_agreement(self, text: str, when: dt.date | None = None) -> Agreement | None:
        """The agreement ``text`` refers to: by alias ("the Bishkek Protocol", "the trilateral
        statement"), or, when ``when`` is given, by a generic noun ("the ceasefire") as the
        latest agreement on or before ``when`` that answers to it."""
        if self._agreement_re is None:
            self._compile_agreements()
        assert self._agreement_re is not None and self._keyword_re is not None
        norm = " ".join(t.low for t in tokens(text) if t.is_word)
        matches = [m.group(1) for m in self._agreement_re.finditer(norm)]
        if matches:
            best = max(matches, key=len)
            return self._pick(self._alias_to_agreements[best], when)
        if when is None:
            return None
        found = {m.group(1) for m in self._keyword_re.finditer(norm)}
        if not found:
            return None
        candidates = [a.agreement_id for a in self.agreements
                      if found & {" ".join(lower_key(k))
                                  for k in self.agreement_keywords.get(a.agreement_id, ())}]
        return self._pick(candidates, when, strict=True)

    def _pick(self, ids: list[str], when: dt.date | None, strict: bool = False) -> Agreement | None:
        agreements = [self._agreements_by_id[i] for i in ids]
        if not agreements:
            return None
        if when is None:
            return agreements[0]
        before = [a for a in agreements if a.date and dt.date.fromisoformat(a.date) <= when]
        if before:
            return max(before, key=lambda a: a.date or "")
        return None if strict else agreements[0]

    # ----------------------------------------------------------------- periods
    def periods_at(self, when: dt.date) -> list[Period]:
        return [p for p in self.periods if p.covers(when)]

    def find_period(self, text: str) -> Period | None:
        norm = f" {' '.join(lower_key(text))} "
        best: tuple[int, Period] | None = None
        for period in self.periods:
            for alias in (period.name, *period.aliases):
                key = " ".join(lower_key(alias))
                if key and f" {key} " in norm and (best is None or len(key) > best[0]):
                    best = (len(key), period)
        return best[1] if best else None


def _written_variants(form: str) -> list[str]:
    """A form as written, without a leading "the", with a capitalised first letter (sentence
    start), and without accents ("Erdoğan" -> "Erdogan")."""
    out = [form]
    if form.lower().startswith("the ") and len(form) > 4:
        out.append(form[4:])
    for f in list(out):
        if f[:1].islower():
            out.append(f[:1].upper() + f[1:])
    for f in list(out):
        folded = fold(f)
        if folded != f:
            out.append(folded)
    return list(dict.fromkeys(out))


def _phrase_regex(keys: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted((k for k in keys if k), key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in alternatives) + r")(?![\w])")


__all__ = [
    "ActorEntry",
    "KnowledgePack",
    "Period",
    "PersonEntry",
    "PlaceEntry",
    "SectorTerm",
    "Tenure",
]
