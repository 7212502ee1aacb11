"""The web page driven like a user, with Playwright and Debian's Chromium (issue 8).

The app is served by uvicorn on a free localhost port in a thread, over two ledgers: the one built by
hand in conftest.py, and the demo corpus (examples/) ingested end to end into a temporary database.
Skips when Chromium or Playwright is absent, except under CI=true, where that is a failure.

``FACTLEDGER_SCREENSHOT=docs/incident-page.png pytest tests/serve/test_browser.py -k screenshot``
remakes the README's picture of the incident page from the demo corpus.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from factledger.serve.api import create_app
from factledger.settings import load_settings
from factledger.store.db import Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _missing(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed")
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(store: Store, cache_dir: Path) -> Iterator[str]:
    import uvicorn

    settings = load_settings(environ={}).replace(cache_dir=str(cache_dir))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store, settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


_DEMO_SKIP: list[str] = []
"""Why the demo corpus makes no incidents, once known (pytest does not cache a fixture's skip)."""


def _ingest_demo(store: Store) -> None:
    if _DEMO_SKIP:
        pytest.skip(_DEMO_SKIP[0])
    from factledger.ingest import Ingester, load_metadata
    from factledger.pipeline import ingest

    settings = load_settings(environ={})
    sidecar, _ = load_metadata(EXAMPLES / "metadata.jsonl")
    ingester = Ingester(settings, metadata=sidecar)
    try:
        summary = ingest([str(EXAMPLES)], store=store, ingester=ingester)
    finally:
        ingester.close()
    if not summary.stored:
        pytest.fail(f"the demo corpus stored nothing: {summary.rejections}")
    if summary.not_built:
        _DEMO_SKIP.append(f"the demo corpus cannot make incidents yet: {summary.not_built}")
        pytest.skip(_DEMO_SKIP[0])


@pytest.fixture(scope="module", params=["hand-built", "demo-corpus"])
def site(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    ledger_builder: Callable[[Store], Any],
) -> Iterator[str]:
    folder = tmp_path_factory.mktemp(request.param)
    store = Store(f"sqlite:///{folder / 'factledger.db'}")
    if request.param == "hand-built":
        ledger_builder(store)
    else:
        if not (EXAMPLES / "metadata.jsonl").is_file():
            pytest.fail("examples/metadata.jsonl is missing")
        _ingest_demo(store)
    # Outlines are cached once per machine: building them takes seconds.
    yield from _serve(store, Path(str(load_settings(environ={}).cache_dir)))
    store.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def _api(site: str, path: str, **params: Any) -> Any:
    return httpx.get(site + path, params=params, timeout=30).json()


def test_list_filter_and_map_markers(site: str, page: Any) -> None:
    everything = _api(site, "/api/incidents", limit=500)
    assert everything["total"] >= 1
    page.goto(site + "/")
    assert page.locator("li.incident").count() == min(everything["total"], 50)

    geocoded = _api(site, "/api/incidents.geojson")["features"]
    assert geocoded, "no incident is geocoded"
    markers = page.locator("#map path.incident-marker")
    markers.first.wait_for(state="attached", timeout=15_000)
    assert markers.count() == len(geocoded)
    assert page.locator("#map").get_attribute("data-markers") == str(len(geocoded))

    # Filter by the place of the deadliest incident: it is listed, and the map follows the filter.
    top = max(everything["items"], key=lambda i: i["killed_best"] or 0)
    page.fill("input[name=q]", top["place_name"])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"q="))
    titles = page.locator("li.incident a.title").all_inner_texts()
    assert top["title"] in titles
    expected = _api(site, "/api/incidents", q=top["place_name"])["total"]
    assert len(titles) == expected <= everything["total"]
    page.locator("#map path.incident-marker").first.wait_for(state="attached", timeout=15_000)

    # "Only the map's area": the map shows every marker, so the bounding box keeps the incident.
    page.click("#in-view")
    page.wait_for_url(re.compile(r"bbox=-?\d"))
    assert top["title"] in page.locator("li.incident a.title").all_inner_texts()

    page.select_option("select[name=sort]", "-killed")
    page.fill("input[name=min_killed]", "100000")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"min_killed=100000"))
    assert page.locator("li.incident").count() == 0
    assert "No incident matches" in page.inner_text("main")


def test_open_incident_and_click_a_figure(site: str, page: Any) -> None:
    everything = _api(site, "/api/incidents", limit=500, sort="-killed")
    top = everything["items"][0]
    page.goto(site + "/")
    page.click(f"li.incident[data-id='{top['id']}'] a.title")
    page.wait_for_url(re.compile(re.escape(f"/incidents/{top['id']}")))
    assert page.inner_text("h1#title").strip()

    numbers = page.locator("#figures .timeline-list a.number:not([data-target=''])")
    assert numbers.count() >= 1, "the incident page shows no figure"
    link = numbers.first
    target = link.get_attribute("data-target")
    number_id = link.get_attribute("data-number")
    assert target
    sentence = page.locator(f"[id='{target}']")
    assert not sentence.is_visible()  # inside a closed report until the click
    link.click()
    page.wait_for_function(
        "id => document.getElementById(id).classList.contains('hl')", arg=target, timeout=5_000
    )
    assert sentence.is_visible()
    assert sentence.evaluate("el => el.closest('details').open")
    if number_id:
        number = page.locator(f"[id='{number_id}']")
        assert "hl-num" in (number.get_attribute("class") or "")
        digits = re.sub(r"\D", "", link.inner_text())
        stated = number.inner_text()
        assert digits in re.sub(r"\D", "", stated) or not digits.isdigit() or not stated[:1].isdigit()
    assert page.evaluate("location.hash") == f"#{target}"

    # The chart's points link to sentences the same way.
    points = page.locator("svg.timeline a.fig-link")
    if points.count():
        point_target = points.last.get_attribute("data-target")
        points.last.click()
        page.wait_for_function(
            "id => document.getElementById(id).classList.contains('hl')", arg=point_target, timeout=5_000
        )


def test_contradictions_are_flagged(site: str, page: Any) -> None:
    for item in _api(site, "/api/incidents", limit=500)["items"]:
        sheet = httpx.get(f"{site}/api/incidents/{item['id']}/factsheet", timeout=30)
        if sheet.status_code != 200:
            continue
        figures = sheet.json()["figures"]
        if any(f["claims"] or f["contradictions"] for f in figures):
            page.goto(f"{site}/incidents/{item['id']}")
            assert page.locator("#contradictions-flag").is_visible()
            assert page.locator(".figure.has-flag").count() >= 1
            return
    pytest.skip("no incident of this ledger has a contradiction or a claim")


@pytest.mark.parametrize("mobile", [True, False], ids=["phone", "narrow-window"])
def test_reads_on_a_phone(site: str, browser: Any, mobile: bool) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=mobile, has_touch=mobile)
    page = context.new_page()
    try:
        top = _api(site, "/api/incidents", sort="-killed")["items"][0]
        for path in ("/", f"/incidents/{top['id']}"):
            page.goto(site + path)
            # Against the device's width: on a phone the layout viewport grows with wide content.
            overflow = page.evaluate(
                "Math.max(...[...document.querySelectorAll('body *')]"
                ".filter(el => !el.closest('.leaflet-pane'))"  # the map clips its own layers
                ".map(el => el.getBoundingClientRect().right)) - 390"
            )
            assert overflow <= 1, f"{path} is wider than the screen by {overflow}px"
    finally:
        context.close()


def test_screenshot(site: str, browser: Any, request: pytest.FixtureRequest) -> None:
    out = os.environ.get("FACTLEDGER_SCREENSHOT")
    if not out or "demo-corpus" not in request.node.name:
        pytest.skip("set FACTLEDGER_SCREENSHOT=path to remake the README's screenshot (demo corpus)")
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, device_scale_factor=1)
    page = context.new_page()
    top = _api(site, "/api/incidents", sort="-killed")["items"][0]
    page.goto(f"{site}/incidents/{top['id']}")
    page.locator("#figures .timeline-list a.number").nth(1).click()
    page.wait_for_timeout(800)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=out)
    context.close()
