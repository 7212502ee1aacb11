"""The ``factledger_numbers`` component: number expressions as spans with their parsed quantity.

Sets ``doc._.quantities`` (one Span per expression, within a sentence, with ``span._.quantity`` and
``span._.number_value``) and ``token._.number_value`` on every token of a number. Later components
(figures, damage counts) read these instead of re-parsing numbers.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from factledger.extract import extensions as _extensions  # noqa: F401  (declares the attributes)
from factledger.extract.extensions import sentences as all_sentences
from factledger.extract.numbers import find_quantities, word_value

__all__ = ["NumbersComponent", "make_numbers"]


class NumbersComponent:
    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        sentences = all_sentences(doc) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sentences:
            words = [t.text for t in sent]
            for quantity in find_quantities(words):
                span = doc[sent.start + quantity.start : sent.start + quantity.end]
                span._.quantity = quantity
                span._.number_value = quantity.best
                spans.append(span)
                for token in span:
                    value = word_value(token.text)
                    if value is not None:
                        token._.number_value = value
        doc._.quantities = spans
        return doc


@Language.factory(
    "factledger_numbers",
    assigns=["doc._.quantities", "span._.quantity", "span._.number_value", "token._.number_value"],
)
def make_numbers(nlp: Language, name: str) -> NumbersComponent:
    return NumbersComponent()
