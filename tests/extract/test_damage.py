"""Damage to property, counted or not (issue 6): what the parse ties to a damage word."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factledger.extract.extensions import doc_list
from factledger.models import Article, Damage, Qualifier

DAY = dt.date(2025, 4, 5)


def damage_of(extractor: Any, text: str) -> set[tuple[str, int | None, Qualifier]]:
    doc = extractor.annotate(next(extractor.parse([text])), Article.create(text, published=DAY))
    found: list[Damage] = doc_list(doc, "damage")
    for d in found:
        assert text[d.span.start : d.span.end].endswith(d.what)
    return {(d.what, d.count, d.qualifier) for d in found}


def test_a_list_of_things_hit_shares_its_damage_word(extractor: Any) -> None:
    text = (
        "The city council listed the losses, with 12 houses, over 40 cars, a medical facility "
        "and a bakery impacted."
    )
    assert damage_of(extractor, text) == {
        ("houses", 12, Qualifier.EXACT),
        ("cars", 40, Qualifier.MORE_THAN),
        ("medical facility", None, Qualifier.EXACT),
        ("bakery", None, Qualifier.EXACT),
    }


def test_passive_subjects_and_objects_are_damaged(extractor: Any) -> None:
    found = damage_of(
        extractor, "The mayor said 15 apartment buildings, more than 25 vehicles and a school were damaged."
    )
    assert ("apartment buildings", 15, Qualifier.EXACT) in found
    assert ("vehicles", 25, Qualifier.MORE_THAN) in found
    assert ("school", None, Qualifier.EXACT) in found
    found = damage_of(extractor, "The explosion destroyed about 10 homes and several shops.")
    assert ("homes", 10, Qualifier.ABOUT) in found
    assert ("shops", None, Qualifier.SEVERAL) in found


def test_damage_to_and_vague_amounts(extractor: Any) -> None:
    found = damage_of(extractor, "The shelling caused damage to dozens of houses and a power line.")
    assert ("houses", None, Qualifier.DOZENS) in found
    assert ("power line", None, Qualifier.EXACT) in found


def test_places_named_in_passing_are_not_damage(extractor: Any) -> None:
    assert damage_of(extractor, "Two men were killed near a restaurant in the old town on Friday.") == set()
    assert damage_of(extractor, "Residents gathered at the school to mourn the victims.") == set()
