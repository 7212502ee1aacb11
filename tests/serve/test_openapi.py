"""The API's OpenAPI schema validates, and documents one error shape (issue 8)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from openapi_spec_validator import validate


def test_schema_validates(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    validate(schema)
    paths = schema["paths"]
    for path in (
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/incidents/{incident_id}/factsheet",
        "/api/incidents/{incident_id}/reports",
        "/api/incidents/{incident_id}/figures",
        "/api/incidents/{incident_id}/quotes",
        "/api/incidents/{incident_id}/changes",
        "/api/changes",
        "/api/reports",
        "/api/export/{fmt}",
    ):
        assert path in paths, path
    params = {p["name"] for p in paths["/api/incidents"]["get"]["parameters"]}
    assert {
        "date_from",
        "date_to",
        "country",
        "region",
        "bbox",
        "type",
        "min_killed",
        "q",
        "limit",
        "offset",
    } <= params
    assert paths["/api/incidents/{incident_id}"]["get"]["responses"]["404"]["content"]["application/json"][
        "schema"
    ] == {"$ref": "#/components/schemas/ErrorBody"}
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert not any(path.startswith(("/incidents", "/static")) or path == "/" for path in paths)
