"""Estimates that combine groups and kinds, and the consistency checks between them.

- Perpetrators killed or injured and reported apart ("the gunman was shot dead by police") are added
  to the whole, as UCDP and ACLED count every death; when the report counts them inside the total
  ("three dead, including the gunman") they are not added twice.
- With no figure for the whole, the whole is at least its largest group, or the sum of the groups of
  a partition (children and adults).
- With no injured figure but an ambiguous casualties figure ("four people were shot"), the injured are
  the casualties less the dead.
- Killed and injured default to zero when reports were read for figures and none states any (ACLED
  codes zero fatalities when none are reported).
- A group cannot exceed the whole (children killed <= all killed): the whole is raised and a warning
  kept; hospitalized above injured is only flagged.
"""

from __future__ import annotations

from collections.abc import Iterable

from factledger.models import EstimateValue, FigureEstimate, FigureKind, Party, TimelineEntry
from factledger.reconcile.collect import Record
from factledger.reconcile.rules import Rules

__all__ = ["combine_groups"]

ALL = "all"


def _best(est: FigureEstimate | None) -> int | None:
    return None if est is None else est.best.value


def _nested(perp: Record, totals: Iterable[Record]) -> bool:
    """The perpetrator figure sits after a total's number in the same sentence: counted inside it."""
    return any(
        t.report_id == perp.report_id
        and t.entry.sentence_span == perp.entry.sentence_span
        and t.position < perp.position
        for t in totals
    )


def _add_perpetrators(
    kind: str,
    est: FigureEstimate | None,
    by_key: dict[tuple[str, str], FigureEstimate],
    records: list[Record],
    rules: Rules,
) -> FigureEstimate | None:
    totals = [r for r in records if r.kind == kind and r.group == ALL]
    extra = 0
    parts: list[str] = []
    for (k, group), perp in sorted(by_key.items()):
        if k != kind or not rules.is_perpetrator(group) or perp.best.value is None:
            continue
        perp_records = [r for r in records if r.kind == kind and r.group == group]
        if perp_records and all(_nested(p, totals) for p in perp_records):
            continue
        extra += perp.best.value
        parts.append(f"{perp.best.value} {group}")
    if not extra:
        return est
    note = f" + {', '.join(parts)} counted apart (every death counts, as in UCDP and ACLED)"
    if est is None or est.best.value is None:
        return FigureEstimate(
            kind=FigureKind(kind),
            group=ALL,
            low=EstimateValue(value=extra, reason=f"low {extra}: {', '.join(parts)}"),
            best=EstimateValue(value=extra, reason=f"best {extra}: {', '.join(parts)}; no figure for all"),
            high=EstimateValue(reason="high open: no figure for all"),
            warnings=("derived from perpetrator figures",),
        )

    def plus(v: EstimateValue) -> EstimateValue:
        if v.value is None:
            return v
        return v.model_copy(
            update={
                "value": v.value + extra,
                "reason": f"{v.reason}{note}".replace(f" {v.value}:", f" {v.value + extra}:", 1),
            }
        )

    return est.model_copy(update={"low": plus(est.low), "best": plus(est.best), "high": plus(est.high)})


def _from_groups(
    kind: str, by_key: dict[tuple[str, str], FigureEstimate], rules: Rules
) -> FigureEstimate | None:
    groups = {
        g: e.best.value
        for (k, g), e in by_key.items()
        if k == kind and g != ALL and not rules.is_perpetrator(g) and e.best.value is not None
    }
    if not groups:
        return None
    value, reason = max((v, f"largest group, {g} {v}") for g, v in groups.items() if v is not None)
    for partition in rules.partitions:
        present = [g for g in partition if g in groups]
        total = sum(groups[g] or 0 for g in present)
        if len(present) > 1 and total > value:
            value, reason = total, "sum of " + " + ".join(f"{g} {groups[g]}" for g in present)
    return FigureEstimate(
        kind=FigureKind(kind),
        group=ALL,
        low=EstimateValue(value=value, reason=f"low {value}: {reason}"),
        best=EstimateValue(value=value, reason=f"best {value}: {reason}; no figure for all"),
        high=EstimateValue(reason="high open: only groups are counted"),
        warnings=("derived from group figures",),
    )


def _from_casualties(by_key: dict[tuple[str, str], FigureEstimate]) -> FigureEstimate | None:
    casualties = by_key.get((FigureKind.CASUALTIES.value, ALL))
    if casualties is None or casualties.best.value is None:
        return None
    killed = _best(by_key.get((FigureKind.KILLED.value, ALL))) or 0
    value = max(casualties.best.value - killed, 0)
    reason = f"casualties {casualties.best.value} less killed {killed}"
    return FigureEstimate(
        kind=FigureKind.INJURED,
        group=ALL,
        low=EstimateValue(value=value, reason=f"low {value}: {reason}"),
        best=EstimateValue(
            value=value, reason=f"best {value}: {reason}", report_id=casualties.best.report_id
        ),
        high=EstimateValue(reason="high open: derived from an ambiguous casualties figure"),
        warnings=("derived from casualties",),
    )


def _zero(kind: str, n_reports: int) -> FigureEstimate:
    why = f"no report states any {kind} ({n_reports} report(s) read for figures)"
    return FigureEstimate(
        kind=FigureKind(kind),
        group=ALL,
        low=EstimateValue(value=0, reason=f"low 0: {why}"),
        best=EstimateValue(value=0, reason=f"best 0: {why}; zero when none reported, as ACLED codes"),
        high=EstimateValue(reason="high open: reports may not know every casualty"),
    )


def _reference(est: FigureEstimate) -> TimelineEntry | None:
    found = [
        e for e in est.timeline if e.report_id == est.best.report_id and e.relation in ("first", "update")
    ]
    return found[-1] if found else None


def _may_raise(group: FigureEstimate, whole: FigureEstimate) -> bool:
    """A group's figure raises the whole only when it is at least as recent as the whole's figure, from
    the same kind of source, and not from a party to the fighting (whose counts of soldiers are the
    contested kind); otherwise the excess is only flagged."""
    g, w = _reference(group), _reference(whole)
    if g is None or w is None:
        return False
    if g.party in (Party.MILITARY, Party.ARMED_GROUP):
        return False
    if Party.UNATTRIBUTED not in (g.party, w.party) and g.party != w.party:
        return False
    if g.published is None:
        # An undated report cannot show its group figure is as recent as a dated whole.
        return w.published is None
    return w.published is None or g.published >= w.published


def _check_not_above(by_key: dict[tuple[str, str], FigureEstimate], rules: Rules) -> None:
    for (kind, group), est in list(by_key.items()):
        whole = by_key.get((kind, ALL))
        if group == ALL or whole is None or est.best.value is None or rules.is_perpetrator(group):
            continue
        if group.startswith("site:"):
            continue
        if whole.best.value is not None and est.best.value > whole.best.value:
            if not _may_raise(est, whole):
                msg = f"{kind} {group} {est.best.value} exceeds {kind} all {whole.best.value}"
                by_key[(kind, ALL)] = whole.model_copy(update={"warnings": (*whole.warnings, msg)})
                continue
            msg = f"{kind} {group} {est.best.value} exceeds {kind} all {whole.best.value}: all raised"
            v = est.best.value
            by_key[(kind, ALL)] = whole.model_copy(
                update={
                    "best": EstimateValue(
                        value=v, reason=f"best {v}: raised to {group} {v}, a group cannot exceed the whole"
                    ),
                    "low": EstimateValue(
                        value=max(v, whole.low.value or 0), reason=f"low raised to {group} {v}"
                    ),
                    "high": whole.high
                    if whole.high.value is None or whole.high.value >= v
                    else EstimateValue(value=v, reason=f"high raised to {group} {v}"),
                    "warnings": (*whole.warnings, msg),
                }
            )
    for kind, group, bound_kind, bound_group in rules.not_above:
        a, b = by_key.get((kind, group)), by_key.get((bound_kind, bound_group))
        if (
            a is None
            or b is None
            or a.best.value is None
            or b.best.value is None
            or a.best.value <= b.best.value
        ):
            continue
        msg = f"{kind} {group} {a.best.value} exceeds {bound_kind} {bound_group} {b.best.value}"
        by_key[(kind, group)] = a.model_copy(update={"warnings": (*a.warnings, msg)})


def combine_groups(
    by_key: dict[tuple[str, str], FigureEstimate], records: list[Record], rules: Rules, n_read: int
) -> dict[tuple[str, str], FigureEstimate]:
    """Adds derived and combined estimates; ``n_read`` is how many reports were read for figures."""
    out = dict(by_key)
    _check_not_above(out, rules)
    kinds = {k for k, _ in out} | set(rules.zero_when_unreported)
    # The dead first: deriving the injured from casualties needs the killed estimate.
    for kind in sorted(kinds, key=lambda k: (k != FigureKind.KILLED.value, k)):
        est = out.get((kind, ALL))
        if est is None or est.best.value is None:
            derived = _from_groups(kind, out, rules)
            if derived is None and kind == FigureKind.INJURED.value:
                derived = _from_casualties(out)
            if derived is not None:
                est = (
                    derived
                    if est is None
                    else derived.model_copy(
                        update={
                            "timeline": est.timeline,
                            "claims": est.claims,
                            "contradictions": est.contradictions,
                        }
                    )
                )
        est = _add_perpetrators(kind, est, out, records, rules)
        unstated = (est is None or est.best.value is None) and not any(r.kind == kind for r in records)
        if unstated and kind in rules.zero_when_unreported and n_read:
            est = _zero(kind, n_read)
        if est is not None:
            out[(kind, ALL)] = est
    return out
