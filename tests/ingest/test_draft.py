"""Dates and validation shared by every format (issue 2)."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.errors import IngestError
from factledger.ingest import Draft, parse_date

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))


@given(DATES)
def test_iso_dates_and_datetimes_round_trip(day: dt.date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.isoformat()}T23:10:00+03:00") == day
    assert parse_date(dt.datetime.combine(day, dt.time(5))) == day


@given(DATES)
def test_rfc_2822_dates_as_feeds_write_them(day: dt.date) -> None:
    stamp = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
    assert parse_date(format_datetime(stamp)) == day


@pytest.mark.parametrize("value", ["someday", "31/31/2025", "April 2025", "2025", 20250405])
def test_unreadable_dates_are_malformed(value: object) -> None:
    with pytest.raises(IngestError) as info:
        parse_date(value, source="x")
    assert info.value.reason == "malformed"


def test_update_equal_to_publication_is_dropped() -> None:
    text = "A bridge collapsed under a convoy of lorries on the ring road, the police said."
    article = Draft(text=text, source="x", published="2025-04-05", updated="2025-04-05T18:00:00Z").to_article(
        min_chars=10, max_bytes=10_000
    )
    assert (article.published, article.updated) == (dt.date(2025, 4, 5), None)
