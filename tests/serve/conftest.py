"""A small ledger built by hand (articles, reports, incidents, fact sheets), written in our own words.

The serve tests read only the store, so they do not wait for extraction or reconciliation: the fact
sheets here are what reconciliation would give for these reports.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from factledger.models import (
    Article,
    Change,
    Damage,
    DatePrecision,
    EstimateValue,
    EventDate,
    EventType,
    FactSheet,
    Figure,
    FigureEstimate,
    FigureKind,
    FigureStatus,
    Party,
    Place,
    PlacePrecision,
    Qualifier,
    Quote,
    Report,
    SourceRef,
    TextSpan,
    TimelineEntry,
)
from factledger.serve.api import create_app
from factledger.serve.schemas import IngestResponse
from factledger.settings import load_settings
from factledger.store import schema as t
from factledger.store.db import Store

FIRST = (
    "A Russian ballistic missile hit a residential area of Kryvyi Rih on Friday evening. "
    "Ukrainian officials said at least 16 people were killed, including six children. "
    "More than 50 people were injured, and the regional governor Serhiy Lysak said more than 30 "
    'were in hospital. "The city is in mourning," the mayor said. '
    "Russia's defence ministry claimed the strike killed up to 85 military personnel at a restaurant."
)
SECOND = (
    "The toll from the missile strike on Kryvyi Rih rose to 18 on Sunday, among them nine children, "
    'officials said. "Every one of them was someone\'s whole world," President Zelensky said. '
    "Twenty apartment buildings and more than 30 vehicles were damaged."
)
KYIV = (
    "Three people were injured when a missile attack struck Kyiv overnight on Sunday, mayor Vitali "
    "Klitschko said. Debris fell on a warehouse in the Darnytskyi district."
)


def span(text: str, part: str) -> TextSpan:
    start = text.index(part)
    return TextSpan(start=start, end=start + len(part))


def sentence(text: str, part: str) -> TextSpan:
    """The sentence of ``text`` containing ``part`` (sentences end with '. ')."""
    at = text.index(part)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", at)
    return TextSpan(start=start, end=len(text) if end < 0 else end + 1)


def entry(article: Article, number: str, **fields: Any) -> TimelineEntry:
    sent = sentence(article.text, number)
    return TimelineEntry(
        report_id=article.id,
        outlet=article.outlet,
        published=article.published,
        sentence=sent.of(article.text),
        sentence_span=sent,
        number_span=span(article.text, number),
        **fields,
    )


def build_ledger(store: Store) -> dict[str, Any]:
    first = Article.create(
        FIRST,
        outlet="Example Wire",
        title="Missile strike kills 16 in Kryvyi Rih",
        published=dt.date(2025, 4, 5),
        url="https://example.invalid/kr-1",
    )
    second = Article.create(
        SECOND,
        outlet="Daily Example",
        title="Kryvyi Rih toll rises to 18",
        published=dt.date(2025, 4, 6),
        url="https://example.invalid/kr-2",
    )
    kyiv = Article.create(
        KYIV,
        outlet="Example Wire",
        title="Missile attack on Kyiv injures three",
        published=dt.date(2025, 4, 6),
    )
    place = Place(
        raw="Kryvyi Rih",
        name="Kryvyi Rih",
        span=span(FIRST, "Kryvyi Rih"),
        lat=47.91,
        lon=33.39,
        admin1="Dnipropetrovsk Oblast",
        country="Ukraine",
        country_code="UA",
        precision=PlacePrecision.TOWN,
        role="incident",
    )
    reports = [
        Report(
            article_id=first.id,
            published=first.published,
            figures=(
                Figure(
                    kind=FigureKind.KILLED,
                    value=16,
                    qualifier=Qualifier.AT_LEAST,
                    source="Ukrainian officials",
                    party=Party.GOVERNMENT,
                    sentence=sentence(FIRST, "at least 16"),
                    number=span(FIRST, "at least 16"),
                ),
                Figure(
                    kind=FigureKind.KILLED,
                    value=85,
                    qualifier=Qualifier.UP_TO,
                    group="military",
                    source="Russia's defence ministry",
                    party=Party.MILITARY,
                    status=FigureStatus.CLAIM,
                    sentence=sentence(FIRST, "up to 85"),
                    number=span(FIRST, "up to 85"),
                ),
            ),
            quotes=(
                Quote(
                    text="The city is in mourning,",
                    span=span(FIRST, "The city is in mourning,"),
                    speaker="the mayor",
                    mention=0,
                ),
            ),
        ),
        Report(
            article_id=second.id,
            published=second.published,
            figures=(
                Figure(
                    kind=FigureKind.KILLED,
                    value=18,
                    source="officials",
                    party=Party.GOVERNMENT,
                    sentence=sentence(SECOND, "to 18"),
                    number=span(SECOND, "18"),
                ),
            ),
        ),
        Report(
            article_id=kyiv.id,
            published=kyiv.published,
            figures=(
                Figure(
                    kind=FigureKind.INJURED,
                    value=3,
                    source="mayor Vitali Klitschko",
                    party=Party.GOVERNMENT,
                    sentence=sentence(KYIV, "Three people"),
                    number=span(KYIV, "Three"),
                ),
            ),
        ),
    ]
    store.add([first, second, kyiv], reports)

    killed = FigureEstimate(
        kind=FigureKind.KILLED,
        low=EstimateValue(value=18, reason="latest report, at least"),
        best=EstimateValue(
            value=18, reason="latest report, 6 Apr 2025, supersedes 16 of 5 Apr", report_id=second.id
        ),
        high=EstimateValue(value=None, reason="no upper bound stated"),
        timeline=(
            entry(
                first,
                "at least 16",
                value=16,
                qualifier=Qualifier.AT_LEAST,
                source="Ukrainian officials",
                party=Party.GOVERNMENT,
                relation="first",
                status=FigureStatus.EARLIER,
            ),
            entry(second, "18", value=18, source="officials", party=Party.GOVERNMENT, relation="update"),
        ),
        claims=(
            entry(
                first,
                "up to 85",
                value=85,
                qualifier=Qualifier.UP_TO,
                source="Russia's defence ministry",
                party=Party.MILITARY,
                relation="claim",
                status=FigureStatus.CLAIM,
            ),
        ),
        contradictions=("Russia's defence ministry claims up to 85 military personnel killed",),
    )
    children = FigureEstimate(
        kind=FigureKind.KILLED,
        group="children",
        best=EstimateValue(value=9, reason="latest report supersedes 6"),
        low=EstimateValue(value=9),
        high=EstimateValue(value=9),
        timeline=(
            entry(first, "six", value=6, source="Ukrainian officials", relation="first"),
            entry(second, "nine", value=9, source="officials", relation="update"),
        ),
    )
    injured = FigureEstimate(
        kind=FigureKind.INJURED,
        low=EstimateValue(value=51, reason="more than 50"),
        best=EstimateValue(value=51, reason="more than 50"),
        timeline=(entry(first, "More than 50", value=50, qualifier=Qualifier.MORE_THAN, relation="first"),),
    )
    kr_sheet = FactSheet(
        incident_id="inc-kr",
        title="Missile strike, Kryvyi Rih, Ukraine, 4 Apr 2025",
        event_type=EventType.SHELLING_ARTILLERY_MISSILE,
        date=EventDate(
            raw="Friday evening",
            start=dt.date(2025, 4, 4),
            end=dt.date(2025, 4, 4),
            precision=DatePrecision.DAY,
        ),
        place=place,
        perpetrator="Russia",
        weapons=("ballistic missile",),
        figures=(killed, children, injured),
        damage=(
            Damage(
                what="apartment buildings",
                count=20,
                span=span(SECOND, "Twenty apartment buildings"),
                report_id=second.id,
            ),
        ),
        quotes=(
            Quote(
                text="The city is in mourning,",
                span=span(FIRST, "The city is in mourning,"),
                speaker="the mayor",
                report_id=first.id,
            ),
            Quote(
                text="Every one of them was someone's whole world,",
                span=span(SECOND, "Every one of them was someone's whole world,"),
                speaker="President Zelensky",
                speaker_name="Volodymyr Zelensky",
                report_id=second.id,
            ),
        ),
        sources=(
            SourceRef(report_id=first.id, outlet=first.outlet, title=first.title, published=first.published),
            SourceRef(
                report_id=second.id, outlet=second.outlet, title=second.title, published=second.published
            ),
        ),
        first_report=first.published,
        last_report=second.published,
    )
    kyiv_sheet = FactSheet(
        incident_id="inc-kyiv",
        title="Missile attack, Kyiv, Ukraine, 6 Apr 2025",
        event_type=EventType.SHELLING_ARTILLERY_MISSILE,
        date=EventDate(
            raw="overnight on Sunday",
            start=dt.date(2025, 4, 6),
            end=dt.date(2025, 4, 6),
            precision=DatePrecision.DAY,
        ),
        place=Place(
            raw="Kyiv",
            name="Kyiv",
            span=span(KYIV, "Kyiv"),
            lat=50.45,
            lon=30.52,
            admin1="Kyiv City",
            country="Ukraine",
            country_code="UA",
        ),
        figures=(
            FigureEstimate(
                kind=FigureKind.INJURED,
                best=EstimateValue(value=3),
                low=EstimateValue(value=3),
                high=EstimateValue(value=3),
                timeline=(entry(kyiv, "Three", value=3, source="mayor Vitali Klitschko"),),
            ),
        ),
        sources=(SourceRef(report_id=kyiv.id, outlet=kyiv.outlet, published=kyiv.published),),
        first_report=kyiv.published,
        last_report=kyiv.published,
    )
    now = dt.datetime(2025, 4, 6, 12, tzinfo=dt.UTC)
    with store.transaction() as conn:
        for sheet, killed_best, injured_best, n in ((kr_sheet, 18, 51, 2), (kyiv_sheet, 0, 3, 1)):
            assert sheet.place is not None and sheet.date is not None
            conn.execute(
                insert(t.incidents).values(
                    id=sheet.incident_id,
                    event_type=sheet.event_type.value,
                    date_start=sheet.date.start,
                    date_end=sheet.date.end,
                    date_precision=sheet.date.precision.value,
                    place_name=sheet.place.name,
                    admin1=sheet.place.admin1,
                    country=sheet.place.country,
                    country_code=sheet.place.country_code,
                    lat=sheet.place.lat,
                    lon=sheet.place.lon,
                    title=sheet.title,
                    killed_best=killed_best,
                    injured_best=injured_best,
                    n_reports=n,
                    created_at=now,
                    updated_at=now,
                )
            )
            conn.execute(
                insert(t.fact_sheets).values(
                    incident_id=sheet.incident_id, data=sheet.model_dump_json(), updated_at=now
                )
            )
        conn.execute(
            insert(t.incident_mentions),
            [
                {
                    "report_id": first.id,
                    "mention": 0,
                    "incident_id": "inc-kr",
                    "score": 1.0,
                    "assigned_at": now,
                },
                {
                    "report_id": second.id,
                    "mention": 0,
                    "incident_id": "inc-kr",
                    "score": 0.9,
                    "assigned_at": now,
                },
                {
                    "report_id": kyiv.id,
                    "mention": 0,
                    "incident_id": "inc-kyiv",
                    "score": 1.0,
                    "assigned_at": now,
                },
            ],
        )
        conn.execute(
            insert(t.incident_links),
            [{"incident_id": "inc-kr", "other_id": "inc-kyiv", "relation": "same_campaign"}],
        )
        change = Change(
            incident_id="inc-kr",
            field="killed/all best",
            old=16,
            new=18,
            report_id=second.id,
            at=now,
            note="update",
        )
        conn.execute(insert(t.changes).values(**change.model_dump()))
    return {"first": first, "second": second, "kyiv": kyiv, "kr_sheet": kr_sheet, "kyiv_sheet": kyiv_sheet}


@pytest.fixture(scope="session")
def ledger_builder() -> Callable[[Store], dict[str, Any]]:
    """Fills a store with the hand-built ledger (for fixtures of wider scope)."""
    return build_ledger


@pytest.fixture(scope="session")
def ledger_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built ledger, migrated and filled once; tests get a copy."""
    path = tmp_path_factory.mktemp("ledger") / "factledger.db"
    with Store(f"sqlite:///{path}") as store:
        build_ledger(store)
        with store.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def ledger_store(ledger_file: Path, tmp_path: Path) -> Iterator[Store]:
    copy = tmp_path / "factledger.db"
    shutil.copyfile(ledger_file, copy)
    store = Store(f"sqlite:///{copy}")
    yield store
    store.close()


@pytest.fixture
def ingested() -> list[Article]:
    return []


@pytest.fixture
def client(ledger_store: Store, ingested: list[Article], tmp_path: Any) -> Iterator[TestClient]:
    settings = load_settings(environ={}).replace(api_token="s3cret", cache_dir=str(tmp_path))

    def ingest(store: Store, article: Article) -> IngestResponse:
        ingested.append(article)
        result = store.add([article])
        return IngestResponse(article_id=article.id, stored=bool(result.stored), incidents=["inc-kr"])

    app = create_app(ledger_store, settings, ingest=ingest)
    with TestClient(app) as test_client:
        yield test_client
