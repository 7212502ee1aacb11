"""Exports parse and carry the documented columns (issue 8)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from factledger.models import FactSheet
from factledger.serve import exports
from factledger.store.db import Store

ACLED = [
    "event_id_cnty",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]
GED = [
    "best",
    "low",
    "high",
    "deaths_civilians",
    "where_prec",
    "date_prec",
    "source_article",
    "number_of_sources",
]


@pytest.fixture
def sheets(ledger_store: Store, ledger_builder: Any) -> list[FactSheet]:
    from factledger.serve import queries

    return list(queries.fact_sheets(ledger_store, queries.IncidentFilter(), sort="-killed"))


def test_acled_csv_has_the_listed_columns(sheets: list[FactSheet]) -> None:
    rows = list(csv.DictReader(io.StringIO("".join(exports.to_acled_csv(sheets)))))
    assert list(rows[0]) == ACLED
    kr = rows[0]
    assert kr["event_id_cnty"] == "UKR-inc-kr"
    assert kr["event_date"] == "2025-04-04" and kr["year"] == "2025"
    assert kr["event_type"] == "Explosions/Remote violence"
    assert kr["sub_event_type"] == "Shelling/artillery/missile attack"
    assert kr["actor1"] == "Russia"
    assert (kr["country"], kr["admin1"], kr["location"]) == ("Ukraine", "Dnipropetrovsk Oblast", "Kryvyi Rih")
    assert float(kr["latitude"]) == 47.91 and float(kr["longitude"]) == 33.39
    assert kr["geo_precision"] == "1"
    assert kr["source"] == "Example Wire; Daily Example"
    assert kr["fatalities"] == "18"
    assert "killed: 18" in kr["notes"]
    assert rows[1]["fatalities"] == "0"  # Kyiv: injured only; ACLED writes 0, not blank


def test_ged_csv_has_the_listed_columns(sheets: list[FactSheet]) -> None:
    rows = list(csv.DictReader(io.StringIO("".join(exports.to_ged_csv(sheets)))))
    assert set(GED) <= set(rows[0])
    kr = rows[0]
    assert (kr["best"], kr["low"], kr["high"]) == ("18", "18", "")
    assert kr["deaths_civilians"] == ""
    assert kr["where_prec"] == "1" and kr["date_prec"] == "1"
    assert kr["number_of_sources"] == "2"
    assert "Example Wire, 2025-04-05" in kr["source_article"]


def test_geojson_loads(sheets: list[FactSheet]) -> None:
    data = json.loads("".join(exports.to_geojson(sheets)))
    assert data["type"] == "FeatureCollection"
    assert [f["id"] for f in data["features"]] == ["inc-kr", "inc-kyiv"]
    kr = data["features"][0]
    assert kr["geometry"] == {"type": "Point", "coordinates": [33.39, 47.91]}
    assert kr["properties"]["killed_best"] == 18


def test_geojson_of_an_ungeocoded_incident_has_null_geometry(sheets: list[FactSheet]) -> None:
    bare = sheets[0].model_copy(update={"place": None})
    data = json.loads("".join(exports.to_geojson([bare])))
    assert data["features"][0]["geometry"] is None
    assert json.loads("".join(exports.to_geojson([]))) == {"type": "FeatureCollection", "features": []}


def test_jsonl_round_trips_the_fact_sheet(sheets: list[FactSheet]) -> None:
    lines = "".join(exports.to_jsonl((s, {"mentions": []}) for s in sheets)).splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert FactSheet.model_validate(record["fact_sheet"]) == sheets[0]
    assert record["incident"] == {"mentions": []}


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        exports.export("xlsx", [])


def test_datasette_metadata_describes_every_table_and_column() -> None:
    from pathlib import Path

    from factledger.store import schema

    path = Path(__file__).resolve().parents[2] / "datasette" / "metadata.json"
    tables = json.loads(path.read_text(encoding="utf-8"))["databases"]["factledger"]["tables"]
    for table in schema.metadata.sorted_tables:
        assert table.name in tables, f"describe the new table {table.name} in datasette/metadata.json"
        assert tables[table.name]["description"], table.name
        described = tables[table.name]["columns"]
        assert {c.name for c in table.columns} == set(described), table.name
        assert all(described.values()), table.name
