"""Bag-of-terms vectors for comparing the text of incident mentions.

Terms are lower-cased words without stop words, weighted by sublinear term frequency. Bigrams were
tried and dropped: in news pages they mostly repeat boilerplate phrases and, under a cap on terms,
crowd out the rare single words (names, streets) that tell incidents apart. Inverse document
frequencies are not baked into a mention's terms: they come from :class:`TermStats`, counted
incrementally over the mentions placed so far, and are applied when two texts are compared. That
keeps a stored mention valid as the ledger grows and lets words every report of a region shares
("police", "shooting", the city's name) fade while rare words (a victim's name, a street,
"23-year-old") keep their weight.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["TermStats", "cosine", "term_weights", "tokens"]

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'\-]*[a-z0-9]|[a-z0-9]")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "news", "reported"}

MAX_TERMS = 200
"""Terms kept per mention (the heaviest): bounds the size of stored profiles. Set generously: words
that occur once are the ones a cap drops first, and they are often the telling ones."""


def tokens(text: str) -> list[str]:
    """Content words of ``text``, lower-cased, in order."""
    out: list[str] = []
    for tok in _TOKEN.findall(text.lower()):
        tok = tok.removesuffix("'s")
        if len(tok) < 2 or tok in _STOP:
            continue
        out.append(tok)
    return out


def term_weights(text: str, max_terms: int = MAX_TERMS) -> dict[str, float]:
    """Sublinear term frequencies of words, the ``max_terms`` heaviest kept."""
    counts: Counter[str] = Counter(tokens(text))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:max_terms]
    return {term: 1.0 + math.log(n) for term, n in ranked}


class TermStats:
    """Document frequencies over the mentions seen so far (incremental IDF).

    IDF-weighted vectors are cached per text key and recomputed once the number of documents has
    grown by a tenth since they were weighed: exact enough, and comparing stays cheap.
    """

    def __init__(self, df: Mapping[str, int] | None = None, documents: int = 0) -> None:
        self.df: Counter[str] = Counter(df or {})
        self.documents = documents
        self._vectors: dict[str, tuple[int, dict[str, float], float]] = {}

    def add(self, terms: Iterable[str]) -> None:
        self.df.update(set(terms))
        self.documents += 1

    def remove(self, terms: Iterable[str]) -> None:
        self.df.subtract(set(terms))
        self.documents = max(0, self.documents - 1)

    def prefetch(self, terms: Iterable[str]) -> None:
        """Make sure the frequencies of ``terms`` are at hand (a no-op in memory)."""

    def flush(self) -> None:
        """Persist pending changes (a no-op in memory)."""

    def idf(self, term: str) -> float:
        # Smoothed, and floored at 1 so a brand-new ledger still compares texts sensibly.
        return 1.0 + math.log((1 + self.documents) / (1 + max(0, self.df.get(term, 0))))

    def _generation(self) -> int:
        return int(math.log(1 + self.documents) / _GROWTH)

    def vector(self, key: str, terms: Mapping[str, float]) -> tuple[dict[str, float], float]:
        """IDF-weighted terms of the text ``key`` and their norm (cached)."""
        generation = self._generation()
        cached = self._vectors.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1], cached[2]
        weighted = {t: w * self.idf(t) for t, w in terms.items()}
        norm = math.sqrt(sum(w * w for w in weighted.values()))
        self._vectors[key] = (generation, weighted, norm)
        return weighted, norm

    def forget(self, key: str) -> None:
        self._vectors.pop(key, None)


_GROWTH = math.log(1.1)


def cosine(a: tuple[str, Mapping[str, float]], b: tuple[str, Mapping[str, float]], stats: TermStats) -> float:
    """TF-IDF cosine of two keyed term-weight maps."""
    if not a[1] or not b[1]:
        return 0.0
    wa, na = stats.vector(*a)
    wb, nb = stats.vector(*b)
    if len(wa) > len(wb):
        wa, wb = wb, wa
    dot = sum(w * wb[t] for t, w in wa.items() if t in wb)
    if dot == 0.0 or na == 0.0 or nb == 0.0:
        return 0.0
    return dot / (na * nb)
