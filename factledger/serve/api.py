"""The REST API and the web page, one FastAPI app over one store.

Read-only by default: the only write, ``POST /api/reports``, needs the ``api_token`` setting and the
same token as a bearer token. Every error is answered in one shape,
:class:`~factledger.serve.schemas.ErrorBody`.
``docs/api.md`` lists the endpoints; ``/api/openapi.json`` is the schema and ``/api/docs`` browses it.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from factledger import __version__
from factledger.errors import FactledgerError, IngestError, NotFoundError, StageNotBuiltError
from factledger.models import Article, Change, EventType, FactSheet, article_id
from factledger.serve import exports, queries
from factledger.serve.schemas import (
    ErrorBody,
    ErrorDetail,
    FigureRow,
    IncidentDetail,
    IncidentList,
    IncidentSummary,
    IngestRequest,
    IngestResponse,
    QuoteRow,
    ReportEntry,
)
from factledger.settings import Settings, load_settings
from factledger.store.db import Store

__all__ = ["BadRequestError", "Ingest", "create_app", "incident_filter", "pipeline_ingest"]

log = logging.getLogger(__name__)

Ingest = Callable[[Store, Article], IngestResponse]
"""Stores one article, extracts, clusters and reconciles it; says what it did."""

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request"},
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}


class BadRequestError(ValueError):
    """A request parameter that does not parse (answered 400)."""


_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
}


def error_response(
    status: int, message: str, *, code: str | None = None, details: Any = None
) -> JSONResponse:
    body = ErrorBody(
        error=ErrorDetail(
            code=code or _CODES.get(status, "error" if status >= 500 else "invalid_request"),
            message=message,
            status=status,
            details=details,
        )
    )
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {
                "loc": [str(p) for p in err.get("loc", ())],
                "msg": str(err.get("msg", "")),
                "type": err.get("type"),
            }
            for err in exc.errors()
        ]
        return error_response(422, "invalid request parameters", code="invalid_request", details=details)

    @app.exception_handler(FactledgerError)
    async def library_error(_request: Request, exc: FactledgerError) -> JSONResponse:
        if isinstance(exc, NotFoundError):
            return error_response(404, str(exc))
        if isinstance(exc, IngestError):
            return error_response(422, str(exc), code=f"rejected_{exc.reason}")
        if isinstance(exc, StageNotBuiltError):
            return error_response(501, str(exc), code="not_built")
        log.error("request failed: %s", exc, exc_info=exc)
        return error_response(500, str(exc), code="server_error")

    @app.exception_handler(BadRequestError)
    async def bad_request(_request: Request, exc: BadRequestError) -> JSONResponse:
        return error_response(400, str(exc))


# ------------------------------------------------------------------------------------ dependencies


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError as exc:
        raise BadRequestError("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from exc
    if len(parts) != 4:
        raise BadRequestError("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = parts
    if min_lon > max_lon or min_lat > max_lat:
        raise BadRequestError("bbox minimum is above its maximum")
    return (min_lon, min_lat, max_lon, max_lat)


def _empty_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _date(value: str | None, name: str) -> dt.date | None:
    value = _empty_none(value)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise BadRequestError(f"{name} must be a date like 2025-04-04") from exc


def incident_filter(
    date_from: Annotated[
        str | None, Query(description="Incidents on or after this day (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[str | None, Query(description="Incidents on or before this day (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, Query(description="Country name or ISO 3166 alpha-2 code.")] = None,
    region: Annotated[str | None, Query(description="First-order region (admin1), part of its name.")] = None,
    bbox: Annotated[
        str | None, Query(description="Bounding box min_lon,min_lat,max_lon,max_lat (WGS 84).")
    ] = None,
    type: Annotated[
        str | None, Query(description="Event type, e.g. shelling_artillery_missile_attack.")
    ] = None,
    min_killed: Annotated[
        str | None, Query(description="Only incidents whose best killed is at least this.")
    ] = None,
    q: Annotated[str | None, Query(description="Words searched in titles, places and fact sheets.")] = None,
) -> queries.IncidentFilter:
    """Filters shared by the list, the map, the exports and the web page (empty values mean any)."""
    event_type = _empty_none(type)
    if event_type is not None and event_type not in {e.value for e in EventType}:
        raise BadRequestError(
            f"unknown type {event_type!r}; expected one of {', '.join(e.value for e in EventType)}"
        )
    killed = _empty_none(min_killed)
    if killed is not None and not killed.isdigit():
        raise BadRequestError("min_killed must be a whole number")
    return queries.IncidentFilter(
        date_from=_date(date_from, "date_from"),
        date_to=_date(date_to, "date_to"),
        country=_empty_none(country),
        region=_empty_none(region),
        bbox=_bbox(_empty_none(bbox)),
        event_type=event_type,
        min_killed=int(killed) if killed is not None else None,
        q=_empty_none(q),
    )


FilterDep = Annotated[queries.IncidentFilter, Depends(incident_filter)]
SortDep = Annotated[str, Query(description="date, killed or reports; a leading - sorts descending.")]


def _summary(item: dict[str, Any]) -> IncidentSummary:
    return IncidentSummary(**item, url=f"/api/incidents/{item['id']}", page=f"/incidents/{item['id']}")


# ------------------------------------------------------------------------------------------ routes

router = APIRouter(prefix="/api", responses=ERRORS)


@router.get("/incidents", response_model=IncidentList, tags=["incidents"])
def list_incidents(
    request: Request,
    store: StoreDep,
    flt: FilterDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: SortDep = "-date",
) -> IncidentList:
    """Incidents matching the filters, one page at a time."""
    if sort not in queries.SORTS:
        raise BadRequestError(f"sort must be one of {', '.join(queries.SORTS)}")
    page = queries.list_incidents(store, flt, limit=limit, offset=offset, sort=sort)
    following = None
    if offset + limit < page.total:
        params = dict(request.query_params)
        params["offset"] = str(offset + limit)
        following = f"{request.url.path}?{urlencode(params)}"
    return IncidentList(
        items=[_summary(i) for i in page.items], total=page.total, limit=limit, offset=offset, next=following
    )


@router.get("/incidents.geojson", tags=["incidents"], response_class=JSONResponse)
def incidents_geojson(
    store: StoreDep, flt: FilterDep, limit: Annotated[int, Query(ge=1, le=5000)] = 2000
) -> Any:
    """Geocoded incidents matching the filters as GeoJSON points (what the map draws)."""
    page = queries.list_incidents(store, flt, limit=limit, sort="-killed")
    features = [
        {
            "type": "Feature",
            "id": item["id"],
            "geometry": {"type": "Point", "coordinates": [item["lon"], item["lat"]]},
            "properties": {
                "id": item["id"],
                "title": item["title"],
                "date": item["date_start"].isoformat() if item["date_start"] else None,
                "killed_best": item["killed_best"],
                "injured_best": item["injured_best"],
                "event_type": item["event_type"],
                "page": f"/incidents/{item['id']}",
            },
        }
        for item in page.items
        if item["lat"] is not None and item["lon"] is not None
    ]
    return JSONResponse(
        {"type": "FeatureCollection", "features": features}, media_type="application/geo+json"
    )


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, tags=["incidents"])
def get_incident(incident_id: str, store: StoreDep) -> IncidentDetail:
    """One incident: its row, the report mentions it groups and its linked incidents."""
    item = queries.incident_record(store, incident_id)
    return IncidentDetail(**item, url=f"/api/incidents/{incident_id}", page=f"/incidents/{incident_id}")


@router.get("/incidents/{incident_id}/factsheet", response_model=FactSheet, tags=["incidents"])
def get_fact_sheet(incident_id: str, store: StoreDep) -> FactSheet:
    """The reconciled fact sheet: estimates with reasons, timelines, claims, quotes, sources."""
    return queries.fact_sheet(store, incident_id)


@router.get("/incidents/{incident_id}/reports", response_model=list[ReportEntry], tags=["incidents"])
def get_incident_reports(incident_id: str, store: StoreDep) -> list[ReportEntry]:
    """The reports of an incident, oldest first, with their text and extraction."""
    return [
        ReportEntry(article=ref.article, report=ref.report, mentions=list(ref.mentions))
        for ref in queries.incident_articles(store, incident_id)
    ]


@router.get("/incidents/{incident_id}/figures", response_model=list[FigureRow], tags=["incidents"])
def get_incident_figures(incident_id: str, store: StoreDep) -> list[FigureRow]:
    """Every figure its reports state about it, as extracted (before reconciliation)."""
    return [FigureRow(**row) for row in queries.incident_figures(store, incident_id)]


@router.get("/incidents/{incident_id}/quotes", response_model=list[QuoteRow], tags=["incidents"])
def get_incident_quotes(incident_id: str, store: StoreDep) -> list[QuoteRow]:
    """Quotes in its reports, with their speakers."""
    return [QuoteRow(**row) for row in queries.incident_quotes(store, incident_id)]


@router.get("/incidents/{incident_id}/changes", response_model=list[Change], tags=["changes"])
def get_incident_changes(incident_id: str, store: StoreDep) -> list[Change]:
    """How new reports moved this incident's estimates, most recent first."""
    queries.incident_record(store, incident_id)
    return queries.changes(store, incident_id=incident_id)


@router.get("/changes", response_model=list[Change], tags=["changes"])
def list_changes(
    store: StoreDep,
    since: Annotated[dt.datetime | None, Query(description="Only changes at or after this time.")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[Change]:
    """Changes of estimates over all incidents, most recent first."""
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    return queries.changes(store, since=since, limit=limit)


@router.get("/reports/{report_id}", response_model=ReportEntry, tags=["reports"])
def get_report(report_id: str, store: StoreDep) -> ReportEntry:
    """One report: the article as ingested and what extraction found in it."""
    found = store.resolve_article_id(report_id)
    article = store.article(found)
    try:
        report = store.report(found)
    except NotFoundError:
        report = None
    return ReportEntry(article=article, report=report)


@router.get(
    "/export/{fmt}",
    tags=["exports"],
    response_class=StreamingResponse,
    responses={200: {"content": {media: {} for media in exports.FORMATS.values()}}},
)
def export(
    fmt: Annotated[str, Path(description=f"One of {', '.join(exports.FORMATS)}.")],
    store: StoreDep,
    flt: FilterDep,
) -> StreamingResponse:
    """The incidents matching the filters in an analysts' format (see docs/exports.md)."""
    if fmt not in exports.FORMATS:
        raise NotFoundError(f"no export format {fmt!r}; try one of {', '.join(exports.FORMATS)}")
    chunks = exports.export(fmt, _export_items(store, flt, with_records=fmt == "jsonl"))
    suffix = {"acled": "acled.csv", "ged": "ged.csv"}.get(fmt, fmt)
    return StreamingResponse(
        chunks,
        media_type=exports.FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="factledger-{suffix}"'},
    )


def _export_items(
    store: Store, flt: queries.IncidentFilter, *, with_records: bool
) -> Iterator[tuple[FactSheet, exports.IncidentRecord]]:
    for sheet in queries.fact_sheets(store, flt):
        yield sheet, (queries.incident_record(store, sheet.incident_id) if with_records else None)


_bearer = HTTPBearer(auto_error=False, description="The api_token setting.")


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    token = str(get_settings(request).api_token)
    if not token:
        raise StarletteHTTPException(
            403, "the API is read-only: set the api_token setting to allow ingesting"
        )
    if credentials is None or not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise StarletteHTTPException(401, "a valid bearer token is required")


@router.post(
    "/reports",
    response_model=IngestResponse,
    status_code=201,
    tags=["reports"],
    dependencies=[Depends(require_token)],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
)
def ingest_report(body: IngestRequest, request: Request, store: StoreDep) -> IngestResponse:
    """Ingest one report: store, extract, cluster and reconcile it (needs the bearer token)."""
    fields = body.model_dump(exclude={"text"}, exclude_none=True)
    article = Article.create(body.text, source="api", **fields)
    ingest: Ingest = request.app.state.ingest
    return ingest(store, article)


@router.get("/health", tags=["meta"])
def health(store: StoreDep) -> dict[str, Any]:
    """Liveness and the number of rows per table."""
    return {"status": "ok", "version": __version__, "counts": store.counts()}


# --------------------------------------------------------------------------------------------- app


def pipeline_ingest(settings: Settings) -> Ingest:
    """The ingest the API runs: the pipeline's verbs on one article (spaCy loads on first use)."""
    lock = threading.Lock()
    loaded: list[Any] = []

    def run(store: Store, article: Article) -> IngestResponse:
        from factledger import pipeline  # the pipeline wires the stages; serve never imports them
        from factledger.extract import Extractor
        from factledger.ingest import clean_text

        text = clean_text(article.text)
        if len(text) < int(settings.min_chars):
            raise IngestError(f"the text is shorter than {settings.min_chars} characters", reason="too_short")
        if len(text.encode("utf-8")) > int(settings.max_bytes):
            raise IngestError(f"the text is larger than {settings.max_bytes} bytes", reason="oversized")
        article = article.model_copy(update={"text": text, "id": article_id(text, article.url)})
        if store.existing_ids([article.id]):
            return IngestResponse(article_id=article.id, stored=False)
        with lock:  # one spaCy pipeline, used by one request at a time
            if not loaded:
                loaded.append(Extractor(str(settings.spacy_model)))
            kept, reports, _failed = pipeline.extract_articles(loaded[0], [article])
        store.add(kept, reports)
        try:
            touched = pipeline.cluster_reports(store, reports)
            pipeline.reconcile_incidents(store, touched)
        except StageNotBuiltError as exc:
            log.warning("report %s stored, not clustered: %s", article.id, exc)
            return IngestResponse(article_id=article.id, stored=bool(kept))
        return IngestResponse(article_id=article.id, stored=bool(kept), incidents=list(touched))

    return run


def create_app(
    store: Store | None = None, settings: Settings | None = None, *, ingest: Ingest | None = None
) -> FastAPI:
    """The API and the web page over ``store`` (opened from the ``db`` setting when not given)."""
    settings = settings if settings is not None else load_settings()
    if store is None:
        store = Store(str(settings.db))
    app = FastAPI(
        title="factledger",
        version=__version__,
        description="A sourced, reconciled ledger of violent incidents from news reports.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.ingest = ingest or pipeline_ingest(settings)
    _install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=4096)  # the map's outlines, big exports
    app.include_router(router)

    from factledger.serve.web import install as install_web

    install_web(app)
    return app
