"""What one side of a comparison looks like: a single mention, or an incident's members together."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from factledger.cluster.profile import MentionProfile

__all__ = ["Summary", "summarize"]

_T = TypeVar("_T")

_MAX_TEXTS = 12
"""Member texts compared per incident (the earliest ones): bounds the cost of a large incident."""


@dataclass(frozen=True)
class Summary:
    date_start: dt.date | None
    date_end: dt.date | None
    date_exact: bool
    lat: float | None
    lon: float | None
    local: bool
    place_key: str | None
    admin1: str | None
    country: str | None
    family: str
    event_type: str
    killed: frozenset[int]
    injured: frozenset[int]
    names: frozenset[str]
    place_keys: frozenset[str]
    people: frozenset[str]
    recalled: frozenset[dt.date]
    texts: tuple[tuple[str, dict[str, float]], ...]
    """(mention key, terms) of member texts."""
    size: int


def _mode(values: Sequence[_T]) -> _T | None:
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    # First value reaching the top count, so the result does not depend on hash order.
    return next(v for v in values if counts[v] == best)


def _date(members: Sequence[MentionProfile]) -> tuple[dt.date | None, dt.date | None, bool]:
    exact = [m.date_start for m in members if m.date_exact and m.date_start is not None]
    if exact:
        day = _mode(sorted(exact))
        return day, day, True
    windows = [(m.date_start, m.date_end) for m in members if m.date_start and m.date_end]
    if not windows:
        return None, None, False
    start = max(s for s, _ in windows)
    end = min(e for _, e in windows)
    if start > end:
        # Windows disagree: keep the most common one. Their union would grow with every member and
        # end up overlapping any date, so one wrong join would draw in more.
        common = _mode(sorted(windows))
        assert common is not None
        start, end = common
    return start, end, False


def summarize(members: Sequence[MentionProfile]) -> Summary:
    """Consensus of ``members`` (in arrival order): mode of exact dates and of local places."""
    start, end, exact = _date(members)
    local = [m for m in members if m.is_local]
    placed = local or [m for m in members if m.admin1 or m.country or m.has_point]
    anchor: MentionProfile | None = None
    if placed:
        key = _mode([m.place_key or "" for m in placed])
        anchor = next(m for m in placed if (m.place_key or "") == key)
    families = [m.family for m in members if m.family]
    family = _mode(families) or ""
    types = [m.event_type for m in members if m.family == family and family]
    return Summary(
        date_start=start,
        date_end=end,
        date_exact=exact,
        lat=anchor.lat if anchor else None,
        lon=anchor.lon if anchor else None,
        local=bool(local),
        place_key=anchor.place_key if anchor else None,
        admin1=_mode([m.admin1 for m in placed if m.admin1]),
        country=_mode([m.country for m in placed if m.country]),
        family=family,
        event_type=_mode(types) or "",
        killed=frozenset(m.killed for m in members if m.killed is not None),
        injured=frozenset(m.injured for m in members if m.injured is not None),
        names=frozenset().union(*(m.names for m in members)),
        place_keys=frozenset().union(*(m.place_keys for m in members)),
        people=frozenset().union(*(m.people for m in members)),
        recalled=frozenset().union(*(m.recalled for m in members[:_MAX_TEXTS])),
        texts=tuple((m.key, m.terms) for m in members[:_MAX_TEXTS] if m.terms),
        size=len(members),
    )
