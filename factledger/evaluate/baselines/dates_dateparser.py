"""Dates baseline: dateparser on the first date expression spaCy's NER finds, relative to the
publication date; the publication date itself when there is none."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

__all__ = ["dateparser_date"]


def dateparser_date(doc: Doc, published: dt.date) -> dt.date:
    import dateparser

    base = dt.datetime(published.year, published.month, published.day, 12)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        parsed = dateparser.parse(ent.text, languages=["en"], settings=settings)
        if parsed is not None:
            day: dt.date = parsed.date()
            return day
    return published
