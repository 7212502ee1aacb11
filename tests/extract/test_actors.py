"""Actors normalised within a report (issue 4, issue 7)."""

from __future__ import annotations

from typing import Any

from factledger.extract.components.actors import make_actors
from factledger.models import Actor


def _actors(extractor: Any, text: str) -> list[Actor]:
    doc = next(extractor.parse([text]))
    return make_actors(doc)


def test_spellings_and_role_are_one_person(extractor: Any) -> None:
    text = (
        "President Volodymyr Zelenskyy visited the front on Monday. Later, Zelensky met soldiers. "
        "The Ukrainian president promised new equipment."
    )
    actors = _actors(extractor, text)
    zel = [a for a in actors if a.key == "zelenski"]
    assert len(zel) == 1
    assert "president" in zel[0].roles
    starts = {s.start for s in zel[0].spans}
    assert text.index("The Ukrainian president") in starts or text.index("Ukrainian president") in starts


def test_title_gives_role_and_side(extractor: Any) -> None:
    actors = _actors(extractor, "British Foreign Secretary David Lammy spoke in London on Tuesday.")
    lammy = next(a for a in actors if a.key == "lami")
    assert lammy.roles == ("foreign secretary",)
    assert lammy.side == "United Kingdom"


def test_two_people_with_one_surname_stay_apart(extractor: Any) -> None:
    text = "Hillary Clinton spoke first. Bill Clinton followed her on stage in Denver."
    keys = {a.key for a in _actors(extractor, text) if a.kind == "person"}
    assert len([k for k in keys if k.endswith("clinton")]) == 2
