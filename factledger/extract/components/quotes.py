"""``factledger_quotes``: direct and partial quotes, reported speech and "according to", with speakers.

Sets ``doc._.quotes`` (list[:class:`~factledger.models.Quote`], in text order). Finding is in
:mod:`factledger.extract.quotes.find`; speakers are resolved to the report's actors (``doc._.actors``,
from ``factledger_actors``) by :class:`~factledger.extract.quotes.speakers.SpeakerResolver`:
names directly, pronouns to the last named speaker, role descriptions ("the mayor", "the Ukrainian
president") to the one actor holding the role. ``Quote.speaker`` stays as written.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from factledger.extract.components.actors import actor_index
from factledger.extract.quotes.find import find_attributions
from factledger.extract.quotes.sentences import doc_text
from factledger.extract.quotes.speakers import Resolved, SpeakerResolver
from factledger.models import Quote, TextSpan

__all__ = ["make_quotes"]

log = logging.getLogger(__name__)


def make_quotes(doc: Doc) -> list[Quote]:
    found = find_attributions(doc)
    text = doc_text(doc)
    resolver = SpeakerResolver(doc, actor_index(doc))
    resolved: dict[int, Resolved] = {}
    order = sorted(range(len(found)), key=lambda i: (found[i].start, found[i].kind != "direct"))
    quotes: dict[int, Quote] = {}
    for i in order:
        f = found[i]
        speaker = f.speaker
        res = Resolved(None, None)
        if speaker is not None:
            res = resolver.resolve(speaker)
        elif f.follows is not None and f.follows in quotes:
            prior = quotes[f.follows]
            res = resolved.get(f.follows, Resolved(None, None))
            if prior.speaker_span is not None:
                speaker = doc.char_span(prior.speaker_span.start, prior.speaker_span.end)
        resolved[i] = res
        quotes[i] = Quote(
            text=text[f.start : f.end],
            span=TextSpan(start=f.start, end=f.end),
            kind=f.kind,
            speaker=speaker.text if speaker is not None else None,
            speaker_span=TextSpan(start=speaker.start_char, end=speaker.end_char)
            if speaker is not None
            else None,
            speaker_key=res.key,
            speaker_name=res.name,
            cue=f.cue.text if f.cue is not None else None,
            cue_span=TextSpan(start=f.cue.start_char, end=f.cue.end_char) if f.cue is not None else None,
        )
    return [quotes[i] for i in order]


class QuotesComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = make_quotes(doc)
        return doc


@Language.factory(
    "factledger_quotes",
    assigns=["doc._.quotes"],
    requires=["doc._.actors", "token.dep", "doc.sents"],
)
def _make_component(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp, name)
