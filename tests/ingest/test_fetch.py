"""Fetching URLs and feeds without network: httpx.MockTransport and a fake resolver (issue 2)."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from factledger.errors import FetchError, TransientFetchError
from factledger.ingest import Fetcher, Ingester
from factledger.models import Article, Rejection
from factledger.settings import load_settings

PAGE = """<html><head><title>Port shelled</title>
<meta property="article:published_time" content="2025-04-06"></head><body><article>
<p>Artillery shelled the port district on Sunday, killing three dock workers, the regional police said.</p>
<p>Two cargo ships were damaged and the harbour was closed until further notice, officials added.</p>
<p>Firefighters needed four hours to put out the fires in the warehouses along the quay.</p>
</article></body></html>"""

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quay News</title>
<item><title>Port shelled</title><link>https://quay.example/p/1</link><pubDate>Sun, 06 Apr 2025 10:00:00 GMT</pubDate>
<description>Artillery shelled the port district on Sunday, killing three dock workers, police said.</description></item>
</channel></rss>"""

PUBLIC = {"quay.example": ["93.184.216.34"], "evil.example": ["10.0.0.7"], "big.example": ["93.184.216.35"]}


def _handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/page":
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html; charset=utf-8"})
    if path == "/feed":
        return httpx.Response(200, text=FEED, headers={"content-type": "application/rss+xml"})
    if path == "/moved":
        return httpx.Response(302, headers={"location": "http://127.0.0.1/admin"})
    if path == "/huge":
        return httpx.Response(200, content=b"x" * 5000, headers={"content-type": "text/plain"})
    if path == "/down":
        return httpx.Response(503)
    if path == "/slow":
        raise httpx.ReadTimeout("too slow", request=request)
    return httpx.Response(404)


def _fetcher(**kwargs: object) -> Fetcher:
    return Fetcher(
        transport=httpx.MockTransport(_handler),
        resolver=lambda host: PUBLIC.get(host, ["93.184.216.40"]),
        **kwargs,  # type: ignore[arg-type]
    )


def _ingest(url: str, fetcher: Fetcher) -> list[Article | Rejection]:
    return list(Ingester(load_settings(environ={}), fetcher=fetcher).read_all([url]))


def test_a_page_url_becomes_an_article() -> None:
    [article] = _ingest("https://quay.example/page", _fetcher())
    assert isinstance(article, Article)
    assert article.url == "https://quay.example/page" and article.outlet == "quay.example"
    assert article.published == dt.date(2025, 4, 6)
    assert article.text.startswith("Artillery shelled the port district")


def test_a_feed_url_gives_its_entries() -> None:
    [article] = _ingest("https://quay.example/feed", _fetcher())
    assert isinstance(article, Article)
    assert article.url == "https://quay.example/p/1" and article.published == dt.date(2025, 4, 6)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/page", "refused"),
        ("http://[::1]/page", "refused"),
        ("http://169.254.169.254/latest/meta-data", "refused"),
        ("https://evil.example/page", "refused"),  # a public name resolving to a private address
        ("https://quay.example/moved", "refused"),  # a redirect to a private address
        ("https://quay.example/missing", "fetch_failed"),
        ("https://quay.example/down", "fetch_failed"),
        ("https://quay.example/slow", "fetch_failed"),
    ],
)
def test_bad_urls_are_rejected_with_a_reason(url: str, reason: str) -> None:
    [rejection] = _ingest(url, _fetcher())
    assert isinstance(rejection, Rejection)
    assert (rejection.source, rejection.reason) == (url, reason)


def test_size_cap_applies_to_fetched_bodies() -> None:
    with pytest.raises(FetchError) as info:
        _fetcher(max_bytes=1000).fetch("https://big.example/huge")
    assert info.value.reason == "oversized"


def test_server_errors_and_timeouts_are_transient() -> None:
    for path in ("/down", "/slow"):
        with pytest.raises(TransientFetchError):
            _fetcher().fetch("https://quay.example" + path)


def test_private_addresses_are_allowed_when_the_setting_says_so() -> None:
    fetched = _fetcher(allow_private=True).fetch("http://127.0.0.1/page")
    assert fetched.data.startswith(b"<html>")
