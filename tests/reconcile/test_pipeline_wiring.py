"""pipeline.reconcile_incidents: fact sheets and changes in the store as reports join (issue 6)."""

from __future__ import annotations

from sqlalchemy import insert

from factledger.models import IncidentMention
from factledger.pipeline import reconcile_incidents
from factledger.store import Store, utcnow
from factledger.store import schema as t
from factledger.store.factsheets import fact_sheet, list_changes
from tests.reconcile.test_sheet import first_report, second_report


def _join(store: Store, incident_id: str, report_id: str, mention: int, *, new: bool) -> None:
    now = utcnow()
    with store.transaction() as conn:
        if new:
            conn.execute(
                insert(t.incidents),
                [
                    {
                        "id": incident_id,
                        "event_type": "other",
                        "n_reports": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                ],
            )
        conn.execute(
            insert(t.incident_mentions),
            [{"report_id": report_id, "mention": mention, "incident_id": incident_id, "assigned_at": now}],
        )


def test_sheet_and_changes_follow_arrivals() -> None:
    a, b = first_report(), second_report()
    store = Store("sqlite:///:memory:")
    store.add([a.article()], [a.report()])
    _join(store, "kr", "day1", 0, new=True)
    reconcile_incidents(store, ["kr"])
    assert fact_sheet(store, "kr").estimate("killed").best.value == 16  # type: ignore[union-attr]

    store.add([b.article()], [b.report([IncidentMention(index=0), IncidentMention(index=1)])])
    _join(store, "kr", "day2", 1, new=False)
    _join(store, "kyiv", "day2", 0, new=True)
    reconcile_incidents(store, ["kr", "kyiv", "gone"])
    sheet = fact_sheet(store, "kr")
    assert sheet.estimate("killed").best.value == 18  # type: ignore[union-attr]
    assert fact_sheet(store, "kyiv").estimate("injured").best.value == 3  # type: ignore[union-attr]
    notes = [c.note for c in list_changes(store, incident_id="kr")]
    assert "killed best 16 -> 18, report day2" in notes
    assert "killed children best 6 -> 9, report day2" in notes
    with store.connect() as conn:
        row = conn.execute(t.incidents.select().where(t.incidents.c.id == "kr")).one()
    assert row.killed_best == 18
