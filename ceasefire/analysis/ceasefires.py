"""The ceasefire tracker: each agreement and what was reported after it."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import (
    actor_names,
    counted,
    day,
    docs_meta,
    name_of,
    source_ref,
    top,
)
from ceasefire.store import EVENT_ORDER, Store, event_row_to_json, top_sql

__all__ = ["agreements", "ceasefires"]


def agreements(store: Store) -> list[dict[str, Any]]:
    """Agreements as stored (knowledge pack and coded), in date order."""
    rows = store.query(
        "SELECT agreement_id, name, date, kind, parties, brokers, place, origin, doc_id "
        "FROM agreements ORDER BY date NULLS LAST, agreement_id"
    )
    for r in rows:
        r["parties"] = list(r["parties"] or [])
        r["brokers"] = list(r["brokers"] or [])
    return rows


def _same_parties(a: set[str], b: set[str]) -> bool:
    """Two agreements are among the same parties when they share two of them
    (or all of them, when one lists fewer than two)."""
    shared = a & b
    return len(shared) >= min(2, len(a), len(b)) and bool(shared)


def _violation(e: dict[str, Any], meta: dict[str, dict[str, Any]]) -> dict[str, Any]:
    ref = source_ref(e, meta)
    return {
        "event_id": e["event_id"],
        "date": e["date"],
        "date_precision": e["date_precision"],
        "type": e["type"],
        "source": top((e["source"] or {}).get("id")),
        "target": top((e["target"] or {}).get("id")),
        "attributed_to": (e["attributed_to"] or {}).get("id"),
        "location": (e["location"] or {}).get("name"),
        "doc_id": e["doc_id"],
        "title": ref["title"],
        "publisher": ref["publisher"],
        "sentence": e["sentence"],
    }


def ceasefires(store: Store) -> list[dict[str, Any]]:
    """Each agreement with the accusations and assaults reported after it.

    An event counts against an agreement when its source and target top codes
    are two different parties of it, it is neither negated nor hypothetical,
    and its resolved date falls after the agreement's date and before the next
    agreement among the same parties (``window_end``). ACCUSE events are
    accusations of violation; ASSAULT events are reported attacks.
    ``days_to_first_violation`` counts days from the agreement to the earliest
    such event (None when there is none or the agreement has no date).
    """
    names = actor_names(store)
    items = agreements(store)
    # only accusations and assaults that happened, between two parties of some agreement
    parties_all = sorted({c for a in items for c in (top(p) for p in a["parties"]) if c})
    src, tgt = top_sql("source_id"), top_sql("target_id")
    events = [
        event_row_to_json(r) for r in store.query(
            "SELECT * FROM events WHERE type IN ('ACCUSE', 'ASSAULT') "
            "AND NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false) "
            f"AND list_contains(?, {src}) AND list_contains(?, {tgt}) AND {src} <> {tgt} "
            f"ORDER BY {EVENT_ORDER}", [parties_all, parties_all])
    ]
    events = [e for e in events if counted(e) and day(e["date"]) is not None]
    meta = docs_meta(store, {e["doc_id"] for e in events if e["doc_id"]})
    linked: dict[str, list[str]] = {}
    for row in store.query(
        "SELECT agreement_id, event_id FROM events WHERE agreement_id IS NOT NULL "
        "ORDER BY date_start, event_id"
    ):
        linked.setdefault(row["agreement_id"], []).append(row["event_id"])
    out = []
    for i, a in enumerate(items):
        parties = {top(p) for p in a["parties"] if top(p)}
        start = day(a["date"])
        nxt = next(
            (b for b in items[i + 1:]
             if day(b["date"]) and start and day(b["date"]) > start
             and _same_parties(parties, {top(p) for p in b["parties"] if top(p)})),
            None,
        )
        end = day(nxt["date"]) if nxt else None
        accusations, assaults = [], []
        if start is not None:
            for e in events:
                when = day(e["date"])
                src = top((e["source"] or {}).get("id"))
                tgt = top((e["target"] or {}).get("id"))
                if when is None or when <= start or (end is not None and when >= end):
                    continue
                if src not in parties or tgt not in parties or src == tgt:
                    continue
                bucket = accusations if e["type"] == "ACCUSE" else assaults
                bucket.append(_violation(e, meta))
        firsts = [day(v["date"]) for v in accusations + assaults]
        first = min((d for d in firsts if d is not None), default=None)
        out.append({
            "agreement_id": a["agreement_id"],
            "name": a["name"],
            "date": a["date"],
            "kind": a["kind"],
            "parties": a["parties"],
            "party_names": [name_of(names, top(p)) for p in a["parties"]],
            "brokers": a["brokers"],
            "broker_names": [name_of(names, top(p)) for p in a["brokers"]],
            "place": a["place"],
            "origin": a["origin"],
            "doc_id": a["doc_id"],
            "reported_by": linked.get(a["agreement_id"], []),
            "window_end": nxt["date"] if nxt else None,
            "next_agreement": nxt["agreement_id"] if nxt else None,
            "n_accusations": len(accusations),
            "n_assaults": len(assaults),
            "first_violation": first.isoformat() if first else None,
            "days_to_first_violation": (first - start).days if first and start else None,
            "accusations": accusations,
            "assaults": assaults,
        })
    return out
