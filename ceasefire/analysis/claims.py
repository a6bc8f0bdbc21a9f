"""Claims comparison: the figures different sources give for the same thing."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import actor_names, docs_meta, name_of, top
from ceasefire.store import CLAIM_ORDER, Store, claim_row_to_json, top_sql

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


def compare_claims(store: Store, kind: str | None = None, disagree: bool | None = None,
                   limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Claims grouped by (kind, about top code, category, month).

    The month is the claim's as-of date (``YYYY-MM``), or the document's
    publication month when the claim has none (``period_from`` says which).
    Each group lists every source's figure; ``disagree`` is true when
    ``max > min * (1 + DISAGREE_RATIO)``. ``kind`` and ``disagree`` keep the
    groups that match; ``limit``/``offset`` give one page of them.
    """
    names = actor_names(store)
    if kind is None and disagree is None and limit is None and not offset:
        claims = store.claims()
    else:
        claims = _page_claims(store, kind, disagree, limit, offset)
    meta = docs_meta(store, {c["doc_id"] for c in claims if c["doc_id"]})
    return _groups(claims, meta, names)


# the figure of one claim, as _value computes it (round() halves to even)
_VALUE_SQL = """CASE WHEN c.best IS NOT NULL THEN c.best
    WHEN c.low IS NOT NULL AND c.high IS NOT NULL THEN
        CASE WHEN (c.low + c.high) % 2 = 0 THEN (c.low + c.high) // 2
             WHEN ((c.low + c.high - 1) // 2) % 2 = 0 THEN (c.low + c.high - 1) // 2
             ELSE (c.low + c.high + 1) // 2 END
    ELSE coalesce(c.low, c.high) END"""


def _page_claims(store: Store, kind: str | None, disagree: bool | None, limit: int | None,
                 offset: int) -> list[dict[str, Any]]:
    """The claims of one page of groups: the groups are formed, filtered, ordered
    and cut in SQL; only their claims are read."""
    keyed = (
        f"SELECT c.claim_id, c.kind, {top_sql('c.about_id')} AS about, c.category, "
        "CASE WHEN c.as_of <> '' THEN substr(c.as_of, 1, 7) "
        "WHEN d.published IS NOT NULL THEN strftime(d.published, '%Y-%m') END AS period, "
        f"{_VALUE_SQL} AS value FROM claims c LEFT JOIN documents d ON d.doc_id = c.doc_id")
    conds, params = [], []
    if kind is not None:
        conds.append("kind = ?")
        params.append(kind)
    if disagree is not None:
        conds.append("(count(value) > 0 AND max(value) > min(value) * CAST(? AS DOUBLE)) = ?")
        params += [1 + DISAGREE_RATIO, disagree]
    having = [c for c in conds if "count(" in c]
    where = [c for c in conds if "count(" not in c]
    page = f" LIMIT {int(limit)}" if limit is not None else ""
    page += f" OFFSET {int(offset)}" if offset else ""
    groups = (
        f"SELECT kind, about, category, period FROM ({keyed}) "
        + ("WHERE " + " AND ".join(where) + " " if where else "")
        + "GROUP BY kind, about, category, period "
        + ("HAVING " + " AND ".join(having) + " " if having else "")
        + "ORDER BY kind, coalesce(about, ''), coalesce(category, ''), coalesce(period, '')"
        + page)
    ids = [r[0] for r in store.con.execute(
        f"SELECT k.claim_id FROM ({keyed}) k SEMI JOIN ({groups}) g ON k.kind = g.kind "
        "AND k.about IS NOT DISTINCT FROM g.about AND k.category IS NOT DISTINCT FROM "
        "g.category AND k.period IS NOT DISTINCT FROM g.period", params).fetchall()]
    if not ids:
        return []
    return [claim_row_to_json(r) for r in store.query(
        "SELECT * FROM claims WHERE claim_id IN (SELECT unnest(?)) "
        f"ORDER BY {CLAIM_ORDER}", [ids])]


def _groups(claims: list[dict[str, Any]], meta: dict[str, dict[str, Any]],
            names: dict[str, str]) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for c in claims:
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
