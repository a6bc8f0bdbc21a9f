"""ActorResolver: noun-phrase text -> actor ids, sectors, office holders and tenures."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.actors import ActorResolver, KnowledgePack
from ceasefire.types import ActorRef

D = dt.date


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgePack.load())


@pytest.mark.parametrize(
    ("phrase", "when", "expected"),
    [
        ("Azerbaijani forces", None, "AZE.MIL"),
        ("Azeri troops", None, "AZE.MIL"),
        ("Armenian soldiers", None, "ARM.MIL"),
        ("Russian peacekeepers", None, "RUS.MIL"),
        ("the Armenian Prime Minister", D(2020, 10, 1), "ARM.GOV"),
        ("Baku", None, "AZE.GOV"),
        ("Yerevan", None, "ARM.GOV"),
        ("Moscow", None, "RUS.GOV"),
        ("Ankara", None, "TUR.GOV"),
        ("Tehran", None, "IRN.GOV"),
        ("Paris", None, "FRA.GOV"),
        ("Washington", None, "USA.GOV"),
        ("Azerbaijan", None, "AZE"),
        ("Russia's", None, "RUS"),
        ("Türkiye", None, "TUR"),
        ("Turkey", None, "TUR"),
        ("Iran", None, "IRN"),
        ("the U.S.", None, "USA"),
        ("US", None, "USA"),
        ("America", None, "USA"),
        ("ARMENIA", None, "ARM"),
        ("Pashinyan", D(2020, 10, 1), "ARM.GOV"),
        ("the OSCE Minsk Group", None, "OSCE.MINSK"),
        ("the Minsk group co-chairs", None, "OSCE.MINSK"),
        ("the Chairman-in-office", None, "OSCE.CIO"),
        ("the UN Security Council", None, "UN.UNSC"),
        ("the UN General Assembly", None, "UN.UNGA"),
        ("UNHCR", None, "UN.UNHCR"),
        ("the European Commission", None, "EU.EC"),
        ("the European Parliament", None, "EU.EP"),
        ("the European Council", None, "EU.COUNCIL"),
        ("the EU monitoring mission", None, "EU.EUMA"),
        ("PACE", None, "COE.PACE"),
        ("the CSTO", None, "CSTO"),
        ("the International Court of Justice", None, "ICJ"),
        ("the Red Cross", None, "ICRC"),
        ("Armenia's defence ministry", None, "ARM.MIL"),
        ("the Armenian Defence Ministry spokeswoman", None, "ARM.MIL"),
        ("Azerbaijani defence ministry officials", None, "AZE.MIL"),
        ("Russia's defence minister", D(2020, 10, 1), "RUS.MIL"),
        ("Karabakh's separatist authorities", None, "NKR"),
        ("the Nagorno-Karabakh Republic", None, "NKR"),
        ("Artsakh", None, "NKR"),
        ("Stepanakert", None, "NKR"),
        ("the Artsakh president", D(2021, 1, 1), "NKR"),
        ("ethnic Armenian forces", None, "NKR.MIL"),
        ("Karabakh forces", None, "NKR.MIL"),
        ("the Artsakh Defence Army", None, "NKR.MIL"),
        ("Karabakh Armenians", None, "NKR.CVL"),
        ("Armenian-backed separatists", None, "NKR"),
        ("Russian-brokered", None, "RUS"),
        ("Turkish-backed Azerbaijani forces", None, "AZE.MIL"),
        ("Armenian police", None, "ARM.COP"),
        ("Azerbaijani border guards", None, "AZE.COP"),
        ("Armenian lawmakers", None, "ARM.LEG"),
        ("Armenian MPs", None, "ARM.LEG"),
        ("the Armenian opposition", None, "ARM.OPP"),
        ("Azerbaijani civilians", None, "AZE.CVL"),
        ("Armenian protesters", None, "ARM.CVL"),
        ("Turkish journalists", None, "TUR.JRN"),
        ("Iranian intelligence", None, "IRN.SPY"),
        ("Georgian courts", None, "GEO.JUD"),
        ("the Armenian side", None, "ARM"),
        ("a spokesman for the Armenian Defence Ministry", None, "ARM.MIL"),
        ("Armenia's Security Council", None, "ARM.GOV"),
        ("Azerbaijani forces in Nagorno-Karabakh", None, "AZE.MIL"),
        ("Erdogan", None, "TUR.GOV"),
        ("Erdoğan", None, "TUR.GOV"),
        ("Cavusoglu", D(2020, 1, 1), "TUR.GOV"),
        ("Lavrov", D(2020, 10, 10), "RUS.GOV"),
        ("Shoigu", D(2020, 10, 10), "RUS.MIL"),
        ("Macron", D(2020, 10, 10), "FRA.GOV"),
        ("Charles Michel", D(2022, 5, 22), "EU.COUNCIL"),
        ("Hikmat Hajiyev", D(2022, 6, 6), "AZE.GOV"),
        ("Jake Sullivan", D(2022, 6, 6), "USA.GOV"),
        ("Zakir Hasanov", D(2020, 10, 1), "AZE.MIL"),
        ("Davit Tonoyan", D(2020, 10, 1), "ARM.MIL"),
        ("Bako Sahakyan", D(2016, 4, 2), "NKR"),
        ("Arayik Harutyunyan", D(2021, 6, 1), "NKR"),
        ("the Kremlin", None, "RUS.GOV"),
        ("the White House", None, "USA.GOV"),
    ],
)
def test_actors_resolve_literal_phrases(resolver: ActorResolver, phrase: str,
                                        when: dt.date | None, expected: str) -> None:
    ref = resolver.resolve(phrase, when)
    assert ref is not None, phrase
    assert ref.id == expected


@pytest.mark.parametrize("phrase", ["us", "the military", "government troops", "the separatists",
                                    "turkey", "they", "", "peacekeepers in Nagorno-Karabakh"])
def test_actors_resolve_returns_none_without_a_known_actor(resolver: ActorResolver,
                                                           phrase: str) -> None:
    assert resolver.resolve(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "when", "expected"),
    [
        ("the Armenian Prime Minister", D(2017, 6, 1), "Karen Karapetyan"),
        ("the Armenian Prime Minister", D(2018, 4, 20), "Serzh Sargsyan"),
        ("the Armenian Prime Minister", D(2020, 10, 1), "Nikol Pashinyan"),
        ("the Prime Minister of Armenia", D(2019, 1, 1), "Nikol Pashinyan"),
        ("the Armenian president", D(2012, 1, 1), "Serzh Sargsyan"),
        ("Azerbaijan's president", D(2000, 1, 1), "Heydar Aliyev"),
        ("Azerbaijan's president", D(2020, 1, 1), "Ilham Aliyev"),
        ("the Azerbaijani foreign minister", D(2019, 1, 1), "Elmar Mammadyarov"),
        ("the Azerbaijani foreign minister", D(2021, 1, 1), "Jeyhun Bayramov"),
        ("Russia's defence minister", D(2020, 10, 1), "Sergei Shoigu"),
        ("the US Secretary of State", D(2020, 10, 25), "Mike Pompeo"),
        ("the US Secretary of State", D(2023, 1, 1), "Antony Blinken"),
        ("the Turkish foreign minister", D(2024, 1, 1), "Hakan Fidan"),
        ("the Artsakh president", D(2021, 1, 1), "Arayik Harutyunyan"),
        ("President Aliyev", D(1998, 1, 1), "Heydar Aliyev"),
        ("President Aliyev", D(2020, 1, 1), "Ilham Aliyev"),
        ("Russian President Vladimir Putin", None, "Vladimir Putin"),
    ],
)
def test_actors_resolve_names_the_office_holder(resolver: ActorResolver, phrase: str,
                                                when: dt.date, expected: str) -> None:
    ref = resolver.resolve(phrase, when)
    assert ref is not None
    assert ref.name == expected


@pytest.mark.parametrize(
    ("phrase", "when", "expected"),
    [
        ("Pashinyan", D(2016, 1, 1), "ARM.OPP"),
        ("Pashinyan", D(2018, 5, 8), "ARM.GOV"),
        ("Serzh Sargsyan", D(2005, 1, 1), "ARM.MIL"),
        ("Serzh Sargsyan", D(2010, 1, 1), "ARM.GOV"),
        ("Serzh Sargsyan", D(2020, 1, 1), "ARM.ELI"),
        ("Kocharyan", D(1995, 1, 1), "NKR"),
        ("Kocharyan", D(2005, 1, 1), "ARM.GOV"),
        ("Kocharyan", D(2015, 1, 1), "ARM.ELI"),
        ("Kocharyan", D(2021, 6, 1), "ARM.OPP"),
        ("Levon Ter-Petrosyan", D(1993, 1, 1), "ARM.GOV"),
        ("Heydar Aliyev", D(1995, 1, 1), "AZE.GOV"),
        ("Donald Trump", D(2019, 1, 1), "USA.GOV"),
        ("Donald Trump", D(2022, 1, 1), "USA.ELI"),
        ("Donald Trump", D(2025, 8, 8), "USA.GOV"),
        ("Joe Biden", D(2022, 1, 1), "USA.GOV"),
        ("Shoigu", D(2025, 1, 1), "RUS.GOV"),
        ("Hakan Fidan", D(2020, 1, 1), "TUR.SPY"),
        ("Hakan Fidan", D(2024, 1, 1), "TUR.GOV"),
        ("Ararat Mirzoyan", D(2020, 1, 1), "ARM.LEG"),
        ("Ararat Mirzoyan", D(2022, 1, 1), "ARM.GOV"),
        ("Ruben Vardanyan", D(2023, 1, 1), "NKR"),
        ("Samvel Shahramanyan", D(2023, 9, 28), "NKR"),
    ],
)
def test_actors_resolve_person_by_tenure(resolver: ActorResolver, phrase: str, when: dt.date,
                                         expected: str) -> None:
    ref = resolver.resolve(phrase, when)
    assert ref is not None
    assert ref.id == expected


def test_actors_resolve_person_keeps_full_name_and_country(resolver: ActorResolver) -> None:
    assert resolver.resolve("Pashinyan", D(2020, 10, 1)) == ActorRef(
        "ARM.GOV", "Nikol Pashinyan", "ARM", "GOV")
    assert resolver.resolve("Kocharyan", D(1995, 1, 1)) == ActorRef(
        "NKR", "Robert Kocharyan", "AZE", "PRE")


def test_actors_resolve_without_date_uses_current_tenure(resolver: ActorResolver) -> None:
    ref = resolver.resolve("Aliyev")
    assert ref is not None and ref.name == "Ilham Aliyev" and ref.id == "AZE.GOV"


def test_actors_resolve_nkr_is_country_aze_sector_pre(resolver: ActorResolver) -> None:
    assert resolver.resolve("Karabakh authorities") == ActorRef(
        "NKR", "Nagorno-Karabakh de facto authorities", "AZE", "PRE")
    mil = resolver.resolve("Karabakh forces")
    assert mil is not None and (mil.country, mil.sector) == ("AZE", "MIL")


@pytest.mark.parametrize(
    ("phrase", "when", "expected"),
    [
        ("Armenia and Azerbaijan", None, ["ARM", "AZE"]),
        ("Yerevan and Baku", None, ["ARM.GOV", "AZE.GOV"]),
        ("Russia, Turkey and Iran", None, ["RUS", "TUR", "IRN"]),
        ("the foreign ministers of Azerbaijan and Armenia", D(2020, 10, 10),
         ["AZE.GOV", "ARM.GOV"]),
        ("Armenian and Azerbaijani forces", None, ["ARM.MIL", "AZE.MIL"]),
        ("Armenia and Azerbaijan's defence ministers", D(2020, 10, 1), ["ARM.MIL", "AZE.MIL"]),
        ("the leaders of Russia, Armenia and Azerbaijan", D(2020, 11, 9),
         ["RUS.GOV", "ARM.GOV", "AZE.GOV"]),
        ("Armenian-Azerbaijani", None, ["ARM", "AZE"]),
        ("Pashinyan and Aliyev", D(2022, 10, 31), ["ARM.GOV", "AZE.GOV"]),
        ("Putin, Aliyev as well as Pashinyan", D(2020, 11, 9), ["RUS.GOV", "AZE.GOV", "ARM.GOV"]),
        ("Bosnia and Herzegovina", None, ["BIH"]),
        ("the Organization for Security and Co-operation in Europe", None, ["OSCE"]),
        ("Azerbaijan and the separatists", None, ["AZE"]),
    ],
)
def test_actors_resolve_all_conjoined_phrases(resolver: ActorResolver, phrase: str,
                                              when: dt.date | None, expected: list[str]) -> None:
    assert [a.id for a in resolver.resolve_all(phrase, when)] == expected


def test_actors_resolve_first_of_a_conjunction(resolver: ActorResolver) -> None:
    ref = resolver.resolve("the foreign ministers of Azerbaijan and Armenia", D(2020, 10, 10))
    assert ref == ActorRef("AZE.GOV", "Jeyhun Bayramov", "AZE", "GOV")


@pytest.mark.parametrize(
    ("word", "expected"),
    [("forces", "MIL"), ("troops", "MIL"), ("army", "MIL"), ("servicemen", "MIL"),
     ("peacekeepers", "MIL"), ("armed forces", "MIL"), ("defence ministry", "MIL"),
     ("defense ministry", "MIL"), ("ministry", "GOV"), ("ministries", "GOV"),
     ("government", "GOV"), ("president", "GOV"), ("premier", "GOV"), ("officials", "GOV"),
     ("authorities", "GOV"), ("delegation", "GOV"), ("diplomats", "GOV"), ("parliament", "LEG"),
     ("lawmakers", "LEG"), ("court", "JUD"), ("judges", "JUD"), ("police", "COP"),
     ("border guards", "COP"), ("intelligence", "SPY"), ("security service", "SPY"),
     ("rebels", "REB"), ("separatists", "REB"), ("militants", "REB"), ("insurgents", "REB"),
     ("opposition", "OPP"), ("protesters", "CVL"), ("demonstrators", "CVL"),
     ("civilians", "CVL"), ("residents", "CVL"), ("villagers", "CVL"), ("population", "CVL"),
     ("media", "JRN"), ("journalists", "JRN"), ("press", "JRN"), ("companies", "BUS"),
     ("refugees", "REF"), ("displaced", "REF"), ("church", "REL"), ("clergy", "REL"),
     ("Troops", "MIL"), ("doctors", "MED"), ("banana", None), ("", None)],
)
def test_actors_sector_for_lexicon(resolver: ActorResolver, word: str,
                                   expected: str | None) -> None:
    assert resolver.sector_for(word) == expected


def test_actors_unknown_keeps_raw_text(resolver: ActorResolver) -> None:
    assert resolver.unknown("the  Wagner Group") == ActorRef("UNK", "the Wagner Group", None, None)


def test_actors_resolve_is_cached_and_returns_copies(resolver: ActorResolver) -> None:
    first = resolver.resolve_all("Armenia and Azerbaijan")
    first.append(ActorRef("X", "x"))
    assert [a.id for a in resolver.resolve_all("Armenia and Azerbaijan")] == ["ARM", "AZE"]
