"""Quoted regions of a text: pairs of quotation marks, found on characters alone.

Handles curly double quotes, straight double quotes, doubled apostrophes used as double quotes
(``''like this''``), and single quotes (curly or straight) that are not apostrophes. Straight marks
carry no direction, so a mark opens when it follows a space or an opening bracket and closes when it
follows a word or punctuation. Single quotes inside a double-quoted region are nested quotes and do
not start a region. A quote left open at the end of a paragraph whose next paragraph opens with a
quotation mark continues there (the newspaper convention for multi-paragraph quotes): each
paragraph's part is its own region, linked to the previous one by ``continues``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuotedRegion", "find_quoted_regions"]

_OPEN_DOUBLE = "“„«"
_CLOSE_DOUBLE = "”»"
_OPEN_SINGLE = "‘"
_CLOSE_SINGLE = "’"
_OPENERS_BEFORE = " \t\n([{—–-/"
_MAX_SINGLE_CHARS = 400


@dataclass(frozen=True)
class QuotedRegion:
    start: int
    """First character inside the marks."""
    end: int
    """Character after the last one inside the marks (the closing mark's position)."""
    open_mark: int
    close_mark: int
    """Position after the closing mark (== ``end`` when the quote ran to the paragraph's end)."""
    double: bool
    continues: bool = False
    """The previous paragraph's quote continues here."""


def _is_open_position(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before in _OPENERS_BEFORE or before in _OPEN_DOUBLE) and not after.isspace()


def _is_close_position(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _paragraph_double(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(open mark position, mark width, close mark position or -1) of double quotes in a paragraph."""
    found: list[tuple[int, int, int]] = []
    open_at = -1
    open_width = 0
    i = start
    while i < end:
        ch = text[i]
        width = 2 if ch == "'" and text.startswith("''", i) else 1
        is_double = ch == '"' or ch in _OPEN_DOUBLE or ch in _CLOSE_DOUBLE or width == 2
        if not is_double:
            i += 1
            continue
        if open_at < 0:
            opens = ch in _OPEN_DOUBLE or (ch not in _CLOSE_DOUBLE and _is_open_position(text, i, width))
            if opens:
                open_at, open_width = i, width
        else:
            closes = ch in _CLOSE_DOUBLE or (ch not in _OPEN_DOUBLE and _is_close_position(text, i, width))
            if closes:
                found.append((open_at, open_width, i))
                open_at = -1
            elif ch in _OPEN_DOUBLE or _is_open_position(text, i, width):
                # Two openers in a row: the first quote lost its closing mark; restart here.
                open_at, open_width = i, width
        i += width
    if open_at >= 0:
        found.append((open_at, open_width, -1))
    return found


def _paragraph_single(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    open_at = -1
    for i in range(start, end):
        ch = text[i]
        if ch not in "'‘’" or text.startswith("''", i) or (i > 0 and text[i - 1] == "'" and ch == "'"):
            continue
        if open_at < 0:
            if (ch == "‘" or ch == "'") and _is_open_position(text, i, 1) and text[i + 1 : i + 2].isalpha():
                open_at = i
        elif i - open_at > _MAX_SINGLE_CHARS:
            open_at = -1
        elif (ch == "’" or ch == "'") and _is_close_position(text, i, 1):
            after = text[i + 1 : i + 2]
            before = text[i - 1]
            # "voters' " is a possessive; a closing quote follows a word end and precedes punctuation
            # or a space, so only a following letter rules it out.
            if not after.isalpha() and not (before == "s" and after == " " and text[i + 2 : i + 3].islower()):
                found.append((open_at, i))
                open_at = -1
    return found


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def find_quoted_regions(text: str) -> list[QuotedRegion]:
    """Quoted regions in text order (top-level only: nested quotes are part of their outer quote)."""
    regions: list[QuotedRegion] = []
    carried = False
    for p_start, p_end in _paragraphs(text):
        doubles = _paragraph_double(text, p_start, p_end)
        first_char = text[p_start:p_end].lstrip()[:1]
        continues = carried and (first_char in _OPEN_DOUBLE or first_char == '"' or first_char == "'")
        carried = False
        covered: list[tuple[int, int]] = []
        for k, (open_at, width, close_at) in enumerate(doubles):
            if close_at < 0:
                # Unclosed: runs to the paragraph end, and may continue in the next paragraph.
                inner_end = p_end
                while inner_end > open_at + width and text[inner_end - 1].isspace():
                    inner_end -= 1
                carried = True
                regions.append(
                    QuotedRegion(open_at + width, inner_end, open_at, inner_end, True, continues and k == 0)
                )
                covered.append((open_at, p_end))
            else:
                regions.append(
                    QuotedRegion(
                        open_at + width, close_at, open_at, close_at + width, True, continues and k == 0
                    )
                )
                covered.append((open_at, close_at + width))
        for open_at, close_at in _paragraph_single(text, p_start, p_end):
            if any(s <= open_at < e for s, e in covered):
                continue
            regions.append(QuotedRegion(open_at + 1, close_at, open_at, close_at + 1, False))
    regions.sort(key=lambda r: r.start)
    return regions
