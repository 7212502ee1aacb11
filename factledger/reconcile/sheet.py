"""(Incident, its Reports, their Articles) -> FactSheet."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping

from factledger.models import Article, FactSheet, FigureEstimate, FigureKind, Incident, Report
from factledger.reconcile.bounds import describe_figure
from factledger.reconcile.casualties import as_casualties
from factledger.reconcile.collect import Record, collect_records, ordered_refs
from factledger.reconcile.describe import (
    MentionView,
    describe_damage,
    describe_quotes,
    event_label,
    pick_date,
    pick_perpetrator,
    pick_place,
    pick_type,
    place_label,
    sources,
    title_of,
    weapons_of,
)
from factledger.reconcile.estimates import estimate, fmt_date, who
from factledger.reconcile.groups import combine_groups
from factledger.reconcile.rules import load_rules
from factledger.reconcile.timeline import relate

__all__ = ["reconcile"]

log = logging.getLogger(__name__)

_KIND_ORDER = {k.value: i for i, k in enumerate(FigureKind)}


def _views(
    incident: Incident, reports: Mapping[str, Report], articles: Mapping[str, Article]
) -> list[MentionView]:
    views: list[MentionView] = []
    for report_id, index in ordered_refs(incident, reports, articles):
        report = reports[report_id]
        mention = report.mentions[index] if 0 <= index < len(report.mentions) else None
        views.append(
            MentionView(report=report, article=articles.get(report_id), mention=mention, index=index)
        )
    return views


def _note_claims(by_key: dict[tuple[str, str], FigureEstimate]) -> dict[tuple[str, str], FigureEstimate]:
    """A party's claim about one group (an army's count of enemy soldiers killed) is flagged on the
    whole's estimate too, so a reader of "killed" sees that a contradicting claim exists."""
    out = dict(by_key)
    for (kind, group), est in by_key.items():
        whole = out.get((kind, "all"))
        if group == "all" or whole is None or not est.claims:
            continue
        notes = tuple(
            f"claim kept apart: '{describe_figure(c)}' {kind} ({group}), {who(c)}, {fmt_date(c.published)}"
            for c in est.claims
        )
        out[(kind, "all")] = whole.model_copy(update={"contradictions": (*whole.contradictions, *notes)})
    return out


def figure_estimates(
    incident: Incident, reports: Mapping[str, Report], articles: Mapping[str, Article]
) -> tuple[FigureEstimate, ...]:
    """Every (kind, group) of the incident with its timeline and low/best/high."""
    rules = load_rules()
    records = as_casualties(collect_records(incident, reports, articles))
    by_group: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for r in records:
        by_group[r.key].append(r)
    by_key = {
        key: estimate(
            key[0],
            key[1],
            relate(recs, monotone=key[0] in rules.monotone_kinds),
            monotone=key[0] in rules.monotone_kinds,
        )
        for key, recs in by_group.items()
    }
    # Silence means zero only where a report tells the incident as its own (its primary mention); a
    # passing mention of an incident says little about its toll.
    n_read = sum(
        1
        for rid, mention in ordered_refs(incident, reports, articles)
        if mention == 0 and reports[rid].stages.get("figures", False)
    )
    combined = _note_claims(combine_groups(by_key, records, rules, n_read))
    return tuple(
        combined[k] for k in sorted(combined, key=lambda k: (_KIND_ORDER.get(k[0], 99), k[1] != "all", k[1]))
    )


def reconcile(
    incident: Incident, reports: Mapping[str, Report], articles: Mapping[str, Article]
) -> FactSheet:
    """The fact sheet of ``incident``. ``reports`` and ``articles`` are keyed by report (article) id;
    extra entries are ignored, missing ones are skipped with a log line."""
    views = _views(incident, reports, articles)
    event_type, sub_event_type = pick_type(incident, views)
    place = pick_place(incident, views)
    date = pick_date(incident, views)
    perpetrator, contested = pick_perpetrator(views)
    refs = sources(views, articles)
    published = [s.published for s in refs if s.published is not None]
    first, last = (min(published), max(published)) if published else (None, None)
    damage, damage_sources = describe_damage(views)
    label = event_label(event_type, sub_event_type, views)
    return FactSheet(
        incident_id=incident.id,
        title=title_of(label, place, date, first, place_label(place, views) if place else ""),
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=date,
        place=place,
        perpetrator=perpetrator,
        perpetrator_contested=contested,
        weapons=weapons_of(views),
        figures=figure_estimates(incident, reports, articles),
        damage=damage,
        damage_sources=damage_sources,
        quotes=describe_quotes(views),
        linked=incident.linked,
        sources=refs,
        first_report=first,
        last_report=last,
    )
