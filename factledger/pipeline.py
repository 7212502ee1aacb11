"""The stage verbs chained: ingest -> extract -> store -> cluster -> reconcile.

Stages never import each other; this module wires them. Articles are processed in batches
(``batch_size``): the batch's new articles are extracted, then stored with their reports in one
transaction, then clustered into incidents and the incidents touched are reconciled. Articles
already in the store are skipped before extraction, so re-ingesting is cheap and changes nothing.

:func:`cluster_reports` and :func:`reconcile_incidents` are the wiring points of the clustering and
reconciliation stages; a stage that is not built raises :class:`StageNotBuiltError`, which the summary
records (the articles and reports are stored regardless).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factledger.cluster import Clusterer, consolidate
from factledger.errors import ExtractionError, NotFoundError, StageNotBuiltError
from factledger.extract import Extractor, built_stages
from factledger.ingest import Ingester
from factledger.models import Article, Rejection, Report
from factledger.reconcile import diff_sheets, reconcile
from factledger.store import Store, factsheets, utcnow
from factledger.store.incidents import StoreCandidates

__all__ = [
    "IngestProgress",
    "IngestSummary",
    "cluster_reports",
    "extract_articles",
    "ingest",
    "reconcile_incidents",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestProgress:
    inputs_done: int
    inputs_total: int
    stored: int
    duplicates: int
    rejected: int


ProgressFn = Callable[[IngestProgress], None]


@dataclass
class IngestSummary:
    stored: list[str] = field(default_factory=list)
    """Ids of new articles, stored with their reports."""
    duplicates: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    incidents: list[str] = field(default_factory=list)
    """Ids of incidents created or updated by the new reports."""
    not_built: dict[str, str] = field(default_factory=dict)
    """Stage -> why it did not run (it is not built yet)."""
    extraction_stages: dict[str, bool] = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        return len(self.rejections)


# ----------------------------------------------------------------------------------- wiring points


def cluster_reports(store: Store, reports: Sequence[Report]) -> list[str]:
    """Assign the reports' incident mentions to incidents (new or existing); ids of those touched."""
    ids = [r.article_id for r in reports]
    articles = {a.id: a for a in store.articles(ids=ids)}
    clusterer = Clusterer(source=StoreCandidates(store))
    touched: list[str] = []
    # Arrival order: by publication date (unknown last), as the evaluation does.
    for report in sorted(reports, key=lambda r: (r.published is None, r.published or dt.date.min)):
        for assignment in clusterer.place(report, articles[report.article_id]):
            if assignment.incident_id is not None:
                touched.append(assignment.incident_id)
    result = consolidate(clusterer)
    touched.extend(kept for kept, _gone in result.merged)
    touched.extend(gone for _kept, gone in result.merged)  # reconcile drops the sheets of merged ones
    touched.extend(result.moved.values())
    touched.extend(left for left, _report, _mention in result.split)
    return list(dict.fromkeys(touched))


def reconcile_incidents(store: Store, incident_ids: Sequence[str]) -> None:
    """Rebuild the fact sheets of ``incident_ids`` and record the changes of their estimates."""
    at = utcnow()
    previous = factsheets.fact_sheets(store, incident_ids)
    for incident_id in dict.fromkeys(incident_ids):
        try:
            incident = factsheets.incident_for_reconcile(store, incident_id)
        except NotFoundError:
            # Merged away by consolidation since it was touched: its sheet goes, its history stays.
            factsheets.delete_fact_sheet(store, incident_id)
            continue
        ids = list(incident.report_ids)
        reports = {r.article_id: r for r in store.reports(ids=ids)}
        articles = {a.id: a for a in store.articles(ids=ids)}
        sheet = reconcile(incident, reports, articles)
        changes = diff_sheets(previous.get(incident_id), sheet, report_id=None, at=at)
        factsheets.save_fact_sheet(store, sheet, changes, at=at)


# ----------------------------------------------------------------------------------- the chain


def extract_articles(
    extractor: Extractor, articles: Sequence[Article]
) -> tuple[list[Article], list[Report], list[Rejection]]:
    """Reports of ``articles``; an article the extractor fails on is rejected, not the batch."""
    try:
        return list(articles), list(extractor.extract(articles)), []
    except ExtractionError:
        if len(articles) == 1:
            raise
    kept: list[Article] = []
    reports: list[Report] = []
    failed: list[Rejection] = []
    for article in articles:  # find the culprit one by one
        try:
            reports.append(extractor.extract_one(article))
            kept.append(article)
        except ExtractionError as exc:
            log.error("extraction failed on %s: %s", article.source or article.id, exc)
            failed.append(
                Rejection(source=article.source or article.id, reason="extraction_failed", detail=str(exc))
            )
    return kept, reports, failed


def _post_process(store: Store, reports: Sequence[Report], summary: IngestSummary) -> None:
    if not reports:
        return
    if "cluster" in summary.not_built:
        return
    try:
        touched = cluster_reports(store, reports)
    except StageNotBuiltError as exc:
        summary.not_built["cluster"] = str(exc)
        summary.not_built.setdefault("reconcile", "needs clustering, which is not built yet")
        return
    summary.incidents.extend(i for i in touched if i not in summary.incidents)
    if touched and "reconcile" not in summary.not_built:
        try:
            reconcile_incidents(store, touched)
        except StageNotBuiltError as exc:
            summary.not_built["reconcile"] = str(exc)


@dataclass
class _Batch:
    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def _flush(store: Store, extractor: Extractor, batch: _Batch, summary: IngestSummary) -> None:
    existing = store.existing_ids(a.id for a in batch.articles)
    new: list[Article] = []
    seen = set(existing)
    for article in batch.articles:
        if article.id in seen:
            summary.duplicates.append(article.id)
        else:
            seen.add(article.id)
            new.append(article)
    kept, reports, failed = extract_articles(extractor, new) if new else ([], [], [])
    rejections = batch.rejections + failed
    result = store.add(kept, reports, rejections)
    summary.stored.extend(result.stored)
    summary.duplicates.extend(result.duplicates)  # stored by someone else meanwhile
    summary.rejections.extend(rejections)
    stored = set(result.stored)
    _post_process(store, [r for r in reports if r.article_id in stored], summary)
    batch.articles.clear()
    batch.rejections.clear()


def ingest(
    sources: Sequence[str | Path],
    *,
    store: Store,
    ingester: Ingester,
    extractor: Extractor | None = None,
    batch_size: int = 64,
    progress: ProgressFn | None = None,
) -> IngestSummary:
    """Read ``sources`` (files, folders, URLs), store new articles with their reports, cluster them."""
    extractor = extractor or Extractor(str(ingester.settings.spacy_model))
    summary = IngestSummary(extraction_stages=dict(built_stages()))
    plan = ingester.plan(sources)
    batch = _Batch(rejections=list(plan.rejections))

    def report(done: int) -> None:
        if progress is not None:
            progress(
                IngestProgress(
                    inputs_done=done,
                    inputs_total=len(plan.inputs),
                    stored=len(summary.stored),
                    duplicates=len(summary.duplicates),
                    rejected=len(summary.rejections) + len(batch.rejections),
                )
            )

    report(0)
    for done, item in enumerate(plan.inputs, 1):
        for result in ingester.read(item):
            if isinstance(result, Rejection):
                log.info("rejected %s: %s (%s)", result.source, result.reason, result.detail)
                batch.rejections.append(result)
            else:
                batch.articles.append(result)
                if len(batch.articles) >= batch_size:
                    _flush(store, extractor, batch, summary)
                    report(done - 1)  # counts move on within a large input (one big JSON Lines file)
        report(done)
    if batch.articles or batch.rejections:
        _flush(store, extractor, batch, summary)
        report(len(plan.inputs))
    return summary
