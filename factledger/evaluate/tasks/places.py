"""``--task places``: the primary incident's place against the gold coordinates (issue 4).

``place_within_25km``: share of reports (with gold coordinates for their primary incident) whose
primary mention's place lies within 25 km of them; a report without a place counts as a miss.
``country_accuracy``: share whose place is in the gold country. Baseline ``ner_gazetteer``: the
first GPE/LOC entity, exact gazetteer lookup, most populous match.
"""

from __future__ import annotations

import re
from typing import Any

from factledger.evaluate.baselines.places_ner import ner_place
from factledger.evaluate.context import EvalContext
from factledger.evaluate.metrics import ratio
from factledger.extract.gazetteer import COUNTRY, Gazetteer, load_gazetteer
from factledger.geo import distance_km

__all__ = ["country_code", "run"]

_RADIUS_KM = 25.0


def country_code(name: str | None, gaz: Gazetteer) -> str | None:
    """ISO code of a gold country name ("Palestine (Gaza Strip)" -> PS)."""
    if not name:
        return None
    for variant in (name, re.sub(r"\s*\(.*?\)", "", name), *re.findall(r"\((.*?)\)", name)):
        for idx, exact in gaz.lookup(variant.strip(), fuzzy=False):
            entry = gaz.entry(idx)
            if exact and entry.kind == COUNTRY:
                return entry.cc
    return None


_Point = tuple[float | None, float | None, str | None]
"""Latitude, longitude and country code, any of them unknown."""


class _Tally:
    def __init__(self) -> None:
        self.n = self.near = self.n_country = self.country_ok = 0

    def add(self, guess: _Point, gold: _Point) -> None:
        lat, lon, cc = guess
        gold_lat, gold_lon, gold_cc = gold
        if gold_lat is not None and gold_lon is not None:
            self.n += 1
            if (
                lat is not None
                and lon is not None
                and distance_km(lat, lon, gold_lat, gold_lon) <= _RADIUS_KM
            ):
                self.near += 1
        if gold_cc is not None:
            self.n_country += 1
            self.country_ok += int(cc == gold_cc)

    def metrics(self) -> dict[str, Any]:
        return {
            "place_within_25km": ratio(self.near, self.n),
            "country_accuracy": ratio(self.country_ok, self.n_country),
        }


def run(ctx: EvalContext) -> dict[str, Any]:
    gaz = load_gazetteer()
    documents = [d for d in ctx.folder.documents if d.primary_incident in ctx.folder.incidents]
    reports = ctx.reports(documents)
    parsed = ctx.parsed(documents)
    ours, base = _Tally(), _Tally()
    codes: dict[str | None, str | None] = {}
    for d in documents:
        gold = ctx.folder.incidents[d.primary_incident or ""]
        if gold.country not in codes:
            codes[gold.country] = country_code(gold.country, gaz)
        gold_cc = codes[gold.country]
        primary = reports[d.doc_id].primary()
        place = primary.place if primary is not None else None
        truth: _Point = (gold.lat, gold.lon, gold_cc)
        ours.add((place.lat, place.lon, place.country_code) if place else (None, None, None), truth)
        entry = ner_place(parsed[d.doc_id], gaz)
        base.add((entry.lat, entry.lon, entry.cc) if entry else (None, None, None), truth)
    return {"documents": len(documents), **ours.metrics(), "baselines": {"ner_gazetteer": base.metrics()}}
