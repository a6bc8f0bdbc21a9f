"""An ingest killed half-way leaves whole documents; re-running it completes the batch."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "ceasefire"
SAMPLE = ROOT / "ceasefire" / "data" / "sample"
COPIES = 60

pytestmark = pytest.mark.skipif(not CLI.exists(), reason=f"the CLI is not installed at {CLI}")


def _corpus(directory: Path) -> Path:
    """COPIES documents, each a sample report with a line of its own (so ids differ)."""
    directory.mkdir()
    samples = sorted(p for p in SAMPLE.glob("*.txt"))
    for i in range(COPIES):
        source = samples[i % len(samples)]
        text = source.read_text(encoding="utf-8")
        (directory / f"{i:03d}_{source.name}").write_text(
            f"{text}\n\nArchive copy {i} of the desk file.\n", encoding="utf-8")
    return directory


def _start(corpus: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([str(CLI), "ingest", str(corpus), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200"})


def _wait_for_progress(db: Path, proc: subprocess.Popen[str], seconds: float) -> None:
    """Until the database file exists and ``seconds`` more have passed, or the run ends."""
    deadline = time.monotonic() + 60
    while not db.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(seconds)


def _snapshot(db: Path) -> dict[str, object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = con.execute
        return {
            "docs": {r[0] for r in q("SELECT doc_id FROM documents").fetchall()},
            "events": {r[0] for r in q("SELECT event_id FROM events").fetchall()},
            "claims": {r[0] for r in q("SELECT claim_id FROM claims").fetchall()},
            "sentences": set(q("SELECT doc_id, count(*) FROM sentences GROUP BY doc_id")
                             .fetchall()),
            "orphans": q("""
                SELECT (SELECT count(*) FROM sentences s
                        WHERE s.doc_id NOT IN (SELECT doc_id FROM documents))
                     + (SELECT count(*) FROM events e WHERE NOT EXISTS (
                        SELECT 1 FROM sentences s
                        WHERE s.doc_id = e.doc_id AND s.idx = e.sentence_idx))
                     + (SELECT count(*) FROM claims c WHERE NOT EXISTS (
                        SELECT 1 FROM sentences s
                        WHERE s.doc_id = c.doc_id AND s.idx = c.sentence_idx))
                     + (SELECT count(*) FROM documents d WHERE d.n_sentences !=
                        (SELECT count(*) FROM sentences s WHERE s.doc_id = d.doc_id))
            """).fetchone()[0],  # type: ignore[index]
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("interrupt") / "corpus")


@pytest.fixture(scope="module")
def clean_run(corpus: Path) -> dict[str, object]:
    db = corpus.parent / "clean.duckdb"
    done = subprocess.run([str(CLI), "ingest", str(corpus), "--db", str(db)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return _snapshot(db)


def test_interrupt_sigkill_leaves_whole_documents_and_rerun_completes(
        corpus: Path, clean_run: dict[str, object]) -> None:
    db = corpus.parent / "killed.duckdb"
    proc = _start(corpus, db)
    _wait_for_progress(db, proc, 2.0)
    was_running = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    partial = _snapshot(db)
    assert partial["orphans"] == 0
    assert partial["docs"] <= clean_run["docs"]  # type: ignore[operator]
    if was_running:
        assert len(partial["docs"]) < COPIES  # type: ignore[arg-type]

    again = subprocess.run([str(CLI), "ingest", str(corpus), "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert _snapshot(db) == clean_run
    assert len(clean_run["docs"]) == COPIES  # type: ignore[arg-type]


def test_interrupt_sigint_stops_cleanly_and_says_how_far(corpus: Path) -> None:
    db = corpus.parent / "stopped.duckdb"
    proc = _start(corpus, db)
    _wait_for_progress(db, proc, 2.0)
    if proc.poll() is not None:
        pytest.skip("the ingest finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "stored" in stderr and "re-run" in stderr.lower(), stderr
    assert _snapshot(db)["orphans"] == 0
