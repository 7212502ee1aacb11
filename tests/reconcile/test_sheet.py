"""A whole fact sheet from hand-built reports of a Kryvyi Rih-like strike and a Kyiv attack (issue 6).

Sentences are written for this test; the facts follow the 4-6 April 2025 events."""

from __future__ import annotations

import datetime as dt

from factledger.models import (
    DatePrecision,
    EventDate,
    EventType,
    FactSheet,
    IncidentMention,
    Place,
    PlacePrecision,
    Quote,
    TextSpan,
    Weapon,
)
from factledger.reconcile import diff_sheets, reconcile
from tests.reconcile.builders import Doc, FigureKind, FigureStatus, Party, Qualifier, incident

APR5, APR6 = dt.date(2025, 4, 5), dt.date(2025, 4, 6)


def _place(name: str) -> Place:
    return Place(
        raw=name,
        name=name,
        span=TextSpan(start=0, end=1),
        country="Ukraine",
        country_code="UA",
        precision=PlacePrecision.TOWN,
        role="incident",
    )


def _date(day: dt.date) -> EventDate:
    return EventDate(raw="Friday", start=day, end=day, precision=DatePrecision.DAY, anchor="published")


def _missile() -> Weapon:
    return Weapon(
        raw="ballistic missile",
        name="ballistic missile",
        category="ballistic_missile",
        span=TextSpan(start=0, end=1),
    )


def first_report() -> Doc:
    d = Doc("day1", APR5, outlet="one.example")
    d.figure(
        "A Russian missile killed at least 16 people, six of them children, Ukrainian officials said.",
        "at least 16",
        value=16,
        qualifier=Qualifier.AT_LEAST,
        source="Ukrainian officials",
        party=Party.GOVERNMENT,
        side="Ukraine",
    )
    d.figure(
        "A Russian missile killed at least 16 people, six of them children, Ukrainian officials said.",
        "six",
        value=6,
        group="children",
        source="Ukrainian officials",
        party=Party.GOVERNMENT,
        side="Ukraine",
    )
    d.figure("At least 50 were hurt.", "At least 50", FigureKind.INJURED, 50, qualifier=Qualifier.AT_LEAST)
    d.figure(
        "Governor Serhiy Lysak said more than 30 of them were in hospital.",
        "more than 30",
        FigureKind.HOSPITALIZED,
        30,
        qualifier=Qualifier.MORE_THAN,
        source="Governor Serhiy Lysak",
        party=Party.GOVERNMENT,
        side="Ukraine",
    )
    d.add_damage(
        "The blast damaged 20 apartment buildings, more than 30 vehicles, a school and a restaurant.",
        "apartment buildings",
        20,
    )
    last = d.sentences[-1]
    d.add_damage(last, "vehicles", 30, qualifier=Qualifier.MORE_THAN)
    d.add_damage(last, "a school")
    d.add_damage(last, "a restaurant")
    d.figure(
        "Moscow's defence ministry said up to 85 soldiers died and 20 vehicles were destroyed.",
        "up to 85",
        value=85,
        group="military",
        qualifier=Qualifier.UP_TO,
        source="Russian defence ministry",
        party=Party.MILITARY,
        side="Russia",
        status=FigureStatus.CLAIM,
    )
    d.add_damage(d.sentences[-1], "vehicles", 20)
    quote = d.sentence("'Russia wants only war,' Zelensky said.")
    d.quotes.append(
        Quote(
            text="Russia wants only war",
            span=TextSpan(start=quote.start + 1, end=quote.start + 22),
            speaker="Zelensky",
            speaker_key="zelensky",
            speaker_name="Zelensky",
            mention=0,
        )
    )
    return d


def second_report() -> Doc:
    d = Doc("day2", APR6, outlet="two.example")
    d.figure(
        "Three people were hurt in Kyiv on Sunday, mayor Vitali Klitschko said.",
        "Three",
        FigureKind.INJURED,
        3,
        mention=0,
        source="mayor Vitali Klitschko",
        party=Party.GOVERNMENT,
    )
    d.figure(
        "Two days earlier a missile killed 18 people, nine of them children, in Kryvyi Rih.",
        "18",
        value=18,
        mention=1,
    )
    d.figure(
        "Two days earlier a missile killed 18 people, nine of them children, in Kryvyi Rih.",
        "nine",
        value=9,
        group="children",
        mention=1,
    )
    quote = d.sentence("'This is mass murder,' President Volodymyr Zelensky said of the strike.")
    d.quotes.append(
        Quote(
            text="This is mass murder",
            span=TextSpan(start=quote.start + 1, end=quote.start + 20),
            speaker="President Volodymyr Zelensky",
            speaker_key="zelensky",
            speaker_name="Volodymyr Zelensky",
            mention=1,
        )
    )
    return d


def build() -> tuple[FactSheet, FactSheet, FactSheet]:
    a, b = first_report(), second_report()
    kr = IncidentMention(
        index=0,
        event_type=EventType.SHELLING_ARTILLERY_MISSILE,
        place=_place("Kryvyi Rih"),
        date=_date(dt.date(2025, 4, 4)),
        perpetrator="Russia",
        weapons=(_missile(),),
    )
    kyiv = IncidentMention(
        index=0,
        event_type=EventType.SHELLING_ARTILLERY_MISSILE,
        place=_place("Kyiv"),
        date=_date(APR6),
        weapons=(_missile(),),
    )
    kr_again = kr.model_copy(update={"index": 1, "date": _date(dt.date(2025, 4, 4))})
    reports = {"day1": a.report([kr]), "day2": b.report([kyiv, kr_again])}
    articles = {"day1": a.article(), "day2": b.article()}
    only_first = reconcile(
        incident(("day1", 0), id="kr"), {"day1": reports["day1"]}, {"day1": articles["day1"]}
    )
    both = reconcile(incident(("day1", 0), ("day2", 1), id="kr"), reports, articles)
    kyiv_sheet = reconcile(incident(("day2", 0), id="kyiv"), reports, articles)
    return only_first, both, kyiv_sheet


def test_kryvyi_rih_sheet() -> None:
    _, sheet, _ = build()
    assert sheet.title == "Missile strike, Kryvyi Rih, Ukraine, 4 Apr 2025"
    killed = sheet.estimate("killed")
    assert killed is not None and killed.best.value == 18
    assert killed.best.reason.startswith("best 18: latest report, 6 Apr 2025, supersedes 16 of 5 Apr 2025")
    assert [(e.value, e.qualifier, e.source, e.published) for e in killed.timeline] == [
        (16, Qualifier.AT_LEAST, "Ukrainian officials", APR5),
        (18, Qualifier.EXACT, None, APR6),
    ]
    children = sheet.estimate("killed", "children")
    assert children is not None and children.best.value == 9
    injured = sheet.estimate("injured")
    assert injured is not None and (injured.low.value, injured.best.value, injured.high.value) == (
        50,
        50,
        None,
    )
    hosp = sheet.estimate("hospitalized")
    assert hosp is not None and hosp.timeline[0].source == "Governor Serhiy Lysak"
    assert hosp.timeline[0].qualifier == Qualifier.MORE_THAN
    military = sheet.estimate("killed", "military")
    assert military is not None and military.best.value is None
    assert [(c.value, c.qualifier, c.side) for c in military.claims] == [(85, Qualifier.UP_TO, "Russia")]
    assert [(d.what, d.count) for d in sheet.damage] == [
        ("apartment buildings", 20),
        ("vehicles", 30),
        ("a school", None),
        ("a restaurant", None),
    ]
    assert sheet.perpetrator == "Russia" and not sheet.perpetrator_contested
    assert sheet.weapons == ("ballistic missile",)
    assert [q.speaker_name for q in sheet.quotes] == ["Volodymyr Zelensky", "Volodymyr Zelensky"]
    assert (sheet.first_report, sheet.last_report) == (APR5, APR6)


def test_kyiv_apart() -> None:
    _, _, kyiv = build()
    injured = kyiv.estimate("injured")
    assert injured is not None and injured.best.value == 3
    assert injured.timeline[0].source == "mayor Vitali Klitschko"
    killed = kyiv.estimate("killed")
    assert killed is not None and killed.best.value == 0
    assert kyiv.title == "Missile strike, Kyiv, Ukraine, 6 Apr 2025"


def test_changes_when_second_report_arrives() -> None:
    first, both, _ = build()
    at = dt.datetime(2025, 4, 6, 10, tzinfo=dt.UTC)
    changes = diff_sheets(first, both, report_id="day2", at=at)
    notes = {c.note for c in changes}
    assert "killed best 16 -> 18, report day2" in notes
    assert "killed children best 6 -> 9, report day2" in notes
    assert all(c.incident_id == "kr" for c in changes)


def test_damage_outside_event_sentences_belongs_to_the_primary_incident() -> None:
    d = Doc("dmg", APR5)
    d.add_damage("A missile hit the city centre, officials said.", "city centre")
    d.add_damage("Nine houses and two shops were damaged.", "houses", 9)
    d.add_damage(d.sentences[-1], "shops", 2)
    d.add_damage("In a strike on another town, a school was damaged.", "school", mention=1)
    report = d.report([IncidentMention(index=0), IncidentMention(index=1)])
    other = report.mentions[1].model_copy(update={"sentences": (report.mentions[1].damage[0].span,)})
    everything = tuple(x for m in report.mentions for x in m.damage)
    report = report.model_copy(
        update={
            "damage": everything,
            "mentions": (report.mentions[0].model_copy(update={"damage": ()}), other),
        }
    )
    sheet = reconcile(incident(("dmg", 0)), {"dmg": report}, {"dmg": d.article()})
    assert [(x.what, x.count) for x in sheet.damage] == [("city centre", None), ("houses", 9), ("shops", 2)]


def test_a_later_count_replaces_an_earlier_one_but_a_mention_without_count_does_not() -> None:
    a = Doc("a", APR5)
    a.add_damage("The blast damaged 12 houses and a school.", "houses", 12)
    a.add_damage(a.sentences[-1], "school")
    b = Doc("b", APR6)
    b.add_damage("Officials said 15 houses and a school were damaged.", "houses", 15)
    b.add_damage(b.sentences[-1], "school")
    c = Doc("c", dt.date(2025, 4, 7))
    c.add_damage("Residents began repairing the damaged house roofs and each house hit.", "house")
    reports = {x.id: x.report() for x in (a, b, c)}
    articles = {x.id: x.article() for x in (a, b, c)}
    sheet = reconcile(incident(("a", 0), ("b", 0), ("c", 0)), reports, articles)
    assert sorted((x.what, x.count, x.report_id) for x in sheet.damage) == [
        ("houses", 15, "b"),
        ("school", None, "b"),
    ]
