"""Helpers shared by the analysis views: top codes, names and document metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pycountry

from ceasefire.store import Store

__all__ = ["actor_names", "day", "docs_meta", "source_ref", "top"]


def top(actor_id: str | None) -> str | None:
    """``AZE.MIL`` -> ``AZE``; ``None`` stays ``None``."""
    if not actor_id:
        return None
    return actor_id.split(".", 1)[0]


def actor_names(store: Store) -> dict[str, str]:
    """A display name for every top code seen in the actors table.

    The actor whose id is the top code names it; otherwise the ISO country name;
    otherwise the name of the first actor under that top code.
    """
    rows = store.query("SELECT actor_id, name, top FROM actors ORDER BY actor_id")
    names: dict[str, str] = {}
    fallback: dict[str, str] = {}
    for r in rows:
        code = r["top"] or top(r["actor_id"])
        if code is None:
            continue
        if r["actor_id"] == code and r["name"]:
            names[code] = r["name"]
        fallback.setdefault(code, r["name"] or code)
    for code, name in fallback.items():
        if code in names:
            continue
        country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
        names[code] = getattr(country, "common_name", None) or (
            country.name if country else name
        )
    return names


def name_of(names: dict[str, str], code: str | None) -> str | None:
    if code is None:
        return None
    if code in names:
        return names[code]
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    return code


def docs_meta(store: Store, doc_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Title, publisher, date and URL of every document (or of ``doc_ids`` only)."""
    sql = "SELECT doc_id, title, publisher, published, url FROM documents"
    if doc_ids is None:
        rows = store.query(sql)
    else:
        rows = store.query(sql + " WHERE doc_id IN (SELECT unnest(?))", [sorted(set(doc_ids))])
    return {
        r["doc_id"]: {
            "title": r["title"],
            "publisher": r["publisher"],
            "published": r["published"].isoformat() if r["published"] else None,
            "url": r["url"],
        }
        for r in rows
    }


def source_ref(event: dict[str, Any], meta: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The provenance of one event: its document and sentence."""
    doc = meta.get(event["doc_id"] or "", {})
    return {
        "event_id": event["event_id"],
        "doc_id": event["doc_id"],
        "title": doc.get("title"),
        "publisher": doc.get("publisher"),
        "sentence": event["sentence"],
        "evidence": event["evidence"],
    }


def day(value: str | None) -> dt.date | None:
    """The first day of an ISO date of any precision, or None."""
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def counted(event: dict[str, Any]) -> bool:
    """Whether an event counts as something that happened (not negated, not hypothetical)."""
    return not event["negated"] and not event["hypothetical"]
