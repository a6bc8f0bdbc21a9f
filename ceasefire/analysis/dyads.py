"""Dyads: per ordered pair of actors and per month, counts by quad class and Goldstein."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import actor_names, counted, name_of, top
from ceasefire.store import Store

__all__ = ["dyads"]


def dyads(store: Store) -> list[dict[str, Any]]:
    """One row per (source top, target top, month).

    Only events with both a source and a target that differ at the top level,
    and that are neither negated nor hypothetical, are counted. ``month`` is
    ``YYYY-MM`` of the event's resolved date (``None`` when it has no date).
    """
    names = actor_names(store)
    table: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for e in store.events():
        src, tgt = top((e["source"] or {}).get("id")), top((e["target"] or {}).get("id"))
        if src is None or tgt is None or src == tgt or not counted(e):
            continue
        month = e["date"][:7] if e["date"] and len(e["date"]) >= 7 else None
        key = (src, tgt, month)
        row = table.get(key)
        if row is None:
            row = table[key] = {
                "source": src, "source_name": name_of(names, src),
                "target": tgt, "target_name": name_of(names, tgt),
                "month": month, "events": 0,
                "q1": 0, "q2": 0, "q3": 0, "q4": 0, "goldstein": 0.0,
            }
        row["events"] += 1
        if e["quad_class"] in (1, 2, 3, 4):
            row[f"q{e['quad_class']}"] += 1
        row["goldstein"] = round(row["goldstein"] + (e["goldstein"] or 0.0), 3)
    return sorted(table.values(), key=lambda r: (r["source"], r["target"], r["month"] or "~"))
