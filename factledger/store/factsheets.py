"""Fact sheets and the change log in the store.

A fact sheet is stored whole as JSON (``fact_sheets.data``); saving one also copies its title and its
killed and injured best values onto the incident row (for listing and filtering) and appends the
changes its estimates went through (``changes``). Computing the sheet and its changes is the
reconciliation stage's job; this module only persists and reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from factledger.errors import NotFoundError
from factledger.models import Change, FactSheet, Incident, MentionRef
from factledger.store import schema as t
from factledger.store.db import Store, as_utc, utcnow

__all__ = [
    "all_fact_sheets",
    "delete_fact_sheet",
    "fact_sheet",
    "fact_sheets",
    "incident_for_reconcile",
    "list_changes",
    "resolve_incident_id",
    "save_fact_sheet",
]


def _existing_sheet(conn: Connection, incident_id: str) -> FactSheet | None:
    data = conn.scalar(select(t.fact_sheets.c.data).where(t.fact_sheets.c.incident_id == incident_id))
    return None if data is None else FactSheet.model_validate_json(data)


def fact_sheet(store: Store, incident_id: str) -> FactSheet:
    """The stored fact sheet of ``incident_id``."""
    with store.connect() as conn:
        sheet = _existing_sheet(conn, incident_id)
    if sheet is None:
        raise NotFoundError(f"no fact sheet for incident {incident_id!r}")
    return sheet


def fact_sheets(store: Store, incident_ids: Sequence[str]) -> dict[str, FactSheet]:
    """Stored fact sheets of ``incident_ids`` that exist, by incident id."""
    out: dict[str, FactSheet] = {}
    ids = list(dict.fromkeys(incident_ids))
    with store.connect() as conn:
        for start in range(0, len(ids), 500):
            query = select(t.fact_sheets.c.incident_id, t.fact_sheets.c.data).where(
                t.fact_sheets.c.incident_id.in_(ids[start : start + 500])
            )
            for incident_id, data in conn.execute(query):
                out[str(incident_id)] = FactSheet.model_validate_json(data)
    return out


def save_fact_sheet(
    store: Store, sheet: FactSheet, changes: Sequence[Change] = (), *, at: dt.datetime | None = None
) -> None:
    """Store ``sheet`` (replacing the previous one) and append ``changes``, in one transaction."""
    now = at or utcnow()
    with store.transaction() as conn:
        row = {"data": sheet.model_dump_json(), "updated_at": now}
        done = conn.execute(
            update(t.fact_sheets).where(t.fact_sheets.c.incident_id == sheet.incident_id).values(**row)
        )
        if done.rowcount == 0:
            conn.execute(insert(t.fact_sheets).values(incident_id=sheet.incident_id, **row))
        killed, injured = sheet.estimate("killed"), sheet.estimate("injured")
        conn.execute(
            update(t.incidents)
            .where(t.incidents.c.id == sheet.incident_id)
            .values(
                title=sheet.title,
                killed_best=killed.best.value if killed else None,
                injured_best=injured.best.value if injured else None,
            )
        )
        if changes:
            conn.execute(
                insert(t.changes),
                [
                    {
                        "incident_id": c.incident_id,
                        "field": c.field,
                        "old": c.old,
                        "new": c.new,
                        "report_id": c.report_id,
                        "at": c.at,
                        "note": c.note,
                    }
                    for c in changes
                ],
            )


def delete_fact_sheet(store: Store, incident_id: str) -> None:
    """Forget the fact sheet of an incident merged away (its change history stays)."""
    with store.transaction() as conn:
        conn.execute(delete(t.fact_sheets).where(t.fact_sheets.c.incident_id == incident_id))


def _since(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return as_utc(value)
    return dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)


def list_changes(
    store: Store,
    *,
    since: dt.date | dt.datetime | None = None,
    incident_id: str | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[Change]:
    """Changes, oldest first (or newest first); ``since`` keeps those at or after it (a date means its
    midnight UTC)."""
    c = t.changes
    order = (c.c.at.desc(), c.c.id.desc()) if newest_first else (c.c.at, c.c.id)
    query = select(c).order_by(*order)
    if since is not None:
        query = query.where(c.c.at >= _since(since))
    if incident_id is not None:
        query = query.where(c.c.incident_id == incident_id)
    if limit is not None:
        query = query.limit(limit)
    with store.connect() as conn:
        return [
            Change(
                incident_id=row.incident_id,
                field=row.field,
                old=row.old,
                new=row.new,
                report_id=row.report_id,
                at=as_utc(row.at),
                note=row.note,
            )
            for row in conn.execute(query)
        ]


def incident_for_reconcile(store: Store, incident_id: str) -> Incident:
    """The incident as reconciliation needs it: its mentions (in assignment order) and links."""
    with store.connect() as conn:
        exists = conn.scalar(select(t.incidents.c.id).where(t.incidents.c.id == incident_id))
        if exists is None:
            raise NotFoundError(f"no incident {incident_id!r}")
        m = t.incident_mentions
        refs = tuple(
            MentionRef(report_id=row.report_id, mention=row.mention)
            for row in conn.execute(
                select(m.c.report_id, m.c.mention)
                .where(m.c.incident_id == incident_id)
                .order_by(m.c.assigned_at, m.c.report_id, m.c.mention)
            )
        )
        links = tuple(
            sorted(
                str(x)
                for x in conn.scalars(
                    select(t.incident_links.c.other_id).where(t.incident_links.c.incident_id == incident_id)
                )
            )
        )
    return Incident(id=incident_id, mentions=refs, linked=links)


def resolve_incident_id(store: Store, ident: str) -> str | None:
    """The incident id for a full id or a unique prefix (4+ characters) of one that has a fact
    sheet; None when nothing matches, :class:`NotFoundError` when a prefix is ambiguous."""
    ident = ident.strip()
    fs = t.fact_sheets
    with store.connect() as conn:
        if conn.scalar(select(fs.c.incident_id).where(fs.c.incident_id == ident)) is not None:
            return ident
        if len(ident) < 4:
            return None
        matches = list(
            conn.scalars(select(fs.c.incident_id).where(fs.c.incident_id.startswith(ident)).limit(2))
        )
    if len(matches) > 1:
        raise NotFoundError(f"{ident!r} matches more than one incident; give more of the id")
    return str(matches[0]) if matches else None


def all_fact_sheets(store: Store, *, limit: int | None = None, offset: int = 0) -> list[FactSheet]:
    """Stored fact sheets, by incident id."""
    fs = t.fact_sheets
    query = select(fs.c.data).order_by(fs.c.incident_id).offset(offset).limit(limit)
    with store.connect() as conn:
        return [FactSheet.model_validate_json(data) for data in conn.scalars(query)]
