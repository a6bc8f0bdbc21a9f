"""Headline figures of a database, for the dashboard's first page."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import actor_names, name_of
from ceasefire.store import Store

__all__ = ["overview", "places"]


def overview(store: Store) -> dict[str, Any]:
    """Table counts, events per type, per month and quad class, and the busiest actors."""
    names = actor_names(store)
    by_type = store.query(
        "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
    )
    by_month = store.query(
        "SELECT strftime(date_start, '%Y-%m') AS month, quad_class, count(*) AS n FROM events "
        "WHERE date_start IS NOT NULL AND NOT negated AND NOT hypothetical "
        "GROUP BY month, quad_class ORDER BY month, quad_class"
    )
    # events per top code, an event counted once when source and target share it
    src, tgt = "split_part(source_id, '.', 1)", "split_part(target_id, '.', 1)"
    actors = store.query(
        f"SELECT code, sum(n) AS n FROM ("
        f" SELECT {src} AS code, count(*) AS n FROM events WHERE source_id IS NOT NULL"
        f" GROUP BY code UNION ALL"
        f" SELECT {tgt} AS code, count(*) AS n FROM events WHERE target_id IS NOT NULL"
        f" AND (source_id IS NULL OR {src} <> {tgt}) GROUP BY code)"
        f" GROUP BY code ORDER BY n DESC, code LIMIT 15"
    )
    span = store.query(
        "SELECT min(date_start) AS first, max(date_start) AS last FROM events"
    )[0]
    return {
        "counts": store.counts(),
        "first_event": span["first"].isoformat() if span["first"] else None,
        "last_event": span["last"].isoformat() if span["last"] else None,
        "by_type": by_type,
        "by_month": by_month,
        "top_actors": [
            {"id": a["code"], "name": name_of(names, a["code"]), "events": int(a["n"])}
            for a in actors
        ],
    }


def places(store: Store) -> list[dict[str, Any]]:
    """Events with coordinates, grouped by place, with counts per quad class."""
    rows = store.query(
        "SELECT location_name AS name, location_country AS country, lat, lon, "
        "count(*) AS events, "
        "count(*) FILTER (WHERE quad_class = 1) AS q1, "
        "count(*) FILTER (WHERE quad_class = 2) AS q2, "
        "count(*) FILTER (WHERE quad_class = 3) AS q3, "
        "count(*) FILTER (WHERE quad_class = 4) AS q4, "
        "min(date_start) AS first, max(date_start) AS last, "
        "list(event_id ORDER BY date_start, event_id)[1:5] AS sample "
        "FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND NOT negated "
        "GROUP BY location_name, location_country, lat, lon ORDER BY events DESC, name")
    for r in rows:
        for key in ("first", "last"):
            r[key] = r[key].isoformat() if r[key] else None
    return rows
