"""The unit of clustering: one incident mention of one report, reduced to what tells incidents apart.

A :class:`MentionProfile` is built from a :class:`~factledger.models.Report` and its
:class:`~factledger.models.Article`. When extraction has not produced mentions yet (a stage not
built), the primary profile falls back on the report's own places, dates and figures and on the
publication date, so clustering degrades instead of failing.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from factledger.cluster.text import term_weights
from factledger.models import (
    Article,
    DatePrecision,
    EventDate,
    EventType,
    FigureKind,
    FigureStatus,
    IncidentMention,
    Party,
    Place,
    PlacePrecision,
    Report,
)

__all__ = ["FAMILY", "MentionProfile", "build_profiles", "mention_key"]

FAMILY: dict[EventType, str] = {
    EventType.AIR_DRONE_STRIKE: "strike",
    EventType.SHELLING_ARTILLERY_MISSILE: "strike",
    EventType.REMOTE_EXPLOSIVE: "bombing",
    EventType.SUICIDE_BOMB: "bombing",
    EventType.GRENADE: "bombing",
    EventType.ARMED_CLASH: "attack",
    EventType.ATTACK: "attack",
    EventType.SHOOTING: "shooting",
    EventType.MASS_KILLING: "shooting",
    EventType.NATURAL_DISASTER: "disaster",
    EventType.ACCIDENT: "accident",
    EventType.OTHER: "",
}
"""Coarse family of each event type; "" is unknown and compatible with everything."""

UNDATED_LAG_DAYS = 3
"""An undated mention is taken to have happened within this many days before publication."""

_TEXT_CHARS = 4000
"""Characters of the article read for the primary mention's text (reports lead with the incident)."""


def mention_key(report_id: str, mention: int) -> str:
    return f"{report_id}:{mention}"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass(frozen=True)
class MentionProfile:
    report_id: str
    mention: int
    published: dt.date | None = None
    event_type: str = EventType.OTHER.value
    family: str = ""
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_exact: bool = False
    """True when the text dates it to one day; False for a window (or a guess from publication)."""
    lat: float | None = None
    lon: float | None = None
    place_key: str | None = None
    admin1: str | None = None
    country: str | None = None
    place_precision: str | None = None
    killed: int | None = None
    injured: int | None = None
    names: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    """Full names of private people (victims, suspects, witnesses; not officials or spokespeople):
    shared, they tie a follow-up report to its incident across a long gap."""
    place_keys: frozenset[str] = frozenset()
    """Every town-level place the report names (folded): a second chance when the chosen place is wrong."""
    recalled: frozenset[dt.date] = frozenset()
    """Every day the report's text names (primary mention only): a follow-up (the arrest, the
    funeral) dates itself but usually recalls the day of the incident as well."""
    terms: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        return mention_key(self.report_id, self.mention)

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def is_local(self) -> bool:
        """Placed at town level or finer (a point that can be compared by distance)."""
        return self.has_point and self.place_precision in (
            None,
            PlacePrecision.ADDRESS.value,
            PlacePrecision.TOWN.value,
            PlacePrecision.DISTRICT.value,
        )

    # ------------------------------------------------------------------ serialisation (store)
    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, frozenset):
                value = sorted(v.isoformat() if isinstance(v, dt.date) else v for v in value)
            out[name] = value
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MentionProfile:
        values = dict(data)
        for name in ("published", "date_start", "date_end"):
            if values.get(name):
                values[name] = dt.date.fromisoformat(values[name])
        values["names"] = frozenset(values.get("names") or ())
        values["place_keys"] = frozenset(values.get("place_keys") or ())
        values["people"] = frozenset(values.get("people") or ())
        values["recalled"] = frozenset(dt.date.fromisoformat(d) for d in values.get("recalled") or ())
        values["terms"] = dict(values.get("terms") or {})
        return cls(**values)


# ------------------------------------------------------------------------------------ building


def _date_window(
    date: EventDate | None, published: dt.date | None
) -> tuple[dt.date | None, dt.date | None, bool]:
    if date is not None and date.start is not None:
        end = date.end or date.start
        return date.start, end, date.precision == DatePrecision.DAY and end == date.start
    if published is not None:
        return published - dt.timedelta(days=UNDATED_LAG_DAYS), published, False
    return None, None, False


def _place_fields(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {}
    return {
        "lat": place.lat,
        "lon": place.lon,
        "place_key": _fold(place.name) or None,
        "admin1": _fold(place.admin1) if place.admin1 else None,
        "country": (place.country_code or place.country or "").upper() or None,
        "place_precision": place.precision.value,
    }


def _figures(report: Report, mention: int) -> tuple[int | None, int | None]:
    best: dict[FigureKind, int] = {}
    for fig in report.figures:
        if fig.mention != mention or fig.status != FigureStatus.CURRENT or fig.group != "all":
            continue
        value = fig.value if fig.value is not None else fig.high
        if value is None or fig.kind not in (FigureKind.KILLED, FigureKind.INJURED):
            continue
        best[fig.kind] = max(best.get(fig.kind, 0), value)
    return best.get(FigureKind.KILLED), best.get(FigureKind.INJURED)


def _names(report: Report, mention: IncidentMention | None, primary: bool) -> frozenset[str]:
    names = {_fold(n) for n in (mention.names if mention else ())}
    if primary:
        # People named in a report are mostly about its primary incident (victims, suspects,
        # officials of the place); generic heads of state are filtered by document frequency later.
        names.update(_fold(a.key) for a in report.actors if a.kind == "person")
    return frozenset(n for n in names if len(n) > 2)


_PRIVATE = frozenset({None, Party.WITNESS, Party.UNATTRIBUTED})


@cache
def _not_name_words() -> frozenset[str]:
    text = resources.files("factledger.cluster").joinpath("data", "not_name_words.json").read_text("utf-8")
    return frozenset(str(w).casefold() for w in json.loads(text)["words"])


def _is_full_name(name: str) -> bool:
    """Two to four words, letters only, none of them a facility, role or page word: a hospital or a
    byline widget extracted as a person must not tie unrelated reports together."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not name.replace(" ", "").replace("-", "").replace("'", "").isalpha():
        return False
    return not any(w in _not_name_words() for w in words)


def _people(report: Report) -> frozenset[str]:
    people = set()
    for actor in report.actors:
        if actor.kind != "person" or actor.party not in _PRIVATE:
            continue
        name = _fold(actor.name)
        if _is_full_name(name):
            people.add(name)
    return frozenset(people)


MAX_RECALLED = 8
"""Days kept per report (the earliest): a timeline of many dates is a roundup, not a follow-up."""


def _recalled(report: Report) -> frozenset[dt.date]:
    days = sorted(
        {
            d.start
            for d in report.dates
            if d.start is not None and d.precision == DatePrecision.DAY and d.end in (None, d.start)
        }
    )
    return frozenset(days[:MAX_RECALLED]) if len(days) <= 2 * MAX_RECALLED else frozenset()


def _sentences_text(article: Article, mention: IncidentMention) -> str:
    return " ".join(span.of(article.text) for span in mention.sentences)


def _incident_place(report: Report) -> Place | None:
    for place in report.places:
        if place.role == "incident":
            return place
    return report.places[0] if report.places else None


_LOCAL = frozenset({PlacePrecision.ADDRESS, PlacePrecision.TOWN, PlacePrecision.DISTRICT})


def build_profiles(report: Report, article: Article) -> list[MentionProfile]:
    """One profile per incident mention of ``report``, the primary first (at least one)."""
    published = report.published or article.published
    named_places = frozenset(_fold(p.name) for p in report.places if p.precision in _LOCAL and p.name)
    profiles: list[MentionProfile] = []
    mentions: list[IncidentMention | None] = list(report.mentions) or [None]
    for index, mention in enumerate(mentions):
        primary = index == 0
        if mention is not None:
            place, date, etype = mention.place, mention.date, mention.event_type
        else:
            place = _incident_place(report)
            date = report.dates[0] if report.dates else None
            etype = EventType.OTHER
        if primary and place is None:
            place = _incident_place(report)
        start, end, exact = _date_window(date, published)
        if primary:
            text = f"{article.title or ''}\n{article.text[:_TEXT_CHARS]}"
        else:
            text = _sentences_text(article, mention) if mention is not None else ""
        killed, injured = _figures(report, index)
        profiles.append(
            MentionProfile(
                report_id=report.article_id,
                mention=index,
                published=published,
                event_type=etype.value,
                family=FAMILY.get(etype, ""),
                date_start=start,
                date_end=end,
                date_exact=exact,
                killed=killed,
                injured=injured,
                names=_names(report, mention, primary),
                place_keys=named_places if primary else frozenset(),
                people=_people(report) if primary else frozenset(),
                recalled=_recalled(report) if primary else frozenset(),
                terms=term_weights(text) if text.strip() else {},
                **_place_fields(place),
            )
        )
    return profiles
