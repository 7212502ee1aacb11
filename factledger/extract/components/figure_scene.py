"""Where a casualty figure says its victims were: the town its own clause names, if any.

"Two people were also killed in the town of Samar, ten kilometres from the city" is about Samar
whichever event word the sentence hangs on; "In Kyiv, six children were among the injured" is about
Kyiv. The mentions component uses this to move a figure to the incident of that town.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from factledger.extract.components.events import in_org
from factledger.extract.lexicon import word_set
from factledger.models import Figure, Place, PlacePrecision, TextSpan

__all__ = ["figure_scene", "tree_distance"]

_WORDS = "mention_words.json"
_MAX_DISTANCE = 6


def tree_distance(a: Token, b: Token) -> int:
    """Dependency edges between two tokens of one sentence (a large number when unrelated)."""
    up_b = {t.i: k for k, t in enumerate((b, *b.ancestors))}
    for k, t in enumerate((a, *a.ancestors)):
        if t.i in up_b:
            return k + up_b[t.i]
    return 1000


def _clause(tok: Token) -> int:
    """The verb heading the clause a token stands in (the sentence root when there is none)."""
    for t in (tok, *tok.ancestors):
        if t.pos_ in ("VERB", "AUX"):
            return int(t.i)
    return int(tok.sent.root.i)


def _same_clause(place: Token, number: Token) -> bool:
    """One clause, or a participle hanging on the place's verb ("struck X, killing two")."""
    a, b = _clause(place), _clause(number)
    if a == b:
        return True
    verb = number.doc[b]
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i == a


def _scene_token(tok: Token) -> bool:
    """ "in Kyiv", "at Samar", "in the town of Samar": a place where something happened."""
    head = tok.head
    while head.dep_ in ("compound", "appos", "conj") and head.i != head.head.i:
        head = head.head  # "in the capital Kyiv"
    if tok.dep_ in ("compound", "appos") and head.dep_ == "pobj":
        tok = head
        head = head.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in word_set(_WORDS, "settlements"):
        tok, head = head.head, head.head.head  # "the city of Samar"
    if tok.dep_ == "dobj" and head.lemma_.lower() in word_set(_WORDS, "attack_verbs"):
        return True  # "troops attacked the city of Samar"
    return tok.dep_ == "pobj" and head.lower_ in word_set(_WORDS, "scene_prepositions")


def _token(doc: Doc, span: TextSpan) -> Token | None:
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return s.root if s is not None and len(s) else None


def figure_scene(doc: Doc, fig: Figure, places: list[Place]) -> Place | None:
    """The town nearest (in the parse) to the figure's number among those its sentence places it in."""
    number = _token(doc, fig.number)
    if number is None:
        return None
    best: tuple[int, Place] | None = None
    for p in places:
        if p.precision != PlacePrecision.TOWN or not fig.sentence.start <= p.span.start < fig.sentence.end:
            continue
        tok = _token(doc, p.span)
        if tok is None or not _scene_token(tok) or in_org(doc, p):
            continue
        d = tree_distance(number, tok)
        # Its own clause only: "the toll reached 30, even as another attack killed three in X".
        if _same_clause(tok, number) and d <= _MAX_DISTANCE and (best is None or d < best[0]):
            best = (d, p)
    return best[1] if best else None
