"""Relating the figures of one (kind, group) to each other: first, update, repeat, detail, earlier,
undated, contradiction, claim.

Records arrive in publication order, then text order. A running *reference* is the figure the
estimate currently rests on. A later report's figure that differs from it is an **update** and
becomes the reference, except that for kinds that only grow (the dead) a later, lower figure does
not replace a higher one. A figure incompatible with the reference, from another party or side, at
the same time (same day or same report) is a **contradiction**; a party's contested claim (status
``claim``) is a **claim**, kept apart. Inside one report, figures after its first that differ from
the reference are **detail** (a part of the total: "one of them died at the scene").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from factledger.models import FigureStatus, Party, Qualifier
from factledger.reconcile.collect import Record

__all__ = ["Related", "relate"]

_VAGUE = frozenset({Qualifier.SEVERAL, Qualifier.DOZENS, Qualifier.HUNDREDS, Qualifier.THOUSANDS})


@dataclass(frozen=True)
class Related:
    records: tuple[Record, ...]
    """Every non-claim record, with its relation set on its entry."""
    claims: tuple[Record, ...]
    reference: Record | None
    """The record the best estimate rests on."""
    lower_later: tuple[Record, ...]
    """Later records lower than the reference that did not replace it (kinds that only grow)."""


def _with_relation(record: Record, relation: str) -> Record:
    return replace(record, entry=record.entry.model_copy(update={"relation": relation}))


def _same_time(a: Record, b: Record) -> bool:
    if a.order == b.order:
        return True
    return a.published is not None and a.published == b.published


def _other_party(a: Record, b: Record) -> bool:
    ea, eb = a.entry, b.entry
    if ea.side and eb.side:
        return ea.side.casefold() != eb.side.casefold()
    if Party.UNATTRIBUTED in (ea.party, eb.party):
        return False
    return ea.party != eb.party


def _same_figure(a: Record, b: Record) -> bool:
    return a.bounds == b.bounds


def relate(records: list[Record], *, monotone: bool) -> Related:
    out: list[Record] = []
    claims: list[Record] = []
    lower_later: list[Record] = []
    accepted: list[Record] = []
    reference: Record | None = None
    for record in records:
        status = record.entry.status
        if status == FigureStatus.CLAIM:
            claims.append(_with_relation(record, "claim"))
            continue
        if status == FigureStatus.EARLIER:
            out.append(_with_relation(record, "earlier"))
            continue
        if reference is None:
            reference = _with_relation(record, "first")
            accepted.append(reference)
            out.append(reference)
            continue
        if any(_same_figure(record, a) for a in accepted):
            out.append(_with_relation(record, "repeat"))
            continue
        if (
            _same_time(record, reference)
            and _other_party(record, reference)
            and not record.bounds.overlaps(reference.bounds)
        ):
            out.append(_with_relation(record, "contradiction"))
            continue
        if record.order < reference.order:
            # An earlier report's later sentence (reference moved on to a later report already).
            out.append(_with_relation(record, "detail"))
            continue
        relation = _relation(record, reference, records, out, monotone)
        if relation == "update" and record.published is None and reference.published is not None:
            # Undated reports sort last, but nothing says they are the latest: they do not move a
            # dated figure.
            relation = "undated"
        placed = _with_relation(record, relation)
        out.append(placed)
        if relation == "update" and not (
            monotone and _below(record, reference) and not _revises(record, records)
        ):
            reference = placed
            accepted.append(placed)
        elif relation == "update":
            lower_later.append(placed)
    return Related(tuple(out), tuple(claims), reference, tuple(lower_later))


def _vague(record: Record) -> bool:
    return record.entry.value is None and record.entry.qualifier in _VAGUE


def _outranks(a: Record, b: Record) -> bool:
    """``a`` would replace ``b`` for a kind that only grows: a precise figure beats a vague one
    ("dozens"), otherwise the larger point value wins."""
    if _vague(a) != _vague(b):
        return _vague(b)
    return (a.bounds.best or 0) > (b.bounds.best or 0)


def _below(a: Record, b: Record) -> bool:
    return not _outranks(a, b) and a.bounds.best != b.bounds.best


def _revises(record: Record, records: list[Record]) -> bool:
    """The record's own report marks a higher figure as superseded: a stated downward revision."""
    return any(
        r.order == record.order
        and r.entry.status == FigureStatus.EARLIER
        and (r.bounds.best or 0) > (record.bounds.best or 0)
        for r in records
    )


def _relation(
    record: Record, reference: Record, records: list[Record], out: list[Record], monotone: bool
) -> str:
    first = _first_of_report(record, out)
    if record.order == reference.order:
        # Same report: the report's headline is its first figure (news puts the toll in the lead);
        # later ones are parts of it ("one of them died at the scene") or figures of other events
        # it recalls. Only a precise figure after a vague lead ("dozens ... at least 37") replaces it.
        return "update" if _vague(reference) and not _vague(record) else "detail"
    if _vague(record) and not _vague(reference):
        return "repeat" if first else "detail"
    if not monotone:
        return "update" if first else "detail"
    if first and (_outranks(record, reference) or _revises(record, records)):
        # Only a report's headline moves the toll: larger numbers further down a later report are
        # mostly of other events it recalls ("the city's sixth killing this year").
        return "update"
    if first and _below(record, reference):
        # A later report with fewer dead: usually an old figure copied forward, not a revision; kept
        # as an update in the timeline, but it does not replace the reference (see lower_later).
        return "update"
    return "repeat" if first else "detail"


def _first_of_report(record: Record, seen: list[Record]) -> bool:
    """True when no precise figure of the same report has been placed yet: the report's headline
    ("dozens killed ... 56 killed": a vague lead leaves the headline to the first number)."""
    return not any(
        s.order == record.order and s.entry.status != FigureStatus.EARLIER and not _vague(s) for s in seen
    )
