"""The REST API through FastAPI's test client, over a ledger built by hand (issue 8)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from factledger.models import Article, FactSheet


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] and body["error"]["message"]
    return dict(body["error"])


def test_list_incidents_newest_first(client: TestClient) -> None:
    body = client.get("/api/incidents").json()
    assert body["total"] == 2
    assert [i["id"] for i in body["items"]] == ["inc-kyiv", "inc-kr"]
    assert body["items"][1]["killed_best"] == 18
    assert body["items"][1]["page"] == "/incidents/inc-kr"
    assert body["next"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2025-04-05"}, ["inc-kyiv"]),
        ({"date_to": "2025-04-04"}, ["inc-kr"]),
        ({"country": "UA"}, ["inc-kyiv", "inc-kr"]),
        ({"country": "ukraine"}, ["inc-kyiv", "inc-kr"]),
        ({"country": "Poland"}, []),
        ({"region": "dnipro"}, ["inc-kr"]),
        ({"bbox": "32,47,35,49"}, ["inc-kr"]),
        ({"type": "shelling_artillery_missile_attack"}, ["inc-kyiv", "inc-kr"]),
        ({"type": "shooting"}, []),
        ({"min_killed": "1"}, ["inc-kr"]),
        ({"q": "kryvyi"}, ["inc-kr"]),
        ({"q": "zelensky"}, ["inc-kr"]),  # found in the fact sheet (a quote's speaker)
        ({"q": "kyiv missile"}, ["inc-kyiv"]),
        ({"q": "", "country": ""}, ["inc-kyiv", "inc-kr"]),  # empty form fields mean any
    ],
)
def test_filters(client: TestClient, params: dict[str, str], expected: list[str]) -> None:
    body = client.get("/api/incidents", params=params).json()
    assert [i["id"] for i in body["items"]] == expected
    assert body["total"] == len(expected)


def test_pagination_and_sort(client: TestClient) -> None:
    first = client.get("/api/incidents", params={"limit": 1, "sort": "-killed"}).json()
    assert [i["id"] for i in first["items"]] == ["inc-kr"]
    assert first["total"] == 2
    assert first["next"] is not None and "offset=1" in first["next"]
    second = client.get(first["next"]).json()
    assert [i["id"] for i in second["items"]] == ["inc-kyiv"]
    assert second["next"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"date_from": "yesterday"},
        {"type": "picnic"},
        {"min_killed": "-3"},
        {"sort": "color"},
    ],
)
def test_bad_filters_give_one_error_shape(client: TestClient, params: dict[str, str]) -> None:
    _error(client.get("/api/incidents", params=params), 400)


def test_validation_errors_share_the_shape(client: TestClient) -> None:
    error = _error(client.get("/api/incidents", params={"limit": 0}), 422)
    assert error["code"] == "invalid_request"
    assert error["details"]


def test_incident_and_fact_sheet(client: TestClient) -> None:
    detail = client.get("/api/incidents/inc-kr").json()
    assert len(detail["mentions"]) == 2
    assert detail["linked"] == [{"id": "inc-kyiv", "relation": "same_campaign"}]
    sheet = FactSheet.model_validate(client.get("/api/incidents/inc-kr/factsheet").json())
    killed = sheet.estimate("killed")
    assert killed is not None and killed.best.value == 18
    assert [e.value for e in killed.timeline] == [16, 18]


def test_unknown_incident_is_404_everywhere(client: TestClient) -> None:
    for path in ("", "/factsheet", "/reports", "/figures", "/quotes", "/changes"):
        assert _error(client.get(f"/api/incidents/nope{path}"), 404)["code"] == "not_found"
    _error(client.get("/api/reports/nope"), 404)
    _error(client.get("/api/no/such/route"), 404)


def test_reports_figures_quotes_changes(client: TestClient) -> None:
    reports = client.get("/api/incidents/inc-kr/reports").json()
    assert [r["article"]["outlet"] for r in reports] == ["Example Wire", "Daily Example"]
    assert reports[0]["report"]["figures"]
    figures = client.get("/api/incidents/inc-kr/figures").json()
    assert sorted(f["value"] for f in figures) == [16, 18, 85]
    quotes = client.get("/api/incidents/inc-kr/quotes").json()
    assert [q["speaker"] for q in quotes] == ["the mayor"]
    changes = client.get("/api/incidents/inc-kr/changes").json()
    assert [(c["old"], c["new"]) for c in changes] == [(16, 18)]
    assert client.get("/api/changes", params={"since": "2025-04-07T00:00:00"}).json() == []
    assert len(client.get("/api/changes", params={"since": "2025-04-01T00:00:00Z"}).json()) == 1
    report_id = reports[0]["article"]["id"]
    assert client.get(f"/api/reports/{report_id[:8]}").json()["article"]["id"] == report_id


def test_geojson_markers(client: TestClient) -> None:
    response = client.get("/api/incidents.geojson", params={"min_killed": 1})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert [f["id"] for f in features] == ["inc-kr"]
    assert features[0]["geometry"]["coordinates"] == [33.39, 47.91]


@pytest.mark.parametrize("fmt", ["jsonl", "acled", "ged", "geojson"])
def test_exports_through_the_api(client: TestClient, fmt: str) -> None:
    response = client.get(f"/api/export/{fmt}", params={"country": "UA"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert "Kryvyi Rih" in response.text


def test_unknown_export_format(client: TestClient) -> None:
    _error(client.get("/api/export/xlsx"), 404)


def test_read_only_without_token(client: TestClient) -> None:
    client.app.state.settings = client.app.state.settings.replace(api_token="")  # type: ignore[attr-defined]
    response = client.post(
        "/api/reports", json={"text": "A shell hit a market in a town and killed four people."}
    )
    assert _error(response, 403)["code"] == "forbidden"


def test_ingest_needs_the_bearer_token(client: TestClient, ingested: list[Article]) -> None:
    body = {"text": "A drone struck a bus station in a town on Monday, killing two people.", "outlet": "Test"}
    assert _error(client.post("/api/reports", json=body), 401)["code"] == "unauthorized"
    wrong = client.post("/api/reports", json=body, headers={"Authorization": "Bearer nope"})
    _error(wrong, 401)
    assert not ingested
    ok = client.post("/api/reports", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201, ok.text
    assert ok.json()["stored"] is True and ok.json()["incidents"] == ["inc-kr"]
    assert [a.outlet for a in ingested] == ["Test"]
    again = client.post("/api/reports", json=body, headers={"Authorization": "Bearer s3cret"})
    assert again.json()["stored"] is False


def test_ingest_rejects_bad_bodies(client: TestClient) -> None:
    headers = {"Authorization": "Bearer s3cret"}
    _error(client.post("/api/reports", json={"text": ""}, headers=headers), 422)
    _error(client.post("/api/reports", json={"text": "x", "colour": "red"}, headers=headers), 422)


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["counts"]["incidents"] == 2


def test_serve_command_runs_the_app(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from factledger.serve.cli import app as cli_app

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen["paths"] = set(app.openapi()["paths"])
        seen.update(kwargs)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "x.db"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["port"] == 8123 and seen["host"] == "127.0.0.1"
    assert {"/api/incidents", "/api/incidents/{incident_id}/factsheet"} <= seen["paths"]


@pytest.mark.parametrize("fmt", ["acled", "ged", "geojson", "incidents"])
def test_export_command(fmt: str, tmp_path: Any, ledger_builder: Any) -> None:
    from typer.testing import CliRunner

    from factledger.serve.cli import app as cli_app
    from factledger.store.db import Store

    db = tmp_path / "ledger.db"
    with Store(f"sqlite:///{db}") as store:
        ledger_builder(store)
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli_app, ["export", "--format", fmt, "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Kryvyi Rih" in out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_ingest_through_the_real_pipeline(ledger_store: Any, tmp_path: Any) -> None:
    from factledger.serve.api import create_app
    from factledger.settings import load_settings

    settings = load_settings(environ={}).replace(api_token="tok", cache_dir=str(tmp_path))
    headers = {"Authorization": "Bearer tok"}
    text = (
        "A rocket struck a grain depot on the edge of a river town on Tuesday, killing four workers, "
        "the regional police said.\n\nTwo more were taken to hospital with burns."
    )
    with TestClient(create_app(ledger_store, settings)) as api:
        short = api.post("/api/reports", json={"text": "Too short."}, headers=headers)
        assert _error(short, 422)["code"] == "rejected_too_short"
        created = api.post("/api/reports", json={"text": text, "outlet": "Test Post"}, headers=headers)
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["stored"] is True
        report = api.get(f"/api/reports/{body['article_id']}").json()
        assert report["article"]["outlet"] == "Test Post"
        assert any(f["value"] == 4 for f in report["report"]["figures"])
        again = api.post("/api/reports", json={"text": text, "outlet": "Test Post"}, headers=headers)
        assert again.json() == {"article_id": body["article_id"], "stored": False, "incidents": []}
