"""Exports, and the pandas Python API."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from fixtures_db import build_file, build_store

from ceasefire.errors import BadInput
from ceasefire.interfaces import frame
from ceasefire.interfaces.export import export, flatten


def test_export_plover_one_record_per_event(tmp_path: Path) -> None:
    [path] = export(build_store(), tmp_path, "plover")
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(records) == 17
    rec = next(r for r in records if r["id"] == "e-sh-ganja")
    assert (rec["date"], rec["event_type"], rec["mode"]) == ("2020-10-11", "ASSAULT", None)
    assert rec["actor"] == [{"name": "Armenian armed forces", "code": "ARM.MIL",
                             "country": "ARM", "sector": "MIL"}]
    assert rec["recipient"][0]["code"] == "AZE"
    assert rec["context"] == ["military"]
    assert rec["country"] == "AZE"
    assert rec["source_sentence"] == "Baku said Armenian troops fired rockets at Ganja the same day."
    assert rec["story"]["publisher"] == "Highland Monitor"


def test_export_csv_writes_every_table(tmp_path: Path) -> None:
    files = export(build_store(), tmp_path, "csv")
    assert sorted(p.name for p in files) == sorted(
        f"{t}.csv" for t in ("documents", "sentences", "mentions", "actors", "events",
                             "claims", "agreements"))
    with (tmp_path / "events.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 17 and rows[0]["source_id"] == "AZE.MIL"


def test_export_jsonl_and_parquet(tmp_path: Path) -> None:
    store = build_store()
    export(store, tmp_path / "j", "jsonl")
    claims = (tmp_path / "j" / "claims.jsonl").read_text().splitlines()
    assert len(claims) == 6
    parquet = export(store, tmp_path / "p", "parquet")
    assert (tmp_path / "p" / "events.parquet") in parquet


def test_export_unknown_format_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="unknown export format 'xls'"):
        export(build_store(), tmp_path, "xls")


def test_export_flatten_nested_and_lists() -> None:
    assert flatten({"a": {"b": 1, "c": None}, "d": [1, 2]}) == {"a_b": 1, "a_c": None,
                                                                 "d": "[1, 2]"}


def test_frame_returns_dataframes(tmp_path: Path) -> None:
    with frame.open(build_file(tmp_path / "f.duckdb")) as db:
        events = db.events(actor="NKR")
        assert sorted(events["event_id"]) == [
            "e-apr-accuse", "e-apr-assault", "e-forum-martuni", "e-sh-stepanakert"]
        assert "source_id" in events.columns
        assert len(db.claims()) == 6
        assert "text" not in db.documents().columns
        assert len(db.actors()) == 9
        assert db.events(actor="USA").empty
