"""The store: one database (SQLite by default, PostgreSQL at scale) behind one small class.

:class:`Store` opens an engine, migrates it to the latest schema (Alembic, run from inside the package
so an installed factledger can migrate its own database) and offers the article, report and rejection
operations the pipeline and the readers need. Every write method runs in one transaction: it all goes
in, or nothing does. Incident and fact-sheet operations live in sibling modules of this package and
take a :class:`Store`; they use :meth:`Store.transaction` and :meth:`Store.connect` the same way.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from factledger.errors import ConfigError, NotFoundError, StoreError
from factledger.models import Article, Rejection, Report
from factledger.store import schema as t

__all__ = ["AddResult", "ArticleSummary", "Store", "database_url", "migrate", "utcnow"]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands timestamps back naive; they were written in UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def database_url(value: str) -> str:
    """A SQLAlchemy URL from a URL or a path to a SQLite file."""
    value = value.strip()
    if not value:
        raise ConfigError("empty database URL")
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    return value


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (API, web page) never block the writer
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_store_engine(url: str) -> Engine:
    try:
        parsed = make_url(database_url(url))
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {url!r}") from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            # One shared connection, or every checkout would see a new empty database.
            kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        elif parsed.database:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise ConfigError(f"cannot open database {parsed.render_as_string()}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config() -> Config:
    cfg = Config(str(MIGRATIONS / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the database to the latest schema (a no-op when it is already there)."""
    cfg = _alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    try:
        with engine.begin() as conn:
            if MigrationContext.configure(conn).get_current_revision() == head:
                return
            log.info("migrating %s to %s", engine.url.render_as_string(), head)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate {engine.url.render_as_string()}: {exc}") from exc


@dataclass(frozen=True)
class AddResult:
    """What one write of a batch did."""

    stored: list[str] = field(default_factory=list)
    """Ids of articles that were new."""
    duplicates: list[str] = field(default_factory=list)
    """Ids of articles already in the store (nothing was written for them)."""
    rejections: int = 0


@dataclass(frozen=True)
class ArticleSummary:
    """One line of the reports listing."""

    id: str
    published: dt.date | None
    outlet: str | None
    title: str | None
    external_id: str | None
    figures: int
    quotes: int
    has_report: bool


def _article_row(article: Article, now: dt.datetime) -> dict[str, Any]:
    row = article.model_dump()
    row["ingested_at"] = now
    return row


def _article(row: Any) -> Article:
    return Article(
        id=row.id,
        text=row.text,
        url=row.url,
        outlet=row.outlet,
        title=row.title,
        published=row.published,
        updated=row.updated,
        language=row.language,
        source=row.source,
        external_id=row.external_id,
    )


def _figure_rows(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "report_id": report.article_id,
            "idx": i,
            "mention": f.mention,
            "kind": str(f.kind),
            "grp": f.group,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": str(f.qualifier),
            "source": f.source,
            "party": str(f.party),
            "side": f.side,
            "status": str(f.status),
            "sentence_start": f.sentence.start,
            "sentence_end": f.sentence.end,
            "number_start": f.number.start,
            "number_end": f.number.end,
            "in_title": f.in_title,
        }
        for i, f in enumerate(report.figures)
    ]


def _quote_rows(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "report_id": report.article_id,
            "idx": i,
            "mention": q.mention,
            "kind": str(q.kind),
            "text": q.text,
            "speaker": q.speaker,
            "speaker_key": q.speaker_key,
            "speaker_name": q.speaker_name,
            "start": q.span.start,
            "end": q.span.end,
        }
        for i, q in enumerate(report.quotes)
    ]


class Store:
    """A migrated database. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self, url_or_engine: str | Engine = "sqlite:///factledger.db", *, migrate_on_open: bool = True
    ):
        self.engine = (
            url_or_engine if isinstance(url_or_engine, Engine) else create_store_engine(url_or_engine)
        )
        if migrate_on_open:
            migrate(self.engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside one transaction, committed on success, rolled back on error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {exc}") from exc

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {exc}") from exc

    # ---------------------------------------------------------------------------------- writing

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        with self.connect() as conn:
            return self._existing(conn, wanted)

    @staticmethod
    def _existing(conn: Connection, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
            chunk = ids[start : start + 500]
            found.update(conn.scalars(select(t.articles.c.id).where(t.articles.c.id.in_(chunk))))
        return found

    def add(
        self,
        articles: Sequence[Article] = (),
        reports: Sequence[Report] = (),
        rejections: Sequence[Rejection] = (),
    ) -> AddResult:
        """Store new articles with their reports, and rejections, in one transaction.

        Articles already stored (same id) are left untouched, as are their reports: re-ingesting
        changes nothing.
        """
        now = utcnow()
        by_id = {r.article_id: r for r in reports}
        unknown = set(by_id) - {a.id for a in articles}
        if unknown:
            raise StoreError(f"reports without their article in the batch: {sorted(unknown)}")
        with self.transaction() as conn:
            seen = self._existing(conn, list(dict.fromkeys(a.id for a in articles)))
            new: list[Article] = []
            duplicates: list[str] = []
            for article in articles:
                if article.id in seen:
                    duplicates.append(article.id)
                else:
                    seen.add(article.id)
                    new.append(article)
            if new:
                conn.execute(insert(t.articles), [_article_row(a, now) for a in new])
            for article in new:
                if article.id in by_id:
                    self._write_report(conn, by_id[article.id], now)
            if rejections:
                conn.execute(
                    insert(t.rejections),
                    [
                        {"source": r.source, "reason": r.reason, "detail": r.detail, "at": now}
                        for r in rejections
                    ],
                )
        return AddResult(stored=[a.id for a in new], duplicates=duplicates, rejections=len(rejections))

    def add_rejections(self, rejections: Sequence[Rejection]) -> None:
        self.add(rejections=rejections)

    def save_report(self, report: Report) -> None:
        """Store or replace the report of an article already in the store."""
        with self.transaction() as conn:
            if not self._existing(conn, [report.article_id]):
                raise NotFoundError(f"no article {report.article_id}")
            self._write_report(conn, report, utcnow())

    @staticmethod
    def _write_report(conn: Connection, report: Report, now: dt.datetime) -> None:
        row = {
            "extractor_version": report.extractor_version,
            "data": report.model_dump_json(),
            "extracted_at": now,
        }
        # Update in place rather than delete-and-insert: deleting would cascade to incident links.
        updated = conn.execute(
            update(t.reports).where(t.reports.c.article_id == report.article_id).values(**row)
        )
        if updated.rowcount == 0:
            conn.execute(insert(t.reports).values(article_id=report.article_id, **row))
        conn.execute(delete(t.figures).where(t.figures.c.report_id == report.article_id))
        conn.execute(delete(t.quotes).where(t.quotes.c.report_id == report.article_id))
        if report.figures:
            conn.execute(insert(t.figures), _figure_rows(report))
        if report.quotes:
            conn.execute(insert(t.quotes), _quote_rows(report))

    # ---------------------------------------------------------------------------------- reading

    def resolve_article_id(self, ident: str) -> str:
        """The article id for a full id, a unique id prefix (4+ characters) or a source's id."""
        ident = ident.strip()
        with self.connect() as conn:
            if conn.scalar(select(t.articles.c.id).where(t.articles.c.id == ident)) is not None:
                return ident
            by_external = list(
                conn.scalars(select(t.articles.c.id).where(t.articles.c.external_id == ident).limit(2))
            )
            if len(by_external) == 1:
                return str(by_external[0])
            matches: list[str] = []
            if len(ident) >= 4:
                matches = list(
                    conn.scalars(select(t.articles.c.id).where(t.articles.c.id.startswith(ident)).limit(2))
                )
        if len(matches) == 1:
            return str(matches[0])
        if len(matches) > 1 or len(by_external) > 1:
            raise NotFoundError(f"{ident!r} matches more than one article; give more of the id")
        raise NotFoundError(f"no article {ident!r}")

    def article(self, article_id: str) -> Article:
        with self.connect() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).first()
        if row is None:
            raise NotFoundError(f"no article {article_id!r}")
        return _article(row)

    def report(self, article_id: str) -> Report:
        with self.connect() as conn:
            data = conn.scalar(select(t.reports.c.data).where(t.reports.c.article_id == article_id))
        if data is None:
            raise NotFoundError(f"no report for article {article_id!r}")
        return Report.model_validate_json(data)

    def articles(
        self, *, limit: int | None = None, offset: int = 0, ids: Sequence[str] | None = None
    ) -> list[Article]:
        """Articles, oldest publication first (undated last), then by id."""
        query = select(t.articles).order_by(
            t.articles.c.published.is_(None), t.articles.c.published, t.articles.c.id
        )
        if ids is not None:
            query = query.where(t.articles.c.id.in_(list(ids)))
        query = query.offset(offset).limit(limit)
        with self.connect() as conn:
            return [_article(row) for row in conn.execute(query)]

    def reports(
        self, *, limit: int | None = None, offset: int = 0, ids: Sequence[str] | None = None
    ) -> list[Report]:
        """Reports in the order of :meth:`articles`."""
        a, r = t.articles, t.reports
        query = (
            select(r.c.data)
            .join(a, a.c.id == r.c.article_id)
            .order_by(a.c.published.is_(None), a.c.published, a.c.id)
        )
        if ids is not None:
            query = query.where(r.c.article_id.in_(list(ids)))
        query = query.offset(offset).limit(limit)
        with self.connect() as conn:
            return [Report.model_validate_json(data) for data in conn.scalars(query)]

    def summaries(self, *, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        a, r = t.articles, t.reports
        n_figures = (
            select(func.count()).select_from(t.figures).where(t.figures.c.report_id == a.c.id)
        ).scalar_subquery()
        n_quotes = (
            select(func.count()).select_from(t.quotes).where(t.quotes.c.report_id == a.c.id)
        ).scalar_subquery()
        query = (
            select(
                a.c.id,
                a.c.published,
                a.c.outlet,
                a.c.title,
                a.c.external_id,
                n_figures.label("figures"),
                n_quotes.label("quotes"),
                r.c.article_id.is_not(None).label("has_report"),
            )
            .outerjoin(r, r.c.article_id == a.c.id)
            .order_by(a.c.published.is_(None), a.c.published, a.c.id)
            .offset(offset)
            .limit(limit)
        )
        with self.connect() as conn:
            return [
                ArticleSummary(
                    id=row.id,
                    published=row.published,
                    outlet=row.outlet,
                    title=row.title,
                    external_id=row.external_id,
                    figures=row.figures,
                    quotes=row.quotes,
                    has_report=bool(row.has_report),
                )
                for row in conn.execute(query)
            ]

    def rejections(self, *, limit: int | None = None) -> list[tuple[Rejection, dt.datetime]]:
        """Rejections, most recent first, with when they happened."""
        query = select(t.rejections).order_by(t.rejections.c.id.desc()).limit(limit)
        with self.connect() as conn:
            return [
                (Rejection(source=row.source, reason=row.reason, detail=row.detail), as_utc(row.at))
                for row in conn.execute(query)
            ]

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        tables = [t.articles, t.reports, t.rejections, t.figures, t.quotes, t.incidents, t.fact_sheets]
        with self.connect() as conn:
            return {
                table.name: int(conn.scalar(select(func.count()).select_from(table)) or 0) for table in tables
            }
