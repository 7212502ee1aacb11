"""A report's headline toll: killed and injured of its primary incident, as the report states it now.

The headline figure of a kind is chosen among the report's current figures for the whole group on
mention 0: the first number the report states (its lead; superseded counts are already marked
"earlier"), a vague amount ("dozens") only when no number is stated. Measured against taking the
highest number: as good on conflict reports, better on shooting reports, where later numbers are
more often counts of something else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factledger.models import Figure, FigureKind, FigureStatus

__all__ = ["Headline", "headline", "headline_figure"]


@dataclass(frozen=True)
class Headline:
    killed: Figure | None
    injured: Figure | None


def _rank(figure: Figure) -> tuple[int, int]:
    number = figure.value if figure.value is not None else figure.low
    return (0, 0) if number is None else (1, number)


def headline_figure(figures: Iterable[Figure], kind: FigureKind, mention: int = 0) -> Figure | None:
    """The headline figure of ``kind`` for ``mention`` (group all, status current), or None."""
    candidates = [
        f
        for f in figures
        if f.kind == kind and f.group == "all" and f.status == FigureStatus.CURRENT and f.mention == mention
    ]
    if not candidates:
        return None
    numeric = [f for f in candidates if _rank(f)[0]]
    return min(numeric or candidates, key=lambda f: f.number.start)


def headline(figures: Iterable[Figure], mention: int = 0) -> Headline:
    figures = list(figures)
    return Headline(
        killed=headline_figure(figures, FigureKind.KILLED, mention),
        injured=headline_figure(figures, FigureKind.INJURED, mention),
    )
