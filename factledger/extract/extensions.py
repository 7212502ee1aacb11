"""Every custom ``Doc``/``Span``/``Token`` attribute factledger uses, declared in one place.

Components read and write only these. List-valued attributes default to ``None`` (a shared mutable
default would leak between documents); read them through :func:`doc_list`, which gives an empty
list when a component has not set the attribute.
``force=True`` makes registration idempotent, so importing this module twice is harmless.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span, Token

__all__ = ["DOC_LIST_ATTRS", "doc_list", "register_extensions", "sentence_index", "sentence_of", "sentences"]

# Doc attributes holding lists of contract types (factledger.models) or component-internal records.
DOC_LIST_ATTRS: tuple[str, ...] = (
    "places",  # list[Place]: every place mention, gazetteer-resolved
    "dates",  # list[EventDate]: every date expression, resolved against the publication date
    "events",  # list[extract.components.events.EventCue]: event triggers with type, weapons, perpetrator
    "weapons",  # list[Weapon]
    "damage",  # list[Damage]
    "actors",  # list[Actor]: people and organisations, normalised
    "figures",  # list[Figure]
    "quotes",  # list[Quote]
    "mentions",  # list[IncidentMention]: the incidents the report describes, primary first
    "figure_cues",  # list[int | None]: parallel to figures, index into events of the figure's event
    "quantities",  # list[Span]: number expressions ("at least 16", "dozens"), span._.quantity set
)

_DOC_SCALARS: dict[str, Any] = {
    "article_id": None,  # str | None
    "published": None,  # datetime.date | None: publication date, as the source gives it
    "written": None,  # datetime.date | None: the day it was written, the anchor of relative dates
    "title": None,  # str | None
    "url": None,  # str | None: the report's web address
    "stages": None,  # dict[str, bool]: extraction stage -> built
    "country_context": None,  # str | None: ISO country code the report is mostly about
    "title_places": None,  # list[Place] | None: places named in the headline (spans index the title)
}

_SPAN_ATTRS: dict[str, Any] = {
    "place": None,  # Place | None: gazetteer resolution of a place-name span
    "number_value": None,  # int | None: value of a number expression
    "quantity": None,  # extract.numbers.Quantity | None: a number expression with qualifier/range
    "figure_kind": None,  # FigureKind | None: casualty word class
    "actor_key": None,  # str | None: Actor.key of a name span
}

_TOKEN_ATTRS: dict[str, Any] = {
    "number_value": None,  # int | None: value of a number word or digit token
    "in_quote": False,  # bool: inside quotation marks
}


def register_extensions() -> None:
    for name in DOC_LIST_ATTRS:
        Doc.set_extension(name, default=None, force=True)
    for name, default in _DOC_SCALARS.items():
        Doc.set_extension(name, default=default, force=True)
    for name, default in _SPAN_ATTRS.items():
        Span.set_extension(name, default=default, force=True)
    for name, default in _TOKEN_ATTRS.items():
        Token.set_extension(name, default=default, force=True)


def doc_list(doc: Doc, name: str) -> list[Any]:
    """The list stored in ``doc._.<name>``, or an empty list if no component set it."""
    value = getattr(doc._, name)
    return [] if value is None else list(value)


# ``doc.sents`` and ``span.sent`` walk every token of the Doc on each access, which made sentence
# lookups the largest cost of extraction. Boundaries are computed once per Doc and kept as plain
# ints in ``user_data`` (Spans there would be deep-copied with ``Doc.copy``).
_SENT_KEY = "factledger.sentence_bounds"


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    cached = doc.user_data.get(_SENT_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1], cached[2], cached[3]
    starts: list[int] = []
    ends: list[int] = []
    token_sentence = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        starts.append(sent.start)
        ends.append(sent.end)
        for i in range(sent.start, sent.end):
            token_sentence[i] = number
    doc.user_data[_SENT_KEY] = (len(doc), starts, ends, token_sentence)
    return starts, ends, token_sentence


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences (same as ``list(doc.sents)``), computed once per Doc."""
    starts, ends, _ = _sentence_bounds(doc)
    return [doc[s:e] for s, e in zip(starts, ends, strict=True)]


def sentence_index(doc: Doc, token_i: int) -> int:
    """Number of the sentence holding token ``token_i``."""
    return _sentence_bounds(doc)[2][token_i]


def sentence_of(item: Token | Span) -> Span:
    """The sentence holding a token or the start of a span (same as ``.sent``), without a Doc walk."""
    doc = item.doc
    i = item.i if isinstance(item, Token) else item.start
    starts, ends, token_sentence = _sentence_bounds(doc)
    number = token_sentence[i]
    return doc[starts[number] : ends[number]]


register_extensions()
