"""The web page's HTML without a browser: links point at existing anchors, marks nest (issue 8)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from factledger.models import EstimateValue, FigureEstimate, FigureKind, Qualifier, TextSpan, TimelineEntry
from factledger.serve.web.charts import timeline_svg
from factledger.serve.web.text import Mark, mark_text


def test_list_page_and_filters(client: TestClient) -> None:
    html = client.get("/").text
    assert html.count('class="incident"') == 2
    assert html.count("⚠ contested figures") == 1  # Kryvyi Rih: the ministry's claim
    assert 'src="/static/leaflet/leaflet.js"' in html
    assert "https://" not in re.sub(r'href="https://example\.invalid[^"]*"', "", html)  # no CDN
    filtered = client.get("/", params={"q": "kyiv", "country": "UA"}).text
    assert filtered.count('class="incident"') == 1 and "Missile attack, Kyiv" in filtered
    assert 'data-source="/api/incidents.geojson?q=kyiv&amp;country=UA"' in filtered
    bad = client.get("/", params={"date_from": "soon"}).text
    assert "date_from must be a date" in bad


def test_every_figure_link_has_its_sentence(client: TestClient) -> None:
    html = client.get("/incidents/inc-kr").text
    targets = set(re.findall(r'data-target="([^"]+)"', html))
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert targets and targets <= ids
    numbers = {n for n in re.findall(r'data-number="([^"]*)"', html) if n}
    assert numbers and numbers <= ids
    assert 'id="contradictions-flag"' in html
    assert "Volodymyr Zelensky" in html  # quotes grouped by resolved speaker
    assert "killed/all best" in html  # the change record


def test_unknown_incident_page_is_404(client: TestClient) -> None:
    response = client.get("/incidents/nope")
    assert response.status_code == 404 and "No incident nope" in response.text


def test_static_assets_are_local(client: TestClient) -> None:
    for path in ("/static/app.css", "/static/map.js", "/static/incident.js", "/static/leaflet/leaflet.css"):
        assert client.get(path).status_code == 200, path


def test_marks_nest_and_crossing_marks_are_dropped() -> None:
    text = "Officials said 16 <people> died. Later more."
    marks = [
        Mark(0, 32, "span", "sent", "s-1"),
        Mark(15, 17, "b", "num", "n-1"),
        Mark(25, 40, "q", "quote", "q-1"),  # crosses the sentence's end: left out
    ]
    html = str(mark_text(text, marks))
    assert html.startswith('<span class="sent" id="s-1">Officials said <b class="num" id="n-1">16</b>')
    assert "&lt;people&gt;" in html and "q-1" not in html
    assert html.endswith("</span> Later more.")


def _entry(value: int, day: int, relation: str = "first", at: int = 2) -> TimelineEntry:
    import datetime as dt

    return TimelineEntry(
        report_id=f"r{day}",
        published=dt.date(2025, 4, day),
        value=value,
        qualifier=Qualifier.AT_LEAST if relation == "first" else Qualifier.EXACT,
        sentence_span=TextSpan(start=0, end=10),
        number_span=TextSpan(start=at, end=at + 2),
        relation=relation,
    )


def test_timeline_chart_links_each_point() -> None:
    est = FigureEstimate(
        kind=FigureKind.KILLED,
        best=EstimateValue(value=18),
        timeline=(_entry(16, 5), _entry(18, 6, "update")),
        claims=(_entry(85, 5, "claim", at=6),),
    )
    svg = str(timeline_svg(est, "killed"))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('class="fig-link"') == 3
    assert "≥16" in svg and ">18<" in svg and "best 18" in svg
    assert "85 ↑" in svg  # a claim far above the estimate is pinned to the top
    assert 'data-target="s-r5-0-10"' in svg and 'data-number="n-r6-2-4"' in svg
    assert str(timeline_svg(FigureEstimate(kind=FigureKind.KILLED), "killed")) == ""


def test_a_claim_also_in_the_timeline_is_drawn_once_and_details_not_at_all() -> None:
    est = FigureEstimate(
        kind=FigureKind.KILLED,
        group="military",
        timeline=(_entry(85, 5, "first", at=6), _entry(3, 5, "detail", at=9)),
        claims=(_entry(85, 5, "claim", at=6),),
    )
    svg = str(timeline_svg(est, "killed military"))
    assert svg.count('class="fig-link"') == 1 and "<polygon" in svg


def test_best_estimate_links_to_the_figure_that_gives_it(client: TestClient) -> None:
    html = client.get("/incidents/inc-kr").text
    best = re.search(r'<a class="est-value fig-link" href="#([^"]+)"', html)
    assert best is not None
    assert f'id="{best.group(1)}"' in html
