"""The store on every backend (SQLite always, PostgreSQL with FACTLEDGER_TEST_PG): issue 2."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, select

from factledger.errors import NotFoundError, StoreError
from factledger.models import (
    Article,
    Figure,
    FigureKind,
    Qualifier,
    Quote,
    QuoteKind,
    Rejection,
    Report,
    TextSpan,
)
from factledger.store import Store, migrate
from factledger.store import schema as t

TEXT = (
    "A missile struck a housing estate on the edge of the city late on Friday. "
    'Officials said at least 12 people were killed. "We are still searching," the mayor said.'
)


def _article(text: str = TEXT, **fields: object) -> Article:
    fields.setdefault("url", "https://news.example/a")
    fields.setdefault("published", dt.date(2025, 4, 5))
    return Article.create(text, **fields)


def _report(article: Article) -> Report:
    number = article.text.index("at least 12")
    quote = article.text.index("We are")
    return Report(
        article_id=article.id,
        published=article.published,
        figures=(
            Figure(
                kind=FigureKind.KILLED,
                value=12,
                qualifier=Qualifier.AT_LEAST,
                source="Officials",
                sentence=TextSpan(start=74, end=article.text.index('"')),
                number=TextSpan(start=number, end=number + len("at least 12")),
            ),
        ),
        quotes=(
            Quote(
                text="We are still searching,",
                span=TextSpan(start=quote, end=quote + 23),
                kind=QuoteKind.DIRECT,
                speaker="the mayor",
            ),
        ),
        extractor_version="test",
    )


def test_migration_creates_every_table_of_the_schema(fresh_store: Store) -> None:
    tables = set(inspect(fresh_store.engine).get_table_names())
    assert set(t.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrated_columns_match_the_schema_module(fresh_store: Store) -> None:
    inspector = inspect(fresh_store.engine)
    for name, table in t.metadata.tables.items():
        assert {c["name"] for c in inspector.get_columns(name)} == set(table.columns.keys()), name


def test_migrating_twice_is_a_no_op(fresh_store: Store) -> None:
    migrate(fresh_store.engine)
    assert fresh_store.counts()["articles"] == 0


def test_article_round_trips_with_its_dates(fresh_store: Store) -> None:
    article = _article(updated=dt.date(2025, 4, 6), outlet="news.example", external_id="doc-7")
    fresh_store.add([article])
    assert fresh_store.article(article.id) == article


def test_adding_the_same_article_again_changes_nothing(fresh_store: Store) -> None:
    article = _article()
    first = fresh_store.add([article], [_report(article)])
    second = fresh_store.add([article], [_report(article)])
    assert first.stored == [article.id]
    assert second.stored == [] and second.duplicates == [article.id]
    assert fresh_store.counts()["articles"] == 1
    assert fresh_store.counts()["figures"] == 1


def test_duplicates_within_one_batch_are_stored_once(fresh_store: Store) -> None:
    article = _article()
    result = fresh_store.add([article, article])
    assert result.stored == [article.id] and result.duplicates == [article.id]


def test_report_is_stored_whole_and_flattened(fresh_store: Store) -> None:
    article = _article()
    report = _report(article)
    fresh_store.add([article], [report])
    assert fresh_store.report(article.id) == report
    with fresh_store.connect() as conn:
        figure = conn.execute(select(t.figures)).one()
        quote = conn.execute(select(t.quotes)).one()
    assert (figure.kind, figure.value, figure.qualifier, figure.grp) == ("killed", 12, "at_least", "all")
    assert article.text[figure.number_start : figure.number_end] == "at least 12"
    assert quote.speaker == "the mayor" and quote.kind == "direct"


def test_saving_a_report_again_replaces_its_rows(fresh_store: Store) -> None:
    article = _article()
    fresh_store.add([article], [_report(article)])
    fresh_store.save_report(Report(article_id=article.id, extractor_version="v2"))
    assert fresh_store.report(article.id).extractor_version == "v2"
    assert fresh_store.counts()["figures"] == 0 and fresh_store.counts()["quotes"] == 0


def test_a_failed_batch_writes_nothing(fresh_store: Store) -> None:
    good = _article()
    orphan = Report(article_id="0" * 16)
    with pytest.raises(StoreError):
        fresh_store.add([good], [orphan])
    bad_figure_row = _article(text=TEXT + " More.")
    fresh_store.add([bad_figure_row])
    with pytest.raises(StoreError), fresh_store.transaction() as conn:
        conn.execute(t.articles.insert().values(id="x" * 16, text="t", language="en", ingested_at=None))
    assert fresh_store.counts()["articles"] == 1


def test_rejections_are_kept_most_recent_first(fresh_store: Store) -> None:
    fresh_store.add_rejections([Rejection(source="a.bin", reason="binary")])
    fresh_store.add_rejections([Rejection(source="b.txt", reason="empty", detail="no text")])
    rows = fresh_store.rejections()
    assert [r.source for r, _ in rows] == ["b.txt", "a.bin"]
    assert rows[0][1].tzinfo is not None


def test_ids_resolve_from_prefix_and_source_id(fresh_store: Store) -> None:
    article = _article(external_id="wire-42")
    fresh_store.add([article])
    assert fresh_store.resolve_article_id(article.id[:6]) == article.id
    assert fresh_store.resolve_article_id("wire-42") == article.id
    with pytest.raises(NotFoundError):
        fresh_store.resolve_article_id("zzzz")
    with pytest.raises(NotFoundError):
        fresh_store.report(article.id)


def test_listings_are_in_publication_order(fresh_store: Store) -> None:
    late = _article(published=dt.date(2025, 4, 7), url="https://news.example/late")
    undated = _article(published=None, url="https://news.example/undated")
    early = _article(published=dt.date(2025, 4, 5), url="https://news.example/early")
    fresh_store.add([late, undated, early], [_report(early)])
    assert [a.id for a in fresh_store.articles()] == [early.id, late.id, undated.id]
    summaries = fresh_store.summaries()
    assert (summaries[0].id, summaries[0].figures, summaries[0].has_report) == (early.id, 1, True)
    assert [r.article_id for r in fresh_store.reports()] == [early.id]


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store(str(tmp_path / "ledger.db"))  # a bare path is a SQLite file
    with store.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()
    assert (tmp_path / "ledger.db").is_file()
