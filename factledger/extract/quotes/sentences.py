"""The sentence around a token, found from ``Token.is_sent_start``.

spaCy's ``Token.sent``/``Span.sent`` walk the document's sentences from the start on every call,
which made quote finding quadratic in document length; scanning to the nearest boundaries is
linear in the sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["sentence_at"]


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence containing token ``i``."""
    start = i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]
