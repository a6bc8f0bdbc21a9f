"""The chronology: events in date order, one row per event reported by many sources."""

from __future__ import annotations

from typing import Any

from ceasefire.analysis._common import actor_names, docs_meta, name_of, source_ref, top
from ceasefire.store import EVENT_ORDER, Store, event_filter, event_row_to_json, top_sql

__all__ = ["chronology"]

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "document": 3, None: 4}


def chronology(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    type: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events ordered by resolved date, deduplicated across documents.

    Events with the same type, source and target top codes, date and negation
    become one row listing every source (document, title, sentence, event id).
    Dateless events come last. ``limit``/``offset`` give one page of the rows.
    """
    names = actor_names(store)
    events = _events(store, since, until, actor, type, limit, offset)
    meta = docs_meta(store, {e["doc_id"] for e in events if e["doc_id"]})
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for e in events:
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
    out = sorted(
        rows.values(),
        key=lambda r: (r["date"] is None, r["date"] or "", _PRECISION_RANK[r["date_precision"]]),
    )
    return out[offset:] if limit is None else out[offset:offset + limit]


def _events(store: Store, since: str | None, until: str | None, actor: str | None,
            type: str | None, limit: int | None, offset: int) -> list[dict[str, Any]]:
    """The events the rows up to ``offset + limit`` are made of, in event order.

    Rows are sorted by their date string first, and all events of a row share
    it; so the rows of the first dates are made of the events of those dates
    only. Counting events per date gives the shortest run of dates with enough
    events; when those form too few rows (several reports of one event), the
    run grows until it holds enough rows or every date.
    """
    where, params = event_filter(actor=actor, type=type, since=since, until=until)
    cond = " WHERE " + " AND ".join(where) if where else ""

    def fetch(extra: str = "", more: list[Any] | None = None) -> list[dict[str, Any]]:
        conds = [*where, extra] if extra else where
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(conds) if conds else "")
        return [event_row_to_json(r) for r in store.query(
            f"{sql} ORDER BY {EVENT_ORDER}", [*params, *(more or [])])]

    if limit is None:
        return fetch()
    per_date = sorted(
        store.con.execute(f"SELECT date, count(*) FROM events{cond} GROUP BY date",
                          params).fetchall(),
        key=lambda r: (r[0] is None, r[0] or ""))
    need = offset + limit
    wanted = need
    while True:
        seen, cut = 0, len(per_date)
        for i, (_, n) in enumerate(per_date):
            seen += n
            if seen >= wanted:
                cut = i + 1
                break
        if cut >= len(per_date):
            return fetch()
        last = per_date[cut - 1][0]
        if last is None:
            return fetch()
        n_groups, page = _first_rows(store, cond + (" AND " if cond else " WHERE ")
                                     + "date <= ?", [*params, last], need)
        if n_groups >= need:
            # only the events of the first `need` rows
            sub = cond + (" AND " if cond else " WHERE ") + "date <= ?"
            return [event_row_to_json(r) for r in store.query(
                f"SELECT e.* FROM (SELECT * FROM events{sub}) e SEMI JOIN ({page}) p "
                f"ON e.type = p.type AND {top_sql('e.source_id')} IS NOT DISTINCT FROM p.src "
                f"AND {top_sql('e.target_id')} IS NOT DISTINCT FROM p.tgt "
                "AND e.date IS NOT DISTINCT FROM p.date "
                "AND coalesce(e.negated, false) = p.negated "
                f"ORDER BY {EVENT_ORDER}", [*params, last, *params, last])]
        wanted = max(wanted * 2, seen + 1)


def _first_rows(store: Store, cond: str, params: list[Any], need: int) -> tuple[int, str]:
    """How many rows the events matching ``cond`` form, and a query for the keys of the
    first ``need`` rows (in the order of :func:`chronology`) over those events."""
    keys = (f"SELECT type, {top_sql('source_id')} AS src, {top_sql('target_id')} AS tgt, "
            "date, coalesce(negated, false) AS negated, date_precision, "
            f"row_number() OVER (ORDER BY {EVENT_ORDER}) AS pos FROM events{cond}")
    row = store.con.execute(
        f"SELECT count(*) FROM (SELECT DISTINCT type, src, tgt, date, negated FROM ({keys}))",
        params).fetchone()
    page = (f"SELECT type, src, tgt, date, negated FROM ({keys}) "
            "GROUP BY type, src, tgt, date, negated "
            "ORDER BY date IS NULL, coalesce(date, ''), "
            "CASE arg_min(date_precision, pos) WHEN 'day' THEN 0 WHEN 'month' THEN 1 "
            "WHEN 'year' THEN 2 WHEN 'document' THEN 3 ELSE 4 END, min(pos) "
            f"LIMIT {int(need)}")
    return int(row[0]) if row else 0, page
