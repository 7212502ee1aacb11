"""Event cues: types from triggers and weapons, perpetrators, weapons and damage (issue 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.tokens import Doc

from factledger.extract.components.events import coarse_class
from factledger.extract.cues import EventCue
from factledger.extract.extensions import doc_list
from factledger.models import Article, Damage, EventType, Qualifier, Weapon

DAY = dt.date(2025, 4, 5)


def annotate(extractor: Any, text: str, published: dt.date | None = None, title: str | None = None) -> Doc:
    article = Article.create(text, published=published, title=title)
    doc = next(extractor.parse([text]))
    result: Doc = extractor.annotate(doc, article)
    return result


def test_missile_strike_with_perpetrator_and_weapon(extractor: Any) -> None:
    doc = annotate(
        extractor, "A Russian Iskander-M ballistic missile strike on the city killed nine people.", DAY
    )
    cues: list[EventCue] = doc_list(doc, "events")
    assert cues[0].event_type == EventType.SHELLING_ARTILLERY_MISSILE
    assert cues[0].perpetrator == "Russian"
    weapons: list[Weapon] = doc_list(doc, "weapons")
    assert {w.name for w in weapons} >= {"Iskander-M"}
    assert {w.category for w in weapons} >= {"ballistic_missile"}


def test_generic_attack_takes_its_type_from_the_weapons(extractor: Any) -> None:
    doc = annotate(extractor, "Overnight, Shahed drones attacked the port city, injuring four.", DAY)
    assert coarse_class(doc_list(doc, "events")[0].event_type) == "air_drone_strike"


def test_drone_attack_on_a_named_city(extractor: Any) -> None:
    doc = annotate(
        extractor, "A Ukrainian drone attack on Belgorod damaged two houses, the governor said.", DAY
    )
    cue = doc_list(doc, "events")[0]
    assert cue.event_type == EventType.AIR_DRONE_STRIKE
    assert cue.perpetrator == "Ukrainian"
    assert cue.place is not None and cue.place.country_code == "RU"


def test_shooting_and_disaster_types(extractor: Any) -> None:
    shot = annotate(extractor, "Two men were shot outside a store on Main Street on Friday night.", DAY)
    assert coarse_class(doc_list(shot, "events")[0].event_type) == "shooting"
    quake = annotate(extractor, "A powerful earthquake struck the mountain villages late on Friday.", DAY)
    assert coarse_class(doc_list(quake, "events")[0].event_type) == "disaster"


def test_damage_counts(extractor: Any) -> None:
    text = "Officials said 20 apartment buildings and more than 30 vehicles were damaged in the attack."
    damage: list[Damage] = doc_list(annotate(extractor, text, DAY), "damage")
    found = {(d.what, d.count, d.qualifier) for d in damage}
    assert ("apartment buildings", 20, Qualifier.EXACT) in found
    assert ("vehicles", 30, Qualifier.MORE_THAN) in found


def test_coarse_classes_cover_every_type() -> None:
    classes = {coarse_class(t) for t in EventType}
    assert classes <= {"air_drone_strike", "missile_artillery", "bombing", "shooting", "other", "disaster"}
    assert coarse_class(EventType.SUICIDE_BOMB) == "bombing"


def _primary_class(extractor: Any, text: str) -> str:
    mentions = doc_list(annotate(extractor, text, DAY), "mentions")
    return coarse_class(mentions[0].event_type)


def test_guided_and_aerial_bombs_are_air_strikes(extractor: Any) -> None:
    text = "Two guided bombs hit a supermarket in the city on Saturday, killing three shoppers."
    assert _primary_class(extractor, text) == "air_drone_strike"
    text = "The army struck the town with aerial bombs, the mayor said. Four people were wounded."
    assert _primary_class(extractor, text) == "air_drone_strike"
    assert (
        _primary_class(extractor, "An aerial strike on the port killed two dock workers.")
        == "air_drone_strike"
    )


def test_plural_phrase_is_one_trigger(extractor: Any) -> None:
    doc = annotate(extractor, "Rocket attacks on the border town wounded six people.", DAY)
    cue = doc_list(doc, "events")[0]
    assert cue.sub_event_type == "rocket attack"
    assert coarse_class(cue.event_type) == "missile_artillery"


def test_weapon_of_an_old_event_does_not_type_the_new_one(extractor: Any) -> None:
    text = (
        "Two explosions killed 40 people at a rally marking the anniversary of the general's death "
        "in a drone strike, officials said."
    )
    assert _primary_class(extractor, text) == "bombing"
    text = (
        "A blast killed 12 people at the shrine of a commander who died in a drone strike five years "
        "ago, police said."
    )
    assert _primary_class(extractor, text) == "bombing"


def test_nearest_weapons_type_a_generic_attack(extractor: Any) -> None:
    text = (
        "In the deadliest attack in months, air raids on the fuel depot killed 30 people.\n"
        "The rebels have fired missiles at ships for a year."
    )
    assert _primary_class(extractor, text) == "air_drone_strike"


def test_opening_fire_is_a_shooting(extractor: Any) -> None:
    text = "Soldiers were accused of opening fire on a crowd waiting for flour; later a stampede began."
    assert _primary_class(extractor, text) == "shooting"
