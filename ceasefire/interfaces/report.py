"""A self-contained HTML report: plotly.js, the views' code and the data inlined.

    write_report(store, path) -> Path

The file opens from disk (file://) with no server and no network.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ceasefire import __version__, analysis
from ceasefire.errors import BadInput
from ceasefire.interfaces.api import TEMPLATES, WEB, document_view, plotly_js_path
from ceasefire.store import Store

__all__ = ["MAX_DOCUMENTS", "MAX_EVENTS", "report_data", "write_report"]

MAX_EVENTS = 20_000
MAX_DOCUMENTS = 2_000

SECTIONS = [
    ("overview", "Overview"), ("chronology", "Chronology"), ("dyads", "Dyads"),
    ("network", "Network"), ("map", "Map"), ("ceasefires", "Ceasefires and mediation"),
    ("claims", "Claims"), ("events", "Events"),
]


def _safe_json(obj: Any) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' characters."""
    text = json.dumps(obj, ensure_ascii=False, default=str)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _inline_js(code: str) -> str:
    return code.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def report_data(store: Store) -> dict[str, Any]:
    """Everything the report shows, as one JSON-serialisable dict."""
    doc_ids = [r["doc_id"] for r in store.query(
        "SELECT doc_id FROM documents ORDER BY published NULLS LAST, doc_id "
        f"LIMIT {MAX_DOCUMENTS}")]
    types = [r["type"] for r in store.query("SELECT DISTINCT type FROM events ORDER BY type")]
    return {
        "overview": analysis.overview(store),
        "chronology": analysis.chronology(store),
        "dyads": analysis.dyads(store),
        "network": analysis.network(store),
        "map": analysis.places(store),
        "ceasefires": {"ceasefires": analysis.ceasefires(store),
                       "mediation": analysis.mediation(store)},
        "claims": analysis.compare_claims(store),
        "events": store.events(limit=MAX_EVENTS),
        "types": types,
        "documents": [d for d in (document_view(store, i) for i in doc_ids) if d],
    }


def write_report(store: Store, path: str | Path, title: str = "Conflict event report") -> Path:
    """Write the report to ``path`` and return it."""
    target = Path(path)
    if target.is_dir():
        raise BadInput(f"report path {str(target)!r} is a directory; give a file name such "
                       "as report.html")
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(["html"]))
    html = env.get_template("report.html").render(
        title=title,
        version=__version__,
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        db=Path(store.path).name,
        sections=SECTIONS,
        css=(WEB / "static" / "style.css").read_text(encoding="utf-8").replace("</", "<\\/"),
        data_json=_safe_json(report_data(store)),
        plotly_js=_inline_js(plotly_js_path().read_text(encoding="utf-8")),
        app_js=_inline_js((WEB / "static" / "app.js").read_text(encoding="utf-8")),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target
