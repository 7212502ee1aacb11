"""The store-backed candidate source of clustering (issue 5)."""

from __future__ import annotations

import datetime as dt

from factledger.cluster import CandidateQuery, Clusterer, consolidate
from factledger.models import (
    Article,
    DatePrecision,
    EventDate,
    EventType,
    IncidentMention,
    Place,
    Report,
    TextSpan,
)
from factledger.store import Store
from factledger.store.incidents import StoreCandidates, list_incidents

DAY = dt.date(2024, 5, 6)
TOWN = Place(
    raw="Millbrook", name="Millbrook", span=TextSpan(start=0, end=1), lat=35.0, lon=-80.0, admin1="Carolina"
)


def _stored(store: Store, text: str, day: dt.date = DAY) -> tuple[Report, Article]:
    article = Article.create(text, published=day)
    mention = IncidentMention(
        index=0,
        event_type=EventType.SHOOTING,
        place=TOWN,
        date=EventDate(raw="Monday", start=day, end=day, precision=DatePrecision.DAY),
    )
    report = Report(article_id=article.id, published=day, mentions=(mention,))
    store.add([article], [report])
    return report, article


def test_reports_of_one_incident_share_a_stored_incident(fresh_store: Store) -> None:
    a = _stored(fresh_store, "Two teenagers were shot near the Pine Ridge skate park in Millbrook on Monday.")
    b = _stored(
        fresh_store, "Police named the two teenagers shot near the Pine Ridge skate park in Millbrook."
    )
    clusterer = Clusterer(source=StoreCandidates(fresh_store))
    first = clusterer.place(*a)[0]
    second = clusterer.place(*b)[0]
    assert first.incident_id == second.incident_id
    rows = list_incidents(fresh_store)
    assert len(rows) == 1 and sorted(rows[0]["report_ids"]) == sorted([a[0].article_id, b[0].article_id])


def test_a_new_clusterer_sees_what_an_earlier_one_stored(fresh_store: Store) -> None:
    a = _stored(
        fresh_store, "A clerk was wounded in a robbery at the Sunoco station on Elm Road in Millbrook."
    )
    b = _stored(
        fresh_store, "The Sunoco station clerk wounded in the Elm Road robbery in Millbrook is recovering."
    )
    first = Clusterer(source=StoreCandidates(fresh_store)).place(*a)[0]
    again = Clusterer(source=StoreCandidates(fresh_store))
    assert again.source.stats.documents == 1
    second = again.place(*b)[0]
    consolidate(again)
    assert second.incident_id == first.incident_id


def test_candidate_query_uses_dates_and_coordinates(fresh_store: Store) -> None:
    clusterer = Clusterer(source=StoreCandidates(fresh_store))
    for n in range(10):
        day = DAY + dt.timedelta(days=7 * n)
        clusterer.place(*_stored(fresh_store, f"Shooting {n} on Cedar Lane in Millbrook.", day))
    source = StoreCandidates(fresh_store)
    near = source.candidates(CandidateQuery(DAY, DAY + dt.timedelta(days=1), 35.0, -80.0))
    assert len(near) == 1
    assert not source.candidates(CandidateQuery(DAY, DAY, 10.0, 10.0))
