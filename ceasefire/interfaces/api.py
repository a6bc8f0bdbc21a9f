"""REST API and dashboard, served by one FastAPI app.

    create_app(db_path) -> FastAPI

The database is opened read-only for each request and closed after it, so a
separate ingest process can write between requests. Every 4xx/5xx answer has
one shape: ``{"error": {"code": str, "message": str, "detail": any}}``.
No route reads a file path from the request: static files are a fixed list.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException

from ceasefire import __version__, analysis
from ceasefire.errors import BadInput, CeasefireError
from ceasefire.interfaces.export import to_csv, to_jsonl
from ceasefire.store import DatabaseBusy, Store

__all__ = ["STATIC_FILES", "create_app", "document_view", "plotly_js_path"]

WEB = Path(__file__).parent / "web"
TEMPLATES = WEB / "templates"


def plotly_js_path() -> Path:
    """plotly.min.js as shipped inside the installed ``plotly`` package."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.exists():
        raise CeasefireError(
            f"plotly.js not found at {path}; reinstall plotly with 'pip install plotly'"
        )
    return path


STATIC_FILES: dict[str, tuple[Callable[[], Path], str]] = {
    "app.js": (lambda: WEB / "static" / "app.js", "text/javascript"),
    "style.css": (lambda: WEB / "static" / "style.css", "text/css"),
    "plotly.min.js": (plotly_js_path, "text/javascript"),
}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}

ACTOR_RE = r"^[A-Za-z0-9_]{1,24}(\.[A-Za-z0-9_]{1,24})?$"
TYPE_RE = r"^[A-Za-z_]{2,24}$"
DATE_RE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DOC_RE = r"^[A-Za-z0-9_.:-]{1,128}$"
KIND_RE = r"^[a-z_]{2,24}$"
MAX_LIMIT = 1000
# A list route answers JSON, or CSV/JSON Lines with format=csv|jsonl; the schema says so.
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {
    "application/json": {}, "text/csv": {"schema": {"type": "string"}},
    "application/x-ndjson": {"schema": {"type": "string"}}}}}
_ERROR_SCHEMA = {"type": "object", "required": ["error"], "properties": {"error": {
    "type": "object", "required": ["code", "message"],
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "detail": {}}}}}
DOCUMENT_RESPONSES: dict[int | str, dict[str, Any]] = {404: {
    "description": "no document with this id",
    "content": {"application/json": {"schema": _ERROR_SCHEMA}}}}

Actor = Annotated[str | None, Query(pattern=ACTOR_RE, description="actor code: AZE, AZE.MIL")]
EventType = Annotated[str | None, Query(pattern=TYPE_RE, description="PLOVER type, e.g. ASSAULT")]
Since = Annotated[str | None, Query(pattern=DATE_RE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Until = Annotated[str | None, Query(pattern=DATE_RE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
DocFilter = Annotated[str | None, Query(alias="doc", pattern=DOC_RE, description="document id")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Format = Annotated[str, Query(pattern="^(json|csv|jsonl)$", description="json, csv or jsonl")]


def _error(status: int, code: str, message: str, detail: Any = None) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message, "detail": detail}},
        status_code=status,
        headers=SECURITY_HEADERS,
    )


_HTTP_CODES = {
    400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
    413: "too_large", 422: "invalid_parameter", 503: "database_unavailable",
}


def _check_date(name: str, value: str | None) -> None:
    if value is None:
        return
    parts = value.split("-")
    try:
        dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                int(parts[2]) if len(parts) > 2 else 1)
    except ValueError as exc:
        raise HTTPException(422, f"{name}={value!r} is not a calendar date; use "
                                 "YYYY, YYYY-MM or YYYY-MM-DD") from exc


def _page(request: Request, rows: list[dict[str, Any]], limit: int, offset: int,
          fmt: str, name: str, has_more: bool | None = None) -> Response:
    """One page of a list, as JSON {items, limit, offset, next_offset} or a download."""
    items = rows[offset:offset + limit] if has_more is None else rows
    more = len(rows) > offset + limit if has_more is None else has_more
    if fmt == "csv":
        return Response(to_csv(items), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt == "jsonl":
        return Response(to_jsonl(items), media_type="application/x-ndjson",
                        headers={"Content-Disposition": f'attachment; filename="{name}.jsonl"'})
    return JSONResponse({
        "items": items, "limit": limit, "offset": offset,
        "next_offset": offset + limit if more else None,
    })


def _dump(obj: Any) -> Any:
    return json.loads(json.dumps(obj, default=str))


def document_view(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document with its sentences, events and claims (spans are document offsets)."""
    rows = store.query("SELECT * EXCLUDE (path) FROM documents WHERE doc_id = ?", [doc_id])
    if not rows:
        return None
    doc = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in rows[0].items()}
    doc["sentences"] = store.query(
        "SELECT idx, start_char AS start, end_char AS \"end\" FROM sentences WHERE doc_id = ? "
        "ORDER BY idx", [doc_id])
    doc["events"] = store.events(doc_id=doc_id)
    doc["claims"] = store.claims(doc_id=doc_id)
    return _dump(doc)


def _get_store(request: Request) -> Iterator[Store]:
    """A fresh read-only connection for one request, closed after it.

    While ``ceasefire ingest`` writes a burst to the same file the open waits
    (up to 5 s); after that the answer is a 503 with Retry-After.
    """
    try:
        store = Store(request.app.state.db_path, read_only=True, wait=5.0)
    except DatabaseBusy as exc:
        raise HTTPException(503, f"the database is busy: another process is writing to it "
                                 f"({exc}); try again shortly",
                            headers={"Retry-After": "2"}) from exc
    except BadInput as exc:
        raise HTTPException(503, str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(_get_store)]


def create_app(db_path: str) -> FastAPI:
    """The API and dashboard over the database at ``db_path`` (opened read-only)."""
    app = FastAPI(
        title="ceasefire",
        version=__version__,
        description="Source-linked conflict events, claims and agreements (read-only).",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    jinja = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                        autoescape=select_autoescape(["html"]))
    app.state.db_path = str(db_path)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response: Response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "error" if exc.status_code < 500 else
                               "internal_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no route {request.url.path!r}; see /docs for the API"
        response = _error(exc.status_code, code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [
            {"param": ".".join(str(p) for p in e.get("loc", [])[1:]) or None,
             "location": (e.get("loc") or ["?"])[0], "problem": e.get("msg"),
             "value": e.get("input")}
            for e in exc.errors()
        ]
        names = ", ".join(str(d["param"]) for d in detail)
        return _error(422, "invalid_parameter", f"invalid parameter(s): {names}; see /docs",
                      _dump(detail))

    @app.exception_handler(BadInput)
    async def bad_input(request: Request, exc: BadInput) -> JSONResponse:
        return _error(400, "bad_input", str(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal_error", f"{type(exc).__name__}: {exc}")

    # -- API ----------------------------------------------------------------
    @app.get("/api/overview", tags=["analysis"])
    def api_overview(store: StoreDep) -> Any:
        """Table counts, events per type and month, busiest actors."""
        return _dump(analysis.overview(store))

    @app.get("/api/events", tags=["data"], responses=LIST_RESPONSES)
    def api_events(store: StoreDep, request: Request, actor: Actor = None,
                   type: EventType = None, since: Since = None, until: Until = None,
                   doc_id: DocFilter = None, limit: Limit = 100, offset: Offset = 0,
                   format: Format = "json") -> Response:
        """Events (event JSON), filtered, in date order."""
        _check_date("since", since)
        _check_date("until", until)
        rows = store.events(actor=actor.upper() if actor else None, type=type, since=since,
                            until=until, doc_id=doc_id, limit=limit + 1, offset=offset)
        return _page(request, rows[:limit], limit, offset, format, "events",
                     has_more=len(rows) > limit)

    @app.get("/api/claims", tags=["data"], responses=LIST_RESPONSES)
    def api_claims(store: StoreDep, request: Request, doc_id: DocFilter = None,
                   actor: Actor = None,
                   kind: Annotated[str | None, Query(pattern=KIND_RE)] = None,
                   limit: Limit = 100, offset: Offset = 0, format: Format = "json") -> Response:
        """Claims (claim JSON); ``actor`` filters on who the figure is about."""
        rows = store.claims(doc_id=doc_id, kind=kind, about=actor.upper() if actor else None,
                            limit=limit + 1, offset=offset)
        return _page(request, rows[:limit], limit, offset, format, "claims",
                     has_more=len(rows) > limit)

    @app.get("/api/claims/compare", tags=["analysis"], responses=LIST_RESPONSES)
    def api_claims_compare(store: StoreDep, request: Request,
                           kind: Annotated[str | None, Query(pattern=KIND_RE)] = None,
                           disagree: bool | None = None, limit: Limit = 100,
                           offset: Offset = 0, format: Format = "json") -> Response:
        """Claims grouped by what they count; ``disagree`` when sources differ by > 10 %."""
        rows = analysis.compare_claims(store, kind=kind or None, disagree=disagree,
                                       limit=limit + 1, offset=offset)
        return _page(request, rows[:limit], limit, offset, format, "claims_compare",
                     has_more=len(rows) > limit)

    @app.get("/api/actors", tags=["data"], responses=LIST_RESPONSES)
    def api_actors(store: StoreDep, request: Request, limit: Limit = 100, offset: Offset = 0,
                   format: Format = "json") -> Response:
        """Actors with the number of events they take part in."""
        # events per actor id, an event counted once when it is both source and target
        rows = store.query(
            "SELECT a.actor_id, a.name, a.country, a.sector, a.top, "
            "CAST(coalesce(n.events, 0) AS BIGINT) AS events FROM actors a LEFT JOIN ("
            " SELECT id, sum(n) AS events FROM ("
            "  SELECT source_id AS id, count(*) AS n FROM events GROUP BY source_id UNION ALL"
            "  SELECT target_id, count(*) FROM events"
            "  WHERE source_id IS NULL OR target_id <> source_id GROUP BY target_id)"
            " GROUP BY id) n ON n.id = a.actor_id "
            f"ORDER BY events DESC, a.actor_id LIMIT {limit + 1} OFFSET {offset}")
        return _page(request, rows[:limit], limit, offset, format, "actors",
                     has_more=len(rows) > limit)

    @app.get("/api/documents", tags=["data"], responses=LIST_RESPONSES)
    def api_documents(store: StoreDep, request: Request, limit: Limit = 100,
                      offset: Offset = 0, format: Format = "json") -> Response:
        """Documents (metadata, without text)."""
        rows = _dump(store.query(
            "SELECT doc_id, title, author, publisher, published, published_source, url, fmt, "
            "n_sentences, n_events, n_claims FROM documents ORDER BY published NULLS LAST, "
            f"doc_id LIMIT {limit + 1} OFFSET {offset}"))
        return _page(request, rows[:limit], limit, offset, format, "documents",
                     has_more=len(rows) > limit)

    @app.get("/api/documents/{doc_id}", tags=["data"], responses=DOCUMENT_RESPONSES)
    def api_document(store: StoreDep,
                     doc_id: Annotated[str, PathParam(pattern=DOC_RE)]) -> Any:
        """One document: its text, sentences, and events and claims with their spans."""
        doc = document_view(store, doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}; list them at /api/documents")
        return doc

    @app.get("/api/timeline", tags=["analysis"], responses=LIST_RESPONSES)
    def api_timeline(store: StoreDep, request: Request, actor: Actor = None,
                     type: EventType = None, since: Since = None, until: Until = None,
                     limit: Limit = 100, offset: Offset = 0, format: Format = "json") -> Response:
        """The chronology: dated events, one row per event reported by several sources."""
        _check_date("since", since)
        _check_date("until", until)
        rows = analysis.chronology(store, since=since, until=until,
                                   actor=actor.upper() if actor else None, type=type,
                                   limit=limit + 1, offset=offset)
        return _page(request, rows[:limit], limit, offset, format, "timeline",
                     has_more=len(rows) > limit)

    @app.get("/api/dyads", tags=["analysis"], responses=LIST_RESPONSES)
    def api_dyads(store: StoreDep, request: Request, actor: Actor = None, limit: Limit = 100,
                  offset: Offset = 0, format: Format = "json") -> Response:
        """Per ordered pair of actors and month: counts by quad class, summed Goldstein."""
        rows = analysis.dyads(store, actor=actor.upper().split(".")[0] if actor else None,
                              limit=limit + 1, offset=offset)
        return _page(request, rows[:limit], limit, offset, format, "dyads",
                     has_more=len(rows) > limit)

    @app.get("/api/network", tags=["analysis"])
    def api_network(store: StoreDep) -> Any:
        """The actor network: nodes with centralities, weighted directed edges."""
        return analysis.network(store)

    @app.get("/api/ceasefires", tags=["analysis"], responses=LIST_RESPONSES)
    def api_ceasefires(store: StoreDep, request: Request, limit: Limit = 100,
                       offset: Offset = 0, format: Format = "json") -> Response:
        """Agreements and the accusations and assaults reported after each."""
        return _page(request, analysis.ceasefires(store), limit, offset, format, "ceasefires")

    @app.get("/api/mediation", tags=["analysis"], responses=LIST_RESPONSES)
    def api_mediation(store: StoreDep, request: Request, limit: Limit = 100,
                      offset: Offset = 0, format: Format = "json") -> Response:
        """Meetings, talks and mediated agreements, with their format and mediators."""
        return _page(request, analysis.mediation(store), limit, offset, format, "mediation")

    # -- static files (a fixed list) ---------------------------------------------
    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        entry = STATIC_FILES.get(name)
        if entry is None:
            raise HTTPException(404, f"no static file {name!r}")
        path_of, media = entry
        return Response(path_of().read_bytes(), media_type=media,
                        headers={"Cache-Control": "public, max-age=3600"})

    # -- dashboard ------------------------------------------------------------
    def page(name: str, title: str, data: Any) -> HTMLResponse:
        html = jinja.get_template("page.html").render(
            page=name, title=title, data=data, version=__version__, pages=PAGES)
        return HTMLResponse(html)

    @app.get("/", include_in_schema=False)
    def home(store: StoreDep) -> HTMLResponse:
        return page("overview", "Overview", _dump(analysis.overview(store)))

    @app.get("/chronology", include_in_schema=False)
    def chronology_page(store: StoreDep) -> HTMLResponse:
        return page("chronology", "Chronology", _dump(analysis.chronology(store)))

    @app.get("/dyads", include_in_schema=False)
    def dyads_page(store: StoreDep) -> HTMLResponse:
        return page("dyads", "Dyads", analysis.dyads(store))

    @app.get("/network", include_in_schema=False)
    def network_page(store: StoreDep) -> HTMLResponse:
        return page("network", "Network", analysis.network(store))

    @app.get("/map", include_in_schema=False)
    def map_page(store: StoreDep) -> HTMLResponse:
        return page("map", "Map", _dump(analysis.places(store)))

    @app.get("/ceasefires", include_in_schema=False)
    def ceasefires_page(store: StoreDep) -> HTMLResponse:
        return page("ceasefires", "Ceasefires", _dump({
            "ceasefires": analysis.ceasefires(store),
            "mediation": analysis.mediation(store)}))

    @app.get("/claims", include_in_schema=False)
    def claims_page(store: StoreDep) -> HTMLResponse:
        return page("claims", "Claims", _dump(analysis.compare_claims(store)))

    @app.get("/events", include_in_schema=False)
    def events_page(store: StoreDep) -> HTMLResponse:
        types = [r["type"] for r in store.query(
            "SELECT DISTINCT type FROM events ORDER BY type")]
        return page("events", "Events", {"types": types, "source": "api"})

    @app.get("/documents/{doc_id}", include_in_schema=False)
    def document_page(store: StoreDep,
                      doc_id: Annotated[str, PathParam(pattern=DOC_RE)]) -> HTMLResponse:
        doc = document_view(store, doc_id)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id!r}; list them at /api/documents")
        return page("document", doc.get("title") or doc_id, doc)

    @app.get("/docs", include_in_schema=False)
    def docs_page() -> HTMLResponse:
        return page("apidocs", "API", {"openapi": "/openapi.json"})

    return app


PAGES = [
    ("overview", "/", "Overview"),
    ("chronology", "/chronology", "Chronology"),
    ("dyads", "/dyads", "Dyads"),
    ("network", "/network", "Network"),
    ("map", "/map", "Map"),
    ("ceasefires", "/ceasefires", "Ceasefires"),
    ("claims", "/claims", "Claims"),
    ("events", "/events", "Events"),
    ("apidocs", "/docs", "API"),
]

