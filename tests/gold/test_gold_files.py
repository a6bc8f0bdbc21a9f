"""The gold files are valid, and the checker rejects what it must reject."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_gold", HERE / "check_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


check_gold = _load_checker()

SEED_TEXT = "Heading\n\nAlpha met Beta on Monday. Gamma left. Delta stayed home.\n"


def _fake_root(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "x.txt").write_text(SEED_TEXT, encoding="utf-8")
    return tmp_path


def _write(tmp_path: Path, items: list[dict[str, object]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def _seed_item(start: int, end: int) -> dict[str, object]:
    return {"id": "s1", "doc": "seeds/x.txt", "start": start, "end": end, "events": []}


def test_check_gold_accepts_shipped_files() -> None:
    root = check_gold.default_root()
    if root is None:
        pytest.skip("seed documents not available; set CEASEFIRE_SHARED")
    report = check_gold.check_files([HERE / "dev.jsonl", HERE / "holdout.jsonl"], root)
    assert report.errors == []
    assert sum(report.items.values()) >= 170


def test_check_gold_accepts_whole_sentence_slice(tmp_path: Path) -> None:
    start = SEED_TEXT.index("Gamma")
    path = _write(tmp_path, [_seed_item(start, start + len("Gamma left."))])
    assert check_gold.check_files([path], _fake_root(tmp_path)).errors == []


@pytest.mark.parametrize(("shift_start", "shift_end"), [(1, 0), (0, -1), (-1, 0), (0, 1)], ids=str)
def test_check_gold_rejects_slice_off_sentence_edge(
    tmp_path: Path, shift_start: int, shift_end: int
) -> None:
    start = SEED_TEXT.index("Gamma")
    end = start + len("Gamma left.")
    path = _write(tmp_path, [_seed_item(start + shift_start, end + shift_end)])
    assert check_gold.check_files([path], _fake_root(tmp_path)).errors != []


def test_check_gold_rejects_unknown_actor_code(tmp_path: Path) -> None:
    item = {
        "id": "w1",
        "text": "Armenia met Azerbaijan.",
        "events": [{"type": "CONSULT", "source": "ARM", "target": "AZR"}],
    }
    errors = check_gold.check_files([_write(tmp_path, [item])], _fake_root(tmp_path)).errors
    assert len(errors) == 1 and "AZR" in errors[0]


def test_check_gold_rejects_event_without_actors(tmp_path: Path) -> None:
    item = {
        "id": "w1",
        "text": "Fighting resumed.",
        "events": [{"type": "ASSAULT", "source": None, "target": None}],
    }
    errors = check_gold.check_files([_write(tmp_path, [item])], _fake_root(tmp_path)).errors
    assert len(errors) == 1 and "at least one" in errors[0]


def test_check_gold_rejects_claim_with_low_above_high(tmp_path: Path) -> None:
    item = {
        "id": "w1",
        "text": "Between 9 and 5 died.",
        "events": [],
        "claims": [{"kind": "fatalities", "low": 9, "high": 5, "about": None, "category": "total"}],
    }
    errors = check_gold.check_files([_write(tmp_path, [item])], _fake_root(tmp_path)).errors
    assert len(errors) == 1 and "low <= best <= high" in errors[0]


def test_check_gold_rejects_text_copied_from_seed(tmp_path: Path) -> None:
    root = _fake_root(tmp_path)
    (root / "seeds" / "y.txt").write_text(
        "one two three four five six seven eight nine ten.", encoding="utf-8"
    )
    item = {"id": "w1", "text": "Two three four five six seven eight nine.", "events": []}
    errors = check_gold.check_files([_write(tmp_path, [item])], root).errors
    assert len(errors) == 1 and "seed document" in errors[0]


def test_check_gold_rejects_duplicate_ids(tmp_path: Path) -> None:
    item = {"id": "w1", "text": "Nothing happened.", "events": []}
    errors = check_gold.check_files([_write(tmp_path, [item, item])], _fake_root(tmp_path)).errors
    assert len(errors) == 1 and "duplicate id" in errors[0]
