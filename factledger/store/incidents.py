"""Incidents in the store: a :class:`~factledger.cluster.CandidateSource` backed by indexed SQL.

Candidate queries use the indexes on ``incidents.date_start`` and ``incidents(lat, lon)``: an
incident overlaps a date window when ``date_start`` lies in ``[from - MAX_INDEXED_DAYS, to]`` and
``date_end >= from``, and is near a point when its coordinates fall in the query's bounding box. So
placing a report reads a bounded number of rows whatever the size of the ledger.

Writes go through immediately (one transaction per saved incident): the ``incidents`` row, the
``incident_mentions`` rows the readers use, the ``incident_links`` rows, and the clustering state
(``cluster_profiles``, one JSON profile per placed mention; ``cluster_terms``, document frequencies,
flushed once per placed report by :meth:`StoreCandidates.flush`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.sql.schema import Table

from factledger.cluster.candidates import MAX_INDEXED_DAYS, CandidateQuery, IncidentState
from factledger.cluster.profile import MentionProfile
from factledger.cluster.text import TermStats
from factledger.store import schema as t
from factledger.store.db import Store, utcnow

__all__ = ["StoreCandidates", "StoreTermStats", "list_incidents"]

log = logging.getLogger(__name__)

_DOCUMENTS = ""
"""The cluster_terms row counting documents."""

_CHUNK = 500
_CACHE_SIZE = 20000


def _upsert(conn: Connection, table: Table, rows: Sequence[dict[str, Any]], keys: Sequence[str]) -> None:
    if not rows:
        return
    dialect = conn.dialect.name
    insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert_fn(table)
    updates = {c: stmt.excluded[c] for c in rows[0] if c not in keys}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=updates), list(rows))


class StoreTermStats(TermStats):
    """Document frequencies read from ``cluster_terms`` on demand, changes written on flush."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._loaded: set[str] = set()
        self._pending: Counter[str] = Counter()
        with store.connect() as conn:
            documents = conn.scalar(select(t.cluster_terms.c.df).where(t.cluster_terms.c.term == _DOCUMENTS))
        self.documents = int(documents or 0)

    def prefetch(self, terms: Iterable[str]) -> None:
        missing = sorted({term for term in terms if term not in self._loaded})
        if not missing:
            return
        with self._store.connect() as conn:
            for start in range(0, len(missing), _CHUNK):
                chunk = missing[start : start + _CHUNK]
                query = select(t.cluster_terms.c.term, t.cluster_terms.c.df).where(
                    t.cluster_terms.c.term.in_(chunk)
                )
                for term, df in conn.execute(query):
                    self.df[term] = int(df) + self._pending.get(term, 0)
        self._loaded.update(missing)

    def add(self, terms: Iterable[str]) -> None:
        unique = set(terms)
        self.prefetch(unique)
        super().add(unique)
        self._pending.update(unique)
        self._pending[_DOCUMENTS] += 1

    def remove(self, terms: Iterable[str]) -> None:
        unique = set(terms)
        self.prefetch(unique)
        super().remove(unique)
        self._pending.subtract(unique)
        self._pending[_DOCUMENTS] -= 1

    def flush(self) -> None:
        deltas = {term: n for term, n in self._pending.items() if n}
        if not deltas:
            return
        table = t.cluster_terms
        with self._store.transaction() as conn:
            known = {
                term
                for start in range(0, len(deltas), _CHUNK)
                for term in conn.scalars(
                    select(table.c.term).where(table.c.term.in_(list(deltas)[start : start + _CHUNK]))
                )
            }
            fresh = [{"term": term, "df": max(0, n)} for term, n in deltas.items() if term not in known]
            if fresh:
                conn.execute(table.insert(), fresh)
            for term, n in deltas.items():
                if term in known:
                    conn.execute(table.update().where(table.c.term == term).values(df=table.c.df + n))
        self._pending.clear()


class StoreCandidates:
    """Incidents of a :class:`Store`, for the clusterer. One writer process at a time."""

    def __init__(self, store: Store, *, record_mentions: bool = True) -> None:
        self.store = store
        self.stats: TermStats = StoreTermStats(store)
        self.record_mentions = record_mentions
        """Also write ``incident_mentions`` (needs the reports stored; off for synthetic benchmarks)."""
        self._cache: OrderedDict[str, IncidentState] = OrderedDict()
        with store.connect() as conn:
            self._seq = int(conn.scalar(select(func.max(t.cluster_profiles.c.seq))) or 0)

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def flush(self) -> None:
        self.stats.flush()

    # ------------------------------------------------------------------------------- reading
    def _remember(self, incident: IncidentState) -> None:
        self._cache[incident.id] = incident
        self._cache.move_to_end(incident.id)
        while len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)

    def _load(self, conn: Connection, ids: Sequence[str]) -> dict[str, IncidentState]:
        found: dict[str, IncidentState] = {}
        wanted = [i for i in ids if i not in self._cache]
        p = t.cluster_profiles
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = conn.execute(
                select(p.c.incident_id, p.c.seq, p.c.data)
                .where(p.c.incident_id.in_(chunk))
                .order_by(p.c.incident_id, p.c.seq, p.c.report_id, p.c.mention)
            )
            members: dict[str, list[MentionProfile]] = {}
            seqs: dict[str, int] = {}
            for incident_id, seq, data in rows:
                members.setdefault(incident_id, []).append(MentionProfile.from_json(json.loads(data)))
                seqs[incident_id] = min(seqs.get(incident_id, seq), seq)
            links: dict[str, set[str]] = {}
            link_rows = conn.execute(
                select(t.incident_links.c.incident_id, t.incident_links.c.other_id).where(
                    t.incident_links.c.incident_id.in_(chunk)
                )
            )
            for incident_id, other_id in link_rows:
                links.setdefault(incident_id, set()).add(other_id)
            for incident_id, profiles in members.items():
                profiles.sort(key=lambda m: (m.published or dt.date.min, m.report_id, m.mention))
                state = IncidentState(incident_id, profiles, seqs[incident_id], links.get(incident_id, set()))
                self._remember(state)
        for incident_id in ids:
            if incident_id in self._cache:
                found[incident_id] = self._cache[incident_id]
        return found

    def get(self, incident_id: str) -> IncidentState | None:
        if incident_id in self._cache:
            return self._cache[incident_id]
        with self.store.connect() as conn:
            return self._load(conn, [incident_id]).get(incident_id)

    def candidates(self, query: CandidateQuery) -> list[IncidentState]:
        i = t.incidents
        near = None
        if query.lat is not None and query.lon is not None:
            dlat = query.radius_km / 111.0
            dlon = query.radius_km / max(1.0, 111.0 * math.cos(math.radians(query.lat)))
            near = and_(
                i.c.lat.between(query.lat - dlat, query.lat + dlat),
                i.c.lon.between(query.lon - dlon, query.lon + dlon),
            )
        conditions = []
        if query.date_from is not None and query.date_to is not None:
            earliest = query.date_from - dt.timedelta(days=MAX_INDEXED_DAYS)
            dated = and_(
                i.c.date_start.between(earliest, query.date_to),
                i.c.date_end >= query.date_from,
            )
            if near is None or query.any_place:
                conditions.append(dated)
            else:
                conditions.append(and_(dated, or_(near, i.c.lat.is_(None))))
                if query.country is not None:
                    conditions.append(and_(dated, i.c.country_code == query.country))
            if near is not None:
                conditions.append(and_(i.c.date_start.is_(None), near))
        elif near is not None:
            conditions.append(near)
        if near is not None and query.recalled:
            conditions.append(and_(near, i.c.date_start.in_(query.recalled), i.c.date_precision == "day"))
        if not conditions:
            return []
        with self.store.connect() as conn:
            ids: list[str] = []
            for condition in conditions:  # one indexed query per branch, rather than an OR planners dislike
                ids.extend(conn.scalars(select(i.c.id).where(condition).order_by(i.c.id).limit(query.limit)))
            found = self._load(conn, list(dict.fromkeys(ids)))
        ranked = sorted(found.values(), key=lambda inc: -inc.seq)[: query.limit]
        members = [
            term for inc in ranked for m in inc.members for term in (*m.terms, *(f"@{n}" for n in m.names))
        ]
        self.stats.prefetch(members)
        return sorted(ranked, key=lambda inc: inc.seq)

    # ------------------------------------------------------------------------------- writing
    def _incident_row(self, incident: IncidentState, now: dt.datetime) -> dict[str, Any]:
        side = incident.summary()
        return {
            "id": incident.id,
            "event_type": side.event_type or "other",
            "date_start": side.date_start,
            "date_end": side.date_end,
            "date_precision": "day" if side.date_exact else ("days" if side.date_start else None),
            "place_name": side.place_key,
            "admin1": side.admin1,
            "country_code": side.country,
            "lat": side.lat,
            "lon": side.lon,
            "n_reports": len(incident.report_ids),
            "created_at": now,
            "updated_at": now,
        }

    def save(self, incident: IncidentState) -> None:
        incident.changed()
        self._remember(incident)
        now = utcnow()
        row = self._incident_row(incident, now)
        i, p = t.incidents, t.cluster_profiles
        with self.store.transaction() as conn:
            exists = conn.scalar(select(i.c.created_at).where(i.c.id == incident.id))
            if exists is None:
                conn.execute(i.insert(), row)
            else:
                conn.execute(
                    i.update()
                    .where(i.c.id == incident.id)
                    .values({k: v for k, v in row.items() if k not in ("id", "created_at")})
                )
            conn.execute(delete(p).where(p.c.incident_id == incident.id))
            profile_rows = [
                {
                    "report_id": m.report_id,
                    "mention": m.mention,
                    "incident_id": incident.id,
                    "seq": incident.seq,
                    "data": json.dumps(m.to_json(), sort_keys=True),
                }
                for m in incident.members
            ]
            _upsert(conn, p, profile_rows, ("report_id", "mention"))
            if self.record_mentions:
                mention_rows = [
                    {
                        "report_id": m.report_id,
                        "mention": m.mention,
                        "incident_id": incident.id,
                        "score": incident.scores.get(m.key),
                        "assigned_at": now,
                    }
                    for m in incident.members
                ]
                m_table = t.incident_mentions
                for r in mention_rows:
                    current = conn.execute(
                        select(m_table.c.incident_id).where(
                            m_table.c.report_id == r["report_id"], m_table.c.mention == r["mention"]
                        )
                    ).first()
                    if current is None:
                        conn.execute(m_table.insert(), r)
                    elif current[0] != incident.id:
                        conn.execute(
                            m_table.update()
                            .where(m_table.c.report_id == r["report_id"], m_table.c.mention == r["mention"])
                            .values(incident_id=incident.id, score=r["score"], assigned_at=now)
                        )
            links = t.incident_links
            conn.execute(delete(links).where(links.c.incident_id == incident.id))
            if incident.links:
                conn.execute(
                    links.insert(),
                    [
                        {"incident_id": incident.id, "other_id": o, "relation": "nearby"}
                        for o in sorted(incident.links)
                    ],
                )

    def delete(self, incident_id: str) -> None:
        self._cache.pop(incident_id, None)
        with self.store.transaction() as conn:
            conn.execute(delete(t.cluster_profiles).where(t.cluster_profiles.c.incident_id == incident_id))
            conn.execute(delete(t.incident_links).where(t.incident_links.c.incident_id == incident_id))
            conn.execute(delete(t.incidents).where(t.incidents.c.id == incident_id))


def list_incidents(store: Store, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Incident rows, most recent first, each with ``report_ids`` and ``linked`` (incident ids)."""
    i, m, links = t.incidents, t.incident_mentions, t.incident_links
    query = select(i).order_by(i.c.date_start.desc().nulls_last(), i.c.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with store.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
        ids = [row["id"] for row in rows]
        reports: dict[str, list[str]] = {}
        linked: dict[str, list[str]] = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            for incident_id, report_id in conn.execute(
                select(m.c.incident_id, m.c.report_id)
                .where(m.c.incident_id.in_(chunk))
                .order_by(m.c.assigned_at, m.c.report_id)
            ):
                reports.setdefault(incident_id, []).append(report_id)
            for incident_id, other_id in conn.execute(
                select(links.c.incident_id, links.c.other_id).where(links.c.incident_id.in_(chunk))
            ):
                linked.setdefault(incident_id, []).append(other_id)
    for row in rows:
        row["report_ids"] = list(dict.fromkeys(reports.get(row["id"], [])))
        row["linked"] = sorted(linked.get(row["id"], []))
    return rows
