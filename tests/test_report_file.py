"""The self-contained HTML report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fixtures_db import SCRIPT_TEXT, build_store

from ceasefire.errors import BadInput
from ceasefire.interfaces.report import write_report


def test_report_is_self_contained(tmp_path: Path) -> None:
    html = write_report(build_store(), tmp_path / "r.html").read_text()
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+stylesheet", html)
    assert "https://cdn" not in html.split('<script type="application/json"')[0]
    assert "Plotly" in html


def test_report_embeds_data_that_cannot_close_the_script(tmp_path: Path) -> None:
    html = write_report(build_store(), tmp_path / "r.html").read_text()
    assert SCRIPT_TEXT not in html
    blob = html.split('<script type="application/json" id="cf-data">')[1].split("</script>")[0]
    data = json.loads(blob)
    assert {"overview", "chronology", "dyads", "network", "map", "ceasefires", "claims",
            "events", "documents"} <= set(data)
    assert any(SCRIPT_TEXT in d["text"] for d in data["documents"])


def test_report_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="is a directory"):
        write_report(build_store(), tmp_path)
