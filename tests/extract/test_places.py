"""Places: gazetteer matches, NER mistakes overridden, modifiers, disambiguation (issue 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.tokens import Doc

from factledger.extract.extensions import doc_list
from factledger.models import Article, Place, PlacePrecision

SAT = dt.date(2025, 4, 5)


def annotate(extractor: Any, text: str, published: dt.date | None = None, title: str | None = None) -> Doc:
    article = Article.create(text, published=published, title=title)
    doc = next(extractor.parse([text]))
    result: Doc = extractor.annotate(doc, article)
    return result


def _places(extractor: Any, text: str) -> list[Place]:
    return doc_list(annotate(extractor, text, SAT), "places")


def test_hometown_apposition_is_a_place_even_when_ner_says_person(extractor: Any) -> None:
    text = (
        "Nine people died when a missile hit President Volodymyr Zelenskyy's hometown, Kryvyi Rih, "
        "regional officials said on Saturday."
    )
    places = _places(extractor, text)
    kr = [p for p in places if p.raw == "Kryvyi Rih"]
    assert kr and kr[0].country_code == "UA"
    assert abs((kr[0].lat or 0) - 47.91) < 0.1 and abs((kr[0].lon or 0) - 33.39) < 0.1


def test_russian_spelling_resolves_to_the_same_city(extractor: Any) -> None:
    places = _places(extractor, "Rescuers worked through the night in Kryvyi Rig after the strike.")
    assert any(
        p.raw == "Kryvyi Rig" and p.country_code == "UA" and abs((p.lat or 0) - 47.91) < 0.1 for p in places
    )


def test_region_modifier_names_the_region(extractor: Any) -> None:
    places = _places(extractor, "Drones were shot down over the Kharkiv region overnight, the governor said.")
    region = [p for p in places if p.raw.startswith("Kharkiv")]
    assert region and region[0].precision == PlacePrecision.REGION and region[0].raw == "Kharkiv region"


def test_mayor_modifier_keeps_the_city(extractor: Any) -> None:
    places = _places(
        extractor, "Kyiv Mayor Vitali Klitschko said explosions were heard across Kyiv on Saturday."
    )
    assert any(p.name == "Kyiv" and p.precision == PlacePrecision.TOWN for p in places)


def test_us_town_with_state_abbreviation(extractor: Any) -> None:
    text = "ROCKY MOUNT, N.C. -- Three teenagers were wounded when someone fired into a crowd in Rocky Mount, N.C., police said."
    places = _places(extractor, text)
    towns = [p for p in places if p.name == "Rocky Mount"]
    assert towns and all(p.admin1 == "North Carolina" for p in towns)


def test_state_context_picks_the_county(extractor: Any) -> None:
    text = (
        "A deputy with the Greene County Sheriff's Office was shot near Snow Hill, North Carolina, on Friday."
    )
    places = _places(extractor, text)
    county = [p for p in places if p.name == "Greene County"]
    assert county and county[0].admin1 == "North Carolina"


def test_common_words_and_people_are_not_places(extractor: Any) -> None:
    text = "Police said Officer Jose Martinez arrived first. Martinez told reporters the team was late."
    names = {p.raw for p in _places(extractor, text)}
    assert not names & {"Police", "Martinez"}


def test_country_context_disambiguates(extractor: Any) -> None:
    text = "A gunman opened fire at a bar in Columbia, South Carolina, early Sunday, police in Columbia said."
    places = _places(extractor, text)
    assert all(p.country_code == "US" for p in places if p.name == "Columbia")


def test_own_name_outranks_another_towns_old_name(extractor: Any) -> None:
    places = _places(extractor, "Montgomery police said two men were shot outside a store on Friday.")
    town = [p for p in places if p.raw == "Montgomery"]
    assert town and town[0].country_code == "US"


def test_policing_words_settle_the_country_of_a_lone_town(extractor: Any) -> None:
    text = "A man was shot at a home in Winchester on Friday night, sheriff's deputies said."
    town = [p for p in _places(extractor, text) if p.raw == "Winchester"]
    assert town and town[0].country_code == "US"


def test_bare_state_abbreviation_is_not_a_town(extractor: Any) -> None:
    text = "The suspect fled to Fla. after the shooting in Tampa, police said."
    places = _places(extractor, text)
    assert not [p for p in places if p.raw == "Fla."]
    tampa = [p for p in places if p.raw == "Tampa"]
    assert tampa and tampa[0].admin1 == "Florida"


def test_neighbourhood_named_like_a_town_elsewhere_is_dropped(extractor: Any) -> None:
    text = (
        "CHICAGO — Two people were shot in Austin on Sunday, Chicago police said. "
        "Both were taken to a hospital in Chicago, Illinois."
    )
    places = _places(extractor, text)
    assert not [p for p in places if p.admin1 == "Texas"]


def test_a_name_used_as_a_place_once_is_a_place_everywhere(extractor: Any) -> None:
    text = "Uman. Rescuers worked all night. A missile hit a block of flats in Uman, officials said."
    assert len([p for p in _places(extractor, text) if p.name == "Uman"]) == 2


def test_headline_place_when_the_text_names_none(extractor: Any) -> None:
    article = Article.create(
        "Please sign in to keep reading. Subscribers get unlimited access.",
        published=SAT,
        title="Four people shot in southeast Toledo",
    )
    report = extractor.extract_one(article)
    primary = report.primary()
    assert primary is not None and primary.place is not None and primary.place.name == "Toledo"


def test_township_named_after_its_town_is_placed_at_the_town(extractor: Any) -> None:
    text = "A jet bombed a village in Kanbalu Township of Sagaing Region on Tuesday, residents said."
    district = [p for p in _places(extractor, text) if p.raw == "Kanbalu Township"]
    assert district and district[0].precision == PlacePrecision.DISTRICT
    assert abs((district[0].lat or 0) - 23.2) < 0.1


def test_outlet_home_read_off_the_host_name() -> None:
    from factledger.extract.gazetteer import load_gazetteer
    from factledger.extract.gazetteer.outlet import outlet_home

    gaz = load_gazetteer()
    chicago = outlet_home(gaz, "https://www.chicagoexample.com/news/local/story.html")
    assert chicago is not None and (chicago.cc, chicago.admin1) == ("US", "Illinois")
    pittsburgh = outlet_home(gaz, "http://pittsburgh.example.com:80/2020/01/01/a-story/")
    assert pittsburgh is not None and pittsburgh.name == "Pittsburgh"
    assert (
        outlet_home(gaz, "https://www.example.com/news/chicago-story") is None
    )  # the path is not the outlet
    assert outlet_home(gaz, None) is None


def test_outlet_home_settles_a_bare_namesake(extractor: Any) -> None:
    text = "Two men were wounded in a shooting in Austin late Friday, Chicago police said. Both were taken to a hospital."
    article = Article.create(text, published=SAT, url="https://www.chicagoexample.com/news/shooting.html")
    doc = extractor.annotate(next(extractor.parse([text])), article)
    places = doc_list(doc, "places")
    assert not any(p.admin1 == "Texas" for p in places)


def test_bare_district_abbreviation_is_a_place(extractor: Any) -> None:
    places = _places(
        extractor, "A man was wounded in a shooting in Southeast D.C. on Friday night, police said."
    )
    assert any(p.raw == "D.C." and p.admin1 == "Washington, D.C." for p in places)


def test_big_city_outlet_reads_a_far_small_namesake_as_its_neighbourhood(extractor: Any) -> None:
    text = "Two women were shot in Liberty City early Sunday, police said. One of them died at a hospital."
    article = Article.create(text, published=SAT, url="https://www.miamiexample.com/news/story.html")
    doc = extractor.annotate(next(extractor.parse([text])), article)
    places = doc_list(doc, "places")
    assert places and all(p.admin1 == "Florida" for p in places)
