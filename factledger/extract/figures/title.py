"""The headline as a statement of its own: "1 Dead, 6 Hurt in Overnight Shooting", "Man Killed, Boy
Injured".

Many reports put the toll in the headline and tell the victims one by one in the text, so the
headline is read for figures too. It is parsed apart from the text (the text's parse is cached and
its offsets are the evidence users see), and its figures carry ``in_title``: their spans index the
title. They only fill gaps: a kind and group the text states itself is taken from the text, which
says it with its source and qualifier.
"""

from __future__ import annotations

from factledger.models import Figure, FigureStatus

__all__ = ["for_parsing", "is_in_text", "title_gaps"]

_TITLE_CASE_SHARE = 0.6


def is_in_text(title: str, text: str) -> bool:
    """Whether the text repeats the headline at its start (then the text's figures are the title's)."""
    return title.strip() in text[: len(title) + 200]


def for_parsing(title: str) -> str:
    """The headline in sentence case when it is written in title case, which the tagger reads as
    a row of proper nouns ("Man Killed, Boy Injured"); same length, so spans stay valid."""
    words = [w for w in title.split() if w[:1].isalpha()]
    if not words:
        return title
    capitalised = sum(1 for w in words if w[0].isupper())
    if capitalised / len(words) < _TITLE_CASE_SHARE:
        return title
    lowered = title[0] + title[1:].lower()
    return lowered if len(lowered) == len(title) else title


def title_gaps(body: list[Figure], title: list[Figure]) -> list[Figure]:
    """The title's current figures of a kind and group the body does not state, marked ``in_title``."""
    stated = {(f.kind, f.group) for f in body if f.status == FigureStatus.CURRENT}
    kept: list[Figure] = []
    for figure in title:
        key = (figure.kind, figure.group)
        if figure.status != FigureStatus.CURRENT or key in stated:
            continue
        stated.add(key)
        kept.append(figure.model_copy(update={"in_title": True, "mention": 0}))
    return kept
