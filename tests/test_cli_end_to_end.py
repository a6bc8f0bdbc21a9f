"""The commands as a user runs them: ingest the seeds, query, code, evaluate, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

CLI = [sys.executable, "-m", "ceasefire.interfaces.cli"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, shared):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("db") / "seeds.duckdb"
    # the news report states no publication date: the user gives it, as the README shows
    dated = run("ingest", str(shared / "seeds" / "003_3a722ce7dd066d0c.txt"), "--db", str(db),
                "--published", "2020-10-19")
    assert dated.returncode == 0, dated.stderr
    result = run("ingest", str(shared / "seeds"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def _events(db: Path) -> list[dict]:
    result = run("events", "--db", str(db), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_cli_seeds_ceasefire_of_17_october(seeds_db):
    events = _events(seeds_db)
    agree = [e for e in events if e["type"] == "AGREE" and e["date"] == "2020-10-17"]
    assert any({e["source"]["id"], e["target"]["id"]} == {"ARM", "AZE"} for e in agree)


def test_cli_seeds_sochi_meeting_resolved_from_monday(seeds_db):
    events = _events(seeds_db)
    monday = [e for e in events if e["date"] == "2022-10-31"]
    assert monday, "the Sochi events of 'on Monday' (published 1 Nov 2022) resolve to 31 Oct"


def test_cli_seeds_casualty_claims_as_of_19_october(seeds_db):
    result = run("claims", "--db", str(seeds_db), "--format", "jsonl")
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    mil = [c for c in claims if c["best"] == 729]
    assert mil and mil[0]["kind"] == "fatalities" and mil[0]["category"] == "military"
    assert mil[0]["about"]["id"].startswith("ARM")
    assert any(c["best"] == 37 and c["category"] == "civilian" for c in claims)


def test_cli_seeds_every_event_has_its_sentence(seeds_db):
    for e in _events(seeds_db):
        assert e["evidence"]["text"] in e["sentence"]


def test_cli_ingest_twice_adds_nothing(seeds_db, shared):
    before = len(_events(seeds_db))
    result = run("ingest", str(shared / "seeds"), "--db", str(seeds_db))
    assert result.returncode == 0
    assert "already in the database: 5" in result.stderr.replace("\n", " ")
    assert len(_events(seeds_db)) == before


def test_cli_bad_files_are_skipped_and_good_ones_stored(tmp_path):
    (tmp_path / "good.txt").write_text("Georgian forces shelled Russian positions on 3 May 2008.")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    db = tmp_path / "x.duckdb"
    result = run("ingest", str(tmp_path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "bad.txt" in result.stderr
    assert len(_events(db)) == 1


def test_cli_nothing_stored_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 2
    assert "empty.txt" in result.stderr


def test_cli_missing_path_and_bad_date_exit_2(tmp_path):
    assert run("ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb")).returncode == 2
    result = run("code", "--text", "x", "--published", "yesterday")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_cli_code_json_contract():
    result = run("code", "--text", "Serbia and Croatia accused each other of shelling.",
                 "--published", "1995-05-02", "--json")
    data = json.loads(result.stdout)
    assert set(data) == {"events", "claims"}
    pairs = {(e["source"]["id"], e["target"]["id"]) for e in data["events"]}
    assert {("SRB", "HRV"), ("HRV", "SRB")} <= pairs


def test_cli_evaluate_json_has_the_scores(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": "Georgian forces shelled Russian positions.",
                                "events": [{"type": "ASSAULT", "source": "GEO",
                                            "target": "RUS"}]}) + "\n")
    result = run("evaluate", str(gold), "--json")
    scores = json.loads(result.stdout)
    assert scores["items"] == 1 and scores["event_f1"] == 1.0
    for key in ("event_precision", "event_recall", "type_f1", "date_accuracy",
                "negation_accuracy", "claim_f1"):
        assert key in scores
