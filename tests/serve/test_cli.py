"""The factledger command (issue 2): ingest, listings, show, export, evaluate, demo, exit codes."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factledger.errors import StageNotBuiltError
from factledger.serve import cli
from factledger.serve.cli import ExitCode, app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.db'}"


def test_ingest_lists_each_rejection_and_exits_with_rejected(mixed_folder: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(mixed_folder), "--db", _db(tmp_path)])
    assert result.exit_code == ExitCode.REJECTED, result.output
    for reason in ("binary", "empty", "malformed"):
        assert reason in result.stdout
    assert "stored" in result.stdout
    again = runner.invoke(app, ["ingest", str(mixed_folder), "--db", _db(tmp_path)])
    assert "duplicates (already stored) │ 3" in again.stdout


def test_ingest_a_good_folder_twice_with_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A glide bomb hit a school gym in the town on Thursday afternoon.", "utf-8")
    sidecar = tmp_path / "meta.jsonl"
    sidecar.write_text(json.dumps({"file": "a.txt", "published": "2025-04-03"}) + "\n", "utf-8")
    args = ["ingest", str(folder), "--metadata", str(sidecar), "--db", _db(tmp_path)]
    first = runner.invoke(app, args)
    assert first.exit_code == ExitCode.OK, first.output
    assert "stored                      │ 1" in first.stdout
    second = runner.invoke(app, args)
    assert second.exit_code == ExitCode.OK
    assert "stored                      │ 0" in second.stdout
    listed = runner.invoke(app, ["reports", "--db", _db(tmp_path)])
    assert "2025-04-03" in listed.stdout


def test_show_export_and_not_found(mixed_folder: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["ingest", str(mixed_folder), "--db", _db(tmp_path)])
    exported = runner.invoke(app, ["export", "--format", "jsonl", "--db", _db(tmp_path)])
    assert exported.exit_code == ExitCode.OK
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) == 3 and all(r["report"]["article_id"] == r["article"]["id"] for r in records)
    shown = runner.invoke(app, ["show", "r1", "--db", _db(tmp_path)])  # by the record's own id
    assert shown.exit_code == ExitCode.OK and "Repairs began" in shown.stdout
    missing = runner.invoke(app, ["show", "nope-nope", "--db", _db(tmp_path)])
    assert missing.exit_code == ExitCode.NOT_FOUND
    rejected = runner.invoke(app, ["rejections", "--db", _db(tmp_path)])
    assert "photo.jpg" in rejected.stdout


def test_a_stage_not_built_has_its_own_exit_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def not_built(store: object, limit: int) -> None:
        raise StageNotBuiltError("clustering is not built yet")

    monkeypatch.setattr(cli, "_list_incidents", not_built)
    result = runner.invoke(app, ["incidents", "--db", _db(tmp_path)])
    assert result.exit_code == ExitCode.NOT_BUILT
    assert "not built" in result.stderr


def test_bad_database_url_is_a_config_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["reports", "--db", "nosuchdialect://x"])
    assert result.exit_code == ExitCode.CONFIG


def _tiny_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    folder.mkdir()
    docs = [
        {
            "doc_id": f"d{i}",
            "url": None,
            "outlet": None,
            "language": "en",
            "published": f"2025-04-0{i}",
            "title": None,
            "text": f"Police said {i} people were hurt when a car hit a bus stop on Main Street.",
            "incidents": [f"i{i}"],
        }
        for i in range(1, 4)
    ]
    (folder / "documents.jsonl").write_text("\n".join(json.dumps(d) for d in docs) + "\n", "utf-8")
    incidents = [
        {
            "incident_id": f"i{i}",
            "date": f"2025-04-0{i}",
            "place": "Springfield",
            "admin1": None,
            "country": "United States",
            "lat": None,
            "lon": None,
            "event_type": "accident",
            "perpetrator": None,
            "killed": 0,
            "injured": i,
        }
        for i in range(1, 4)
    ]
    (folder / "incidents.jsonl").write_text("\n".join(json.dumps(d) for d in incidents) + "\n", "utf-8")
    return folder


def test_evaluate_speed_prints_one_json_object(tmp_path: Path) -> None:
    folder = _tiny_folder(tmp_path)
    result = runner.invoke(app, ["evaluate", str(folder), "--task", "speed", "--json", "--limit", "2"])
    assert result.exit_code == ExitCode.OK, result.output
    metrics = json.loads(result.stdout)
    assert {"documents", "words", "seconds", "docs_per_second", "peak_rss_mb"} <= set(metrics)
    assert metrics["documents"] == 2
    assert "seconds_per_report_at" not in metrics


def test_evaluate_speed_times_placement_at_the_given_ledger_sizes(tmp_path: Path) -> None:
    folder = _tiny_folder(tmp_path)
    result = runner.invoke(app, ["evaluate", str(folder), "--task", "speed", "--json", "--scales", "5,20"])
    assert result.exit_code == ExitCode.OK, result.output
    timing = json.loads(result.stdout)["seconds_per_report_at"]
    assert set(timing) == {"5", "20"}
    assert all(seconds > 0 for seconds in timing.values())


def test_evaluate_scales_belong_to_the_speed_task(tmp_path: Path) -> None:
    folder = _tiny_folder(tmp_path)
    other = runner.invoke(app, ["evaluate", str(folder), "--task", "places", "--scales", "5"])
    assert other.exit_code == 2
    assert "speed only" in other.output
    bad = runner.invoke(app, ["evaluate", str(folder), "--task", "speed", "--scales", "many"])
    assert bad.exit_code == 2


def test_demo_ingests_the_corpus_once(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--db", _db(tmp_path)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "stored                      │ 10" in result.stdout
    again = runner.invoke(app, ["demo", "--db", _db(tmp_path)])
    assert again.exit_code == ExitCode.OK
    assert "duplicates (already stored) │ 10" in again.stdout


def test_docs_are_generated_from_the_code() -> None:
    generate = runpy.run_path(str(ROOT / "docs" / "generate.py"))
    assert generate["main"](["--check"]) == 0, "docs/cli.md or docs/settings.md is stale: run `make docs`"
