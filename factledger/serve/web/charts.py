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

W, H = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 34, 14, 18, 30


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


def _x_positions(points: list[_Point]) -> list[float]:
    days = [p.entry.published for p in points]
    width = W - LEFT - RIGHT
    known = [d for d in days if d is not None]
    if len(set(known)) < 2 or len(known) != len(days):
        # Not enough dates to scale by time: spread in order.
        step = width / max(len(points) - 1, 1)
        return [LEFT + (i * step if len(points) > 1 else width / 2) for i in range(len(points))]
    first, last = min(known), max(known)
    span = (last - first).days or 1
    xs: list[float] = []
    seen: dict[dt.date, int] = {}
    for day in known:
        offset = seen.get(day, 0)
        seen[day] = offset + 1
        xs.append(LEFT + (day - first).days / span * width + offset * 8)
    return [min(x, W - RIGHT) for x in xs]


def _date_label(day: dt.date | None) -> str:
    return day.strftime("%-d %b") if day is not None else "undated"


def timeline_svg(est: FigureEstimate, label: str) -> Markup:
    """The timeline of one estimate as an inline ``<svg>``; empty when it has no stated value."""
    points = [_Point(e, v, False) for e in est.timeline if (v := _value(e)) is not None]
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

    xs = _x_positions(points)
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
        parts.append(
            f'<text class="best-label" x="{W - RIGHT}" y="{yb + 13:.1f}" text-anchor="end">best {best}</text>'
        )
    line = [p for p in placed if not p.claim and p.entry.relation != "contradiction"]
    if len(line) > 1:
        coords = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in line)
        parts.append(f'<polyline class="trend" points="{coords}"/>')
    last_label_x = -100.0
    for p in placed:
        e = p.entry
        sent, num = e.sentence_span, e.number_span
        target = anchor("s", e.report_id, sent.start, sent.end) if sent else ""
        number = anchor("n", e.report_id, num.start, num.end) if num else ""
        css = "pt claim" if p.claim else ("pt contra" if e.relation == "contradiction" else "pt")
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
        if p.x - last_label_x > 40:
            parts.append(
                f'<text class="tick" x="{p.x:.1f}" y="{H - 10}" text-anchor="middle">'
                f"{escape(_date_label(e.published))}</text>"
            )
            last_label_x = p.x
    parts.append("</svg>")
    return Markup("".join(parts))
