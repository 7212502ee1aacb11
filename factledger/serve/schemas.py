"""Shapes of the REST API's answers that are not contract models (those are returned as they are)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from factledger.models import Article, Report

__all__ = [
    "ErrorBody",
    "ErrorDetail",
    "FigureRow",
    "IncidentDetail",
    "IncidentLink",
    "IncidentList",
    "IncidentMentionRow",
    "IncidentSummary",
    "IngestRequest",
    "IngestResponse",
    "QuoteRow",
    "ReportEntry",
]


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable: not_found, invalid_request, unauthorized, ...")
    message: str
    status: int
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorDetail


class IncidentSummary(_Out):
    id: str
    title: str | None = None
    event_type: str
    sub_event_type: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    place_name: str | None = None
    admin1: str | None = None
    country: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    killed_best: int | None = None
    injured_best: int | None = None
    n_reports: int = 0
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    url: str = Field("", description="Path of the incident in the API.")
    page: str = Field("", description="Path of the incident's web page.")


class IncidentList(BaseModel):
    items: list[IncidentSummary]
    total: int = Field(description="Incidents matching the filters, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(None, description="Path of the next page, if any.")


class IncidentMentionRow(_Out):
    report_id: str
    mention: int
    score: float | None = None


class IncidentLink(_Out):
    id: str
    relation: str


class IncidentDetail(IncidentSummary):
    mentions: list[IncidentMentionRow] = []
    linked: list[IncidentLink] = []


class FigureRow(_Out):
    report_id: str
    idx: int
    mention: int
    kind: str
    grp: str
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str
    source: str | None = None
    party: str
    side: str | None = None
    status: str
    sentence_start: int
    sentence_end: int
    number_start: int
    number_end: int
    in_title: bool = False
    """The offsets index the article's title (a figure stated by the headline), not its text."""


class QuoteRow(_Out):
    report_id: str
    idx: int
    mention: int | None = None
    kind: str
    text: str
    speaker: str | None = None
    speaker_key: str | None = None
    speaker_name: str | None = None
    start: int
    end: int


class ReportEntry(BaseModel):
    article: Article
    report: Report | None = None
    mentions: list[int] = Field([], description="Indexes of the report's incident mentions in this incident.")


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The report's text.")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None


class IngestResponse(BaseModel):
    article_id: str
    stored: bool = Field(description="False when the same report was already in the store.")
    incidents: list[str] = Field([], description="Incidents the report was assigned to.")
