"""Server hardening: default bind, read-only database, parameter checks, no file paths."""

from __future__ import annotations

import hashlib
import inspect
import warnings
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings

with warnings.catch_warnings():  # starlette warns that it prefers httpx2 over httpx
    warnings.simplefilter("ignore")
    import schemathesis
    from fastapi.testclient import TestClient
from fixtures_db import build_file

from ceasefire.interfaces import cli
from ceasefire.interfaces.api import MAX_LIMIT, create_app
from ceasefire.store import Store


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(build_file(tmp_path_factory.mktemp("hard") / "fixture.duckdb"))


@pytest.fixture(scope="module")
def client(db_file: Path) -> TestClient:
    return TestClient(create_app(str(db_file)))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_api_hardening_serve_binds_loopback_by_default() -> None:
    host = inspect.signature(cli.serve).parameters["host"].default
    assert host.default == "127.0.0.1"


def test_api_hardening_store_connection_is_read_only(db_file: Path) -> None:
    store = Store(str(db_file), read_only=True)
    try:
        con = next(v for v in vars(store).values() if isinstance(v, duckdb.DuckDBPyConnection))
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM documents")
    finally:
        store.close()


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_api_hardening_no_write_route(client: TestClient, db_file: Path, method: str) -> None:
    before = _digest(db_file)
    for path in ("/api/events", "/api/documents", "/api/claims"):
        response = getattr(client, method)(path)
        assert response.status_code == 405
        assert set(response.json()["error"]) == {"code", "message", "detail"}
    assert _digest(db_file) == before


@pytest.mark.parametrize(("path", "params"), [
    ("/api/events", {"limit": MAX_LIMIT + 1}),
    ("/api/events", {"limit": 0}),
    ("/api/events", {"limit": "ten"}),
    ("/api/events", {"offset": -1}),
    ("/api/events", {"since": "2020-13-01"}),
    ("/api/events", {"since": "yesterday"}),
    ("/api/events", {"actor": "AZE;DROP TABLE events"}),
    ("/api/claims", {"kind": "x" * 200}),
    ("/api/events", {"format": "xml"}),
    ("/api/claims/compare", {"disagree": "perhaps"}),
])
def test_api_hardening_bad_parameters_are_4xx_with_error_shape(
        client: TestClient, path: str, params: dict[str, object]) -> None:
    response = client.get(path, params=params)
    assert response.status_code in (400, 422)
    error = response.json()["error"]
    assert error["code"] and error["message"]


@pytest.mark.parametrize("path", [
    "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/../../etc/passwd",
    "/static/..%2F..%2Fetc%2Fpasswd",
    "/static/%2e%2e%2fpyproject.toml",
    "/static/app.js%00.txt",
    "/documents/..%2F..%2Fetc%2Fpasswd",
])
def test_api_hardening_path_traversal_reads_no_file(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404, 422)
    assert "root:" not in response.text
    assert "[project]" not in response.text


def test_api_hardening_security_headers_on_pages_and_errors(client: TestClient) -> None:
    for path in ("/", "/api/events", "/api/nope", "/static/app.js"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-eval" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_api_hardening_schemathesis_no_5xx_and_schema_conformance(db_file: Path) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(db_file)))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate()

        check()
