"""Children named one by one inside a toll: "including a 15-year-old girl", "a child is among the
wounded". Each such mention says at least one child was among the counted; two named children
("an 11-year-old girl and a 14-year-old boy") say two.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from factledger.extract.figures.anchor import CueMap
from factledger.extract.figures.lexicon import figure_lexicon
from factledger.extract.numbers import Quantity
from factledger.models import FigureKind, Qualifier

__all__ = ["SingleChild", "single_children"]

_NEST_WORDS = frozenset({"including", "among", "incl"})
_ARTICLES = frozenset({"a", "an"})


@dataclass(frozen=True)
class SingleChild:
    span: Span
    """From the article to the last child noun ("a 15-year-old girl")."""
    quantity: Quantity
    parent: int | None
    """Token the group hangs on (the head of "including"), when the kind comes from a figure."""
    kind: FigureKind | None
    cue: int | None


def _is_child(token: Token, nouns: frozenset[str]) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in nouns and token.tag_ == "NN"


def _has_article(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _ARTICLES for c in token.children)


def single_children(doc: Doc, cues: CueMap) -> list[SingleChild]:
    nouns = figure_lexicon().child_nouns
    found: list[SingleChild] = []
    for token in doc:
        if not _is_child(token, nouns) or not _has_article(token) or token.dep_ == "conj":
            continue
        group = [token, *(c for c in token.conjuncts if _is_child(c, nouns) and _has_article(c))]
        start = min(t.left_edge.i for t in group)
        end = max(t.i for t in group) + 1
        count = len(group)
        qualifier = Qualifier.AT_LEAST if count == 1 else Qualifier.EXACT
        quantity = Quantity(count, qualifier, 0, end - start)
        head = token.head
        if head.lower_ in _NEST_WORDS and token.dep_ == "pobj":
            if head.lower_ == "among":
                continue
            found.append(SingleChild(doc[start:end], quantity, head.head.i, None, None))
            continue
        if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("AUX", "VERB"):
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "among":
                    for obj in child.children:
                        if obj.dep_ == "pobj" and obj.i in cues:
                            found.append(SingleChild(doc[start:end], quantity, None, cues[obj.i], obj.i))
    return found
