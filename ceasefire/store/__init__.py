"""DuckDB store: one embedded file, one writer, provenance on every row.

A document is written together with its sentences, mentions, events and
claims in one transaction, so an interrupted batch leaves only whole
documents behind and re-running it completes it (document ids are content
hashes: a document already stored is skipped).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from ceasefire import __version__
from ceasefire.errors import BadInput
from ceasefire.types import ActorRef, Agreement, Claim, CodedDocument, Event

__all__ = ["SCHEMA", "Store", "claim_row_to_json", "event_row_to_json"]

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


class Store:
    """A ceasefire database in one DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | Path = "ceasefire.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise BadInput(
                f"database {self.path!r} does not exist; create it with "
                f"'ceasefire ingest PATH --db {self.path}' or run 'ceasefire demo'"
            )
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise BadInput(
                f"cannot open database {self.path!r}: {exc}. If another ceasefire process is "
                "writing to it, wait for it to finish or use another --db file"
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
        doc = coded.doc
        version = __version__
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if self.has_document(doc.doc_id):
                con.execute("ROLLBACK")
                return False
            con.execute(
                "INSERT INTO documents (doc_id, title, author, publisher, published, "
                "published_source, path, url, fmt, text, n_sentences, n_events, n_claims, "
                "coder_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    doc.doc_id, doc.title, doc.author, doc.publisher, doc.published,
                    doc.published_source, doc.path, doc.url, doc.fmt, doc.text,
                    len(coded.sentences), len(coded.events), len(coded.claims), version,
                ],
            )
            if coded.sentences:
                con.executemany(
                    "INSERT INTO sentences VALUES (?,?,?,?,?,?,?)",
                    [
                        [s.doc_id, s.index, s.start, s.end, s.text, s.parsed, version]
                        for s in coded.sentences
                    ],
                )
            if coded.mentions:
                con.executemany(
                    "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?)",
                    [
                        [
                            m.doc_id, m.sentence_index, m.start, m.end, m.text,
                            m.actor.id if m.actor else None, m.kind, version,
                        ]
                        for m in coded.mentions
                    ],
                )
            actors = self._actors_of(coded)
            if actors:
                con.executemany(
                    "INSERT OR IGNORE INTO actors VALUES (?,?,?,?,?)",
                    [[a.id, a.name, a.country, a.sector, a.top] for a in actors],
                )
            if coded.events:
                con.executemany(
                    "INSERT OR IGNORE INTO events VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [self._event_row(e, version) for e in coded.events],
                )
            if coded.claims:
                con.executemany(
                    "INSERT OR IGNORE INTO claims VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [self._claim_row(c, version) for c in coded.claims],
                )
            for agreement in coded.agreements:
                self._add_agreement(agreement, version)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return True

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

    @staticmethod
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

    @staticmethod
    def _event_row(e: Event, version: str) -> list[Any]:
        loc = e.location
        return [
            e.event_id, e.doc_id, e.sentence_index, e.sentence, e.type, e.mode, e.cameo,
            e.goldstein, e.quad_class,
            *_actor_cols(e.source), *_actor_cols(e.target),
            e.date, e.date_precision, _date_start(e.date),
            loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None,
            e.negated, e.hypothetical, *_actor_cols(e.attributed_to),
            e.evidence.start, e.evidence.end, e.evidence.text, e.rule, e.confidence,
            e.agreement_id, version,
        ]

    @staticmethod
    def _claim_row(c: Claim, version: str) -> list[Any]:
        return [
            c.claim_id, c.doc_id, c.sentence_index, c.sentence, c.kind, c.low, c.best, c.high,
            c.unit, *_actor_cols(c.about), c.category, c.as_of, *_actor_cols(c.attributed_to),
            c.evidence.start, c.evidence.end, c.evidence.text, c.rule, version,
        ]

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
        where, params = [], []
        if actor:
            where.append(
                "(source_id = ? OR target_id = ? OR split_part(source_id, '.', 1) = ? "
                "OR split_part(target_id, '.', 1) = ?)"
            )
            params += [actor, actor, actor, actor]
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
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date_start NULLS LAST, doc_id, sentence_idx, ev_start, event_id"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [event_row_to_json(r) for r in self.query(sql, params)]

    def claims(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT * FROM claims"
        params: list[Any] = []
        if doc_id:
            sql += " WHERE doc_id = ?"
            params.append(doc_id)
        sql += " ORDER BY as_of NULLS LAST, doc_id, sentence_idx, ev_start"
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
