"""The ``factledger`` command: a thin layer that calls the library and prints its results.

Only this module prints. Each command is a small function registered with :func:`command`, which
turns library errors into a message on stderr and an exit code (:class:`ExitCode`, documented in
``docs/cli.md``). A command whose stage is not built yet says so and exits with
``ExitCode.NOT_BUILT``. To wire a new stage into a command, replace the small ``_...`` helper it calls.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Callable, Iterator
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from factledger.errors import (
    ConfigError,
    EvaluationError,
    FactledgerError,
    IngestError,
    NotFoundError,
    StageNotBuiltError,
    StoreError,
)
from factledger.models import Article, Figure, Qualifier, Report
from factledger.settings import Settings, load_settings
from factledger.store import Store

__all__ = ["ExitCode", "app", "main"]


class ExitCode(IntEnum):
    """Exit codes of every command."""

    OK = 0
    ERROR = 1
    """Unexpected failure (a bug: please report it with the traceback shown by --verbose)."""
    USAGE = 2
    """Bad command line (unknown option, missing argument)."""
    NOT_BUILT = 3
    """The command, format or task needs a stage that is not built yet."""
    NOT_FOUND = 4
    """No article, report or incident with that id."""
    REJECTED = 5
    """Ingest finished, but some input items were rejected (listed in the output)."""
    CONFIG = 6
    """Bad setting, config file or database URL."""
    STORE = 7
    """The database refused an operation."""
    INPUT = 8
    """Unreadable input: a metadata file, an evaluation folder."""


app = typer.Typer(
    name="factledger",
    help="A sourced, reconciled ledger of violent incidents from news reports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="SQLAlchemy URL or SQLite path of the store [default: setting `db`]."),
]
LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="Rows to show.")]


def _exit_code(exc: FactledgerError) -> ExitCode:
    for kind, code in (
        (StageNotBuiltError, ExitCode.NOT_BUILT),
        (NotFoundError, ExitCode.NOT_FOUND),
        (ConfigError, ExitCode.CONFIG),
        (StoreError, ExitCode.STORE),
        (EvaluationError, ExitCode.INPUT),
        (IngestError, ExitCode.INPUT),
    ):
        if isinstance(exc, kind):
            return code
    return ExitCode.ERROR


def command(name: str | None = None, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose library errors become a message and an exit code."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kw: Any) -> Any:
            try:
                return fn(*args, **kw)
            except FactledgerError as exc:
                code = _exit_code(exc)
                label = "not built" if code == ExitCode.NOT_BUILT else "error"
                err.print(f"[bold red]{label}:[/] {exc}")
                logging.getLogger(__name__).debug("command failed", exc_info=exc)
                raise typer.Exit(int(code)) from exc

        app.command(name, **kwargs)(wrapper)
        return fn

    return decorate


@app.callback()
def _root(
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More logging (-vv: debug).")
    ] = 0,
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, format="%(name)s: %(message)s", handlers=[RichHandler(console=err, show_path=False)]
    )


def _settings(db: str | None = None, **overrides: Any) -> Settings:
    return load_settings({"db": db, **overrides})


def _open_store(settings: Settings) -> Store:
    return Store(str(settings.db))


# ------------------------------------------------------------------------------------------- ingest


def _progress() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _run_ingest(sources: list[str], metadata: Path | None, settings: Settings) -> Any:
    from factledger.ingest import Ingester, Metadata, load_metadata
    from factledger.pipeline import IngestProgress, ingest

    sidecar, sidecar_rejections = load_metadata(metadata) if metadata else (Metadata(), [])
    ingester = Ingester(settings, metadata=sidecar)
    with _open_store(settings) as store, _progress() as bar:
        task = bar.add_task("ingesting", total=None)

        def on_progress(p: IngestProgress) -> None:
            bar.update(
                task,
                total=p.inputs_total,
                completed=p.inputs_done,
                description=f"stored {p.stored} · duplicates {p.duplicates} · rejected {p.rejected}",
            )

        try:
            summary = ingest(
                sources,
                store=store,
                ingester=ingester,
                batch_size=int(settings.batch_size),
                progress=on_progress,
            )
        finally:
            ingester.close()
        if sidecar_rejections:
            store.add_rejections(sidecar_rejections)
            summary.rejections[:0] = sidecar_rejections
    return summary


_MAX_REJECTIONS_SHOWN = 50


def _print_summary(summary: Any) -> None:
    table = Table(title="Ingest summary", show_header=False)
    table.add_row("stored", str(len(summary.stored)))
    table.add_row("duplicates (already stored)", str(len(summary.duplicates)))
    table.add_row("rejected", str(summary.rejected))
    if summary.incidents:
        table.add_row("incidents touched", str(len(summary.incidents)))
    console.print(table)
    if summary.rejections:
        rejected = Table(title="Rejected items")
        rejected.add_column("source", overflow="fold")
        rejected.add_column("reason", style="red")
        rejected.add_column("detail", overflow="fold")
        for r in summary.rejections[:_MAX_REJECTIONS_SHOWN]:
            rejected.add_row(r.source, r.reason, r.detail)
        console.print(rejected)
        hidden = len(summary.rejections) - _MAX_REJECTIONS_SHOWN
        if hidden > 0:
            console.print(f"… and {hidden} more: `factledger rejections` lists them all")
    missing = [stage for stage, built in summary.extraction_stages.items() if not built]
    if missing and summary.stored:
        console.print(f"[yellow]extraction stages not built yet:[/] {', '.join(missing)}")
    for stage, why in summary.not_built.items():
        console.print(f"[yellow]{stage}:[/] {why}")


@command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders (recursive), feed or page URLs.")],
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata", "-m", exists=True, dir_okay=False, help="Sidecar JSON Lines keyed by `file`."
        ),
    ] = None,
    db: DbOption = None,
    allow_private_urls: Annotated[
        bool | None, typer.Option("--allow-private-urls", help="Allow fetching private/loopback addresses.")
    ] = None,
) -> None:
    """Read reports, extract what they state, and store them (re-ingesting changes nothing)."""
    settings = _settings(db, allow_private_urls=allow_private_urls)
    summary = _run_ingest(sources, metadata, settings)
    _print_summary(summary)
    if summary.rejections:
        raise typer.Exit(int(ExitCode.REJECTED))


# ------------------------------------------------------------------------------------------- reading


@command()
def reports(db: DbOption = None, limit: LimitOption = 50, offset: int = 0) -> None:
    """List stored reports (articles and what extraction found in them)."""
    with _open_store(_settings(db)) as store:
        rows = store.summaries(limit=limit, offset=offset)
        total = store.counts()["articles"]
    table = Table(title=f"Reports {offset + 1}-{offset + len(rows)} of {total}")
    table.add_column("id", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", overflow="ellipsis", max_width=22)
    table.add_column("title", overflow="fold", ratio=1)
    table.add_column("figures", justify="right")
    table.add_column("quotes", justify="right")
    for row in rows:
        table.add_row(
            row.id,
            str(row.published or "—"),
            row.outlet or "—",
            row.title or "—",
            str(row.figures) if row.has_report else "no report",
            str(row.quotes) if row.has_report else "",
        )
    console.print(table)


@command()
def rejections(db: DbOption = None, limit: LimitOption = 50) -> None:
    """List the most recent rejected input items and why they were rejected."""
    with _open_store(_settings(db)) as store:
        rows = store.rejections(limit=limit)
    table = Table(title="Rejected items, most recent first")
    for name in ("at", "source", "reason", "detail"):
        table.add_column(name, overflow="fold")
    for rejection, at in rows:
        table.add_row(at.strftime("%Y-%m-%d %H:%M"), rejection.source, rejection.reason, rejection.detail)
    console.print(table)


def _list_incidents(store: Store, limit: int) -> None:
    """Print the incidents table (wired by the clustering stage)."""
    from factledger.store.incidents import list_incidents

    rows = list_incidents(store, limit=limit)
    table = Table(title="Incidents, most recent first", expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("incident", overflow="fold", ratio=1, min_width=24)
    for name in ("killed", "injured", "reports"):
        table.add_column(name, justify="right", no_wrap=True)
    for row in rows:
        date = row["date_start"].isoformat() if row["date_start"] else "?"
        if row["date_end"] and row["date_end"] != row["date_start"]:
            date += f" .. {row['date_end'].isoformat()}"
        # The fact sheet's title says type, place and date in words; before reconciliation has run
        # (or when it is not built) fall back to the clustering stage's own columns.
        label = row.get("title") or f"{row['event_type']}, {row['place_name'] or '?'}"
        if row["linked"]:
            label += "\nlinked: " + ", ".join(row["linked"])
        table.add_row(
            row["id"],
            date,
            label,
            _count(row.get("killed_best")),
            _count(row.get("injured_best")),
            str(len(row["report_ids"])),
        )
    console.print(table)


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


@command()
def incidents(db: DbOption = None, limit: LimitOption = 50) -> None:
    """List incidents, most recent first."""
    with _open_store(_settings(db)) as store:
        _list_incidents(store, limit)


def _show_incident(store: Store, ident: str, as_json: bool = False) -> bool:
    """Print the fact sheet of incident ``ident``; False when there is no such incident."""
    from factledger.serve.render import render_fact_sheet
    from factledger.store import factsheets

    incident_id = factsheets.resolve_incident_id(store, ident)
    if incident_id is None:
        return False
    sheet = factsheets.fact_sheet(store, incident_id)
    if as_json:
        typer.echo(sheet.model_dump_json(indent=2))
    else:
        console.print(render_fact_sheet(sheet))
    return True


def _span_text(text: str, start: int, end: int, width: int = 160) -> str:
    snippet = " ".join(text[start:end].split())
    return snippet if len(snippet) <= width else snippet[: width - 1] + "…"


def _print_article(article: Article, full: bool) -> None:
    meta = Table.grid(padding=(0, 2))
    for label, value in (
        ("id", article.id),
        ("title", article.title),
        ("outlet", article.outlet),
        ("published", article.published),
        ("updated", article.updated),
        ("url", article.url),
        ("source", article.source),
        ("source id", article.external_id),
    ):
        if value:
            meta.add_row(Text(label, style="bold"), Text(str(value)))
    console.print(Panel(meta, title="Article", expand=False))
    body = article.text if full or len(article.text) <= 800 else article.text[:800] + " … (--full for all)"
    console.print(body, highlight=False)


def _figure_value(f: Figure) -> str:
    if f.value is None and f.low is not None:
        number = f"{f.low}-{f.high}"
    else:
        number = "" if f.value is None else str(f.value)
    if f.qualifier == Qualifier.EXACT:
        return number or "?"
    return f"{f.qualifier.value.replace('_', ' ')} {number}".strip()


def _print_report(report: Report, text: str, title: str | None = None) -> None:
    missing = [stage for stage, built in report.stages.items() if not built]
    if missing:
        console.print(f"[yellow]extraction stages not built yet:[/] {', '.join(missing)}")
    for mention in report.mentions:
        place = mention.place.name if mention.place else "?"
        date = mention.date.start if mention.date and mention.date.start else "?"
        console.print(f"[bold]incident {mention.index}[/]: {mention.event_type} at {place} on {date}")
    if report.figures:
        table = Table(title="Figures")
        table.add_column("figure", no_wrap=True)
        table.add_column("value", no_wrap=True)
        table.add_column("stated by", overflow="fold")
        table.add_column("status", no_wrap=True)
        table.add_column("evidence", overflow="fold", ratio=1)
        for f in report.figures:
            evidence = f.evidence or f.sentence
            table.add_row(
                f"{f.kind}" if f.group == "all" else f"{f.kind}/{f.group}",
                _figure_value(f),
                f"{f.source or '—'} ({f.party})",
                str(f.status),
                _span_text(f.stated_in(text, title), evidence.start, evidence.end),
            )
        console.print(table)
    if report.quotes:
        table = Table(title="Quotes")
        for name in ("speaker", "kind", "quote"):
            table.add_column(name, overflow="fold")
        for q in report.quotes:
            table.add_row(q.speaker_name or q.speaker or "—", str(q.kind), _span_text(q.text, 0, len(q.text)))
        console.print(table)


@command()
def show(
    ident: Annotated[
        str, typer.Argument(metavar="ID", help="Article id (or a unique prefix, or its source id).")
    ],
    db: DbOption = None,
    full: Annotated[bool, typer.Option("--full", help="Print the whole article text.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole fact sheet (or report) as JSON.")
    ] = False,
) -> None:
    """Show one incident's fact sheet, or one stored article with its report."""
    with _open_store(_settings(db)) as store:
        if _show_incident(store, ident, as_json):
            return
        if as_json:
            article_id = store.resolve_article_id(ident)
            try:
                report: Any = json.loads(store.report(article_id).model_dump_json())
            except NotFoundError:
                report = None
            article = json.loads(store.article(article_id).model_dump_json())
            typer.echo(json.dumps({"article": article, "report": report}, indent=2, ensure_ascii=False))
            return
        article = store.article(store.resolve_article_id(ident))
        _print_article(article, full)
        try:
            _print_report(store.report(article.id), article.text, article.title)
        except NotFoundError:
            console.print("[yellow]no report stored for this article[/]")


@command()
def changes(
    db: DbOption = None,
    incident: Annotated[str | None, typer.Option(help="Only this incident.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Only changes at or after this date (YYYY-MM-DD) or time (ISO 8601).")
    ] = None,
    limit: LimitOption = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON Lines.")] = False,
) -> None:
    """List how incident estimates changed as reports came in."""
    from factledger.serve.render import render_changes
    from factledger.store import factsheets

    when: dt.date | dt.datetime | None = None
    if since:
        try:
            when = (
                dt.datetime.fromisoformat(since)
                if "T" in since or " " in since
                else dt.date.fromisoformat(since)
            )
        except ValueError as exc:
            raise typer.BadParameter(f"not a date or time: {since!r}", param_hint="--since") from exc
    with _open_store(_settings(db)) as store:
        found = factsheets.list_changes(store, since=when, incident_id=incident, limit=limit)
    if as_json:
        for change in found:
            typer.echo(change.model_dump_json())
    elif not found:
        console.print("no changes recorded" + (f" since {since}" if since else ""))
    else:
        console.print(render_changes(found))


# ------------------------------------------------------------------------------------------- export


def _export_jsonl(store: Store, out: Any) -> int:
    count = 0
    page = 500
    while True:
        articles = store.articles(limit=page, offset=count)
        if not articles:
            return count
        reports_by_id = {r.article_id: r for r in store.reports(ids=[a.id for a in articles])}
        for article in articles:
            report = reports_by_id.get(article.id)
            record = {
                "article": article.model_dump(mode="json"),
                "report": report.model_dump(mode="json") if report else None,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1


def _incident_exporter(fmt: str) -> Callable[[Store, Any], int]:
    """An exporter of incidents and their fact sheets (serve.exports; docs/exports.md)."""

    def run(store: Store, out: Any) -> int:
        from factledger.serve import exports, queries

        count = 0

        def items() -> Iterator[tuple[Any, Any]]:
            nonlocal count
            for sheet in queries.fact_sheets(store, queries.IncidentFilter()):
                count += 1
                yield sheet, (queries.incident_record(store, sheet.incident_id) if fmt == "jsonl" else None)

        for chunk in exports.export(fmt, items()):
            out.write(chunk)
        return count

    return run


EXPORTERS: dict[str, Callable[[Store, Any], int]] = {
    "jsonl": _export_jsonl,
    "incidents": _incident_exporter("jsonl"),
    "csv": _incident_exporter("acled"),
    "acled": _incident_exporter("acled"),
    "ged": _incident_exporter("ged"),
    "geojson": _incident_exporter("geojson"),
}


@command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (articles and reports), incidents (JSON Lines of fact sheets), "
            "acled (CSV, also csv), ged (UCDP GED-style CSV), geojson.",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write [default: stdout].")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the ledger."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        err.print(f"[red]error:[/] unknown format {fmt!r}; formats: {', '.join(EXPORTERS)}")
        raise typer.Exit(int(ExitCode.USAGE))
    with _open_store(_settings(db)) as store:
        if output is None:
            exporter(store, typer.get_text_stream("stdout"))
            return
        with output.open("w", encoding="utf-8", newline="") as handle:
            count = exporter(store, handle)
    err.print(f"wrote {count} records to {output}")


@command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API and the web page (read-only unless the api_token setting is set)."""
    import uvicorn

    from factledger.serve.api import create_app

    settings = _settings(db)
    store = _open_store(settings)
    err.print(f"serving {store.url} on http://{host}:{port}/ (API schema at /api/docs)")
    uvicorn.run(create_app(store, settings), host=host, port=port, log_level="info")


# ------------------------------------------------------------------------------------------- evaluate


def _flatten(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(f"{prefix}.{key}" if prefix else str(key), inner)
    else:
        yield prefix, value


@command()
def evaluate(
    data_dir: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="A folder in the evaluation format.")
    ],
    task: Annotated[str, typer.Option("--task", "-t", help="figures, places, dates, types, clusters, ...")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object (metrics only) on stdout.")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N documents.")] = None,
    scales: Annotated[
        str | None,
        typer.Option(
            "--scales",
            help="speed only: ledger sizes, e.g. 1000,10000,100000, for seconds_per_report_at.",
        ),
    ] = None,
) -> None:
    """Measure the system on an annotated folder (see docs/evaluation.md)."""
    from factledger.evaluate import evaluate as run_evaluation

    settings = _settings()
    options: dict[str, Any] = {}
    if scales is not None:
        if task != "speed":
            raise typer.BadParameter("--scales applies to --task speed only", param_hint="--scales")
        try:
            options["scales"] = [int(v) for v in scales.split(",") if v.strip()]
        except ValueError as exc:
            raise typer.BadParameter(f"not a list of sizes: {scales!r}", param_hint="--scales") from exc
    with _progress() as bar:
        handle = bar.add_task(f"{task}: {data_dir.name}", total=None)
        result = run_evaluation(
            data_dir,
            task,
            limit=limit,
            cache_dir=Path(str(settings.cache_dir)).expanduser(),
            model=str(settings.spacy_model),
            progress=lambda done, total: bar.update(handle, completed=done, total=total),
            options=options,
        )
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, default=str))
    else:
        table = Table(title=f"evaluate {task} on {data_dir}")
        table.add_column("metric")
        table.add_column("value", justify="right")
        for key, value in _flatten("", result):
            table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
        console.print(table)
    if result.get("status") == "not built":
        raise typer.Exit(int(ExitCode.NOT_BUILT))


# ------------------------------------------------------------------------------------------- demo


def _examples_dir() -> Path:
    for candidate in (Path(__file__).resolve().parents[2] / "examples", Path.cwd() / "examples"):
        if (candidate / "metadata.jsonl").is_file():
            return candidate
    raise ConfigError("cannot find the examples/ folder; run the demo from a checkout of factledger")


@command()
def demo(
    db: DbOption = None,
    path: Annotated[Path | None, typer.Option(help="Demo corpus folder [default: examples/].")] = None,
) -> None:
    """Ingest the demo corpus (examples/) into the store and list the incidents it reports."""
    folder = path or _examples_dir()
    settings = _settings(db)
    console.print(f"Ingesting the demo corpus {folder} into {settings.db}")
    summary = _run_ingest([str(folder)], folder / "metadata.jsonl", settings)
    _print_summary(summary)
    with _open_store(settings) as store:
        try:
            _list_incidents(store, 20)
        except StageNotBuiltError as exc:
            console.print(f"[yellow]incidents:[/] {exc}; the stored reports:")
            reports(db=str(settings.db), limit=20, offset=0)


def main() -> None:
    app()
