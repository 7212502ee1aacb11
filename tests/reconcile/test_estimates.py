"""Estimates, timelines and relations of hand-built incidents (issue 6)."""

from __future__ import annotations

import datetime as dt

from factledger.models import FactSheet, FigureEstimate
from factledger.reconcile import reconcile
from tests.reconcile.builders import Doc, FigureKind, FigureStatus, Party, Qualifier, incident

D1, D2, D3 = dt.date(2024, 3, 1), dt.date(2024, 3, 2), dt.date(2024, 3, 3)


def sheet_of(docs: list[Doc], refs: list[tuple[str, int]] | None = None) -> FactSheet:
    reports = {d.id: d.report() for d in docs}
    articles = {d.id: d.article() for d in docs}
    return reconcile(incident(*(refs or [(d.id, 0) for d in docs])), reports, articles)


def est(sheet: FactSheet, kind: str, group: str = "all") -> FigureEstimate:
    e = sheet.estimate(kind, group)
    assert e is not None, f"no estimate for {kind}/{group}"
    return e


def test_later_figure_supersedes_earlier() -> None:
    a = Doc("a", D1)
    a.figure(
        "At least nine people died in the blast, the mayor said.",
        "At least nine",
        value=9,
        qualifier=Qualifier.AT_LEAST,
        source="the mayor",
        party=Party.GOVERNMENT,
    )
    b = Doc("b", D2)
    b.figure("The toll from the blast reached 12 on Saturday.", "12", value=12)
    killed = est(sheet_of([a, b]), "killed")
    assert killed.best.value == 12
    assert "supersedes 9 of 1 Mar 2024" in killed.best.reason
    assert [e.relation for e in killed.timeline] == ["first", "update"]
    assert (killed.low.value, killed.high.value) == (12, 12)
    assert killed.best.report_id == "b"


def test_at_least_is_a_lower_bound_with_open_high() -> None:
    a = Doc("a", D1)
    a.figure("At least 40 were hurt.", "At least 40", FigureKind.INJURED, 40, qualifier=Qualifier.AT_LEAST)
    a.figure(
        "More than 20 were taken to hospital.",
        "More than 20",
        FigureKind.HOSPITALIZED,
        20,
        qualifier=Qualifier.MORE_THAN,
    )
    sheet = sheet_of([a])
    injured = est(sheet, "injured")
    assert (injured.low.value, injured.best.value, injured.high.value) == (40, 40, None)
    assert "lower bound" in injured.low.reason and "open" in injured.high.reason
    hosp = est(sheet, "hospitalized")
    assert (hosp.low.value, hosp.best.value, hosp.high.value) == (21, 21, None)


def test_a_later_lower_death_toll_does_not_lower_the_estimate() -> None:
    a = Doc("a", D1)
    a.figure("Two men were killed in the shooting.", "Two", value=2)
    b = Doc("b", D3)
    b.figure("One man died in the shooting last week, police said.", "One", value=1)
    killed = est(sheet_of([a, b]), "killed")
    assert killed.best.value == 2
    assert "does not lower it" in killed.best.reason


def test_a_later_partial_count_of_the_injured_does_not_lower_it() -> None:
    a = Doc("a", D1)
    a.figure("Three people were wounded.", "Three", FigureKind.INJURED, 3)
    b = Doc("b", D2)
    b.figure("Two people remain in hospital with wounds.", "Two", FigureKind.INJURED, 2)
    injured = est(sheet_of([a, b]), "injured")
    assert injured.best.value == 3 and "does not lower it" in injured.best.reason


def test_a_stated_revision_lowers_the_injured() -> None:
    a = Doc("a", D1)
    a.figure("Five people were wounded.", "Five", FigureKind.INJURED, 5)
    b = Doc("b", D2)
    b.figure("Police now say four people were wounded, not five.", "four", FigureKind.INJURED, 4)
    b.figure(
        "Police now say four people were wounded, not five.",
        "five",
        FigureKind.INJURED,
        5,
        status=FigureStatus.EARLIER,
    )
    assert est(sheet_of([a, b]), "injured").best.value == 4


def test_repeat_and_detail_relations() -> None:
    a = Doc("a", D1)
    a.figure("Four people were killed.", "Four", value=4)
    a.figure("One of them was killed at the door.", "One", value=1)
    b = Doc("b", D2)
    b.figure("The four victims were killed on Friday.", "four", value=4)
    killed = est(sheet_of([a, b]), "killed")
    assert [e.relation for e in killed.timeline] == ["first", "detail", "repeat"]
    assert killed.best.value == 4


def test_earlier_status_is_kept_but_not_used() -> None:
    a = Doc("a", D1)
    a.figure("Officials had first counted five dead.", "five", value=5, status=FigureStatus.EARLIER)
    a.figure("Seven people are now known to have died.", "Seven", value=7)
    killed = est(sheet_of([a]), "killed")
    assert [e.relation for e in killed.timeline] == ["earlier", "first"]
    assert killed.best.value == 7


def test_claim_of_another_party_stays_outside_the_estimate() -> None:
    a = Doc("a", D1)
    a.figure(
        "Eleven civilians were killed, the regional administration said.",
        "Eleven",
        value=11,
        source="the regional administration",
        party=Party.GOVERNMENT,
        side="Ukraine",
    )
    a.figure(
        "The army of the other side said it killed up to 60 soldiers.",
        "up to 60",
        value=60,
        group="military",
        qualifier=Qualifier.UP_TO,
        party=Party.MILITARY,
        side="Russia",
        status=FigureStatus.CLAIM,
    )
    sheet = sheet_of([a])
    assert est(sheet, "killed").best.value == 11
    military = est(sheet, "killed", "military")
    assert military.best.value is None
    assert [c.value for c in military.claims] == [60]
    assert military.claims[0].relation == "claim"


def test_contradiction_same_day_other_side_widens_bounds() -> None:
    a = Doc("a", D1)
    a.figure(
        "Officials of one side said 30 people were killed.", "30", value=30, party=Party.GOVERNMENT, side="A"
    )
    b = Doc("b", D1)
    b.figure("The other side said only 5 people died.", "5", value=5, party=Party.MILITARY, side="B")
    killed = est(sheet_of([a, b]), "killed")
    assert [e.relation for e in killed.timeline] == ["first", "contradiction"]
    assert killed.best.value == 30
    assert killed.low.value == 5
    assert killed.contradictions


def test_suspect_killed_apart_is_added_but_not_when_counted_inside() -> None:
    a = Doc("a", D1)
    a.figure("Two people were killed before officers shot the gunman dead.", "Two", value=2)
    a.figure("The suspect also died.", "suspect", value=1, group="suspects")
    assert est(sheet_of([a]), "killed").best.value == 3

    b = Doc("b", D1)
    sentence = "Three people died, including the gunman."
    b.figure(sentence, "Three", value=3)
    b.figure(sentence, "gunman", value=1, group="suspects")
    assert est(sheet_of([b]), "killed").best.value == 3


def test_injured_derived_from_casualties_less_killed() -> None:
    a = Doc("a", D1)
    a.figure("Four people were shot on Main Street.", "Four", FigureKind.CASUALTIES, 4)
    a.figure("One of them died.", "One", value=1)
    sheet = sheet_of([a])
    assert est(sheet, "killed").best.value == 1
    injured = est(sheet, "injured")
    assert injured.best.value == 3 and "casualties 4 less killed 1" in injured.best.reason


def test_same_number_for_killed_and_injured_counts_once() -> None:
    a = Doc("a", D1)
    sentence = "Two men were shot and killed."
    a.figure(sentence, "Two", FigureKind.INJURED, 2)
    a.figure(sentence, "Two", FigureKind.KILLED, 2)
    sheet = sheet_of([a])
    assert est(sheet, "killed").best.value == 2
    assert est(sheet, "injured").best.value == 0


def test_zero_when_read_and_unreported_none_when_not_read() -> None:
    a = Doc("a", D1)
    a.figure("A teenager was wounded in the leg.", "A teenager", FigureKind.INJURED, 1)
    sheet = sheet_of([a])
    killed = est(sheet, "killed")
    assert killed.best.value == 0 and "no report states any killed" in killed.best.reason
    assert killed.high.value is None

    unread = Doc("u", D1)
    unread.sentence("Something happened downtown.")
    report = unread.report().model_copy(update={"stages": {"figures": False}})
    blank = reconcile(incident(("u", 0)), {"u": report}, {"u": unread.article()})
    assert blank.estimate("killed") is None


def test_groups_cannot_exceed_the_whole() -> None:
    a = Doc("a", D1)
    a.figure("Five people were killed.", "Five", value=5)
    b = Doc("b", D2)
    b.figure("Seven children were among the dead.", "Seven", value=7, group="children")
    sheet = sheet_of([a, b])
    killed = est(sheet, "killed")
    assert killed.best.value == 7
    assert any("children 7 exceeds" in w for w in killed.warnings)


def test_whole_from_groups_when_no_total_is_stated() -> None:
    a = Doc("a", D1)
    a.figure("Two children and three adults died.", "Two", value=2, group="children")
    a.figure("Two children and three adults died.", "three", value=3, group="adults")
    assert est(sheet_of([a]), "killed").best.value == 5


def test_figures_of_another_incident_do_not_leak() -> None:
    a = Doc("a", D2)
    a.figure("Three people were injured in the capital on Sunday.", "Three", FigureKind.INJURED, 3, mention=0)
    a.figure("A strike on another city two days earlier killed 18.", "18", value=18, mention=1)
    sheet = sheet_of([a], [("a", 0)])
    assert est(sheet, "killed").best.value == 0
    assert est(sheet, "injured").best.value == 3
    other = sheet_of([a], [("a", 1)])
    assert est(other, "killed").best.value == 18


def test_vague_quantities_and_ranges() -> None:
    a = Doc("a", D1)
    a.figure("Dozens were injured.", "Dozens", FigureKind.INJURED, None, qualifier=Qualifier.DOZENS)
    a.figure(
        "Between 10 and 15 people died.",
        "Between 10 and 15",
        FigureKind.KILLED,
        None,
        low=10,
        high=15,
        qualifier=Qualifier.RANGE,
    )
    sheet = sheet_of([a])
    assert est(sheet, "injured").best.value == 24
    killed = est(sheet, "killed")
    assert (killed.low.value, killed.best.value, killed.high.value) == (10, 10, 15)


def test_undated_reports_come_last_and_input_order_does_not_matter() -> None:
    a = Doc("a", D1)
    a.figure("Six died.", "Six", value=6)
    b = Doc("b", D2)
    b.figure("Eight died.", "Eight", value=8)
    one = sheet_of([a, b], [("a", 0), ("b", 0)])
    two = sheet_of([a, b], [("b", 0), ("a", 0)])
    assert one == two
    assert est(one, "killed").best.value == 8


def test_passing_mention_alone_gives_no_zero_default() -> None:
    a = Doc("a", D2)
    a.figure("Three people were injured in the capital on Sunday.", "Three", FigureKind.INJURED, 3, mention=0)
    a.sentence("It came two days after a strike on another city.")
    sheet = sheet_of([a], [("a", 1)])
    assert sheet.estimate("killed") is None


def test_attacking_side_count_of_enemy_soldiers_is_a_claim() -> None:
    from factledger.models import IncidentMention
    from factledger.reconcile import reconcile
    from tests.reconcile.builders import incident

    a = Doc("a", D1)
    a.figure("Nine civilians died, local officials said.", "Nine", value=9, party=Party.GOVERNMENT)
    a.figure(
        "The Northland defence ministry said 40 soldiers were killed.",
        "40",
        value=40,
        group="military",
        source="the Northland defence ministry",
        party=Party.MILITARY,
    )
    report = a.report([IncidentMention(index=0, perpetrator="Northland")])
    sheet = reconcile(incident(("a", 0)), {"a": report}, {"a": a.article()})
    military = est(sheet, "killed", "military")
    assert military.best.value is None and [c.value for c in military.claims] == [40]
    killed = est(sheet, "killed")
    assert killed.best.value == 9
    assert any("claim kept apart" in note for note in killed.contradictions)


def test_a_party_to_the_fighting_does_not_raise_the_whole() -> None:
    a = Doc("a", D1)
    a.figure("Officials said 12 people were killed.", "12", value=12, party=Party.GOVERNMENT)
    a.figure(
        "An army spokesman said 30 fighters died.", "30", value=30, group="military", party=Party.MILITARY
    )
    killed = est(sheet_of([a]), "killed")
    assert killed.best.value == 12
    assert any("exceeds" in w for w in killed.warnings)


def test_the_lead_figure_is_the_report_headline() -> None:
    a = Doc("a", D1)
    a.figure("A man was killed in a shooting on Oak Street late Friday.", "A man", value=1)
    a.figure("Last year three people were killed on the same block.", "three", value=3)
    killed = est(sheet_of([a]), "killed")
    assert killed.best.value == 1
    assert [e.relation for e in killed.timeline] == ["first", "detail"]


def test_precise_figure_replaces_a_vague_lead() -> None:
    a = Doc("a", D1)
    a.figure("Dozens died in the flood.", "Dozens", value=None, qualifier=Qualifier.DOZENS)
    a.figure(
        "Officials later counted at least 37 dead.", "at least 37", value=37, qualifier=Qualifier.AT_LEAST
    )
    b = Doc("b", D2)
    b.figure("Dozens of people died in the flood.", "Dozens", value=None, qualifier=Qualifier.DOZENS)
    killed = est(sheet_of([a, b]), "killed")
    assert killed.best.value == 37
    assert [e.relation for e in killed.timeline] == ["first", "update", "repeat"]


def _with_evidence(doc: Doc, words: str) -> None:
    """Gives the last figure its evidence: the words stating it."""
    last = doc.figures[-1]
    doc.figures[-1] = last.model_copy(update={"evidence": doc.span_of(words, last.sentence)})


def test_people_only_said_to_be_shot_are_casualties_the_dead_included() -> None:
    a = Doc("a", D1)
    a.figure("Police said four people were shot at the party, one fatally.", "four", FigureKind.INJURED, 4)
    _with_evidence(a, "four people were shot")
    a.figure("Police said four people were shot at the party, one fatally.", "one", value=1)
    _with_evidence(a, "one fatally")
    injured = est(sheet_of([a]), "injured")
    assert injured.best.value == 3
    assert "casualties 4 less killed 1" in injured.best.reason


def test_a_victim_shot_who_died_is_not_injured() -> None:
    a = Doc("a", D1)
    a.figure("Jordan Vale was shot outside his home on Friday.", "Jordan Vale", FigureKind.INJURED, 1)
    _with_evidence(a, "Jordan Vale was shot")
    a.figure("Vale died at the hospital an hour later.", "Vale", value=1)
    _with_evidence(a, "Vale died")
    sheet = sheet_of([a])
    assert est(sheet, "killed").best.value == 1
    assert est(sheet, "injured").best.value == 0


def test_wounded_people_stay_injured() -> None:
    a = Doc("a", D1)
    a.figure("Two men were wounded in the shooting.", "Two", FigureKind.INJURED, 2)
    _with_evidence(a, "Two men were wounded")
    a.figure("A third man was killed.", "A third man", value=1)
    assert est(sheet_of([a]), "injured").best.value == 2


def test_only_a_later_report_headline_raises_the_toll() -> None:
    a = Doc("a", D1)
    a.figure("A man was shot dead at a skate park on Sunday.", "A man", value=1)
    b = Doc("b", D2)
    b.figure("The man killed on Sunday was 19, police said.", "The man", value=1)
    b.figure(
        "It was the sixth killing in the city this year, in which five people died by gunfire.",
        "five",
        value=5,
    )
    killed = est(sheet_of([a, b]), "killed")
    assert killed.best.value == 1
    assert [e.relation for e in killed.timeline] == ["first", "repeat", "detail"]


def test_a_vague_lead_leaves_the_headline_to_the_first_number() -> None:
    a = Doc("a", D1)
    a.figure(
        "At least 40 people died in the raid, aid workers said.",
        "At least 40",
        value=40,
        qualifier=Qualifier.AT_LEAST,
    )
    b = Doc("b", D3)
    b.figure("Dozens were killed in the raid on the camp.", "Dozens", value=None, qualifier=Qualifier.DOZENS)
    b.figure("Aid workers now say 52 people were killed.", "52", value=52)
    killed = est(sheet_of([a, b]), "killed")
    assert killed.best.value == 52
    assert [e.relation for e in killed.timeline] == ["first", "repeat", "update"]


def test_an_undated_report_does_not_move_a_dated_toll() -> None:
    a = Doc("a", D1)
    a.figure(
        "At least 21 people were killed in the strike, officials said.",
        "At least 21",
        value=21,
        qualifier=Qualifier.AT_LEAST,
    )
    b = Doc("b", None)
    b.figure("The strike killed 26 people.", "26", value=26)
    killed = est(sheet_of([a, b]), "killed")
    assert killed.best.value == 21
    assert [e.relation for e in killed.timeline] == ["first", "undated"]
