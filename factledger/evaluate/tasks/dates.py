"""``--task dates``: the primary incident's date against the gold date (issue 4).

``date_exact``: over reports with a publication date, the share whose primary mention's date
starts on the gold day. ``unresolved_without_publication``: over reports without one, the share
left unresolved or resolved only from an explicit date in the text (we must not guess).
Baseline ``dateparser``: dateparser on the first DATE entity, relative to the publication date.
"""

from __future__ import annotations

from typing import Any

from factledger.evaluate.baselines.dates_dateparser import dateparser_date
from factledger.evaluate.context import EvalContext
from factledger.evaluate.metrics import ratio
from factledger.models import DatePrecision

__all__ = ["run"]


def run(ctx: EvalContext) -> dict[str, Any]:
    documents = [d for d in ctx.folder.documents if d.primary_incident in ctx.folder.incidents]
    reports = ctx.reports(documents)
    parsed = ctx.parsed(documents)
    n = ok = base_ok = 0
    n_unknown = honest = 0
    for d in documents:
        gold = ctx.folder.incidents[d.primary_incident or ""].date
        primary = reports[d.doc_id].primary()
        date = primary.date if primary is not None else None
        if d.article.published is None:
            n_unknown += 1
            honest += int(date is None or date.start is None or date.anchor == "text")
            continue
        if gold is None:
            continue
        n += 1
        ok += int(date is not None and date.start == gold and date.precision != DatePrecision.UNRESOLVED)
        base_ok += int(dateparser_date(parsed[d.doc_id], d.article.published) == gold)
    return {
        "documents": n,
        "date_exact": ratio(ok, n),
        "unresolved_without_publication": ratio(honest, n_unknown),
        "baselines": {"dateparser": {"date_exact": ratio(base_ok, n)}},
    }
