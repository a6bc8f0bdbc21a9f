"""`ceasefire serve` keeps answering while `ceasefire ingest` writes to the same database."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "ceasefire"
SAMPLE = ROOT / "ceasefire" / "data" / "sample"

pytestmark = pytest.mark.skipif(not CLI.exists(), reason=f"the CLI is not installed at {CLI}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], object]:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.status, dict(resp.headers), json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read())


def test_serve_answers_during_ingest_and_shows_the_new_data_after(tmp_path: Path) -> None:
    samples = sorted(SAMPLE.glob("*.txt"))
    first = tmp_path / "first"
    first.mkdir()
    (first / samples[0].name).write_text(samples[0].read_text(encoding="utf-8"),
                                         encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        src = samples[i % len(samples)]
        (corpus / f"{i:03d}_{src.name}").write_text(
            f"{src.read_text(encoding='utf-8')}\n\nFiled copy {i}.\n", encoding="utf-8")
    db = tmp_path / "live.duckdb"
    env = {**os.environ, "COLUMNS": "200"}
    subprocess.run([str(CLI), "ingest", str(first), "--db", str(db)], check=True,
                   capture_output=True, env=env, timeout=300)

    port = _free_port()
    server = subprocess.Popen([str(CLI), "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, body = _get(f"{base}/api/overview")
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert status == 200
        before = body["counts"]["documents"]  # type: ignore[index]
        assert before == 1

        ingest = subprocess.Popen([str(CLI), "ingest", str(corpus), "--db", str(db)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=env)
        statuses: list[int] = []
        seen_docs: list[int] = []
        while ingest.poll() is None:
            status, headers, body = _get(f"{base}/api/overview")
            statuses.append(status)
            if status == 200:
                seen_docs.append(body["counts"]["documents"])  # type: ignore[index]
            else:  # the only refusal allowed: busy, in the API's error shape, with Retry-After
                assert status == 503 and "Retry-After" in headers, (status, body)
                assert "busy" in body["error"]["message"]  # type: ignore[index]
            events = _get(f"{base}/api/events?limit=5")
            assert events[0] in (200, 503)
            time.sleep(0.05)
        _out, errors = ingest.communicate()
        assert ingest.returncode == 0, errors
        assert "stored: 40" in errors

        assert len(statuses) >= 5, "the ingest ended before the server was asked anything"
        assert statuses.count(200) >= 0.9 * len(statuses), statuses
        # the data grew while the ingest ran, not only at its end
        assert any(before < n < 41 for n in seen_docs), seen_docs
        assert seen_docs == sorted(seen_docs)

        status, _, body = _get(f"{base}/api/overview")
        assert status == 200 and body["counts"]["documents"] == 41  # type: ignore[index]
    finally:
        server.terminate()
        server.wait(timeout=30)
    con = duckdb.connect(str(db), read_only=True)  # the file is whole and consistent
    try:
        n_docs, n_sent = con.execute(
            "SELECT count(*), sum(n_sentences) FROM documents").fetchone()  # type: ignore[misc]
        assert n_docs == 41
        assert con.execute("SELECT count(*) FROM sentences").fetchone()[0] == n_sent  # type: ignore[index]
    finally:
        con.close()
