"""The chain ingest -> extract -> store -> cluster -> reconcile (issue 2).

A stub extractor keeps these tests fast; the real one runs in tests/serve/test_cli.py (demo corpus).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest

from factledger import pipeline
from factledger.errors import ExtractionError, StageNotBuiltError
from factledger.extract import Extractor
from factledger.ingest import Ingester
from factledger.models import Article, Report
from factledger.settings import load_settings
from factledger.store import Store


class StubExtractor(Extractor):
    """Empty reports; fails on texts containing BOOM, like a component bug would."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def extract(self, articles: Iterable[Article]) -> Iterator[Report]:
        for article in articles:
            yield self.extract_one(article)

    def extract_one(self, article: Article) -> Report:
        if "BOOM" in article.text:
            raise ExtractionError(f"component failed on {article.id}")
        self.seen.append(article.id)
        return Report(article_id=article.id, published=article.published, extractor_version="stub")


def _run(
    store: Store, sources: Sequence[str | Path], extractor: StubExtractor, **kw: object
) -> pipeline.IngestSummary:
    ingester = Ingester(load_settings(environ={}))
    return pipeline.ingest(sources, store=store, ingester=ingester, extractor=extractor, **kw)  # type: ignore[arg-type]


def test_ingest_stores_the_good_items_and_lists_rejections(mixed_folder: Path) -> None:
    store, extractor = Store("sqlite://"), StubExtractor()
    summary = _run(store, [mixed_folder], extractor, batch_size=2)
    assert len(summary.stored) == 3  # good.txt, legacy.txt (cp1251), records.jsonl:1
    assert sorted(r.reason for r in summary.rejections) == ["binary", "empty", "malformed"]
    assert store.counts()["articles"] == 3 and store.counts()["reports"] == 3
    assert store.counts()["rejections"] == 3


def test_reingesting_changes_nothing_and_extracts_nothing(mixed_folder: Path) -> None:
    store, extractor = Store("sqlite://"), StubExtractor()
    _run(store, [mixed_folder], extractor)
    before = store.counts()
    extractor.seen.clear()
    again = _run(store, [mixed_folder], extractor)
    assert again.stored == [] and len(again.duplicates) == 3
    assert extractor.seen == []
    assert store.counts() | {"rejections": before["rejections"]} == before


def test_one_failing_article_does_not_sink_its_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "A drone hit a fuel depot overnight and the fire burned until noon.", "utf-8"
    )
    (tmp_path / "b.txt").write_text("BOOM: this report makes the stub extractor fail on purpose.", "utf-8")
    store = Store("sqlite://")
    summary = _run(store, [tmp_path], StubExtractor())
    assert len(summary.stored) == 1
    assert [r.reason for r in summary.rejections] == ["extraction_failed"]


def test_progress_reaches_the_number_of_inputs(mixed_folder: Path) -> None:
    seen: list[pipeline.IngestProgress] = []
    _run(Store("sqlite://"), [mixed_folder], StubExtractor(), progress=seen.append)
    assert seen[-1].inputs_done == seen[-1].inputs_total == 5
    assert seen[-1].stored == 3 and seen[-1].rejected == 3


def test_unbuilt_stages_are_reported_not_faked(mixed_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def not_built(store: Store, reports: Sequence[Report]) -> list[str]:
        raise StageNotBuiltError("clustering is not built yet")

    monkeypatch.setattr(pipeline, "cluster_reports", not_built)
    summary = _run(Store("sqlite://"), [mixed_folder], StubExtractor())
    assert "cluster" in summary.not_built and "reconcile" in summary.not_built
    assert summary.incidents == []


def test_clustered_incidents_are_reconciled(mixed_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reconciled: list[list[str]] = []
    monkeypatch.setattr(pipeline, "cluster_reports", lambda store, reports: ["inc-1"])
    monkeypatch.setattr(pipeline, "reconcile_incidents", lambda store, ids: reconciled.append(list(ids)))
    summary = _run(Store("sqlite://"), [mixed_folder], StubExtractor())
    assert summary.incidents == ["inc-1"] and reconciled == [["inc-1"]]
    assert summary.not_built == {}
