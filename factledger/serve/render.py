"""Rich renderings of fact sheets and change records for the terminal (the CLI prints them)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factledger.formatting import describe_quantity, fmt_date
from factledger.models import Change, FactSheet, FigureEstimate, TimelineEntry

__all__ = ["render_changes", "render_fact_sheet"]


_RELATION_STYLE = {
    "first": "",
    "update": "bold green",
    "repeat": "dim",
    "detail": "dim",
    "earlier": "dim strike",
    "contradiction": "bold red",
    "claim": "magenta",
}


def _num(value: int | None, open_: str = "—") -> str:
    return open_ if value is None else str(value)


def _label(est: FigureEstimate) -> str:
    return est.kind.value if est.group == "all" else f"{est.kind.value} ({est.group})"


def _header(sheet: FactSheet) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    kind = sheet.event_type.value.replace("_", " ")
    if sheet.sub_event_type:
        kind += f" ({sheet.sub_event_type})"
    rows: list[tuple[str, str | None]] = [("incident", sheet.incident_id), ("type", kind)]
    if sheet.date is not None:
        d = sheet.date
        when = fmt_date(d.start) if d.start else d.raw
        if d.end and d.start and d.end != d.start:
            when += f" to {fmt_date(d.end)}"
        rows.append(("date", f"{when} (precision: {d.precision.value})"))
    if sheet.place is not None:
        p = sheet.place
        where = ", ".join(x for x in (p.name, p.admin1, p.country) if x)
        if p.lat is not None and p.lon is not None:
            where += f"  [{p.lat:.4f}, {p.lon:.4f}]"
        rows.append(("place", f"{where} (precision: {p.precision.value})"))
    if sheet.perpetrator:
        rows.append(
            ("perpetrator", sheet.perpetrator + ("  [contested]" if sheet.perpetrator_contested else ""))
        )
    if sheet.weapons:
        rows.append(("weapons", ", ".join(sheet.weapons)))
    if sheet.linked:
        rows.append(("linked", ", ".join(sheet.linked)))
    rows.append(
        (
            "reports",
            f"{len(sheet.sources)}, first {fmt_date(sheet.first_report)}, last {fmt_date(sheet.last_report)}",
        )
    )
    for label, value in rows:
        if value:
            grid.add_row(label, Text(value))
    return grid


def _estimates(sheet: FactSheet) -> Table:
    table = Table(title="Figures", title_justify="left", expand=True)
    table.add_column("figure", style="bold", no_wrap=True)
    table.add_column("low", justify="right")
    table.add_column("best", justify="right", style="bold")
    table.add_column("high", justify="right")
    table.add_column("why", overflow="fold", ratio=1)
    for est in sheet.figures:
        why = Text(est.best.reason)
        for note in (*est.warnings, *est.contradictions):
            why.append(f"\n⚠ {note}", style="yellow")
        if est.claims:
            why.append(f"\n{len(est.claims)} claim(s) kept apart", style="magenta")
        table.add_row(
            _label(est),
            _num(est.low.value),
            _num(est.best.value),
            _num(est.high.value, "open" if est.best.value is not None else "—"),
            why,
        )
    return table


def _snippet(entry: TimelineEntry, width: int = 220) -> str:
    """The sentence, or a window of it around the number when it is long."""
    text = entry.sentence
    if len(text) <= width:
        return text
    at = 0
    if entry.number_span is not None and entry.sentence_span is not None:
        at = max(entry.number_span.start - entry.sentence_span.start, 0)
    start = max(min(at - width // 2, len(text) - width), 0)
    return ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")


def _entry_row(entry: TimelineEntry) -> list[RenderableType]:
    who = entry.source or "unattributed"
    party = entry.party.value + (f", {entry.side}" if entry.side else "")
    # The sentence goes under its source, not in a column of its own: a narrow terminal would
    # otherwise squeeze it to one letter per line.
    stated = Text(f"{who} ({party})\n")
    stated.append(_snippet(entry), style="italic")
    return [
        f"{fmt_date(entry.published)}\n{entry.outlet or entry.report_id[:10]}",
        Text(describe_quantity(entry.qualifier, entry.value, entry.low, entry.high), style="bold"),
        Text(entry.relation, style=_RELATION_STYLE.get(entry.relation, "")),
        stated,
    ]


def _timeline(est: FigureEstimate) -> Table | None:
    entries = [*est.timeline, *est.claims]
    if not entries:
        return None
    table = Table(title=f"Timeline: {_label(est)}", title_justify="left", expand=True, show_lines=True)
    table.add_column("published", no_wrap=True)
    table.add_column("figure", no_wrap=True)
    table.add_column("relation", no_wrap=True)
    table.add_column("stated by, in the sentence", overflow="fold", ratio=1)
    for entry in entries:
        table.add_row(*_entry_row(entry))
    return table


def _damage(sheet: FactSheet) -> Table | None:
    if not sheet.damage:
        return None
    table = Table(title="Damage", title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_column("report")
    for d in sheet.damage:
        count = "" if d.count is None else describe_quantity(d.qualifier, d.count)
        table.add_row(d.what, count, (d.report_id or "")[:10])
    return table


def _quotes(sheet: FactSheet) -> Table | None:
    if not sheet.quotes:
        return None
    table = Table(title="Quotes by speaker", title_justify="left", expand=True)
    table.add_column("speaker", style="bold")
    table.add_column("quote", overflow="fold", ratio=1)
    table.add_column("report")
    last: str | None = None
    for q in sheet.quotes:
        speaker = q.speaker_name or q.speaker or "unknown"
        table.add_row("" if speaker == last else speaker, f"“{q.text}”", (q.report_id or "")[:10])
        last = speaker
    return table


def _sources(sheet: FactSheet) -> Table:
    table = Table(title="Sources", title_justify="left", expand=True)
    for name in ("published", "outlet", "report", "title / url"):
        table.add_column(name, overflow="fold")
    for s in sheet.sources:
        table.add_row(fmt_date(s.published), s.outlet or "—", s.report_id, s.title or s.url or "")
    return table


def render_fact_sheet(sheet: FactSheet) -> RenderableType:
    parts: list[RenderableType] = [_header(sheet), _estimates(sheet)]
    for est in sheet.figures:
        timeline = _timeline(est)
        if timeline is not None:
            parts.append(timeline)
    for extra in (_damage(sheet), _quotes(sheet)):
        if extra is not None:
            parts.append(extra)
    parts.append(_sources(sheet))
    return Panel(Group(*parts), title=Text(sheet.title, style="bold"), title_align="left")


def render_changes(changes: Sequence[Change]) -> RenderableType:
    table = Table(title="Changes", title_justify="left", expand=True)
    for name in ("at", "incident", "field", "change", "report"):
        table.add_column(name, overflow="fold")
    for c in changes:
        table.add_row(
            c.at.strftime("%Y-%m-%d %H:%M"),
            c.incident_id,
            c.field,
            f"{_num(c.old)} -> {_num(c.new)}",
            c.report_id or "",
        )
    return table
