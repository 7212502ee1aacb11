"""The offline gazetteer and its transliteration keys (issue 4)."""

from __future__ import annotations

import pytest

from factledger.extract.gazetteer import ADMIN1, ADMIN2, CITY, exact_key, load_gazetteer, skeleton_key


@pytest.mark.parametrize(
    "variants",
    [
        ("Kryvyi Rih", "Kryvyi Rig", "Krivoy Rog", "Kryvyy Rih"),
        ("Kyiv", "Kiev"),
        ("Kharkiv", "Kharkov"),
        ("Zaporizhzhia", "Zaporozhye"),
        ("Khan Younis", "Khan Yunis"),
        ("Odesa", "Odessa"),
        ("Dnipro", "Dnepr"),
    ],
)
def test_transliterations_share_a_skeleton(variants: tuple[str, ...]) -> None:
    assert len({skeleton_key(v) for v in variants}) == 1


def test_exact_key_folds_case_diacritics_and_hyphens() -> None:
    assert exact_key("Kryvyï-Rih") == exact_key("kryvyi rih")
    assert exact_key("Saint Louis") == exact_key("St Louis")


def _best(name: str, kind: str = CITY) -> tuple[str, str, float, float]:
    gaz = load_gazetteer()
    cands = [(gaz.entry(i), exact) for i, exact in gaz.lookup(name)]
    entry, _ = max((c for c in cands if c[0].kind == kind), key=lambda c: (c[1], c[0].population))
    return entry.cc, entry.admin1 or "", entry.lat, entry.lon


@pytest.mark.parametrize("spelling", ["Kryvyi Rih", "Kryvyi Rig", "Krivoy Rog"])
def test_kryvyi_rih_spellings_resolve_to_the_city(spelling: str) -> None:
    cc, admin1, lat, lon = _best(spelling)
    assert cc == "UA" and "Dnipropetrovsk" in admin1
    assert abs(lat - 47.91) < 0.1 and abs(lon - 33.39) < 0.1


def test_alternate_names_kiev_and_nikolaev() -> None:
    assert _best("Kiev")[0] == "UA"
    assert abs(_best("Kiev")[2] - 50.45) < 0.1
    assert abs(_best("Nikolaev")[2] - 46.97) < 0.1


def test_regions_and_us_counties() -> None:
    gaz = load_gazetteer()
    kinds = {gaz.entry(i).kind for i, _ in gaz.lookup("Donetska oblast")}
    assert ADMIN1 in kinds
    counties = [gaz.entry(i) for i, _ in gaz.lookup("Greene County")]
    assert {e.kind for e in counties} == {ADMIN2}
    assert {"North Carolina", "Ohio"} <= {e.admin1 for e in counties}


def test_state_abbreviations_only_as_written() -> None:
    gaz = load_gazetteer()
    entry = gaz.abbreviation("N.C.")
    assert entry is not None and entry.name == "North Carolina"
    assert gaz.abbreviation("NC.") is None


def test_loading_twice_uses_the_same_index() -> None:
    assert load_gazetteer() is load_gazetteer()
