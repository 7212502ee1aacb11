"""Evidence that two sides (mentions or incidents) describe the same incident.

Each feature adds log-odds-like points; the sum decides. Place and date are necessary rather than
sufficient: two shootings in one city on one day agree on both, so agreement on them earns a bounded
bonus while disagreement is strongly negative, and the text (shared rare words: names, streets,
ages, buildings) and the figures have to carry the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factledger.cluster.summary import Summary
from factledger.cluster.text import TermStats, cosine
from factledger.geo import distance_km

__all__ = ["Evidence", "Weights", "compare"]


@dataclass(frozen=True)
class Weights:
    """Points per feature. One fixed configuration serves every folder."""

    bias: float = -1.0
    same_day: float = 1.5
    next_day: float = -0.5
    days_apart: float = -2.0
    per_extra_day: float = -0.5
    date_unknown: float = -0.5
    """A side without any date (no publication date, none in the text): a small penalty only, so its
    place, type and text decide; the text still has to agree for it to join (see ``text_pivot``)."""
    window_overlap: float = 0.5
    window_gap: float = -1.0
    date_floor: float = -6.0
    long_gap_days: int = 21
    long_gap: float = -10.0
    """Dates this many days apart or more: different incidents whatever the text says (pages of one
    outlet share whole paragraphs of boilerplate), unless a rare shared name makes it a follow-up."""
    near_km: float = 10.0
    near: float = 1.5
    town_km: float = 30.0
    town: float = 0.5
    far_km: float = 80.0
    far: float = -1.0
    remote: float = -2.5
    named_place: float = 0.5
    same_region: float = 0.3
    other_region: float = -1.5
    other_country: float = -4.0
    same_family: float = 0.5
    same_type: float = 0.3
    other_type: float = -0.7
    other_family: float = -2.5
    figure_match: float = 0.4
    figure_mismatch: float = -0.6
    name: float = 0.6
    names_cap: float = 1.0
    person: float = 1.0
    people_cap: float = 2.0
    text_scale: float = 25.0
    text_pivot: float = 0.15
    text_max_share: float = 0.4
    """Share of the best pair in the text similarity of two sides (the rest is the mean over their
    member texts): the best of many pairs grows with an incident's size by chance alone."""
    text_floor: float = -2.5
    text_cap: float = 7.0
    follow_up_floor: float = -6.0
    """Date points floor when the sides share a rare full name: a later report on the trial or the
    funeral dates itself, not the incident. Equal to ``date_floor`` (off): on gva-dev, reporters,
    hospitals and coroners extracted as people made it merge more wrongly than it joined rightly."""
    rare_name: float = 0.75
    """Name weight (0-1, from its rarity) above which a shared full name counts as rare."""
    person_reports_full: float = 4.0
    person_reports_none: float = 16.0
    """A private person's name counts fully when at most this many reports carry it, and not at all
    from the second count on: a victim is named by the few reports of one incident, while a reporter
    or a spokesman extracted as a person turns up in reports of many incidents."""
    recalled: float = -3.0
    """Date points floor when one side's exact day is a day the other side's text names: a follow-up
    recalling the incident's day. Applied only when the places agree."""
    link_km: float = 30.0
    """Incidents this close, a day apart or less, are linked when they are not merged."""


@dataclass
class Evidence:
    points: dict[str, float] = field(default_factory=dict)
    text: float = 0.0
    """The raw text similarity (cosine), kept for linking and diagnostics."""
    km: float | None = None
    day_gap: int | None = None

    @property
    def score(self) -> float:
        return sum(self.points.values())


def _date_points(a: Summary, b: Summary, w: Weights, ev: Evidence) -> float:
    if a.date_start is None or b.date_start is None or a.date_end is None or b.date_end is None:
        # Undated (no publication date, none in the text): a place and a type alone must not pull it
        # into whichever incident that city had last.
        return w.date_unknown
    gap = max(0, (b.date_start - a.date_end).days, (a.date_start - b.date_end).days)
    ev.day_gap = gap
    if gap >= w.long_gap_days:
        return w.long_gap
    if a.date_exact and b.date_exact:
        if gap == 0:
            return w.same_day
        if gap == 1:
            return w.next_day
        return max(w.date_floor, w.days_apart + w.per_extra_day * (gap - 2))
    if gap == 0:
        return w.window_overlap
    return max(w.date_floor, w.window_gap * gap)


def _place_points(a: Summary, b: Summary, w: Weights, ev: Evidence, text_agrees: bool) -> float:
    # The chosen places differ, but one side names the other's place and the texts agree: a
    # geocoding or choice error (a town's namesake abroad, the station's city) is likelier than two
    # incidents. Without the texts agreeing, a roundup naming several towns would tie their
    # incidents together.
    named = (a.place_key and a.place_key in b.place_keys) or (b.place_key and b.place_key in a.place_keys)
    if a.country and b.country and a.country != b.country:
        return w.named_place if named and text_agrees else w.other_country
    if a.local and b.local and a.lat is not None and b.lat is not None:
        assert a.lon is not None and b.lon is not None
        km = distance_km(a.lat, a.lon, b.lat, b.lon)
        ev.km = km
        if km <= w.near_km:
            return w.near
        if named and text_agrees:
            return w.named_place
        if km <= w.town_km:
            return w.town
        if km <= w.far_km:
            return w.far
        return w.remote
    if a.admin1 and b.admin1:
        return w.same_region if a.admin1 == b.admin1 else w.other_region
    return 0.0


def _type_points(a: Summary, b: Summary, w: Weights) -> float:
    if not a.family or not b.family:
        return 0.0
    if a.family != b.family:
        return w.other_family
    if a.event_type and b.event_type:
        return w.same_family + (w.same_type if a.event_type == b.event_type else w.other_type)
    return w.same_family


def _figure_points(a: Summary, b: Summary, w: Weights) -> float:
    points = 0.0
    mismatches = 0
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x and y:
            if x & y:
                points += w.figure_match
            else:
                mismatches += 1
    # Tolls grow as reports come in, so only a double mismatch counts against.
    return points + (w.figure_mismatch if mismatches == 2 else 0.0)


def _name_points(a: Summary, b: Summary, w: Weights, stats: TermStats) -> tuple[float, int]:
    """Points for shared names, and how many of them are rare full names."""
    shared = a.names & b.names
    if not shared and not a.people & b.people:
        return 0.0, 0
    # A name every report carries (a president) is no evidence; a victim's name is strong.
    weights = {n: min(1.0, (stats.idf(f"@{n}") - 1.0) / 4.0) for n in shared}
    people = {n: _person_weight(stats.df.get(f"@{n}", 0), w) for n in a.people & b.people}
    rare = sum(1 for x in people.values() if x >= w.rare_name)
    points = min(w.names_cap, w.name * sum(weights.values()))
    return points + min(w.people_cap, w.person * sum(people.values())), rare


def _person_weight(reports: int, w: Weights) -> float:
    span = w.person_reports_none - w.person_reports_full
    return max(0.0, min(1.0, (w.person_reports_none - reports) / span))


def _text_similarity(a: Summary, b: Summary, stats: TermStats, w: Weights) -> float:
    sims = [cosine(x, y, stats) for x in a.texts for y in b.texts]
    if not sims:
        return -1.0
    return w.text_max_share * max(sims) + (1.0 - w.text_max_share) * sum(sims) / len(sims)


def _recalls(a: Summary, b: Summary) -> bool:
    """Either side's exact day is one the other side's text names."""
    return (a.date_exact and a.date_start in b.recalled) or (b.date_exact and b.date_start in a.recalled)


def compare(a: Summary, b: Summary, stats: TermStats, weights: Weights | None = None) -> Evidence:
    w = weights or Weights()
    ev = Evidence()
    ev.points["bias"] = w.bias
    names, rare = _name_points(a, b, w, stats)
    sim = _text_similarity(a, b, stats, w)
    date = _date_points(a, b, w, ev)
    place = _place_points(a, b, w, ev, sim >= w.text_pivot)
    # A follow-up (the arrest, the trial) also names the town: a shared name alone may be a byline.
    ev.points["date"] = max(date, w.follow_up_floor) if rare and place > 0 else date
    if place > 0 and _recalls(a, b):
        ev.points["date"] = max(ev.points["date"], w.recalled)
    ev.points["place"] = place
    ev.points["type"] = _type_points(a, b, w)
    ev.points["figures"] = _figure_points(a, b, w)
    ev.points["names"] = names
    if sim >= 0:
        ev.text = sim
        ev.points["text"] = min(w.text_cap, max(w.text_floor, w.text_scale * (sim - w.text_pivot)))
    return ev
