"""Plain spaCy dependency baseline for casualty figures.

A cardinal number whose head, or its head's head, has a casualty lemma is a figure of that kind;
the qualifier is read from the number's ``quantmod`` children. No groups, nesting, sources, status.
"""

from __future__ import annotations

from spacy.tokens import Doc

from factledger.extract.numbers import word_value
from factledger.models import Figure, FigureKind, Qualifier, TextSpan

__all__ = ["spacy_figures"]

_LEMMAS = {
    "kill": FigureKind.KILLED,
    "die": FigureKind.KILLED,
    "dead": FigureKind.KILLED,
    "death": FigureKind.KILLED,
    "injure": FigureKind.INJURED,
    "wound": FigureKind.INJURED,
    "injured": FigureKind.INJURED,
    "wounded": FigureKind.INJURED,
    "hurt": FigureKind.INJURED,
    "injury": FigureKind.INJURED,
    "hospitalize": FigureKind.HOSPITALIZED,
    "missing": FigureKind.MISSING,
    "rescue": FigureKind.RESCUED,
}
_QUANTMODS = {
    "least": Qualifier.AT_LEAST,
    "than": Qualifier.MORE_THAN,
    "more": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "nearly": Qualifier.ABOUT,
    "almost": Qualifier.ABOUT,
    "up": Qualifier.UP_TO,
}


def spacy_figures(doc: Doc) -> list[Figure]:
    figures: list[Figure] = []
    for token in doc:
        if token.ent_type_ not in ("CARDINAL", "") or not token.like_num:
            continue
        value = word_value(token.text)
        if value is None:
            continue
        kind = None
        for head in (token.head, token.head.head):
            kind = _LEMMAS.get(head.lemma_.lower())
            if kind is not None:
                break
        if kind is None:
            continue
        qualifier = Qualifier.EXACT
        for child in token.children:
            if child.dep_ in ("quantmod", "advmod") and child.lower_ in _QUANTMODS:
                qualifier = _QUANTMODS[child.lower_]
        sent = token.sent
        figures.append(
            Figure(
                kind=kind,
                value=value,
                qualifier=qualifier,
                sentence=TextSpan(start=sent.start_char, end=sent.end_char),
                number=TextSpan(start=token.idx, end=token.idx + len(token.text)),
            )
        )
    return figures
