"""Reports grouped into incidents, in arrival order, scored on each report's primary incident."""

from __future__ import annotations

import time
from typing import Any

from factledger.cluster import Clusterer, consolidate
from factledger.evaluate.baselines.tfidf_clusters import SIMILARITY_THRESHOLD, tfidf_clusters
from factledger.evaluate.context import EvalContext
from factledger.evaluate.metrics import bcubed, pairwise_f1

__all__ = ["run"]


def _scores(pred: dict[str, str], gold: dict[str, str]) -> dict[str, Any]:
    b3 = bcubed(pred, gold)
    return {
        "predicted_incidents": len(set(pred.values())),
        "bcubed_precision": b3["precision"],
        "bcubed_recall": b3["recall"],
        "bcubed_f1": b3["f1"],
        "pairwise_f1": pairwise_f1(pred, gold),
    }


def run(ctx: EvalContext, consolidate_every: int = 200) -> dict[str, Any]:
    documents = [d for d in ctx.folder.in_arrival_order() if d.primary_incident is not None]
    reports = ctx.reports(documents)
    gold = {d.doc_id: str(d.primary_incident) for d in documents}

    clusterer = Clusterer()
    primary: dict[str, str] = {}
    started = time.perf_counter()
    for count, doc in enumerate(documents, 1):
        for assignment in clusterer.place(reports[doc.doc_id], doc.article):
            if assignment.mention == 0 and assignment.incident_id is not None:
                primary[assignment.report_id] = assignment.incident_id
        if count % consolidate_every == 0:
            consolidate(clusterer)
    consolidate(clusterer)
    seconds = time.perf_counter() - started
    # Merges move mentions between incidents: read final membership from the incidents themselves.
    final: dict[str, str] = {}
    for incident in clusterer.source:  # type: ignore[attr-defined]
        for member in incident.members:
            if member.mention == 0:
                final[member.report_id] = incident.id
    pred = {d.doc_id: final.get(d.article.id, primary.get(d.article.id, d.doc_id)) for d in documents}

    labels = tfidf_clusters([f"{d.article.title or ''}\n{d.article.text}" for d in documents])
    baseline = {d.doc_id: str(label) for d, label in zip(documents, labels, strict=True)}
    return {
        "documents": len(documents),
        "gold_incidents": len(set(gold.values())),
        **_scores(pred, gold),
        "seconds_per_report": round(seconds / len(documents), 5) if documents else None,
        "baselines": {"tfidf": {"threshold": SIMILARITY_THRESHOLD, **_scores(baseline, gold)}},
    }
