"""``factledger_mentions`` (last): event cues grouped into the incidents a report describes.

Mention 0 is the report's primary incident: the one its lead is about. Cues naming another town, or
the same town on another day, open further mentions ("just two days after a missile strike on
Kryvyi Rih": an earlier incident, told in passing). Each mention gets its type (refined by every
weapon its sentences name), place (role ``incident``), date, perpetrator, weapons, damage and names,
and every figure is pointed at the mention of the event it hangs on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from factledger import geo
from factledger.extract.components.events import in_org
from factledger.extract.components.figure_scene import figure_scene
from factledger.extract.components.incident_date import fallback_date
from factledger.extract.components.mention_type import GENERIC_TYPES, mention_type, own_weapons
from factledger.extract.cues import EventCue
from factledger.extract.extensions import doc_list, sentence_of
from factledger.extract.extensions import sentences as all_sentences
from factledger.extract.lexicon import word_set
from factledger.models import (
    DatePrecision,
    EventDate,
    Figure,
    IncidentMention,
    Place,
    PlacePrecision,
    Quote,
    TextSpan,
    Weapon,
)

__all__ = ["MentionsComponent", "distance_km"]

_LEAD_SENTENCES = 3
_SAME_PLACE_KM = 25.0
_SAME_TOWN_KM = 3.0
_LOCAL = (PlacePrecision.TOWN, PlacePrecision.ADDRESS, PlacePrecision.DISTRICT)
_DEFINITE = frozenset({"the", "this", "that", "its", "his", "her", "their", "whose"})
_WORDS = "mention_words.json"
_CAPTION = re.compile(
    r"\b(?:photo|picture|image)\s*:|\b(?:photo|picture|image)\b[^.\n]{0,60}?\b(?:shows|showing)\b",
    re.IGNORECASE,
)
_SAME_DAY_APART = re.compile(
    r"\b(?:hours?|minutes?)\s+(?:after|before|earlier|later)\b|\b(?:earlier|later)\s+(?:in|on|that)\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS = re.compile(
    r"\b(?:\d+|a|one|two|three|four|five|six|seven|several|few)\s+(?:days?|weeks?|months?)\s+"
    r"(?:earlier|ago|before|prior|after)\b|\b(?:the\s+)?(?:previous|preceding)\s+(?:day|week|night)\b"
    r"|\bthe\s+day\s+before\b",
    re.IGNORECASE,
)


def distance_km(a: Place, b: Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return geo.distance_km(a.lat, a.lon, b.lat, b.lon)


def _same_place(a: Place | None, b: Place | None) -> bool | None:
    """True/False when both are local places; None when either says too little to tell."""
    if a is None or b is None or a.precision not in _LOCAL or b.precision not in _LOCAL:
        return None
    d = distance_km(a, b)
    return None if d is None else d <= _SAME_PLACE_KM


def _day(date: EventDate | None) -> dt.date | None:
    if date is None or date.precision != DatePrecision.DAY:
        return None
    return date.start


@dataclass
class _Group:
    cues: list[int] = field(default_factory=list)
    place: Place | None = None
    date: EventDate | None = None


def _definite(cue: EventCue) -> bool:
    doc = cue.span.doc
    for tok in reversed(list(doc[max(sentence_of(cue.span).start, cue.span.start - 4) : cue.span.start])):
        if tok.lower_ in _DEFINITE:
            return True
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "PUNCT"):
            break
    return False


def _hours_apart(cue: EventCue) -> bool:
    """ "hours after a missile struck", "Earlier in the evening, the missile strike": an event placed
    hours from another of the same day, in the words of the cue's own clause."""
    sent = sentence_of(cue.span)
    before = cue.span.doc.text[sent.start_char : cue.span.start_char]
    return _SAME_DAY_APART.search(before) is not None


def _later_other(cue: EventCue, g: _Group, cues: list[EventCue]) -> bool:
    """ "Later on Friday, a drone attack", "hours after a ballistic missile struck": another incident
    the same day, of another kind, not more of this one."""
    later = cue.date is not None and cue.date.raw.casefold().startswith("later")
    if not (later or _hours_apart(cue)):
        return False
    head = cues[g.cues[0]].event_type
    return cue.event_type not in GENERIC_TYPES and head not in GENERIC_TYPES and cue.event_type != head


def _told_earlier(cue: EventCue) -> bool:
    """ "Two days earlier, a drone attack killed four", "a week before the strike, a missile hit":
    an indefinite event placed days away from the report's own, told in passing."""
    if _definite(cue):
        return False
    sent = sentence_of(cue.span)
    before = cue.span.doc.text[sent.start_char : cue.span.start_char]
    for m in _RELATIVE_DAYS.finditer(before):
        # "two days after a strike on X": X's strike is the earlier one; but in "two days after
        # the strike, a drone attack ...", the event after the comma is the later, reported one.
        if m.group(0).casefold().endswith("after") and "," in before[m.end() :]:
            continue
        return True
    return False


def _landmark(doc: Doc, p: Place | None) -> bool:
    """ "a village near the port city of Odesa", "Moscow said": a place that is not the scene."""
    if p is None:
        return False
    span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in word_set(_WORDS, "speech_verbs"):
        return True  # "Moscow said the strike hit a restaurant": a government speaking
    if root.dep_ == "poss" and root.head.lemma_.lower() in word_set(_WORDS, "authorities"):
        return True  # "a spokesman for Odesa's regional administration": who speaks, not where
    for k, tok in enumerate(root.ancestors):
        if k >= 4 or tok.pos_ in ("VERB", "AUX"):
            break
        if tok.lower_ in word_set(_WORDS, "landmark_prepositions"):
            return True
    return False


def _said_on(doc: Doc, date: EventDate | None) -> bool:
    """ "the ministry said on Wednesday that 471 were killed": the day of the statement."""
    if date is None or date.span is None:
        return False
    span = doc.char_span(date.span.start, date.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    for tok in span.root.ancestors:
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() in word_set(_WORDS, "speech_verbs")
    return False


def _grouping_view(cue: EventCue) -> tuple[Place | None, EventDate | None]:
    """The place and date a cue is grouped by, without landmarks and statement days."""
    doc = cue.span.doc
    place = None if _landmark(doc, cue.place) else cue.place
    date = None if _said_on(doc, cue.date) else cue.date
    return place, date


def _other_day(a: EventDate | None, b: EventDate | None) -> bool:
    """Two known days that differ; a night attack may be dated by its evening or its morning."""
    d1, d2 = _day(a), _day(b)
    if a is None or b is None or d1 is None or d2 is None or d1 == d2:
        return False
    overnight = "night" in a.raw.casefold() or "night" in b.raw.casefold()
    return not (overnight and abs((d1 - d2).days) == 1)


def _caption(cue: EventCue) -> bool:
    """ "Handout photo taken on May 2 shows rescuers after a strike in X": a picture's caption, often
    of another day's attack, not the report's own incident."""
    text = sentence_of(cue.span).text
    return _CAPTION.search(text) is not None


def _group(cues: list[EventCue], primary: int) -> list[_Group]:
    head_place, head_date = _grouping_view(cues[primary])
    groups = [_Group(cues=[primary], place=head_place, date=head_date)]
    for i, cue in enumerate(cues):
        if i == primary:
            continue
        target: int | None = None
        earlier = _told_earlier(cue) or _caption(cue)
        cue_place, cue_date = _grouping_view(cue)
        for g_index, g in enumerate(groups):
            if earlier and g_index == 0:
                continue
            same = _same_place(cue_place, g.place)
            differ = _other_day(cue_date, g.date)
            if same is False:
                continue
            if same is True and differ and not _definite(cue):
                continue
            if same is None and differ:
                continue
            if _later_other(cue, g, cues):
                continue
            target = g_index
            break
        if target is None:
            if cue_place is None and cue_date is None and not earlier:
                target = 0
            else:
                groups.append(_Group())
                target = len(groups) - 1
        g = groups[target]
        g.cues.append(i)
        if g.place is None and cue_place is not None and cue_place.precision in _LOCAL:
            g.place = cue_place
        if g.date is None and _day(cue_date) is not None and not cue.is_background:
            g.date = cue_date
    return groups


def _primary_index(cues: list[EventCue], doc: Doc) -> int:
    sents = list(all_sentences(doc))
    lead_end = sents[min(_LEAD_SENTENCES, len(sents)) - 1].end if sents else len(doc)
    lead = [i for i, c in enumerate(cues) if c.span.start < lead_end and not c.is_background]
    typed = [i for i in lead if cues[i].event_type not in GENERIC_TYPES]
    if typed:
        return typed[0]
    if lead:
        return lead[0]
    rest = [i for i, c in enumerate(cues) if not c.is_background]
    return rest[0] if rest else 0


def _inside(p: Place, area: Place | None) -> bool:
    if area is None:
        return False
    if area.precision == PlacePrecision.COUNTRY:
        return p.country_code == area.country_code
    if area.precision in (PlacePrecision.REGION, PlacePrecision.DISTRICT) and area.admin1:
        return p.country_code == area.country_code and p.admin1 == area.admin1
    return False


def _is_dateline(doc: Doc, p: Place) -> bool:
    """ "Mosul, March 3 (Agency) --", "LIMA -": where the story was filed, not where it happened."""
    line_start = doc.text.rfind("\n", 0, p.span.start) + 1
    if doc.text[line_start : p.span.start].strip():
        return False
    rest = doc.text[p.span.end : p.span.end + 30]
    return bool(rest[:1] in {",", " ", ":"} and any(c in rest for c in ("—", "–", "--", "(", ":", " - ")))


def _fallback_place(
    doc: Doc, places: list[Place], area: Place | None = None, sentences: list[Span] | None = None
) -> Place | None:
    """The most likely incident place among a report's local places, else its region or country."""
    if not places:
        # A page that kept only its headline ("4 people shot in southeast Atlanta"): the headline's
        # place (its span indexes the title, not the text).
        headline: list[Place] = doc._.title_places or []
        return headline[0] if headline else None
    sents = list(all_sentences(doc))
    lead_end = sents[min(_LEAD_SENTENCES, len(sents)) - 1].end_char if sents else len(doc.text)
    ctx = doc._.country_context
    titled = {(p.lat, p.lon) for p in doc._.title_places or ()}
    local = [p for p in places if p.precision in _LOCAL]
    if local:
        counts: dict[tuple[float | None, float | None], int] = {}
        for p in local:
            counts[(p.lat, p.lon)] = counts.get((p.lat, p.lon), 0) + 1
        group_sents = sentences or []

        def score(p: Place) -> float:
            s = min(counts[(p.lat, p.lon)], 4) * 1.0
            if any(x.start_char <= p.span.start < x.end_char for x in group_sents):
                s += 3
            if p.span.start < lead_end:
                s += 2
            if ctx is not None and p.country_code == ctx:
                s += 2
            if _inside(p, area):
                s += 3
            if (p.lat, p.lon) in titled:
                s += 4
            if _is_dateline(doc, p) and (ctx is None or p.country_code != ctx):
                s -= 6
            if area is not None and area.country_code and p.country_code != area.country_code:
                s -= 6
            return s - p.span.start / 100000

        best = max(local, key=score)
        regional = area is not None and area.precision in (PlacePrecision.REGION, PlacePrecision.DISTRICT)
        if regional and not _inside(best, area):
            return area  # "a village in the Sagaing region": the region, not a town elsewhere
        if score(best) > 0 or area is None:
            return best
    if area is not None:
        return area
    regions = [p for p in places if p.precision == PlacePrecision.REGION]
    return (regions or places)[0]


def _lead_cue_place(cues: list[EventCue], primary: int, area: Place | None, lead_end: int) -> Place | None:
    """The first local place an event word of the lead is tied to (the headline may name none)."""
    for cue in cues:
        if cue.span.start_char >= lead_end or cue.is_background or cue.place is None:
            continue
        if cue.place.precision in _LOCAL and (area is None or _inside(cue.place, area)):
            return cue.place
    return None


def _headline_place(doc: Doc, places: list[Place], cue: EventCue, current: Place | None) -> Place | None:
    """A town named in the headline (the first line) is where the report's incident is, unless the
    primary event word itself sits in the headline with its own place."""
    titled = [p for p in doc._.title_places or () if p.precision in _LOCAL]
    if titled and (current is None or all((current.lat, current.lon) != (t.lat, t.lon) for t in titled)):
        for p in places:
            if any((p.lat, p.lon) == (t.lat, t.lon) for t in titled):
                return p
    end = doc.text.find("\n")
    if end < 0 or end > 250:
        return None
    if cue.span.start_char < end and current is not None and current.span.start < end:
        return None
    ctx = doc._.country_context
    heads = [
        p
        for p in places
        if p.span.start < end
        and p.precision in _LOCAL
        and (ctx is None or p.country_code == ctx)
        and not in_org(doc, p)
    ]
    if not heads:
        return None
    repeated = [h for h in heads if sum(1 for p in places if p.lat == h.lat and p.lon == h.lon) > 1]
    return repeated[0] if repeated else None


def _names(doc: Doc, sentences: list[Span]) -> tuple[str, ...]:
    names: list[str] = []
    for sent in sentences:
        for ent in sent.ents:
            if ent.label_ in ("PERSON", "FAC", "ORG") and ent.text not in names:
                names.append(ent.text)
    return tuple(names[:10])


def _mention(
    index: int,
    g: _Group,
    cues: list[EventCue],
    doc: Doc,
    weapons: list[Weapon],
    damage: list[object],
    place: Place | None,
    date: EventDate | None,
) -> IncidentMention:
    members = [cues[i] for i in g.cues]
    head = members[0]
    sents: list[Span] = []
    for c in members:
        if sentence_of(c.span) not in sents:
            sents.append(sentence_of(c.span))
    sents.sort(key=lambda s: s.start)
    foreign = [c for i, c in enumerate(cues) if (i not in g.cues or c.is_background) and c is not head]
    in_sents = own_weapons(weapons, sents, foreign)
    etype = mention_type(members, foreign, weapons, sents, primary=index == 0)
    perp = next((c for c in members if c.perpetrator), None)
    dmg = tuple(
        d
        for d in damage
        if hasattr(d, "span") and any(s.start_char <= d.span.start < s.end_char for s in sents)
    )
    return IncidentMention(
        index=index,
        event_type=etype,
        sub_event_type=head.sub_event_type,
        trigger=head.span.text,
        trigger_span=TextSpan(start=head.span.start_char, end=head.span.end_char),
        place=place.model_copy(update={"role": "incident"}) if place is not None else None,
        date=date,
        perpetrator=perp.perpetrator if perp else None,
        perpetrator_span=(
            TextSpan(start=perp.perpetrator_span.start_char, end=perp.perpetrator_span.end_char)
            if perp and perp.perpetrator_span is not None
            else None
        ),
        weapons=tuple(in_sents),
        targets=tuple(dict.fromkeys(t for c in members for t in c.targets)),
        damage=dmg,
        names=_names(doc, sents),
        sentences=tuple(TextSpan(start=s.start_char, end=s.end_char) for s in sents),
    )


def _relation(primary: EventDate | None, other: EventDate | None) -> str:
    a, b = _day(primary), _day(other)
    if a is None or b is None or a == b:
        return "other"
    return "earlier" if b < a else "later"


def _same_town(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return False
    d = distance_km(a, b)
    return d is not None and d <= _SAME_TOWN_KM


def _scene_mention(fig: Figure, scene: Place, current: int, mentions: list[IncidentMention]) -> int:
    """The mention of the town a figure's clause names: an existing one, or a new one when the
    figure's incident sits in another town ("In Samar, two people were also killed")."""
    for m in mentions:
        if _same_town(m.place, scene):
            return m.index
    here = mentions[current].place if mentions else None
    if here is None or here.precision not in _LOCAL or distance_km(here, scene) is None:
        return current
    index = len(mentions)
    mentions.append(
        IncidentMention(
            index=index,
            place=scene.model_copy(update={"role": "incident"}),
            sentences=(fig.sentence,),
            relation="other",
        )
    )
    return index


def _assign_figures(
    doc: Doc, groups: list[_Group], cue_to_mention: dict[int, int], mentions: list[IncidentMention]
) -> None:
    figures: list[Figure] = doc_list(doc, "figures")
    if not figures:
        return
    figure_cues: list[int | None] = doc_list(doc, "figure_cues")
    places: list[Place] = doc_list(doc, "places")
    updated: list[Figure] = []
    for k, fig in enumerate(figures):
        if fig.in_title:
            updated.append(fig)  # the headline tells the report's own incident
            continue
        cue = figure_cues[k] if k < len(figure_cues) else None
        mention = cue_to_mention.get(cue) if cue is not None else None
        if mention is None:
            mention = _mention_of_offset(fig.sentence.start, mentions)
        scene = figure_scene(doc, fig, places)
        if scene is not None and mentions:
            mention = _scene_mention(fig, scene, mention, mentions)
        updated.append(fig if fig.mention == mention else fig.model_copy(update={"mention": mention}))
    doc._.figures = updated


def _mention_of_offset(offset: int, mentions: list[IncidentMention]) -> int:
    for m in mentions:
        if any(s.start <= offset < s.end for s in m.sentences):
            return m.index
    # Nearest preceding mention sentence: a figure usually follows the event it counts.
    best, best_start = 0, -1
    for m in mentions:
        for s in m.sentences:
            if best_start < s.start <= offset:
                best, best_start = m.index, s.start
    return best


def _assign_quotes(doc: Doc, mentions: list[IncidentMention]) -> None:
    quotes: list[Quote] = doc_list(doc, "quotes")
    if not quotes or len(mentions) < 2:
        if quotes and mentions:
            doc._.quotes = [
                q if q.mention is not None else q.model_copy(update={"mention": 0}) for q in quotes
            ]
        return
    updated = []
    for q in quotes:
        inside = [m.index for m in mentions if any(s.start <= q.span.start < s.end for s in m.sentences)]
        updated.append(q.model_copy(update={"mention": inside[0]}) if len(inside) == 1 else q)
    doc._.quotes = updated


class MentionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        cues: list[EventCue] = doc_list(doc, "events")
        places: list[Place] = doc_list(doc, "places")
        dates: list[EventDate] = doc_list(doc, "dates")
        weapons: list[Weapon] = doc_list(doc, "weapons")
        damage: list[object] = doc_list(doc, "damage")
        if not cues:
            doc._.mentions = self._without_cues(doc, places, dates)
            _assign_figures(doc, [], {}, doc._.mentions)
            return doc
        primary = _primary_index(cues, doc)
        groups = _group(cues, primary)
        mentions: list[IncidentMention] = []
        cue_to_mention: dict[int, int] = {}
        sents = list(all_sentences(doc))
        lead_end = sents[min(_LEAD_SENTENCES + 2, len(sents)) - 1].end_char if sents else len(doc.text)
        for index, g in enumerate(groups):
            for c in g.cues:
                cue_to_mention[c] = index
            place = g.place
            date = g.date
            if index == 0:
                member_sents = sorted(
                    {sentence_of(cues[c].span).start: sentence_of(cues[c].span) for c in g.cues}.values(),
                    key=lambda s: s.start,
                )
                if place is None or place.precision not in _LOCAL:
                    area = place or cues[primary].place
                    place = _lead_cue_place(cues, primary, area, lead_end) or _fallback_place(
                        doc, places, area, member_sents
                    )
                place = _headline_place(doc, places, cues[primary], place) or place
                date = date or fallback_date(doc, dates, member_sents[:1] + sents[:_LEAD_SENTENCES])
            m = _mention(index, g, cues, doc, weapons, damage, place, date)
            if index > 0:
                m = m.model_copy(update={"relation": _relation(mentions[0].date, m.date)})
            mentions.append(m)
        doc._.mentions = mentions
        _assign_figures(doc, groups, cue_to_mention, mentions)
        _assign_quotes(doc, mentions)
        return doc

    def _without_cues(self, doc: Doc, places: list[Place], dates: list[EventDate]) -> list[IncidentMention]:
        place = _fallback_place(doc, places)
        date = fallback_date(doc, dates, list(all_sentences(doc))[:_LEAD_SENTENCES])
        if place is None and date is None:
            return []
        return [
            IncidentMention(
                index=0, place=place.model_copy(update={"role": "incident"}) if place else None, date=date
            )
        ]


@Language.factory(
    "factledger_mentions",
    assigns=["doc._.mentions", "doc._.figures", "doc._.quotes"],
    requires=["doc._.events", "doc._.places", "doc._.dates"],
)
def make_mentions(nlp: Language, name: str) -> MentionsComponent:
    return MentionsComponent()
