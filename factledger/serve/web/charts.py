"""Inline SVG timelines of a figure: each stated value in the order reports gave it (16 then 18).

Drawn on the server so the page needs no chart library: points are links to the sentence that states
them, the best estimate is a dashed line, the low-high range a band, claims of parties red diamonds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from factledger.models import FigureEstimate, Qualifier, TimelineEntry
from factledger.serve.web.text import anchor

__all__ = ["qualified", "timeline_svg"]

_PREFIX = {
    Qualifier.AT_LEAST: "≥",
    Qualifier.MORE_THAN: ">",
    Qualifier.UP_TO: "≤",
    Qualifier.ABOUT: "~",
    Qualifier.FEWER_THAN: "<",
}

TREND = frozenset({"first", "update", "repeat"})
"""Relations of the figures the trend line joins: what the reports said the toll was, in order."""
HIDDEN = frozenset({"detail"})
"""Relations not drawn: a detail is a part of the toll (six of them children), charted in its group."""

W, H = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 34, 52, 18, 30


def qualified(entry: TimelineEntry) -> str:
    """A figure as stated, shortly: "≥16", "10-12", "dozens"."""
    if entry.qualifier == Qualifier.RANGE and entry.low is not None and entry.high is not None:
        return f"{entry.low}–{entry.high}"
    if entry.value is None:
        return entry.qualifier.value if entry.qualifier != Qualifier.EXACT else "?"
    return _PREFIX.get(entry.qualifier, "") + str(entry.value)


def _value(entry: TimelineEntry) -> int | None:
    if entry.value is not None:
        return entry.value
    if entry.high is not None:
        return entry.high
    return entry.low


@dataclass(frozen=True)
class _Point:
    entry: TimelineEntry
    value: int
    claim: bool
    x: float = 0.0
    y: float = 0.0


def _x_positions(n: int) -> list[float]:
    # In order of publication, evenly: several reports a day would pile up on a time scale.
    width = W - LEFT - RIGHT - 12
    if n == 1:
        return [LEFT + width / 2]
    return [LEFT + 14 + i * (width - 8) / (n - 1) for i in range(n)]


def _date_label(day: dt.date | None) -> str:
    return day.strftime("%-d %b") if day is not None else "undated"


def timeline_svg(est: FigureEstimate, label: str) -> Markup:
    """The timeline of one estimate as an inline ``<svg>``; empty when it has no stated value."""
    claimed = {(c.report_id, c.number_span) for c in est.claims}
    points = [
        _Point(e, v, False)
        for e in est.timeline
        if e.relation not in HIDDEN
        and (e.report_id, e.number_span) not in claimed
        and (v := _value(e)) is not None
    ]
    points += [_Point(e, v, True) for e in est.claims if (v := _value(e)) is not None]
    if not points:
        return Markup("")
    points.sort(key=lambda p: (p.entry.published or dt.date.max, p.claim))
    # Scale to the estimate and the timeline; a party's far larger claim is pinned to the top edge
    # rather than flattening the timeline into the axis.
    scale = [p.value for p in points if not p.claim] + [
        v for v in (est.high.value, est.best.value) if v is not None
    ]
    top_value = max(scale or [p.value for p in points])
    top_value = max(top_value, 1)
    height = H - TOP - BOTTOM

    def y_of(value: int) -> float:
        return TOP + height - min(value, top_value) / top_value * height

    xs = _x_positions(len(points))
    placed = [_Point(p.entry, p.value, p.claim, x, y_of(p.value)) for p, x in zip(points, xs, strict=True)]
    parts: list[str] = [
        f'<svg class="timeline" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(label)} over time">',
        f"<title>{escape(label)}: figures in the order reports stated them</title>",
        f'<line class="axis" x1="{LEFT}" y1="{TOP + height}" x2="{W - RIGHT}" y2="{TOP + height}"/>',
        f'<text class="tick" x="{LEFT - 6}" y="{TOP + height + 4}" text-anchor="end">0</text>',
        f'<text class="tick" x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{top_value}</text>',
    ]
    low, high, best = est.low.value, est.high.value, est.best.value
    if low is not None and high is not None and high > low:
        parts.append(
            f'<rect class="band" x="{LEFT}" y="{y_of(high):.1f}" width="{W - LEFT - RIGHT}" '
            f'height="{y_of(low) - y_of(high):.1f}"><title>low {low} – high {high}</title></rect>'
        )
    if best is not None:
        yb = y_of(best)
        parts.append(f'<line class="best" x1="{LEFT}" y1="{yb:.1f}" x2="{W - RIGHT}" y2="{yb:.1f}"/>')
        parts.append(f'<text class="best-label" x="{W - RIGHT + 6}" y="{yb + 4:.1f}">best {best}</text>')
    line = [p for p in placed if not p.claim and p.entry.relation in TREND]
    if len(line) > 1:
        coords = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in line)
        parts.append(f'<polyline class="trend" points="{coords}"/>')
    last_day: dt.date | str | None = "none yet"
    for p in placed:
        e = p.entry
        sent, num = e.sentence_span, e.number_span
        target = anchor("s", e.report_id, sent.start, sent.end) if sent else ""
        number = anchor("n", e.report_id, num.start, num.end) if num else ""
        css = "pt claim" if p.claim else f"pt rel-{e.relation}"
        tip = f"{qualified(e)} — {e.source or e.outlet or 'unattributed'}, {_date_label(e.published)}"
        if e.sentence:
            tip += f": “{e.sentence}”"
        parts.append(
            f'<a class="fig-link" href="#{escape(target)}" data-target="{escape(target)}" '
            f'data-number="{escape(number)}">'
            f"<title>{escape(tip)}</title>"
        )
        if p.claim:
            r = 6
            parts.append(
                f'<polygon class="{css}" points="{p.x:.1f},{p.y - r:.1f} {p.x + r:.1f},{p.y:.1f} '
                f'{p.x:.1f},{p.y + r:.1f} {p.x - r:.1f},{p.y:.1f}"/>'
            )
        else:
            parts.append(f'<circle class="{css}" cx="{p.x:.1f}" cy="{p.y:.1f}" r="5.5"/>')
        parts.append(
            f'<text class="val" x="{p.x:.1f}" y="{p.y - 9:.1f}" text-anchor="middle">'
            f"{escape(qualified(e))}{' ↑' if p.value > top_value else ''}</text>"
        )
        parts.append("</a>")
        if e.published != last_day:
            parts.append(
                f'<text class="tick" x="{p.x:.1f}" y="{H - 10}" text-anchor="middle">'
                f"{escape(_date_label(e.published))}</text>"
            )
            last_day = e.published
    parts.append("</svg>")
    return Markup("".join(parts))
