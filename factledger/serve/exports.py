"""Exports of the ledger in the formats analysts already load: JSON Lines, ACLED- and UCDP-style CSV, GeoJSON.

Every function here is a pure function of :class:`~factledger.models.FactSheet` (and, for JSON Lines,
the :class:`~factledger.models.Incident` beside it), so the CLI, the API and the tests produce the same
bytes. ``docs/exports.md`` says how each column is filled; keep the two in step.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pycountry

from factledger.models import (
    DatePrecision,
    EventType,
    FactSheet,
    FigureEstimate,
    FigureKind,
    Incident,
    PlacePrecision,
)

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "GED_COLUMNS",
    "IncidentRecord",
    "acled_row",
    "export",
    "ged_row",
    "geojson_feature",
    "to_acled_csv",
    "to_ged_csv",
    "to_geojson",
    "to_jsonl",
]

ACLED_COLUMNS: tuple[str, ...] = (
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
)

GED_COLUMNS: tuple[str, ...] = (
    "id",
    "year",
    "date_start",
    "date_end",
    "date_prec",
    "country",
    "adm_1",
    "where_coordinates",
    "latitude",
    "longitude",
    "where_prec",
    "side_a",
    "best",
    "low",
    "high",
    "deaths_civilians",
    "source_article",
    "number_of_sources",
)

FORMATS: dict[str, str] = {
    "jsonl": "application/x-ndjson",
    "acled": "text/csv",
    "ged": "text/csv",
    "geojson": "application/geo+json",
}
"""Export format name -> media type."""

# ACLED codes its political-violence events in six types and 25 sub-event types; our taxonomy follows
# its sub-event types where they exist. Disasters and accidents have no ACLED type: left empty.
_ACLED_TYPES: dict[EventType, tuple[str, str]] = {
    EventType.AIR_DRONE_STRIKE: ("Explosions/Remote violence", "Air/drone strike"),
    EventType.SHELLING_ARTILLERY_MISSILE: ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    EventType.REMOTE_EXPLOSIVE: ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    EventType.SUICIDE_BOMB: ("Explosions/Remote violence", "Suicide bomb"),
    EventType.GRENADE: ("Explosions/Remote violence", "Grenade"),
    EventType.ARMED_CLASH: ("Battles", "Armed clash"),
    EventType.ATTACK: ("Violence against civilians", "Attack"),
    EventType.SHOOTING: ("Violence against civilians", "Attack"),
    EventType.MASS_KILLING: ("Violence against civilians", "Attack"),
}

# ACLED geo_precision: 1 the town itself, 2 a part of or near a town, 3 a larger region.
_ACLED_GEO: dict[PlacePrecision, int] = {
    PlacePrecision.ADDRESS: 1,
    PlacePrecision.TOWN: 1,
    PlacePrecision.DISTRICT: 2,
    PlacePrecision.REGION: 3,
    PlacePrecision.COUNTRY: 3,
}

# UCDP GED where_prec: 1 exact place, 3 second-order administrative unit, 4 first-order unit, 6 country.
_GED_WHERE: dict[PlacePrecision, int] = {
    PlacePrecision.ADDRESS: 1,
    PlacePrecision.TOWN: 1,
    PlacePrecision.DISTRICT: 3,
    PlacePrecision.REGION: 4,
    PlacePrecision.COUNTRY: 6,
}

# UCDP GED date_prec: 1 exact day, 2 within 2-6 days, 3 within a week, 4 a month, 5 a year or more.
_GED_DATE: dict[DatePrecision, int] = {
    DatePrecision.DAY: 1,
    DatePrecision.DAYS: 2,
    DatePrecision.WEEK: 3,
    DatePrecision.MONTH: 4,
    DatePrecision.YEAR: 5,
    DatePrecision.UNRESOLVED: 5,
}

_CIVILIAN_GROUPS = ("civilians", "civilian")


def _killed(sheet: FactSheet, groups: Iterable[str] = ("all",)) -> FigureEstimate | None:
    for group in groups:
        est = sheet.estimate(FigureKind.KILLED, group)
        if est is not None:
            return est
    return None


def _iso3(country_code: str | None) -> str:
    if not country_code:
        return "XXX"
    found = pycountry.countries.get(alpha_2=country_code.upper())
    return str(found.alpha_3) if found is not None else country_code.upper()


def _sources(sheet: FactSheet) -> str:
    outlets = [s.outlet or s.url or s.report_id for s in sheet.sources]
    return "; ".join(dict.fromkeys(outlets))


def _notes(sheet: FactSheet) -> str:
    parts = [sheet.title]
    for est in sheet.figures:
        if est.best.value is None:
            continue
        label = est.kind.value if est.group == "all" else f"{est.kind.value} ({est.group})"
        parts.append(f"{label}: {est.best.value}" + (f" ({est.best.reason})" if est.best.reason else ""))
    if sheet.perpetrator:
        contested = " (contested)" if sheet.perpetrator_contested else ""
        parts.append(f"perpetrator as stated: {sheet.perpetrator}{contested}")
    return ". ".join(parts)


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def _num(value: float | int | None) -> str | int | float:
    return "" if value is None else value


def acled_row(sheet: FactSheet) -> dict[str, Any]:
    """One ACLED-style row (``docs/exports.md`` documents each column)."""
    place = sheet.place
    date = sheet.date.start if sheet.date is not None else None
    event_type, sub_event_type = _ACLED_TYPES.get(sheet.event_type, ("", ""))
    killed = _killed(sheet)
    return {
        "event_id_cnty": f"{_iso3(place.country_code if place else None)}-{sheet.incident_id}",
        "event_date": date.isoformat() if date else "",
        "year": date.year if date else "",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": sheet.perpetrator or "",
        "country": (place.country or "") if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": _num(place.lat if place else None),
        "longitude": _num(place.lon if place else None),
        "geo_precision": _ACLED_GEO[place.precision] if place else "",
        "source": _sources(sheet),
        "notes": _notes(sheet),
        # ACLED records 0 when no fatalities are reported, never blank.
        "fatalities": (killed.best.value if killed and killed.best.value is not None else 0),
    }


def ged_row(sheet: FactSheet) -> dict[str, Any]:
    """One UCDP GED-style row (``docs/exports.md`` documents each column)."""
    place = sheet.place
    date = sheet.date
    killed = _killed(sheet)
    civilians = _killed(sheet, _CIVILIAN_GROUPS)
    articles = [
        ", ".join(p for p in (s.outlet, s.published.isoformat() if s.published else None, s.title) if p)
        or s.report_id
        for s in sheet.sources
    ]
    return {
        "id": sheet.incident_id,
        "year": date.start.year if date and date.start else "",
        "date_start": _iso(date.start) if date else "",
        "date_end": _iso(date.end or date.start) if date else "",
        "date_prec": _GED_DATE[date.precision] if date else _GED_DATE[DatePrecision.UNRESOLVED],
        "country": (place.country or "") if place else "",
        "adm_1": (place.admin1 or "") if place else "",
        "where_coordinates": place.name if place else "",
        "latitude": _num(place.lat if place else None),
        "longitude": _num(place.lon if place else None),
        "where_prec": _GED_WHERE[place.precision] if place else "",
        "side_a": sheet.perpetrator or "",
        "best": _num(killed.best.value if killed else None),
        "low": _num(killed.low.value if killed else None),
        "high": _num(killed.high.value if killed else None),
        "deaths_civilians": _num(civilians.best.value if civilians else None),
        "source_article": "; ".join(articles),
        "number_of_sources": len(sheet.sources),
    }


def _csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        yield buffer.getvalue()


def to_acled_csv(sheets: Iterable[FactSheet]) -> Iterator[str]:
    """ACLED-style CSV, header first, as chunks of text."""
    return _csv((acled_row(s) for s in sheets), ACLED_COLUMNS)


def to_ged_csv(sheets: Iterable[FactSheet]) -> Iterator[str]:
    """UCDP GED-style CSV, header first, as chunks of text."""
    return _csv((ged_row(s) for s in sheets), GED_COLUMNS)


IncidentRecord = Incident | Mapping[str, Any] | None
"""An incident beside its fact sheet: the model, the store's record of it (mentions, links), or none."""


def _default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_jsonl(items: Iterable[tuple[FactSheet, IncidentRecord]]) -> Iterator[str]:
    """Everything: one line per incident with its whole fact sheet and incident record."""
    for sheet, incident in items:
        record = {
            "incident_id": sheet.incident_id,
            "fact_sheet": sheet.model_dump(mode="json"),
            "incident": incident.model_dump(mode="json") if isinstance(incident, Incident) else incident,
        }
        yield json.dumps(record, ensure_ascii=False, sort_keys=True, default=_default) + "\n"


def geojson_feature(sheet: FactSheet) -> dict[str, Any]:
    """A GeoJSON Feature of an incident; ``geometry`` is null when it is not geocoded (RFC 7946 3.2)."""
    place = sheet.place
    geometry: dict[str, Any] | None = None
    if place is not None and place.lat is not None and place.lon is not None:
        geometry = {"type": "Point", "coordinates": [place.lon, place.lat]}
    killed = _killed(sheet)
    injured = sheet.estimate(FigureKind.INJURED)
    return {
        "type": "Feature",
        "id": sheet.incident_id,
        "geometry": geometry,
        "properties": {
            "id": sheet.incident_id,
            "title": sheet.title,
            "event_type": sheet.event_type.value,
            "date": sheet.date.start.isoformat() if sheet.date and sheet.date.start else None,
            "date_precision": sheet.date.precision.value if sheet.date else None,
            "place": place.name if place else None,
            "admin1": place.admin1 if place else None,
            "country": place.country if place else None,
            "country_code": place.country_code if place else None,
            "killed_best": killed.best.value if killed else None,
            "killed_low": killed.low.value if killed else None,
            "killed_high": killed.high.value if killed else None,
            "injured_best": injured.best.value if injured else None,
            "perpetrator": sheet.perpetrator,
            "number_of_sources": len(sheet.sources),
        },
    }


def to_geojson(sheets: Iterable[FactSheet]) -> Iterator[str]:
    """A GeoJSON FeatureCollection, streamed feature by feature."""
    yield '{"type": "FeatureCollection", "features": ['
    for i, sheet in enumerate(sheets):
        yield ("," if i else "") + "\n" + json.dumps(geojson_feature(sheet), ensure_ascii=False)
    yield "\n]}\n"


def export(fmt: str, items: Iterable[tuple[FactSheet, IncidentRecord]]) -> Iterator[str]:
    """Chunks of the export named ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "jsonl":
        return to_jsonl(items)
    sheets = (sheet for sheet, _ in items)
    if fmt == "acled":
        return to_acled_csv(sheets)
    if fmt == "ged":
        return to_ged_csv(sheets)
    if fmt == "geojson":
        return to_geojson(sheets)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
