"""Number expressions (issue 3): property tests over digits, number words, qualifiers and ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.extract.numbers import find_quantities, parse_cardinal, quantity_from_text, words_of
from factledger.models import Qualifier

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TENS[tens]
    return f"{_TENS[tens]}{'-' if hyphen else ' '}{_UNITS[unit]}"


def _in_words(n: int, hyphen: bool = True, use_and: bool = True) -> str:
    """English words for 1 <= n < 1,000,000 (our own renderer, independent of the parser)."""
    parts: list[str] = []
    thousands, rest = divmod(n, 1000)
    if thousands:
        parts.append(f"{_in_words(thousands, hyphen, use_and)} thousand")
    hundreds, small = divmod(rest, 100)
    if hundreds:
        parts.append(f"{_UNITS[hundreds]} hundred")
    if small:
        if parts and use_and:
            parts.append("and")
        parts.append(_below_hundred(small, hyphen))
    return " ".join(parts)


@given(st.integers(min_value=0, max_value=10_000_000))
def test_digits_with_and_without_commas(n: int) -> None:
    for text in (str(n), f"{n:,}"):
        parsed = parse_cardinal(words_of(text))
        assert parsed is not None and parsed[0] == n


@given(st.integers(min_value=1, max_value=999_999), st.booleans(), st.booleans())
def test_number_words(n: int, hyphen: bool, use_and: bool) -> None:
    words = words_of(_in_words(n, hyphen, use_and))
    parsed = parse_cardinal(words)
    assert parsed is not None
    assert parsed == (n, len(words))


@pytest.mark.parametrize(
    ("prefix", "qualifier"),
    [
        ("at least", Qualifier.AT_LEAST),
        ("no fewer than", Qualifier.AT_LEAST),
        ("more than", Qualifier.MORE_THAN),
        ("over", Qualifier.MORE_THAN),
        ("up to", Qualifier.UP_TO),
        ("as many as", Qualifier.UP_TO),
        ("about", Qualifier.ABOUT),
        ("nearly", Qualifier.ABOUT),
        ("some", Qualifier.ABOUT),
        ("fewer than", Qualifier.FEWER_THAN),
        ("", Qualifier.EXACT),
    ],
)
@given(n=st.integers(min_value=1, max_value=5000), as_words=st.booleans())
def test_qualifiers(prefix: str, qualifier: Qualifier, n: int, as_words: bool) -> None:
    number = _in_words(n) if as_words else str(n)
    quantity = quantity_from_text(f"{prefix} {number} people were killed".strip())
    assert quantity is not None
    assert quantity.value == n
    assert quantity.qualifier == qualifier


@given(st.integers(min_value=1, max_value=900), st.integers(min_value=1, max_value=99))
def test_ranges(low: int, gap: int) -> None:
    high = low + gap
    for text in (f"between {low} and {high}", f"{low}-{high}", f"{low} to {high}", f"{low}–{high}"):
        quantity = quantity_from_text(f"{text} people")
        assert quantity is not None, text
        assert (quantity.low, quantity.high, quantity.qualifier) == (low, high, Qualifier.RANGE)


def test_a_change_is_not_a_range() -> None:
    # Regression for issue 3: "rose from seven to 18" states two tolls.
    values = [q.value for q in find_quantities(words_of("the toll rose from seven to 18"))]
    assert values == [7, 18]


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("dozens of people", None, Qualifier.DOZENS),
        ("hundreds more", None, Qualifier.HUNDREDS),
        ("tens of thousands", None, Qualifier.THOUSANDS),
        ("a dozen", 12, Qualifier.EXACT),
        ("more than a dozen", 12, Qualifier.MORE_THAN),
        ("half a dozen", 6, Qualifier.EXACT),
        ("about three dozen", 36, Qualifier.ABOUT),
        ("over a hundred", 100, Qualifier.MORE_THAN),
        ("two hundred", 200, Qualifier.EXACT),
        ("18 or more", 18, Qualifier.AT_LEAST),
        ("3.5 million", 3_500_000, Qualifier.EXACT),
    ],
)
def test_vague_and_dozens(text: str, value: int | None, qualifier: Qualifier) -> None:
    quantity = quantity_from_text(text)
    assert quantity is not None
    assert (quantity.value, quantity.qualifier) == (value, qualifier)


@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    for q in find_quantities(words_of(text)):
        assert q.start < q.end
