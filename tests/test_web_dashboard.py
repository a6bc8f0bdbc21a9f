"""Browser tests: the dashboard and the static report in headless Debian chromium.

Skipped (with the reason) when /usr/bin/chromium is missing. Set
CEASEFIRE_SHOTS=/some/dir to keep a screenshot of every page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_db import SCRIPT_DOC_ID, SCRIPT_TEXT, build_file, build_store
from web_helpers import BROWSER_MARKS, live_server, shot

from ceasefire.interfaces.report import write_report

pytestmark = BROWSER_MARKS

PAGES = {  # path -> number of plotly charts expected with data
    "/": 3, "/chronology": 1, "/dyads": 6, "/network": 1, "/map": 2,
    "/ceasefires": 1, "/claims": 1, "/events": 0, "/docs": 0,
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_file(tmp_path_factory.mktemp("web") / "fixture.duckdb")
    with live_server(db) as url:
        yield url


def _charts_with_data(page: Any) -> int:
    return int(page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".filter(n => n.data && n.data.length > 0).length"))


@pytest.mark.parametrize("path", list(PAGES))
def test_web_page_renders_charts_without_errors(server: str, page: Any, path: str) -> None:
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert _charts_with_data(page) >= PAGES[path]
    assert page.errors == []
    shot(page, "page" + (path.replace("/", "_") if path != "/" else "_overview"))


def test_web_event_row_opens_highlighted_sentence(server: str, page: Any) -> None:
    page.goto(server + "/events?type=ACCUSE")
    page.wait_for_selector("tr.clickable")
    page.locator("tr.clickable", has_text="Yerevan accused").click()
    page.wait_for_selector(".sentence.focus")
    assert page.url.endswith("/documents/doc-shelling#ev-e-sh-accuse")
    focus = page.locator(".sentence.focus").inner_text()
    assert focus == "Yerevan accused Azerbaijani forces of shelling Stepanakert on 11 October."
    assert page.locator("mark.span.active").first.inner_text() == "accused"
    shot(page, "document_focus")


def test_web_document_script_renders_as_text(server: str, page: Any) -> None:
    page.goto(f"{server}/documents/{SCRIPT_DOC_ID}")
    page.wait_for_selector("#doc-text")
    assert SCRIPT_TEXT in page.locator("#doc-text").inner_text()
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#doc-text script").count() == 0


def test_web_report_opens_from_disk(tmp_path: Path, page: Any) -> None:
    store = build_store()
    report = write_report(store, tmp_path / "report.html")
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert _charts_with_data(page) >= 15
    assert page.errors == []
    shot(page, "report")
    page.goto(report.as_uri() + "#doc=doc-shelling&ev=e-sh-accuse")
    page.wait_for_selector("#document .sentence.focus")
    assert page.locator("#document .sentence.focus").inner_text().startswith("Yerevan accused")
    page.goto(report.as_uri() + f"#doc={SCRIPT_DOC_ID}")
    page.wait_for_selector("#document .doc-text")
    assert SCRIPT_TEXT in page.locator("#document .doc-text").inner_text()
    assert page.evaluate("window.__pwned === undefined")
