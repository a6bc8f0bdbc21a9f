"""Browser tests on the demo database (the sample corpus, as `ceasefire demo` builds it).

One demo database, one server and one chromium per session. Skipped when /usr/bin/chromium
is missing. Set CEASEFIRE_SHOTS=/some/dir to keep a screenshot of every page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import BROWSER_MARKS, live_server, shot

from ceasefire.interfaces.report import write_report

pytestmark = BROWSER_MARKS

PAGES = {  # path -> plotly charts expected with data on the demo database
    "/": 2, "/chronology": 1, "/dyads": 2, "/network": 1, "/map": 1,
    "/ceasefires": 1, "/claims": 1, "/events": 0,
}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Path:
    """The sample corpus ingested the way `ceasefire demo` does, with the session pipeline."""
    from ceasefire.ingest import iter_documents
    from ceasefire.interfaces.cli import _sample_paths
    from ceasefire.store import Store
    from ceasefire.types import Skipped

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    store = Store(str(path))
    try:
        store.add_agreements(pipeline.pack.agreements)
        docs = [d for d in iter_documents(list(_sample_paths()), published=None)
                if not isinstance(d, Skipped)]
        assert docs, "the sample corpus ceasefire/data/sample yielded no documents"
        for coded in pipeline.code_documents(docs):
            store.add(coded)
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def demo_server(demo_db: Path) -> Iterator[str]:
    with live_server(demo_db) as url:
        yield url


def _charts_with_data(page: Any) -> int:
    return int(page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".filter(n => n.data && n.data.length > 0"
        " && n.data.some(t => (t.x || t.lat || t.values || t.y || []).length > 0)).length"))


@pytest.mark.parametrize("path", list(PAGES))
def test_web_demo_page_renders_charts_without_errors(demo_server: str, page: Any,
                                                     path: str) -> None:
    page.goto(demo_server + path)
    page.wait_for_load_state("networkidle")
    assert _charts_with_data(page) >= PAGES[path], f"{path}: too few plotly charts with data"
    assert page.errors == [], f"{path}: console errors {page.errors}"
    shot(page, "demo" + (path.replace("/", "_") if path != "/" else "_overview"))


def _follow_first_evidence(page: Any, server: str, path: str) -> str:
    """Open `path`, follow its first link to a document and return the link."""
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    link = page.locator("a[href*='/documents/']:visible, tr[data-href*='/documents/']:visible").first
    link.wait_for(timeout=5000)
    href = link.get_attribute("href") or link.get_attribute("data-href")
    assert href, f"{path}: no link from a number to a document"
    link.click()
    page.wait_for_selector("#doc-text")
    assert page.locator("#doc-text mark.span").count() > 0, f"{href}: no highlighted span"
    if "#ev-" in href:
        page.wait_for_selector(".sentence.focus")
        focus = page.locator(".sentence.focus").first
        assert focus.is_visible()
        assert focus.inner_text().strip()
        assert focus.locator("mark.span").count() > 0
    return str(href)


def test_web_demo_event_row_opens_highlighted_sentence(demo_server: str, page: Any) -> None:
    href = _follow_first_evidence(page, demo_server, "/events")
    assert "#ev-" in href
    shot(page, "demo_document")


def test_web_demo_dyad_row_leads_to_its_events(demo_server: str, page: Any) -> None:
    page.goto(demo_server + "/dyads")
    page.wait_for_load_state("networkidle")
    row = page.locator("tr[data-href*='/events?']").first
    href = row.get_attribute("data-href") or ""
    assert "actor=" in href and "since=" in href
    row.click()
    page.wait_for_selector("#events-table tr.clickable")
    assert page.locator("#events-table tr.clickable").count() > 0
    page.locator("#events-table tr.clickable").first.click()
    page.wait_for_selector(".sentence.focus")
    assert page.locator(".sentence.focus mark.span").count() > 0


@pytest.mark.parametrize("path", ["/ceasefires", "/claims", "/chronology"])
def test_web_demo_numbers_lead_to_sentences(demo_server: str, page: Any, path: str) -> None:
    _follow_first_evidence(page, demo_server, path)
    assert page.errors == []


def test_web_demo_report_opens_from_disk(demo_db: Path, tmp_path: Path, page: Any) -> None:
    from ceasefire.store import Store

    store = Store(str(demo_db), read_only=True)
    try:
        report = write_report(store, tmp_path / "report.html")
    finally:
        store.close()
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert _charts_with_data(page) >= 8
    assert page.errors == []
    shot(page, "demo_report")
