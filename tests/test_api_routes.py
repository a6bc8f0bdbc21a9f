"""The REST API against the fixture database, in process."""

from __future__ import annotations

import csv
import io
import json
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette warns that it prefers httpx2 over httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient
from fixtures_db import SCRIPT_DOC_ID, build_file

from ceasefire.interfaces.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = build_file(tmp_path_factory.mktemp("api") / "fixture.duckdb")
    return TestClient(create_app(db), raise_server_exceptions=False)


def test_api_events_filters_by_actor_type_and_date(client: TestClient) -> None:
    body = client.get("/api/events", params={"actor": "ARM", "type": "accuse",
                                             "since": "2020-10", "until": "2020-12"}).json()
    assert [e["event_id"] for e in body["items"]] == ["e-sh-accuse", "e-2nd-accuse"]
    assert body["next_offset"] is None


def test_api_events_paginates(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert first["next_offset"] == 5 and len(first["items"]) == 5
    assert not {e["event_id"] for e in first["items"]} & {e["event_id"] for e in second["items"]}


def test_api_document_has_text_and_spans(client: TestClient) -> None:
    doc = client.get("/api/documents/doc-shelling").json()
    accuse = next(e for e in doc["events"] if e["event_id"] == "e-sh-accuse")
    start, end = accuse["evidence"]["start"], accuse["evidence"]["end"]
    assert doc["text"][start:end] == "accused"
    assert [s["idx"] for s in doc["sentences"]] == [0, 1, 2]
    assert [c["claim_id"] for c in doc["claims"]] == ["c-sh-ganja"]


@pytest.mark.parametrize("path", [
    "/api/events", "/api/claims", "/api/actors", "/api/documents", "/api/timeline",
    "/api/dyads", "/api/ceasefires", "/api/claims/compare", "/api/mediation",
])
def test_api_every_list_downloads_as_csv_and_jsonl(client: TestClient, path: str) -> None:
    as_json = client.get(path, params={"limit": 1000}).json()["items"]
    as_csv = client.get(path, params={"limit": 1000, "format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == len(as_json)
    as_jsonl = client.get(path, params={"limit": 1000, "format": "jsonl"})
    assert [json.loads(line) for line in as_jsonl.text.splitlines()] == as_json


def test_api_claims_compare_filters_disagreement(client: TestClient) -> None:
    items = client.get("/api/claims/compare", params={"disagree": "false"}).json()["items"]
    assert [(g["kind"], g["about"], g["min"], g["max"]) for g in items] == [
        ("wounded", "AZE", 40, 42)]


def test_api_network_has_nodes_and_edges(client: TestClient) -> None:
    net = client.get("/api/network").json()
    assert [n["id"] for n in net["nodes"]] == ["ARM", "AZE", "NKR", "RUS"]
    assert len(net["edges"]) == 6


@pytest.mark.parametrize(("path", "params", "status", "code"), [
    ("/api/events", {"limit": 1001}, 422, "invalid_parameter"),
    ("/api/events", {"limit": 0}, 422, "invalid_parameter"),
    ("/api/events", {"since": "2020-13-01"}, 422, "invalid_parameter"),
    ("/api/events", {"since": "yesterday"}, 422, "invalid_parameter"),
    ("/api/events", {"actor": "../etc/passwd"}, 422, "invalid_parameter"),
    ("/api/events", {"format": "xml"}, 422, "invalid_parameter"),
    ("/api/events", {"offset": -1}, 422, "invalid_parameter"),
    ("/api/documents/nothing-here", {}, 404, "not_found"),
    ("/api/documents/..%2F..%2Fetc", {}, 404, "not_found"),
    ("/api/unknown", {}, 404, "not_found"),
    ("/static/../../etc/passwd", {}, 404, "not_found"),
])
def test_api_errors_have_one_shape(client: TestClient, path: str, params: dict[str, object],
                                   status: int, code: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_api_method_not_allowed_has_error_shape(client: TestClient) -> None:
    response = client.post("/api/events")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_api_missing_database_is_503(tmp_path: Path) -> None:
    c = TestClient(create_app(str(tmp_path / "absent.duckdb")))
    response = c.get("/api/events")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"


def test_api_security_headers_on_every_answer(client: TestClient) -> None:
    for path in ("/", "/api/events", "/api/unknown", "/static/app.js"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "script-src 'self';" in headers["content-security-policy"]


def test_api_openapi_lists_the_routes(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {"/api/events", "/api/claims", "/api/actors", "/api/documents/{doc_id}",
            "/api/timeline", "/api/dyads", "/api/network", "/api/ceasefires",
            "/api/claims/compare"} <= paths
    assert client.get("/docs").status_code == 200


def test_api_document_page_escapes_script(client: TestClient) -> None:
    html = client.get(f"/documents/{SCRIPT_DOC_ID}").text
    assert "<script>window.__pwned" not in html
    assert "\\u003cscript\\u003ewindow.__pwned" in html


def test_api_reads_writes_made_between_requests(tmp_path: Path) -> None:
    from fixtures_db import build_store

    from ceasefire.store import Store

    db = tmp_path / "live.duckdb"
    Store(db).close()
    c = TestClient(create_app(str(db)))
    assert c.get("/api/events").json()["items"] == []
    build_store(db).close()  # another writer, between two requests
    assert len(c.get("/api/events", params={"limit": 1000}).json()["items"]) == 17
