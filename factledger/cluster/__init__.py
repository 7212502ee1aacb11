"""Clustering stage: incident mentions of Reports -> Incidents, incrementally.

``Clusterer.place(report, article)`` assigns each incident mention of a report to an existing
incident or opens one; ``consolidate(clusterer)`` merges incidents found to be one and splits wrong
joins. Candidates come from a :class:`CandidateSource` (in memory here, SQL in ``store``).
"""

from factledger.cluster.assign import Assignment, Clusterer, incident_id_for
from factledger.cluster.candidates import (
    CandidateQuery,
    CandidateSource,
    IncidentState,
    InMemoryCandidates,
    query_for,
)
from factledger.cluster.consolidate import Consolidation, consolidate
from factledger.cluster.profile import MentionProfile, build_profiles
from factledger.cluster.similarity import Evidence, Weights, compare
from factledger.cluster.summary import Summary, summarize
from factledger.cluster.text import TermStats

__all__ = [
    "Assignment",
    "CandidateQuery",
    "CandidateSource",
    "Clusterer",
    "Consolidation",
    "Evidence",
    "InMemoryCandidates",
    "IncidentState",
    "MentionProfile",
    "Summary",
    "TermStats",
    "Weights",
    "build_profiles",
    "compare",
    "consolidate",
    "incident_id_for",
    "query_for",
    "summarize",
]
