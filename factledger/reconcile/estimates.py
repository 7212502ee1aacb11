"""Low, best and high of one (kind, group) from its related figures, each with a short reason.

Rules (the why is in docs/estimates.md):
- best: the reference figure's point value (the latest report's headline; for kinds that only grow,
  the dead and the injured, the highest headline), so "16 then 18" gives 18.
- low: the reference's lower bound ("at least 16" -> 16; "more than 30" -> 31), lowered by
  incompatible figures of another party at the same time.
- high: the reference's upper bound, open (None) when it states none ("at least 18"), raised by
  contradicting figures.
Claims and figures reported as superseded never move any of the three.
"""

from __future__ import annotations

from factledger.formatting import fmt_date
from factledger.models import EstimateValue, FigureEstimate, FigureKind, TimelineEntry
from factledger.reconcile.bounds import describe_figure
from factledger.reconcile.collect import Record
from factledger.reconcile.timeline import Related

__all__ = ["estimate", "fmt_date", "who"]


def who(entry: TimelineEntry) -> str:
    if entry.source:
        return entry.source
    if entry.outlet:
        return entry.outlet
    return "unattributed"


def _said(record: Record) -> str:
    e = record.entry
    return f"'{describe_figure(e)}', {who(e)}, {fmt_date(e.published)}"


def _best_reason(related: Related, ref: Record, monotone: bool) -> str:
    value = ref.bounds.best
    reports = {r.order for r in related.records}
    previous = [
        r
        for r in related.records
        if r.order < ref.order and r.entry.relation in ("first", "update") and r.bounds.best != value
    ]
    later_same = [r for r in related.records if r.order > ref.order and r.bounds.best == value]
    if len(reports) == 1:
        base = f"best {value}: {_said(ref)}"
    elif previous:
        old = previous[-1]
        base = (
            f"best {value}: {'latest' if not later_same and ref.order == max(reports) else 'later'} "
            f"report, {fmt_date(ref.published)}, supersedes {old.bounds.best} of {fmt_date(old.published)}"
        )
    else:
        base = f"best {value}: {_said(ref)}"
    if later_same:
        base += f"; repeated by {len({r.order for r in later_same})} later report(s)"
    if related.lower_later and monotone:
        low = related.lower_later[-1]
        base += (
            f"; a later report's {low.bounds.best} ({fmt_date(low.published)}) does not lower it: "
            "such counts do not fall without a stated revision"
        )
    return base


def estimate(kind: str, group: str, related: Related, *, monotone: bool) -> FigureEstimate:
    timeline = tuple(r.entry for r in related.records)
    claims = tuple(r.entry for r in related.claims)
    ref = related.reference
    contradictions = [r for r in related.records if r.entry.relation == "contradiction"]
    notes = tuple(
        f"{_said(c)} (report {c.report_id}) contradicts {_said(ref)}"
        for c in contradictions
        if ref is not None
    )
    if ref is None:
        return FigureEstimate(
            kind=FigureKind(kind),
            group=group,
            timeline=timeline,
            claims=claims,
            contradictions=notes,
            best=EstimateValue(reason="no current figure: only claims or superseded figures"),
        )
    b = ref.bounds
    best = EstimateValue(value=b.best, reason=_best_reason(related, ref, monotone), report_id=ref.report_id)
    low_value, low_reason = b.low, _low_reason(ref)
    high_value, high_reason = b.high, _high_reason(ref)
    for c in contradictions:
        if c.bounds.low is not None and (low_value is None or c.bounds.low < low_value):
            low_value, low_reason = c.bounds.low, f"low {c.bounds.low}: incompatible figure {_said(c)}"
        if high_value is not None and (c.bounds.high is None or c.bounds.high > high_value):
            high_value = c.bounds.high
            high_reason = (
                f"high {c.bounds.high}: incompatible figure {_said(c)}"
                if c.bounds.high is not None
                else f"high open: incompatible figure {_said(c)} sets no upper bound"
            )
    return FigureEstimate(
        kind=FigureKind(kind),
        group=group,
        low=EstimateValue(value=low_value, reason=low_reason, report_id=ref.report_id),
        best=best,
        high=EstimateValue(value=high_value, reason=high_reason, report_id=ref.report_id),
        timeline=timeline,
        claims=claims,
        contradictions=notes,
    )


def _low_reason(ref: Record) -> str:
    b = ref.bounds
    if b.low is None:
        return f"no lower bound: '{describe_figure(ref.entry)}' is an upper bound"
    if b.low == b.high:
        return f"low {b.low}: the best figure is exact"
    return f"low {b.low}: '{describe_figure(ref.entry)}' is a lower bound"


def _high_reason(ref: Record) -> str:
    b = ref.bounds
    if b.high is None:
        return f"high open: '{describe_figure(ref.entry)}' sets no upper bound"
    if b.low == b.high:
        return f"high {b.high}: the best figure is exact"
    return f"high {b.high}: '{describe_figure(ref.entry)}' is an upper bound"
