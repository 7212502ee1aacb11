"""The web page: the incident list with its map, and the incident page. Reads through serve.queries only."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from factledger.errors import NotFoundError
from factledger.models import EventType, FactSheet, FigureEstimate, Quote, TimelineEntry
from factledger.serve import queries
from factledger.serve.web.charts import qualified, timeline_svg
from factledger.serve.web.outlines import countries_geojson
from factledger.serve.web.text import Mark, anchor, mark_text

__all__ = ["router", "templates"]

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)

_FILTERS = ("q", "country", "region", "type", "date_from", "date_to", "min_killed", "bbox", "sort")
PAGE_SIZE = 50


def _label(value: str) -> str:
    return value.replace("_", " ")


def _type_label(value: str) -> str:
    return {
        "shelling_artillery_missile_attack": "shelling / artillery / missile",
        "air_drone_strike": "air / drone strike",
    }.get(value, _label(value))


def _date(day: dt.date | None) -> str:
    return day.strftime("%-d %b %Y") if day is not None else "date unknown"


templates.env.filters["label"] = _label
templates.env.filters["type_label"] = _type_label
templates.env.filters["day"] = _date
templates.env.filters["qualified"] = qualified
templates.env.globals["anchor"] = anchor


@router.get("/", response_class=HTMLResponse)
def incident_list(request: Request) -> Response:
    from factledger.serve.api import incident_filter

    store = request.app.state.store
    params = {k: request.query_params.get(k, "") for k in _FILTERS}
    error = None
    try:
        flt = incident_filter(
            date_from=params["date_from"],
            date_to=params["date_to"],
            country=params["country"],
            region=params["region"],
            bbox=params["bbox"],
            type=params["type"],
            min_killed=params["min_killed"],
            q=params["q"],
        )
    except ValueError as exc:
        error, flt = str(exc), queries.IncidentFilter()
    sort = params["sort"] if params["sort"] in queries.SORTS else "-date"
    try:
        offset = max(int(request.query_params.get("offset", "0")), 0)
    except ValueError:
        offset = 0
    page = queries.list_incidents(store, flt, limit=PAGE_SIZE, offset=offset, sort=sort)
    active = {k: v for k, v in params.items() if v}
    sheets = queries.fact_sheets_by_id(store, [item["id"] for item in page.items])
    flags = {
        incident_id: sum(len(est.claims) + len(est.contradictions) for est in sheet.figures)
        for incident_id, sheet in sheets.items()
    }

    def page_link(new_offset: int) -> str:
        return "/?" + urlencode({**active, "offset": new_offset})

    return templates.TemplateResponse(
        request,
        "list.html",
        {
            "page": page,
            "flags": flags,
            "params": params,
            "error": error,
            "sort": sort,
            "countries": queries.countries(store),
            "event_types": [e.value for e in EventType],
            "query": urlencode({k: v for k, v in active.items() if k != "sort"}),
            "prev_link": page_link(max(offset - PAGE_SIZE, 0)) if offset > 0 else None,
            "next_link": page_link(offset + PAGE_SIZE) if offset + PAGE_SIZE < page.total else None,
            "filtered": any(v for k, v in active.items() if k != "sort"),
        },
    )


@dataclass
class EstimateView:
    est: FigureEstimate
    label: str
    chart: Markup
    entries: list[TimelineEntry]
    flagged: list[str] = field(default_factory=list)
    sources: dict[str, TimelineEntry] = field(default_factory=dict)
    """low/best/high -> the stated figure that gives it, when a report's figure does."""


def _value_sources(est: FigureEstimate) -> dict[str, TimelineEntry]:
    found: dict[str, TimelineEntry] = {}
    for name, value in (("low", est.low), ("best", est.best), ("high", est.high)):
        if value.report_id is None or value.value is None:
            continue
        for entry in est.timeline:
            if entry.report_id == value.report_id and value.value in (entry.value, entry.low, entry.high):
                found[name] = entry
                break
    return found


def _estimate_label(est: FigureEstimate) -> str:
    kind = est.kind.value
    return kind if est.group == "all" else f"{kind} · {_label(est.group)}"


def _estimate_views(sheet: FactSheet) -> list[EstimateView]:
    views = []
    for est in sheet.figures:
        flagged = list(est.contradictions)
        flagged += [
            f"{qualified(e)} from {e.source or e.outlet or 'an unattributed source'} contradicts the others"
            for e in est.timeline
            if e.relation == "contradiction" and not est.contradictions
        ]
        label = _estimate_label(est)
        claimed = {(c.report_id, c.number_span) for c in est.claims}
        views.append(
            EstimateView(
                est=est,
                label=label,
                chart=timeline_svg(est, label),
                entries=[e for e in est.timeline if (e.report_id, e.number_span) not in claimed]
                + list(est.claims),
                flagged=flagged,
                sources=_value_sources(est),
            )
        )
    return views


def _quotes_by_speaker(quotes: tuple[Quote, ...]) -> list[tuple[str, list[Quote]]]:
    grouped: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        grouped[quote.speaker_name or quote.speaker or "Unattributed"].append(quote)
    return sorted(grouped.items(), key=lambda item: (item[0] == "Unattributed", -len(item[1]), item[0]))


def _marks(sheet: FactSheet | None, report_id: str) -> list[Mark]:
    marks: list[Mark] = []
    if sheet is None:
        return marks
    for est in sheet.figures:
        for entry in (*est.timeline, *est.claims):
            if entry.report_id != report_id or entry.sentence_span is None:
                continue
            s = entry.sentence_span
            marks.append(Mark(s.start, s.end, "span", "sent", anchor("s", report_id, s.start, s.end)))
            if entry.number_span is not None:
                n = entry.number_span
                title = f"{_estimate_label(est)}: {qualified(entry)}"
                marks.append(Mark(n.start, n.end, "b", "num", anchor("n", report_id, n.start, n.end), title))
    for quote in sheet.quotes:
        if quote.report_id == report_id:
            q = quote.span
            marks.append(Mark(q.start, q.end, "q", "quote", anchor("q", report_id, q.start, q.end)))
    return marks


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(incident_id: str, request: Request) -> Response:
    store = request.app.state.store
    try:
        record = queries.incident_record(store, incident_id)
    except NotFoundError:
        return templates.TemplateResponse(
            request, "error.html", {"message": f"No incident {incident_id}."}, status_code=404
        )
    try:
        sheet: FactSheet | None = queries.fact_sheet(store, incident_id)
    except NotFoundError:
        sheet = None
    source_ids = [s.report_id for s in sheet.sources] if sheet else []
    refs = queries.incident_articles(store, incident_id, extra_ids=source_ids)
    reports = [
        {"ref": ref, "html": mark_text(ref.article.text, _marks(sheet, ref.article.id))} for ref in refs
    ]
    outlets = {ref.article.id: ref.article.outlet or ref.article.title or ref.article.id[:8] for ref in refs}
    views = _estimate_views(sheet) if sheet else []
    context: dict[str, Any] = {
        "record": record,
        "sheet": sheet,
        "views": views,
        "reports": reports,
        "outlets": outlets,
        "quotes": _quotes_by_speaker(sheet.quotes) if sheet else [],
        "flagged": sum(len(v.flagged) + len(v.est.claims) for v in views),
        "changes": queries.changes(store, incident_id=incident_id, limit=50),
    }
    return templates.TemplateResponse(request, "incident.html", context)


@router.get("/map/countries.geojson")
def country_outlines(request: Request) -> Response:
    data = countries_geojson(Path(str(request.app.state.settings.cache_dir)))
    return Response(data, media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})
