"""Reading an evaluation folder (the format of ``shared/data/FORMAT.md``).

A folder holds ``documents.jsonl`` (reports, with gold incident ids and optional per-report figure
gold) and either ``incidents.jsonl`` (gold incidents) or ``attributions.jsonl`` (quote gold). Only
documented fields are read; unknown fields are ignored so that new folders of the same shape work.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from factledger.errors import EvaluationError
from factledger.models import Article

__all__ = ["EvalDocument", "EvalFolder", "GoldFigure", "GoldIncident", "load_folder"]


@dataclass(frozen=True)
class GoldFigure:
    incident: str
    kind: str
    group: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    source: str | None
    party: str
    status: str
    evidence: str
    side: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class GoldIncident:
    incident_id: str
    date: dt.date | None
    place: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    event_type: str | None
    perpetrator: str | None
    killed: int | None
    injured: int | None
    final_killed: int | None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class EvalDocument:
    doc_id: str
    article: Article
    incidents: tuple[str, ...]
    figures: tuple[GoldFigure, ...] | None
    """None when the folder does not annotate figures for this document."""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def primary_incident(self) -> str | None:
        return self.incidents[0] if self.incidents else None


@dataclass
class EvalFolder:
    path: Path
    documents: list[EvalDocument]
    incidents: dict[str, GoldIncident]
    attributions_path: Path | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @cached_property
    def by_id(self) -> dict[str, EvalDocument]:
        return {d.doc_id: d for d in self.documents}

    def has_figures(self) -> bool:
        return any(d.figures is not None for d in self.documents)

    def in_arrival_order(self) -> list[EvalDocument]:
        """Documents by publication date (unknown dates last), ties by position in the file."""
        indexed = list(enumerate(self.documents))
        indexed.sort(
            key=lambda p: (p[1].article.published is None, p[1].article.published or dt.date.min, p[0])
        )
        return [d for _, d in indexed]


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise EvaluationError(f"{where}: bad date {value!r}") from exc


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvaluationError(f"{path}:{number}: not JSON: {exc}") from exc
                if not isinstance(row, dict):
                    raise EvaluationError(f"{path}:{number}: expected an object")
                rows.append(row)
    except OSError as exc:
        raise EvaluationError(f"cannot read {path}: {exc}") from exc
    return rows


def _figure(row: dict[str, Any], where: str) -> GoldFigure:
    try:
        return GoldFigure(
            incident=str(row["incident"]),
            kind=str(row["kind"]),
            group=str(row.get("group") or "all"),
            value=_int(row.get("value")),
            low=_int(row.get("low")),
            high=_int(row.get("high")),
            qualifier=str(row.get("qualifier") or "exact"),
            source=row.get("source"),
            party=str(row.get("party") or "unattributed"),
            status=str(row.get("status") or "current"),
            evidence=str(row.get("evidence") or ""),
            side=row.get("side"),
            optional=bool(row.get("optional", False)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise EvaluationError(f"{where}: malformed figure {row!r}") from exc


def _document(row: dict[str, Any], where: str) -> EvalDocument:
    try:
        doc_id = str(row["doc_id"])
        text = str(row["text"])
    except KeyError as exc:
        raise EvaluationError(f"{where}: missing field {exc}") from exc
    article = Article.create(
        text,
        url=row.get("url"),
        outlet=row.get("outlet") or row.get("publisher"),
        title=row.get("title"),
        published=_date(row.get("published"), where),
        language=row.get("language") or "en",
        source=where,
        external_id=doc_id,
    )
    figures = row.get("figures")
    return EvalDocument(
        doc_id=doc_id,
        article=article,
        incidents=tuple(str(i) for i in row.get("incidents") or ()),
        figures=None if figures is None else tuple(_figure(f, where) for f in figures),
        raw=row,
    )


def _incident(row: dict[str, Any], where: str) -> GoldIncident:
    try:
        return GoldIncident(
            incident_id=str(row["incident_id"]),
            date=_date(row.get("date"), where),
            place=row.get("place"),
            admin1=row.get("admin1"),
            country=row.get("country"),
            lat=_float(row.get("lat")),
            lon=_float(row.get("lon")),
            event_type=row.get("event_type"),
            perpetrator=row.get("perpetrator"),
            killed=_int(row.get("killed")),
            injured=_int(row.get("injured")),
            final_killed=_int(row.get("final_killed")),
            raw=row,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise EvaluationError(f"{where}: malformed incident") from exc


def load_folder(path: str | Path, limit: int | None = None) -> EvalFolder:
    """Read an evaluation folder; ``limit`` keeps the first N documents (for quick runs)."""
    root = Path(path)
    docs_path = root / "documents.jsonl"
    if not docs_path.is_file():
        raise EvaluationError(f"{root} is not an evaluation folder: no documents.jsonl")
    rows = _read_jsonl(docs_path)
    if limit is not None:
        rows = rows[:limit]
    documents = [_document(r, f"{docs_path.name}:{i}") for i, r in enumerate(rows, 1)]
    incidents: dict[str, GoldIncident] = {}
    inc_path = root / "incidents.jsonl"
    if inc_path.is_file():
        for i, r in enumerate(_read_jsonl(inc_path), 1):
            inc = _incident(r, f"{inc_path.name}:{i}")
            incidents[inc.incident_id] = inc
    attributions = root / "attributions.jsonl"
    return EvalFolder(
        path=root,
        documents=documents,
        incidents=incidents,
        attributions_path=attributions if attributions.is_file() else None,
    )
