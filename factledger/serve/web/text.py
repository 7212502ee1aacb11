"""A report's text as HTML with the spans the page links to: sentences stating figures, numbers, quotes.

Spans are nested into elements; a span that crosses another (starts inside it, ends outside) is left
unmarked rather than breaking the HTML. Every id a link points at is made by :func:`anchor`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from markupsafe import Markup, escape

__all__ = ["Mark", "anchor", "mark_text"]


def anchor(prefix: str, report_id: str, start: int, end: int) -> str:
    """The element id of a span of one report ("s" sentences, "n" numbers, "q" quotes)."""
    return f"{prefix}-{report_id}-{start}-{end}"


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    tag: str
    css: str
    id: str | None = None
    title: str | None = None

    def open(self) -> str:
        attrs = f' class="{escape(self.css)}"'
        if self.id:
            attrs += f' id="{escape(self.id)}"'
        if self.title:
            attrs += f' title="{escape(self.title)}"'
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def mark_text(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with ``marks`` wrapped around their spans (outer spans first when nested)."""
    unique: dict[tuple[int, int, str], Mark] = {}
    for mark in marks:
        # Spans may carry the blank lines around a sentence; a highlight should not.
        start, end = mark.start, mark.end
        while start < end and start < len(text) and text[start].isspace():
            start += 1
        while end > start and end <= len(text) and text[end - 1].isspace():
            end -= 1
        if 0 <= start < end <= len(text):
            unique.setdefault((start, end, mark.css), replace(mark, start=start, end=end))
    ordered = sorted(unique.values(), key=lambda m: (m.start, -m.end))
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(str(escape(text[pos : top.end])))
            out.append(top.close())
            pos = top.end

    for mark in ordered:
        close_until(mark.start)
        if stack and mark.end > stack[-1].end:
            continue  # crosses the enclosing span
        out.append(str(escape(text[pos : mark.start])))
        out.append(mark.open())
        pos = mark.start
        stack.append(mark)
    close_until(len(text))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
