"""The event type of one incident mention, from its cues and the weapons its sentences name.

The nearest evidence wins: the weapons of the head cue's own sentence type a generic head ("in the
deadliest attack in months, air raids on the depot killed 30") before weapons named sentences later
("the rebels have fired missiles at ships for a year", background). A weapon inside another event's
own phrase ("a general who died in a drone strike five years ago", a background or separate
incident) types that event, not this one.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from factledger.extract.components.events import trigger_needs_weapon, type_of_weapons
from factledger.extract.cues import EventCue
from factledger.extract.extensions import sentence_of
from factledger.models import EventType, Weapon

__all__ = ["GENERIC_TYPES", "mention_type", "own_weapons"]

GENERIC_TYPES = (EventType.ATTACK, EventType.OTHER)


def _inside(w: Weapon, spans: Sequence[Span]) -> bool:
    return any(s.start_char <= w.span.start < s.end_char for s in spans)


def own_weapons(
    weapons: Sequence[Weapon], sentences: Sequence[Span], foreign: Sequence[EventCue]
) -> list[Weapon]:
    """The weapons of ``sentences`` that are not inside the trigger phrase of a ``foreign`` cue."""
    phrases = [c.span for c in foreign]
    return [w for w in weapons if _inside(w, sentences) and not _inside(w, phrases)]


def mention_type(
    members: Sequence[EventCue],
    foreign: Sequence[EventCue],
    weapons: Sequence[Weapon],
    sentences: Sequence[Span],
    *,
    primary: bool,
) -> EventType:
    """The type of the incident told by ``members`` (head first); ``foreign`` are the report's other
    cues (of other incidents, or background), whose own weapon words are not this incident's."""
    head = members[0]
    in_sents = own_weapons(weapons, sentences, foreign)
    by_head = type_of_weapons(own_weapons(in_sents, [sentence_of(head.span)], foreign))
    by_weapons = by_head or type_of_weapons(in_sents)
    etype = head.event_type
    if by_weapons is not None and (etype in GENERIC_TYPES or trigger_needs_weapon(head.sub_event_type)):
        etype = by_weapons
    if etype in GENERIC_TYPES:
        typed = [c.event_type for c in members if c.event_type not in GENERIC_TYPES]
        if typed:
            etype = typed[0]
    if type_of_weapons(in_sents) == EventType.SUICIDE_BOMB:
        return EventType.SUICIDE_BOMB  # "a drone attack" cannot outweigh suicide belts named nearby
    if etype in GENERIC_TYPES and primary:
        # The report's weapons, when its lead names none.
        etype = type_of_weapons(own_weapons(weapons, [head.span.doc[:]], foreign)) or etype
    return etype
