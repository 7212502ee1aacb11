"""Regex baseline for casualty figures: a number followed closely by a casualty word.

The kind of system the published reference points call "regex": one pattern, no syntax, no
qualifiers beyond the literal "at least"/"more than" in front of the number, no groups, no sources.
"""

from __future__ import annotations

import re

from factledger.extract.numbers import word_value
from factledger.models import Figure, FigureKind, Qualifier, TextSpan

__all__ = ["regex_figures"]

_NUMBER = (
    r"(?P<num>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_QUAL = r"(?P<qual>at least|more than|over|up to|about|around|nearly|almost)?\s*"
_KIND = (
    r"(?P<kind>killed|dead|died|deaths|killing|injured|wounded|hurt|injuring|wounding|injuries"
    r"|hospitali[sz]ed|missing|rescued)"
)
_PATTERN = re.compile(_QUAL + _NUMBER + r"\s+(?:\w+\s+){0,3}?" + _KIND, re.IGNORECASE)
_VERB_FIRST = re.compile(
    r"(?P<kind>killing|killed|wounding|injuring|injured|wounded)\s+" + _QUAL + _NUMBER, re.IGNORECASE
)

_KINDS = {
    "killed": FigureKind.KILLED,
    "dead": FigureKind.KILLED,
    "died": FigureKind.KILLED,
    "deaths": FigureKind.KILLED,
    "killing": FigureKind.KILLED,
    "injured": FigureKind.INJURED,
    "wounded": FigureKind.INJURED,
    "hurt": FigureKind.INJURED,
    "injuring": FigureKind.INJURED,
    "wounding": FigureKind.INJURED,
    "injuries": FigureKind.INJURED,
    "hospitalized": FigureKind.HOSPITALIZED,
    "hospitalised": FigureKind.HOSPITALIZED,
    "missing": FigureKind.MISSING,
    "rescued": FigureKind.RESCUED,
}
_QUALS = {
    "at least": Qualifier.AT_LEAST,
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "up to": Qualifier.UP_TO,
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "nearly": Qualifier.ABOUT,
    "almost": Qualifier.ABOUT,
}


def regex_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    taken: set[int] = set()
    for pattern in (_PATTERN, _VERB_FIRST):
        for m in pattern.finditer(text):
            if m.start("num") in taken:
                continue
            value = word_value(m.group("num"))
            if value is None:
                continue
            taken.add(m.start("num"))
            qual = (m.group("qual") or "").lower()
            figures.append(
                Figure(
                    kind=_KINDS[m.group("kind").lower()],
                    value=value,
                    qualifier=_QUALS.get(qual, Qualifier.EXACT),
                    sentence=TextSpan(start=m.start(), end=m.end()),
                    number=TextSpan(start=m.start("num"), end=m.end("num")),
                    evidence=TextSpan(start=m.start(), end=m.end()),
                )
            )
    return figures
