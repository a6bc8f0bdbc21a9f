"""KnowledgePack: loading, validation, places, agreements, periods, entity-ruler patterns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ceasefire.actors import KnowledgePack
from ceasefire.errors import ConfigError
from ceasefire.types import Place

D = dt.date


@pytest.fixture(scope="module")
def pack() -> KnowledgePack:
    return KnowledgePack.load()


def test_actors_pack_has_every_iso_state(pack: KnowledgePack) -> None:
    import pycountry

    states = {a.id for a in pack.actors.values() if a.kind == "state"}
    assert {c.alpha_3 for c in pycountry.countries} <= states
    assert "KOS" in states


@pytest.mark.parametrize(
    ("code", "name", "demonym", "capital"),
    [("ARM", "Armenia", "Armenian", "Yerevan"), ("AZE", "Azerbaijan", "Azeri", "Baku"),
     ("RUS", "Russia", "Russian", "Moscow"), ("TUR", "Turkey", "Turkish", "Ankara"),
     ("IRN", "Iran", "Iranian", "Tehran"), ("FRA", "France", "French", "Paris"),
     ("USA", "United States", "American", "Washington"), ("GEO", "Georgia", "Georgian",
                                                          "Tbilisi")],
)
def test_actors_pack_state_names_demonyms_capitals(pack: KnowledgePack, code: str, name: str,
                                                   demonym: str, capital: str) -> None:
    entry = pack.actors[code]
    assert entry.name == name
    assert demonym in entry.demonyms
    assert entry.capital == capital
    place = pack.places[capital]
    assert place.country == code and place.lat is not None and place.lon is not None


def test_actors_pack_short_names(pack: KnowledgePack) -> None:
    assert {"US", "U.S.", "America"} <= set(pack.actors["USA"].names)
    assert {"Türkiye", "Turkey"} <= set(pack.actors["TUR"].names)
    assert "Russian Federation" in pack.actors["RUS"].names


def test_actors_pack_at_least_eighty_states_have_demonyms(pack: KnowledgePack) -> None:
    assert sum(1 for a in pack.actors.values() if a.kind == "state" and a.demonyms) >= 80


@pytest.mark.parametrize("body", ["UN.UNSC", "UN.UNGA", "UN.UNHCR", "OSCE.MINSK", "OSCE.CIO",
                                  "EU.EC", "EU.EP", "EU.COUNCIL", "EU.EUMA", "COE.PACE"])
def test_actors_pack_org_bodies_have_parents(pack: KnowledgePack, body: str) -> None:
    entry = pack.actors[body]
    assert entry.kind == "body" and entry.parent == body.split(".")[0]


def test_actors_pack_nkr_is_defacto_aze_pre(pack: KnowledgePack) -> None:
    nkr = pack.actors["NKR"]
    assert (nkr.kind, nkr.country, nkr.sector) == ("defacto", "AZE", "PRE")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [("Stepanakert", "Stepanakert", "AZE"), ("Khankendi", "Stepanakert", "AZE"),
     ("Shushi", "Shusha", "AZE"), ("Shusha's", "Shusha", "AZE"),
     ("the Lachin corridor", "Lachin corridor", "AZE"), ("Sugovushan", "Madagiz", "AZE"),
     ("Terter", "Tartar", "AZE"), ("the city of Ganja", "Ganja", "AZE"),
     ("Gyumri", "Gyumri", "ARM"), ("Tegh", "Tegh", "ARM"), ("the Hakari bridge", "Hakari bridge",
                                                           "AZE"),
     ("Sochi", "Sochi", "RUS"), ("Bishkek", "Bishkek", "KGZ"), ("Minsk", "Minsk", "BLR"),
     ("Baku", "Baku", "AZE"), ("Nagorno-Karabakh", "Nagorno-Karabakh", "AZE"),
     ("Nagorno Karabakh", "Nagorno-Karabakh", "AZE"), ("Armenia", "Armenia", "ARM")],
)
def test_actors_pack_find_place_variants(pack: KnowledgePack, text: str, name: str,
                                         country: str) -> None:
    place = pack.find_place(text)
    assert place is not None
    assert (place.name, place.country) == (name, country)


def test_actors_pack_find_place_coordinates(pack: KnowledgePack) -> None:
    place = pack.find_place("Stepanakert")
    assert isinstance(place, Place)
    assert place.lat == pytest.approx(39.8, abs=0.1) and place.lon == pytest.approx(46.75, abs=0.1)
    assert pack.find_place("the river") is None
    assert pack.find_place("ganja") is None  # lower case is not a name


@pytest.mark.parametrize(
    ("text", "when", "agreement_id"),
    [("the Bishkek Protocol", None, "bishkek-1994"),
     ("under the Bishkek protocol", D(2010, 1, 1), "bishkek-1994"),
     ("the November 10 statement", None, "trilateral-2020-11-10"),
     ("the trilateral statement", D(2021, 5, 1), "trilateral-2020-11-10"),
     ("the Sochi statement", None, "sochi-2022-10-31"),
     ("the Washington declaration", None, "washington-2025-08-08"),
     ("the US-brokered ceasefire", None, "washington-2020-10-26"),
     ("a humanitarian ceasefire", D(2020, 10, 11), "moscow-2020-10-10"),
     ("the ceasefire", D(2020, 10, 20), "truce-2020-10-17"),
     ("the ceasefire", D(2020, 10, 28), "washington-2020-10-26"),
     ("the ceasefire", D(2021, 6, 1), "trilateral-2020-11-10"),
     ("the ceasefire", D(2015, 1, 1), "bishkek-1994")],
)
def test_actors_pack_find_agreement(pack: KnowledgePack, text: str, when: dt.date | None,
                                    agreement_id: str) -> None:
    found = pack.find_agreement(text, when)
    assert found is not None
    assert found.agreement_id == agreement_id


def test_actors_pack_find_agreement_none(pack: KnowledgePack) -> None:
    assert pack.find_agreement("the ceasefire", None) is None
    assert pack.find_agreement("the ceasefire", D(1990, 1, 1)) is None
    assert pack.find_agreement("the talks went on", D(2021, 1, 1)) is None


def test_actors_pack_agreement_fields(pack: KnowledgePack) -> None:
    bishkek = pack.agreement("bishkek-1994")
    assert bishkek is not None
    assert (bishkek.date, bishkek.parties, bishkek.brokers, bishkek.place) == (
        "1994-05-05", ["ARM", "AZE", "NKR"], ["RUS", "CIS"], "Bishkek")
    assert pack.agreement_in_force["bishkek-1994"] == D(1994, 5, 12)
    nov = pack.agreement("trilateral-2020-11-10")
    assert nov is not None and nov.parties == ["ARM", "AZE", "RUS"]
    assert pack.agreement_in_force["trilateral-2020-11-10"] == D(2020, 11, 10)


def test_actors_pack_periods(pack: KnowledgePack) -> None:
    names = {p.name for p in pack.periods_at(D(2020, 10, 17))}
    assert names == {"Second Nagorno-Karabakh War"}
    first = next(p for p in pack.periods if p.name == "First Nagorno-Karabakh War")
    assert (first.start, first.end) == (D(1988, 2, 20), D(1994, 5, 12))
    found = pack.find_period("during the 44-day war")
    assert found is not None and found.start == D(2020, 9, 27)


def test_actors_pack_surface_forms(pack: KnowledgePack) -> None:
    forms = pack.surface_forms()
    assert {"Azerbaijani", "Minsk Group", "Pashinyan", "Azerbaijan", "US"} <= set(forms["ACTOR"])
    assert {"Baku", "Yerevan", "Shushi", "Khankendi"} <= set(forms["PLACE"])
    assert "us" not in forms["ACTOR"]


def test_actors_pack_entity_ruler_patterns_work_in_spacy(pack: KnowledgePack) -> None:
    import spacy

    patterns = pack.entity_ruler_patterns()
    assert all(p["label"] in {"ACTOR", "PLACE"} and p["id"] for p in patterns)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    doc = nlp("Azerbaijani forces shelled Stepanakert, Pashinyan told the OSCE Minsk Group.")
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Azerbaijani", "ACTOR", "AZE") in found
    assert ("Stepanakert", "PLACE", "Stepanakert") in found
    assert ("Pashinyan", "ACTOR", "person:nikol_pashinyan") in found
    assert ("OSCE Minsk Group", "ACTOR", "OSCE.MINSK") in found


# ---------------------------------------------------------------- user packs and errors
def _write(tmp_path: Path, name: str, text: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_actors_pack_user_pack_adds_and_overrides(tmp_path: Path) -> None:
    d = _write(tmp_path, "extra.yaml", """
actors:
  - {id: ABK, name: Abkhaz de facto authorities, kind: defacto, country: GEO, sector: PRE,
     names: [Abkhazia, Sukhumi authorities], collapse: [GOV]}
people:
  - name: Nikol Pashinyan
    names: [Pashinyan]
    tenures: [{actor: ARM.GOV, office: prime minister, start: 2018-05-08}]
    default: ARM.OPP
places:
  - {name: Sukhumi, country: GEO, lat: 43.0, lon: 41.02, variants: [Sokhumi], actor: ABK}
""")
    pack = KnowledgePack.load([d])
    assert pack.actors["ABK"].country == "GEO"
    assert pack.find_place("Sokhumi") == Place("Sukhumi", "GEO", 43.0, 41.02)
    assert pack.people["person:nikol_pashinyan"].default == "ARM.OPP"
    assert "NKR" in pack.actors  # the default packs are still there


def test_actors_pack_without_defaults(tmp_path: Path) -> None:
    d = _write(tmp_path, "mini.yaml", """
states:
  - {id: XXA, name: Testland, names: [Testland], demonyms: [Testish]}
""")
    pack = KnowledgePack.load([d], include_default=False)
    assert set(pack.actors) == {"XXA"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("actors: [\n  {id: NKR, kind: defacto\n", "invalid YAML"),
        ("- just a list\n", "must be a mapping"),
        ("actorz: []\n", "unknown section"),
        ("actors:\n  - {id: nkr, name: x, kind: defacto}\n", "not of the form TOP"),
        ("actors:\n  - {id: ABC, name: x, kind: alien}\n", "kind 'alien'"),
        ("actors:\n  - {id: ABC, name: x}\n", "'kind' is missing"),
        ("people:\n  - {name: A B, tenures: [{actor: ARM.GOV, start: 2020-13-01}]}\n",
         "not a date"),
        ("people:\n  - {name: A B, tenures: [{actor: ARM.GOV, start: 2020-01-01,"
         " end: 2019-01-01}]}\n", "before start"),
        ("people:\n  - {name: A B, tenures: [{actor: ZZZ.GOV, start: 2020-01-01}]}\n",
         "not a known actor"),
        ("people:\n  - {name: A B}\n", "'tenures' is missing"),
        ("places:\n  - {name: Here, lat: 120, lon: 0}\n", "lat"),
        ("agreements:\n  - {id: a1, name: A, date: 2020-01-01, parties: [ARM, QQQ]}\n",
         "'QQQ' is not a known actor"),
        ("agreements:\n  - {id: a1, name: A, date: 2020-01-01, place: Atlantis}\n",
         "'Atlantis' is not a known place"),
        ("agreements:\n  - {id: a1, name: A}\n", "'date' is missing"),
        ("periods:\n  - {name: P, start: 2020-02-01, end: 2020-01-01}\n", "before start"),
        ("actors:\n  - {id: ABC, name: x, kind: group}\n  - {id: ABC, name: y, kind: group}\n",
         "duplicate"),
    ],
)
def test_actors_pack_bad_file_raises_config_error_naming_file(tmp_path: Path, text: str,
                                                             message: str) -> None:
    d = _write(tmp_path, "bad.yaml", text)
    with pytest.raises(ConfigError) as info:
        KnowledgePack.load([d])
    assert str(d / "bad.yaml") in str(info.value)
    assert message in str(info.value)


def test_actors_pack_bad_entry_is_named(tmp_path: Path) -> None:
    d = _write(tmp_path, "bad.yaml", "actors:\n  - {id: ABC, name: ok, kind: group}\n"
                                     "  - {id: DEF, name: broken, kind: nonsense}\n")
    with pytest.raises(ConfigError, match=r"actors\[1\] \(DEF\)"):
        KnowledgePack.load([d])


def test_actors_pack_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        KnowledgePack.load([tmp_path / "nope"])
