"""The outlet's home region, read off the report's web address: local papers and stations are
often named after their city (the Toledo Blade, a Pittsburgh station's subdomain), and a report
mostly tells of places near home."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from factledger.extract.gazetteer.build import CITY, GazEntry
from factledger.extract.gazetteer.index import Gazetteer
from factledger.extract.gazetteer.keys import exact_key

__all__ = ["outlet_home"]

_MIN_POPULATION = 250_000  # a big city: smaller names are too often shared or other words
_MIN_CHARS = 5  # shorter prefixes of a host name ("reno", "york") are too often other words
_DOMINANCE = 2  # the chosen city must outsize every namesake elsewhere this many times


@lru_cache(maxsize=4)
def _joined(gaz: Gazetteer) -> dict[str, list[int]]:
    """Names of big cities with their spaces dropped, as host names write them ("kansascity")."""
    found: dict[str, list[int]] = {}
    # Main names only: alternate names ("Hudson" for Jersey City) are too loose for a host name.
    for idx, e in enumerate(gaz.entries):
        if e.kind == CITY and e.population >= _MIN_POPULATION and e.admin1 is not None:
            found.setdefault(exact_key(e.name).replace(" ", ""), []).append(idx)
    return found


def outlet_home(gaz: Gazetteer, url: str | None) -> GazEntry | None:
    """The big city a host name starts with, or None."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").casefold()
    labels = [lab for lab in host.split(".")[:-1] if lab not in ("www", "m", "blogs", "news")]
    joined = _joined(gaz)
    for label in labels:
        label = label.replace("-", "")
        for end in range(len(label), _MIN_CHARS - 1, -1):
            hits = joined.get(label[:end])
            if hits:
                return _dominant(gaz, hits)
    return None


def _dominant(gaz: Gazetteer, hits: list[int]) -> GazEntry | None:
    best: dict[tuple[str, str], GazEntry] = {}
    for idx in hits:
        e = gaz.entry(idx)
        key = (e.cc, e.admin1 or "")
        if key not in best or e.population > best[key].population:
            best[key] = e
    ranked = sorted(best.values(), key=lambda e: -e.population)
    if len(ranked) > 1 and ranked[0].population < _DOMINANCE * ranked[1].population:
        return None
    return ranked[0]
