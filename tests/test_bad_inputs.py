"""The bad-input corpus through the installed CLI: what is stored, what is skipped, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "ceasefire"
BAD = Path(__file__).parent / "data" / "bad"

pytestmark = pytest.mark.skipif(not CLI.exists(), reason=f"the CLI is not installed at {CLI}")

GOOD = {
    "good-one.txt": "Envoys of Valdia and Ostria met in a lakeside town on 3 May 2021 to "
                    "discuss a truce.\n",
    "good-two.md": "# Shelling reported\n\nPublished: 2021-06-02\n\nArtillery of Ostria "
                   "shelled two villages of Valdia overnight, officials said.\n",
}
SKIPPED = ["empty.txt", "whitespace-only.txt", "image-png.txt", "archive-zip.txt",
           "actually-pdf.txt",
           "scripts-only.html", "truncated.pdf", "encrypted.pdf", "no-text-layer.pdf"]
STORED = ["latin1.txt", "cp1252.txt", "utf16-bom.txt", "invalid-utf8.txt",
          "name with spaces.txt", "quote's \"double\".txt", "доклад-Լոռի.txt",
          "other-language.txt"]


def _ingest(*paths: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), "ingest", *map(str, paths), "--db", str(db)],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "400"})


def _paths(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {Path(r[0]).name for r in con.execute("SELECT path FROM documents").fetchall()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str],
                                                              Path]:
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    shutil.copytree(BAD, corpus, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    for name, text in GOOD.items():
        (corpus / name).write_text(text, encoding="utf-8")
    loop = corpus / "loop"
    loop.mkdir()
    (loop / "back").symlink_to(corpus, target_is_directory=True)
    os.mkfifo(corpus / "a-pipe.txt")  # cannot be read as a file, also by root
    (corpus / "a-directory.txt").mkdir()
    db = root / "batch.duckdb"
    return _ingest(corpus, db=db), db


def test_bad_inputs_mixed_batch_stores_every_good_file(
        batch: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    done, db = batch
    assert done.returncode == 0, done.stderr
    stored = _paths(db)
    assert set(GOOD) | set(STORED) <= stored
    assert not set(SKIPPED) & stored


@pytest.mark.parametrize("name", [*SKIPPED, "a-pipe.txt"])
def test_bad_inputs_skipped_file_is_named_with_a_reason(
        batch: tuple[subprocess.CompletedProcess[str], Path], name: str) -> None:
    done, _ = batch
    output = done.stdout + done.stderr
    lines = [line for line in output.splitlines() if name in line]
    assert lines, f"{name} is not named in the output:\n{output}"
    assert any(len(line.strip()) > len(name) + 5 for line in lines)


def test_bad_inputs_only_bad_files_exit_2(tmp_path: Path) -> None:
    done = _ingest(BAD / "empty.txt", BAD / "image-png.txt", BAD / "truncated.pdf",
                   db=tmp_path / "none.duckdb")
    assert done.returncode == 2, done.stderr
    assert "nothing could be stored" in done.stderr


def test_bad_inputs_jsonl_with_broken_lines_stores_the_good_ones(tmp_path: Path) -> None:
    done = _ingest(BAD / "mixed-lines.jsonl", db=tmp_path / "lines.duckdb")
    assert done.returncode == 0, done.stderr
    assert "line" in (done.stdout + done.stderr)
