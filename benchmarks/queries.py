"""Time the API endpoints the dashboard uses, in-process, on a given database.

    python benchmarks/queries.py --db /tmp/synth-1m.duckdb [--runs 30] [--json out.json]

The dashboard's Events page fetches ``/api/events`` with the filters of its form
(actor, type, since, until) and ``limit``/``offset`` paging; the document view
reads one document; the other views (overview, chronology, dyads, network,
ceasefires and mediation, claims, actors) have their ``/api/...`` routes with
their filters. Each case is called through the real app
(``fastapi.testclient.TestClient(create_app(db))``, a fresh read-only
connection per request as in production) twice to warm up, then ``--runs``
times with parameters drawn from the database (busy and rare actors, every
type, date ranges of a month to ten years, deep pages). Prints p50/p95/max in
milliseconds per case and writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from fastapi.testclient import TestClient

from ceasefire.interfaces.api import create_app

Case = tuple[str, Callable[[random.Random], str]]


def _samples(db: str) -> dict[str, list[Any]]:
    con = duckdb.connect(db, read_only=True)
    try:
        actors = [r[0] for r in con.execute(
            "SELECT split_part(source_id, '.', 1) AS a, count(*) AS n FROM events "
            "WHERE source_id IS NOT NULL GROUP BY a ORDER BY n DESC, a").fetchall()]
        subs = [r[0] for r in con.execute(
            "SELECT DISTINCT source_id FROM events WHERE source_id LIKE '%.%' "
            "ORDER BY source_id").fetchall()]
        types = [r[0] for r in con.execute(
            "SELECT DISTINCT type FROM events ORDER BY type").fetchall()]
        docs = [r[0] for r in con.execute(
            "SELECT doc_id FROM documents USING SAMPLE 200 ROWS (reservoir, 7) "
            "ORDER BY doc_id").fetchall()]
        n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
        years = con.execute("SELECT year(min(date_start)), year(max(date_start)) "
                            "FROM events").fetchone()
        kinds = [r[0] for r in con.execute(
            "SELECT DISTINCT kind FROM claims ORDER BY kind").fetchall()]
    finally:
        con.close()
    return {"actors": actors, "subs": subs or actors, "types": types, "docs": docs,
            "n_events": [n_events], "years": list(years or (1990, 2024)),
            "kinds": kinds or ["killed"]}


def _range(rng: random.Random, years: list[int]) -> tuple[str, str]:
    lo, hi = years
    y = rng.randint(lo, hi)
    m = rng.randint(1, 12)
    span = rng.choice(["month", "year", "decade"])
    if span == "month":
        return f"{y}-{m:02d}", f"{y}-{m:02d}-28"
    if span == "year":
        return f"{y}", f"{y}-12-31"
    return f"{y}-{m:02d}-01", f"{min(hi, y + 10)}-12-31"


def cases(db: str) -> list[Case]:
    """The requests of the dashboard and its API, as (name, url maker)."""
    s = _samples(db)
    actors, types, docs, years = s["actors"], s["types"], s["docs"], s["years"]
    deep = max(0, min(10_000_000, s["n_events"][0] // 2))

    def actor(rng: random.Random) -> str:
        # the busy actors most of the time, sometimes a rare one or a sector code
        pick = rng.random()
        if pick < 0.6:
            return rng.choice(actors[:5])
        if pick < 0.85:
            return rng.choice(actors[5:] or actors)
        return rng.choice(s["subs"])

    def events_filtered(rng: random.Random) -> str:
        since, until = _range(rng, years)
        parts = [f"actor={actor(rng)}"] if rng.random() < 0.6 else []
        if rng.random() < 0.5:
            parts.append(f"type={rng.choice(types)}")
        if rng.random() < 0.7:
            parts += [f"since={since}", f"until={until}"]
        parts.append(f"limit=100&offset={rng.choice([0, 0, 100, 200])}")
        return "/api/events?" + "&".join(parts)

    def timeline(rng: random.Random) -> str:
        since, until = _range(rng, years)
        parts = [f"actor={actor(rng)}"] if rng.random() < 0.5 else []
        if rng.random() < 0.3:
            parts.append(f"type={rng.choice(types)}")
        if rng.random() < 0.6:
            parts += [f"since={since}", f"until={until}"]
        parts.append(f"offset={rng.choice([0, 0, 100])}")
        return "/api/timeline?" + "&".join(parts)

    return [
        ("overview", lambda rng: "/api/overview"),
        ("events (first page)", lambda rng: "/api/events?limit=100"),
        ("events (filtered)", events_filtered),
        ("events (actor)", lambda rng: f"/api/events?actor={actor(rng)}&limit=100"),
        ("events (type)", lambda rng: f"/api/events?type={rng.choice(types)}&limit=100"),
        ("events (date range)", lambda rng: "/api/events?since={}&until={}&limit=100".format(
            *_range(rng, years))),
        ("events (deep page)", lambda rng: f"/api/events?limit=100&offset="
                                           f"{rng.randint(0, deep)}"),
        ("document", lambda rng: f"/api/documents/{rng.choice(docs)}"),
        ("documents", lambda rng: f"/api/documents?offset={rng.choice([0, 0, 1000])}"),
        ("timeline", timeline),
        ("dyads", lambda rng: "/api/dyads" + (f"?actor={actor(rng)}" if rng.random() < 0.5
                                              else "")),
        ("network", lambda rng: "/api/network"),
        ("ceasefires", lambda rng: "/api/ceasefires"),
        ("mediation", lambda rng: "/api/mediation"),
        ("claims", lambda rng: "/api/claims" + (f"?kind={rng.choice(s['kinds'])}"
                                                if rng.random() < 0.5 else "")),
        ("claims/compare", lambda rng: "/api/claims/compare" + (
            "?disagree=true" if rng.random() < 0.5 else "")),
        ("actors", lambda rng: "/api/actors"),
    ]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def measure(db: str, runs: int, warmup: int = 2, only: list[str] | None = None,
            seed: int = 5, budget: float | None = None) -> list[dict[str, Any]]:
    """p50/p95/max per case; a case stops early (after at least 3 timed calls) once it has
    taken ``budget`` seconds, so a slow endpoint does not hold the run for an hour."""
    client = TestClient(create_app(db))
    out = []
    for name, make in cases(db):
        if only and not any(o in name for o in only):
            continue
        rng = random.Random(f"{seed}:{name}")
        times: list[float] = []
        sizes: list[int] = []
        started = time.perf_counter()
        for i in range(warmup + runs):
            if budget and len(times) >= 3 and time.perf_counter() - started > budget:
                break
            url = make(rng)
            t0 = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - t0) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:300]}")
            if i >= warmup:
                times.append(elapsed)
                sizes.append(len(response.content))
        row = {"endpoint": name, "runs": len(times), "p50_ms": round(statistics.median(times), 1),
               "p95_ms": round(_pct(times, 0.95), 1), "max_ms": round(max(times), 1),
               "mean_kb": round(statistics.mean(sizes) / 1024, 1)}
        out.append(row)
        print(f"{name:<22} {row['p50_ms']:>9.1f} {row['p95_ms']:>9.1f} {row['max_ms']:>9.1f} "
              f"{row['mean_kb']:>9.1f} {row['runs']:>5}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--budget", type=float, default=120.0,
                        help="seconds per case after which it stops (at least 3 calls)")
    parser.add_argument("--only", nargs="*", help="only the cases whose name contains one of these")
    parser.add_argument("--json", type=Path, help="where to write the figures "
                        "(default: next to the database, DB.queries.json)")
    args = parser.parse_args(argv)
    if not Path(args.db).exists():
        raise SystemExit(f"{args.db} does not exist; build it with benchmarks/synth_events.py")
    print(f"{'endpoint':<22} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'mean KB':>9} {'runs':>5}")
    rows = measure(args.db, args.runs, args.warmup, args.only, budget=args.budget)
    con = duckdb.connect(args.db, read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
              for t in ("documents", "sentences", "events", "claims", "agreements")}
    con.close()
    report = {"db": args.db, "counts": counts, "duckdb": duckdb.__version__,
              "python": platform.python_version(), "machine": platform.machine(),
              "results": rows}
    out = args.json or Path(args.db + ".queries.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
