"""Change records: what a new report moved in a fact sheet ("killed best 16 -> 18, report X")."""

from __future__ import annotations

import datetime as dt

from factledger.models import Change, FactSheet, FigureEstimate

__all__ = ["diff_sheets"]


def _values(sheet: FactSheet | None) -> dict[tuple[str, str], FigureEstimate]:
    if sheet is None:
        return {}
    return {(e.kind.value, e.group): e for e in sheet.figures}


def diff_sheets(
    old: FactSheet | None, new: FactSheet, *, report_id: str | None, at: dt.datetime
) -> list[Change]:
    """One change per (kind, group) bound whose value differs between ``old`` and ``new``.

    A first fact sheet (``old`` is None) records its best values as changes from nothing, so the
    change log tells when each estimate first appeared. ``report_id`` is the report whose arrival
    caused the change; when None, the report the new value rests on is named.
    """
    before, after = _values(old), _values(new)
    changes: list[Change] = []
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        for bound in ("low", "best", "high"):
            old_value = getattr(b, bound).value if b is not None else None
            new_value = getattr(a, bound).value if a is not None else None
            if old_value == new_value:
                continue
            if b is None and bound != "best":
                continue
            kind, group = key
            label = kind if group == "all" else f"{kind} {group}"
            cause = report_id or (getattr(a, bound).report_id if a is not None else None)
            note = f"{label} {bound} {_show(old_value)} -> {_show(new_value)}"
            if cause:
                note += f", report {cause}"
            changes.append(
                Change(
                    incident_id=new.incident_id,
                    field=f"{kind}/{group} {bound}",
                    old=old_value,
                    new=new_value,
                    report_id=cause,
                    at=at,
                    note=note,
                )
            )
    return changes


def _show(value: int | None) -> str:
    return "none" if value is None else str(value)
