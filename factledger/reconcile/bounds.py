"""What one stated figure says about the true number: a lower bound, a point value and an upper bound.

"at least 16" is a lower bound (16, 16, open); "more than 30" is (31, 31, open); "up to 85" is an
upper bound (open, 85, 85); a range "between 10 and 15" is (10, 10, 15), its low end as the point
value being the conservative choice; vague quantities ("dozens") take the values of the rules file.
"""

from __future__ import annotations

from dataclasses import dataclass

from factledger.formatting import describe_quantity
from factledger.models import Qualifier, TimelineEntry
from factledger.reconcile.rules import load_rules

__all__ = ["Bounds", "bounds_of", "describe_figure"]


@dataclass(frozen=True)
class Bounds:
    low: int | None
    """Smallest true number the statement allows (None: no lower bound beyond zero)."""
    best: int | None
    """The single number the statement stands for."""
    high: int | None
    """Largest true number the statement allows (None: open)."""

    def overlaps(self, other: Bounds) -> bool:
        lo_a, hi_a = self.low or 0, self.high
        lo_b, hi_b = other.low or 0, other.high
        return (hi_b is None or lo_a <= hi_b) and (hi_a is None or lo_b <= hi_a)


def bounds_of(entry: TimelineEntry) -> Bounds:
    q = entry.qualifier
    v = entry.value
    if q == Qualifier.RANGE or (v is None and entry.low is not None and entry.high is not None):
        return Bounds(entry.low, entry.low, entry.high)
    vague = load_rules().vague.get(q.value)
    if vague is not None and v is None:
        return Bounds(vague.low, vague.best, vague.high)
    if v is None:
        return Bounds(entry.low, entry.low if entry.low is not None else entry.high, entry.high)
    if q in (Qualifier.AT_LEAST, Qualifier.DOZENS, Qualifier.HUNDREDS, Qualifier.THOUSANDS):
        return Bounds(v, v, None)
    if q == Qualifier.MORE_THAN:
        return Bounds(v + 1, v + 1, None)
    if q == Qualifier.UP_TO:
        return Bounds(None, v, v)
    if q == Qualifier.FEWER_THAN:
        return Bounds(None, max(v - 1, 0), max(v - 1, 0))
    if q == Qualifier.SEVERAL:
        return Bounds(v, v, None)
    return Bounds(v, v, v)


def describe_figure(entry: TimelineEntry) -> str:
    """The figure as a reader would say it: "at least 16", "10-15", "dozens"."""
    return describe_quantity(entry.qualifier, entry.value, entry.low, entry.high)
