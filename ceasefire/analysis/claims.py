"""Claims comparison: the figures different sources give for the same thing."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import actor_names, docs_meta, name_of, top
from ceasefire.store import Store

__all__ = ["DISAGREE_RATIO", "compare_claims"]

DISAGREE_RATIO = 0.10
"""Sources disagree when the largest figure exceeds the smallest by more than this share."""


def _value(claim: dict[str, Any]) -> int | None:
    if claim["best"] is not None:
        return int(claim["best"])
    if claim["low"] is not None and claim["high"] is not None:
        return round((claim["low"] + claim["high"]) / 2)
    for key in ("low", "high"):
        if claim[key] is not None:
            return int(claim[key])
    return None


def compare_claims(store: Store) -> list[dict[str, Any]]:
    """Claims grouped by (kind, about top code, category, month).

    The month is the claim's as-of date (``YYYY-MM``), or the document's
    publication month when the claim has none (``period_from`` says which).
    Each group lists every source's figure; ``disagree`` is true when
    ``max > min * (1 + DISAGREE_RATIO)``.
    """
    names = actor_names(store)
    meta = docs_meta(store)
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for c in store.claims():
        doc = meta.get(c["doc_id"] or "", {})
        if c["as_of"]:
            period, origin = c["as_of"][:7], "as_of"
        elif doc.get("published"):
            period, origin = doc["published"][:7], "published"
        else:
            period, origin = None, None
        about = top((c["about"] or {}).get("id"))
        key = (c["kind"], about, c["category"], period)
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "kind": c["kind"], "about": about, "about_name": name_of(names, about),
                "category": c["category"], "period": period, "period_from": origin,
                "sources": [],
            }
        group["sources"].append({
            "claim_id": c["claim_id"],
            "doc_id": c["doc_id"],
            "title": doc.get("title"),
            "publisher": doc.get("publisher"),
            "published": doc.get("published"),
            "attributed_to": (c["attributed_to"] or {}).get("id"),
            "attributed_name": (c["attributed_to"] or {}).get("name"),
            "low": c["low"], "best": c["best"], "high": c["high"], "value": _value(c),
            "as_of": c["as_of"],
            "sentence": c["sentence"],
        })
    out = []
    for g in groups.values():
        values = [s["value"] for s in g["sources"] if s["value"] is not None]
        lo, hi = (min(values), max(values)) if values else (None, None)
        g["n_sources"] = len({s["doc_id"] for s in g["sources"]})
        g["min"], g["max"] = lo, hi
        g["spread"] = hi - lo if values else None
        g["spread_pct"] = round(100.0 * (hi - lo) / lo, 1) if values and lo else None
        g["disagree"] = bool(values) and hi > lo * (1 + DISAGREE_RATIO)
        out.append(g)
    return sorted(out, key=lambda g: (g["kind"], g["about"] or "", g["category"] or "",
                                      g["period"] or ""))
