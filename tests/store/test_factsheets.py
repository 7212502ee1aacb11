"""Fact sheets and the change log in the store (issue 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from factledger.errors import NotFoundError
from factledger.models import EstimateValue, FactSheet, FigureEstimate, FigureKind
from factledger.reconcile import diff_sheets
from factledger.store import factsheets
from factledger.store import schema as t
from factledger.store.db import Store, utcnow

T0 = dt.datetime(2025, 4, 5, 12, 0, tzinfo=dt.UTC)
T1 = dt.datetime(2025, 4, 6, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def store() -> Store:
    s = Store("sqlite:///:memory:")
    now = utcnow()
    with s.transaction() as conn:
        conn.execute(
            insert(t.incidents),
            [
                {
                    "id": "inc-abcdef",
                    "event_type": "other",
                    "n_reports": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
    return s


def sheet(best: int, report: str) -> FactSheet:
    return FactSheet(
        incident_id="inc-abcdef",
        title="Missile strike, Example, 4 Apr 2025",
        figures=(
            FigureEstimate(
                kind=FigureKind.KILLED,
                low=EstimateValue(value=best),
                best=EstimateValue(value=best, reason=f"best {best}", report_id=report),
                high=EstimateValue(value=best),
            ),
        ),
    )


def test_save_load_and_changes(store: Store) -> None:
    first = sheet(16, "r1")
    factsheets.save_fact_sheet(store, first, diff_sheets(None, first, report_id="r1", at=T0), at=T0)
    second = sheet(18, "r2")
    moved = diff_sheets(first, second, report_id="r2", at=T1)
    assert [c.note for c in moved if c.field == "killed/all best"] == ["killed best 16 -> 18, report r2"]
    factsheets.save_fact_sheet(store, second, moved, at=T1)

    assert factsheets.fact_sheet(store, "inc-abcdef") == second
    assert factsheets.resolve_incident_id(store, "inc-abc") == "inc-abcdef"
    assert factsheets.resolve_incident_id(store, "nothing") is None
    everything = factsheets.list_changes(store)
    assert [(c.old, c.new) for c in everything if c.field == "killed/all best"] == [(None, 16), (16, 18)]
    recent = factsheets.list_changes(store, since=dt.date(2025, 4, 6))
    assert {c.report_id for c in recent} == {"r2"}
    with store.connect() as conn:
        row = conn.execute(t.incidents.select()).one()
    assert (row.killed_best, row.title) == (18, second.title)


def test_missing_sheet_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        factsheets.fact_sheet(store, "inc-abcdef")
