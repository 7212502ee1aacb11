"""Name keys (issues 4 and 7): spellings of one name share a key, different names do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.extract.names import clean_name, org_key, person_key, same_person, token_key


@pytest.mark.parametrize(
    "variants",
    [
        ["Zelenskyy", "Zelensky", "Zelenskiy", "Zelenskij", "President Volodymyr Zelenskyy’s"],
        ["Klitschko", "Klichko", "Mayor Vitali Klitschko"],
        ["Dmitry Peskov", "Dmitri Peskov", "Dmitriy Peskov"],
    ],
)
def test_spelling_variants_share_a_key(variants: list[str]) -> None:
    assert len({person_key(v) for v in variants}) == 1


def test_first_name_transliterations() -> None:
    assert token_key("Volodymyr") == token_key("Wolodymyr")
    assert token_key("Yevgeny") == token_key("Evgeny")


def test_different_people_differ() -> None:
    assert person_key("Marco Rubio") != person_key("David Lammy")
    assert not same_person("Hillary Clinton", "Bill Clinton")
    assert same_person("Hillary Clinton", "Clinton")


def test_honorifics_and_possessives_are_dropped() -> None:
    assert clean_name("Mr. Putin's") == "Putin"
    assert person_key("Sen. Jane Doe") == person_key("Doe")


def test_org_key_ignores_articles() -> None:
    assert org_key("the Ministry of Defence") == org_key("Ministry Defence")


def test_org_key_folds_countries_and_spellings() -> None:
    assert org_key("the Russian defense ministry") == org_key("Russia's Defence Ministry")
    assert org_key("World Health Organisation") == org_key("World Health Organization")
    assert org_key("the Ukrainian air force") == org_key("Ukraine's air force")
    assert org_key("the Israeli military") != org_key("the Lebanese military")


@given(st.text(max_size=40))
def test_keys_never_fail(text: str) -> None:
    assert isinstance(person_key(text), str)
    assert isinstance(org_key(text), str)
