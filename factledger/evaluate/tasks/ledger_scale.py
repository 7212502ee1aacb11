"""Cost of placing one report as the ledger grows: stores of 1k, 10k, 100k incidents.

Large stores are built by shifting the folder's real reports in time (whole copies of the folder's
date span laid end to end, so incidents per day stay realistic) and in place (a few degrees of
longitude per copy), written in bulk. Then reports shifted into the middle of the ledger are placed
one by one through the store-backed candidate source, and the median seconds per report is kept. The
reports themselves are not stored (``record_mentions=False``), so what is timed is candidate lookup,
loading and scoring, which is what could grow with the ledger.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from factledger.cluster import Clusterer, MentionProfile, build_profiles, summarize
from factledger.evaluate.context import EvalContext
from factledger.store import Store, utcnow
from factledger.store import schema as t
from factledger.store.incidents import StoreCandidates

__all__ = ["DEFAULT_SIZES", "seconds_per_report_at"]

DEFAULT_SIZES = (1000, 10000, 100000)
_BASE_DOCS = 400
_PROBES = 40
_BATCH = 2000


def _shift(profile: MentionProfile, copy: int, days: int, suffix: str) -> MentionProfile:
    delta = dt.timedelta(days=copy * days)

    def moved(day: dt.date | None) -> dt.date | None:
        return None if day is None else day + delta

    lon = None if profile.lon is None else ((profile.lon + 3.0 * (copy % 5) + 180.0) % 360.0) - 180.0
    return dataclasses.replace(
        profile,
        report_id=f"{profile.report_id}{suffix}",
        published=moved(profile.published),
        date_start=moved(profile.date_start),
        date_end=moved(profile.date_end),
        lon=lon,
    )


def _build(store: Store, base: list[MentionProfile], size: int, span: int) -> int:
    """Write ``size`` shifted incidents; returns the number of copies of the base used."""
    copies = -(-size // len(base))
    df: Counter[str] = Counter()
    for profile in base:
        df.update({*profile.terms, *(f"@{n}" for n in profile.names | profile.people)})
    now = utcnow()
    rows_i: list[dict[str, object]] = []
    rows_p: list[dict[str, object]] = []
    n = 0
    with store.transaction() as conn:
        for copy in range(copies):
            for profile in base:
                if n >= size:
                    break
                n += 1
                shifted = _shift(profile, copy, span, f"-{copy}")
                side = summarize([shifted])
                incident_id = f"bench-{n}"
                rows_i.append(
                    {
                        "id": incident_id,
                        "event_type": side.event_type or "other",
                        "date_start": side.date_start,
                        "date_end": side.date_end,
                        "lat": side.lat,
                        "lon": side.lon,
                        "n_reports": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                rows_p.append(
                    {
                        "report_id": shifted.report_id,
                        "mention": shifted.mention,
                        "incident_id": incident_id,
                        "seq": n,
                        "data": json.dumps(shifted.to_json()),
                    }
                )
                if len(rows_i) >= _BATCH:
                    conn.execute(t.incidents.insert(), rows_i)
                    conn.execute(t.cluster_profiles.insert(), rows_p)
                    rows_i, rows_p = [], []
        if rows_i:
            conn.execute(t.incidents.insert(), rows_i)
            conn.execute(t.cluster_profiles.insert(), rows_p)
        terms = [{"term": term, "df": count * copies} for term, count in df.items()]
        terms.append({"term": "", "df": n})
        for start in range(0, len(terms), _BATCH):
            conn.execute(t.cluster_terms.insert(), terms[start : start + _BATCH])
    return copies


def seconds_per_report_at(ctx: EvalContext, sizes: Sequence[int] = DEFAULT_SIZES) -> dict[str, float]:
    """Median seconds to place one report in stores holding each of ``sizes`` incidents."""
    documents = [d for d in ctx.folder.in_arrival_order() if d.article.published is not None][:_BASE_DOCS]
    reports = ctx.reports(documents)
    base = [build_profiles(reports[d.doc_id], d.article)[0] for d in documents]
    days = [p.published for p in base if p.published is not None]
    span = (max(days) - min(days)).days + 30 if days else 365
    out: dict[str, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(str(Path(tmp) / "ledger.db"))
            try:
                copies = _build(store, base, size, span)
                clusterer = Clusterer(source=StoreCandidates(store, record_mentions=False))
                middle = copies // 2
                probes = [_shift(p, middle, span, "-probe") for p in base[:_PROBES]]
                timings: list[float] = []
                for profile in probes:
                    started = time.perf_counter()
                    clusterer.place_profile(profile)
                    clusterer.source.flush()
                    timings.append(time.perf_counter() - started)
                # The median: this machine is shared, and one stalled probe must not move the figure.
                out[str(size)] = round(statistics.median(timings), 5)
            finally:
                store.close()
    return out
