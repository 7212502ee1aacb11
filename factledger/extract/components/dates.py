"""``factledger_dates``: date expressions resolved against the report's publication date.

A report published on a Friday that says "on Friday" means that day; otherwise a weekday is the most
recent one before publication. "Yesterday" and "last night" are the day before; "two days after"
and "two days earlier" count from the other date of their sentence. A date without a year takes
the publication year (the previous one if it would fall after publication). With no publication
date, relative expressions stay unresolved: we never guess. Dates in a page's own date line
("Posted: Tuesday, January 28, 2014") are kept with ``anchor="stamp"``, apart from event dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from factledger.extract.extensions import sentences as all_sentences
from factledger.extract.lexicon import data_file
from factledger.models import DatePrecision, EventDate, TextSpan

__all__ = [
    "DatesComponent",
    "dates_and_writing_day",
    "find_dates",
    "is_calendar_day",
    "resolve_weekday",
    "writing_day",
]

_FILE = "date_words.json"


@dataclass(frozen=True)
class _Words:
    months: dict[str, int]
    weekdays: dict[str, int]
    offsets: dict[str, int]
    weeks: dict[str, int]
    months_rel: dict[str, int]
    numbers: dict[str, int]
    stamps: tuple[str, ...]
    background: frozenset[str]
    pattern: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _words() -> _Words:
    d = data_file(_FILE)
    months = {str(k): int(v) for k, v in d["months"].items()}
    weekdays = {str(k): int(v) for k, v in d["weekdays"].items()}
    offsets = {str(k): int(v) for k, v in d["offsets"].items()}
    weeks = {str(k): int(v) for k, v in d["weeks"].items()}
    months_rel = {str(k): int(v) for k, v in d["months_relative"].items()}
    numbers = {str(k): int(v) for k, v in d["numbers"].items()}
    month = rf"(?P<month>{_alt(list(months))})\.?"
    month2 = rf"(?P<month2>{_alt(list(months))})\.?"
    wd = rf"(?P<wd>{_alt(list(weekdays))})"
    part = rf"(?:\s+(?P<part>{_alt([str(p) for p in d['parts_of_day']])}))?"
    num = rf"(?P<n>\d{{1,2}}|{_alt(list(numbers))})"
    pattern = re.compile(
        r"\b(?:"
        rf"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d))"
        rf"|(?P<us>(?P<um>[01]?\d)/(?P<ud>[0-3]?\d)/(?P<uy>(?:19|20)?\d\d))"
        rf"|(?P<md>{month}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d))?)"
        rf"|(?P<dm>(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{month2}(?:,?\s+(?P<year2>(?:19|20)\d\d))?)"
        rf"|(?P<rel>{num}\s+days?\s+(?P<dir>after|before|earlier|later|ago|prior))"
        rf"|(?P<weekday>(?:(?P<mod>last|this|past|next|early|late|later|earlier)\s+(?:on\s+)?)?{wd}{part})"
        rf"|(?P<off>{_alt(list(offsets))})"
        rf"|(?P<week>{_alt(list(weeks))})"
        rf"|(?P<mrel>{_alt(list(months_rel))})"
        rf"|(?P<monly>(?:in|since|during|early|late|mid-?)\s+(?P<month3>{_alt(list(months))})(?:\s+(?P<year3>(?:19|20)\d\d))?)"
        r")\b",
        re.IGNORECASE,
    )
    return _Words(
        months,
        weekdays,
        offsets,
        weeks,
        months_rel,
        numbers,
        tuple(str(s) for s in d["stamp_words"]),
        frozenset(str(s) for s in d.get("background_words", ())),
        pattern,
    )


_CALENDAR = re.compile(r"\d")
_RELATIVE_DAYS = re.compile(r"\bdays?\b", re.IGNORECASE)


def is_calendar_day(date: EventDate) -> bool:
    """A day named by the calendar ("May 7, 2015", "Nov. 1"), not by a weekday or a count of days:
    it stays the event's day however long before publication the report was written."""
    return (
        date.precision == DatePrecision.DAY
        and _CALENDAR.search(date.raw) is not None
        and _RELATIVE_DAYS.search(date.raw) is None
    )


def resolve_weekday(weekday: int, published: dt.date, *, last: bool = False) -> dt.date:
    """The day ``weekday`` (Monday 0) refers to in a report published on ``published``."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and last:
        back = 7
    return published - dt.timedelta(days=back)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day(raw: str, span: TextSpan, day: dt.date | None, anchor: str) -> EventDate:
    if day is None:
        return EventDate(raw=raw, span=span)
    return EventDate(raw=raw, span=span, start=day, end=day, precision=DatePrecision.DAY, anchor=anchor)


def _month_year(words: _Words, name: str, year: int | None, published: dt.date | None) -> int | None:
    if year is not None:
        return year
    if published is None:
        return None
    month = words.months[name.casefold()]
    return published.year if month <= published.month else published.year - 1


_DATELINE = re.compile(r"^\W*[A-Z][\w.'’ -]{1,40},\s*$")


def _is_stamp(text: str, start: int, end: int, words: _Words) -> bool:
    """A page's own date: after "Posted:", alone on its line, or in a dateline ("Mosul, March 3 --")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start:start]
    after = text[end:line_end]
    if any(w in before.casefold()[-40:] for w in words.stamps):
        return True
    words_around = [w for w in re.findall(r"[A-Za-z]{3,}", before + " " + after) if not w.isupper()]
    if len(words_around) <= 1 and (line_end - line_start) < 80:
        return True
    return bool(_DATELINE.match(before) and re.match(r"\s*(?:\(|--|—|–|-\s)", after))


def _is_background(text: str, start: int, words: _Words) -> bool:
    """ "since Feb. 24", "until March": a span of time around the event, not its day."""
    before = text[max(0, start - 12) : start].casefold().split()
    return bool(before) and before[-1] in words.background


def _resolve(m: re.Match[str], text: str, published: dt.date | None, words: _Words) -> EventDate | None:
    raw = m.group(0)
    span = TextSpan(start=m.start(), end=m.end())
    g = m.groupdict()
    anchor = "published"
    if _is_stamp(text, m.start(), m.end(), words):
        anchor = "stamp"
    elif _is_background(text, m.start(), words):
        anchor = "background"
    explicit_kind = "stamp" if anchor == "stamp" else "text"
    if g["iso"]:
        return _day(raw, span, _safe_date(int(g["iy"]), int(g["im"]), int(g["id"])), explicit_kind)
    if g["us"]:
        short = int(g["uy"])
        full = short + 2000 if short < 100 else short
        us = _safe_date(full, int(g["um"]), int(g["ud"]))
        if us is None or (published is not None and us > published + dt.timedelta(days=1)):
            # Day first, as most of the world writes it.
            us = _safe_date(full, int(g["ud"]), int(g["um"])) or us
        return _day(raw, span, us, explicit_kind)
    if g["md"] or g["dm"]:
        name = g["month"] or g["month2"]
        day_of_month = int(g["day"] or g["day2"])
        explicit = g["year"] or g["year2"]
        if name.casefold() == "may" and not explicit and g["md"] and not re.match(r"May\b", raw):
            return None  # "may 4" in lower case is a verb before a number
        year = _month_year(words, name, int(explicit) if explicit else None, published)
        if year is None:
            return EventDate(raw=raw, span=span)
        found = _safe_date(year, words.months[name.casefold()], day_of_month)
        if (
            found is not None
            and not explicit
            and published is not None
            and found > published + dt.timedelta(days=1)
        ):
            found = _safe_date(year - 1, words.months[name.casefold()], day_of_month)
        kind = anchor if anchor != "published" else ("text" if explicit else "published")
        return _day(raw, span, found, kind)
    if g["weekday"]:
        if published is None:
            return EventDate(raw=raw, span=span)
        mod = (g["mod"] or "").casefold()
        if mod == "next":
            return None
        weekday = resolve_weekday(words.weekdays[g["wd"].casefold()], published, last=mod == "last")
        return _day(raw, span, weekday, anchor)
    if g["off"]:
        if published is None:
            return EventDate(raw=raw, span=span)
        back = words.offsets[" ".join(g["off"].casefold().split())]
        return _day(raw, span, published - dt.timedelta(days=back), anchor)
    if g["week"]:
        if published is None:
            return EventDate(raw=raw, span=span)
        back = words.weeks[" ".join(g["week"].casefold().split())]
        monday = published - dt.timedelta(days=published.weekday() + 7 * back)
        end = min(monday + dt.timedelta(days=6), published)
        return EventDate(
            raw=raw, span=span, start=monday, end=end, precision=DatePrecision.WEEK, anchor=anchor
        )
    if g["mrel"]:
        if published is None:
            return EventDate(raw=raw, span=span)
        back = words.months_rel[" ".join(g["mrel"].casefold().split())]
        first = published.replace(day=1)
        for _ in range(back):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return EventDate(
            raw=raw,
            span=span,
            start=first,
            end=min(last, published),
            precision=DatePrecision.MONTH,
            anchor=anchor,
        )
    if g["monly"]:
        name = g["month3"]
        if name.casefold() == "may" and not g["year3"]:
            return None
        year = _month_year(words, name, int(g["year3"]) if g["year3"] else None, published)
        if year is None:
            return EventDate(raw=raw, span=span)
        first = dt.date(year, words.months[name.casefold()], 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return EventDate(
            raw=raw, span=span, start=first, end=last, precision=DatePrecision.MONTH, anchor=anchor
        )
    return None


def _relative(m: re.Match[str], words: _Words, base: EventDate | None) -> EventDate:
    """ "two days after/earlier": counted from the other date of the sentence (``base``)."""
    raw = m.group(0)
    span = TextSpan(start=m.start(), end=m.end())
    n_text = m.group("n").casefold()
    n = int(n_text) if n_text.isdigit() else words.numbers.get(n_text, 0)
    direction = m.group("dir").casefold()
    if base is None or base.start is None:
        return EventDate(raw=raw, span=span)
    # "X, two days after the strike": the strike was n days before X. "two days later": after.
    sign = 1 if direction == "later" else -1
    day = base.start + dt.timedelta(days=sign * n)
    return EventDate(raw=raw, span=span, start=day, end=day, precision=DatePrecision.DAY, anchor="text")


def _resolve_all(
    matches: list[re.Match[str]], text: str, published: dt.date | None, words: _Words
) -> list[tuple[re.Match[str], EventDate | None]]:
    found: list[tuple[re.Match[str], EventDate | None]] = []
    for m in matches:
        if m.group("rel"):
            found.append((m, None))  # counted from another date of its sentence, once all are known
            continue
        date = _resolve(m, text, published, words)
        if date is not None:
            found.append((m, date))
    return found


_HEAD_CHARS = 400


def _own_line(text: str, date: EventDate, words: _Words) -> bool:
    """A date line of the page itself: in its header or after "Posted", "Created"...; not a lone
    date further down (a related story's, in a list of links)."""
    if date.span is None:
        return False
    before = text[max(0, date.span.start - 40) : date.span.start].casefold()
    return date.span.start < _HEAD_CHARS or any(w in before for w in words.stamps)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MAX_STAMP_LAG = 3 * 366


def writing_day(dates: list[EventDate], published: dt.date | None) -> dt.date | None:
    """The day a report was written: the page's own date line ("Created: 03/02/2025", "(Published
    Sunday, March 2, 2025)"; the later of a created/updated pair) when it comes before the
    publication date we were given (a later crawl or update), else that publication date. With none
    given, we never guess."""
    if published is None:
        return None
    stamps = [d.start for d in dates if d.anchor == "stamp" and d.start is not None and _YEAR.search(d.raw)]
    if not stamps or (max(stamps) - min(stamps)).days > 1:
        return published  # none, or several stories' date lines (videos of related reports)
    last = max(stamps)  # the text we read is the updated one
    return last if last < published and (published - last).days <= _MAX_STAMP_LAG else published


def find_dates(
    text: str, published: dt.date | None, sentences: list[tuple[int, int]] | None = None
) -> list[EventDate]:
    """Every date expression of ``text``, resolved against the day it was written: ``published``, or
    the page's own earlier date line (see :func:`writing_day`)."""
    return dates_and_writing_day(text, published, sentences)[0]


def dates_and_writing_day(
    text: str, published: dt.date | None, sentences: list[tuple[int, int]] | None = None
) -> tuple[list[EventDate], dt.date | None]:
    """:func:`find_dates`, and the day they were resolved against."""
    words = _words()
    matches = list(words.pattern.finditer(text))
    found = _resolve_all(matches, text, published, words)
    written = writing_day([d for _, d in found if d is not None and _own_line(text, d, words)], published)
    if written != published:
        found = _resolve_all(matches, text, written, words)
        published = written
    bounds = sentences or [(0, len(text))]
    result: list[EventDate] = []
    for m, date in found:
        if date is None:
            sent = next(((s, e) for s, e in bounds if s <= m.start() < e), (0, len(text)))
            others = [
                d
                for mm, d in found
                if d is not None
                and d.start is not None
                and sent[0] <= mm.start() < sent[1]
                and d.precision == DatePrecision.DAY
                and d.anchor not in ("stamp", "background")
            ]
            base = others[0] if others else None
            if base is None and published is not None and m.group("dir").casefold() == "ago":
                base = EventDate(raw="", start=published, end=published, precision=DatePrecision.DAY)
            date = _relative(m, words, base)
        result.append(date)
    return result, published


class DatesComponent:
    def __call__(self, doc: Doc) -> Doc:
        sentences = (
            [(s.start_char, s.end_char) for s in all_sentences(doc)]
            if doc.has_annotation("SENT_START")
            else None
        )
        dates, doc._.written = dates_and_writing_day(doc.text, doc._.published, sentences)
        doc._.dates = _same_as_before(doc.text, [_mark_statement(doc, d) for d in dates])
        return doc


def _same_as_before(text: str, dates: list[EventDate]) -> list[EventDate]:
    """ "on Tuesday (Dec 5)": a date in brackets restates the one before it, in its role."""
    out = list(dates)
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        if prev.span is None or cur.span is None or cur.start != prev.start:
            continue
        if text[prev.span.end : cur.span.start].strip() == "(" and cur.anchor != prev.anchor:
            out[k] = cur.model_copy(update={"anchor": prev.anchor})
    return out


@dataclass(frozen=True)
class _StatementWords:
    verbs: frozenset[str]
    aftermath: frozenset[str]
    aftermath_objects: frozenset[str]
    nouns: frozenset[str]
    events: frozenset[str]


@lru_cache(maxsize=1)
def _statement_words() -> _StatementWords:
    d = data_file(_FILE)
    return _StatementWords(
        verbs=frozenset(str(v) for v in (*d.get("statement_verbs", ()), *d.get("proceeding_verbs", ()))),
        aftermath=frozenset(str(v) for v in d.get("aftermath_verbs", ())),
        aftermath_objects=frozenset(str(v) for v in d.get("aftermath_objects", ())),
        nouns=frozenset(str(n) for n in d.get("statement_nouns", ())),
        events=frozenset(
            [str(k) for k in data_file("event_triggers.json")["triggers"] if " " not in k]
            + [str(n) for n in d.get("event_nouns", ())]
        ),
    )


_RELATIVE_OTHER = re.compile(r"\b(?:after|before|earlier|later|prior)$", re.IGNORECASE)


def _mark_statement(doc: Doc, date: EventDate) -> EventDate:
    """ "officials said on Saturday", "according to a statement on Monday", "rescuers pulled bodies
    from the rubble overnight": the day something was said or done after the event, not its day."""
    if date.span is None or date.anchor not in ("published", "text") or _RELATIVE_OTHER.search(date.raw):
        return date  # "a day after": the day of the other event it counts from
    span = doc.char_span(date.span.start, date.span.end, alignment_mode="expand")
    if span is None:
        return date
    words = _statement_words()
    if span.root.dep_ == "poss":
        return date  # "Thursday's attack": the day of what it qualifies
    head = span.root.head
    for _ in range(3):
        lemma = head.lemma_.casefold()
        if head.pos_ in ("VERB", "AUX"):
            # "pulled bodies from the rubble", not "pulled the car over"
            aftermath = lemma in words.aftermath and any(
                c.dep_ in ("dobj", "nsubjpass") and c.lemma_.casefold() in words.aftermath_objects
                for c in head.children
            )
            if lemma in words.verbs or aftermath:
                return date.model_copy(update={"anchor": "statement"})
            return date
        if head.pos_ == "NOUN":
            if lemma in words.events:
                return date  # "a call about a shooting at 2 a.m. Sunday": the shooting's day
            if lemma in words.nouns:
                return date.model_copy(update={"anchor": "statement"})
        if head.head is head:
            break
        head = head.head
    return date


@Language.factory("factledger_dates", assigns=["doc._.dates", "doc._.written"], requires=["doc._.published"])
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()
