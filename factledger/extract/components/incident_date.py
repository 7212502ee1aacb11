"""The primary incident's date when none of its own event words carries one.

In order: a day named in the incident's first sentence or the lead; any event day of the report; a
day on which something was said about it; and with nothing at all, the publication day, or the day
before it to that day when the report tells of a toll that has since risen (an update is written
after the event).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from factledger.extract.components.dates import is_calendar_day
from factledger.extract.lexicon import data_file
from factledger.models import DatePrecision, EventDate

__all__ = ["MAX_DAYS_BACK", "fallback_date"]

MAX_DAYS_BACK = 30
"""A date a month or more before publication is background (the invasion, a campaign's start)."""


@lru_cache(maxsize=1)
def _toll_update() -> re.Pattern[str]:
    d = data_file("date_words.json")
    nouns = "|".join(re.escape(str(n)) for n in d["toll_nouns"])
    verbs = "|".join(re.escape(str(v)) for v in d["toll_rise_verbs"])
    return re.compile(
        rf"\b(?:{nouns})\b[^.\n]{{0,80}}?\b(?:{verbs})\b|\b(?:{verbs})\s+(?:the\s+)?(?:{nouns})\b",
        re.IGNORECASE,
    )


def _day_before_to(day: dt.date) -> EventDate:
    return EventDate(
        raw="", start=day - dt.timedelta(days=1), end=day, precision=DatePrecision.DAYS, anchor="published"
    )


def fallback_date(doc: Doc, dates: list[EventDate], sentences: list[Span]) -> EventDate | None:
    """The incident's date from the report's other dates; ``sentences`` are searched first."""
    published: dt.date | None = doc._.written
    usable = [
        d
        for d in dates
        if d.anchor not in ("stamp", "background")
        and d.start is not None
        and d.span is not None
        and (published is None or (published - d.start).days <= MAX_DAYS_BACK or is_calendar_day(d))
    ]
    stated = [d for d in usable if d.anchor == "statement"]
    usable = [d for d in usable if d.anchor != "statement"]
    for sent in sentences:
        inside = [
            d
            for d in usable
            if d.span and sent.start_char <= d.span.start < sent.end_char and d.precision == DatePrecision.DAY
        ]
        if inside:
            return inside[0]
    days = [d for d in usable if d.precision == DatePrecision.DAY]
    if days:
        return days[0]
    if stated and stated[0].precision == DatePrecision.DAY:
        return stated[0]  # said on the day it happened, as far as the report tells
    if published is None:
        return None
    lead = doc.text[: max(s.end_char for s in sentences)] if sentences else doc.text
    if _toll_update().search(lead):
        return _day_before_to(published)
    # Nothing in the text dates it: most reports are written the day it happened.
    return EventDate(raw="", start=published, end=published, precision=DatePrecision.DAYS, anchor="published")
