"""DuckDB store: one embedded file, one writer, provenance on every row.

A document is written together with its sentences, mentions, events and
claims in one transaction, so an interrupted batch leaves only whole
documents behind and re-running it completes it (document ids are content
hashes: a document already stored is skipped).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from ceasefire import __version__
from ceasefire.errors import BadInput
from ceasefire.types import ActorRef, Agreement, Claim, CodedDocument, Event

__all__ = [
    "BATCH_TABLES",
    "SCHEMA",
    "DatabaseBusy",
    "Store",
    "arrow_schemas",
    "claim_row_to_json",
    "coded_rows",
    "event_row_to_json",
    "rows_to_arrow",
    "table_columns",
    "table_types",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, title VARCHAR, author VARCHAR, publisher VARCHAR,
    published DATE, published_source VARCHAR, path VARCHAR, url VARCHAR, fmt VARCHAR,
    text VARCHAR, n_sentences INTEGER, n_events INTEGER, n_claims INTEGER,
    coder_version VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    parsed BOOLEAN, coder_version VARCHAR, PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR, sentence_idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    actor_id VARCHAR, kind VARCHAR, coder_version VARCHAR
);
CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR, sector VARCHAR, top VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, sentence_idx INTEGER, sentence VARCHAR,
    type VARCHAR, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    source_id VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    target_id VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    date VARCHAR, date_precision VARCHAR, date_start DATE,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
    negated BOOLEAN, hypothetical BOOLEAN,
    attributed_id VARCHAR, attributed_name VARCHAR, attributed_country VARCHAR,
    attributed_sector VARCHAR,
    ev_start INTEGER, ev_end INTEGER, ev_text VARCHAR, rule VARCHAR, confidence DOUBLE,
    agreement_id VARCHAR, coder_version VARCHAR
);
CREATE TABLE IF NOT EXISTS claims (
    claim_id VARCHAR PRIMARY KEY, doc_id VARCHAR, sentence_idx INTEGER, sentence VARCHAR,
    kind VARCHAR, low BIGINT, best BIGINT, high BIGINT, unit VARCHAR,
    about_id VARCHAR, about_name VARCHAR, about_country VARCHAR, about_sector VARCHAR,
    category VARCHAR, as_of VARCHAR,
    attributed_id VARCHAR, attributed_name VARCHAR, attributed_country VARCHAR,
    attributed_sector VARCHAR,
    ev_start INTEGER, ev_end INTEGER, ev_text VARCHAR, rule VARCHAR, coder_version VARCHAR
);
CREATE TABLE IF NOT EXISTS agreements (
    agreement_id VARCHAR PRIMARY KEY, name VARCHAR, date VARCHAR, kind VARCHAR,
    parties VARCHAR[], brokers VARCHAR[], place VARCHAR, origin VARCHAR, doc_id VARCHAR,
    coder_version VARCHAR
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id);
"""

TABLES = ("documents", "sentences", "mentions", "actors", "events", "claims", "agreements")


def _actor_cols(actor: ActorRef | None) -> list[Any]:
    if actor is None:
        return [None, None, None, None]
    return [actor.id, actor.name, actor.country, actor.sector]


def _date_start(value: str | None) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-01"
    return value


def _as_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:  # a resolved date is always valid; keep the row if one is not
        return None


#: the order of claims everywhere: as-of date, then position in the document
CLAIM_ORDER = "as_of NULLS LAST, doc_id, sentence_idx, ev_start, claim_id"

#: the order of events everywhere: resolved date, then position in the document
EVENT_ORDER = "date_start NULLS LAST, doc_id, sentence_idx, ev_start, event_id"


def top_sql(column: str) -> str:
    """SQL for the top code of an actor id column (``AZE.MIL`` -> ``AZE``; empty -> NULL)."""
    return f"CASE WHEN {column} <> '' THEN split_part({column}, '.', 1) END"


def event_filter(
    actor: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc_id: str | None = None,
) -> tuple[list[str], list[Any]]:
    """WHERE conditions (joined by AND) and their parameters for the event filters."""
    where: list[str] = []
    params: list[Any] = []
    if actor and "." in actor:
        # a sector code: its top code never holds a dot, so only the id itself matches
        where.append("(source_id = ? OR target_id = ?)")
        params += [actor, actor]
    elif actor:
        # the actor or one under it: "AZE" matches "AZE" and "AZE.MIL"
        where.append("(source_id = ? OR target_id = ? OR starts_with(source_id, ?) "
                     "OR starts_with(target_id, ?))")
        params += [actor, actor, actor + ".", actor + "."]
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if since:
        where.append("date_start >= CAST(? AS DATE)")
        params.append(_date_start(since))
    if until:
        where.append("date_start <= CAST(? AS DATE)")
        params.append(_date_start(until))
    if doc_id:
        where.append("doc_id = ?")
        params.append(doc_id)
    return where, params


def _actor_json(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row.get(f"{prefix}_id") is None:
        return None
    return {
        "id": row[f"{prefix}_id"],
        "name": row[f"{prefix}_name"],
        "country": row[f"{prefix}_country"],
        "sector": row[f"{prefix}_sector"],
    }


def event_row_to_json(row: dict[str, Any]) -> dict[str, Any]:
    """Turn a row of the ``events`` table back into the event JSON of the design."""
    location = None
    if row.get("location_name") is not None:
        location = {
            "name": row["location_name"],
            "country": row["location_country"],
            "lat": row["lat"],
            "lon": row["lon"],
        }
    return {
        "event_id": row["event_id"],
        "doc_id": row["doc_id"],
        "sentence": row["sentence"],
        "type": row["type"],
        "mode": row["mode"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "source": _actor_json(row, "source"),
        "target": _actor_json(row, "target"),
        "date": row["date"],
        "date_precision": row["date_precision"],
        "location": location,
        "negated": bool(row["negated"]),
        "hypothetical": bool(row["hypothetical"]),
        "attributed_to": _actor_json(row, "attributed"),
        "evidence": {"start": row["ev_start"], "end": row["ev_end"], "text": row["ev_text"]},
        "rule": row["rule"],
        "confidence": row["confidence"],
        "agreement_id": row.get("agreement_id"),
    }


def claim_row_to_json(row: dict[str, Any]) -> dict[str, Any]:
    """Turn a row of the ``claims`` table back into the claim JSON of the design."""
    return {
        "claim_id": row["claim_id"],
        "doc_id": row["doc_id"],
        "kind": row["kind"],
        "low": row["low"],
        "best": row["best"],
        "high": row["high"],
        "unit": row["unit"],
        "about": _actor_json(row, "about"),
        "category": row["category"],
        "as_of": row["as_of"],
        "attributed_to": _actor_json(row, "attributed"),
        "sentence": row["sentence"],
        "evidence": {"start": row["ev_start"], "end": row["ev_end"], "text": row["ev_text"]},
        "rule": row["rule"],
    }


def _actors_of(coded: CodedDocument) -> list[ActorRef]:
    seen: dict[str, ActorRef] = {}
    for e in coded.events:
        for a in (e.source, e.target, e.attributed_to):
            if a is not None:
                seen.setdefault(a.id, a)
    for c in coded.claims:
        for a in (c.about, c.attributed_to):
            if a is not None:
                seen.setdefault(a.id, a)
    for m in coded.mentions:
        if m.actor is not None:
            seen.setdefault(m.actor.id, m.actor)
    return list(seen.values())


def _event_row(e: Event, version: str) -> list[Any]:
    loc = e.location
    return [
        e.event_id, e.doc_id, e.sentence_index, e.sentence, e.type, e.mode, e.cameo,
        e.goldstein, e.quad_class,
        *_actor_cols(e.source), *_actor_cols(e.target),
        e.date, e.date_precision, _as_date(_date_start(e.date)),
        loc.name if loc else None, loc.country if loc else None,
        loc.lat if loc else None, loc.lon if loc else None,
        e.negated, e.hypothetical, *_actor_cols(e.attributed_to),
        e.evidence.start, e.evidence.end, e.evidence.text, e.rule, e.confidence,
        e.agreement_id, version,
    ]


def _claim_row(c: Claim, version: str) -> list[Any]:
    return [
        c.claim_id, c.doc_id, c.sentence_index, c.sentence, c.kind, c.low, c.best, c.high,
        c.unit, *_actor_cols(c.about), c.category, c.as_of, *_actor_cols(c.attributed_to),
        c.evidence.start, c.evidence.end, c.evidence.text, c.rule, version,
    ]


#: the tables a ``ceasefire batch`` directory holds, in loading order
BATCH_TABLES = ("documents", "sentences", "mentions", "actors", "events", "claims", "agreements")


@lru_cache(maxsize=1)
def table_columns() -> dict[str, list[str]]:
    """Column names of every table, as written (``ingested_at`` is set by the database)."""
    return {t: [c for c, _ in cols] for t, cols in table_types().items()}


@lru_cache(maxsize=1)
def table_types() -> dict[str, list[tuple[str, str]]]:
    """(column, DuckDB type) of every table, read from the schema itself."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(SCHEMA)
        out = {}
        for table in TABLES:
            rows = con.execute(f"DESCRIBE {table}").fetchall()
            out[table] = [(r[0], r[1]) for r in rows if r[0] != "ingested_at"]
        return out
    finally:
        con.close()


_ARROW_TYPES = {"VARCHAR": "string", "INTEGER": "int32", "BIGINT": "int64",
                "DOUBLE": "float64", "BOOLEAN": "bool_", "DATE": "date32"}


def _arrow_type(duck: str) -> Any:
    import pyarrow as pa

    if duck == "VARCHAR[]":
        return pa.list_(pa.string())
    return getattr(pa, _ARROW_TYPES[duck])()


@lru_cache(maxsize=1)
def arrow_schemas() -> dict[str, Any]:
    """The pyarrow schema of every table (from the DuckDB schema) and of ``skipped``."""
    import pyarrow as pa

    out = {t: pa.schema([(c, _arrow_type(d)) for c, d in cols])
           for t, cols in table_types().items()}
    out["skipped"] = pa.schema([("path", pa.string()), ("reason", pa.string())])
    return out


def rows_to_arrow(table: str, rows: list[tuple[Any, ...]]) -> Any:
    """Rows of :func:`coded_rows` (or ``skipped``) as a pyarrow Table of that table's schema."""
    import pyarrow as pa

    schema = arrow_schemas()[table]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema.names]
    return pa.Table.from_arrays([pa.array(list(col), type=f.type)
                                 for col, f in zip(columns, schema, strict=True)], schema=schema)


def coded_rows(coded: CodedDocument, version: str = __version__) -> dict[str, list[tuple[Any, ...]]]:
    """The rows one coded document adds to each table (columns as :func:`table_columns`).

    The store and ``ceasefire batch`` write exactly these rows, so a batch
    directory loaded into DuckDB holds what a direct ingest would.
    """
    doc = coded.doc
    return {
        "documents": [(
            doc.doc_id, doc.title, doc.author, doc.publisher, doc.published,
            doc.published_source, doc.path, doc.url, doc.fmt, doc.text,
            len(coded.sentences), len(coded.events), len(coded.claims), version,
        )],
        "sentences": [(s.doc_id, s.index, s.start, s.end, s.text, s.parsed, version)
                      for s in coded.sentences],
        "mentions": [(m.doc_id, m.sentence_index, m.start, m.end, m.text,
                      m.actor.id if m.actor else None, m.kind, version) for m in coded.mentions],
        "actors": [(a.id, a.name, a.country, a.sector, a.top) for a in _actors_of(coded)],
        "events": _first_by_id([tuple(_event_row(e, version)) for e in coded.events]),
        "claims": _first_by_id([tuple(_claim_row(c, version)) for c in coded.claims]),
        "agreements": _first_by_id([
            (a.agreement_id, a.name, a.date, a.kind, a.parties, a.brokers, a.place, a.origin,
             a.doc_id, version) for a in coded.agreements]),
    }


def _insert_verb(table: str) -> str:
    """Tables keyed by id keep the first row of an id; the others take every row."""
    return "INSERT INTO" if table in ("documents", "sentences", "mentions") else \
        "INSERT OR IGNORE INTO"


def _first_by_id(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows with a repeated id (the first column) left out after their first."""
    seen: set[Any] = set()
    out = []
    for r in rows:
        if r[0] not in seen:
            seen.add(r[0])
            out.append(r)
    return out


class DatabaseBusy(BadInput):
    """The database file is held by another process (a writer, or readers beside a writer)."""


class Store:
    """A ceasefire database in one DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | Path = "ceasefire.duckdb", read_only: bool = False,
                 wait: float = 0.0) -> None:
        """Open (or create) the database; ``wait`` seconds are spent retrying while another
        process holds the file (DuckDB allows one writer process, and no reader beside it)."""
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise BadInput(
                f"database {self.path!r} does not exist; create it with "
                f"'ceasefire ingest PATH --db {self.path}' or run 'ceasefire demo'"
            )
        deadline = time.monotonic() + wait
        delay = 0.01
        while True:
            try:
                self.con = duckdb.connect(self.path, read_only=read_only)
                break
            except duckdb.IOException as exc:
                if "lock" in str(exc).lower() and time.monotonic() + delay < deadline:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.2)
                    continue
                raise DatabaseBusy(
                    f"cannot open database {self.path!r}: {exc}. If another ceasefire process "
                    "is writing to it, wait for it to finish or use another --db file"
                ) from exc
        if not read_only:
            self.con.execute(SCHEMA)

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row is not None

    def known_doc_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT doc_id FROM documents").fetchall()}

    def add(self, coded: CodedDocument) -> bool:
        """Write one coded document and everything derived from it in one transaction.

        Returns False (and writes nothing) when the document is already stored.
        """
        return self.add_many([coded])[0]

    def add_many(self, batch: list[CodedDocument]) -> list[bool]:
        """Write coded documents, with everything derived from them, in one transaction.

        Either all of them are stored or none is; a document already stored (or
        earlier in ``batch``) is left out, and its entry in the answer is False.
        """
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            ids = [c.doc.doc_id for c in batch]
            stored = {r[0] for r in con.execute(
                "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))",
                [ids]).fetchall()} if ids else set()
            fresh: list[bool] = []
            rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
            seen: dict[str, set[Any]] = {"actors": set(), "agreements": set()}
            for coded in batch:
                ok = coded.doc.doc_id not in stored
                fresh.append(ok)
                if not ok:
                    continue
                stored.add(coded.doc.doc_id)
                for table, new in coded_rows(coded).items():
                    if table in seen:  # the first row of an id wins, as INSERT OR IGNORE keeps it
                        new = [r for r in new if r[0] not in seen[table]]
                        seen[table].update(r[0] for r in new)
                    rows[table].extend(new)
            for table, table_rows in rows.items():
                if table_rows:
                    self._insert(table, table_rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return fresh

    def _insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        # through Arrow: DuckDB's executemany binds row by row and is many times slower
        cols = ", ".join(table_columns()[table])
        verb = _insert_verb(table)
        self.con.register("_incoming", rows_to_arrow(table, rows))
        try:
            self.con.execute(f"{verb} {table} ({cols}) SELECT {cols} FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def load_batch(self, directory: str | Path) -> dict[str, int]:
        """Load a ``ceasefire batch`` output directory (Parquet per table) into the database.

        Documents already stored are left out with everything derived from them;
        the whole directory is loaded in one transaction.
        """
        root = Path(directory)
        loaded: dict[str, int] = {}
        con = self.con
        docs = str(root / "documents" / "*.parquet")
        loaded["read"] = con.execute("SELECT count(DISTINCT doc_id) FROM read_parquet(?)",
                                     [docs]).fetchone()[0]  # type: ignore[index]
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("CREATE TEMP TABLE new_docs AS SELECT DISTINCT doc_id FROM "
                        "read_parquet(?) WHERE doc_id NOT IN (SELECT doc_id FROM documents)",
                        [docs])
            for table in BATCH_TABLES:
                files = sorted((root / table).glob("*.parquet"))
                if not files:
                    loaded[table] = 0
                    continue
                cols = ", ".join(table_columns()[table])
                keep = "" if table in ("actors", "agreements") else \
                    " WHERE doc_id IN (SELECT doc_id FROM new_docs)"
                verb = _insert_verb(table)
                before = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
                con.execute(f"{verb} {table} ({cols}) SELECT {cols} FROM read_parquet(?){keep}",
                            [[str(f) for f in files]])
                after = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
                loaded[table] = after - before
            con.execute("DROP TABLE new_docs")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return loaded

    def add_agreements(self, agreements: Iterable[Agreement]) -> None:
        """Store agreements of the knowledge pack (idempotent)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for agreement in agreements:
                self._add_agreement(agreement, __version__)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _add_agreement(self, a: Agreement, version: str) -> None:
        self.con.execute(
            "INSERT OR IGNORE INTO agreements VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                a.agreement_id, a.name, a.date, a.kind, a.parties, a.brokers, a.place,
                a.origin, a.doc_id, version,
            ],
        )

    # -- reading -----------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def events(
        self,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events as JSON dicts, filtered; ordered by date then document position."""
        where, params = event_filter(actor=actor, type=type, since=since, until=until,
                                     doc_id=doc_id)
        cond = " WHERE " + " AND ".join(where) if where else ""
        if limit is not None:
            # events are ordered by date first: count them per date to find the dates the
            # page falls on, then sort only the events of those dates
            days, skipped = self._page_days(cond, params, int(limit), int(offset))
            if days is None:
                return []
            lo, hi, with_null = days
            span = []
            if lo is not None:
                span.append("date_start BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)")
            if with_null:
                span.append("date_start IS NULL")
            where = [*where, "(" + " OR ".join(span) + ")"]
            params = [*params, *([lo, hi] if lo is not None else [])]
            cond = " WHERE " + " AND ".join(where)
            offset = int(offset) - skipped
        sql = f"SELECT * FROM events{cond} ORDER BY {EVENT_ORDER}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [event_row_to_json(r) for r in self.query(sql, params)]

    def _page_days(self, cond: str, params: list[Any], limit: int, offset: int,
                   ) -> tuple[tuple[Any, Any, bool] | None, int]:
        """The first and last date_start (and whether the dateless events) a page of the
        events matching ``cond`` covers, and how many matching events come before them."""
        counts = self.con.execute(
            f"SELECT date_start, count(*) FROM events{cond} GROUP BY date_start "
            "ORDER BY date_start NULLS LAST", params).fetchall()
        seen = 0
        skipped = 0
        lo = hi = None
        with_null = False
        found = False
        for day, n in counts:
            if seen + n <= offset:
                seen += n
                skipped = seen
                continue
            found = True
            if day is None:
                with_null = True
            else:
                lo = day if lo is None else lo
                hi = day
            seen += n
            if seen >= offset + limit:
                break
        if not found:
            return None, skipped
        return (lo, hi, with_null), skipped

    def claims(
        self,
        doc_id: str | None = None,
        kind: str | None = None,
        about: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Claims as JSON dicts in as-of order; ``about`` is an actor code or its top code."""
        where, params = [], []
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if about:
            where.append("(about_id = ? OR split_part(about_id, '.', 1) = ?)")
            params += [about, about]
        sql = "SELECT * FROM claims"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {CLAIM_ORDER}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [claim_row_to_json(r) for r in self.query(sql, params)]

    def iter_table(self, table: str) -> Iterator[dict[str, Any]]:
        if table not in TABLES:
            raise BadInput(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
        yield from self.query(f"SELECT * FROM {table}")

    def export_parquet(self, directory: str | Path) -> list[Path]:
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            target = out / f"{table}.parquet"
            self.con.execute(f"COPY {table} TO '{target.as_posix()}' (FORMAT parquet)")
            written.append(target)
        return written


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)
