"""Offline gazetteer: GeoNames towns, regions, US counties and countries with transliteration keys."""

from __future__ import annotations

from factledger.extract.gazetteer.build import GazEntry
from factledger.extract.gazetteer.index import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    Candidate,
    Gazetteer,
    load_gazetteer,
)
from factledger.extract.gazetteer.keys import exact_key, skeleton_key

__all__ = [
    "ADMIN1",
    "ADMIN2",
    "CITY",
    "COUNTRY",
    "Candidate",
    "GazEntry",
    "Gazetteer",
    "exact_key",
    "load_gazetteer",
    "skeleton_key",
]
