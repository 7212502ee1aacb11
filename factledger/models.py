"""Contract types passed between stages.

Every stage imports these and nothing from another stage. All models are frozen pydantic models so
they serialise to JSON for the store and the API without hand-written converters, and so a value
handed to the next stage cannot be changed behind its back.

Character offsets (:class:`TextSpan`) always index into :attr:`Article.text`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Actor",
    "Article",
    "Change",
    "Damage",
    "DatePrecision",
    "EstimateValue",
    "EventDate",
    "EventType",
    "FactSheet",
    "Figure",
    "FigureEstimate",
    "FigureKind",
    "FigureStatus",
    "Incident",
    "IncidentMention",
    "MentionRef",
    "Party",
    "Place",
    "PlacePrecision",
    "Qualifier",
    "Quote",
    "QuoteKind",
    "Rejection",
    "Report",
    "SourceRef",
    "TextSpan",
    "TimelineEntry",
    "Weapon",
    "article_id",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TextSpan(_Model):
    """Half-open character range ``[start, end)`` in the article text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def of(self, text: str) -> str:
        return text[self.start : self.end]


# --------------------------------------------------------------------------------------- articles

_WS = re.compile(r"\s+")


def _normalize_for_id(text: str) -> str:
    # Ids must survive re-fetching the same page: whitespace, Unicode composition and case vary
    # between copies of one report, its words do not.
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id(text: str, url: str | None) -> str:
    """Stable id of an article from its normalised text and URL."""
    digest = hashlib.sha256()
    digest.update(_normalize_for_id(text).encode("utf-8"))
    digest.update(b"\x00")
    digest.update((url or "").strip().encode("utf-8"))
    return digest.hexdigest()[:16]


class Article(_Model):
    """One news report as ingested, before any extraction."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    updated: dt.date | None = None
    language: str = "en"
    source: str | None = None
    """Where it was read from: a path, ``path:line`` for JSON Lines, or a URL."""
    external_id: str | None = None
    """The id the source gave it (``doc_id`` of an evaluation folder), if any."""

    @classmethod
    def create(cls, text: str, **fields: object) -> Article:
        url = fields.get("url")
        return cls(id=article_id(text, url if isinstance(url, str) else None), text=text, **fields)


class Rejection(_Model):
    """An input item that could not become an Article, and why."""

    source: str
    reason: str
    """Short machine-readable reason: empty, binary, undecodable, oversized, malformed, fetch_failed..."""
    detail: str = ""


# --------------------------------------------------------------------------------------- extraction


class FigureKind(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    HOSPITALIZED = "hospitalized"
    MISSING = "missing"
    RESCUED = "rescued"
    CASUALTIES = "casualties"
    """Ambiguous: killed and injured together, or either."""


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    UP_TO = "up_to"
    ABOUT = "about"
    FEWER_THAN = "fewer_than"
    RANGE = "range"
    SEVERAL = "several"
    DOZENS = "dozens"
    HUNDREDS = "hundreds"
    THOUSANDS = "thousands"


class Party(StrEnum):
    GOVERNMENT = "government"
    MILITARY = "military"
    ARMED_GROUP = "armed_group"
    HEALTH = "health"
    UN_AGENCY = "un_agency"
    NGO = "ngo"
    MEDIA = "media"
    WITNESS = "witness"
    UNATTRIBUTED = "unattributed"


class FigureStatus(StrEnum):
    CURRENT = "current"
    EARLIER = "earlier"
    CLAIM = "claim"


class Figure(_Model):
    """One casualty figure stated in a report."""

    kind: FigureKind
    group: str = "all"
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = Qualifier.EXACT
    source: str | None = None
    """The stated source as written ("regional governor Serhiy Lysak")."""
    source_span: TextSpan | None = None
    party: Party = Party.UNATTRIBUTED
    side: str | None = None
    status: FigureStatus = FigureStatus.CURRENT
    mention: int = 0
    """Index into :attr:`Report.mentions` of the incident this figure is about."""
    sentence: TextSpan
    number: TextSpan
    """Span of the number expression ("at least 16", "six", "dozens")."""
    evidence: TextSpan | None = None
    """Shortest span stating the figure (number through casualty word)."""
    in_title: bool = False
    """The figure is stated by the headline: its spans index :attr:`Article.title`, not the text."""

    def stated_in(self, text: str, title: str | None) -> str:
        """The string this figure's spans index: the article's text, or its title."""
        return (title or "") if self.in_title else text


class PlacePrecision(StrEnum):
    ADDRESS = "address"
    TOWN = "town"
    DISTRICT = "district"
    REGION = "region"
    COUNTRY = "country"


class Place(_Model):
    raw: str
    name: str
    span: TextSpan
    """In the report's text; in its title when the text names no place and the title does."""
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    country_code: str | None = None
    precision: PlacePrecision = PlacePrecision.TOWN
    role: str = "mentioned"
    """"incident" when it is where the incident happened; otherwise "mentioned"."""


class DatePrecision(StrEnum):
    DAY = "day"
    DAYS = "days"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNRESOLVED = "unresolved"


class EventDate(_Model):
    raw: str
    span: TextSpan | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    """Last possible day (same as ``start`` at day precision)."""
    precision: DatePrecision = DatePrecision.UNRESOLVED
    anchor: str | None = None
    """What it was resolved against: "published", "text", or another event's description."""


class Actor(_Model):
    """A person or organisation named in a report, normalised across spellings."""

    key: str
    """Normalisation key shared by spellings of the same name (Zelenskyy, Zelensky, Zelenskiy)."""
    name: str
    """Best display form seen (longest full name)."""
    kind: str = "person"
    """person, organization, state, armed_group."""
    roles: tuple[str, ...] = ()
    side: str | None = None
    party: Party | None = None
    variants: tuple[str, ...] = ()
    spans: tuple[TextSpan, ...] = ()


class QuoteKind(StrEnum):
    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"
    ACCORDING_TO = "according_to"


class Quote(_Model):
    text: str
    span: TextSpan
    """Span of the content (inside the quotation marks for direct quotes)."""
    kind: QuoteKind = QuoteKind.DIRECT
    speaker: str | None = None
    """Speaker as written nearest the quote ("He", "Klitschko", "the ministry")."""
    speaker_span: TextSpan | None = None
    speaker_key: str | None = None
    """:attr:`Actor.key` of the resolved speaker, when resolved."""
    speaker_name: str | None = None
    """Display name of the resolved speaker."""
    cue: str | None = None
    cue_span: TextSpan | None = None
    mention: int | None = None
    """Index of the incident mention it is about, when it is about one."""
    report_id: str | None = None
    """Set when the quote is shown outside its report (in a fact sheet)."""


class EventType(StrEnum):
    """Taxonomy aligned with ACLED's sub-event types, plus shootings and disasters."""

    AIR_DRONE_STRIKE = "air_drone_strike"
    SHELLING_ARTILLERY_MISSILE = "shelling_artillery_missile_attack"
    REMOTE_EXPLOSIVE = "remote_explosive"
    SUICIDE_BOMB = "suicide_bomb"
    GRENADE = "grenade"
    ARMED_CLASH = "armed_clash"
    ATTACK = "attack"
    SHOOTING = "shooting"
    MASS_KILLING = "mass_killing"
    NATURAL_DISASTER = "natural_disaster"
    ACCIDENT = "accident"
    OTHER = "other"


class Weapon(_Model):
    raw: str
    name: str
    """Canonical name ("Iskander-M", "Shahed-136", "glide bomb", "firearm")."""
    category: str
    """ballistic_missile, cruise_missile, missile, drone, glide_bomb, aerial_bomb, artillery, rocket,
    mlrs, firearm, explosive, ..."""
    span: TextSpan


class Damage(_Model):
    what: str
    count: int | None = None
    qualifier: Qualifier = Qualifier.EXACT
    span: TextSpan
    report_id: str | None = None
    """Set when the damage is shown outside its report (in a fact sheet)."""


class IncidentMention(_Model):
    """One incident a report describes. ``Report.mentions[0]`` is the report's primary incident."""

    index: int
    event_type: EventType = EventType.OTHER
    sub_event_type: str | None = None
    trigger: str | None = None
    trigger_span: TextSpan | None = None
    place: Place | None = None
    date: EventDate | None = None
    perpetrator: str | None = None
    perpetrator_span: TextSpan | None = None
    weapons: tuple[Weapon, ...] = ()
    targets: tuple[str, ...] = ()
    damage: tuple[Damage, ...] = ()
    names: tuple[str, ...] = ()
    """Key names (victims, officials, buildings) useful to tell incidents apart."""
    sentences: tuple[TextSpan, ...] = ()
    """Sentences that describe this incident."""
    relation: str | None = None
    """How it relates to the primary incident when it is not primary ("earlier", "later", "other")."""


class Report(_Model):
    """What extraction found in one article."""

    article_id: str
    published: dt.date | None = None
    mentions: tuple[IncidentMention, ...] = ()
    figures: tuple[Figure, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[EventDate, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    damage: tuple[Damage, ...] = ()
    stages: dict[str, bool] = Field(default_factory=dict)
    """Extraction stage name -> whether it is built; a stage not built yet is reported as such."""
    extractor_version: str = ""

    def primary(self) -> IncidentMention | None:
        return self.mentions[0] if self.mentions else None


# --------------------------------------------------------------------------------------- incidents


class MentionRef(_Model):
    """Points at one incident mention of one report."""

    report_id: str
    mention: int = 0


class Incident(_Model):
    id: str
    mentions: tuple[MentionRef, ...] = ()
    event_type: EventType = EventType.OTHER
    date: EventDate | None = None
    place: Place | None = None
    linked: tuple[str, ...] = ()
    """Ids of related incidents (the drone attack the same evening)."""
    created: dt.datetime | None = None
    updated: dt.datetime | None = None

    @property
    def report_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.report_id for ref in self.mentions))


class SourceRef(_Model):
    report_id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None


class TimelineEntry(_Model):
    """One figure of an incident, with everything needed to check it in one click."""

    report_id: str
    outlet: str | None = None
    published: dt.date | None = None
    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: Qualifier = Qualifier.EXACT
    source: str | None = None
    party: Party = Party.UNATTRIBUTED
    side: str | None = None
    status: FigureStatus = FigureStatus.CURRENT
    sentence: str = ""
    sentence_span: TextSpan | None = None
    number_span: TextSpan | None = None
    relation: str = "first"
    """first, update (supersedes an earlier figure), repeat, earlier (superseded as reported),
    contradiction (incompatible figure from another party), claim, undated (a differing figure
    from a report without a publication date: shown, never taken as the latest)."""


class EstimateValue(_Model):
    value: int | None = None
    reason: str = ""
    report_id: str | None = None
    """Report whose figure gives this value, when one does."""


class FigureEstimate(_Model):
    kind: FigureKind
    group: str = "all"
    low: EstimateValue = EstimateValue()
    best: EstimateValue = EstimateValue()
    high: EstimateValue = EstimateValue()
    timeline: tuple[TimelineEntry, ...] = ()
    claims: tuple[TimelineEntry, ...] = ()
    """Contested claims of parties to a conflict, kept apart from the estimate."""
    contradictions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


class FactSheet(_Model):
    incident_id: str
    title: str
    event_type: EventType = EventType.OTHER
    sub_event_type: str | None = None
    date: EventDate | None = None
    place: Place | None = None
    perpetrator: str | None = None
    perpetrator_contested: bool = False
    weapons: tuple[str, ...] = ()
    figures: tuple[FigureEstimate, ...] = ()
    damage: tuple[Damage, ...] = ()
    damage_sources: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    linked: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    first_report: dt.date | None = None
    last_report: dt.date | None = None

    def estimate(self, kind: FigureKind | str, group: str = "all") -> FigureEstimate | None:
        for est in self.figures:
            if est.kind == kind and est.group == group:
                return est
        return None


class Change(_Model):
    """A change of an estimate caused by a new report."""

    incident_id: str
    field: str
    """e.g. "killed/all best"."""
    old: int | None
    new: int | None
    report_id: str | None
    at: dt.datetime
    note: str = ""
