"""Number expressions as news writes them: digits, number words, qualifiers, ranges, vague amounts.

Pure functions over a sequence of word strings (spaCy token texts, or :func:`words_of` for plain
text), so the figures and damage components and tests share one reading of "at least 16",
"two hundred and fifty", "a dozen", "between 10 and 15", "10-15", "dozens", "more than a dozen".

A :class:`Quantity` records where it sits in the word sequence (``start``/``end`` word indices,
half-open) so a caller can map it back to a token span. Word lists live in ``data/numbers.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from factledger.models import Qualifier

__all__ = [
    "Quantity",
    "could_start",
    "find_quantities",
    "parse_cardinal",
    "parse_quantity",
    "quantity_from_text",
    "word_value",
    "words_of",
]

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
_DASHED_RANGE = re.compile(r"^(\d+)[-–—](\d+)$")
_WORD = re.compile(r"\d[\d,.]*\d|\d|[A-Za-z]+(?:\.(?=\s))?|[^\sA-Za-z\d]")
_DASHES = frozenset({"-", "–", "—"})
_MAX_PHRASE = 4


@dataclass(frozen=True)
class Quantity:
    """A number expression: ``value`` (exact or qualified), or ``low``/``high`` for a range."""

    value: int | None
    qualifier: Qualifier
    start: int
    end: int
    low: int | None = None
    high: int | None = None

    @property
    def is_vague(self) -> bool:
        """No number at all ("dozens", "several")."""
        return self.value is None and self.low is None

    @property
    def best(self) -> int | None:
        """A single number to compare with (the value, or the low end of a range)."""
        return self.value if self.value is not None else self.low


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    multipliers: dict[str, int]
    singles: dict[tuple[str, ...], int]
    vague: dict[tuple[str, ...], Qualifier]
    prefixes: dict[tuple[str, ...], Qualifier]
    suffixes: dict[tuple[str, ...], Qualifier]
    range_openers: frozenset[str]
    range_joiners: frozenset[str]
    opened_range_joiners: frozenset[str]


def _phrases(table: dict[str, Any]) -> dict[tuple[str, ...], Any]:
    return {tuple(key.split()): value for key, value in table.items()}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = json.loads(resources.files("factledger.extract.data").joinpath("numbers.json").read_text("utf-8"))
    return _Lexicon(
        units=dict(raw["units"]),
        tens=dict(raw["tens"]),
        scales=dict(raw["scales"]),
        multipliers=dict(raw["multipliers"]),
        singles=_phrases(raw["singles"]),
        vague={k: Qualifier(v) for k, v in _phrases(raw["vague"]).items()},
        prefixes={k: Qualifier(v) for k, v in _phrases(raw["prefix_qualifiers"]).items()},
        suffixes={k: Qualifier(v) for k, v in _phrases(raw["suffix_qualifiers"]).items()},
        range_openers=frozenset(raw["range_openers"]),
        range_joiners=frozenset(raw["range_joiners"]),
        opened_range_joiners=frozenset(raw["opened_range_joiners"]),
    )


def words_of(text: str) -> list[str]:
    """Split plain text into words the way the parsers here expect (numbers kept whole)."""
    return _WORD.findall(text)


def _digits(word: str) -> int | None:
    if _DIGITS.match(word):
        return int(word.replace(",", ""))
    return None


def word_value(word: str) -> int | None:
    """Value of a single word: "18", "1,200", "six", "twenty-five", "dozen", "hundred"; else None."""
    lex = _lexicon()
    value = _digits(word)
    if value is not None:
        return value
    low = word.lower()
    for table in (lex.units, lex.tens, lex.scales, lex.multipliers):
        if low in table:
            return table[low]
    if "-" in low:
        tens, _, unit = low.partition("-")
        if tens in lex.tens and unit in lex.units and 0 < lex.units[unit] < 10:
            return lex.tens[tens] + lex.units[unit]
    return None


def _match_phrase(words: Sequence[str], start: int, table: dict[tuple[str, ...], Any]) -> tuple[Any, int]:
    """Longest phrase of ``table`` at ``start``: (value, end) or (None, start)."""
    for size in range(min(_MAX_PHRASE, len(words) - start), 0, -1):
        key = tuple(w.lower() for w in words[start : start + size])
        if key in table:
            return table[key], start + size
    return None, start


def _small_words(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """A number below 100 in words at ``i``: "six", "twenty", "twenty five", "twenty - five"."""
    lex = _lexicon()
    if i >= len(words):
        return None
    low = words[i].lower()
    if low in lex.units:
        return lex.units[low], i + 1
    if low in lex.tens:
        value, end = lex.tens[low], i + 1
        nxt = end + 1 if end < len(words) and words[end] in _DASHES else end
        if nxt < len(words) and 0 < lex.units.get(words[nxt].lower(), 0) < 10:
            return value + lex.units[words[nxt].lower()], nxt + 1
        return value, end
    compound = word_value(low) if "-" in low else None
    if compound is not None:
        return compound, i + 1
    return None


def _worded(words: Sequence[str], start: int) -> tuple[int, int] | None:
    """Number words with scales: "two hundred and fifty", "three thousand", "a hundred"."""
    lex = _lexicon()
    total, current, i = 0, 0, start
    seen = last_small = False
    if i + 1 < len(words) and words[i].lower() == "a" and words[i + 1].lower() in lex.scales:
        current, i, seen = 1, i + 1, True
    while i < len(words):
        low = words[i].lower()
        if low in lex.scales and seen:
            scale = lex.scales[low]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            i += 1
            last_small = False
            # "two hundred and fifty": "and" joins only when a smaller number follows.
            if i + 1 < len(words) and words[i].lower() == "and" and _small_words(words, i + 1):
                i += 1
            continue
        if low in lex.multipliers and last_small and 0 < current < 100:
            current *= lex.multipliers[low]
            i += 1
            last_small = False
            continue
        small = None if last_small else _small_words(words, i)
        if small is None:
            break
        current += small[0]
        i = small[1]
        seen = last_small = True
    if not seen:
        return None
    return total + current, i


def parse_cardinal(words: Sequence[str], start: int = 0) -> tuple[int, int] | None:
    """The whole number starting at ``words[start]`` as (value, end), or None.

    Reads digits ("18", "1,200", "3.5 million", "2 million"), words ("six", "twenty-five",
    "two hundred and fifty", "a hundred"), dozens ("a dozen", "two dozen", "half a dozen").
    """
    lex = _lexicon()
    if start >= len(words):
        return None
    single, end = _match_phrase(words, start, lex.singles)
    if single is not None:
        return int(single), end
    word = words[start]
    value = _digits(word)
    if value is not None or _DECIMAL.match(word):
        nxt = words[start + 1].lower() if start + 1 < len(words) else ""
        if nxt in lex.scales and nxt != "hundred":
            return round(float(word.replace(",", "")) * lex.scales[nxt]), start + 2
        if nxt in lex.multipliers:
            return round(float(word.replace(",", "")) * lex.multipliers[nxt]), start + 2
        return (value, start + 1) if value is not None else None
    return _worded(words, start)


def _joined_range(words: Sequence[str], start: int, opened: bool = False) -> tuple[int, int, int] | None:
    """ "10 to 15", "10-15", "two or three" at ``start``: (low, high, end).

    ``opened``: after "between"/"from", where "and" joins too ("between 10 and 15").
    """
    lex = _lexicon()
    joiners = lex.opened_range_joiners if opened else lex.range_joiners
    if start < len(words):
        dashed = _DASHED_RANGE.match(words[start])
        if dashed:
            low, high = int(dashed.group(1)), int(dashed.group(2))
            return (low, high, start + 1) if low < high else None
    first = parse_cardinal(words, start)
    if first is None:
        return None
    low, i = first
    if i < len(words) and words[i].lower() in joiners:
        second = parse_cardinal(words, i + 1)
        if second is not None and second[0] > low:
            return low, second[0], second[1]
    return None


def _suffix(words: Sequence[str], end: int, qualifier: Qualifier) -> tuple[Qualifier, int]:
    lex = _lexicon()
    found, after = _match_phrase(words, end, lex.suffixes)
    if found is not None and qualifier == Qualifier.EXACT:
        return found, after
    return qualifier, end


def parse_quantity(words: Sequence[str], start: int = 0) -> Quantity | None:
    """The number expression starting at ``words[start]``, with its qualifier, or None.

    >>> parse_quantity(words_of("at least 16 people"))
    Quantity(value=16, qualifier=<Qualifier.AT_LEAST: 'at_least'>, start=0, end=3, low=None, high=None)
    """
    lex = _lexicon()
    qualifier, i = _match_phrase(words, start, lex.prefixes)
    qualifier = Qualifier.EXACT if qualifier is None else qualifier
    # "between 10 and 15", "from two to five"
    if i < len(words) and words[i].lower() in lex.range_openers:
        span = _joined_range(words, i + 1, opened=True)
        if span is not None:
            return Quantity(None, Qualifier.RANGE, start, span[2], low=span[0], high=span[1])
    vague, end = _match_phrase(words, i, lex.vague)
    if vague is not None:
        # "several dozen" and friends read as vague; "several" before a number word is not a range.
        after = parse_cardinal(words, end) if vague == Qualifier.SEVERAL else None
        if after is None:
            return Quantity(None, vague, start, end)
    span = _joined_range(words, i)
    # "rose from 7 to 18" is a change, not a range.
    changed = i > 0 and words[i - 1].lower() == "from"
    if span is not None and qualifier == Qualifier.EXACT and not changed:
        return Quantity(None, Qualifier.RANGE, start, span[2], low=span[0], high=span[1])
    cardinal = parse_cardinal(words, i)
    if cardinal is None:
        return None
    value, end = cardinal
    qualifier, end = _suffix(words, end, qualifier)
    return Quantity(value, qualifier, start, end)


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Lower-cased words a number expression can start with (digits aside): a cheap pre-filter."""
    lex = _lexicon()
    words: set[str] = set(lex.units) | set(lex.tens) | set(lex.scales) | set(lex.multipliers)
    for table in (lex.singles, lex.vague, lex.prefixes):
        words.update(key[0] for key in table)
    words.update(lex.range_openers)
    words.add("a")
    return frozenset(words)


def could_start(word: str) -> bool:
    """Whether a number expression may start at ``word`` (false for most words, cheaply)."""
    return word[:1].isdigit() or word.lower() in _starters() or ("-" in word and word_value(word) is not None)


def find_quantities(words: Sequence[str]) -> list[Quantity]:
    """Every non-overlapping number expression in ``words``, left to right, longest first."""
    found: list[Quantity] = []
    i = 0
    while i < len(words):
        if not could_start(words[i]):
            i += 1
            continue
        quantity = parse_quantity(words, i)
        if quantity is None:
            i += 1
            continue
        found.append(quantity)
        i = quantity.end
    return found


def quantity_from_text(text: str) -> Quantity | None:
    """The first number expression in a short piece of text ("more than 30" -> more_than 30)."""
    found = find_quantities(words_of(text))
    return found[0] if found else None
