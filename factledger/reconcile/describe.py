"""The descriptive part of a fact sheet: title, type, date, place, perpetrator, weapons, damage,
quotes by speaker and sources, drawn from the incident's mentions across its reports."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from factledger.models import (
    Article,
    Damage,
    DatePrecision,
    EventDate,
    EventType,
    FigureStatus,
    Incident,
    IncidentMention,
    Place,
    PlacePrecision,
    Quote,
    Report,
    SourceRef,
    TextSpan,
)
from factledger.reconcile.estimates import fmt_date

__all__ = [
    "MentionView",
    "describe_damage",
    "describe_quotes",
    "event_label",
    "pick_date",
    "pick_perpetrator",
    "pick_place",
    "pick_type",
    "place_label",
    "sources",
    "title_of",
    "weapons_of",
]


@dataclass(frozen=True)
class MentionView:
    """One incident mention with its report and article, in publication order."""

    report: Report
    article: Article | None
    mention: IncidentMention | None
    index: int


_PLACE_RANK = {
    PlacePrecision.ADDRESS: 0,
    PlacePrecision.TOWN: 1,
    PlacePrecision.DISTRICT: 2,
    PlacePrecision.REGION: 3,
    PlacePrecision.COUNTRY: 4,
}
_DATE_RANK = {
    DatePrecision.DAY: 0,
    DatePrecision.DAYS: 1,
    DatePrecision.WEEK: 2,
    DatePrecision.MONTH: 3,
    DatePrecision.YEAR: 4,
    DatePrecision.UNRESOLVED: 5,
}


def pick_type(incident: Incident, views: Sequence[MentionView]) -> tuple[EventType, str | None]:
    types = Counter(
        v.mention.event_type for v in views if v.mention and v.mention.event_type != EventType.OTHER
    )
    subs = Counter(v.mention.sub_event_type for v in views if v.mention and v.mention.sub_event_type)
    event_type = incident.event_type
    if event_type == EventType.OTHER and types:
        event_type = types.most_common(1)[0][0]
    return event_type, (subs.most_common(1)[0][0] if subs else None)


def pick_place(incident: Incident, views: Sequence[MentionView]) -> Place | None:
    if incident.place is not None:
        return incident.place
    places = [v.mention.place for v in views if v.mention and v.mention.place is not None]
    if not places:
        return None
    counts = Counter(p.name.casefold() for p in places)
    # Most precise first, then most often named, then first named.
    return min(places, key=lambda p: (_PLACE_RANK.get(p.precision, 5), -counts[p.name.casefold()]))


def pick_date(incident: Incident, views: Sequence[MentionView]) -> EventDate | None:
    if incident.date is not None:
        return incident.date
    dates = [v.mention.date for v in views if v.mention and v.mention.date and v.mention.date.start]
    if not dates:
        return None
    counts = Counter((d.start, d.end) for d in dates)
    return min(dates, key=lambda d: (_DATE_RANK.get(d.precision, 5), -counts[(d.start, d.end)]))


def _norm(text: str) -> str:
    return re.sub(r"^(the)\s+", "", re.sub(r"\s+", " ", text.strip().casefold()))


def pick_perpetrator(views: Sequence[MentionView]) -> tuple[str | None, bool]:
    named = [v.mention.perpetrator for v in views if v.mention and v.mention.perpetrator]
    if not named:
        return None, False
    counts = Counter(_norm(n) for n in named)
    top = counts.most_common(1)[0][0]
    shown = next(n for n in named if _norm(n) == top)
    return shown, len(counts) > 1


def weapons_of(views: Sequence[MentionView]) -> tuple[str, ...]:
    names = [w.name for v in views if v.mention for w in v.mention.weapons]
    return tuple(dict.fromkeys(names))


_LABELS = {
    EventType.AIR_DRONE_STRIKE: "Air strike",
    EventType.SHELLING_ARTILLERY_MISSILE: "Shelling",
    EventType.REMOTE_EXPLOSIVE: "Bombing",
    EventType.SUICIDE_BOMB: "Suicide bombing",
    EventType.GRENADE: "Grenade attack",
    EventType.ARMED_CLASH: "Armed clash",
    EventType.ATTACK: "Attack",
    EventType.SHOOTING: "Shooting",
    EventType.MASS_KILLING: "Mass killing",
    EventType.NATURAL_DISASTER: "Disaster",
    EventType.ACCIDENT: "Accident",
    EventType.OTHER: "Incident",
}
_BY_WEAPON = (
    ({"ballistic_missile", "cruise_missile", "missile"}, "Missile strike"),
    ({"drone"}, "Drone strike"),
    ({"rocket", "mlrs"}, "Rocket attack"),
    ({"glide_bomb", "aerial_bomb"}, "Air strike"),
)


def event_label(event_type: EventType, sub_event_type: str | None, views: Sequence[MentionView]) -> str:
    categories = {w.category for v in views if v.mention for w in v.mention.weapons}
    if event_type in (EventType.AIR_DRONE_STRIKE, EventType.SHELLING_ARTILLERY_MISSILE):
        for cats, label in _BY_WEAPON:
            if categories & cats:
                return label
    if event_type == EventType.NATURAL_DISASTER and sub_event_type:
        return sub_event_type.replace("_", " ").capitalize()
    return _LABELS.get(event_type, "Incident")


def place_label(place: Place, views: Sequence[MentionView]) -> str:
    """The place as the reports write it most often ("Kryvyi Rih"), rather than the gazetteer's
    transliteration ("Kryvyy Rih"); ties go to the earliest report."""
    raws = [
        v.mention.place.raw.strip()
        for v in views
        if v.mention and v.mention.place is not None and v.mention.place.name == place.name
    ]
    raws = [r for r in raws if r]
    if not raws:
        return place.name
    counts = Counter(raws)
    return max(raws, key=lambda r: (counts[r], -raws.index(r)))


def title_of(
    label: str, place: Place | None, date: EventDate | None, first_report: object, where: str = ""
) -> str:
    parts = [label]
    if place is not None:
        parts.append(where or place.name)
        country = place.country or place.country_code
        if country and _norm(country) != _norm(place.name):
            parts.append(country)
    if date is not None and date.start is not None:
        if date.precision in (DatePrecision.DAY, DatePrecision.UNRESOLVED) or date.end in (None, date.start):
            parts.append(fmt_date(date.start))
        elif date.precision == DatePrecision.MONTH:
            parts.append(f"{date.start:%b %Y}")
        elif date.precision == DatePrecision.YEAR:
            parts.append(str(date.start.year))
        else:
            parts.append(f"{fmt_date(date.start)} to {fmt_date(date.end)}")
    elif first_report is not None:
        parts.append(f"reported {fmt_date(first_report)}")  # type: ignore[arg-type]
    return ", ".join(parts)


def _claim_sentences(report: Report, mention: int) -> list[TextSpan]:
    return [f.sentence for f in report.figures if f.status == FigureStatus.CLAIM and f.mention == mention]


def _inside(span: TextSpan, sentences: list[TextSpan]) -> bool:
    return any(s.start <= span.start and span.end <= s.end for s in sentences)


def _damage_of(v: MentionView, others: Sequence[IncidentMention]) -> tuple[Damage, ...]:
    """The mention's damage. A report's lines on damage often name no event ("20 buildings and a
    school were damaged"), so the primary mention also takes the report's damage that lies in no
    other mention's sentences."""
    if v.mention is None:
        return ()
    if v.index != 0:
        return v.mention.damage
    elsewhere = [s for m in others if m.index != 0 for s in m.sentences]
    own = [d for d in v.report.damage if not _inside(d.span, elsewhere)]
    return tuple(own) if own else v.mention.damage


def _damage_key(what: str) -> str:
    # "apartment building" and "apartment buildings" are one thing damaged.
    key = _norm(what)
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


def describe_damage(views: Sequence[MentionView]) -> tuple[tuple[Damage, ...], tuple[str, ...]]:
    """Damage stated for the incident, one per thing damaged; a later report's count replaces an
    earlier one, but a thing named without a count does not erase a count. Damage stated in a party's
    claim ("the destruction of 20 vehicles") stays out."""
    chosen: dict[str, Damage] = {}
    sources: list[str] = []
    for v in views:
        claims = _claim_sentences(v.report, v.index)
        for d in _damage_of(v, v.report.mentions):
            if _inside(d.span, claims):
                continue
            key = _damage_key(d.what)
            old = chosen.get(key)
            if old is not None and old.count is not None and d.count is None:
                continue
            chosen[key] = d.model_copy(update={"report_id": v.report.article_id})
            sources.append(v.report.article_id)
    return tuple(chosen.values()), tuple(dict.fromkeys(sources))


def describe_quotes(views: Sequence[MentionView]) -> tuple[Quote, ...]:
    """Quotes about the incident grouped by speaker (merged across reports by speaker key), each
    speaker's quotes in publication order; copies of the same quote in several reports kept once."""
    found: list[Quote] = []
    seen: set[tuple[str, str]] = set()
    for v in views:
        for q in v.report.quotes:
            if q.mention != v.index and not (q.mention is None and v.index == 0):
                continue
            speaker = q.speaker_key or _norm(q.speaker_name or q.speaker or "")
            key = (speaker, _norm(q.text))
            if key in seen:
                continue
            seen.add(key)
            found.append(q.model_copy(update={"report_id": v.report.article_id}))
    names: dict[str, str] = {}
    for q in found:
        if q.speaker_key and q.speaker_name and len(q.speaker_name) > len(names.get(q.speaker_key, "")):
            names[q.speaker_key] = q.speaker_name
    order: dict[str, int] = {}
    for q in found:
        order.setdefault(q.speaker_key or _norm(q.speaker_name or q.speaker or ""), len(order))
    merged = [
        q.model_copy(update={"speaker_name": names[q.speaker_key]}) if q.speaker_key in names else q
        for q in found
    ]
    return tuple(
        sorted(merged, key=lambda q: order[q.speaker_key or _norm(q.speaker_name or q.speaker or "")])
    )


def sources(views: Sequence[MentionView], articles: Mapping[str, Article]) -> tuple[SourceRef, ...]:
    refs: dict[str, SourceRef] = {}
    for v in views:
        rid = v.report.article_id
        if rid in refs:
            continue
        a = articles.get(rid)
        refs[rid] = SourceRef(
            report_id=rid,
            url=a.url if a else None,
            outlet=a.outlet if a else None,
            title=a.title if a else None,
            published=(a.published if a and a.published else v.report.published),
        )
    return tuple(refs.values())
