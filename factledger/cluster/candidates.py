"""Where candidate incidents come from: a small protocol, and an in-memory index implementing it.

Placing a mention compares it with the incidents a :class:`CandidateSource` returns for a
:class:`CandidateQuery` (a date window with a point and radius, the towns the report names, or, for
a mention dated to the day or placed only in a country, the whole narrow window or the country;
full names of private people whatever the date), never with every incident, so the cost of placing
one report stays flat as the ledger grows. The store-backed source
(``factledger.store.incidents``) answers the same queries with indexed SQL.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from factledger.cluster.profile import MentionProfile
from factledger.cluster.summary import Summary, summarize
from factledger.cluster.text import TermStats

__all__ = [
    "CandidateQuery",
    "CandidateSource",
    "InMemoryCandidates",
    "IncidentState",
    "full_names",
    "query_for",
]

MAX_CANDIDATES = 400
"""Upper bound on incidents compared per query (the most recent win)."""

DATE_SLACK_EXACT = 2
DATE_SLACK_WINDOW = 7
MAX_INDEXED_DAYS = 45
"""Incidents whose date window is longer than this are indexed as undated."""

_CELL_DEG = 0.5


@dataclass
class IncidentState:
    """An incident as clustering sees it: its member mentions, in arrival order."""

    id: str
    members: list[MentionProfile]
    seq: int
    """Arrival ordinal of the incident's first mention: older incidents win ties and keep their id."""
    links: set[str] = field(default_factory=set)
    scores: dict[str, float] = field(default_factory=dict)
    """Mention key -> evidence points it joined with (absent for the mention that opened it)."""
    _summary: Summary | None = field(default=None, repr=False, compare=False)

    def summary(self) -> Summary:
        if self._summary is None:
            self._summary = summarize(self.members)
        return self._summary

    def changed(self) -> None:
        self._summary = None

    @property
    def report_ids(self) -> frozenset[str]:
        return frozenset(m.report_id for m in self.members)

    def date_bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """Widest date window of the members (what the index stores)."""
        starts = [m.date_start for m in self.members if m.date_start is not None]
        ends = [m.date_end for m in self.members if m.date_end is not None]
        return (min(starts) if starts else None, max(ends) if ends else None)


@dataclass(frozen=True)
class CandidateQuery:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    lat: float | None = None
    lon: float | None = None
    radius_km: float = 100.0
    limit: int = MAX_CANDIDATES
    names: tuple[str, ...] = ()
    """Full names of private people: incidents sharing one are candidates whatever their date, so a
    trial reported a year later can find its shooting."""
    places: tuple[str, ...] = ()
    """Folded town names the mention gives: incidents in the date window naming one of them are
    candidates however far apart the chosen points are (a dateline city chosen over the town)."""
    country: str | None = None
    """For a mention placed no finer than a region: incidents of this country in the date window."""
    recalled: tuple[dt.date, ...] = ()
    """Days the text names: incidents dated to one of them near the point are candidates, so a
    follow-up dated days or weeks later (the arrest, the funeral) can find the day it recalls."""
    any_place: bool = False
    """Every incident in the date window is a candidate, wherever it was placed: for a mention dated to
    the day, whose window is narrow enough to hold few incidents, so a wrongly geocoded report can still
    meet its incident on the text."""


MAX_NAME_INCIDENTS = 25
"""A name shared by more incidents than this (an official, a city) does not propose candidates."""


def full_names(names: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(n for n in names if " " in n and len(n) <= 80))[:16]


def query_for(side: Summary) -> CandidateQuery:
    """The candidate query for a mention's or an incident's summary."""
    date_from = date_to = None
    if side.date_start is not None and side.date_end is not None:
        slack = dt.timedelta(days=DATE_SLACK_EXACT if side.date_exact else DATE_SLACK_WINDOW)
        date_from, date_to = side.date_start - slack, side.date_end + slack
    # A region-level point (an oblast's centroid) may hide any town of the region.
    radius = 100.0 if side.local else 400.0
    lat, lon = (side.lat, side.lon) if side.lat is not None else (None, None)
    return CandidateQuery(
        date_from,
        date_to,
        lat,
        lon,
        radius,
        names=full_names(side.people),
        places=place_names(side),
        country=None if side.local else side.country,
        recalled=tuple(sorted(side.recalled))[:MAX_RECALLED_QUERY] if side.local else (),
        any_place=side.date_exact,
    )


MAX_RECALLED_QUERY = 8

MAX_PLACE_NAMES = 12


def place_names(side: Summary) -> tuple[str, ...]:
    """Folded town names a side gives, its chosen place first (bounded: a long list is a roundup)."""
    names = {n for n in side.place_keys if n}
    if side.place_key and side.local:
        names.add(side.place_key)
    return tuple(sorted(names))[:MAX_PLACE_NAMES]


@runtime_checkable
class CandidateSource(Protocol):
    """Holds incidents and answers candidate queries through indexes."""

    stats: TermStats

    def candidates(self, query: CandidateQuery) -> list[IncidentState]:
        """Incidents that may match: overlapping the date window and near the point, when given."""
        ...

    def get(self, incident_id: str) -> IncidentState | None: ...

    def save(self, incident: IncidentState) -> None:
        """Insert or update an incident (and its index entries)."""
        ...

    def delete(self, incident_id: str) -> None: ...

    def next_seq(self) -> int: ...

    def flush(self) -> None:
        """Persist what placing one report changed beyond the incidents saved (term statistics)."""
        ...


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)


def _cells_near(lat: float, lon: float, radius_km: float) -> Iterator[tuple[int, int]]:
    dlat = radius_km / 111.0
    dlon = radius_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
    lo_lat, lo_lon = _cell(lat - dlat, lon - dlon)
    hi_lat, hi_lon = _cell(lat + dlat, lon + dlon)
    for i in range(lo_lat, hi_lat + 1):
        for j in range(lo_lon, hi_lon + 1):
            yield i, j


class InMemoryCandidates:
    """Incidents in memory, indexed by day and by half-degree grid cell."""

    def __init__(self) -> None:
        self.stats = TermStats()
        self._incidents: dict[str, IncidentState] = {}
        self._by_day: dict[int, set[str]] = {}
        self._by_cell: dict[tuple[int, int], set[str]] = {}
        self._undated: set[str] = set()
        self._unplaced: set[str] = set()
        self._by_name: dict[str, set[str]] = {}
        self._names: dict[str, tuple[str, ...]] = {}
        self._by_place: dict[str, set[str]] = {}
        self._by_country: dict[str, set[str]] = {}
        self._places: dict[str, tuple[tuple[str, ...], str | None]] = {}
        self._keys: dict[str, tuple[list[int], tuple[int, int] | None]] = {}
        self._seq = 0

    def __len__(self) -> int:
        return len(self._incidents)

    def __iter__(self) -> Iterator[IncidentState]:
        return iter(sorted(self._incidents.values(), key=lambda i: i.seq))

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def flush(self) -> None:
        pass

    def get(self, incident_id: str) -> IncidentState | None:
        return self._incidents.get(incident_id)

    def _unindex(self, incident_id: str) -> None:
        days, cell = self._keys.pop(incident_id, ([], None))
        for day in days:
            self._by_day[day].discard(incident_id)
        if cell is not None:
            self._by_cell[cell].discard(incident_id)
        self._undated.discard(incident_id)
        self._unplaced.discard(incident_id)
        for name in self._names.pop(incident_id, ()):
            self._by_name[name].discard(incident_id)
        places, country = self._places.pop(incident_id, ((), None))
        for place in places:
            self._by_place[place].discard(incident_id)
        if country is not None:
            self._by_country[country].discard(incident_id)

    def save(self, incident: IncidentState) -> None:
        incident.changed()
        self._unindex(incident.id)
        self._incidents[incident.id] = incident
        start, end = incident.date_bounds()
        days: list[int] = []
        if start is not None and end is not None and (end - start).days <= MAX_INDEXED_DAYS:
            days = list(range(start.toordinal(), end.toordinal() + 1))
        else:
            self._undated.add(incident.id)
        for day in days:
            self._by_day.setdefault(day, set()).add(incident.id)
        side = incident.summary()
        cell = _cell(side.lat, side.lon) if side.lat is not None and side.lon is not None else None
        if cell is None:
            self._unplaced.add(incident.id)
        else:
            self._by_cell.setdefault(cell, set()).add(incident.id)
        self._keys[incident.id] = (days, cell)
        names = full_names(side.people)
        for name in names:
            self._by_name.setdefault(name, set()).add(incident.id)
        self._names[incident.id] = names
        places = place_names(side)
        for place in places:
            self._by_place.setdefault(place, set()).add(incident.id)
        if side.country:
            self._by_country.setdefault(side.country, set()).add(incident.id)
        self._places[incident.id] = (places, side.country)

    def delete(self, incident_id: str) -> None:
        self._unindex(incident_id)
        self._incidents.pop(incident_id, None)

    def _is_on(self, incident_id: str, day: dt.date) -> bool:
        side = self._incidents[incident_id].summary()
        return side.date_exact and side.date_start == day

    def candidates(self, query: CandidateQuery) -> list[IncidentState]:
        near: set[str] | None = None
        if query.lat is not None and query.lon is not None:
            near = set()
            for cell in _cells_near(query.lat, query.lon, query.radius_km):
                near |= self._by_cell.get(cell, set())
        found: set[str] = set()
        if query.date_from is not None and query.date_to is not None:
            dated: set[str] = set()
            for day in range(query.date_from.toordinal(), query.date_to.toordinal() + 1):
                dated |= self._by_day.get(day, set())
            found = dated
            if near is not None and not query.any_place:
                # Dated and near, or dated with no place; plus undated ones near the point.
                found = {i for i in dated if i in near or i in self._unplaced}
                found |= {i for i in near if i in self._undated}
            for place in query.places:
                found |= dated & self._by_place.get(place, set())
            if query.country is not None:
                found |= dated & self._by_country.get(query.country, set())
        elif near is not None:
            found = near
        if near is not None:
            # Incidents dated to exactly a recalled day (as the store's query): a window is no recall.
            for recalled in query.recalled:
                found |= {
                    i
                    for i in self._by_day.get(recalled.toordinal(), set())
                    if i in near and self._is_on(i, recalled)
                }
        for name in query.names:
            holders = self._by_name.get(name, set())
            if len(holders) <= MAX_NAME_INCIDENTS:
                found |= holders
        ranked = sorted((self._incidents[i] for i in found), key=lambda inc: -inc.seq)
        return sorted(ranked[: query.limit], key=lambda inc: inc.seq)
