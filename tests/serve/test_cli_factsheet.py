"""`factledger show ID` for incidents and `factledger changes --since` (issue 6)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import insert
from typer.testing import CliRunner

from factledger.models import (
    EstimateValue,
    FactSheet,
    FigureEstimate,
    FigureKind,
    Party,
    Qualifier,
    TimelineEntry,
)
from factledger.reconcile import diff_sheets
from factledger.serve.cli import app
from factledger.store import factsheets
from factledger.store import schema as t
from factledger.store.db import Store, utcnow


def _ledger(path: Path) -> str:
    url = f"sqlite:///{path / 'ledger.db'}"
    with Store(url) as store:
        now = utcnow()
        with store.transaction() as conn:
            conn.execute(
                insert(t.incidents),
                [
                    {
                        "id": "inc-123456",
                        "event_type": "other",
                        "n_reports": 2,
                        "created_at": now,
                        "updated_at": now,
                    }
                ],
            )
        entry = TimelineEntry(
            report_id="r1",
            published=dt.date(2025, 4, 5),
            value=16,
            qualifier=Qualifier.AT_LEAST,
            source="city officials",
            party=Party.GOVERNMENT,
            sentence="City officials said at least 16 people died.",
        )
        killed = FigureEstimate(
            kind=FigureKind.KILLED,
            low=EstimateValue(value=16, reason="low 16: lower bound"),
            best=EstimateValue(value=16, reason="best 16: 'at least 16', city officials, 5 Apr 2025"),
            high=EstimateValue(reason="high open"),
            timeline=(entry,),
        )
        sheet = FactSheet(
            incident_id="inc-123456", title="Missile strike, Exampleton, 4 Apr 2025", figures=(killed,)
        )
        at = dt.datetime(2025, 4, 5, 9, tzinfo=dt.UTC)
        factsheets.save_fact_sheet(store, sheet, diff_sheets(None, sheet, report_id="r1", at=at), at=at)
    return url


def test_show_incident_readable_and_json(tmp_path: Path) -> None:
    url = _ledger(tmp_path)
    runner = CliRunner()
    shown = runner.invoke(app, ["show", "inc-123456", "--db", url])
    assert shown.exit_code == 0, shown.output
    assert "Missile strike, Exampleton" in shown.output and "at least 16" in shown.output
    as_json = runner.invoke(app, ["show", "inc-1234", "--json", "--db", url])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data["figures"][0]["best"]["value"] == 16


def test_changes_since(tmp_path: Path) -> None:
    url = _ledger(tmp_path)
    runner = CliRunner()
    listed = runner.invoke(app, ["changes", "--since", "2025-04-05", "--json", "--db", url])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.output.splitlines() if line.strip()]
    assert [r["field"] for r in rows] == ["killed/all best"]
    later = runner.invoke(app, ["changes", "--since", "2025-04-06", "--db", url])
    assert later.exit_code == 0 and "no changes" in later.output
