"""Hand-built articles and reports for reconciliation tests (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from factledger.models import (
    Article,
    Damage,
    EventType,
    Figure,
    FigureKind,
    FigureStatus,
    Incident,
    IncidentMention,
    MentionRef,
    Party,
    Qualifier,
    Quote,
    Report,
    TextSpan,
)

STAGES = {"figures": True, "places": True, "dates": True, "events": True, "mentions": True}


@dataclass
class Doc:
    """Builds an article text sentence by sentence and figures pointing into it."""

    id: str
    published: dt.date | None
    outlet: str | None = "example.org"
    sentences: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    damage: dict[int, list[Damage]] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)

    def sentence(self, text: str) -> TextSpan:
        start = len(self.text) + (1 if self.sentences else 0)
        self.sentences.append(text)
        return TextSpan(start=start, end=start + len(text))

    def span_of(self, needle: str, within: TextSpan) -> TextSpan:
        start = self.text.index(needle, within.start)
        return TextSpan(start=start, end=start + len(needle))

    def figure(
        self,
        sentence: str,
        number: str,
        kind: FigureKind = FigureKind.KILLED,
        value: int | None = None,
        *,
        mention: int = 0,
        **fields: Any,
    ) -> Figure:
        """Adds a sentence (or reuses the last one when equal) and a figure on ``number`` in it."""
        if self.sentences and self.sentences[-1] == sentence:
            end = len(self.text)
            sent = TextSpan(start=end - len(sentence), end=end)
        else:
            sent = self.sentence(sentence)
        fig = Figure(
            kind=kind,
            value=value,
            sentence=sent,
            number=self.span_of(number, sent),
            mention=mention,
            **fields,
        )
        self.figures.append(fig)
        return fig

    def add_damage(
        self, sentence: str, what: str, count: int | None = None, mention: int = 0, **kw: Any
    ) -> None:
        sent = (
            self.sentence(sentence)
            if not self.sentences or self.sentences[-1] != sentence
            else TextSpan(start=len(self.text) - len(sentence), end=len(self.text))
        )
        self.damage.setdefault(mention, []).append(
            Damage(what=what, count=count, span=self.span_of(what, sent), **kw)
        )

    def article(self) -> Article:
        return Article(id=self.id, text=self.text, outlet=self.outlet, published=self.published, title=None)

    def report(self, mentions: list[IncidentMention] | None = None) -> Report:
        mentions = mentions or [IncidentMention(index=0)]
        mentions = [m.model_copy(update={"damage": tuple(self.damage.get(m.index, ()))}) for m in mentions]
        return Report(
            article_id=self.id,
            published=self.published,
            mentions=tuple(mentions),
            figures=tuple(self.figures),
            quotes=tuple(self.quotes),
            stages=dict(STAGES),
        )


def incident(*refs: tuple[str, int], id: str = "inc-1", event_type: EventType = EventType.OTHER) -> Incident:
    return Incident(
        id=id, mentions=tuple(MentionRef(report_id=r, mention=m) for r, m in refs), event_type=event_type
    )


__all__ = [
    "STAGES",
    "Doc",
    "FigureKind",
    "FigureStatus",
    "Party",
    "Qualifier",
    "incident",
]
