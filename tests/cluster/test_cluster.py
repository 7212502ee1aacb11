"""Clustering incident mentions into incidents (issue 5), on reports written for these tests."""

from __future__ import annotations

import datetime as dt

from factledger.cluster import (
    CandidateQuery,
    Clusterer,
    InMemoryCandidates,
    MentionProfile,
    Weights,
    build_profiles,
    compare,
    consolidate,
    summarize,
)
from factledger.models import (
    Article,
    DatePrecision,
    EventDate,
    EventType,
    IncidentMention,
    Place,
    Report,
    TextSpan,
)

SPAN = TextSpan(start=0, end=1)


def _place(name: str, lat: float, lon: float, admin1: str = "Region") -> Place:
    return Place(raw=name, name=name, span=SPAN, lat=lat, lon=lon, admin1=admin1, country_code="XX")


def _report(
    text: str,
    published: dt.date | None,
    *mentions: tuple[EventType, Place | None, dt.date | None],
    title: str = "",
) -> tuple[Report, Article]:
    article = Article.create(text, title=title, published=published)
    built = tuple(
        IncidentMention(
            index=i,
            event_type=etype,
            place=place,
            date=EventDate(raw="d", start=day, end=day, precision=DatePrecision.DAY) if day else None,
        )
        for i, (etype, place, day) in enumerate(mentions)
    )
    return Report(article_id=article.id, published=published, mentions=built), article


RIVERTON = _place("Riverton", 40.0, -90.0)
HILLSIDE = _place("Hillside", 41.5, -88.0)
D1 = dt.date(2024, 3, 4)
D2 = dt.date(2024, 3, 5)


def _place_all(clusterer: Clusterer, items: list[tuple[Report, Article]]) -> list[str | None]:
    return [clusterer.place(r, a)[0].incident_id for r, a in items]


def test_two_reports_of_one_shooting_share_an_incident() -> None:
    first = _report(
        "Two men were wounded outside the Blue Heron bar on Maple Street late Monday, police said.",
        D1,
        (EventType.SHOOTING, RIVERTON, D1),
    )
    second = _report(
        "Police identified the two men shot outside the Blue Heron bar on Maple Street on Monday.",
        D2,
        (EventType.SHOOTING, RIVERTON, D1),
    )
    ids = _place_all(Clusterer(), [first, second])
    assert ids[0] == ids[1]


def test_template_stories_about_different_towns_stay_apart() -> None:
    text = "A man was shot and killed during an argument at an apartment complex, police said on {}."
    a = _report(text.format("Monday"), D1, (EventType.SHOOTING, RIVERTON, D1))
    b = _report(text.format("Monday"), D1, (EventType.SHOOTING, HILLSIDE, D1))
    ids = _place_all(Clusterer(), [a, b])
    assert ids[0] != ids[1]


def test_same_city_on_consecutive_days_stays_apart() -> None:
    a = _report(
        "A missile hit a school in Riverton on Monday, killing four teachers.",
        D1,
        (EventType.SHELLING_ARTILLERY_MISSILE, RIVERTON, D1),
    )
    b = _report(
        "Drones struck a power plant in Riverton on Tuesday night, injuring two workers.",
        D2,
        (EventType.AIR_DRONE_STRIKE, RIVERTON, D2),
    )
    clusterer = Clusterer()
    ids = _place_all(clusterer, [a, b])
    assert ids[0] != ids[1]


def test_a_secondary_mention_joins_the_earlier_incident_and_the_primary_opens_one() -> None:
    strike = _report(
        "A ballistic missile struck a playground in Riverton on Monday, killing nine people.",
        D1,
        (EventType.SHELLING_ARTILLERY_MISSILE, RIVERTON, D1),
    )
    text = (
        "Drones hit a depot in Hillside on Wednesday. Two days earlier a ballistic missile struck a "
        "playground in Riverton, killing nine people."
    )
    article = Article.create(text, published=dt.date(2024, 3, 6))
    later = Report(
        article_id=article.id,
        published=article.published,
        mentions=(
            IncidentMention(
                index=0,
                event_type=EventType.AIR_DRONE_STRIKE,
                place=HILLSIDE,
                date=EventDate(
                    raw="Wednesday",
                    start=dt.date(2024, 3, 6),
                    end=dt.date(2024, 3, 6),
                    precision=DatePrecision.DAY,
                ),
            ),
            IncidentMention(
                index=1,
                event_type=EventType.SHELLING_ARTILLERY_MISSILE,
                place=RIVERTON,
                date=EventDate(raw="two days earlier", start=D1, end=D1, precision=DatePrecision.DAY),
                sentences=(TextSpan(start=36, end=len(text)),),
                relation="earlier",
            ),
        ),
    )
    clusterer = Clusterer()
    (first,) = clusterer.place(*strike)
    primary, secondary = clusterer.place(later, article)
    assert primary.opened and primary.incident_id != first.incident_id
    assert secondary.incident_id == first.incident_id


def test_placement_is_deterministic() -> None:
    items = [
        _report(
            f"Report {i} about a shooting on Oak Avenue in Riverton.", D1, (EventType.SHOOTING, RIVERTON, D1)
        )
        for i in range(3)
    ]
    assert _place_all(Clusterer(), items) == _place_all(Clusterer(), items)


def test_consolidation_merges_an_incident_opened_too_early() -> None:
    clusterer = Clusterer()
    a = _report(
        "Three people were hurt when gunfire erupted at the Lakeside Mall food court in Riverton.",
        D1,
        (EventType.SHOOTING, RIVERTON, D1),
    )
    b = _report(
        "Gunfire erupted at the Lakeside Mall food court in Riverton, hurting three people.",
        D1,
        (EventType.SHOOTING, RIVERTON, D1),
    )
    # Force them apart, as an incremental pass with less evidence might have.
    clusterer.threshold = 100.0
    ids = _place_all(clusterer, [a, b])
    assert ids[0] != ids[1]
    clusterer.threshold = 0.0
    result = consolidate(clusterer)
    assert len(result.merged) == 1
    assert len(clusterer.source) == 1  # type: ignore[arg-type]


def test_candidates_come_from_the_date_and_place_index() -> None:
    source = InMemoryCandidates()
    clusterer = Clusterer(source=source)
    for day in range(60):
        date = dt.date(2024, 1, 1) + dt.timedelta(days=day)
        clusterer.place(
            *_report(f"Shooting number {day} in Riverton.", date, (EventType.SHOOTING, RIVERTON, date))
        )
    found = source.candidates(CandidateQuery(dt.date(2024, 1, 10), dt.date(2024, 1, 12), 40.0, -90.0))
    assert 1 <= len(found) <= 5
    assert not source.candidates(CandidateQuery(dt.date(2024, 1, 10), dt.date(2024, 1, 12), -30.0, 150.0))


def test_profile_falls_back_on_publication_date_without_mentions() -> None:
    article = Article.create("Someone was shot somewhere.", published=D2)
    (profile,) = build_profiles(Report(article_id=article.id, published=D2), article)
    assert profile.date_end == D2 and not profile.date_exact
    assert MentionProfile.from_json(profile.to_json()) == profile


def test_a_report_placed_elsewhere_meets_its_incident_through_the_town_it_names() -> None:
    source = InMemoryCandidates()
    clusterer = Clusterer(source=source)
    (opened,) = clusterer.place(
        *_report(
            "A rocket hit the Riverton bus depot.", D1, (EventType.SHELLING_ARTILLERY_MISSILE, RIVERTON, D1)
        )
    )
    window = CandidateQuery(D1, D1, -30.0, 150.0)
    assert not source.candidates(window)
    named = CandidateQuery(D1, D1, -30.0, 150.0, places=("riverton",))
    assert [incident.id for incident in source.candidates(named)] == [opened.incident_id]


def test_the_same_page_text_months_apart_is_not_one_incident() -> None:
    text = "Get alerts from this newsroom every day. A man was shot on Birch Road, police said."
    later = D1 + dt.timedelta(days=90)
    a = _report(text, D1, (EventType.SHOOTING, RIVERTON, D1))
    b = _report(text, later, (EventType.SHOOTING, RIVERTON, later))
    ids = _place_all(Clusterer(), [a, b])
    assert ids[0] != ids[1]


def test_facilities_and_page_widgets_are_not_people() -> None:
    from factledger.cluster.profile import _is_full_name

    assert _is_full_name("maria lopez")
    assert _is_full_name("jean-paul o'neill")
    assert not _is_full_name("riverside general hospital")
    assert not _is_full_name("email alerts")
    assert not _is_full_name("madonna")


def test_a_follow_up_recalling_the_day_of_the_shooting_joins_it() -> None:
    shooting = _report(
        "A clerk was shot during a robbery at the Corner Mart on Elm Avenue on Monday, police said.",
        D1,
        (EventType.SHOOTING, RIVERTON, D1),
    )
    later = dt.date(2024, 3, 14)
    arrest = _report(
        "Detectives arrested a suspect in the robbery at the Corner Mart on Elm Avenue, where a clerk "
        "was shot on March 4.",
        later,
        (EventType.SHOOTING, RIVERTON, later),
    )
    report, article = arrest
    recalled = EventDate(raw="March 4", start=D1, end=D1, precision=DatePrecision.DAY)
    own = EventDate(raw="Thursday", start=later, end=later, precision=DatePrecision.DAY)
    arrest = (report.model_copy(update={"dates": (own, recalled)}), article)
    assert build_profiles(*arrest)[0].recalled == frozenset({D1, later})
    ids = _place_all(Clusterer(), [shooting, arrest])
    assert ids[0] == ids[1]


def test_a_later_shooting_in_the_same_town_recalling_no_day_stays_apart() -> None:
    first = _report(
        "A clerk was shot during a robbery at the Corner Mart on Elm Avenue on Monday, police said.",
        D1,
        (EventType.SHOOTING, RIVERTON, D1),
    )
    later = dt.date(2024, 3, 14)
    second = _report(
        "A man was wounded in a drive-by shooting near the rail yard on Thursday night, police said.",
        later,
        (EventType.SHOOTING, RIVERTON, later),
    )
    ids = _place_all(Clusterer(), [first, second])
    assert ids[0] != ids[1]


def test_a_town_geocoded_to_its_namesake_abroad_still_joins_its_incident() -> None:
    text = "Three people were wounded at the Lakeview skating rink on Saturday night, police said."
    home = _report(text, D1, (EventType.SHOOTING, RIVERTON, D1))
    abroad_place = Place(raw="Riverton", name="Riverton", span=SPAN, lat=-45.0, lon=170.0, country_code="YY")
    report, article = _report(
        "Police said three people were wounded at the Lakeview skating rink late Saturday.",
        D1,
        (EventType.SHOOTING, abroad_place, D1),
    )
    abroad = (report.model_copy(update={"places": (abroad_place,)}), article)
    clusterer = Clusterer()
    ids = _place_all(clusterer, [home, abroad])
    assert ids[0] == ids[1]
    sides = [summarize([build_profiles(*item)[0]]) for item in (home, abroad)]
    ev = compare(*sides, clusterer.source.stats)
    assert ev.points["place"] == Weights().named_place


def test_bylines_and_photo_credits_are_not_people() -> None:
    from factledger.cluster.profile import _is_full_name

    assert not _is_full_name("related articles")
    assert not _is_full_name("jane roe getty images")
    assert not _is_full_name("coroner john doe")
