"""Dyads: per ordered pair of actors and per month, counts by quad class and Goldstein."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import actor_names, name_of
from ceasefire.store import Store, top_sql

__all__ = ["dyads"]

_COUNTED = "NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false)"


def dyads(store: Store, actor: str | None = None, limit: int | None = None,
          offset: int = 0) -> list[dict[str, Any]]:
    """One row per (source top, target top, month).

    Only events with both a source and a target that differ at the top level,
    and that are neither negated nor hypothetical, are counted. ``month`` is
    ``YYYY-MM`` of the event's resolved date (``None`` when it has no date).
    ``actor`` (a top code) keeps the rows it is the source or target of;
    ``limit``/``offset`` give one page of the rows, in their order.
    """
    names = actor_names(store)
    where = ""
    params: list[Any] = []
    if actor:
        # the top code of an id is the id itself or what comes before its first dot
        where = ("AND (source_id = ? OR starts_with(source_id, ?) OR target_id = ? "
                 "OR starts_with(target_id, ?)) ")
        params += [actor, actor + ".", actor, actor + "."]
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    # Goldstein scores are summed as decimals so the total is exact, as summing the
    # scores (of at most three decimals) one by one with rounding gives
    rows = store.query(
        "SELECT source, target, month, count(*) AS events, "
        "count(*) FILTER (WHERE quad_class = 1) AS q1, "
        "count(*) FILTER (WHERE quad_class = 2) AS q2, "
        "count(*) FILTER (WHERE quad_class = 3) AS q3, "
        "count(*) FILTER (WHERE quad_class = 4) AS q4, "
        "CAST(round(sum(CAST(coalesce(goldstein, 0) AS DECIMAL(18, 3))), 3) AS DOUBLE) "
        "AS goldstein "
        f"FROM (SELECT {top_sql('source_id')} AS source, {top_sql('target_id')} AS target, "
        "CASE WHEN length(date) >= 7 THEN substr(date, 1, 7) END AS month, "
        f"quad_class, goldstein FROM events WHERE {_COUNTED} {where}) "
        "WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target "
        "GROUP BY source, target, month "
        f"ORDER BY source, target, coalesce(month, '~'){page}", params)
    return [
        {
            "source": r["source"], "source_name": name_of(names, r["source"]),
            "target": r["target"], "target_name": name_of(names, r["target"]),
            "month": r["month"], "events": r["events"],
            "q1": r["q1"], "q2": r["q2"], "q3": r["q3"], "q4": r["q4"],
            "goldstein": r["goldstein"],
        }
        for r in rows
    ]
