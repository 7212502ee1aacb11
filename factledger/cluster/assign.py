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
            incident, ev = ranked[0]
            incident.members.append(profile)
            incident.scores[profile.key] = round(ev.score, 3)
            self.source.save(incident)
            self.dirty.add(incident.id)
            return Assignment(profile.report_id, profile.mention, incident.id, round(ev.score, 3))
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
        """Assign every incident mention of ``report`` (primary first)."""
        assignments: list[Assignment] = []
        taken: set[str] = set()
        for profile in build_profiles(report, article):
            assignment = self.place_profile(profile, profile.mention == 0, frozenset(taken))
            if assignment.incident_id is not None:
                taken.add(assignment.incident_id)
            assignments.append(assignment)
        self.source.flush()
        log.debug("placed report %s: %s", report.article_id, assignments)
        return assignments


def _stat_terms(profile: MentionProfile) -> list[str]:
    return [*profile.terms, *(f"@{n}" for n in profile.names | profile.people)]
