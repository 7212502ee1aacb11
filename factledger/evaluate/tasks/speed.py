"""Throughput of the whole extraction (parse and components), uncached, with peak memory."""

from __future__ import annotations

import os
import resource
import sys
import time
from typing import Any

from factledger.evaluate.context import EvalContext

__all__ = ["run"]


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


SCALES_ENV = "FACTLEDGER_EVAL_SCALES"
"""Comma-separated ledger sizes (e.g. ``1000,10000,100000``) for ``seconds_per_report_at``: the cost
of placing one report in stores of that many incidents (issue 5). Opt-in, as building the 100k store
takes minutes; unset, the key is absent."""


def _scales() -> list[int]:
    value = os.environ.get(SCALES_ENV, "").strip()
    return [int(v) for v in value.split(",") if v.strip()] if value else []


def run(ctx: EvalContext, scales: list[int] | None = None) -> dict[str, Any]:
    documents = ctx.folder.documents
    articles = [d.article for d in documents]
    ctx.extractor.nlp  # load the model outside the timed region  # noqa: B018
    started = time.perf_counter()
    count = 0
    for _report in ctx.extractor.extract(articles):
        count += 1
        if ctx.progress is not None:
            ctx.progress(count, len(articles))
    seconds = time.perf_counter() - started
    words = sum(len(a.text.split()) for a in articles)
    result: dict[str, Any] = {
        "documents": count,
        "words": words,
        "seconds": round(seconds, 3),
        "docs_per_second": round(count / seconds, 3) if seconds else None,
        "words_per_second": round(words / seconds, 1) if seconds else None,
        "peak_rss_mb": _peak_rss_mb(),
    }
    sizes = _scales() if scales is None else scales
    if sizes:
        from factledger.evaluate.tasks.ledger_scale import seconds_per_report_at

        result["seconds_per_report_at"] = seconds_per_report_at(ctx, sizes)
    return result
