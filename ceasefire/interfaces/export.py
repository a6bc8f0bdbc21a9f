"""Export a database to files other tools read: Parquet, CSV, JSON lines, PLOVER JSON.

    export(store, directory, fmt)   fmt is one of parquet | csv | jsonl | plover

``flatten`` and ``to_csv`` / ``to_jsonl`` also serve the API's downloads.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ceasefire import __version__
from ceasefire.errors import BadInput
from ceasefire.store import TABLES, Store

__all__ = ["FORMATS", "export", "flatten", "plover_record", "to_csv", "to_jsonl"]

FORMATS = ("parquet", "csv", "jsonl", "plover")


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become ``a_b`` columns; lists become JSON text (for CSV)."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}_"))
        elif isinstance(value, list | tuple):
            out[name] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            out[name] = _jsonable(value)
    return out


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    flat = [flatten(r) for r in rows]
    columns: list[str] = []
    for r in flat:
        columns.extend(k for k in r if k not in columns)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return buf.getvalue()


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)


def _actor_list(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    if actor is None:
        return []
    return [{
        "name": actor["name"], "code": actor["id"], "country": actor["country"],
        "sector": actor["sector"],
    }]


def plover_record(event: dict[str, Any], doc: dict[str, Any] | None = None) -> dict[str, Any]:
    """One event as a PLOVER JSON record, in the layout POLECAT publishes.

    ``actor`` and ``recipient`` are lists of {name, code, country, sector};
    ``context`` lists PLOVER contexts that can be read off the record.
    """
    doc = doc or {}
    contexts = []
    sectors = {(a or {}).get("sector") for a in (event["source"], event["target"])}
    if "MIL" in sectors:
        contexts.append("military")
    if event.get("agreement_id"):
        contexts.append("peace")
    loc = event["location"] or {}
    return {
        "id": event["event_id"],
        "date": event["date"],
        "date_precision": event["date_precision"],
        "event_type": event["type"],
        "mode": event["mode"],
        "context": contexts,
        "actor": _actor_list(event["source"]),
        "recipient": _actor_list(event["target"]),
        "country": loc.get("country"),
        "geolocation": {
            "placename": loc.get("name"), "country": loc.get("country"),
            "lat": loc.get("lat"), "lon": loc.get("lon"),
        } if loc else None,
        "cameo": event["cameo"],
        "goldstein": event["goldstein"],
        "quad_code": event["quad_class"],
        "negated": event["negated"],
        "hypothetical": event["hypothetical"],
        "attributed_to": _actor_list(event["attributed_to"]),
        "event_text": event["evidence"]["text"],
        "source_sentence": event["sentence"],
        "story": {
            "doc_id": event["doc_id"], "title": doc.get("title"),
            "publisher": doc.get("publisher"), "publication_date": _jsonable(doc.get("published")),
            "url": doc.get("url"),
        },
        "coder": event["rule"],
        "confidence": event["confidence"],
        "version": __version__,
    }


def export(store: Store, directory: str | Path, fmt: str) -> list[Path]:
    """Write every table of ``store`` to ``directory`` in ``fmt``; return the files written."""
    if fmt not in FORMATS:
        raise BadInput(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(directory)
    if out.exists() and not out.is_dir():
        raise BadInput(f"export target {str(out)!r} is a file; give a directory")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        return store.export_parquet(out)
    written: list[Path] = []
    if fmt == "plover":
        docs = {r["doc_id"]: r for r in store.query(
            "SELECT doc_id, title, publisher, published, url FROM documents")}
        target = out / "events.plover.jsonl"
        with target.open("w", encoding="utf-8") as fh:
            for e in store.events():
                fh.write(json.dumps(plover_record(e, docs.get(e["doc_id"] or "")),
                                    ensure_ascii=False) + "\n")
        return [target]
    for table in TABLES:
        if table == "events":
            rows: list[dict[str, Any]] = store.events()
        elif table == "claims":
            rows = store.claims()
        else:
            rows = [{k: _jsonable(v) for k, v in r.items()} for r in store.iter_table(table)]
        target = out / f"{table}.{fmt}"
        target.write_text(to_csv(rows) if fmt == "csv" else to_jsonl(rows), encoding="utf-8")
        written.append(target)
    return written
