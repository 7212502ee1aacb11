"""Incremental assignment: each incident mention joins the best candidate incident or opens one.

A report's mentions are placed primary first. Two mentions of one report are different incidents
by construction, so an incident already holding one of them is not a candidate for the other. A
secondary mention (an earlier strike recalled in passing) that matches nothing opens an incident only
when it has both a place and a date; otherwise it stays unassigned rather than create a vague
incident. Incidents that come close without being merged (same place, a day apart) are linked.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from factledger.cluster.candidates import (
    CandidateSource,
    IncidentState,
    InMemoryCandidates,
    query_for,
)
from factledger.cluster.profile import MentionProfile, build_profiles
from factledger.cluster.similarity import Evidence, Weights, compare
from factledger.cluster.summary import summarize
from factledger.models import Article, Report

__all__ = ["Assignment", "Clusterer", "incident_id_for"]

log = logging.getLogger(__name__)

PRIMARY_PRIORITY = 2.0
"""Points by which a report's primary mention outranks its secondary ones when both want one incident:
the primary is what the report is about and its profile is the fuller one."""


def incident_id_for(profile: MentionProfile) -> str:
    """Deterministic id of an incident opened by ``profile``."""
    return "inc-" + hashlib.sha256(profile.key.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Assignment:
    report_id: str
    mention: int
    incident_id: str | None
    """None when a vague secondary mention matched nothing and opened no incident."""
    score: float | None = None
    """Evidence points of the join; None when the mention opened the incident."""
    opened: bool = False
    linked: tuple[str, ...] = ()


@dataclass
class Clusterer:
    """Places incident mentions into incidents held by a candidate source."""

    source: CandidateSource = field(default_factory=InMemoryCandidates)
    weights: Weights = field(default_factory=Weights)
    threshold: float = 0.0
    """Join when the evidence points reach this."""
    split_margin: float = 2.0
    """Consolidation takes a member out when it scores this far below the threshold against the rest."""
    merge_margin: float = 2.0
    """Extra points consolidation asks of a merge of two incidents that each hold several reports and
    lie days apart: their summaries pool many names and texts, so chance overlaps (a reporter's byline,
    a hospital, a street) add up and would chain separate incidents of one city together."""
    link_floor: float = -4.0
    """Near misses at the same place a day apart or less, above this, are linked."""
    dirty: set[str] = field(default_factory=set)
    """Incidents changed since the last consolidation."""
    _siblings: list[tuple[IncidentState, Evidence]] = field(default_factory=list, repr=False)

    # ------------------------------------------------------------------------------- scoring
    def score(self, profile: MentionProfile, incident: IncidentState) -> Evidence:
        return compare(summarize([profile]), incident.summary(), self.source.stats, self.weights)

    def _ranked(
        self, profile: MentionProfile, exclude: frozenset[str] = frozenset()
    ) -> list[tuple[IncidentState, Evidence]]:
        side = summarize([profile])
        self.source.stats.prefetch(_stat_terms(profile))
        scored: list[tuple[IncidentState, Evidence]] = []
        self._siblings = []
        for incident in self.source.candidates(query_for(side)):
            ev = compare(side, incident.summary(), self.source.stats, self.weights)
            if incident.id in exclude or profile.report_id in incident.report_ids:
                # Another mention of the same report: never joined, but may be linked.
                self._siblings.append((incident, ev))
                continue
            scored.append((incident, ev))
        scored.sort(key=lambda pair: (-pair[1].score, pair[0].seq))
        return scored

    def _should_link(self, ev: Evidence) -> bool:
        return (
            ev.score >= self.link_floor
            and ev.km is not None
            and ev.km <= self.weights.link_km
            and ev.day_gap is not None
            and ev.day_gap <= 1
        )

    # ----------------------------------------------------------------------------- placement
    def _open(self, profile: MentionProfile) -> IncidentState:
        incident_id = incident_id_for(profile)
        while self.source.get(incident_id) is not None:  # re-placed mention: keep ids unique
            incident_id = "inc-" + hashlib.sha256(incident_id.encode()).hexdigest()[:12]
        return IncidentState(id=incident_id, members=[profile], seq=self.source.next_seq())

    def place_profile(
        self, profile: MentionProfile, primary: bool = True, exclude: frozenset[str] = frozenset()
    ) -> Assignment:
        self.source.stats.add(_stat_terms(profile))
        ranked = self._ranked(profile, exclude)
        if ranked and ranked[0][1].score >= self.threshold:
            return self._join(profile, *ranked[0])
        return self._open_or_drop(profile, primary, ranked)

    def _join(self, profile: MentionProfile, incident: IncidentState, ev: Evidence) -> Assignment:
        incident.members.append(profile)
        incident.scores[profile.key] = round(ev.score, 3)
        self.source.save(incident)
        self.dirty.add(incident.id)
        return Assignment(profile.report_id, profile.mention, incident.id, round(ev.score, 3))

    def _open_or_drop(
        self, profile: MentionProfile, primary: bool, ranked: list[tuple[IncidentState, Evidence]]
    ) -> Assignment:
        if not primary and (profile.place_key is None or not profile.date_exact):
            self.source.stats.remove(_stat_terms(profile))
            return Assignment(profile.report_id, profile.mention, None)
        incident = self._open(profile)
        links = tuple(other.id for other, ev in [*ranked, *self._siblings] if self._should_link(ev))
        incident.links.update(links)
        self.source.save(incident)
        for other_id in links:
            other = self.source.get(other_id)
            if other is not None:
                other.links.add(incident.id)
                self.source.save(other)
        self.dirty.add(incident.id)
        return Assignment(profile.report_id, profile.mention, incident.id, None, True, links)

    def place(self, report: Report, article: Article) -> list[Assignment]:
        """Assign every incident mention of ``report``.

        The mentions of one report are different incidents, so they are matched to incidents jointly:
        the strongest (mention, incident) pair first. Otherwise a primary mention that merely names
        the town of an incident it recalls could take that incident from the secondary mention that
        actually describes it. Mentions left unmatched then open incidents, primary first.
        """
        profiles = build_profiles(report, article)
        for profile in profiles:
            self.source.stats.add(_stat_terms(profile))
        rankings = [self._ranked(profile) for profile in profiles]
        pairs = sorted(
            (
                (-ev.score - (PRIMARY_PRIORITY if index == 0 else 0.0), index, incident.seq, incident.id)
                for index, ranked in enumerate(rankings)
                for incident, ev in ranked
                if ev.score >= self.threshold
            ),
        )
        chosen: dict[int, str] = {}
        for _, index, _, incident_id in pairs:
            if index not in chosen and incident_id not in chosen.values():
                chosen[index] = incident_id
        assignments: list[Assignment] = []
        taken = set(chosen.values())
        for index, profile in enumerate(profiles):
            ranked = rankings[index]
            if index in chosen:
                incident, ev = next(pair for pair in ranked if pair[0].id == chosen[index])
                incident = self.source.get(incident.id) or incident
                assignments.append(self._join(profile, incident, ev))
                continue
            # Incidents this report already joined or opened: never joined again, but may be linked.
            own = [self.source.get(i) for i in sorted(taken)]
            self._siblings = [(inc, self.score(profile, inc)) for inc in own if inc is not None]
            free = [pair for pair in ranked if pair[0].id not in taken]
            assignment = self._open_or_drop(profile, index == 0, free)
            if assignment.incident_id is not None:
                taken.add(assignment.incident_id)
            assignments.append(assignment)
        self.source.flush()
        log.debug("placed report %s: %s", report.article_id, assignments)
        return assignments


def _stat_terms(profile: MentionProfile) -> list[str]:
    return [*profile.terms, *(f"@{n}" for n in profile.names | profile.people)]
