"""Cheap access to a Doc's text and to the sentence around a token.

``Doc.text`` joins every token on each access, so it is kept in ``doc.user_data`` after the first.
The sentence around a token is found from ``Token.is_sent_start``.

spaCy's ``Token.sent``/``Span.sent`` walk the document's sentences from the start on every call,
which made quote finding quadratic in document length; scanning to the nearest boundaries is
linear in the sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["doc_text", "sentence_at"]

_TEXT_KEY = "factledger.text"


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence containing token ``i``."""
    start = i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (a Doc's text never changes)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text
