"""``factledger_events``: event cues (triggers with type, weapons, perpetrator, place, date, targets).

Triggers and weapon words are data (``data/event_triggers.json``, ``data/weapons.json``). A generic
trigger ("strike", "attack", "hit") takes its type from the weapons of its sentence: a strike by a
drone is an air or drone strike, by a ballistic missile a missile attack. The perpetrator is taken
as stated, from a demonym or named group before the trigger ("a Russian missile strike") or an
agent after it ("by Russian forces"). Also sets ``doc._.weapons``; damage is
``factledger_damage``'s (``damage.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from factledger.extract.components.dates import is_calendar_day
from factledger.extract.cues import EventCue
from factledger.extract.extensions import doc_list, sentence_of
from factledger.extract.lexicon import data_file
from factledger.models import (
    DatePrecision,
    EventDate,
    EventType,
    Place,
    PlacePrecision,
    TextSpan,
    Weapon,
)

_MAX_DAYS_BACK = 30
"""A date a month or more before publication is background (the invasion, a campaign's start)."""

__all__ = ["EventsComponent", "coarse_class", "trigger_needs_weapon", "type_of_weapons"]


@dataclass(frozen=True)
class _Lex:
    triggers: dict[str, str]
    phrase_re: re.Pattern[str]
    weak: frozenset[str]
    background: tuple[str, ...]
    targets: tuple[str, ...]
    weapons: tuple[tuple[re.Pattern[str], str, str], ...]
    weapon_re: re.Pattern[str]
    category_types: dict[str, EventType]
    demonyms: dict[str, str]
    explosions: frozenset[str]
    agent_verbs: frozenset[str]
    past_heads: frozenset[str]
    past_units: frozenset[str]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    t = data_file("event_triggers.json")
    w = data_file("weapons.json")
    triggers = {str(k): str(v) for k, v in t["triggers"].items()}
    phrases = sorted((k for k in triggers if " " in k or "-" in k), key=len, reverse=True)
    # Plurals too: "drone attacks" is the phrase "drone attack", not the weapon-typed word "attacks".
    phrase_re = re.compile(
        r"\b(?P<phrase>" + "|".join(re.escape(p) for p in phrases) + r")(?:s|es)?\b", re.IGNORECASE
    )
    weapons = tuple((re.compile(rf"\b(?:{p})\b", re.IGNORECASE), str(n), str(c)) for p, n, c in w["weapons"])
    weapon_re = re.compile(
        r"\b(?:" + "|".join(f"(?P<w{i}>{p})" for i, (p, _, _) in enumerate(w["weapons"])) + r")\b",
        re.IGNORECASE,
    )
    return _Lex(
        triggers=triggers,
        phrase_re=phrase_re,
        weak=frozenset(str(x) for x in t["weak"]),
        background=tuple(str(x) for x in t["background_words"]),
        targets=tuple(sorted((str(x) for x in t["targets"]), key=len, reverse=True)),
        weapons=weapons,
        weapon_re=weapon_re,
        category_types={str(k): EventType(v) for k, v in w["category_types"].items()},
        demonyms={str(k): str(v) for k, v in data_file("demonyms.json").items()},
        explosions=frozenset(str(x) for x in t.get("explosion_words", ())),
        agent_verbs=frozenset(str(x) for x in t.get("weapon_agent_verbs", ())),
        past_heads=frozenset(str(x) for x in t.get("past_heads", ())),
        past_units=frozenset(str(x) for x in t.get("past_units", ())),
    )


# Which weapon category decides a sentence's type when several are named: a strike by "missiles
# and drones" is a missile attack in ACLED's coding; firearms only when nothing heavier is named.
_CATEGORY_RANK = (
    "suicide_bomb",
    "glide_bomb",
)
_CATEGORY_RANK_REST = (
    "suicide_bomb",
    "ballistic_missile",
    "cruise_missile",
    "missile",
    "mlrs",
    "rocket",
    "glide_bomb",
    "aerial_bomb",
    "drone",
    "artillery",
    "cluster_munition",
    "explosive",
    "grenade",
    "firearm",
    "blade",
)

_COARSE = {
    EventType.AIR_DRONE_STRIKE: "air_drone_strike",
    EventType.SHELLING_ARTILLERY_MISSILE: "missile_artillery",
    EventType.REMOTE_EXPLOSIVE: "bombing",
    EventType.SUICIDE_BOMB: "bombing",
    EventType.GRENADE: "bombing",
    EventType.SHOOTING: "shooting",
    EventType.MASS_KILLING: "shooting",
    EventType.ARMED_CLASH: "shooting",
    EventType.NATURAL_DISASTER: "disaster",
    EventType.ACCIDENT: "other",
    EventType.ATTACK: "other",
    EventType.OTHER: "other",
}


def coarse_class(event_type: EventType | str | None) -> str:
    """Our EventType on FORMAT.md's coarse classes (air_drone_strike, missile_artillery, ...)."""
    if event_type is None:
        return "other"
    return _COARSE.get(EventType(event_type), "other")


def type_of_weapons(weapons: list[Weapon]) -> EventType | None:
    lex = _lex()
    cats = {w.category for w in weapons}
    if cats & {"glide_bomb", "aerial_bomb", "drone"}:
        cats.discard("explosive")  # "bombs" dropped from the air are not a bombing
    for cat in _CATEGORY_RANK + _CATEGORY_RANK_REST:
        if cat in cats:
            return lex.category_types.get(cat)
    return None


def trigger_needs_weapon(key: str | None) -> bool:
    """Whether a trigger's type comes from the weapons around it ("strike", "attack", "hit")."""
    return key is not None and _lex().triggers.get(key) == "weapon"


def find_weapons(doc: Doc) -> list[Weapon]:
    lex = _lex()
    found: list[Weapon] = []
    for m in lex.weapon_re.finditer(doc.text):
        group = next(k for k, v in m.groupdict().items() if v is not None)
        _, name, category = lex.weapons[int(group[1:])]
        raw = m.group(0)
        if (
            category == "explosive"
            and raw.casefold().startswith("bomb")
            and "glide" in doc.text[max(0, m.start() - 7) : m.start()].casefold()
        ):
            continue
        found.append(
            Weapon(raw=raw, name=name, category=category, span=TextSpan(start=m.start(), end=m.end()))
        )
    return found


def _trigger_spans(doc: Doc) -> list[tuple[Span, str]]:
    lex = _lex()
    found: list[tuple[Span, str]] = []
    taken: set[int] = set()
    for m in lex.phrase_re.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        found.append((span, " ".join(m.group("phrase").casefold().split())))
        taken.update(range(span.start, span.end))
    for tok in doc:
        if tok.i in taken:
            continue
        key = tok.lower_ if tok.lower_ in lex.triggers else tok.lemma_.casefold()
        if key not in lex.triggers:
            continue
        if key in {"shot", "shoot"} and tok.pos_ not in ("VERB", "NOUN", "AUX"):
            continue
        if key == "target" and tok.pos_ == "NOUN":
            continue
        if key in {"fire", "fired", "launch"} and tok.pos_ != "VERB":
            continue
        found.append((doc[tok.i : tok.i + 1], key))
    found.sort(key=lambda p: p[0].start)
    return found


# Dependents that open another clause: weapons inside them belong to another event ("drones
# attacked the city hours after a ballistic missile struck it").
_OTHER_CLAUSE = frozenset({"advcl", "ccomp", "relcl", "pcomp", "conj", "parataxis", "acl"})


def _clause_weapons(span: Span, weapons: list[Weapon]) -> list[Weapon]:
    """Weapons in the trigger's own phrase or clause: its subtree without embedded clauses, plus the
    subject of a verbal trigger."""
    root = span.root
    tokens: set[int] = set(range(span.start, span.end))
    stack = [c for c in root.children if c.dep_ not in _OTHER_CLAUSE]
    while stack:
        tok = stack.pop()
        tokens.add(tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in _OTHER_CLAUSE)
    doc = span.doc
    return [w for w in weapons if any(doc[i].idx <= w.span.start < doc[i].idx + len(doc[i]) for i in tokens)]


def _weapon_agents(doc: Doc, weapons: list[Weapon], lex: _Lex) -> list[tuple[Span, str]]:
    """Weapons that act as the event word: "a Russian missile killed 16 people" is a strike even
    though no trigger noun is written."""
    found: list[tuple[Span, str]] = []
    for w in weapons:
        span = doc.char_span(w.span.start, w.span.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.casefold() in lex.agent_verbs:
            found.append((span, "strike"))
    return found


def _perpetrator(doc: Doc, span: Span, lex: _Lex) -> Span | None:
    sent = sentence_of(span)
    # Only inside the trigger's own noun phrase: "a Russian missile strike", not "the Ukrainian
    # capital was under missile attack".
    for tok in reversed(list(doc[max(sent.start, span.start - 5) : span.start])):
        if tok.text in lex.demonyms or tok.text.rstrip("’'s") in lex.demonyms:
            return doc[tok.i : tok.i + 1]
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "CCONJ") and tok.text not in {
            "-",
            "’",
            "'",
            ",",
            "'s",
            "’s",
        }:
            break
    # "... by Russian forces", "carried out by Hamas"
    window = doc[span.end : min(sent.end, span.end + 8)]
    for tok in window:
        if tok.lower_ == "by":
            for nxt in doc[tok.i + 1 : min(sent.end, tok.i + 4)]:
                if nxt.text in lex.demonyms:
                    return doc[nxt.i : nxt.i + 1]
            break
    return None


def _long_past(span: Span, lex: _Lex) -> bool:
    """ "a rally marking the anniversary of the general's death in a drone strike", "a general who
    died in a drone strike five years ago": an event years or months old, told as background of the
    report's own."""
    for tok in span.root.ancestors:
        if tok.lemma_.casefold() in lex.past_heads or tok.lower_ in lex.past_heads:
            return True
        if tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.lower_ == "ago" and any(t.lower_ in lex.past_units for t in child.subtree):
                    return True
            return False
    return False


def _targets(sent: Span, lex: _Lex) -> list[str]:
    text = sent.text.casefold()
    found: list[str] = []
    for target in lex.targets:
        if re.search(rf"\b{re.escape(target)}s?\b", text) and not any(target in f for f in found):
            found.append(target)
    return found[:4]


def clause_bounds(span: Span) -> tuple[int, int]:
    """The sentence of ``span``, cut at line breaks (headlines and datelines run into the lead)."""
    sent = sentence_of(span)
    text = span.doc.text
    start = text.rfind("\n", sent.start_char, span.start_char) + 1 or sent.start_char
    start = max(start, sent.start_char)
    end = text.find("\n", span.end_char, sent.end_char)
    return start, (sent.end_char if end < 0 else end)


def in_org(doc: Doc, p: Place) -> bool:
    """ "The Kyiv Independent", "Kharkiv Regional Administration": a name, not a scene."""
    span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.ent_type_ == "ORG" for t in span) and any(
        e.label_ == "ORG"
        and e.start <= span.start
        and e.end >= span.end
        and (e.end - e.start) > (span.end - span.start)
        for e in doc.ents
    )


def _nearest_place(places: list[Place], span: Span) -> Place | None:
    start, end = clause_bounds(span)
    inside = [p for p in places if start <= p.span.start < end and not in_org(span.doc, p)]
    towns = [
        p
        for p in inside
        if p.precision in (PlacePrecision.TOWN, PlacePrecision.ADDRESS, PlacePrecision.DISTRICT)
    ]
    pool = towns or [p for p in inside if p.precision == PlacePrecision.REGION] or inside
    if not pool:
        return None
    return min(
        pool,
        key=lambda p: abs(p.span.start - span.start_char) + (0 if p.span.start > span.start_char else 40),
    )


def _nearest_date(dates: list[EventDate], span: Span) -> EventDate | None:
    start, end = clause_bounds(span)
    published: dt.date | None = span.doc._.written
    inside = [
        d
        for d in dates
        if d.span is not None
        and start <= d.span.start < end
        and d.anchor not in ("stamp", "background", "statement")
        and (
            published is None
            or d.start is None
            or (published - d.start).days <= _MAX_DAYS_BACK
            or is_calendar_day(d)
        )
        and d.precision != DatePrecision.UNRESOLVED
    ]
    if not inside:
        return None
    return min(inside, key=lambda d: abs(d.span.start - span.start_char) if d.span else 0)


class EventsComponent:
    def __call__(self, doc: Doc) -> Doc:
        lex = _lex()
        weapons = find_weapons(doc)
        places = doc_list(doc, "places")
        dates = doc_list(doc, "dates")
        cues: list[EventCue] = []
        triggers = _trigger_spans(doc)
        taken = {i for span, _ in triggers for i in range(span.start, span.end)}
        triggers += [(s, k) for s, k in _weapon_agents(doc, weapons, lex) if s.start not in taken]
        triggers.sort(key=lambda p: p[0].start)
        # "a general who died in a drone strike five years ago": the drone is that phrase's own weapon.
        phrases = [s for s, k in triggers if len(s) > 1 and lex.triggers[k] != "weapon"]
        old = {span.start for span, _ in triggers if _long_past(span, lex)}
        strong_sents = {
            sentence_of(span).start for span, key in triggers if key not in lex.weak and span.start not in old
        }
        for span, key in triggers:
            sent = sentence_of(span)
            if key in lex.weak and sent.start in strong_sents:
                continue
            sent_weapons = [
                w
                for w in weapons
                if sent.start_char <= w.span.start < sent.end_char
                and not any(s.start_char <= w.span.start < s.end_char for s in phrases if s != span)
            ]
            declared = lex.triggers[key]
            if declared == "weapon":
                fallback = EventType.REMOTE_EXPLOSIVE if key in lex.explosions else EventType.ATTACK
                own = _clause_weapons(span, sent_weapons)
                etype = type_of_weapons(own) or type_of_weapons(sent_weapons) or fallback
            else:
                etype = EventType(declared)
                if etype == EventType.REMOTE_EXPLOSIVE and type_of_weapons(sent_weapons) not in (
                    None,
                    EventType.REMOTE_EXPLOSIVE,
                    EventType.SUICIDE_BOMB,
                    EventType.SHOOTING,
                ):
                    etype = type_of_weapons(sent_weapons) or etype
            perp = _perpetrator(doc, span, lex)
            perpetrator = None
            if perp is not None:
                perpetrator = perp.text.rstrip("’'s").strip()
            text = sent.text.casefold()
            background = span.start in old or (
                any(w in text for w in lex.background) and span[-1].tag_ in ("NNS", "NNPS")
            )
            cues.append(
                EventCue(
                    span=span,
                    event_type=etype,
                    sub_event_type=key,
                    weapons=sent_weapons,
                    perpetrator=perpetrator,
                    perpetrator_span=perp,
                    place=_nearest_place(places, span),
                    date=_nearest_date(dates, span),
                    targets=_targets(sent, lex),
                    is_background=background,
                )
            )
        doc._.events = cues
        doc._.weapons = weapons
        return doc


@Language.factory(
    "factledger_events",
    assigns=["doc._.events", "doc._.weapons"],
    requires=["doc._.places", "doc._.dates"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent()
