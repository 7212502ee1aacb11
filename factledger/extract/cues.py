"""Records components pass to each other inside one Doc (not part of the stage contract).

``doc._.events`` holds :class:`EventCue` (set by the events component); ``doc._.figure_cues`` holds,
parallel to ``doc._.figures``, the index in ``doc._.events`` of the event a figure is about, or
``None`` when the figure hangs on no event word (set by the figures component). The mentions
component groups cues into incident mentions and sets each ``Figure.mention`` from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from factledger.extract.extensions import sentence_of
from factledger.models import EventDate, EventType, Place, Weapon

__all__ = ["EventCue"]


@dataclass
class EventCue:
    span: Span
    """The trigger ("strike", "shelling", "shot", "explosion")."""
    event_type: EventType
    sub_event_type: str | None = None
    weapons: list[Weapon] = field(default_factory=list)
    perpetrator: str | None = None
    perpetrator_span: Span | None = None
    place: Place | None = None
    date: EventDate | None = None
    targets: list[str] = field(default_factory=list)
    is_background: bool = False
    """Generic or cumulative mention ("the war", "repeated attacks") rather than one incident."""

    @property
    def sent_start(self) -> int:
        return int(sentence_of(self.span).start_char)
