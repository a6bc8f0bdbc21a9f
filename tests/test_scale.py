"""Worker processes, batch output and the Spark engine give exactly the rows of a plain ingest."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ceasefire.errors import ConfigError
from ceasefire.ingest import iter_documents, read_unit, work_units
from ceasefire.scale import code_stream
from ceasefire.store import BATCH_TABLES, table_columns
from ceasefire.types import Document, Skipped

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "ceasefire"
SAMPLE = ROOT / "ceasefire" / "data" / "sample"

pytestmark = pytest.mark.skipif(not CLI.exists(), reason=f"the CLI is not installed at {CLI}")

# own words; the facts are the 2020 war's
_RECORDS = [
    "Azerbaijani artillery shelled Stepanakert on 4 October 2020, the city's officials said.",
    "Armenia and Azerbaijan agreed to a humanitarian truce in Moscow on 10 October 2020.",
    "Baku accused Yerevan of breaking the truce within hours of its start.",
    "Russian peacekeepers began to deploy along the Lachin corridor on 10 November 2020.",
    "Officials in Yerevan said at least 2,300 Armenian soldiers had been killed in the war.",
]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "COLUMNS": "200"})


def _mixed_input(root: Path) -> Path:
    """Text files, a JSONL file (with a broken line and a duplicate) and a Parquet file."""
    root.mkdir()
    for p in sorted(SAMPLE.glob("*.txt"))[:4]:
        (root / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    lines = [json.dumps({"text": t, "published": "2020-11-12", "title": f"Wire {i}"})
             for i, t in enumerate(_RECORDS)]
    lines.insert(2, "{not json")
    lines.append(json.dumps({"text": _RECORDS[0], "published": "2020-11-12"}))  # a duplicate
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = pa.table({"text": [f"{t} Desk copy {i}." for i, t in enumerate(_RECORDS)],
                      "published": ["2020-10-20"] * len(_RECORDS)})
    pq.write_table(table, root / "archive.parquet")
    return root


def _tables(db: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in BATCH_TABLES:
            cols = table_columns()[t]
            out[t] = con.execute(f"SELECT {', '.join(cols)} FROM {t} "
                                 f"ORDER BY {', '.join(cols[:3])}").df()
        return out
    finally:
        con.close()


def _frames(directory: Path, table: str) -> pd.DataFrame:
    cols = table_columns()[table] if table != "skipped" else ["path", "reason"]
    frame = pd.read_parquet(directory / table)[cols]
    return frame.sort_values(cols[:3]).reset_index(drop=True)


def _assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for table in BATCH_TABLES:
        pd.testing.assert_frame_equal(a[table], b[table], check_dtype=False, obj=table)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _mixed_input(tmp_path_factory.mktemp("scale") / "input")


@pytest.fixture(scope="module")
def plain_db(mixed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("plain") / "plain.duckdb"
    result = _cli("ingest", str(mixed), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def local_batch(mixed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "local"
    result = _cli("batch", str(mixed), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_work_units_read_the_same_documents_as_whole_files(tmp_path: Path) -> None:
    src = _mixed_input(tmp_path / "in")
    whole = [d for d in iter_documents([src], dedupe=False)]
    units = [u for u in work_units([src], records_per_unit=2) if not isinstance(u, Skipped)]
    assert sum(1 for u in units if u.fmt == "jsonl") == 4  # 8 lines in runs of 2
    assert sum(1 for u in units if u.fmt == "parquet") == 3
    pieces = [d for u in units for d in read_unit(u)]
    key = [(type(d).__name__, d.path, getattr(d, "doc_id", getattr(d, "reason", None)))
           for d in whole]
    assert [(type(d).__name__, d.path, getattr(d, "doc_id", getattr(d, "reason", None)))
            for d in pieces] == key
    broken = [d for d in whole if isinstance(d, Skipped)]
    assert [d.path for d in broken] == [f"{src / 'wire.jsonl'}:3"]
    parquet_docs = [d for d in whole if isinstance(d, Document) and d.fmt == "parquet"]
    assert [d.path for d in parquet_docs] == [f"{src / 'archive.parquet'}:{i}" for i in
                                              range(1, 6)]
    assert all(d.published is not None and d.published.isoformat() == "2020-10-20"
               for d in parquet_docs)


def test_parquet_without_text_column_is_skipped_with_a_reason(tmp_path: Path) -> None:
    pq.write_table(pa.table({"body": ["no text column here"]}), tmp_path / "x.parquet")
    items = list(iter_documents([tmp_path / "x.parquet"]))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert '"text" column' in items[0].reason


def test_two_workers_store_exactly_the_rows_of_one(mixed: Path, plain_db: Path,
                                                    tmp_path: Path) -> None:
    db = tmp_path / "two.duckdb"
    result = _cli("ingest", str(mixed), "--db", str(db), "--workers", "2")
    assert result.returncode == 0, result.stderr
    plain = _tables(plain_db)
    assert len(plain["events"]) > 20 and len(plain["documents"]) == 4 + 5 + 5
    _assert_same(_tables(db), plain)


def test_code_stream_reads_input_only_as_fast_as_it_codes(pipeline: Any) -> None:
    pulled = []

    def docs() -> Any:
        for i in range(200):
            pulled.append(i)
            yield Document(doc_id=f"d{i:04d}", text=f"Report {i}. Armenia and Azerbaijan met.")

    stream = code_stream(docs(), workers=2)
    first = next(stream)
    assert first.doc.doc_id == "d0000"
    # at most 3 chunks per worker in flight, 8 documents a chunk, plus the one being cut
    assert len(pulled) <= 3 * 2 * 8 + 8
    rest = list(stream)
    assert [c.doc.doc_id for c in rest] == [f"d{i:04d}" for i in range(1, 200)]


def test_batch_directory_loads_into_the_rows_of_a_plain_ingest(
        local_batch: Path, plain_db: Path, tmp_path: Path) -> None:
    manifest = json.loads((local_batch / "_ceasefire.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "ceasefire-batch" and manifest["engine"] == "local"
    skipped = _frames(local_batch, "skipped")
    reasons = " ".join(skipped["reason"])
    assert "invalid JSON on line 3" in reasons and "duplicate of" in reasons
    db = tmp_path / "loaded.duckdb"
    result = _cli("ingest", str(local_batch), "--db", str(db))
    assert result.returncode == 0, result.stderr
    _assert_same(_tables(db), _tables(plain_db))
    again = _cli("ingest", str(local_batch), "--db", str(db))  # loading twice adds nothing
    assert again.returncode == 0 and "already in the database: 14" in again.stderr
    _assert_same(_tables(db), _tables(plain_db))


def test_spark_engine_writes_the_same_rows_as_local(mixed: Path, local_batch: Path,
                                                    tmp_path: Path) -> None:
    pytest.importorskip("pyspark", reason="the spark extra is part of the dev install")
    out = tmp_path / "spark"
    result = _cli("batch", str(mixed), "--out", str(out), "--engine", "spark",
                  "--master", "local[2]")
    assert result.returncode == 0, result.stderr[-3000:]
    for table in (*BATCH_TABLES, "skipped"):
        spark, local = _frames(out, table), _frames(local_batch, table)
        assert len(local) > 0 or table in ("skipped",)
        pd.testing.assert_frame_equal(spark, local, check_dtype=False, obj=table)
    assert _frames(out, "events")["event_id"].is_unique


def test_spark_engine_without_pyspark_says_how_to_install(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    import builtins

    from ceasefire.scale import run_batch

    real_import = builtins.__import__

    def no_pyspark(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pyspark" or name.startswith("pyspark."):
            raise ImportError("No module named 'pyspark'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyspark)
    with pytest.raises(ConfigError, match=r"pip install 'ceasefire\[spark\]'"):
        run_batch([str(SAMPLE)], tmp_path / "out", engine="spark")


def test_batch_refuses_a_directory_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    result = _cli("batch", str(SAMPLE), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "not a ceasefire batch directory" in result.stderr
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"
