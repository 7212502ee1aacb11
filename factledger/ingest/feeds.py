"""RSS and Atom feeds (feedparser). Entries that carry their text become articles.

Many feeds carry only a teaser; an entry whose content is shorter than the minimum article length
is rejected like any short item, with the entry's link in the detail so it can be ingested as a URL.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import feedparser
from lxml import etree, html

from factledger.errors import IngestError
from factledger.ingest.draft import Draft, outlet_of

__all__ = ["html_fragment_text", "iter_feed", "looks_like_feed"]

_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")


def looks_like_feed(head: bytes) -> bool:
    sample = head[:2048].lstrip().lower()
    if sample.startswith(b"<?xml"):
        sample = sample[sample.find(b"?>") + 2 :].lstrip()
        while sample.startswith(b"<!--") or sample.startswith(b"<?"):
            end = sample.find(b">")
            sample = sample[end + 1 :].lstrip() if end >= 0 else b""
    return sample.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))


def html_fragment_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one paragraph per block element."""
    if "<" not in fragment:
        return fragment
    try:
        root = html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    return str(root.text_content())


def _date(entry: Any, key: str) -> dt.date | None:
    # dict.get, not entry.get: feedparser's own lookup maps a missing updated date to the published one.
    parsed = dict.get(entry, f"{key}_parsed")
    if isinstance(parsed, time.struct_time):
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return html_fragment_text(best if len(best) >= len(summary) else summary)


def iter_feed(data: bytes, *, source: str, feed_url: str | None = None) -> Iterator[Draft | IngestError]:
    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.get("entries"):
        raise IngestError(f"not a readable feed: {parsed.get('bozo_exception')}", source=source)
    feed = parsed.get("feed", {})
    feed_outlet = outlet_of(feed.get("link") or feed_url) or feed.get("title")
    for i, entry in enumerate(parsed.get("entries", [])):
        link = entry.get("link")
        where = f"{source}#{i + 1}"
        text = _entry_text(entry).strip()
        if not text:
            yield IngestError(f"entry has no content (link: {link})", reason="empty", source=where)
            continue
        published = _date(entry, "published") or _date(entry, "updated")
        yield Draft(
            text=text,
            source=where,
            title=entry.get("title"),
            url=link,
            outlet=outlet_of(link) or feed_outlet,
            published=published,
            updated=_date(entry, "updated"),
            language=(feed.get("language") or "")[:2] or None,
            external_id=entry.get("id"),
        )
