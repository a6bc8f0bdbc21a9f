"""``ceasefire batch --engine spark``: the same coding, in Spark executors.

The driver cuts the input into work units (a file, or a run of JSONL lines or
Parquet rows) and hands them to the executors; ``mapInPandas`` codes each
partition with a pipeline loaded once per Python worker, and emits every row
as ``(table, doc_id, order, payload)``. The rows are staged once as Parquet,
then the first copy of each document (by the units' order, as the local engine
reads them) is kept and every table is written with the schema of the DuckDB
store. Input paths must be readable by every executor (a shared filesystem).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ceasefire.errors import ConfigError

__all__ = ["run_spark_batch"]

_ROW_SCHEMA = "table string, doc_id string, ord string, payload string"
_KEYED = {"documents", "actors", "events", "claims", "agreements"}
_SPARK_TYPES = {"VARCHAR": "string", "INTEGER": "int", "BIGINT": "bigint", "DOUBLE": "double",
                "BOOLEAN": "boolean", "DATE": "date", "VARCHAR[]": "array<string>"}

_PIPELINE: Any = None


def _require_pyspark() -> Any:
    try:
        import pyspark  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError(
            "the Spark engine needs pyspark, which is not installed; install it with "
            "pip install 'ceasefire[spark]' (Java 17 or newer is needed too), or use "
            "--engine local") from None
    return SparkSession


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _code_partitions(settings: dict[str, Any]) -> Any:
    """The function mapInPandas runs on each partition of work units."""

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from ceasefire.ingest import WorkUnit
        from ceasefire.pipeline import Pipeline
        from ceasefire.scale import unit_documents
        from ceasefire.store import coded_rows, table_columns
        from ceasefire.types import Skipped

        global _PIPELINE
        if _PIPELINE is None:  # once per Python worker, reused across tasks
            _PIPELINE = Pipeline(model=settings["model"],
                                 packs=[Path(p) for p in settings["packs"]])
        published = (dt.date.fromisoformat(settings["published"])
                     if settings["published"] else None)
        columns = table_columns()
        for frame in frames:
            out: list[tuple[str, str | None, str, str]] = []
            units = [WorkUnit(**json.loads(u)) for u in frame["unit"]]
            for order, item in unit_documents(units, published):
                if isinstance(item, Skipped):
                    out.append(("skipped", None, order,
                                json.dumps({"path": item.path, "reason": item.reason})))
                    continue
                coded = next(_PIPELINE.code_documents([item]))
                for table, rows in coded_rows(coded).items():
                    names = columns[table]
                    for i, row in enumerate(rows):
                        payload = {c: _json_value(v) for c, v in zip(names, row, strict=True)}
                        out.append((table, item.doc_id, f"{order}.{i:07d}",
                                    json.dumps(payload, ensure_ascii=False)))
            yield pd.DataFrame(out, columns=["table", "doc_id", "ord", "payload"])

    return run


def run_spark_batch(inputs: Sequence[str], out: Path, *, master: str | None,
                    model: str | None, packs: Sequence[Path], published: dt.date | None,
                    records_per_unit: int = 200) -> dict[str, int]:
    """Code ``inputs`` in Spark and write Parquet per table under ``out``."""
    spark_session = _require_pyspark()
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    from ceasefire.actors import KnowledgePack
    from ceasefire.ingest import work_units
    from ceasefire.scale import pack_agreement_rows
    from ceasefire.store import BATCH_TABLES, table_types
    from ceasefire.types import Skipped

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = spark_session.builder.appName("ceasefire-batch")
    if master:
        builder = builder.master(master)
    spark = builder.config("spark.sql.execution.arrow.pyspark.enabled", "true") \
        .config("spark.ui.enabled", "false") \
        .config("spark.ui.showConsoleProgress", "false").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        units: list[str] = []
        skipped: list[tuple[str, str]] = []
        for u in work_units(list(inputs), records_per_unit=records_per_unit):
            if isinstance(u, Skipped):
                skipped.append((u.path, u.reason))
            else:
                units.append(json.dumps(asdict(u)))
        settings = {"model": model, "packs": [str(p) for p in packs],
                    "published": published.isoformat() if published else None}
        n = max(1, len(units))
        unit_df = spark.createDataFrame([(u,) for u in units], "unit string").repartition(n)
        staging = out / "_staging"
        shutil.rmtree(staging, ignore_errors=True)
        (unit_df.mapInPandas(_code_partitions(settings), _ROW_SCHEMA)
            .write.mode("overwrite").partitionBy("table").parquet(str(staging)))
        rows = spark.read.parquet(str(staging))

        # the first copy of every document wins; the others are reported as duplicates
        docs = rows.filter(F.col("table") == "documents").select(
            "doc_id", F.substring("ord", 1, 16).alias("docord"),
            F.get_json_object("payload", "$.path").alias("path"))
        first = Window.partitionBy("doc_id").orderBy("docord")
        ranked = docs.withColumn("rank", F.row_number().over(first)) \
            .withColumn("first_path", F.first("path").over(first))
        winners = ranked.filter("rank = 1").select("doc_id", "docord")
        duplicates = ranked.filter("rank > 1").select(
            F.coalesce("path", "doc_id").alias("path"),
            F.concat(F.lit("duplicate of "), F.col("first_path"),
                     F.lit(" (same text)")).alias("reason"))
        kept = rows.filter(F.col("table") != "skipped") \
            .withColumn("docord", F.substring("ord", 1, 16)) \
            .join(winners, ["doc_id", "docord"], "inner").select("table", "ord", "payload")
        pack = [("agreements", "", json.dumps(dict(zip(
            [c for c, _ in table_types()["agreements"]], r, strict=True))))
            for r in pack_agreement_rows(KnowledgePack.load(packs))]
        if pack:
            kept = kept.unionByName(spark.createDataFrame(pack, "table string, ord string, "
                                                                "payload string"))

        counts: dict[str, int] = {}
        for table in BATCH_TABLES:
            cols = table_types()[table]
            schema = ", ".join(f"`{c}` {_SPARK_TYPES[d]}" for c, d in cols)
            part = kept.filter(F.col("table") == table)
            if table in _KEYED:  # the first row of every id, as INSERT OR IGNORE keeps it
                key = F.get_json_object("payload", f"$.{cols[0][0]}")
                part = part.withColumn("key", key).withColumn(
                    "n", F.row_number().over(Window.partitionBy("key").orderBy("ord"))) \
                    .filter("n = 1")
            typed = part.select(F.from_json("payload", schema).alias("r")).select("r.*")
            typed.write.mode("overwrite").parquet(str(out / table))
            counts[table] = spark.read.parquet(str(out / table)).count()
        skip_df = rows.filter(F.col("table") == "skipped").select(
            F.get_json_object("payload", "$.path").alias("path"),
            F.get_json_object("payload", "$.reason").alias("reason")).unionByName(duplicates)
        if skipped:
            skip_df = skip_df.unionByName(spark.createDataFrame(skipped, "path string, "
                                                                         "reason string"))
        skip_df.write.mode("overwrite").parquet(str(out / "skipped"))
        counts["skipped"] = spark.read.parquet(str(out / "skipped")).count()
        shutil.rmtree(staging, ignore_errors=True)
        return counts
    finally:
        spark.stop()
