"""Throughput of the whole extraction (parse and components), uncached, with peak memory."""

from __future__ import annotations

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


def run(ctx: EvalContext) -> dict[str, Any]:
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
    return {
        "documents": count,
        "words": words,
        "seconds": round(seconds, 3),
        "docs_per_second": round(count / seconds, 3) if seconds else None,
        "words_per_second": round(words / seconds, 1) if seconds else None,
        "peak_rss_mb": _peak_rss_mb(),
    }
