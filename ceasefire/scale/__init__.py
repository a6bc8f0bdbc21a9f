"""Scale: code many documents, in worker processes on one machine or in Spark executors.

code_stream(docs, workers=N)     CodedDocuments in input order; N > 1 codes in N processes,
                                 each loading the spaCy pipeline once, with a bounded queue
                                 so memory does not grow with the corpus
run_batch(inputs, out, ...)      ``ceasefire batch``: Parquet per table under ``out``, read
                                 back by ``ceasefire ingest out`` (Store.load_batch)

Both engines of ``run_batch`` read the input as the same work units
(:func:`ceasefire.ingest.work_units`), turn each coded document into the same
rows (:func:`ceasefire.store.coded_rows`) and keep the first copy of a
duplicate document by the units' order, so they write identical rows.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ceasefire import __version__
from ceasefire.types import CodedDocument, Document, Skipped

if TYPE_CHECKING:
    from ceasefire.pipeline import Pipeline

__all__ = ["MANIFEST", "CodingPool", "code_stream", "is_batch_dir", "run_batch"]

#: the file that marks a directory written by ``ceasefire batch``
MANIFEST = "_ceasefire.json"
#: documents (or this many characters, whichever comes first) sent to a worker at a time
_CHUNK_DOCS = 8
_CHUNK_CHARS = 200_000

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(model: str | None, packs: Sequence[Path], parse_all: bool) -> None:
    global _WORKER_PIPELINE
    # Ctrl-C reaches the whole process group: the parent decides when to stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ceasefire.pipeline import Pipeline

    _WORKER_PIPELINE = Pipeline(model=model, packs=packs, parse_all=parse_all)


def _code_chunk(docs: list[Document]) -> list[CodedDocument]:
    assert _WORKER_PIPELINE is not None, "worker started without its pipeline"
    return list(_WORKER_PIPELINE.code_documents(docs))


def _chunks(docs: Iterable[Document]) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.text)
        if len(chunk) >= _CHUNK_DOCS or size >= _CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _warm() -> int:
    import os
    import time

    time.sleep(0.3)  # long enough for the pool to hand the next one to another worker
    return os.getpid()


class CodingPool:
    """``workers`` processes, each with its own pipeline, coding chunks of documents in order.

    Entering the pool starts the workers and waits until each has loaded its model.
    """

    def __init__(self, workers: int, model: str | None = None, packs: Sequence[Path] = (),
                 parse_all: bool = False) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("forkserver"),
            initializer=_init_worker, initargs=(model, tuple(packs), parse_all))

    def __enter__(self) -> CodingPool:
        for f in [self._pool.submit(_warm) for _ in range(self.workers)]:
            f.result()
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def code(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code ``docs`` in their order; at most three chunks per worker are in flight."""
        pending: deque[Future[list[CodedDocument]]] = deque()
        for chunk in _chunks(docs):
            pending.append(self._pool.submit(_code_chunk, chunk))
            while len(pending) >= 3 * self.workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def code_stream(docs: Iterable[Document], *, workers: int = 1, model: str | None = None,
                packs: Sequence[Path] = (), parse_all: bool = False,
                pipeline: Pipeline | None = None) -> Iterator[CodedDocument]:
    """Code ``docs`` lazily, in their order, in this process or in ``workers`` processes.

    With workers, at most ``3 * workers`` chunks are in flight, so a generator of
    documents is read only as fast as it is coded.
    """
    if workers <= 1:
        if pipeline is None:
            from ceasefire.pipeline import Pipeline

            pipeline = Pipeline(model=model, packs=packs, parse_all=parse_all)
        yield from pipeline.code_documents(docs)
        return
    with CodingPool(workers, model=model, packs=packs, parse_all=parse_all) as pool:
        yield from pool.code(docs)


# -- batch ----------------------------------------------------------------------------------


def is_batch_dir(path: str | Path) -> bool:
    """True when ``path`` is a directory written by ``ceasefire batch``."""
    return (Path(path) / MANIFEST).is_file()


def _manifest(out: Path, engine: str, counts: dict[str, int]) -> None:
    (out / MANIFEST).write_text(json.dumps({
        "format": "ceasefire-batch", "format_version": 1, "coder_version": __version__,
        "engine": engine, "rows": counts,
        "written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }, indent=2) + "\n", encoding="utf-8")


def _prepare_out(out: Path) -> None:
    if out.exists() and any(out.iterdir()) and not is_batch_dir(out):
        from ceasefire.errors import BadInput

        raise BadInput(f"{out} exists and is not a ceasefire batch directory (it has no "
                       f"{MANIFEST}); give --out a new or empty directory")


def run_batch(inputs: Sequence[str], out: str | Path, *, engine: str = "local",
              workers: int = 1, master: str | None = None, model: str | None = None,
              packs: Sequence[Path] = (), published: dt.date | None = None,
              records_per_unit: int = 200) -> dict[str, int]:
    """Code ``inputs`` and write Parquet per table under ``out``; returns rows per table."""
    out = Path(out)
    _prepare_out(out)
    if engine == "spark":
        from ceasefire.scale.spark import run_spark_batch

        counts = run_spark_batch(inputs, out, master=master, model=model, packs=packs,
                                 published=published, records_per_unit=records_per_unit)
    elif engine == "local":
        counts = _run_local_batch(inputs, out, workers=workers, model=model, packs=packs,
                                  published=published)
    else:
        from ceasefire.errors import BadInput

        raise BadInput(f"unknown engine {engine!r}; use --engine local or --engine spark")
    _manifest(out, engine, counts)
    return counts


class _ParquetSink:
    """One Parquet file per table, written a row group at a time."""

    def __init__(self, out: Path, flush_rows: int = 20_000) -> None:
        import shutil

        from ceasefire.store import arrow_schemas

        self.schemas = arrow_schemas()
        self.out = out
        self.flush_rows = flush_rows
        self.buffers: dict[str, list[tuple[Any, ...]]] = {t: [] for t in self.schemas}
        self.writers: dict[str, Any] = {}
        self.counts = dict.fromkeys(self.schemas, 0)
        for table in self.schemas:
            shutil.rmtree(out / table, ignore_errors=True)
            (out / table).mkdir(parents=True)

    def add(self, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
        buf = self.buffers[table]
        buf.extend(rows)
        if len(buf) >= self.flush_rows:
            self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow.parquet as pq

        from ceasefire.store import rows_to_arrow

        buf = self.buffers[table]
        if table not in self.writers:
            self.writers[table] = pq.ParquetWriter(self.out / table / "part-00000.parquet",
                                                   self.schemas[table])
        self.writers[table].write_table(rows_to_arrow(table, buf))
        self.counts[table] += len(buf)
        buf.clear()

    def close(self) -> dict[str, int]:
        for table in self.schemas:
            if self.buffers[table] or table not in self.writers:
                self._flush(table)
            self.writers[table].close()
        return self.counts


def unit_documents(units: Iterable[Any], published: dt.date | None,
                   ) -> Iterator[tuple[str, Document | Skipped]]:
    """(order key, document or skip) of every work unit, in the units' order."""
    from ceasefire.ingest import read_unit

    for unit in units:
        if isinstance(unit, Skipped):
            yield "", unit
            continue
        for pos, item in enumerate(read_unit(unit, published=published)):
            yield f"{unit.order:09d}.{pos:06d}", item


def pack_agreement_rows(pipeline_pack: Any) -> list[tuple[Any, ...]]:
    """Rows of the knowledge pack's agreements (stored before any coded one)."""
    return [(a.agreement_id, a.name, a.date, a.kind, a.parties, a.brokers, a.place, a.origin,
             a.doc_id, __version__) for a in pipeline_pack.agreements]


def _run_local_batch(inputs: Sequence[str], out: Path, *, workers: int, model: str | None,
                     packs: Sequence[Path], published: dt.date | None) -> dict[str, int]:
    from ceasefire.ingest import work_units
    from ceasefire.pipeline import Pipeline
    from ceasefire.store import coded_rows

    out.mkdir(parents=True, exist_ok=True)
    sink = _ParquetSink(out)
    pipeline = Pipeline(model=model, packs=packs) if workers <= 1 else None
    if pipeline is not None:
        pack = pipeline.pack
    else:
        from ceasefire.actors import KnowledgePack

        pack = KnowledgePack.load(packs)
    seen_keys: dict[str, set[str]] = {"actors": set(), "agreements": set()}
    for row in pack_agreement_rows(pack):
        if row[0] not in seen_keys["agreements"]:
            seen_keys["agreements"].add(row[0])
            sink.add("agreements", [row])
    first_path: dict[str, str] = {}

    def fresh_documents() -> Iterator[Document]:
        for _, item in unit_documents(work_units(inputs), published):
            if isinstance(item, Skipped):
                sink.add("skipped", [(item.path, item.reason)])
                continue
            where = item.path or item.doc_id
            if item.doc_id in first_path:
                sink.add("skipped", [(where, f"duplicate of {first_path[item.doc_id]} "
                                             "(same text)")])
                continue
            first_path[item.doc_id] = where
            yield item

    for coded in code_stream(fresh_documents(), workers=workers, model=model, packs=packs,
                             pipeline=pipeline):
        for table, rows in coded_rows(coded).items():
            if table in seen_keys:
                keep = []
                for r in rows:
                    if r[0] not in seen_keys[table]:
                        seen_keys[table].add(r[0])
                        keep.append(r)
                rows = keep
            sink.add(table, rows)
    return sink.close()
