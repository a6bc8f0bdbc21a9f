"""Build a synthetic ceasefire database of a given size, for measuring query speed.

    python benchmarks/synth_events.py --events 1000000 --db /tmp/synth-1m.duckdb

The database has the project's real schema (``ceasefire.store.SCHEMA``, written
through ``Store``) and realistic shapes: documents of 5-35 events with two
sentences per event, published 1988-2024 with peaks in the war years; about 40
actors (top codes and their sectors from the knowledge pack) picked with a
skewed distribution; all 16 PLOVER types with CAMEO codes, Goldstein scores and
quad classes of the ontology; places of the Karabakh pack; negated,
hypothetical and attributed events; casualty claims; the pack's agreements,
with AGREE events linked to them. Rows are generated in DuckDB SQL from a hash
of the row number and the seed, so the same seed gives the same database.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

from ceasefire import __version__
from ceasefire.actors.pack import KnowledgePack
from ceasefire.events.ontology import DEFAULT_CAMEO, PLOVER_TYPES, QUAD_CLASS, load_ontology
from ceasefire.store import Store

# share of events per PLOVER type: conflict reporting dominates
TYPE_WEIGHTS = {
    "ACCUSE": 14, "ASSAULT": 16, "CONSULT": 12, "AGREE": 6, "SUPPORT": 5, "CONCEDE": 2,
    "COOPERATE": 4, "AID": 3, "RETREAT": 3, "REQUEST": 7, "REJECT": 6, "THREATEN": 6,
    "PROTEST": 4, "SANCTION": 3, "MOBILIZE": 5, "COERCE": 4,
}
# the actors of the conflict first: the i-th top code gets weight 1 / (i + 1) ** 1.1
TOP_CODES = [
    "AZE", "ARM", "NKR", "RUS", "TUR", "IRN", "USA", "FRA", "OSCE", "EU", "GEO", "UN", "ICRC",
    "CIS", "CSTO", "NATO", "GBR", "DEU", "ISR", "PAK", "KAZ", "BLR", "UKR", "CHN", "IND",
    "ITA", "HRW", "AMNESTY", "COE", "ICJ", "ICC", "MSF", "GRC", "CYP", "SYR", "IRQ", "EGY",
    "SAU", "QAT", "HUN",
]
# publication years: weight per year (war and escalation years are reported most)
YEAR_WEIGHTS = {
    **{y: 2 for y in range(1988, 2025)},
    1988: 4, 1990: 5, 1991: 8, 1992: 14, 1993: 14, 1994: 10, 2008: 4, 2014: 5, 2016: 10,
    2018: 5, 2020: 30, 2021: 12, 2022: 12, 2023: 20, 2024: 8,
}
CLAIM_KINDS = [("killed", "civilians"), ("killed", "soldiers"), ("wounded", "civilians"),
               ("wounded", "soldiers"), ("displaced", "civilians"), ("captured", "soldiers")]
SLOTS = 1000


def _modes() -> dict[str, list[str | None]]:
    """The modes of every PLOVER type (None = no mode), from the ontology's score table."""
    out: dict[str, list[str | None]] = {t: [] for t in PLOVER_TYPES}
    path = resources.files("ceasefire.data.ontology") / "plover_scores.tsv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["plover_event"] in out:
                out[row["plover_event"]].append(row["mode"] or None)
    return out


def _cameo_codes() -> dict[str, list[str]]:
    """CAMEO codes of every PLOVER type, from the ontology's CAMEO crosswalk."""
    out: dict[str, list[str]] = {t: [] for t in PLOVER_TYPES}
    path = resources.files("ceasefire.data.ontology") / "cameo.tsv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["plover_type"] in out:
                out[row["plover_type"]].append(row["cameo"])
    for t in PLOVER_TYPES:
        out[t] = out[t] or [DEFAULT_CAMEO[t]]
    return out


def _slots(weights: list[tuple[Any, float]]) -> list[Any]:
    """SLOTS items, each repeated in proportion to its weight (for a uniform pick)."""
    total = sum(w for _, w in weights)
    out: list[Any] = []
    for item, w in weights:
        out.extend([item] * max(1, round(SLOTS * w / total)))
    return (out * 2)[:SLOTS]


def lookups(pack: KnowledgePack) -> dict[str, list[tuple[Any, ...]]]:
    """The small tables the generator picks from: types, actors, years, places."""
    onto = load_ontology()
    modes, cameos = _modes(), _cameo_codes()
    type_rows = []
    for t in PLOVER_TYPES:
        for mode in modes[t] or [None]:
            for code in cameos[t][:6]:
                g = onto.describe(t, mode, code)
                type_rows.append(((t, mode, g["cameo"], g["goldstein"], QUAD_CLASS[t]),
                                  TYPE_WEIGHTS[t] / (len(modes[t] or [None]) * len(cameos[t][:6]))))
    actors = []
    for i, code in enumerate(c for c in TOP_CODES if c in pack.actors):
        members = [code, *sorted(a for a in pack.actors if a.startswith(code + "."))]
        weight = 1 / (i + 1) ** 1.1
        for j, actor_id in enumerate(members):
            entry = pack.actors[actor_id]
            share = 0.5 if j == 0 else 0.5 / max(1, len(members) - 1)
            actors.append(((actor_id, entry.name, entry.country, entry.sector, code),
                           weight * (share if len(members) > 1 else 1.0)))
    places = [(p.name, p.country, p.lat, p.lon) for p in pack.places.values()
              if p.lat is not None and "karabakh" in p.source]
    return {
        "types": _slots(type_rows),
        "actors": _slots(actors),
        "years": _slots(list(YEAR_WEIGHTS.items())),
        "places": places,
        "claims": CLAIM_KINDS,
    }


def build(db: Path, events: int, seed: int = 1) -> dict[str, int]:
    """Write a database of ``events`` events to ``db`` (which must not exist)."""
    if db.exists():
        raise SystemExit(f"{db} exists; remove it or choose another --db")
    pack = KnowledgePack.load()
    with Store(db) as store:
        store.add_agreements(pack.agreements)
        con = store.con
        tables = lookups(pack)
        con.execute("CREATE TEMP TABLE l_type (slot INTEGER, type VARCHAR, mode VARCHAR, "
                    "cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER)")
        con.executemany("INSERT INTO l_type VALUES (?,?,?,?,?,?)",
                        [(i, *r) for i, r in enumerate(tables["types"])])
        con.execute("CREATE TEMP TABLE l_actor (slot INTEGER, id VARCHAR, name VARCHAR, "
                    "country VARCHAR, sector VARCHAR, top VARCHAR)")
        con.executemany("INSERT INTO l_actor VALUES (?,?,?,?,?,?)",
                        [(i, *r) for i, r in enumerate(tables["actors"])])
        con.execute("CREATE TEMP TABLE l_year (slot INTEGER, year INTEGER)")
        con.executemany("INSERT INTO l_year VALUES (?,?)", list(enumerate(tables["years"])))
        con.execute("CREATE TEMP TABLE l_place (slot INTEGER, name VARCHAR, country VARCHAR, "
                    "lat DOUBLE, lon DOUBLE)")
        con.executemany("INSERT INTO l_place VALUES (?,?,?,?,?)",
                        [(i, *r) for i, r in enumerate(tables["places"])])
        con.execute("CREATE TEMP TABLE l_claim (slot INTEGER, kind VARCHAR, category VARCHAR)")
        con.executemany("INSERT INTO l_claim VALUES (?,?,?)",
                        [(i, *r) for i, r in enumerate(tables["claims"])])
        n_places = len(tables["places"])
        n_claims = len(tables["claims"])
        # u(x, k): a deterministic number in [0, 1) for row x and stream k
        con.execute(f"CREATE TEMP MACRO u(x, k) AS "
                    f"(hash(x, k, {int(seed)}) % 1000000)::DOUBLE / 1000000")
        con.execute(f"CREATE TEMP MACRO pick(x, k) AS (hash(x, k, {int(seed)}) % {SLOTS})::INTEGER")
        version = __version__
        # -- documents: 5..35 events each, until `events` are placed
        n_docs_max = events // 5 + 2
        con.execute(f"""
            CREATE TEMP TABLE d AS
            SELECT *, sum(n_ev) OVER (ORDER BY d ROWS UNBOUNDED PRECEDING) - n_ev AS first_ev
            FROM (SELECT range AS d, 5 + (hash(range, 1, {int(seed)}) % 31)::INTEGER AS n_ev,
                         y.year, (u(range, 2) * 365)::INTEGER AS doy,
                         ['Azatutyun', 'APA', 'Reuters', 'AFP', 'TASS', 'Armenpress',
                          'Trend', 'BBC', 'Eurasianet', 'OC Media'][1 + pick(range, 3) % 10]
                           AS publisher
                  FROM range({n_docs_max}) JOIN l_year y ON y.slot = pick(range, 4))
        """)
        con.execute(f"DELETE FROM d WHERE first_ev >= {int(events)}")
        con.execute(f"UPDATE d SET n_ev = least(n_ev, {int(events)} - first_ev)")
        con.execute("""
            CREATE TEMP TABLE dd AS SELECT d, n_ev, first_ev, publisher,
                'doc-' || substr(md5('doc' || d::VARCHAR), 1, 16) AS doc_id,
                make_date(year, 1, 1) + doy AS published,
                2 * n_ev AS n_sent
            FROM d
        """)
        # -- events: the k-th event of a document sits in sentence 2k (every 8th shares
        # the sentence of the one before, as in "A hosted the ministers of B and C")
        con.execute(f"""
            CREATE TEMP TABLE ev AS
            SELECT e.*, t.type, t.mode, t.cameo, t.goldstein, t.quad_class,
                   s.id AS source_id, s.name AS source_name, s.country AS source_country,
                   s.sector AS source_sector, s.top AS source_top,
                   CASE WHEN tg.top = s.top THEN tg2.id ELSE tg.id END AS target_id,
                   CASE WHEN tg.top = s.top THEN tg2.name ELSE tg.name END AS target_name,
                   CASE WHEN tg.top = s.top THEN tg2.country ELSE tg.country END AS target_country,
                   CASE WHEN tg.top = s.top THEN tg2.sector ELSE tg.sector END AS target_sector,
                   atr.id AS at_id, atr.name AS at_name, atr.country AS at_country,
                   atr.sector AS at_sector
            FROM (
                SELECT dd.doc_id, dd.published, dd.first_ev + k AS i, k,
                       (2 * k - CASE WHEN k % 8 = 1 THEN 2 ELSE 0 END)::INTEGER AS sentence_idx
                FROM dd, range(dd.n_ev) r(k)
            ) e
            JOIN l_type t ON t.slot = pick(e.i, 10)
            JOIN l_actor s ON s.slot = pick(e.i, 11)
            JOIN l_actor tg ON tg.slot = pick(e.i, 12)
            JOIN l_actor tg2 ON tg2.slot = (pick(e.i, 12) + 37 * (1 + pick(e.i, 13) % 20)) % {SLOTS}
            JOIN l_actor atr ON atr.slot = pick(e.i, 14)
        """)
        con.execute("""
            CREATE TEMP TABLE ev2 AS
            SELECT ev.*,
                CASE WHEN u(i, 20) < 0.70 THEN 'day' WHEN u(i, 20) < 0.85 THEN 'month'
                     WHEN u(i, 20) < 0.95 THEN 'year' ELSE NULL END AS date_precision,
                published - (u(i, 21) * 10)::INTEGER AS d_day,
                u(i, 22) < 0.08 AS no_source, u(i, 23) < 0.12 AS no_target,
                u(i, 24) < 0.03 AS negated, u(i, 25) < 0.04 AS hypothetical,
                u(i, 26) < 0.10 AS attributed, u(i, 27) < 0.35 AS located
            FROM ev
        """)
        con.execute(f"""
            INSERT INTO events (event_id, doc_id, sentence_idx, sentence, type, mode, cameo,
                goldstein, quad_class, source_id, source_name, source_country, source_sector,
                target_id, target_name, target_country, target_sector, date, date_precision,
                date_start, location_name, location_country, lat, lon, negated, hypothetical,
                attributed_id, attributed_name, attributed_country, attributed_sector,
                ev_start, ev_end, ev_text, rule, confidence, agreement_id, coder_version)
            SELECT 'ev-' || substr(md5('ev' || i::VARCHAR), 1, 16), doc_id, sentence_idx,
                NULL, type, mode, cameo, goldstein, quad_class,
                CASE WHEN no_source THEN NULL ELSE source_id END,
                CASE WHEN no_source THEN NULL ELSE source_name END,
                CASE WHEN no_source THEN NULL ELSE source_country END,
                CASE WHEN no_source THEN NULL ELSE source_sector END,
                CASE WHEN no_target THEN NULL ELSE target_id END,
                CASE WHEN no_target THEN NULL ELSE target_name END,
                CASE WHEN no_target THEN NULL ELSE target_country END,
                CASE WHEN no_target THEN NULL ELSE target_sector END,
                CASE date_precision WHEN 'day' THEN strftime(d_day, '%Y-%m-%d')
                     WHEN 'month' THEN strftime(d_day, '%Y-%m')
                     WHEN 'year' THEN strftime(d_day, '%Y') END,
                date_precision,
                CASE date_precision WHEN 'day' THEN d_day
                     WHEN 'month' THEN date_trunc('month', d_day)::DATE
                     WHEN 'year' THEN date_trunc('year', d_day)::DATE END,
                p.name, p.country, p.lat, p.lon, negated, hypothetical,
                CASE WHEN attributed THEN at_id END, CASE WHEN attributed THEN at_name END,
                CASE WHEN attributed THEN at_country END, CASE WHEN attributed THEN at_sector END,
                100 * sentence_idx + 12, 100 * sentence_idx + 22, lower(type),
                'synthetic.' || lower(type), round(0.5 + u(i, 28) / 2, 3), NULL, '{version}'
            FROM ev2 LEFT JOIN l_place p ON located AND p.slot = (hash(i, 29) % {n_places})
        """)
        # AGREE events near an agreement's date, between its parties, refer to it
        con.execute("""
            UPDATE events SET agreement_id = a.agreement_id FROM agreements a
            WHERE events.type = 'AGREE' AND events.date_start IS NOT NULL
              AND abs(events.date_start - CAST(a.date AS DATE)) <= 20
              AND list_contains(a.parties, split_part(events.source_id, '.', 1))
        """)
        # -- sentences, padded to 99 characters and joined by a space: sentence k of a
        # document spans [100k, 100k + 99)
        con.execute("""
            CREATE TEMP TABLE st AS
            SELECT dd.doc_id, s.idx::INTEGER AS idx, rpad(coalesce(
                (SELECT first(coalesce(e.source_name, 'Officials') || ' ' || lower(e.type)
                              || ' ' || coalesce(e.target_name, 'the other side')
                              || coalesce(' near ' || e.location_name, '') || '.'
                              ORDER BY e.event_id)
                 FROM events e WHERE e.doc_id = dd.doc_id AND e.sentence_idx = s.idx),
                'Background paragraph ' || s.idx::VARCHAR || ' of the report.'), 99, ' ') AS text
            FROM dd, range(dd.n_sent) s(idx)
        """)
        con.execute(f"""
            INSERT INTO sentences (doc_id, idx, start_char, end_char, text, parsed, coder_version)
            SELECT doc_id, idx, 100 * idx, 100 * idx + 99, text, true, '{version}' FROM st
        """)
        con.execute("""
            UPDATE events SET sentence = st.text FROM st
            WHERE st.doc_id = events.doc_id AND st.idx = events.sentence_idx
        """)
        # -- claims: about one document in two gives a casualty figure
        con.execute(f"""
            INSERT INTO claims (claim_id, doc_id, sentence_idx, sentence, kind, low, best,
                high, unit, about_id, about_name, about_country, about_sector, category,
                as_of, attributed_id, attributed_name, attributed_country, attributed_sector,
                ev_start, ev_end, ev_text, rule, coder_version)
            SELECT 'cl-' || substr(md5('cl' || d::VARCHAR), 1, 16), dd.doc_id, 1, st.text,
                c.kind, NULL,
                (5 * (1 + hash(d, 41) % 200))::BIGINT, NULL, 'people',
                a.id, a.name, a.country, a.sector, c.category,
                CASE WHEN u(d, 42) < 0.6 THEN strftime(published, '%Y-%m-%d') END,
                b.id, b.name, b.country, b.sector,
                112, 130, 'casualties', 'synthetic.claim', '{version}'
            FROM dd JOIN st ON st.doc_id = dd.doc_id AND st.idx = 1
            JOIN l_claim c ON c.slot = hash(d, 43) % {n_claims}
            JOIN l_actor a ON a.slot = pick(d, 44) % 20
            JOIN l_actor b ON b.slot = pick(d, 45)
            WHERE u(d, 40) < 0.5
        """)
        con.execute(f"""
            INSERT INTO mentions (doc_id, sentence_idx, start_char, end_char, text, actor_id,
                kind, coder_version)
            SELECT doc_id, sentence_idx, 100 * sentence_idx, 100 * sentence_idx + 10,
                source_name, source_id, 'actor', '{version}' FROM events
            WHERE source_id IS NOT NULL
        """)
        con.execute("""
            INSERT OR IGNORE INTO actors (actor_id, name, country, sector, top)
            SELECT DISTINCT id, name, country, sector, top FROM l_actor
        """)
        con.execute(f"""
            INSERT INTO documents (doc_id, title, author, publisher, published,
                published_source, path, url, fmt, text, n_sentences, n_events, n_claims,
                coder_version)
            SELECT dd.doc_id, 'Report ' || dd.d::VARCHAR || ' on the conflict', NULL,
                dd.publisher, dd.published, 'metadata', NULL,
                'https://example.org/news/' || dd.doc_id, 'txt',
                (SELECT string_agg(text, ' ' ORDER BY idx) FROM st WHERE st.doc_id = dd.doc_id),
                dd.n_sent, dd.n_ev,
                (SELECT count(*) FROM claims c WHERE c.doc_id = dd.doc_id)::INTEGER,
                '{version}'
            FROM dd
        """)
        con.execute("CHECKPOINT")
        return store.counts()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    counts = build(args.db, args.events, args.seed)
    print(f"{args.db}: {counts} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
