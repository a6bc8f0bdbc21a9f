"""The chronology: events in date order, one row per event reported by many sources."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import actor_names, docs_meta, name_of, source_ref, top
from ceasefire.store import Store

__all__ = ["chronology"]

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "document": 3, None: 4}


def chronology(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
) -> list[dict[str, Any]]:
    """Events ordered by resolved date, deduplicated across documents.

    Events with the same type, source and target top codes, date and negation
    become one row listing every source (document, title, sentence, event id).
    Dateless events come last.
    """
    names = actor_names(store)
    meta = docs_meta(store)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for e in store.events(actor=actor, since=since, until=until):
        src, tgt = top((e["source"] or {}).get("id")), top((e["target"] or {}).get("id"))
        key = (e["type"], src, tgt, e["date"], e["negated"])
        row = rows.get(key)
        if row is None:
            loc = e["location"]
            row = rows[key] = {
                "date": e["date"],
                "date_precision": e["date_precision"],
                "type": e["type"],
                "mode": e["mode"],
                "quad_class": e["quad_class"],
                "goldstein": e["goldstein"],
                "source": src,
                "source_name": name_of(names, src),
                "target": tgt,
                "target_name": name_of(names, tgt),
                "negated": e["negated"],
                "hypothetical": e["hypothetical"],
                "location": loc["name"] if loc else None,
                "n_sources": 0,
                "sources": [],
            }
        elif row["location"] is None and e["location"]:
            row["location"] = e["location"]["name"]
        row["sources"].append(source_ref(e, meta))
        row["n_sources"] = len({s["doc_id"] for s in row["sources"]})
    # store.events is already in date order; a stable sort keeps that and puts
    # coarser dates after finer ones that start on the same day.
    return sorted(
        rows.values(),
        key=lambda r: (r["date"] is None, r["date"] or "", _PRECISION_RANK[r["date_precision"]]),
    )
