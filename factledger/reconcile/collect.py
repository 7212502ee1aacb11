"""Gathering an incident's figures from its reports: one :class:`Record` per stated figure.

Only figures tagged to the incident's own mention of each report are taken, so figures of another
incident a report describes (the earlier strike it recalls, the other shooting the same night) never
leak into this incident's estimates.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from factledger.models import (
    Article,
    Figure,
    FigureKind,
    FigureStatus,
    Incident,
    Party,
    Report,
    TimelineEntry,
)
from factledger.reconcile.bounds import Bounds, bounds_of
from factledger.reconcile.rules import Rules, load_rules

__all__ = ["Record", "collect_records", "ordered_refs"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Record:
    """One figure of the incident with the facts needed to order and weigh it."""

    kind: str
    group: str
    entry: TimelineEntry
    bounds: Bounds
    order: int
    """Position of its report in publication order (0 first)."""
    position: int
    """Character offset of its number in the report (text order within one report)."""
    evidence: str = ""
    """The words stating the figure ("four others were wounded"), when extraction gave them."""

    @property
    def report_id(self) -> str:
        return self.entry.report_id

    @property
    def published(self) -> dt.date | None:
        return self.entry.published

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.group)


def ordered_refs(
    incident: Incident, reports: Mapping[str, Report], articles: Mapping[str, Article]
) -> list[tuple[str, int]]:
    """(report id, mention index) of the incident in publication order; unknown dates keep arrival order
    after the dated ones, and reports that are missing are skipped with a log line."""
    refs: list[tuple[int, str, int]] = []
    seen: set[tuple[str, int]] = set()
    for arrival, ref in enumerate(incident.mentions):
        if (ref.report_id, ref.mention) in seen:
            continue
        seen.add((ref.report_id, ref.mention))
        if ref.report_id not in reports:
            log.warning("incident %s: report %s is missing; skipped", incident.id, ref.report_id)
            continue
        refs.append((arrival, ref.report_id, ref.mention))

    def when(item: tuple[int, str, int]) -> tuple[bool, dt.date, int]:
        arrival, report_id, _ = item
        published = _published(report_id, reports, articles)
        return (published is None, published or dt.date.max, arrival)

    refs.sort(key=when)
    return [(report_id, mention) for _, report_id, mention in refs]


def _published(
    report_id: str, reports: Mapping[str, Report], articles: Mapping[str, Article]
) -> dt.date | None:
    article = articles.get(report_id)
    if article is not None and article.published is not None:
        return article.published
    return reports[report_id].published


def _entry(figure: Figure, report: Report, article: Article | None) -> TimelineEntry:
    text = figure.stated_in(article.text, article.title) if article is not None else ""
    return TimelineEntry(
        report_id=report.article_id,
        outlet=article.outlet if article is not None else None,
        published=(article.published if article is not None and article.published else report.published),
        value=figure.value,
        low=figure.low,
        high=figure.high,
        qualifier=figure.qualifier,
        source=figure.source,
        party=figure.party,
        side=figure.side,
        status=figure.status,
        sentence=figure.sentence.of(text).strip() if text else "",
        sentence_span=figure.sentence,
        number_span=figure.number,
    )


def _shadowed(figure: Figure, killed_numbers: set[tuple[bool, int, int]]) -> bool:
    # "two men were shot and killed": one number cannot count both the dead and the wounded, so an
    # injured or casualties figure on the very number of a killed figure is the same people.
    return figure.kind in (FigureKind.INJURED, FigureKind.CASUALTIES) and (
        (figure.in_title, figure.number.start, figure.number.end) in killed_numbers
    )


_WORD = re.compile(r"[^\W\d_]{4,}")


def _stems(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _accused(incident: Incident, reports: Mapping[str, Report], refs: list[tuple[str, int]]) -> set[str]:
    """Words naming the side said to have carried out the incident ("Russian", "Israeli")."""
    out: set[str] = set()
    for report_id, mention in refs:
        mentions = reports[report_id].mentions
        if 0 <= mention < len(mentions) and mentions[mention].perpetrator:
            out |= _stems(mentions[mention].perpetrator or "")
    return out


def _same_name(a: str, b: str) -> bool:
    # "Russia" / "Russian", "Israel" / "Israeli": one is the other plus an ending.
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 3


def _accused_count(figure: Figure, accused: set[str], rules: Rules) -> bool:
    """The attacking side's own count of enemy fighters killed or hurt ("up to 85 military personnel,
    the Russian defence ministry said" about a Russian strike) is a party's claim, kept apart."""
    if not accused or figure.group.casefold() not in rules.combatant_groups:
        return False
    if figure.party not in (Party.GOVERNMENT, Party.MILITARY, Party.ARMED_GROUP):
        return False
    words = _stems(figure.side or "") | _stems(figure.source or "")
    return any(_same_name(w, a) for w in words for a in accused)


def collect_records(
    incident: Incident, reports: Mapping[str, Report], articles: Mapping[str, Article]
) -> list[Record]:
    """Every figure of the incident, in publication order then text order."""
    records: list[Record] = []
    rules = load_rules()
    refs = ordered_refs(incident, reports, articles)
    accused = _accused(incident, reports, refs)
    for order, (report_id, mention) in enumerate(refs):
        report = reports[report_id]
        article = articles.get(report_id)
        own = [f for f in report.figures if f.mention == mention]
        killed_numbers = {
            (f.in_title, f.number.start, f.number.end)
            for f in own
            if f.kind == FigureKind.KILLED and f.status != FigureStatus.CLAIM
        }
        for figure in sorted(own, key=lambda f: f.number.start):
            if _shadowed(figure, killed_numbers):
                continue
            entry = _entry(figure, report, article)
            if entry.status == FigureStatus.CURRENT and _accused_count(figure, accused, rules):
                entry = entry.model_copy(update={"status": FigureStatus.CLAIM})
            records.append(
                Record(
                    kind=figure.kind.value,
                    group=figure.group,
                    entry=entry,
                    bounds=bounds_of(entry),
                    order=order,
                    position=figure.number.start,
                    evidence=(
                        figure.evidence.of(figure.stated_in(article.text, article.title))
                        if figure.evidence and article
                        else ""
                    ),
                )
            )
    return records
