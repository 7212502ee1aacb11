"""How figures and dates are written for people, shared by reconciliation (reasons) and the CLI."""

from __future__ import annotations

import datetime as dt

from factledger.models import Qualifier

__all__ = ["describe_quantity", "fmt_date"]

_WORDS = {
    Qualifier.AT_LEAST: "at least {v}",
    Qualifier.MORE_THAN: "more than {v}",
    Qualifier.UP_TO: "up to {v}",
    Qualifier.ABOUT: "about {v}",
    Qualifier.FEWER_THAN: "fewer than {v}",
}


def describe_quantity(
    qualifier: Qualifier, value: int | None, low: int | None = None, high: int | None = None
) -> str:
    """A figure as written: "at least 16", "10-15", "dozens"."""
    if value is None:
        return f"{low}-{high}" if low is not None and high is not None else qualifier.value
    template = _WORDS.get(qualifier)
    return template.format(v=value) if template else str(value)


def fmt_date(day: dt.date | None) -> str:
    return "undated" if day is None else f"{day.day} {day:%b %Y}"
