"""Casualty figures (issue 3): sentences written for these tests, and the two seed reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from factledger.extract.headline import headline
from factledger.models import Article, Figure, FigureKind, FigureStatus, Party, Qualifier, Report


def _figures(extractor: Any, text: str) -> list[Figure]:
    report: Report = extractor.extract_one(Article.create(text))
    return list(report.figures)


def _keys(figures: list[Figure]) -> set[tuple[str, str, int | None, str]]:
    return {(f.kind.value, f.group, f.value, f.qualifier.value) for f in figures}


def test_nested_group_and_coordinated_verbs(extractor: Any) -> None:
    text = (
        "A rocket hit the market in the town on Tuesday, killing at least 12 people, including "
        "four children, and wounding 31 others, the regional governor said."
    )
    figures = _figures(extractor, text)
    assert _keys(figures) == {
        ("killed", "all", 12, "at_least"),
        ("killed", "children", 4, "exact"),
        ("injured", "all", 31, "exact"),
    }
    assert all(f.party == Party.GOVERNMENT and f.source == "the regional governor" for f in figures)
    killed = next(f for f in figures if f.group == "all" and f.kind == FigureKind.KILLED)
    assert killed.number.of(text) == "at least 12"
    assert killed.sentence.of(text).startswith("A rocket hit")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The death toll from the blast rose to 23, police said.", ("killed", "all", 23, "exact")),
        ("Officials counted 9 dead after the bus bombing.", ("killed", "all", 9, "exact")),
        ("Medics reported three injuries at the scene of the shooting.", ("injured", "all", 3, "exact")),
        ("Seven people were hospitalized after the explosion.", ("hospitalized", "all", 7, "exact")),
        ("Between 10 and 15 people are missing after the landslide.", ("missing", "all", None, "range")),
        ("Dozens of people were rescued from the collapsed school.", ("rescued", "all", None, "dozens")),
        ("More than two hundred soldiers died in the assault.", ("killed", "military", 200, "more_than")),
        ("Fourteen civilians lost their lives in the shelling.", ("killed", "civilians", 14, "exact")),
    ],
)
def test_nominal_passive_and_vague_forms(extractor: Any, text: str, expected: tuple[Any, ...]) -> None:
    assert expected in _keys(_figures(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "A 57-year-old man was killed when the shell hit his garden.",
        "The war has killed at least 485 children since the start of the invasion.",
        "Four of the six cruise missiles were shot down over the city, the air force said.",
        "The strike damaged 20 apartment buildings and 35 cars.",
        "Call 555-0199 for information about relatives; the blast happened at 6:50 on May 4, 2023.",
    ],
)
def test_not_casualty_figures(extractor: Any, text: str) -> None:
    values = {f.value for f in _figures(extractor, text)}
    assert not values - {None, 1}, values


def test_qualifiers_and_sources_in_another_sentence(extractor: Any) -> None:
    text = (
        "Mayor Anna Kovac spoke to reporters at the hospital. “Nearly 40 people are being treated "
        "in hospital,” she said."
    )
    figures = _figures(extractor, text)
    assert ("hospitalized", "all", 40, "about") in _keys(figures)
    assert figures[0].party == Party.GOVERNMENT


def test_claims_and_earlier_figures(extractor: Any) -> None:
    # Regression for issue 3: a defence ministry's count of enemy dead is a claim.
    text = (
        "The defence ministry claimed its strike killed up to 60 enemy soldiers. "
        "Rescuers said 11 people were killed. An earlier report had put the toll at seven."
    )
    figures = _figures(extractor, text)
    claim = next(f for f in figures if f.value == 60)
    assert (claim.group, claim.qualifier, claim.status, claim.party) == (
        "military",
        Qualifier.UP_TO,
        FigureStatus.CLAIM,
        Party.MILITARY,
    )
    earlier = next(f for f in figures if f.value == 7)
    assert earlier.status == FigureStatus.EARLIER
    top = headline(figures)
    assert top.killed is not None and top.killed.value == 11


def test_single_child_in_a_toll(extractor: Any) -> None:
    figures = _figures(extractor, "The drone strike killed three people, including a 12-year-old boy.")
    assert ("killed", "children", 1, "at_least") in _keys(figures)


@pytest.mark.shared
def test_seed_reports(shared_seeds: Path, extractor: Any) -> None:
    meta = [json.loads(line) for line in (shared_seeds / "metadata.jsonl").read_text().splitlines() if line]
    reports = []
    for m in meta:
        text = (shared_seeds / m["file"]).read_text(encoding="utf-8")
        article = Article.create(text, published=dt.date.fromisoformat(m["published"]))
        reports.append(extractor.extract_one(article))
    first, second = reports
    by_key = {(f.kind.value, f.group, f.value, f.qualifier.value): f for f in first.figures}
    assert by_key[("killed", "all", 16, "at_least")].party == Party.GOVERNMENT
    assert "Ukrainian officials" in (by_key[("killed", "all", 16, "at_least")].source or "")
    assert ("killed", "children", 6, "exact") in by_key
    assert ("injured", "all", 50, "at_least") in by_key
    hospitalized = by_key[("hospitalized", "all", 30, "more_than")]
    assert "Lysak" in (hospitalized.source or "")
    claim = by_key[("killed", "military", 85, "up_to")]
    assert claim.status == FigureStatus.CLAIM and claim.party == Party.MILITARY
    keys = _keys(list(second.figures))
    assert {("killed", "all", 18, "exact"), ("killed", "children", 9, "exact")} <= keys
    injured = next(f for f in second.figures if f.kind == FigureKind.INJURED and f.value == 3)
    assert "Klitschko" in (injured.source or "")
    assert injured.mention == 0


@pytest.mark.parametrize(
    ("text", "source", "party"),
    [
        (
            "The toll of the shelling has risen to 14, with two children among the dead. "
            "This was announced by the head of the regional administration.",
            "the head of the regional administration",
            Party.GOVERNMENT,
        ),
        (
            "A missile struck the depot on Friday, killing at least 9 people and injuring over 40, "
            "Regional Governor Petro Savchuk has reported.",
            "Regional Governor Petro Savchuk",
            Party.GOVERNMENT,
        ),
        (
            "The blast at the market killed 12 people, a senior official at the city hospital said.",
            "a senior official at the city hospital",
            Party.HEALTH,
        ),
        (
            "The fire killed 8 people, according to a report of the interior ministry.",
            "the interior ministry",
            Party.GOVERNMENT,
        ),
        (
            "Seven people were killed in the attack.\nSource: the national police",
            "the national police",
            Party.GOVERNMENT,
        ),
    ],
)
def test_sources_after_or_around_the_figure(extractor: Any, text: str, source: str, party: Party) -> None:
    figures = _figures(extractor, text)
    assert figures
    assert all(f.source == source and f.party == party for f in figures), [
        (f.source, f.party) for f in figures
    ]


def test_a_condemnation_vouches_for_no_figure(extractor: Any) -> None:
    figures = _figures(extractor, "Five people were killed in the strike. The mayor condemned the attack.")
    assert figures and figures[0].party == Party.UNATTRIBUTED


@pytest.mark.parametrize(
    "text",
    [
        "The explosion injured 40 people, 12 of them in critical condition.",
        "Twenty people were hurt; 6 of the wounded are in serious condition.",
        "The toll rose by nine overnight to 30.",
        "The charity says 25 children a month are killed or maimed in the war.",
    ],
)
def test_breakdowns_changes_and_rates_are_no_figures(extractor: Any, text: str) -> None:
    values = {f.value for f in _figures(extractor, text)}
    assert not values & {12, 6, 9, 25}, values


def test_headline_restating_a_qualified_figure(extractor: Any) -> None:
    text = "Strike on the town: 21 killed\nAt least 21 people were killed when a missile hit the town, police said."
    killed = [f for f in _figures(extractor, text) if f.kind == FigureKind.KILLED]
    assert [(f.value, f.qualifier) for f in killed] == [(21, Qualifier.AT_LEAST)]


def test_date_range_is_no_figure(extractor: Any) -> None:
    text = "The toll of the strikes on the night of 14-15 March has risen to 11."
    assert _keys(_figures(extractor, text)) == {("killed", "all", 11, "exact")}


def test_headline_verbs(extractor: Any) -> None:
    text = "Drone attack on the port kills 4, injures 27\nThe governor said the toll may rise."
    keys = _keys(_figures(extractor, text))
    assert ("killed", "all", 4, "exact") in keys and ("injured", "all", 27, "exact") in keys
