"""What the API, the web page and the exports read from the store, as plain functions of a Store.

The store owns the schema and the writes; these are the read-only queries the readers share (one
function per question, so the CLI, the API and the page give the same answer to the same question).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select

from factledger.errors import NotFoundError
from factledger.models import Article, Change, FactSheet, Report
from factledger.store import factsheets
from factledger.store import schema as t
from factledger.store.db import Store, as_utc

__all__ = [
    "IncidentFilter",
    "IncidentPage",
    "ReportRef",
    "changes",
    "countries",
    "fact_sheet",
    "fact_sheets",
    "fact_sheets_by_id",
    "incident_articles",
    "incident_figures",
    "incident_quotes",
    "incident_record",
    "incident_records",
    "list_incidents",
]

SORTS = ("date", "-date", "killed", "-killed", "reports", "-reports")


@dataclass(frozen=True)
class IncidentFilter:
    """Filters of the incident list; ``None`` means "any"."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    """Country name or ISO 3166 alpha-2 code, case-insensitive."""
    region: str | None = None
    """First-order administrative region (admin1), case-insensitive substring."""
    bbox: tuple[float, float, float, float] | None = None
    """min_lon, min_lat, max_lon, max_lat."""
    event_type: str | None = None
    min_killed: int | None = None
    q: str | None = None
    """Words searched in titles, places and fact sheets (perpetrators, sources, quotes)."""


@dataclass(frozen=True)
class IncidentPage:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class ReportRef:
    """An article of an incident with the incident mentions it has in it."""

    article: Article
    report: Report | None
    mentions: tuple[int, ...]


_INCIDENT_COLUMNS = (
    "id",
    "title",
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "date_precision",
    "place_name",
    "admin1",
    "country",
    "country_code",
    "lat",
    "lon",
    "killed_best",
    "injured_best",
    "n_reports",
    "created_at",
    "updated_at",
)


def _incident_dict(row: Any) -> dict[str, Any]:
    record = {name: getattr(row, name) for name in _INCIDENT_COLUMNS}
    for key in ("created_at", "updated_at"):
        if isinstance(record[key], dt.datetime):
            record[key] = as_utc(record[key])
    return record


def _like(column: Any, text: str) -> ColumnElement[bool]:
    return func.lower(column).contains(text.casefold(), autoescape=True)


def _conditions(flt: IncidentFilter) -> list[ColumnElement[bool]]:
    i = t.incidents.c
    where: list[ColumnElement[bool]] = []
    if flt.date_from is not None:
        where.append(func.coalesce(i.date_end, i.date_start) >= flt.date_from)
    if flt.date_to is not None:
        where.append(i.date_start <= flt.date_to)
    if flt.country:
        country = flt.country.strip()
        where.append(
            or_(func.lower(i.country) == country.casefold(), func.upper(i.country_code) == country.upper())
        )
    if flt.region:
        where.append(_like(i.admin1, flt.region.strip()))
    if flt.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        where.append(and_(i.lat >= min_lat, i.lat <= max_lat, i.lon >= min_lon, i.lon <= max_lon))
    if flt.event_type:
        where.append(i.event_type == flt.event_type)
    if flt.min_killed is not None:
        where.append(func.coalesce(i.killed_best, 0) >= flt.min_killed)
    if flt.q:
        sheet = select(t.fact_sheets.c.data).where(t.fact_sheets.c.incident_id == i.id).scalar_subquery()
        for word in flt.q.split():
            where.append(
                or_(
                    _like(func.coalesce(i.title, ""), word),
                    _like(func.coalesce(i.place_name, ""), word),
                    _like(func.coalesce(i.admin1, ""), word),
                    _like(func.coalesce(i.country, ""), word),
                    _like(func.coalesce(sheet, ""), word),
                )
            )
    return where


def _ordered(query: Select[Any], sort: str) -> Select[Any]:
    i = t.incidents.c
    column = {"date": i.date_start, "killed": i.killed_best, "reports": i.n_reports}[sort.lstrip("-")]
    direction = column.desc() if sort.startswith("-") else column.asc()
    return query.order_by(column.is_(None), direction, i.id)


def list_incidents(
    store: Store, flt: IncidentFilter, *, limit: int = 50, offset: int = 0, sort: str = "-date"
) -> IncidentPage:
    """One page of incidents matching ``flt`` (``sort`` is one of :data:`SORTS`)."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    where = _conditions(flt)
    query = _ordered(select(t.incidents).where(*where), sort).limit(limit).offset(offset)
    count = select(func.count()).select_from(t.incidents).where(*where)
    with store.connect() as conn:
        total = int(conn.scalar(count) or 0)
        items = [_incident_dict(row) for row in conn.execute(query)]
    return IncidentPage(items=items, total=total, limit=limit, offset=offset)


def incident_record(store: Store, incident_id: str) -> dict[str, Any]:
    """An incident row with its mentions and links."""
    records = incident_records(store, [incident_id])
    if not records:
        raise NotFoundError(f"no incident {incident_id!r}")
    return records[0]


def incident_records(store: Store, ids: Sequence[str]) -> list[dict[str, Any]]:
    m, links = t.incident_mentions.c, t.incident_links.c
    with store.connect() as conn:
        rows = {
            row.id: _incident_dict(row)
            for row in conn.execute(select(t.incidents).where(t.incidents.c.id.in_(ids)))
        }
        for row in conn.execute(
            select(m.incident_id, m.report_id, m.mention, m.score)
            .where(m.incident_id.in_(list(rows)))
            .order_by(m.report_id, m.mention)
        ):
            rows[row.incident_id].setdefault("mentions", []).append(
                {"report_id": row.report_id, "mention": row.mention, "score": row.score}
            )
        for link in conn.execute(
            select(links.incident_id, links.other_id, links.relation).where(links.incident_id.in_(list(rows)))
        ):
            rows[link.incident_id].setdefault("linked", []).append(
                {"id": link.other_id, "relation": link.relation}
            )
    for record in rows.values():
        record.setdefault("mentions", [])
        record.setdefault("linked", [])
    return [rows[i] for i in ids if i in rows]


def fact_sheet(store: Store, incident_id: str) -> FactSheet:
    with store.connect() as conn:
        data = conn.scalar(select(t.fact_sheets.c.data).where(t.fact_sheets.c.incident_id == incident_id))
        if data is None:
            exists = conn.scalar(select(t.incidents.c.id).where(t.incidents.c.id == incident_id))
    if data is None:
        raise NotFoundError(
            f"incident {incident_id!r} has no fact sheet yet" if exists else f"no incident {incident_id!r}"
        )
    return FactSheet.model_validate_json(data)


def fact_sheets_by_id(store: Store, ids: Sequence[str]) -> dict[str, FactSheet]:
    """The fact sheets of ``ids`` that have one."""
    fs = t.fact_sheets.c
    with store.connect() as conn:
        rows = conn.execute(select(fs.incident_id, fs.data).where(fs.incident_id.in_(list(ids))))
        return {row.incident_id: FactSheet.model_validate_json(row.data) for row in rows}


def fact_sheets(
    store: Store, flt: IncidentFilter, *, sort: str = "-date", batch: int = 500
) -> Iterator[FactSheet]:
    """Fact sheets of every incident matching ``flt``, streamed in batches."""
    offset = 0
    while True:
        page = list_incidents(store, flt, limit=batch, offset=offset, sort=sort)
        ids = [item["id"] for item in page.items]
        if not ids:
            return
        found = fact_sheets_by_id(store, ids)
        yield from (found[i] for i in ids if i in found)
        offset += batch


def _mentions_by_report(store: Store, incident_id: str) -> dict[str, tuple[int, ...]]:
    m = t.incident_mentions.c
    by_report: dict[str, list[int]] = {}
    with store.connect() as conn:
        for row in conn.execute(select(m.report_id, m.mention).where(m.incident_id == incident_id)):
            by_report.setdefault(row.report_id, []).append(row.mention)
    return {k: tuple(sorted(v)) for k, v in by_report.items()}


def incident_articles(store: Store, incident_id: str, *, extra_ids: Sequence[str] = ()) -> list[ReportRef]:
    """The articles of an incident (and ``extra_ids``, e.g. a fact sheet's sources), oldest first."""
    by_report = _mentions_by_report(store, incident_id)
    ids = list(dict.fromkeys([*by_report, *extra_ids]))
    if not ids:
        with store.connect() as conn:
            if conn.scalar(select(t.incidents.c.id).where(t.incidents.c.id == incident_id)) is None:
                raise NotFoundError(f"no incident {incident_id!r}")
    reports = {r.article_id: r for r in store.reports(ids=ids)}
    return [ReportRef(a, reports.get(a.id), by_report.get(a.id, ())) for a in store.articles(ids=ids)]


def incident_figures(store: Store, incident_id: str) -> list[dict[str, Any]]:
    """Figure rows of an incident's mentions, in report order."""
    by_report = _mentions_by_report(store, incident_id)
    if not by_report:
        incident_record(store, incident_id)  # raises NotFoundError for an unknown id
        return []
    f = t.figures.c
    match = or_(false(), *(and_(f.report_id == rid, f.mention.in_(ms)) for rid, ms in by_report.items()))
    with store.connect() as conn:
        rows = conn.execute(select(t.figures).where(match).order_by(f.report_id, f.idx))
        return [dict(row._mapping) for row in rows]


def incident_quotes(store: Store, incident_id: str) -> list[dict[str, Any]]:
    """Quote rows of an incident's reports: those about its mentions, and those about no mention."""
    by_report = _mentions_by_report(store, incident_id)
    if not by_report:
        incident_record(store, incident_id)
        return []
    q = t.quotes.c
    match = or_(
        false(),
        *(
            and_(q.report_id == rid, or_(q.mention.is_(None), q.mention.in_(ms)))
            for rid, ms in by_report.items()
        ),
    )
    with store.connect() as conn:
        rows = conn.execute(select(t.quotes).where(match).order_by(q.report_id, q.idx))
        return [dict(row._mapping) for row in rows]


def changes(
    store: Store, *, incident_id: str | None = None, since: dt.datetime | None = None, limit: int = 500
) -> list[Change]:
    return factsheets.list_changes(
        store, since=since, incident_id=incident_id, limit=limit, newest_first=True
    )


def countries(store: Store) -> list[tuple[str, str]]:
    """(code, name) of the countries incidents are in, by name, for the list's filter."""
    i = t.incidents.c
    query = (
        select(i.country_code, i.country)
        .where(i.country.is_not(None))
        .group_by(i.country_code, i.country)
        .order_by(i.country)
    )
    with store.connect() as conn:
        return [(row.country_code or row.country, row.country) for row in conn.execute(query)]
