"""Consolidation: merge incidents later found to be one, and split mentions that joined wrongly.

Incremental joins are greedy: an early report with little detail can open an incident that a later,
fuller report shows to be an existing one, and a mention can join an incident that later reports
pull the other way. Consolidation revisits the incidents changed since the last run (and their
candidates), so its cost follows the new reports, not the ledger. It is deterministic: incidents
are visited in arrival order and the older incident of a merge keeps its id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from factledger.cluster.assign import Clusterer, _stat_terms
from factledger.cluster.candidates import IncidentState, query_for
from factledger.cluster.similarity import compare
from factledger.cluster.summary import summarize

__all__ = ["Consolidation", "consolidate"]

log = logging.getLogger(__name__)

MAX_ROUNDS = 4

MERGE_GAP_DAYS = 2
"""Incidents this many days apart or more need ``Clusterer.merge_margin`` more points to merge."""


@dataclass
class Consolidation:
    merged: list[tuple[str, str]]
    """(kept, absorbed) incident ids."""
    split: list[tuple[str, str, int]]
    """(incident left, report id, mention) of each mention taken out and placed again."""
    moved: dict[str, str]
    """Mention key (report:mention) -> incident it now belongs to, for every mention that moved."""


def _merge_pass(clusterer: Clusterer, ids: list[str], result: Consolidation) -> set[str]:
    source = clusterer.source
    changed: set[str] = set()
    for incident_id in ids:
        incident = source.get(incident_id)
        if incident is None:
            continue
        side = incident.summary()
        best: tuple[float, IncidentState] | None = None
        for other in source.candidates(query_for(side)):
            if other.id == incident.id or other.report_ids & incident.report_ids:
                continue
            ev = compare(side, other.summary(), source.stats, clusterer.weights)
            bar = clusterer.threshold
            pooled = min(side.size, other.summary().size) > 1
            if pooled and ev.day_gap is not None and ev.day_gap >= MERGE_GAP_DAYS:
                bar += clusterer.merge_margin
            if ev.score >= bar and (best is None or ev.score > best[0]):
                best = (ev.score, other)
        if best is None:
            continue
        other = best[1]
        keep, gone = (other, incident) if other.seq < incident.seq else (incident, other)
        keep.members.extend(gone.members)
        keep.links |= gone.links
        keep.links.discard(keep.id)
        keep.links.discard(gone.id)
        source.delete(gone.id)
        source.save(keep)
        result.merged.append((keep.id, gone.id))
        for member in gone.members:
            result.moved[member.key] = keep.id
        changed.add(keep.id)
        log.debug("merged incident %s into %s (%.2f)", gone.id, keep.id, best[0])
    return changed


def _split_pass(clusterer: Clusterer, ids: list[str], result: Consolidation) -> set[str]:
    source = clusterer.source
    changed: set[str] = set()
    for incident_id in ids:
        incident = source.get(incident_id)
        if incident is None or len(incident.members) < 3:
            continue
        outliers = []
        for member in incident.members:
            rest = [m for m in incident.members if m is not member]
            ev = compare(summarize([member]), summarize(rest), source.stats, clusterer.weights)
            if ev.score < clusterer.threshold - clusterer.split_margin:
                outliers.append(member)
        if not outliers or len(outliers) * 2 >= len(incident.members):
            continue
        for member in outliers:
            incident.members.remove(member)
        source.save(incident)
        changed.add(incident.id)
        for member in outliers:
            clusterer.source.stats.remove(_stat_terms(member))
            placed = clusterer.place_profile(member, member.mention == 0, frozenset({incident.id}))
            result.split.append((incident.id, member.report_id, member.mention))
            if placed.incident_id is not None:
                result.moved[member.key] = placed.incident_id
                changed.add(placed.incident_id)
    return changed


def consolidate(clusterer: Clusterer) -> Consolidation:
    """Merge and split among the incidents changed since the last consolidation."""
    result = Consolidation([], [], {})
    pending = set(clusterer.dirty)
    clusterer.dirty.clear()
    for _ in range(MAX_ROUNDS):
        if not pending:
            break
        order = sorted((i for i in pending if clusterer.source.get(i) is not None), key=_seq_of(clusterer))
        changed = _split_pass(clusterer, order, result)
        order = [i for i in order if clusterer.source.get(i) is not None]
        changed |= _merge_pass(clusterer, sorted(set(order) | changed, key=_seq_of(clusterer)), result)
        pending = changed
    clusterer.dirty.clear()
    clusterer.source.flush()
    return result


def _seq_of(clusterer: Clusterer) -> Callable[[str], int]:
    def key(incident_id: str) -> int:
        incident = clusterer.source.get(incident_id)
        return incident.seq if incident is not None else 0

    return key
