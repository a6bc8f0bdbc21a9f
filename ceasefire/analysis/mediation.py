"""The mediation track: who met whom, in which format, and who mediated."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import actor_names, counted, docs_meta, name_of, top
from ceasefire.store import EVENT_ORDER, Store, event_row_to_json

__all__ = ["mediation"]


def _format(n: int) -> str:
    return "bilateral" if n <= 2 else "trilateral" if n == 3 else "multilateral"


def mediation(store: Store) -> list[dict[str, Any]]:
    """Meetings and talks (CONSULT) and agreements (AGREE) involving a third party.

    Events of one sentence are read together: "Russia hosted the ministers of
    Armenia and Azerbaijan" gives two CONSULT events that form one trilateral
    meeting. The mediator is the source of a ``third-party`` CONSULT, the broker
    of a linked agreement, or the one participant present in every event of a
    sentence that has three or more participants. AGREE rows are kept only
    when a third party is involved. Rows with the same date, type and
    participants are merged, listing every source.
    """
    names = actor_names(store)
    brokers = {
        r["agreement_id"]: [top(b) for b in (r["brokers"] or [])]
        for r in store.query("SELECT agreement_id, brokers FROM agreements")
    }
    by_sentence: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    events = [event_row_to_json(r) for r in store.query(
        "SELECT * FROM events WHERE type IN ('CONSULT', 'AGREE') "
        "AND NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false) "
        f"ORDER BY {EVENT_ORDER}")]
    meta = docs_meta(store, {e["doc_id"] for e in events if e["doc_id"]})
    for e in events:
        if not counted(e):
            continue
        key = (e["doc_id"], e["sentence"], e["type"])
        by_sentence.setdefault(key, []).append(e)
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for (doc_id, _sentence, type_), evs in by_sentence.items():
        pairs = [
            (top((e["source"] or {}).get("id")), top((e["target"] or {}).get("id")))
            for e in evs
        ]
        participants = sorted({c for p in pairs for c in p if c})
        mediators: set[str] = set()
        for e, (src, _tgt) in zip(evs, pairs, strict=True):
            if e["mode"] == "third-party" and src:
                mediators.add(src)
            for b in brokers.get(e["agreement_id"] or "", []):
                if b:
                    mediators.add(b)
        if not mediators and len(participants) >= 3:
            hubs = [c for c in participants if all(c in p for p in pairs)]
            if len(hubs) == 1:
                mediators.add(hubs[0])
        everyone = sorted(set(participants) | mediators)
        if type_ == "AGREE" and not mediators and len(everyone) < 3:
            continue
        modes = sorted({e["mode"] for e in evs if e["mode"]})
        date = min((e["date"] for e in evs if e["date"]), default=None)
        key = (date, type_, tuple(everyone))
        row = merged.get(key)
        if row is None:
            loc = next((e["location"]["name"] for e in evs if e["location"]), None)
            row = merged[key] = {
                "date": date,
                "date_precision": evs[0]["date_precision"],
                "type": type_,
                "participants": everyone,
                "participant_names": [name_of(names, c) for c in everyone],
                "mediators": sorted(mediators),
                "mediator_names": [name_of(names, c) for c in sorted(mediators)],
                "format": _format(len(everyone)),
                "channel": ", ".join(modes) if modes else "meeting",
                "location": loc,
                "event_ids": [],
                "sources": [],
            }
        row["event_ids"].extend(e["event_id"] for e in evs)
        doc = meta.get(doc_id or "", {})
        row["sources"].append({
            "doc_id": doc_id, "title": doc.get("title"), "publisher": doc.get("publisher"),
            "sentence": evs[0]["sentence"], "event_id": evs[0]["event_id"],
        })
    return sorted(merged.values(), key=lambda r: (r["date"] is None, r["date"] or ""))
