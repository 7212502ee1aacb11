"""Figures read from headlines and from "shot"."""

from __future__ import annotations

from typing import Any

import pytest

from factledger.extract.figures.title import for_parsing, is_in_text
from factledger.extract.headline import headline
from factledger.models import Article, Figure, FigureKind, Report


def _figures(extractor: Any, text: str, title: str | None = None) -> list[Figure]:
    report: Report = extractor.extract_one(Article.create(text, title=title))
    return list(report.figures)


def test_title_case_is_read_in_sentence_case_with_the_same_length() -> None:
    title = "Man Killed, Boy Injured On Elm Avenue"
    assert for_parsing(title) == "Man killed, boy injured on elm avenue"
    assert for_parsing("Two hurt in crash near the depot") == "Two hurt in crash near the depot"
    assert is_in_text("Two hurt", "Two hurt\n\nTwo people were hurt.")


@pytest.mark.parametrize(
    ("title", "killed", "injured"),
    [
        ("2 Dead, 5 Hurt in Late-Night Shooting", 2, 5),
        ("Man Killed, Teen Wounded Outside Corner Store | City News", 1, 1),
        ("Three wounded in shooting near the river", None, 3),
        ("Teen shot in arm outside gas station", None, 1),
        ("Police: Woman Shot Dead During Dispute", 1, None),
    ],
)
def test_headline_fills_what_the_text_does_not_say(
    extractor: Any, title: str, killed: int | None, injured: int | None
) -> None:
    text = "Police were called to the block shortly after midnight. Detectives are asking for witnesses."
    figures = _figures(extractor, text, title)
    assert all(f.in_title and f.mention == 0 for f in figures)
    top = headline(figures)
    assert (top.killed.value if top.killed else None) == killed
    assert (top.injured.value if top.injured else None) == injured
    for f in figures:
        assert f.evidence is not None
        assert f.evidence.of(f.stated_in(text, title)).strip()


def test_clipped_headline_with_shot_read_as_a_noun(extractor: Any) -> None:
    figures = _figures(extractor, "Detectives are asking for witnesses.", "3 shot, 1 killed at block party")
    assert {(f.kind.value, f.value) for f in figures} == {("casualties", 3), ("killed", 1)}


def test_text_figures_win_over_the_headline(extractor: Any) -> None:
    text = "At least three people were killed and nine injured in the attack, officials said."
    figures = _figures(extractor, text, "4 dead, 9 hurt in attack on market")
    assert not any(f.in_title for f in figures)
    assert {(f.kind, f.value) for f in figures} == {(FigureKind.KILLED, 3), (FigureKind.INJURED, 9)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Four people were shot on the porch, police said.", {("casualties", 4)}),
        ("Three men were shot and killed outside the bar.", {("killed", 3)}),
        ("Two people were shot and wounded in the lot.", {("injured", 2)}),
        ("Five people were fatally shot at the party.", {("killed", 5)}),
        ("Air defences shot down two drones over the city.", set()),
    ],
)
def test_shot_counts_the_hit(extractor: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert {(f.kind.value, f.value) for f in _figures(extractor, text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two gunmen killed three people in the store.", {("killed", 3)}),
        ("Two men shot a teenager on the corner.", {("injured", 1)}),
        ("He was charged in the shooting death of a teenage girl.", {("killed", 1)}),
        ("Police said a boy accidentally shot himself in the hand.", {("injured", 1)}),
        ("Detectives spoke to a woman who was shot in the arm.", {("injured", 1)}),
        ("Officers found a man who died at the scene.", {("killed", 1)}),
        ("A 4-year-old girl is dead after being shot in the chest.", {("killed", 1)}),
        ("He died inside a home at 308 Elm Tree Lane.", set()),
        ("Both men inside the car were killed.", {("killed", 2)}),
    ],
)
def test_agents_are_not_counted_and_a_death_of_one_is(
    extractor: Any, text: str, expected: set[tuple[str, int]]
) -> None:
    assert {(f.kind.value, f.value) for f in _figures(extractor, text)} == expected


def test_headline_with_a_speaker_prefix(extractor: Any) -> None:
    figures = _figures(
        extractor, "Officers arrived minutes later.", "Police: Toddler Killed In Accidental Shooting"
    )
    assert [(f.kind.value, f.value, f.in_title) for f in figures] == [("killed", 1, True)]
