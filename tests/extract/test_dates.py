"""Date expressions resolved against the publication date (issue 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from factledger.extract.components.dates import find_dates, resolve_weekday, writing_day
from factledger.extract.extensions import doc_list
from factledger.models import Article, DatePrecision, EventDate, IncidentMention

FRIDAY = dt.date(2025, 4, 4)
SUNDAY = dt.date(2025, 4, 6)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _first(text: str, published: dt.date | None) -> dt.date | None:
    dates = [d for d in find_dates(text, published) if d.anchor != "stamp"]
    return dates[0].start if dates else None


def test_weekday_of_publication_means_that_day() -> None:
    assert _first("The strike came on Friday afternoon, officials said.", FRIDAY) == FRIDAY


def test_later_on_weekday() -> None:
    assert _first("Later on Friday the town came under a drone attack.", dt.date(2025, 4, 5)) == FRIDAY


def test_other_weekdays_are_the_most_recent_past_one() -> None:
    assert _first("Rockets hit the port on Thursday.", FRIDAY) == dt.date(2025, 4, 3)
    assert _first("Rockets hit the port on Saturday.", FRIDAY) == dt.date(2025, 3, 29)


def test_yesterday_last_night_and_overnight() -> None:
    assert _first("Two people died yesterday.", FRIDAY) == dt.date(2025, 4, 3)
    assert _first("Shelling resumed last night.", FRIDAY) == dt.date(2025, 4, 3)


def test_days_after_another_date_in_the_sentence() -> None:
    dates = find_dates("Missiles hit the capital on Sunday, two days after the strike on the city.", SUNDAY)
    assert [d.start for d in dates] == [SUNDAY, dt.date(2025, 4, 4)]


def test_dates_without_a_year_take_the_publication_year() -> None:
    assert _first("The attack on 4 April killed nine.", dt.date(2025, 4, 7)) == dt.date(2025, 4, 4)
    assert _first("The attack on December 30 killed nine.", dt.date(2025, 1, 3)) == dt.date(2024, 12, 30)


def test_last_week_has_week_precision() -> None:
    (date,) = find_dates("A gunman opened fire last week.", FRIDAY)
    assert date.precision == DatePrecision.WEEK
    assert date.start is not None and date.end is not None and date.start <= FRIDAY - dt.timedelta(days=4)


def test_without_publication_date_relative_dates_stay_unresolved() -> None:
    (date,) = find_dates("The strike came on Friday.", None)
    assert date.start is None and date.precision == DatePrecision.UNRESOLVED
    (explicit,) = find_dates("The strike came on April 4, 2025.", None)
    assert explicit.start == FRIDAY


def test_page_date_lines_are_stamps() -> None:
    text = "Man shot outside bar Posted: Tuesday, January 28, 2014 8:18 PM EST\n\nA man was shot Monday."
    dates = find_dates(text, dt.date(2014, 1, 28))
    assert {d.anchor for d in dates if d.raw.startswith(("Tuesday", "January"))} == {"stamp"}
    assert [d.start for d in dates if d.anchor != "stamp"] == [dt.date(2014, 1, 27)]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(0, 6))
def test_weekdays_resolve_within_the_past_week(published: dt.date, weekday: int) -> None:
    day = resolve_weekday(weekday, published)
    assert day.weekday() == weekday
    assert 0 <= (published - day).days <= 6
    last = resolve_weekday(weekday, published, last=True)
    assert 1 <= (published - last).days <= 7


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), st.sampled_from(WEEKDAYS))
def test_found_weekdays_never_fall_after_publication(published: dt.date, name: str) -> None:
    (date,) = find_dates(f"Police said the shooting happened on {name}.", published)
    assert date.start is not None and date.start <= published
    assert date.start.strftime("%A") == name


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(1, 28))
def test_day_month_without_year_is_never_far_after_publication(published: dt.date, day: int) -> None:
    text = f"The blast on {day} {published.strftime('%B')} destroyed a school."
    (date,) = find_dates(text, published)
    assert date.start is not None
    assert date.start <= published + dt.timedelta(days=1)
    assert (published - date.start).days < 370


def _anchors(extractor: Any, text: str, published: dt.date) -> dict[str, str | None]:
    article = Article.create(text, published=published)
    doc = extractor.annotate(next(extractor.parse([text])), article)
    dates: list[EventDate] = doc_list(doc, "dates")
    return {d.raw: d.anchor for d in dates}


def test_days_of_statements_and_aftermath_are_not_event_days(extractor: Any) -> None:
    text = "The toll reached 12, according to a statement from the district police on Monday."
    assert _anchors(extractor, text, dt.date(2025, 4, 8))["Monday"] == "statement"
    text = "Rescuers pulled six more bodies from the rubble overnight, raising the toll to 20."
    assert _anchors(extractor, text, FRIDAY)["overnight"] == "statement"


def test_possessive_day_is_the_event_day(extractor: Any) -> None:
    text = "Thursday's shelling destroyed a school and a bakery, the mayor said Friday."
    anchors = _anchors(extractor, text, FRIDAY)
    assert anchors["Thursday"] == "published"
    assert anchors["Friday"] == "statement"


def test_event_nouns_and_phrasal_verbs_keep_the_event_day(extractor: Any) -> None:
    text = "Dispatchers took a call about a shooting at 2 a.m. Sunday near the bus depot."
    assert _anchors(extractor, text, dt.date(2025, 4, 6))["Sunday"] == "published"
    text = "The driver fled when officers tried to pull him over Thursday, then fired at them."
    assert _anchors(extractor, text, FRIDAY)["Thursday"] == "published"


def _primary_date(extractor: Any, text: str, published: dt.date) -> EventDate | None:
    article = Article.create(text, published=published)
    doc = extractor.annotate(next(extractor.parse([text])), article)
    mentions: list[IncidentMention] = doc_list(doc, "mentions")
    return mentions[0].date if mentions else None


def test_undated_toll_update_is_from_the_day_before(extractor: Any) -> None:
    text = "The death toll from a missile strike on a shopping centre in the city has risen to 21."
    date = _primary_date(extractor, text, FRIDAY)
    assert date is not None and date.precision == DatePrecision.DAYS
    assert (date.start, date.end) == (FRIDAY - dt.timedelta(days=1), FRIDAY)
    date = _primary_date(extractor, "A missile strike on a shopping centre in the city killed 21.", FRIDAY)
    assert date is not None and date.start == FRIDAY


def test_calendar_day_long_before_publication_is_the_event_day(extractor: Any) -> None:
    text = (
        "A man accused in the June 3 shooting outside a grocery store pleaded guilty on Tuesday.\n"
        "Two people were wounded in that shooting, police said."
    )
    date = _primary_date(extractor, text, dt.date(2025, 11, 20))
    assert date is not None and date.start == dt.date(2025, 6, 3)


def test_weekdays_count_from_the_page_date_line_when_it_is_earlier() -> None:
    text = "Created: 03/02/2025 7:10 PM\n\nTwo men were shot outside a bar on Friday night."
    dates = find_dates(text, dt.date(2027, 1, 30))
    assert [d.start for d in dates if d.anchor != "stamp"] == [dt.date(2025, 2, 28)]
    assert [d.anchor for d in dates if d.raw.startswith("03/")] == ["stamp"]


def test_date_lines_of_several_stories_are_not_the_writing_day() -> None:
    text = (
        "Video of the scene. (Published Sunday, March 2, 2025)\n\nA man was shot on Friday.\n\n"
        "Earlier story. (Published Monday, Feb. 10, 2025)"
    )
    assert writing_day(find_dates(text, dt.date(2025, 3, 3)), dt.date(2025, 3, 3)) == dt.date(2025, 3, 3)


def test_days_of_arrests_and_hearings_are_not_event_days(extractor: Any) -> None:
    text = "A teenager was arraigned on Wednesday in the March 4 killing of a store clerk."
    anchors = _anchors(extractor, text, dt.date(2025, 4, 3))
    assert anchors["Wednesday"] == "statement"
    assert anchors["March 4"] == "published"
